import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { PORTAL_COUNT_CAP, PORTAL_CSV_MAX_ROWS, PORTAL_PAGE_SIZE, type DecisionSearchQuery } from '../../shared/portal.ts';
import { PUBLICATION_KINDS, type PublishedDecision } from '../../shared/publications.ts';
import { CSV_COLUMNS, csvHeader, csvRow } from './portal.rules.ts';
import { decisionProof, getDecision, pageMemo, portalStatistics, publicAgencies, rememberedPage, searchDecisionsJson, streamDecisions } from './portal.service.ts';

const tags = ['公示门户 public portal'];

const SearchQuery = {
  q: Type.Optional(Type.String({ maxLength: 100, description: '关键词（中文全文检索：两字词如“网吧”、多字短语均可；空格分隔多个词须同时出现）' })),
  agencyId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '执法机关 id（/api/public/agencies）' })),
  kind: Type.Optional(Type.Union(PUBLICATION_KINDS.map((k) => Type.Literal(k)), { description: '决定类别：penalty 行政处罚，licence 行政许可' })),
  from: Type.Optional(Type.String({ format: 'date', description: '决定日期起（含）' })),
  to: Type.Optional(Type.String({ format: 'date', description: '决定日期止（含）' })),
};

const ListItem = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    number: Type.String({ description: '决定书文号' }),
    agencyId: Type.String(),
    agencyName: Type.String(),
    partyName: Type.String({ description: '当事人（自然人仅姓名）' }),
    cause: Type.String({ description: '违法行为类型／案由' }),
    penaltyKinds: Type.Array(Type.String()),
    fineFen: Type.Union([Type.Integer(), Type.Null()], { description: '罚款（分）' }),
    decidedOn: Type.String(),
    publishedOn: Type.String(),
    version: Type.Integer(),
  },
  { description: '公示决定列表项', additionalProperties: false },
);

/**
 * A page of the search. The route sends the JSON text the search writes (the stored list rows
 * spliced in), which Fastify does not pass through this schema: test/store/read-pool.test.ts
 * checks the answers against it instead.
 */
export const DecisionSearchPage = Type.Object({
  items: Type.Array(ListItem),
  next: Type.Union([Type.String(), Type.Null()], { description: '下一页游标，最后一页为 null' }),
  count: Type.Integer({ description: `命中数（最多 ${PORTAL_COUNT_CAP}）` }),
  capped: Type.Boolean({ description: `命中数超过 ${PORTAL_COUNT_CAP}` }),
}, { additionalProperties: false });

/**
 * The published object is served exactly as stored — it is what 核验 re-hashes — so its schema
 * is documented loosely (fields: src/shared/publications.ts PublishedDecision) and never
 * reshaped by the serializer.
 */
const Decision = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      '公示的决定（PublishedDecision，即 publication.published/corrected 事件的 data 原样）：id, kind, number 决定书文号, agencyId, agencyName, party{kind,name,creditCode,representative}, cause, facts, basis, penaltyKinds, penaltyContent, fineFen, confiscatedGainsFen, confiscatedPropertyFen, licenceSuspended, licenceRevoked, decidedOn, publishedOn, publicUntil, text 决定书全文（已遮蔽）, version, corrections',
  },
);

const Withdrawal = Type.Object(
  { id: Type.String(), number: Type.String(), agencyId: Type.String(), agencyName: Type.String(), withdrawnOn: Type.String(), reason: Type.String() },
  { description: '撤回公告（《行政处罚法》第四十八条第二款）' },
);

const VersionQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, description: '历史版本号；缺省为现行版本' })) },
  { additionalProperties: false },
);

