import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { Body, errorResponses, IdParams, ifMatchVersion, Text } from '../../http/schemas.ts';
import { PENALTY_KINDS } from '../../shared/cases.ts';
import type { BenchmarkPatch, NewBenchmark } from '../../shared/api.ts';
import { historyOf } from '../identity/history.service.ts';
import { BENCHMARK_LIMITS } from './benchmarks.rules.ts';
import { benchmarkTemplate, exportBenchmarks, importBenchmarks } from './benchmarks.excel.ts';
import { createBenchmark, getBenchmark, listBenchmarks, retireBenchmark, updateBenchmark, type BenchmarkFilter } from './benchmarks.service.ts';

const tags = ['裁量基准 discretion benchmarks'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Fen = (description: string) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });
const Multiple = (description: string) => Type.Number({ minimum: 0, maximum: BENCHMARK_LIMITS.multiple, description: `${description}（最多两位小数）` });
const StatusSchema = Type.Union([Type.Literal('active'), Type.Literal('retired')]);

const levelProperties = {
  name: Text(BENCHMARK_LIMITS.levelName, '裁量等次（轻微、一般、较重、严重…）'),
  circumstances: Text(BENCHMARK_LIMITS.circumstances, '适用情形'),
  kinds: Type.Array(Type.Union(PENALTY_KINDS.map((k) => Type.Literal(k))), { maxItems: PENALTY_KINDS.length, uniqueItems: true, description: '允许的处罚种类（空：不予处罚）' }),
  fine: Type.Union([Type.Object({ minFen: Fen('罚款下限（分）'), maxFen: Fen('罚款上限（分）') }, { additionalProperties: false }), Type.Null()], {
    description: '固定罚款数额范围；按违法所得倍数计罚时，为没有或不足起点时适用的范围',
  }),
  gainsMultiple: Type.Union(
    [
      Type.Object(
        { min: Multiple('倍数下限'), max: Multiple('倍数上限'), minGainsFen: Type.Union([Fen('违法所得达到此数额（分）起按倍数计罚'), Type.Null()]) },
        { additionalProperties: false },
      ),
      Type.Null(),
    ],
    { description: '按违法所得倍数计罚' },
  ),
  note: Type.Union([Type.String({ maxLength: BENCHMARK_LIMITS.note }), Type.Null()], { description: '处罚标准说明' }),
};
/** For responses and the OpenAPI document. */
const LevelSchema = Type.Object(levelProperties, { $id: 'BenchmarkLevel', additionalProperties: false, description: '裁量等次' });
// Request bodies are compiled on their own (src/http/validation.ts), so they carry the level inline.
const LevelBody = Type.Object(levelProperties, { additionalProperties: false, description: '裁量等次' });

const BenchmarkSchema = Type.Object(
  {
    id: Type.String(),
    agencyId: Type.String(),
    field: Type.String(),
    code: Type.String(),
    violation: Type.String(),
    legalBasis: Type.String(),
    penaltyBasis: Type.String(),
    levels: Type.Array(Type.Ref('BenchmarkLevel')),
    status: StatusSchema,
    version: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'DiscretionBenchmark', description: '裁量基准条目（金额单位：分）' },
);

const content = {
  field: Text(BENCHMARK_LIMITS.field, '执法领域'),
  code: Text(BENCHMARK_LIMITS.code, '编码（本机构内唯一）'),
  violation: Text(BENCHMARK_LIMITS.violation, '违法行为'),
  legalBasis: Text(BENCHMARK_LIMITS.basis, '违法依据'),
  penaltyBasis: Text(BENCHMARK_LIMITS.basis, '处罚依据'),
  levels: Type.Array(LevelBody, { minItems: 1, maxItems: BENCHMARK_LIMITS.levels, description: '裁量等次，按从轻到重排列' }),
};

