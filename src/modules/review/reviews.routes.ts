import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { Body, errorResponses, IdParams, ifMatchVersion, Text } from '../../http/schemas.ts';
import { PenaltyInput } from '../../shared/case-inputs.ts';
import { ESCALATION_LABELS, REVIEW_STATUSES, type ReviewSettings, type ReviewStatus } from '../../shared/reviews.ts';
import { REVIEW_CHECKLIST } from '../documents/templates.ts';
import {
  assignReview,
  caseReviews,
  decideReview,
  escalateReview,
  coReviewOpinion,
  exportReviewStats,
  getReview,
  getReviewSettings,
  listReviews,
  reassignReview,
  reviewStatistics,
  setReviewSettings,
  submitReview,
  type AssignInput,
  type ReviewSubmission,
} from './reviews.service.ts';
import type { OpinionInput } from './reviews.rules.ts';
import type { EscalationTarget } from '../../shared/reviews.ts';

const tags = ['法制审核 legal review'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Documented loosely: the shapes are ReviewView / ReviewRecord / ReviewListItem / ReviewStats in src/shared/reviews.ts. */
const ReviewViewSchema = Type.Object({}, { additionalProperties: true, description: '审核详情：review（审核记录）、case（案件摘要）、overdue（是否逾期）、allowed（当前用户可办理的事项）' });
const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });
const write = { ...errorResponses, 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') };
const UserId = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });
const DateQ = (description: string) => Type.Optional(Type.String({ format: 'date', description }));

const Assign = {
  reviewerUserId: Type.Optional(UserId('审核人员（用户 id）；与 roundRobin 二者择一')),
  roundRobin: Type.Optional(Type.Boolean({ description: '在本机构法制审核人员中轮流分配' })),
  coReviewerUserId: Type.Optional(Type.Union([UserId('共同审核的法律顾问（用户 id）'), Type.Null()])),
};

const Decide = Body(
  {
    outcome: Type.Union([Type.Literal('approved'), Type.Literal('problems')], { description: '审核意见：同意／存在问题' }),
    checklist: Type.Array(
      Type.Object(
        {
          point: Type.Integer({ minimum: 1, maximum: REVIEW_CHECKLIST.length, description: `审核事项序号：${REVIEW_CHECKLIST.map(([l], i) => `${i + 1} ${l}`).join('，')}` }),
          ok: Type.Boolean({ description: '合格' }),
          comment: Type.Optional(Type.String({ maxLength: 2000, description: '意见（存在问题的必填）' })),
        },
        { additionalProperties: false },
      ),
      { maxItems: REVIEW_CHECKLIST.length, description: '逐项审核结果（全部十项）' },
    ),
    opinion: Text(4000, '审核意见'),
    requiredChanges: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()], { description: '需补充、纠正的事项（存在问题的必填）' })),
  },
  '出具法制审核意见',
);

const SettingsSchema = Type.Object(
  {
    reviewDays: Type.Integer({ minimum: 1, maximum: 30, description: '审核期限（工作日，自送审之日起）' }),
    reviewerOutsideHandlingUnit: Type.Boolean({ description: '审核人员不得属于案件承办机构' }),
  },
  { additionalProperties: false, description: '法制审核设置' },
);
const _check: Static<typeof SettingsSchema> extends ReviewSettings ? true : never = true;
void _check;
const SettingsView = Type.Object({ agencyId: Type.String(), settings: SettingsSchema, version: Type.Integer() });

