/**
 * A legal refusal as a value: the API's error shape, with the article it rests on. Rules return
 * these; services throw them as DomainErrors, so the same words reach the API and the UI.
 */
export interface Refusal {
  code: string;
  message: string;
  details: { article?: string } & Record<string, unknown>;
}

export type Verdict = { ok: true } | ({ ok: false } & Refusal);

export const ALLOWED: Verdict = { ok: true };

export function refuse(code: string, message: string, details: Refusal['details']): Verdict {
  return { ok: false, code, message, details };
}
