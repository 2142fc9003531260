import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { errorResponses } from '../../http/schemas.ts';
import { FEED_KINDS, FEED_STATUSES, type FeedStatus } from '../../shared/feed.ts';
import { listDeliveries, retryDelivery } from './feed.service.ts';

const tags = ['对外推送 outbound feed'];

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Int = Type.Integer();

const Attempt = Type.Object({
  attempt: Type.Integer({ description: '本轮第几次尝试' }),
  startedAt: Type.String({ description: '开始时间' }),
  durationMs: Type.Union([Int, Type.Null()], { description: '用时（毫秒）' }),
  statusCode: Type.Union([Int, Type.Null()], { description: '接收方 HTTP 状态码（网络错误时为空）' }),
  error: Nullable(Type.String({ description: '错误' })),
  outcome: Type.Union(['delivered', 'retry', 'failed', 'interrupted'].map((o) => Type.Literal(o)), { description: '结果：成功／将重试／放弃／中断' }),
});

const Delivery = Type.Object(
  {
    id: Type.String(),
    idempotencyKey: Type.String({ description: '幂等键（Idempotency-Key，每次尝试相同）' }),
    agencyId: Type.String(),
    agencyName: Nullable(Type.String()),
    kind: Type.Union(FEED_KINDS.map((k) => Type.Literal(k)), { description: '推送事项：发布／更正／撤回' }),
    subject: Type.String({ description: '公示条目' }),
    status: Type.Union(FEED_STATUSES.map((s) => Type.Literal(s)), { description: '待推送／推送中／已送达／失败' }),
    attempts: Type.Integer({ description: '本轮已尝试次数' }),
    nextAttemptAt: Nullable(Type.String({ description: '下次尝试时间（待推送时）' })),
    lastAttemptAt: Nullable(Type.String()),
    lastStatusCode: Type.Union([Int, Type.Null()]),
    lastError: Nullable(Type.String()),
    deliveredAt: Nullable(Type.String()),
    createdAt: Type.String(),
    log: Type.Array(Attempt, { description: '最近的尝试（新的在前，至多 20 次）' }),
  },
  { description: '推送记录' },
);

/** The outbound feed's delivery log (feed.read: the platform admin everywhere, an agency admin for its own agency). */
export async function feedRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.get<{ Querystring: { status?: FeedStatus; agencyId?: string; after?: string; limit?: number } }>('/api/feed/deliveries', {
    config: { action: 'feed.read' },
    schema: {
      tags,
      summary: '向城市统一平台推送的记录（新的在前，游标分页）',
      querystring: Type.Object(
        {
          status: Type.Optional(Type.Union(FEED_STATUSES.map((s) => Type.Literal(s)))),
          agencyId: Type.Optional(Type.String({ maxLength: 64 })),
          after: Type.Optional(Type.String({ maxLength: 20, description: '上一页返回的 next' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ items: Type.Array(Delivery), next: Nullable(Type.String()) }), ...errorResponses },
    },
    handler: async (req) => listDeliveries(ctx, principal(req), req.query),
  });

  app.post<{ Params: { id: string } }>('/api/feed/deliveries/:id/retry', {
    config: { action: 'feed.read' },
    schema: {
      tags,
      summary: '重新推送：失败的条目开始新一轮尝试，等待中的条目立即尝试（已送达或推送中的不能重试）',
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }),
      response: { 200: Delivery, ...errorResponses, 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse') },
    },
    handler: async (req) => retryDelivery(ctx, principal(req), req.params.id),
  });
}
