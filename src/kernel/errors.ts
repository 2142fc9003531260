import { ERROR_MESSAGES, type ErrorCode } from '../shared/errors.ts';

/**
 * A refusal the user can act on: a stable kebab-case `code` for programs, a Chinese `message`
 * for people, and `details` naming the offending fields or, for a legal refusal, the article.
 * Thrown inside a transaction it rolls the transaction back, so a refused request changes nothing.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  /** `code` must be in the shared catalogue, so the UI always has a message for it. */
  constructor(code: ErrorCode, message: string, status = 400, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** A DomainError for a code of the shared catalogue, with its standard Chinese message. */
export function fail(code: ErrorCode, status: number, details?: Record<string, unknown>, message?: string): DomainError {
  return new DomainError(code, message ?? ERROR_MESSAGES[code].zh, status, details);
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('not-found', `${what}不存在：${id}`, 404, { id });
}
