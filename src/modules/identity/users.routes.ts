import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { Body, errorResponses, IdParams, ifMatchVersion, Reason, Text } from '../../http/schemas.ts';
import { ROLES } from '../../shared/roles.ts';
import { USERNAME_PATTERN } from '../../shared/formats.ts';
import { historyOf } from './history.service.ts';
import { createUser, getUser, listUsers, resetPassword, updateUser, type NewUser, type UserPatch } from './users.service.ts';

const tags = ['用户 users'];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

// Request bodies inline their schemas: the strict body validator does not see shared ($id) schemas.
const GrantInput = Type.Object(
  {
    role: Type.Union(ROLES.map((r) => Type.Literal(r)), { description: '角色' }),
    agencyId: Nullable(Type.String({ maxLength: 64 })),
    unitId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  },
  { additionalProperties: false, description: '角色授予：角色 + 所属机构（+ 内设机构）' },
);

const UserSchema = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    legalQualificationNo: Nullable(Type.String()),
    roles: Type.Array(Type.Object({ role: Type.String(), agencyId: Nullable(Type.String()), unitId: Nullable(Type.String()) })),
    version: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'User', description: '用户（登录账号）' },
);

export const HistorySchema = Type.Array(
  Type.Object({
    log: Type.String(),
    seq: Type.Integer(),
    at: Type.String(),
    actor: Type.Object({ id: Type.String(), name: Type.String() }),
    type: Type.String(),
    data: Type.Record(Type.String(), Type.Unknown()),
  }),
  { $id: 'History', description: '变更记录（来自全过程记录账本）' },
);

const Username = Type.String({ pattern: USERNAME_PATTERN, description: '用户名（字母、数字、._-）' });
const LegalNo = Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64, description: '法律职业资格证书编号' })));

export async function userRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addSchema(UserSchema);
  app.addSchema(HistorySchema);

  app.get<{ Querystring: { agencyId?: string } }>('/api/users', {
    config: { action: 'user.read' },
    schema: {
      tags,
      summary: '用户列表（本人可见的机构）',
      querystring: Type.Object({ agencyId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
      response: { 200: Type.Array(Type.Ref('User')) },
    },
    handler: async (req) => listUsers(ctx, principal(req), req.query),
  });

  app.get<{ Params: { id: string } }>('/api/users/:id', {
    config: { action: 'user.read' },
    schema: { tags, summary: '用户详情', params: IdParams, response: { 200: Type.Ref('User'), ...errorResponses } },
    handler: async (req, reply) => {
      const user = await getUser(ctx, principal(req), req.params.id);
      return reply.header('etag', `"${user.version}"`).send(user);
    },
  });

  app.get<{ Params: { id: string } }>('/api/users/:id/history', {
    config: { action: 'user.read' },
    schema: { tags, summary: '用户变更记录', params: IdParams, response: { 200: Type.Ref('History'), ...errorResponses } },
    handler: async (req) => {
      await getUser(ctx, principal(req), req.params.id);
      return historyOf(ctx.db, req.params.id);
    },
  });

  app.post<{ Body: NewUser }>('/api/users', {
    config: { action: 'user.manage' },
    schema: {
      tags,
      summary: '新建用户',
      body: Body({
        username: Username,
        displayName: Text(50, '姓名'),
        password: Type.String({ minLength: 1, maxLength: 256 }),
        roles: Type.Array(GrantInput, { minItems: 1, maxItems: 20 }),
        legalQualificationNo: LegalNo,
      }),
      response: { 201: Type.Ref('User'), ...errorResponses, 409: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const user = await createUser(ctx, principal(req), req.body);
      return reply.status(201).header('etag', `"${user.version}"`).send(user);
    },
  });

  app.patch<{ Params: { id: string }; Body: UserPatch & { reason?: string | null } }>('/api/users/:id', {
    config: { action: 'user.manage' },
    schema: {
      tags,
      summary: '修改用户（姓名、角色、法律职业资格、停用/启用；需 If-Match）',
      params: IdParams,
      body: Body({
        displayName: Type.Optional(Text(50)),
        legalQualificationNo: LegalNo,
        status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
        roles: Type.Optional(Type.Array(GrantInput, { minItems: 1, maxItems: 20 })),
        reason: Reason,
      }),
      response: { 200: Type.Ref('User'), ...errorResponses, 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const { reason, ...patch } = req.body;
      const user = await updateUser(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), patch, reason ?? null);
      return reply.header('etag', `"${user.version}"`).send(user);
    },
  });

  app.post<{ Params: { id: string }; Body: { newPassword: string; reason?: string | null } }>('/api/users/:id/password', {
    config: { action: 'user.manage' },
    schema: {
      tags,
      summary: '管理员重置用户密码',
      params: IdParams,
      body: Body({ newPassword: Type.String({ minLength: 1, maxLength: 256 }), reason: Reason }),
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await resetPassword(ctx, principal(req), req.params.id, req.body.newPassword, req.body.reason ?? null);
      return reply.status(204).send();
    },
  });
}
