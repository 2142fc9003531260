/**
 * A legal refusal as a value: the API's error shape, with the article it rests on. Rules return
 * these; services throw them as DomainErrors, so the same words reach the API and the UI.
 */
import type { ErrorCode } from '../shared/errors.ts';
import { DomainError } from './errors.ts';

export interface Refusal {
  code: ErrorCode;
  message: string;
  details: { article?: string } & Record<string, unknown>;
}

export type Verdict = { ok: true } | ({ ok: false } & Refusal);

export const ALLOWED: Verdict = { ok: true };

export function refuse(code: ErrorCode, message: string, details: Refusal['details']): Verdict {
  return { ok: false, code, message, details };
}

/** Throws the refusal as the API's error (409 unless the caller says the input itself is wrong). */
export function throwIf<V extends Verdict | { ok: true }>(v: V, status = 409): asserts v is Extract<V, { ok: true }> {
  if (!v.ok) throw new DomainError(v.code, v.message, status, v.details);
}
