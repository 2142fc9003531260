import { Type, type TSchema } from '@sinclair/typebox';
import { DomainError } from '../kernel/errors.ts';

/** `{code, message, details}` — the body of every error response. */
export const ErrorResponse = Type.Object(
  {
    code: Type.String({ description: 'stable kebab-case error code' }),
    message: Type.String({ description: 'Chinese message for people' }),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'ErrorResponse', description: '错误' },
);

export const errorResponses = {
  400: Type.Ref('ErrorResponse'),
  404: Type.Ref('ErrorResponse'),
} as const;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/** A request body: unknown fields are refused, never silently dropped. */
export function Body<T extends Record<string, TSchema>>(props: T, description?: string) {
  return Type.Object(props, { additionalProperties: false, ...(description ? { description } : {}) });
}

/** A short human text (a name, a reason): never empty or blank, bounded. */
export function Text(maxLength: number, description?: string) {
  return Type.String({ minLength: 1, maxLength, pattern: '\\S', ...(description ? { description } : {}) });
}

/** A change reason, recorded in the ledger with the change. */
export const Reason = Type.Optional(Type.Union([Type.String({ maxLength: 500, pattern: '\\S' }), Type.Null()], { description: '变更原因' }));

/** No query parameters: unknown ones are refused like unknown body fields. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

/** Reads an `If-Match: "<version>"` header; a malformed one is a 400, not a version mismatch. */
export function ifMatchVersion(header: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(raw.trim());
  if (!m) throw new DomainError('validation-failed', 'If-Match 请求头应为版本号，如 "3"', 400, { fields: [{ field: 'If-Match', message: '格式不正确' }] });
  return Number(m[1]);
}