/** The citizens' portal: every route public (no login), JSON under /api/public/. */
export async function portalRoutes(app: FastifyInstance, ctx: Ctx, options: { pages?: number } = {}): Promise<void> {
  /** This server's remembered result pages (portal.service.ts rememberedPage). */
  const pages = pageMemo(ctx, options.pages);
  app.get<{ Querystring: DecisionSearchQuery }>('/api/public/decisions', {
    config: { public: true },
    schema: {
      tags,
      summary: `检索公示的执法决定（按决定日期最新在前，同日按发布先后倒序，每页 ${PORTAL_PAGE_SIZE} 条，游标分页；命中数最多计到 ${PORTAL_COUNT_CAP}，超过时 capped=true 显示为“${PORTAL_COUNT_CAP}+”）`,
      querystring: Type.Object({ ...SearchQuery, after: Type.Optional(Type.String({ maxLength: 64, description: '上一页返回的 next 游标' })) }, { additionalProperties: false }),
      response: {
        200: DecisionSearchPage,
        ...errorResponses,
      },
    },
    // The JSON text as the search writes it (searchDecisionsJson), remembered until the public
    // set changes (rememberedPage). On SQLite a reading thread searches (src/store/read-pool.ts),
    // and the event loop stays free for everyone else.
    handler: async (req, reply) => {
      const json = await rememberedPage(pages, req.query, (f) => (ctx.reads && !ctx.reads.broken ? ctx.reads.run('portal.search', f) : searchDecisionsJson(ctx, f)));
      return reply.type('application/json; charset=utf-8').send(json);
    },
  });

  app.get<{ Querystring: DecisionSearchQuery }>('/api/public/decisions.csv', {
    config: { public: true },
    schema: {
      tags,
      summary: `下载公示决定（CSV，UTF-8 带 BOM，Excel 可直接打开；条件同检索，最新在前，最多 ${PORTAL_CSV_MAX_ROWS} 行）。列：${CSV_COLUMNS.map(([h]) => h).join('、')}（均为公示（已遮蔽）的内容）`,
      querystring: Type.Object(SearchQuery, { additionalProperties: false }),
      produces: ['text/csv'],
      response: { 400: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const today = ctx.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="decisions-${today}.csv"; filename*=UTF-8''${encodeURIComponent(`执法决定公示-${today}.csv`)}`)
        .send(Readable.from(csvLines(streamDecisions(ctx, req.query, PORTAL_CSV_MAX_ROWS))));
    },
  });

  app.get<{ Params: { id: string }; Querystring: { version?: number } }>('/api/public/decisions/:id', {
    config: { public: true },
    schema: {
      tags,
      summary: '公示决定详情：现行版本（或指定历史版本）、版本历史；已撤回的显示撤回公告而不再显示正文',
      params: IdParams,
      querystring: VersionQuery,
      response: {
        200: Type.Object({
          status: Type.Union([Type.Literal('published'), Type.Literal('withdrawn'), Type.Literal('expired')]),
          decision: Type.Union([Decision, Type.Null()]),
          currentVersion: Type.Integer(),
          versions: Type.Array(Type.Object({ version: Type.Integer(), publishedOn: Type.String(), reason: Type.Union([Type.String(), Type.Null()], { description: '更正理由' }) })),
          withdrawal: Type.Union([Withdrawal, Type.Null()]),
          number: Type.String(),
          agencyName: Type.String(),
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => getDecision(ctx, req.params.id, req.query.version),
  });

  app.get<{ Params: { id: string }; Querystring: { version?: number } }>('/api/public/decisions/:id/proof', {
    config: { public: true },
    schema: {
      tags,
      summary:
        '核验材料：该版本 publication 事件的条目字段（data 除外，由页面上显示的内容代入）、对该日志最新签名检查点的包含证明（RFC 9162）和检查点原文；尚无检查点覆盖时 pending=true（等待下一次签名检查点）',
      params: IdParams,
      querystring: VersionQuery,
      response: {
        200: Type.Union([
          Type.Object({
            pending: Type.Literal(false),
            entry: Type.Object({
              v: Type.Literal(1),
              log: Type.String(),
              seq: Type.Integer(),
              at: Type.String(),
              actor: Type.String(),
              type: Type.String(),
              subject: Type.Union([Type.String(), Type.Null()]),
            }),
            origin: Type.String(),
            index: Type.Integer(),
            size: Type.Integer(),
            leafHash: Type.String({ description: 'base64，服务器记录的叶哈希' }),
            proof: Type.Array(Type.String(), { description: 'base64 审计路径' }),
            checkpoint: Type.String({ description: 'C2SP signed note' }),
          }),
          Type.Object({ pending: Type.Literal(true), log: Type.String(), seq: Type.Integer() }),
        ]),
        ...errorResponses,
      },
    },
    handler: async (req) => decisionProof(ctx, req.params.id, req.query.version),
  });

  app.get('/api/public/statistics', {
    config: { public: true },
    schema: {
      tags,
      summary: '公示统计：按决定月份、类别、执法机关计数（现公示中的决定）',
      response: {
        200: Type.Object({
          total: Type.Integer(),
          byMonth: Type.Array(Type.Object({ key: Type.String({ description: 'YYYY-MM' }), count: Type.Integer() })),
          byKind: Type.Array(Type.Object({ key: Type.String(), count: Type.Integer() })),
          byAgency: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), count: Type.Integer() })),
          asOf: Type.String(),
        }),
      },
    },
    handler: async () => portalStatistics(ctx),
  });

  app.get('/api/public/agencies', {
    config: { public: true },
    schema: {
      tags,
      summary: '执法机关（检索筛选用）',
      response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) },
    },
    handler: async () => publicAgencies(ctx),
  });
}

/** UTF-8 with a BOM (so Excel reads Chinese), CRLF line ends (RFC 4180). */
async function* csvLines(rows: AsyncIterable<PublishedDecision>): AsyncGenerator<string> {
  yield `\uFEFF${csvHeader()}\r\n`;
  for await (const d of rows) yield `${csvRow(d)}\r\n`;
}
