import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { Body, errorResponses, IdParams, ifMatchVersion, Text } from '../../http/schemas.ts';
import {
  DISCLOSURE_FIELDS,
  DISCLOSURE_KINDS,
  DISCLOSURE_LIMITS,
  FLOW_STEP_KINDS,
  type DerivedList,
  type DisclosureDraftInput,
  type DisclosureKind,
  type NewDisclosure,
} from '../../shared/disclosures.ts';
import { exportPowers, importPowers, powersTemplate } from './disclosures.excel.ts';
import {
  createDisclosure,
  discardDraft,
  draftDisclosure,
  draftRemoval,
  getDisclosure,
  listDisclosures,
  publicAgencyProfile,
  publicBenchmarks,
  publicCatalog,
  publicDisclosure,
  publicDisclosureChanges,
  publicDisclosures,
  publicListHistory,
  publicStaff,
  publishDisclosure,
  returnDisclosure,
  submitDisclosure,
  type DisclosureFilter,
} from './disclosures.service.ts';

const tags = ['事前公开 disclosures'];
const publicTags = ['公开 public'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const KindSchema = Type.Union(DISCLOSURE_KINDS.map((k) => Type.Literal(k)), { description: '公开事项类别' });
const AgencyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const ItemParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), itemId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const Note = Type.Optional(Nullable(Type.String({ maxLength: DISCLOSURE_LIMITS.note, description: '修改说明（随版本公开）' })));

/** The content of one kind, generated from the field table (`strict`: request bodies refuse unknown fields). */
function contentSchema(kind: DisclosureKind, strict: boolean): TSchema {
  const props: Record<string, TSchema> = {};
  for (const f of DISCLOSURE_FIELDS[kind]) {
    const d = { description: f.zh };
    props[f.key] =
      f.type === 'optional'
        ? Nullable(Type.String({ maxLength: f.max, ...d }))
        : f.type === 'lines'
          ? Type.Array(Type.String({ maxLength: f.max }), { maxItems: DISCLOSURE_LIMITS.lines, ...d })
          : f.type === 'enum'
            ? Type.Union(f.options!.map((o) => Type.Literal(o)), d)
            : Type.String({ maxLength: f.max, ...d });
  }
  if (kind === 'flowchart') {
    props.steps = Type.Array(
      Type.Object(
        {
          id: Type.String({ maxLength: 32, description: '步骤编号' }),
          kind: Type.Union(FLOW_STEP_KINDS.map((k) => Type.Literal(k))),
          label: Type.String({ maxLength: 100 }),
          note: Nullable(Type.String({ maxLength: 200 })),
          next: Type.Array(Type.Object({ to: Type.String({ maxLength: 32 }), label: Nullable(Type.String({ maxLength: 20 })) }, strict ? { additionalProperties: false } : {}), { maxItems: DISCLOSURE_LIMITS.edges }),
        },
        strict ? { additionalProperties: false } : {},
      ),
      { maxItems: DISCLOSURE_LIMITS.steps, description: '流程步骤' },
    );
  }
  return Type.Object(props, { ...(strict ? { additionalProperties: false } : {}), description: kind });
}

const AnyContent = (strict: boolean) => Type.Union(DISCLOSURE_KINDS.map((k) => contentSchema(k, strict)), { description: '公开内容（按类别）' });