const written = { 200: Type.Ref('DiscretionBenchmark'), ...errorResponses, 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') };

export async function benchmarkRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addSchema(LevelSchema);
  app.addSchema(BenchmarkSchema);

  app.get<{ Querystring: BenchmarkFilter }>('/api/benchmarks', {
    config: { action: 'benchmark.read' },
    schema: {
      tags,
      summary: '裁量基准列表',
      querystring: Type.Object(
        {
          agencyId: Type.Optional(Type.String({ maxLength: 64 })),
          field: Type.Optional(Type.String({ maxLength: BENCHMARK_LIMITS.field })),
          q: Type.Optional(Type.String({ maxLength: 50, description: '编码、违法行为或依据包含' })),
          status: Type.Optional(StatusSchema),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Array(Type.Ref('DiscretionBenchmark')), ...errorResponses },
    },
    handler: async (req) => listBenchmarks(ctx, principal(req), req.query),
  });

  app.get('/api/benchmarks/template.xlsx', {
    config: { action: 'benchmark.read' },
    schema: { tags, summary: '下载裁量基准导入模板（Excel，每个裁量等次一行）', produces: [XLSX] },
    handler: async (_req, reply) =>
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('裁量基准导入模板.xlsx')}`).send(await benchmarkTemplate()),
  });

  app.get<{ Querystring: { agencyId: string } }>('/api/benchmarks/export.xlsx', {
    config: { action: 'benchmark.read' },
    schema: {
      tags,
      summary: '导出本机构裁量基准（Excel）',
      produces: [XLSX],
      querystring: Type.Object({ agencyId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
    },
    handler: async (req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('裁量基准.xlsx')}`)
        .send(await exportBenchmarks(ctx, principal(req), req.query.agencyId)),
  });

  // Only the import route reads raw spreadsheet bodies (up to 10 MB); everything else is JSON.
  await app.register(async (scoped) => {
    scoped.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    scoped.post<{ Querystring: { agencyId: string; reason?: string }; Body: Buffer }>('/api/benchmarks/import', {
      config: { action: 'benchmark.manage' },
      schema: {
        tags,
        summary: '从 Excel 导入裁量基准（按编码新建或更新；任一行有误则全部不导入，返回逐行逐列错误）',
        consumes: [XLSX],
        querystring: Type.Object(
          { agencyId: Type.String({ maxLength: 64 }), reason: Type.Optional(Type.String({ maxLength: 500, pattern: '\\S', description: '更新已有条目的原因' })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }), ...errorResponses },
      },
      handler: async (req) => importBenchmarks(ctx, principal(req), req.query.agencyId, req.body, req.query.reason ?? null),
    });
  });

  app.get<{ Params: { id: string } }>('/api/benchmarks/:id', {
    config: { action: 'benchmark.read' },
    schema: { tags, summary: '裁量基准详情', params: IdParams, response: { 200: Type.Ref('DiscretionBenchmark'), ...errorResponses } },
    handler: async (req, reply) => {
      const b = await getBenchmark(ctx, principal(req), req.params.id);
      return reply.header('etag', `"${b.version}"`).send(b);
    },
  });

  app.get<{ Params: { id: string } }>('/api/benchmarks/:id/history', {
    config: { action: 'benchmark.read' },
    schema: { tags, summary: '裁量基准变更记录', params: IdParams, response: { 200: Type.Ref('History'), ...errorResponses } },
    handler: async (req) => {
      await getBenchmark(ctx, principal(req), req.params.id);
      return historyOf(ctx.db, req.params.id);
    },
  });

  app.post<{ Body: NewBenchmark }>('/api/benchmarks', {
    config: { action: 'benchmark.manage' },
    schema: {
      tags,
      summary: '新建裁量基准条目',
      body: Body({ agencyId: Type.String({ maxLength: 64 }), ...content }),
      response: { 201: Type.Ref('DiscretionBenchmark'), ...errorResponses, 409: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const b = await createBenchmark(ctx, principal(req), req.body);
      return reply.status(201).header('etag', `"${b.version}"`).send(b);
    },
  });

  app.patch<{ Params: { id: string }; Body: BenchmarkPatch & { reason: string } }>('/api/benchmarks/:id', {
    config: { action: 'benchmark.manage' },
    schema: {
      tags,
      summary: '修改裁量基准条目（需 If-Match；须填原因）',
      params: IdParams,
      body: Body({
        field: Type.Optional(content.field),
        code: Type.Optional(content.code),
        violation: Type.Optional(content.violation),
        legalBasis: Type.Optional(content.legalBasis),
        penaltyBasis: Type.Optional(content.penaltyBasis),
        levels: Type.Optional(content.levels),
        reason: Text(500, '修改原因（裁量基准对外公布，每次修改都须说明原因）'),
      }),
      response: written,
    },
    handler: async (req, reply) => {
      const { reason, ...patch } = req.body;
      const b = await updateBenchmark(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), patch, reason);
      return reply.header('etag', `"${b.version}"`).send(b);
    },
  });

  app.post<{ Params: { id: string }; Body: { reason: string } }>('/api/benchmarks/:id/retire', {
    config: { action: 'benchmark.manage' },
    schema: { tags, summary: '废止裁量基准条目（需 If-Match；须填原因）', params: IdParams, body: Body({ reason: Text(500, '废止原因') }), response: written },
    handler: async (req, reply) => {
      const b = await retireBenchmark(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body.reason);
      return reply.header('etag', `"${b.version}"`).send(b);
    },
  });
}
