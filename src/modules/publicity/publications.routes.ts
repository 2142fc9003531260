import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { Body, errorResponses, IdParams, ifMatchVersion, Text } from '../../http/schemas.ts';
import { PENALTY_KINDS } from '../../shared/cases.ts';
import { PUBLICATION_REDACTION_KIND_LABELS, type PublicationSettings, type PublicationView } from '../../shared/publications.ts';
import {
  addManualRedaction,
  approvePublication,
  editPublication,
  getPublication,
  getPublicationSettings,
  listPublications,
  requireWithdrawal,
  returnPublication,
  setPublicationSettings,
  startCorrection,
  submitPublication,
  withdrawPublication,
  type EditInput,
} from './publications.service.ts';

const tags = ['事后公开 publications'];
const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });
/** Documented loosely: PublicationView in src/shared/publications.ts. */
const ViewSchema = Loose('公示事项：publication（记录，含未遮蔽的决定书原文与遮蔽标注）、preview（将发布的公开内容）、versions（已发布版本）、overdue、timeliness、allowed（当前用户可办理的事项）');
const write = { ...errorResponses, 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') };
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);

const Redaction = Type.Object(
  {
    start: Type.Integer({ minimum: 0, description: '起始位置（UTF-16 单位，含）' }),
    end: Type.Integer({ minimum: 1, description: '结束位置（不含）' }),
    kind: Type.Union(Object.keys(PUBLICATION_REDACTION_KIND_LABELS).map((k) => Type.Literal(k)), { description: '遮蔽类别' }),
    reason: Text(500, '遮蔽理由'),
    by: Type.Union([Type.Literal('auto'), Type.Literal('editor')], { description: '自动识别／人工' }),
  },
  { additionalProperties: false },
);

const Fields = Type.Object(
  {
    number: Type.Optional(Text(100, '决定书文号')),
    party: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Text(200, '当事人名称或姓名')),
          creditCode: Type.Optional(Nullable(Type.String({ maxLength: 18, description: '统一社会信用代码（单位）' }))),
          representative: Type.Optional(Nullable(Type.String({ maxLength: 50, description: '法定代表人（单位）' }))),
        },
        { additionalProperties: false },
      ),
    ),
    cause: Type.Optional(Text(500, '违法行为类型')),
    facts: Type.Optional(Text(8000, '违法事实')),
    basis: Type.Optional(Text(2000, '处罚依据')),
    penaltyKinds: Type.Optional(Type.Array(Type.Union(PENALTY_KINDS.map((k) => Type.Literal(k))), { minItems: 1, maxItems: PENALTY_KINDS.length, uniqueItems: true, description: '处罚类别' })),
    penaltyContent: Type.Optional(Text(2000, '处罚内容')),
    fineFen: Type.Optional(Nullable(Type.Integer({ minimum: 0, description: '罚款金额（分）' }))),
    confiscatedGainsFen: Type.Optional(Nullable(Type.Integer({ minimum: 0, description: '没收违法所得（分）' }))),
    confiscatedPropertyFen: Type.Optional(Nullable(Type.Integer({ minimum: 0, description: '没收非法财物价值（分）' }))),
    licenceSuspended: Type.Optional(Type.Boolean({ description: '暂扣许可证件' })),
    licenceRevoked: Type.Optional(Type.Boolean({ description: '吊销许可证件' })),
  },
  { additionalProperties: false, description: '修改的字段（仅列出修改的）' },
);

const SettingsSchema = Type.Object(
  {
    publishOnTheSpot: Type.Boolean({ description: '公开当场处罚决定' }),
    publishWarningOnly: Type.Boolean({ description: '公开仅予警告的决定' }),
    lowFineThresholdFen: Type.Integer({ minimum: 0, description: '较低罚款标准（分）：警告及不超过此数额的罚款适用短公示期' }),
    shortPeriodMonths: Type.Integer({ minimum: 1, maximum: 36, description: '短公示期（月）' }),
    longPeriodYears: Type.Integer({ minimum: 1, maximum: 10, description: '公示期（年）' }),
  },
  { additionalProperties: false, description: '事后公开政策' },
);
const _check: Static<typeof SettingsSchema> extends PublicationSettings ? true : never = true;
void _check;
const SettingsView = Type.Object({ agencyId: Type.String(), settings: SettingsSchema, version: Type.Integer() });

const send = (reply: { header: (k: string, v: string) => { send: (b: unknown) => unknown } }, v: PublicationView) => reply.header('etag', `"${v.publication.version}"`).send(v);