const Person = Type.Object({ id: Type.String(), name: Type.String() });
const VersionProps = {
  version: Type.Integer(),
  title: Type.String(),
  content: Nullable(Type.Ref('DisclosureContent')),
  removal: Type.Boolean({ description: '本版本撤下该事项' }),
  note: Nullable(Type.String()),
  publishedAt: Type.String(),
};
const PublicVersion = Type.Object(VersionProps, { $id: 'DisclosureVersion', description: '公开事项的一个已发布版本' });
const ItemProps = {
  id: Type.String(),
  agencyId: Type.String(),
  kind: KindSchema,
  code: Nullable(Type.String()),
  title: Type.String(),
  status: Type.Union(['unpublished', 'published', 'removed', 'discarded'].map((s) => Type.Literal(s))),
  publishedVersion: Type.Integer(),
  draftState: Nullable(Type.Union([Type.Literal('draft'), Type.Literal('in-review')])),
  version: Type.Integer({ description: '记录版本（If-Match）' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
const ItemSchema = Type.Object(ItemProps, { $id: 'DisclosureItem', description: '公开事项' });
const DetailSchema = Type.Object(
  {
    ...ItemProps,
    published: Nullable(Type.Ref('DisclosureContent')),
    draft: Nullable(
      Type.Object({
        state: Type.Union([Type.Literal('draft'), Type.Literal('in-review')]),
        content: Nullable(Type.Ref('DisclosureContent')),
        removal: Type.Boolean(),
        note: Nullable(Type.String()),
        revision: Type.Integer(),
        authors: Type.Array(Person),
        returnReason: Nullable(Type.String()),
        updatedAt: Type.String(),
      }),
    ),
    versions: Type.Array(Type.Object({ ...VersionProps, draftedBy: Type.Array(Person), publishedBy: Person })),
  },
  { $id: 'DisclosureDetail', description: '公开事项、待发布的草稿及全部已发布版本' },
);
const PublicItem = Type.Object(
  { id: Type.String(), kind: KindSchema, title: Type.String(), version: Type.Integer(), content: Type.Ref('DisclosureContent'), publishedAt: Type.String() },
  { $id: 'PublicDisclosure', description: '现行公开的事项' },
);

/** The public entries of the derived lists: each registered by id, and partial (`before` of a change) from the same fields. */
const ENTRIES = {
  staff: {
    id: 'PublicStaffMember',
    description: '执法人员名单的一行：姓名、内设机构、职务、执法种类、执法证号、证件状态',
    props: {
      name: Type.String(),
      unit: Nullable(Type.String()),
      post: Nullable(Type.String()),
      fields: Type.Array(Type.String()),
      certificateNo: Type.String(),
      status: Type.Union(['valid', 'not-yet-valid', 'expired', 'suspended', 'revoked'].map((s) => Type.Literal(s))),
    },
  },
  benchmarks: {
    id: 'PublicBenchmark',
    description: '裁量基准（公开内容）',
    props: {
      code: Type.String(),
      field: Type.String(),
      violation: Type.String(),
      legalBasis: Type.String(),
      penaltyBasis: Type.String(),
      levels: Type.Array(Type.Object({ name: Type.String(), circumstances: Type.String(), standard: Type.String() }, { additionalProperties: false })),
    },
  },
  catalog: {
    id: 'PublicCatalogRule',
    description: '法制审核目录的一条规则（某一版本）',
    props: { label: Type.String(), description: Type.String(), effectiveFrom: Type.String(), effectiveTo: Nullable(Type.String()), version: Type.Integer() },
  },
  profile: {
    id: 'PublicProfileEntry',
    description: '本机关或内设机构',
    props: {
      kind: Type.Union([Type.Literal('agency'), Type.Literal('unit')], { description: 'agency：本机关；unit：内设机构' }),
      name: Type.String(),
      creditCode: Nullable(Type.String({ description: '统一社会信用代码（仅本机关）' })),
      parentName: Nullable(Type.String({ description: '上级机关（仅本机关）' })),
    },
  },
} satisfies Record<DerivedList, { id: string; description: string; props: Record<string, TSchema> }>;

const OnQuery = Type.Object(
  { on: Type.Optional(Type.String({ format: 'date', description: '查看某日（含当日）的名单；缺省为今天' })) },
  { additionalProperties: false },
);
const HistoryQuery = Type.Object({ after: Type.Optional(Type.String({ maxLength: 64, description: '上一页返回的 next 游标' })) }, { additionalProperties: false });
/** A page of a derived list's history; `entry` and `before` are the list's public fields only (extra properties are never serialised). */
function historyPage(list: DerivedList, title: string): TSchema {
  const entry = Type.Ref(ENTRIES[list].id);
  const partial = Type.Partial(Type.Object(ENTRIES[list].props, { additionalProperties: false }));
  return Type.Object(
    {
      items: Type.Array(
        Type.Object(
          {
            at: Type.String({ description: '变更时间' }),
            change: Type.Union(['added', 'changed', 'suspended', 'reinstated', 'revoked', 'renewed', 'removed', 'retired'].map((c) => Type.Literal(c)), {
              description: 'added 新增／changed 变更／suspended 暂扣执法证／reinstated 恢复／revoked 吊销／renewed 换发／removed 不再列入／retired 废止',
            }),
            version: Nullable(Type.Integer({ description: '裁量基准或审核目录规则的第几版' })),
            entry: entry,
            changed: Type.Array(Type.String(), { description: '变更的公开字段' }),
            before: Nullable(partial),
            reason: Nullable(Type.String({ description: '公布的修改说明（裁量基准、审核目录）' })),
          },
          { additionalProperties: false },
        ),
      ),
      next: Nullable(Type.String({ description: '下一页（更早）游标，最后一页为 null' })),
    },
    { description: title },
  );
}

const written = { 200: Type.Ref('DisclosureDetail'), ...errorResponses, 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') };
const ImportResult = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });

export async function disclosureRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addSchema(Type.Unsafe({ ...AnyContent(false), $id: 'DisclosureContent' }));
  app.addSchema(PublicVersion);
  app.addSchema(ItemSchema);
  app.addSchema(DetailSchema);
  app.addSchema(PublicItem);
  for (const e of Object.values(ENTRIES)) app.addSchema(Type.Object(e.props, { additionalProperties: false, $id: e.id, description: e.description }));

  // ---- console (公示审核员) ----

  app.get<{ Querystring: DisclosureFilter }>('/api/disclosures', {
    config: { action: 'publicity.read' },
    schema: {
      tags,
      summary: '事前公开事项（含草稿与待审核）',
      querystring: Type.Object(
        {
          agencyId: Type.Optional(Type.String({ maxLength: 64 })),
          kind: Type.Optional(KindSchema),
          pending: Type.Optional(Type.Union([Type.Literal('any'), Type.Literal('review')], { description: 'any：有草稿或待审核；review：待审核' })),
          all: Type.Optional(Type.Boolean({ description: '含已放弃的事项' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Array(Type.Ref('DisclosureItem')), ...errorResponses },
    },
    handler: async (req) => listDisclosures(ctx, principal(req), req.query),
  });

  app.get('/api/disclosures/powers/template.xlsx', {
    config: { action: 'publicity.read' },
    schema: { tags, summary: '下载权责清单导入模板（Excel，每项权力一行）', produces: [XLSX] },
    handler: async (_req, reply) =>
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('权责清单导入模板.xlsx')}`).send(await powersTemplate()),
  });

  app.get<{ Querystring: { agencyId: string } }>('/api/disclosures/powers/export.xlsx', {
    config: { action: 'publicity.read' },
    schema: { tags, summary: '导出本机构权责清单（Excel）', produces: [XLSX], querystring: Type.Object({ agencyId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }) },
    handler: async (req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('权责清单.xlsx')}`)
        .send(await exportPowers(ctx, principal(req), req.query.agencyId)),
  });

  await app.register(async (scoped) => {
    // Only the import route reads raw spreadsheet bodies (up to 10 MB); everything else is JSON.
    scoped.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    scoped.post<{ Querystring: { agencyId: string; note?: string }; Body: Buffer }>('/api/disclosures/powers/import', {
      config: { action: 'publicity.edit' },
      schema: {
        tags,
        summary: '导入权责清单（Excel）：按事项编码新增或生成修改草稿并一并送审；任何一行有误则不导入',
        consumes: [XLSX],
        querystring: Type.Object({ agencyId: Type.String({ maxLength: 64 }), note: Type.Optional(Type.String({ maxLength: DISCLOSURE_LIMITS.note })) }, { additionalProperties: false }),
        response: { 200: ImportResult, ...errorResponses },
      },
      handler: async (req) => importPowers(ctx, principal(req), req.query.agencyId, req.body, req.query.note ?? null),
    });
  });

  app.get<{ Params: { id: string } }>('/api/disclosures/:id', {
    config: { action: 'publicity.read' },
    schema: { tags, summary: '公开事项详情：现行内容、草稿与全部版本', params: IdParams, response: { 200: Type.Ref('DisclosureDetail'), ...errorResponses } },
    handler: async (req, reply) => {
      const d = await getDisclosure(ctx, principal(req), req.params.id);
      return reply.header('etag', `"${d.version}"`).send(d);
    },
  });

  app.post<{ Body: NewDisclosure }>('/api/disclosures', {
    config: { action: 'publicity.edit' },
    schema: {
      tags,
      summary: '新建公开事项（草稿）',
      body: Type.Union(
        DISCLOSURE_KINDS.map((k) => Body({ agencyId: Type.String({ maxLength: 64 }), kind: Type.Literal(k), content: contentSchema(k, true), note: Note })),
        { description: '类别与对应的内容' },
      ),
      response: { 201: Type.Ref('DisclosureDetail'), ...errorResponses, 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const d = await createDisclosure(ctx, principal(req), req.body);
      return reply.status(201).header('etag', `"${d.version}"`).send(d);
    },
  });

  const act = <B>(path: string, action: 'publicity.edit' | 'publicity.approve', summary: string, body: TSchema | null, run: (req: { id: string; version: number | undefined; body: B; p: ReturnType<typeof principal> }) => Promise<{ version: number }>) =>
    app.post<{ Params: { id: string }; Body: B }>(`/api/disclosures/:id/${path}`, {
      config: { action },
      schema: { tags, summary, params: IdParams, ...(body ? { body } : {}), response: written },
      handler: async (req, reply) => {
        const d = await run({ id: req.params.id, version: ifMatchVersion(req.headers['if-match']), body: req.body as B, p: principal(req) });
        return reply.header('etag', `"${d.version}"`).send(d);
      },
    });

  act<DisclosureDraftInput>('draft', 'publicity.edit', '修改草稿：新的内容（已公开的事项生成待发布的新版本；需 If-Match）', Body({ content: AnyContent(true), note: Note }), (r) => draftDisclosure(ctx, r.p, r.id, r.version, r.body));
  act<{ note: string }>('removal', 'publicity.edit', '起草撤下：已公开的事项经审核发布后不再公开，原因随版本公开（需 If-Match）', Body({ note: Text(DISCLOSURE_LIMITS.note, '撤下原因') }), (r) => draftRemoval(ctx, r.p, r.id, r.version, r.body));
  act('submit', 'publicity.edit', '送审（需 If-Match）', null, (r) => submitDisclosure(ctx, r.p, r.id, r.version));
  act<{ reason: string }>('return', 'publicity.approve', '审核退回，须写明原因（需 If-Match）', Body({ reason: Text(DISCLOSURE_LIMITS.note, '退回原因') }), (r) => returnDisclosure(ctx, r.p, r.id, r.version, r.body));
  act('publish', 'publicity.approve', '审核发布：成为新的公开版本；起草或送审者本人不能发布（需 If-Match）', null, (r) => publishDisclosure(ctx, r.p, r.id, r.version));
  act('discard', 'publicity.edit', '放弃草稿（需 If-Match）', null, (r) => discardDraft(ctx, r.p, r.id, r.version));

  // ---- public (no login) ----

  const pub = { public: true };
  app.get<{ Params: { id: string }; Querystring: { kind?: DisclosureKind; q?: string } }>('/api/public/agencies/:id/disclosures', {
    config: pub,
    schema: {
      tags: publicTags,
      summary: '事前公开：机构现行公开的事项（权责清单、随机抽查事项、流程图、办事指南、监督渠道、机关简介），可按类别筛选、按关键词查找',
      params: AgencyParams,
      querystring: Type.Object({ kind: Type.Optional(KindSchema), q: Type.Optional(Type.String({ maxLength: 50 })) }, { additionalProperties: false }),
      response: { 200: Type.Array(Type.Ref('PublicDisclosure')), ...errorResponses },
    },
    handler: async (req) => publicDisclosures(ctx, req.params.id, req.query),
  });

  app.get<{ Params: { id: string }; Querystring: { kind?: DisclosureKind; limit?: number } }>('/api/public/agencies/:id/disclosures/changes', {
    config: pub,
    schema: {
      tags: publicTags,
      summary: '事前公开的变更记录（历史版本），新的在前',
      params: AgencyParams,
      querystring: Type.Object({ kind: Type.Optional(KindSchema), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }),
      response: {
        200: Type.Array(Type.Object({ itemId: Type.String(), kind: KindSchema, title: Type.String(), version: Type.Integer(), removal: Type.Boolean(), note: Nullable(Type.String()), publishedAt: Type.String() })),
        ...errorResponses,
      },
    },
    handler: async (req) => publicDisclosureChanges(ctx, req.params.id, req.query),
  });

  app.get<{ Params: { id: string }; Querystring: { on?: string } }>('/api/public/agencies/:id/disclosures/profile', {
    config: pub,
    schema: {
      tags: publicTags,
      summary: '机关简介与内设机构（可查看过去某日的情况）',
      params: AgencyParams,
      querystring: OnQuery,
      response: {
        200: Type.Object({
          agency: Type.Object({ id: Type.String(), name: Type.String(), creditCode: Nullable(Type.String()), parentName: Nullable(Type.String()) }),
          units: Type.Array(Type.String()),
          profile: Nullable(Type.Ref('PublicDisclosure')),
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => publicAgencyProfile(ctx, req.params.id, req.query.on),
  });

  app.get<{ Params: { id: string }; Querystring: { on?: string } }>('/api/public/agencies/:id/disclosures/staff', {
    config: pub,
    schema: {
      tags: publicTags,
      summary: '执法人员名单：姓名、内设机构、职务、执法种类、执法证号、证件状态（不含其他个人信息）；可查看过去某日的名单',
      params: AgencyParams,
      querystring: OnQuery,
      response: { 200: Type.Array(Type.Ref('PublicStaffMember')), ...errorResponses },
    },
    handler: async (req) => publicStaff(ctx, req.params.id, req.query.on),
  });

  app.get<{ Params: { id: string }; Querystring: { on?: string } }>('/api/public/agencies/:id/disclosures/benchmarks', {
    config: pub,
    schema: {
      tags: publicTags,
      summary: '行政处罚裁量基准（现行；可查看过去某日施行的基准）',
      params: AgencyParams,
      querystring: OnQuery,
      response: { 200: Type.Array(Type.Ref('PublicBenchmark')), ...errorResponses },
    },
    handler: async (req) => publicBenchmarks(ctx, req.params.id, req.query.on),
  });

  app.get<{ Params: { id: string }; Querystring: { on?: string } }>('/api/public/agencies/:id/disclosures/catalog', {
    config: pub,
    schema: {
      tags: publicTags,
      summary: '重大执法决定法制审核目录（今日施行；可查看过去某日施行的目录）',
      params: AgencyParams,
      querystring: OnQuery,
      response: { 200: Type.Array(Type.Ref('PublicCatalogRule')), ...errorResponses },
    },
    handler: async (req) => publicCatalog(ctx, req.params.id, req.query.on),
  });

  // The derived lists' version history (历史版本): every change, newest first, public fields only.
  const history = (list: DerivedList, summary: string) =>
    app.get<{ Params: { id: string }; Querystring: { after?: string } }>(`/api/public/agencies/:id/disclosures/${list}/history`, {
      config: pub,
      schema: {
        tags: publicTags,
        summary,
        params: AgencyParams,
        querystring: HistoryQuery,
        response: { 200: historyPage(list, summary), ...errorResponses },
      },
      handler: async (req) => publicListHistory(ctx, req.params.id, list, req.query.after),
    });
  history('staff', '执法人员名单的历史版本：人员新增、信息变更、执法证暂扣／恢复／吊销／换发，新的在前（仅公开字段）');
  history('benchmarks', '裁量基准的历史版本：新增、修改（第几版及修改说明）、废止，新的在前');
  history('catalog', '法制审核目录的历史版本：新增规则、新版本及施行日期、废止，新的在前');
  history('profile', '本机关与内设机构的历史版本：机关名称、统一社会信用代码、上级机关的变更，内设机构的设立与更名，新的在前');

  app.get<{ Params: { id: string; itemId: string } }>('/api/public/agencies/:id/disclosures/:itemId', {
    config: pub,
    schema: {
      tags: publicTags,
      summary: '公开事项及其全部历史版本',
      params: ItemParams,
      response: {
        200: Type.Object({ id: Type.String(), agencyId: Type.String(), kind: KindSchema, current: Nullable(Type.Ref('PublicDisclosure')), versions: Type.Array(Type.Ref('DisclosureVersion')) }),
        ...errorResponses,
      },
    },
    handler: async (req) => publicDisclosure(ctx, req.params.id, req.params.itemId),
  });
}
