import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from '../kernel/errors.ts';
import { isUniqueViolation } from '../store/db.ts';
import { ERROR_MESSAGES } from '../shared/errors.ts';
import { fieldErrors } from './validation.ts';

/** The one place that turns anything thrown into `{code, message, details}`; never a stack trace. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError | Error, req, reply) => {
    if (err instanceof DomainError) {
      // One shape for the UI: a refusal about one field also lists it in details.fields.
      const details = err.details && typeof err.details.field === 'string' && !err.details.fields
        ? { ...err.details, fields: [{ field: err.details.field, message: err.message }] }
        : err.details;
      if (err.status === 503 && typeof err.details?.retryAfterSeconds === 'number') reply.header('retry-after', String(err.details.retryAfterSeconds));
      return reply.status(err.status).send({ code: err.code, message: err.message, ...(details ? { details } : {}) });
    }
    if (isUniqueViolation(err)) return send(reply, 409, 'conflict');
    const fe = err as FastifyError;
    if (fe.validation) {
      const fields = fieldErrors(fe.validation as never, fe.validationContext ?? 'body');
      return reply.status(400).send({
        code: 'validation-failed',
        message: `${ERROR_MESSAGES['validation-failed'].zh}：${fields.map((f) => `${f.field} ${f.message}`).join('；')}`,
        details: { fields },
      });
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, 400, 'malformed-json');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, 415, 'unsupported-media-type');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, 413, 'payload-too-large');
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      // JSON.parse errors raised by the content parser carry 400 without a dedicated code.
      if (err instanceof SyntaxError) return send(reply, 400, 'malformed-json');
      return reply.status(fe.statusCode).send({ code: 'bad-request', message: '请求不合法', details: { reason: fe.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, 500, 'internal-error');
  });
}

export function send(reply: import('fastify').FastifyReply, status: number, code: keyof typeof ERROR_MESSAGES, details?: Record<string, unknown>) {
  return reply.status(status).send({ code, message: ERROR_MESSAGES[code].zh, ...(details ? { details } : {}) });
}
