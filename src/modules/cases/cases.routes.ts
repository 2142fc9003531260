import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { errorResponses, IdParams, ifMatchVersion } from '../../http/schemas.ts';
import { CASE_ACT_INPUTS, type CaseActInputs } from '../../shared/case-inputs.ts';
import { CASE_ACTS, CASE_STATUSES, type CaseAct } from '../../shared/cases.ts';
import { historyOf } from '../identity/history.service.ts';
import { actPermission, actRefusal, decideOnTheSpot, getCase, listCases, performAct, registerClue, type CaseFilter } from './cases.service.ts';
import { overdueDeadlines } from './cases.deadlines.service.ts';
import { CaseSettingsSchema, getCaseSettings, setCaseSettings } from './cases.settings.ts';
import type { CaseSettings } from './cases.rules.ts';
import { Body, Text } from '../../http/schemas.ts';

const tags = ['行政处罚案件 cases'];
/** The case view is documented loosely (its shape is CaseView in cases.service.ts / CaseRecord in src/shared/cases.ts). */
const CaseViewSchema = Type.Object({}, { additionalProperties: true, description: '案件详情：case（案件记录）、deadlines（期限）、owed（应缴）、allowedActs（当前用户可办理的事项）' });
const write = { ...errorResponses, 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') };

export async function caseRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.get<{ Querystring: CaseFilter & { overdue?: boolean } }>('/api/cases', {
    config: { action: 'case.read' },
    schema: {
      tags,
      summary: '案件列表（按登记时间倒序，游标分页）',
      querystring: Type.Object(
        {
          agencyId: Type.Optional(Type.String({ maxLength: 64 })),
          status: Type.Optional(Type.Union(CASE_STATUSES.map((s) => Type.Literal(s)))),
          unitId: Type.Optional(Type.String({ maxLength: 64 })),
          field: Type.Optional(Type.String({ maxLength: 20 })),
          handler: Type.Optional(Type.String({ maxLength: 64, description: "承办人（执法人员 id），'me' 为本人" })),
          overdue: Type.Optional(Type.Boolean()),
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
          q: Type.Optional(Type.String({ maxLength: 50 })),
          after: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })), next: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
    handler: async (req) => listCases(ctx, principal(req), req.query),
  });

  app.get<{ Querystring: { agencyId?: string; unitId?: string } }>('/api/cases/overdue', {
    config: { action: 'case.read' },
    schema: {
      tags,
      summary: '逾期及即将到期事项（按机构、内设机构）',
      querystring: Type.Object({ agencyId: Type.Optional(Type.String({ maxLength: 64 })), unitId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
      response: { 200: Type.Array(Type.Object({}, { additionalProperties: true })), ...errorResponses },
    },
    handler: async (req) => overdueDeadlines(ctx, principal(req), req.query),
  });

  app.post<{ Body: CaseActInputs['register-clue'] }>('/api/cases', {
    config: { action: 'case.handle' },
    schema: { tags, summary: '线索登记', body: CASE_ACT_INPUTS['register-clue'], response: { 201: CaseViewSchema, ...write } },
    handler: async (req, reply) => {
      const v = await registerClue(ctx, principal(req), req.body);
      return reply.status(201).header('etag', `"${v.case.version}"`).send(v);
    },
  });

  app.post<{ Body: CaseActInputs['decide-on-the-spot'] }>('/api/cases/on-the-spot', {
    config: { action: 'case.handle' },
    schema: { tags, summary: '当场处罚（简易程序）', body: CASE_ACT_INPUTS['decide-on-the-spot'], response: { 201: CaseViewSchema, ...write } },
    handler: async (req, reply) => {
      const v = await decideOnTheSpot(ctx, principal(req), req.body);
      return reply.status(201).header('etag', `"${v.case.version}"`).send(v);
    },
  });

  app.get<{ Params: { id: string } }>('/api/cases/:id', {
    config: { action: 'case.read', orAction: 'review.co-review' },
    schema: { tags, summary: '案件详情', params: IdParams, response: { 200: CaseViewSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const v = await getCase(ctx, principal(req), req.params.id);
      return reply.header('etag', `"${v.case.version}"`).send(v);
    },
  });

  app.get<{ Params: { id: string } }>('/api/cases/:id/timeline', {
    config: { action: 'case.read', orAction: 'review.co-review' },
    schema: { tags, summary: '案件全过程记录（账本事件，按时间顺序）', params: IdParams, response: { 200: Type.Ref('History'), ...errorResponses } },
    handler: async (req) => {
      await getCase(ctx, principal(req), req.params.id);
      return historyOf(ctx.db, req.params.id);
    },
  });

  app.get<{ Params: { id: string } }>('/api/agencies/:id/case-settings', {
    config: { action: 'case.read' },
    schema: { tags, summary: '机构的案件办理设置（审核、听证、当场处罚的金额标准）', params: IdParams, response: { 200: Type.Object({ agencyId: Type.String(), settings: CaseSettingsSchema, version: Type.Integer() }), ...errorResponses } },
    handler: async (req, reply) => {
      const v = await getCaseSettings(ctx, principal(req), req.params.id);
      return reply.header('etag', `"${v.version}"`).send(v);
    },
  });

  app.put<{ Params: { id: string }; Body: { settings: CaseSettings; reason: string } }>('/api/agencies/:id/case-settings', {
    config: { action: 'case.approve' },
    schema: {
      tags,
      summary: '修改案件办理设置（机关负责人；需 If-Match，首次为 "0"）',
      params: IdParams,
      body: Body({ settings: CaseSettingsSchema, reason: Text(500, '原因') }),
      response: { 200: Type.Object({ agencyId: Type.String(), settings: CaseSettingsSchema, version: Type.Integer() }), ...write },
    },
    handler: async (req, reply) => {
      const v = await setCaseSettings(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body.settings, req.body.reason);
      return reply.header('etag', `"${v.version}"`).send(v);
    },
  });

  for (const act of Object.keys(CASE_ACTS) as CaseAct[]) {
    if (act === 'register-clue' || act === 'decide-on-the-spot') continue;
    app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(`/api/cases/:id/${act}`, {
      config: { action: actPermission(act), ...(actRefusal(act) ? { refusal: actRefusal(act) } : {}) },
      schema: { tags, summary: `${CASE_ACTS[act].zh}（需 If-Match）`, params: IdParams, body: CASE_ACT_INPUTS[act], response: { 200: CaseViewSchema, ...write } },
      handler: async (req, reply) => {
        const v = await performAct(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), act, req.body as never);
        return reply.header('etag', `"${v.case.version}"`).send(v);
      },
    });
  }
}