export async function publicationRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.get<{ Querystring: { filter?: 'draft' | 'in-review' | 'published' | 'overdue' | 'withdrawn' | 'all'; agencyId?: string; limit?: number } }>('/api/publications', {
    config: { action: 'publicity.read' },
    schema: {
      tags,
      summary: '公示事项列表：待编辑、待审核、已发布、逾期（超过 7 个工作日未发布，或超过 3 个工作日未撤回）',
      querystring: Type.Object(
        {
          filter: Type.Optional(Type.Union(['draft', 'in-review', 'published', 'overdue', 'withdrawn', 'all'].map((s) => Type.Literal(s)))),
          agencyId: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Array(Loose('公示事项条目')), ...errorResponses },
    },
    handler: async (req) => listPublications(ctx, principal(req), req.query),
  });

  app.get<{ Params: { id: string } }>('/api/publications/:id', {
    config: { action: 'publicity.read' },
    schema: { tags, summary: '公示事项详情（含遮蔽标注与将发布的公开内容）', params: IdParams, response: { 200: ViewSchema, ...errorResponses } },
    handler: async (req, reply) => send(reply, await getPublication(ctx, principal(req), req.params.id)),
  });

  app.patch<{ Params: { id: string }; Body: EditInput }>('/api/publications/:id', {
    config: { action: 'publicity.edit' },
    schema: {
      tags,
      summary: '编辑公示内容：字段和（或）遮蔽清单（公示编辑；需 If-Match）',
      params: IdParams,
      body: Body({ fields: Type.Optional(Fields), redactions: Type.Optional(Type.Array(Redaction, { maxItems: 2000, description: '全部遮蔽（替换原清单）' })), note: Type.Optional(Nullable(Type.String({ maxLength: 1000, description: '说明' }))) }, '编辑'),
      response: { 200: ViewSchema, ...write },
    },
    handler: async (req, reply) => send(reply, await editPublication(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body)),
  });

  app.post<{ Params: { id: string }; Body: { start: number; end: number; reason: string } }>('/api/publications/:id/redactions', {
    config: { action: 'publicity.edit' },
    schema: {
      tags,
      summary: '增加人工遮蔽：选中决定书原文的一段并说明理由（需 If-Match）',
      params: IdParams,
      body: Body({ start: Type.Integer({ minimum: 0, description: '起始位置（含）' }), end: Type.Integer({ minimum: 1, description: '结束位置（不含）' }), reason: Text(500, '遮蔽理由') }, '人工遮蔽'),
      response: { 200: ViewSchema, ...write },
    },
    handler: async (req, reply) => send(reply, await addManualRedaction(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body)),
  });

  app.post<{ Params: { id: string } }>('/api/publications/:id/submit', {
    config: { action: 'publicity.edit' },
    schema: { tags, summary: '提交审核（需 If-Match）', params: IdParams, response: { 200: ViewSchema, ...write } },
    handler: async (req, reply) => send(reply, await submitPublication(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']))),
  });

  app.post<{ Params: { id: string }; Body: { reason: string } }>('/api/publications/:id/return', {
    config: { action: 'publicity.approve' },
    schema: { tags, summary: '退回修改（需 If-Match）', params: IdParams, body: Body({ reason: Text(1000, '退回理由') }), response: { 200: ViewSchema, ...write } },
    handler: async (req, reply) => send(reply, await returnPublication(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body.reason)),
  });

  app.post<{ Params: { id: string } }>('/api/publications/:id/approve', {
    config: { action: 'publicity.approve' },
    schema: { tags, summary: '审核发布（另一名审核人员；编辑、提交者不能审核本人内容；需 If-Match）', params: IdParams, response: { 200: ViewSchema, ...write } },
    handler: async (req, reply) => send(reply, await approvePublication(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']))),
  });

  app.post<{ Params: { id: string }; Body: { reason: string } }>('/api/publications/:id/correct', {
    config: { action: 'publicity.edit' },
    schema: { tags, summary: '更正：以新版本更正已发布内容，更正理由公开，原版本保留于公开历史（需 If-Match）', params: IdParams, body: Body({ reason: Text(1000, '更正理由（公开）') }), response: { 200: ViewSchema, ...write } },
    handler: async (req, reply) => send(reply, await startCorrection(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body.reason)),
  });

  app.post<{ Params: { id: string }; Body: { on?: string; reason: string } }>('/api/publications/:id/withdrawal-required', {
    config: { action: 'publicity.edit' },
    schema: {
      tags,
      summary: '登记决定被变更、撤销、确认违法或无效：须在 3 个工作日内撤回（《行政处罚法》第四十八条第二款；需 If-Match）',
      params: IdParams,
      body: Body({ on: Type.Optional(Type.String({ format: 'date', description: '决定被变更、撤销等的日期（默认今天）' })), reason: Text(1000, '原因') }),
      response: { 200: ViewSchema, ...write },
    },
    handler: async (req, reply) => send(reply, await requireWithdrawal(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body)),
  });

  app.post<{ Params: { id: string }; Body: { reason: string } }>('/api/publications/:id/withdraw', {
    config: { action: 'publicity.approve' },
    schema: { tags, summary: '撤回并公开说明理由（《行政处罚法》第四十八条第二款；需 If-Match）', params: IdParams, body: Body({ reason: Text(1000, '撤回理由（公开）') }), response: { 200: ViewSchema, ...write } },
    handler: async (req, reply) => send(reply, await withdrawPublication(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body.reason)),
  });

  app.get<{ Params: { id: string } }>('/api/agencies/:id/publication-settings', {
    config: { action: 'publicity.read' },
    schema: { tags, summary: '机构的事后公开政策（公示期、当场处罚与警告是否公开）', params: IdParams, response: { 200: SettingsView, ...errorResponses } },
    handler: async (req, reply) => {
      const v = await getPublicationSettings(ctx, principal(req), req.params.id);
      return reply.header('etag', `"${v.version}"`).send(v);
    },
  });

  app.put<{ Params: { id: string }; Body: { settings: PublicationSettings; reason: string } }>('/api/agencies/:id/publication-settings', {
    config: { action: 'publicity.approve' },
    schema: { tags, summary: '修改事后公开政策（需 If-Match，首次为 "0"）', params: IdParams, body: Body({ settings: SettingsSchema, reason: Text(500, '原因') }), response: { 200: SettingsView, ...write } },
    handler: async (req, reply) => {
      const v = await setPublicationSettings(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body.settings, req.body.reason);
      return reply.header('etag', `"${v.version}"`).send(v);
    },
  });
}
