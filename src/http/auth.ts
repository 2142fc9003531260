import { timingSafeEqual } from 'node:crypto';
import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../context.ts';
import { fail } from '../kernel/errors.ts';
import { mayEver, type Action, type Principal } from '../modules/identity/access.policy.ts';
import { ForbiddenError } from '../modules/identity/access.service.ts';
import { authenticateSession, authenticateToken, recordPermissionDenied, type SessionAuth } from '../modules/identity/auth.service.ts';

export const SESSION_COOKIE = 'sx_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The action this route performs; the access policy decides who may. 'self': any logged-in user, about themselves. */
    action?: Action | 'self';
    /**
     * Another action that also lets a caller in, the service then checking which object: an
     * external legal adviser (review.co-review) reads the cases it co-reviews without case.read.
     */
    orAction?: Action;
    /** No login needed (health, login, public portal). */
    public?: boolean;
    /** The refusal's words when the law reserves the act to a role (e.g. Art 57: the agency head). */
    refusal?: { message: string; article: string };
  }
  interface FastifyRequest {
    principal: Principal | null;
    session: SessionAuth | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Compares a presented token with the expected one in constant time. */
export function sameToken(presented: string | string[] | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The logged-in principal of a route that is not public. */
export function principal(req: FastifyRequest): Principal {
  if (!req.principal) throw fail('unauthenticated', 401);
  return req.principal;
}

/**
 * Authentication for every API route: a session cookie (with a CSRF token on writes) or a
 * bearer API token. A route must say either `public` or which `action` it performs — the server
 * refuses to start otherwise, so no route can forget its access check.
 */
export function registerAuth(app: FastifyInstance, ctx: Ctx): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);

  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/') || r.url.startsWith('/api/docs') || r.url === '/api/openapi.json') return;
    const cfg = (r.config ?? {}) as { action?: Action | 'self'; public?: boolean };
    if (!cfg.public && !cfg.action) throw new Error(`Route ${String(r.method)} ${r.url} declares neither an action nor public`);
  });

  // preValidation, not preHandler: an anonymous caller learns nothing from field-level errors.
  app.addHook('preValidation', async (req) => {
    const cfg = req.routeOptions.config as { action?: Action | 'self'; orAction?: Action; public?: boolean; refusal?: { message: string; article: string } } | undefined;
    if (!cfg || cfg.public || !cfg.action) return;
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      req.principal = await authenticateToken(ctx, bearer);
      if (!req.principal) throw fail('unauthenticated', 401, { reason: 'invalid-token' });
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      req.session = cookie ? await authenticateSession(ctx, cookie) : null;
      if (!req.session) throw fail('unauthenticated', 401);
      req.principal = req.session.principal;
      // Cookies ride along with cross-site requests; a write must also prove it came from our page.
      if (!SAFE_METHODS.has(req.method) && !sameToken(req.headers['x-csrf-token'], req.session.csrfToken)) {
        throw fail('csrf-token-invalid', 403);
      }
    }
    if (cfg.action !== 'self' && !mayEver(req.principal, cfg.action) && !(cfg.orAction && mayEver(req.principal, cfg.orAction))) throw new ForbiddenError(cfg.action, null, cfg.refusal);
  });

  // Permission denials are security events: recorded after the refusal, in their own transaction.
  app.addHook('onError', async (req, _reply, err) => {
    if (err instanceof ForbiddenError && req.principal) {
      await recordPermissionDenied(ctx, req.principal, { method: req.method, url: req.url, ...(err.details ?? {}) });
    }
  });
}