export async function reviewRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.post<{ Params: { id: string }; Body: ReviewSubmission }>('/api/cases/:id/review-submissions', {
    config: { action: 'case.handle' },
    schema: {
      tags,
      summary: '送审：提交本案拟作出的处罚决定或不予行政处罚决定进行法制审核（承办人或负责人；需 If-Match：案件版本）',
      params: IdParams,
      body: Body(
        {
          penalty: Type.Optional(PenaltyInput),
          noPenalty: Type.Optional(Type.Boolean({ description: '拟作出不予行政处罚决定（调查终结处理意见为不予处罚的，不填亦同；不能与 penalty 同时填写）' })),
          note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], { description: '送审说明' })),
        },
        '送审',
      ),
      response: { 201: ReviewViewSchema, ...write },
    },
    handler: async (req, reply) => {
      const v = await submitReview(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body);
      return reply.status(201).header('etag', `"${v.review.version}"`).send(v);
    },
  });

  app.get<{ Params: { id: string } }>('/api/cases/:id/reviews', {
    config: { action: 'case.read', orAction: 'review.co-review' },
    schema: { tags, summary: '本案历次法制审核（按轮次）', params: IdParams, response: { 200: Type.Array(Loose('审核记录')), ...errorResponses } },
    handler: async (req) => caseReviews(ctx, principal(req), req.params.id),
  });

  app.get<{ Querystring: { agencyId?: string; status?: ReviewStatus | 'open' | 'done'; reviewer?: string; overdue?: boolean; limit?: number } }>('/api/reviews', {
    config: { action: 'case.review', orAction: 'review.co-review' },
    schema: {
      tags,
      summary: '审核待办：待审（open）、逾期（overdue）、已办（done）',
      querystring: Type.Object(
        {
          agencyId: Type.Optional(Type.String({ maxLength: 64 })),
          status: Type.Optional(Type.Union([...REVIEW_STATUSES, 'open', 'done'].map((s) => Type.Literal(s)))),
          reviewer: Type.Optional(Type.String({ maxLength: 64, description: "审核人员（用户 id），'me' 为本人（含共同审核）" })),
          overdue: Type.Optional(Type.Boolean()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Array(Loose('审核待办条目')), ...errorResponses },
    },
    handler: async (req) => listReviews(ctx, principal(req), req.query),
  });

  const statsQuery = Type.Object({ agencyId: Type.String({ minLength: 1, maxLength: 64 }), from: DateQ('审核意见日期自'), to: DateQ('审核意见日期至') }, { additionalProperties: false });
  app.get<{ Querystring: { agencyId: string; from?: string; to?: string } }>('/api/reviews/stats', {
    config: { action: 'case.review' },
    schema: { tags, summary: '审核统计：按审核意见、用时（中位数、P90，工作日）、常见问题、承办机构和审核人员', querystring: statsQuery, response: { 200: Loose('审核统计'), ...errorResponses } },
    handler: async (req) => reviewStatistics(ctx, principal(req), req.query),
  });

  app.get<{ Querystring: { agencyId: string; from?: string; to?: string } }>('/api/reviews/stats.xlsx', {
    config: { action: 'case.review' },
    schema: { tags, summary: '导出审核统计（Excel）', produces: [XLSX], querystring: statsQuery },
    handler: async (req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('法制审核统计.xlsx')}`)
        .send(await exportReviewStats(ctx, principal(req), req.query)),
  });

  app.get<{ Params: { id: string } }>('/api/reviews/:id', {
    config: { action: 'case.read', orAction: 'review.co-review' },
    schema: { tags, summary: '审核详情（含案件摘要）', params: IdParams, response: { 200: ReviewViewSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const v = await getReview(ctx, principal(req), req.params.id);
      return reply.header('etag', `"${v.review.version}"`).send(v);
    },
  });

  const reviewWrite = <B>(path: string, action: 'review.assign' | 'case.review' | 'case.approve' | 'review.co-review', summary: string, body: ReturnType<typeof Body>, run: (p: ReturnType<typeof principal>, id: string, v: number | undefined, b: B) => Promise<{ review: { version: number } }>) =>
    app.post<{ Params: { id: string }; Body: B }>(path, {
      config: { action },
      schema: { tags, summary: `${summary}（需 If-Match：审核版本）`, params: IdParams, body, response: { 200: ReviewViewSchema, ...write } },
      handler: async (req, reply) => {
        const v = await run(principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body as B);
        return reply.header('etag', `"${v.review.version}"`).send(v);
      },
    });

  reviewWrite<AssignInput>('/api/reviews/:id/assign', 'review.assign', '分配审核人员（法制审核机构负责人；指定或轮流分配，可加法律顾问共同审核）', Body(Assign, '分配审核人员'), (p, id, v, b) => assignReview(ctx, p, id, v, b));
  reviewWrite<AssignInput & { reason: string }>(
    '/api/reviews/:id/reassign',
    'review.assign',
    '更换审核人员（如审核人员不在岗）',
    Body({ ...Assign, reason: Text(1000, '更换原因') }, '更换审核人员'),
    (p, id, v, b) => reassignReview(ctx, p, id, v, b),
  );
  reviewWrite<OpinionInput>('/api/reviews/:id/decide', 'case.review', '出具审核意见（被分配的审核人员；同意或存在问题，生成法制审核意见书）', Decide, (p, id, v, b) => decideReview(ctx, p, id, v, b));
  reviewWrite<{ reason: string; to: EscalationTarget }>(
    '/api/reviews/:id/escalate',
    'case.approve',
    '意见分歧：报请机关负责人决定或提交集体讨论',
    Body({ reason: Text(2000, '分歧理由'), to: Type.Union(Object.keys(ESCALATION_LABELS).map((k) => Type.Literal(k)), { description: '报请机关负责人／提交集体讨论' }) }, '提请'),
    (p, id, v, b) => escalateReview(ctx, p, id, v, b),
  );

  reviewWrite<{ opinion: string }>(
    '/api/reviews/:id/co-opinion',
    'review.co-review',
    '法律顾问出具共同审核意见（仅限被指定的法律顾问，审核中）',
    Body({ opinion: Text(4000, '法律顾问意见') }, '意见'),
    (p, id, v, b) => coReviewOpinion(ctx, p, id, v, b),
  );

  app.get<{ Params: { id: string } }>('/api/agencies/:id/review-settings', {
    config: { action: 'case.read' },
    schema: { tags, summary: '机构的法制审核设置（审核期限、审核人员回避承办机构）', params: IdParams, response: { 200: SettingsView, ...errorResponses } },
    handler: async (req, reply) => {
      const v = await getReviewSettings(ctx, principal(req), req.params.id);
      return reply.header('etag', `"${v.version}"`).send(v);
    },
  });

  app.put<{ Params: { id: string }; Body: { settings: ReviewSettings; reason: string } }>('/api/agencies/:id/review-settings', {
    config: { action: 'review.assign' },
    schema: { tags, summary: '修改法制审核设置（法制审核机构负责人；需 If-Match，首次为 "0"）', params: IdParams, body: Body({ settings: SettingsSchema, reason: Text(500, '原因') }), response: { 200: SettingsView, ...write } },
    handler: async (req, reply) => {
      const v = await setReviewSettings(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body.settings, req.body.reason);
      return reply.header('etag', `"${v.version}"`).send(v);
    },
  });
}
