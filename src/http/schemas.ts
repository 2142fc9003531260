import { Type, type TSchema } from '@sinclair/typebox';

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

/** A short human text (a name): trimmed by the client, never empty, bounded. */
export function Text(maxLength: number, description?: string) {
  return Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });
}

/** A change reason, recorded in the ledger with the change. */
export const Reason = Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: '变更原因' }));

/** Reads an `If-Match: "<version>"` header. */
export function ifMatchVersion(header: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(raw.trim());
  return m ? Number(m[1]) : -1;
}
