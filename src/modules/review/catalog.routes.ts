import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { Body, errorResponses, IdParams, ifMatchVersion, Text } from '../../http/schemas.ts';
import { CASE_STATUSES, PENALTY_KINDS } from '../../shared/cases.ts';
import { CATALOG_RULE_KINDS, MANUAL_FLAGS, type CatalogRuleChange, type CatalogRuleRetirement, type CatalogRuleSpec, type NewCatalogRule } from '../../shared/review-catalog.ts';
import { CATALOG_LIMITS } from './catalog.rules.ts';
import { addCatalogRule, changeCatalogRule, exportCatalog, getCatalogRule, listCatalog, previewCatalogRule, retireCatalogRule, type CatalogFilter } from './catalog.service.ts';

const tags = ['法制审核目录 review catalog'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DateText = (description: string) => Type.String({ format: 'date', description });
const Fen = (description: string) => Type.Integer({ minimum: 1, maximum: CATALOG_LIMITS.maxFen, description });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * A rule's condition, one object per kind. `strict` for request bodies (unknown fields refused);
 * responses describe the same shape.
 */
function ruleSpec(strict: boolean) {
  const o = <T extends Record<string, TSchema>>(kind: string, props: T, description: string) =>
    Type.Object({ kind: Type.Literal(kind), ...props }, { ...(strict ? { additionalProperties: false } : {}), description });
  return Type.Union(
    [
      o('fine-at-least', { person: Fen('个人（公民）标准：罚款达到此数额（分）'), organisation: Fen('单位（法人或者其他组织）标准（分）') }, '罚款数额达到标准'),
      o('penalty-kind', { kinds: Type.Array(Type.Union(PENALTY_KINDS.map((k) => Type.Literal(k))), { minItems: 1, maxItems: PENALTY_KINDS.length, uniqueItems: true, description: '处罚种类' }) }, '拟作出所列处罚种类之一'),
      o('confiscation-at-least', { person: Fen('个人标准：没收违法所得与非法财物价值合计（分）'), organisation: Fen('单位标准（分）') }, '没收数额达到标准'),
      o('after-hearing', {}, '经过听证作出的决定'),
      o('field', { field: Text(CATALOG_LIMITS.field, '执法领域') }, '该执法领域的全部案件'),
      o('manual-flag', { flag: Type.Union(MANUAL_FLAGS.map((f) => Type.Literal(f)), { description: '人工标记' }) }, '经人工标记的案件'),
      o('all-ordinary', {}, '按普通程序作出的全部决定'),
    ],
    { description: `目录规则（类型：${CATALOG_RULE_KINDS.join('、')}；金额以分计）` },
  );
}

const Label = Type.Optional(Nullable(Type.String({ maxLength: CATALOG_LIMITS.label, description: '规则名称（不填则按规则内容生成）' })));
const Reason = Text(CATALOG_LIMITS.reason, '原因（目录对外公布，每次变更记入记录）');

const VersionSchema = Type.Object(
  {
    version: Type.Integer(),
    rule: Type.Ref('CatalogRuleSpec'),
    label: Type.String(),
    effectiveFrom: Type.String({ description: '生效日期（含）' }),
    effectiveTo: Nullable(Type.String({ description: '失效日期（不含）；空：长期有效' })),
    reason: Type.String(),
    recordedAt: Type.String(),
    recordedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  },
  { $id: 'CatalogRuleVersion', description: '目录规则的一个版本' },
);

const ruleProps = {
  id: Type.String(),
  agencyId: Type.String(),
  kind: Type.Union(CATALOG_RULE_KINDS.map((k) => Type.Literal(k))),
  status: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
  version: Type.Integer({ description: '记录版本（If-Match）' }),
  currentVersion: Type.Integer({ description: '最新规则版本号' }),
  inForce: Type.Union([Type.Ref('CatalogRuleVersion'), Type.Null()], { description: '所查日期施行的版本' }),
  latest: Type.Ref('CatalogRuleVersion'),
  retiredReason: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
const RuleSchema = Type.Object(ruleProps, { $id: 'CatalogRule', description: '法制审核目录规则' });
const RuleDetailSchema = Type.Object({ ...ruleProps, versions: Type.Array(Type.Ref('CatalogRuleVersion')) }, { $id: 'CatalogRuleDetail', description: '法制审核目录规则及其全部版本' });

const PreviewSchema = Type.Object(
  {
    cases: Type.Array(
      Type.Object({
        caseId: Type.String(),
        caseNo: Nullable(Type.String()),
        cause: Type.String(),
        partyName: Type.String(),
        partyKind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
        status: Type.Union(CASE_STATUSES.map((s) => Type.Literal(s))),
        procedure: Type.Union([Type.Literal('ordinary'), Type.Literal('simple')]),
        field: Type.String(),
        proposedOn: Type.String(),
        penalty: Nullable(Type.Unknown()),
        hearingHeld: Type.Boolean(),
        matched: Nullable(Type.String({ description: '命中理由；空：不命中' })),
      }),
    ),
    matchedCount: Type.Integer(),
    note: Nullable(Type.String()),
  },
  { description: '最近 20 件有拟处理意见的案件中，该规则会命中哪些' },
);

const written = { 200: Type.Ref('CatalogRuleDetail'), ...errorResponses, 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') };
const OnQuery = Type.Optional(DateText('查询日期：返回该日施行的目录（重现历史目录）'));

export async function reviewCatalogRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addSchema(Type.Unsafe({ ...ruleSpec(false), $id: 'CatalogRuleSpec' }));
  app.addSchema(VersionSchema);
  app.addSchema(RuleSchema);
  app.addSchema(RuleDetailSchema);

  app.get<{ Querystring: CatalogFilter }>('/api/review-catalog', {
    config: { action: 'review.catalog.read' },
    schema: {
      tags,
      summary: '法制审核目录（带 on：该日施行的目录；不带：全部规则，含已废止与尚未生效的）',
      querystring: Type.Object({ agencyId: Type.Optional(Type.String({ maxLength: 64 })), on: OnQuery }, { additionalProperties: false }),
      response: { 200: Type.Array(Type.Ref('CatalogRule')), ...errorResponses },
    },
    handler: async (req) => listCatalog(ctx, principal(req), req.query),
  });

  app.get<{ Querystring: { agencyId: string; on?: string } }>('/api/review-catalog/export.xlsx', {
    config: { action: 'review.catalog.read' },
    schema: {
      tags,
      summary: '导出法制审核目录清单（Excel，某日施行的目录，默认今日）',
      produces: [XLSX],
      querystring: Type.Object({ agencyId: Type.String({ maxLength: 64 }), on: OnQuery }, { additionalProperties: false }),
    },
    handler: async (req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('重大执法决定法制审核目录.xlsx')}`)
        .send(await exportCatalog(ctx, principal(req), req.query.agencyId, req.query.on)),
  });

  app.post<{ Body: { agencyId: string; rule: CatalogRuleSpec } }>('/api/review-catalog/preview', {
    config: { action: 'review.catalog.manage' },
    schema: {
      tags,
      summary: '预览：未保存的规则会命中本机构最近 20 件案件中的哪些',
      body: Body({ agencyId: Type.String({ maxLength: 64 }), rule: ruleSpec(true) }),
      response: { 200: PreviewSchema, ...errorResponses },
    },
    handler: async (req) => previewCatalogRule(ctx, principal(req), req.body.agencyId, req.body.rule),
  });

  app.get<{ Params: { id: string }; Querystring: { on?: string } }>('/api/review-catalog/:id', {
    config: { action: 'review.catalog.read' },
    schema: {
      tags,
      summary: '目录规则详情及全部版本',
      params: IdParams,
      querystring: Type.Object({ on: OnQuery }, { additionalProperties: false }),
      response: { 200: Type.Ref('CatalogRuleDetail'), ...errorResponses },
    },
    handler: async (req, reply) => {
      const r = await getCatalogRule(ctx, principal(req), req.params.id, req.query.on);
      return reply.header('etag', `"${r.version}"`).send(r);
    },
  });

  app.post<{ Body: NewCatalogRule }>('/api/review-catalog', {
    config: { action: 'review.catalog.manage' },
    schema: {
      tags,
      summary: '新增目录规则（生效日期不早于今天；须填原因）',
      body: Body({ agencyId: Type.String({ maxLength: 64 }), rule: ruleSpec(true), label: Label, effectiveFrom: DateText('生效日期（不早于今天）'), reason: Reason }),
      response: { 201: Type.Ref('CatalogRuleDetail'), ...errorResponses },
    },
    handler: async (req, reply) => {
      const r = await addCatalogRule(ctx, principal(req), req.body);
      return reply.status(201).header('etag', `"${r.version}"`).send(r);
    },
  });

  app.post<{ Params: { id: string }; Body: CatalogRuleChange }>('/api/review-catalog/:id/versions', {
    config: { action: 'review.catalog.manage' },
    schema: {
      tags,
      summary: '修改目录规则：新增一个版本，自生效日期起施行，此前的版本至该日止（需 If-Match；须填原因）',
      params: IdParams,
      body: Body({ rule: ruleSpec(true), label: Label, effectiveFrom: DateText('新版本生效日期（不早于今天）'), reason: Reason }),
      response: written,
    },
    handler: async (req, reply) => {
      const r = await changeCatalogRule(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body);
      return reply.header('etag', `"${r.version}"`).send(r);
    },
  });

  app.post<{ Params: { id: string }; Body: CatalogRuleRetirement }>('/api/review-catalog/:id/retire', {
    config: { action: 'review.catalog.manage' },
    schema: {
      tags,
      summary: '废止目录规则：自废止日期起不再适用（需 If-Match；须填原因）',
      params: IdParams,
      body: Body({ effectiveTo: DateText('废止日期：自该日起不再适用（不早于今天）'), reason: Reason }),
      response: written,
    },
    handler: async (req, reply) => {
      const r = await retireCatalogRule(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body);
      return reply.header('etag', `"${r.version}"`).send(r);
    },
  });
}
