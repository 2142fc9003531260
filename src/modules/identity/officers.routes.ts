import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { Body, errorResponses, IdParams, ifMatchVersion, Reason, Text } from '../../http/schemas.ts';
import { CERTIFICATE_STATUS_LABELS } from '../../shared/roles.ts';
import { historyOf } from './history.service.ts';
import { exportOfficers, importOfficers, officerTemplate } from './officers.excel.ts';
import { changeCertificate, getOfficer, listOfficers, registerOfficer, updateOfficer, type CertificateAction, type NewOfficer, type OfficerFilter, type OfficerPatch } from './officers.service.ts';

const tags = ['执法人员 officers'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const DateText = (description: string) => Type.String({ format: 'date', description });
const StatusSchema = Type.Union(Object.keys(CERTIFICATE_STATUS_LABELS).map((s) => Type.Literal(s)));

const OfficerSchema = Type.Object(
  {
    id: Type.String(),
    agencyId: Type.String(),
    unitId: Nullable(Type.String()),
    userId: Nullable(Type.String()),
    name: Type.String(),
    post: Nullable(Type.String()),
    certificateNo: Nullable(Type.String()),
    issuingAuthority: Nullable(Type.String()),
    fields: Type.Array(Type.String()),
    validFrom: Nullable(Type.String()),
    validTo: Nullable(Type.String()),
    status: Type.String(),
    statusReason: Nullable(Type.String()),
    auxiliary: Type.Boolean(),
    certificateStatus: StatusSchema,
    version: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'Officer', description: '执法人员及其执法证（certificateStatus 按当日计算）' },
);

const editable = {
  unitId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  userId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  name: Type.Optional(Text(50, '姓名')),
  post: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
  certificateNo: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64, description: '执法证号' }))),
  issuingAuthority: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100, description: '发证机关' }))),
  fields: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20, uniqueItems: true, description: '执法种类' })),
  validFrom: Type.Optional(Nullable(DateText('有效期起'))),
  validTo: Type.Optional(Nullable(DateText('有效期止'))),
};

export async function officerRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addSchema(OfficerSchema);

  app.get<{ Querystring: OfficerFilter }>('/api/officers', {
    config: { action: 'officer.read' },
    schema: {
      tags,
      summary: '执法人员列表',
      querystring: Type.Object(
        { agencyId: Type.Optional(Type.String({ maxLength: 64 })), q: Type.Optional(Type.String({ maxLength: 50 })), certificateStatus: Type.Optional(StatusSchema) },
        { additionalProperties: false },
      ),
      response: { 200: Type.Array(Type.Ref('Officer')), ...errorResponses },
    },
    handler: async (req) => listOfficers(ctx, principal(req), req.query),
  });

  app.get('/api/officers/template.xlsx', {
    config: { action: 'officer.read' },
    schema: { tags, summary: '下载执法人员导入模板（Excel）', produces: [XLSX] },
    handler: async (_req, reply) =>
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('执法人员导入模板.xlsx')}`).send(await officerTemplate()),
  });

  app.get<{ Querystring: { agencyId: string } }>('/api/officers/export.xlsx', {
    config: { action: 'officer.read' },
    schema: {
      tags,
      summary: '导出执法人员（Excel）',
      produces: [XLSX],
      querystring: Type.Object({ agencyId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
    },
    handler: async (req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('执法人员.xlsx')}`)
        .send(await exportOfficers(ctx, principal(req), req.query.agencyId)),
  });

  // Only the import route reads raw spreadsheet bodies (up to 10 MB); everything else is JSON.
  await app.register(async (scoped) => {
    scoped.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    scoped.post<{ Querystring: { agencyId: string }; Body: Buffer }>('/api/officers/import', {
      config: { action: 'officer.manage' },
      schema: {
        tags,
        summary: '从 Excel 导入执法人员（任一行有误则全部不导入，返回逐行逐列错误）',
        consumes: [XLSX],
        querystring: Type.Object({ agencyId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ imported: Type.Integer() }), ...errorResponses },
      },
      handler: async (req) => importOfficers(ctx, principal(req), req.query.agencyId, req.body),
    });
  });

  app.get<{ Params: { id: string } }>('/api/officers/:id', {
    config: { action: 'officer.read' },
    schema: { tags, summary: '执法人员详情', params: IdParams, response: { 200: Type.Ref('Officer'), ...errorResponses } },
    handler: async (req, reply) => {
      const o = await getOfficer(ctx, principal(req), req.params.id);
      return reply.header('etag', `"${o.version}"`).send(o);
    },
  });

  app.get<{ Params: { id: string } }>('/api/officers/:id/history', {
    config: { action: 'officer.read' },
    schema: { tags, summary: '执法人员变更记录', params: IdParams, response: { 200: Type.Ref('History'), ...errorResponses } },
    handler: async (req) => {
      await getOfficer(ctx, principal(req), req.params.id);
      return historyOf(ctx.db, req.params.id);
    },
  });

  app.post<{ Body: NewOfficer }>('/api/officers', {
    config: { action: 'officer.manage' },
    schema: {
      tags,
      summary: '登记执法人员',
      body: Body({ agencyId: Type.String({ maxLength: 64 }), ...editable, name: Text(50, '姓名'), fields: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20, uniqueItems: true }), auxiliary: Type.Optional(Type.Boolean({ description: '辅助人员' })) }),
      response: { 201: Type.Ref('Officer'), ...errorResponses, 409: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const o = await registerOfficer(ctx, principal(req), req.body);
      return reply.status(201).header('etag', `"${o.version}"`).send(o);
    },
  });

  app.patch<{ Params: { id: string }; Body: OfficerPatch & { reason?: string | null } }>('/api/officers/:id', {
    config: { action: 'officer.manage' },
    schema: {
      tags,
      summary: '修改执法人员信息（需 If-Match）',
      params: IdParams,
      body: Body({ ...editable, reason: Reason }),
      response: { 200: Type.Ref('Officer'), ...errorResponses, 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const { reason, ...patch } = req.body;
      const o = await updateOfficer(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), patch, reason ?? null);
      return reply.header('etag', `"${o.version}"`).send(o);
    },
  });

  const actions: Record<CertificateAction, string> = { suspend: '暂扣执法证', reinstate: '恢复执法证', revoke: '吊销执法证', renew: '换发执法证（延长有效期）' };
  for (const [action, summary] of Object.entries(actions) as Array<[CertificateAction, string]>) {
    const body =
      action === 'renew'
        ? Body({ reason: Text(500, '原因'), validTo: DateText('新的有效期止'), validFrom: Type.Optional(DateText('新的有效期起')), certificateNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) })
        : Body({ reason: Text(500, '原因') });
    app.post<{ Params: { id: string }; Body: { reason: string; validTo?: string; validFrom?: string; certificateNo?: string } }>(`/api/officers/:id/${action}`, {
      config: { action: 'officer.manage' },
      schema: { tags, summary: `${summary}（需 If-Match，须填原因）`, params: IdParams, body, response: { 200: Type.Ref('Officer'), ...errorResponses, 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') } },
      handler: async (req, reply) => {
        const o = await changeCertificate(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), action, req.body);
        return reply.header('etag', `"${o.version}"`).send(o);
      },
    });
  }
}
