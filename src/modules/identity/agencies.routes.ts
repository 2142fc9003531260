import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { historyOf } from './history.service.ts';
import { Body, errorResponses, IdParams, ifMatchVersion, Reason, Text } from '../../http/schemas.ts';
import { AGENCY_CODE_PATTERN, CREDIT_CODE_PATTERN } from '../../shared/formats.ts';
import { createAgency, createUnit, listAgencies, readAgency, updateAgency, updateUnit, type AgencyPatch } from './agencies.service.ts';

const UnitSchema = Type.Object(
  { id: Type.String(), agencyId: Type.String(), name: Type.String(), version: Type.Integer() },
  { $id: 'Unit', description: '内设机构' },
);
const AgencySchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    parentId: Type.Union([Type.String(), Type.Null()]),
    creditCode: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    units: Type.Array(Type.Ref('Unit')),
  },
  { $id: 'Agency', description: '行政机关（执法主体）' },
);

const CreditCode = Type.Union([Type.String({ pattern: CREDIT_CODE_PATTERN }), Type.Null()], {
  description: '统一社会信用代码',
});

export async function agencyRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addSchema(UnitSchema);
  app.addSchema(AgencySchema);
  const tags = ['机构 agencies'];

  app.get('/api/agencies', {
    config: { action: 'agency.read' },
    schema: { tags, summary: '机构列表（含内设机构）', response: { 200: Type.Array(Type.Ref('Agency')) } },
    handler: async (req) => listAgencies(ctx.db, principal(req)),
  });

  app.get<{ Params: { id: string } }>('/api/agencies/:id/history', {
    config: { action: 'agency.read' },
    schema: { tags, summary: '机构变更记录', params: IdParams, response: { 200: Type.Ref('History'), ...errorResponses } },
    handler: async (req) => {
      const agency = await readAgency(ctx, principal(req), req.params.id);
      // An agency's history includes its units' (created, renamed).
      return historyOf(ctx.db, [agency.id, ...agency.units.map((u) => u.id)]);
    },
  });

  app.get<{ Params: { id: string } }>('/api/agencies/:id', {
    config: { action: 'agency.read' },
    schema: { tags, summary: '机构详情', params: IdParams, response: { 200: Type.Ref('Agency'), ...errorResponses } },
    handler: async (req, reply) => {
      const agency = await readAgency(ctx, principal(req), req.params.id);
      return reply.header('etag', `"${agency.version}"`).send(agency);
    },
  });

  app.post<{ Body: { code: string; name: string; parentId?: string | null; creditCode?: string | null } }>('/api/agencies', {
    config: { action: 'agency.create' },
    schema: {
      tags,
      summary: '新建机构',
      body: Body({
        code: Type.String({ pattern: AGENCY_CODE_PATTERN, description: '机构编码（小写字母、数字、连字符），创建后不可修改' }),
        name: Text(100, '机构名称'),
        parentId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: '上级（监督）机构' })),
        creditCode: Type.Optional(CreditCode),
      }),
      response: { 201: Type.Ref('Agency'), ...errorResponses, 409: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const agency = await createAgency(ctx, principal(req), req.body);
      return reply.status(201).header('etag', `"${agency.version}"`).send(agency);
    },
  });

  app.patch<{ Params: { id: string }; Body: AgencyPatch & { reason?: string | null } }>('/api/agencies/:id', {
    config: { action: 'agency.update' },
    schema: {
      tags,
      summary: '修改机构（需 If-Match 版本号）',
      params: IdParams,
      body: Body({
        name: Type.Optional(Text(100)),
        parentId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
        creditCode: Type.Optional(CreditCode),
        reason: Reason,
      }),
      response: { 200: Type.Ref('Agency'), ...errorResponses, 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const { reason, ...patch } = req.body;
      const agency = await updateAgency(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), patch, reason ?? null);
      return reply.header('etag', `"${agency.version}"`).send(agency);
    },
  });

  app.post<{ Params: { id: string }; Body: { name: string } }>('/api/agencies/:id/units', {
    config: { action: 'unit.manage' },
    schema: {
      tags,
      summary: '新建内设机构',
      params: IdParams,
      body: Body({ name: Text(50, '内设机构名称') }),
      response: { 201: Type.Ref('Unit'), ...errorResponses, 409: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const unit = await createUnit(ctx, principal(req), req.params.id, req.body);
      return reply.status(201).header('etag', `"${unit.version}"`).send(unit);
    },
  });

  app.patch<{ Params: { id: string }; Body: { name?: string; reason?: string | null } }>('/api/units/:id', {
    config: { action: 'unit.manage' },
    schema: {
      tags,
      summary: '修改内设机构（需 If-Match 版本号）',
      params: IdParams,
      body: Body({ name: Type.Optional(Text(50)), reason: Reason }),
      response: { 200: Type.Ref('Unit'), ...errorResponses, 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const { reason, ...patch } = req.body;
      const unit = await updateUnit(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), patch, reason ?? null);
      return reply.header('etag', `"${unit.version}"`).send(unit);
    },
  });
}
