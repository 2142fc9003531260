import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal, sameToken, SESSION_COOKIE } from '../../http/auth.ts';
import { Body, errorResponses, IdParams, Text } from '../../http/schemas.ts';
import { fail } from '../../kernel/errors.ts';
import { ROLES, type Role } from '../../shared/roles.ts';
import { ACTIONS, type Principal } from './access.policy.ts';
import { agenciesVisible } from './access.service.ts';
import type { Me } from '../../shared/api.ts';
import { AUTH_POLICY, authenticateSession, changeOwnPassword, issueToken, listTokens, login, logout, revokeToken } from './auth.service.ts';

const tags = ['登录与令牌 auth'];

/** The logged-in user as the web app needs it: roles with agency and unit names. */
async function me(ctx: Ctx, p: Principal): Promise<Me> {
  const agencyIds = p.grants.map((g) => g.agencyId).filter((a): a is string => !!a);
  const unitIds = p.grants.map((g) => g.unitId).filter((u): u is string => !!u);
  const agencies = agencyIds.length ? await ctx.db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', agencyIds).execute() : [];
  const units = unitIds.length ? await ctx.db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute() : [];
  const user = await ctx.db.selectFrom('users').select('legal_qualification_no').where('id', '=', p.id).executeTakeFirst();
  const permissions = {} as Me['permissions'];
  for (const action of ACTIONS) {
    const where = await agenciesVisible(ctx.db, p, action);
    permissions[action] = where === 'all' ? 'all' : [...where].sort();
  }
  return {
    permissions,
    id: p.id,
    username: p.username,
    displayName: p.displayName,
    legalQualificationNo: user?.legal_qualification_no ?? null,
    roles: p.grants.map((g) => ({
      role: g.role,
      agencyId: g.agencyId,
      agencyName: agencies.find((a) => a.id === g.agencyId)?.name ?? null,
      unitId: g.unitId,
      unitName: units.find((u) => u.id === g.unitId)?.name ?? null,
    })),
  };
}

const MeSchema = Type.Object(
  {
    user: Type.Object({
      id: Type.String(),
      username: Type.String(),
      displayName: Type.String(),
      legalQualificationNo: Type.Union([Type.String(), Type.Null()]),
      permissions: Type.Record(Type.String(), Type.Union([Type.Literal('all'), Type.Array(Type.String())]), { description: '每项操作可在哪些机构进行（all 为全部）' }),
      roles: Type.Array(
        Type.Object({
          role: Type.String(),
          agencyId: Type.Union([Type.String(), Type.Null()]),
          agencyName: Type.Union([Type.String(), Type.Null()]),
          unitId: Type.Union([Type.String(), Type.Null()]),
          unitName: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
    csrfToken: Type.String(),
  },
  { $id: 'Me' },
);

const TokenSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    agencyId: Type.String(),
    role: Type.String(),
    createdBy: Type.String(),
    createdAt: Type.String(),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
    token: Type.Optional(Type.String({ description: '仅在创建时返回一次' })),
  },
  { $id: 'ApiToken' },
);

export async function authRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addSchema(MeSchema);
  app.addSchema(TokenSchema);

  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', {
    config: { public: true },
    schema: {
      tags,
      summary: '登录（设置 HttpOnly 会话 Cookie，返回 CSRF 令牌）',
      body: Body({ username: Text(64), password: Type.String({ minLength: 1, maxLength: 256 }) }),
      response: { 200: Type.Ref('Me'), 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 423: Type.Ref('ErrorResponse'), 400: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const r = await login(ctx, req.body.username, req.body.password, { ip: req.ip });
      reply.setCookie(SESSION_COOKIE, r.sessionToken, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: req.protocol === 'https' || process.env.SANXIANG_SECURE_COOKIES === '1',
        maxAge: AUTH_POLICY.absoluteHours * 3600,
      });
      return { user: await me(ctx, r.principal), csrfToken: r.csrfToken };
    },
  });

  app.post('/api/auth/logout', {
    config: { public: true },
    schema: { tags, summary: '退出登录', response: { 204: Type.Null() } },
    handler: async (req, reply) => {
      // Logout is public so that an expired session can still clear its cookie.
      const cookie = req.cookies[SESSION_COOKIE];
      const session = cookie ? await authenticateSession(ctx, cookie) : null;
      if (session) {
        if (!sameToken(req.headers['x-csrf-token'], session.csrfToken)) throw fail('csrf-token-invalid', 403);
        await logout(ctx, session);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });

  app.get('/api/auth/me', {
    config: { action: 'self' },
    schema: { tags, summary: '当前用户', response: { 200: Type.Ref('Me'), 401: Type.Ref('ErrorResponse') } },
    handler: async (req) => ({ user: await me(ctx, principal(req)), csrfToken: req.session?.csrfToken ?? '' }),
  });

  app.post<{ Body: { currentPassword: string; newPassword: string } }>('/api/auth/password', {
    config: { action: 'self' },
    schema: {
      tags,
      summary: '修改自己的密码（其他会话随之失效）',
      body: Body({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) }),
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      if (!req.session) throw fail('unauthenticated', 401);
      await changeOwnPassword(ctx, req.session, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send();
    },
  });

  app.get<{ Querystring: { agencyId: string } }>('/api/tokens', {
    config: { action: 'token.manage' },
    schema: {
      tags,
      summary: 'API 令牌列表（按机构）',
      querystring: Type.Object({ agencyId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
      response: { 200: Type.Array(Type.Ref('ApiToken')), ...errorResponses },
    },
    handler: async (req) => listTokens(ctx, principal(req), req.query.agencyId),
  });

  app.post<{ Body: { name: string; agencyId: string; role: Role } }>('/api/tokens', {
    config: { action: 'token.manage' },
    schema: {
      tags,
      summary: '签发 API 令牌（系统间调用；只保存哈希，明文仅返回一次）',
      body: Body({ name: Text(100), agencyId: Type.String({ maxLength: 64 }), role: Type.Union(ROLES.map((r) => Type.Literal(r))) }),
      response: { 201: Type.Ref('ApiToken'), ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await issueToken(ctx, principal(req), req.body)),
  });

  app.delete<{ Params: { id: string } }>('/api/tokens/:id', {
    config: { action: 'token.manage' },
    schema: { tags, summary: '吊销 API 令牌', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (req, reply) => {
      await revokeToken(ctx, principal(req), req.params.id);
      return reply.status(204).send();
    },
  });
}
