import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { Body, errorResponses, IdParams, ifMatchVersion, Reason } from '../../http/schemas.ts';
import { DOCUMENT_KIND_NAMES, DOCUMENT_KINDS } from '../../shared/documents.ts';
import { DOCX, documentDocx, documentFileName, documentPdf, getDocument, getDocumentSettings, PDF, setDocumentSettings, type DocumentSettingsInput } from './documents.service.ts';

const tags = ['执法文书 documents'];
const KindSchema = Type.Union(DOCUMENT_KIND_NAMES.map((k) => Type.Literal(k)), { description: '文书种类' });
const NUMBERED_KINDS = DOCUMENT_KIND_NAMES.filter((k) => DOCUMENT_KINDS[k].numbered);

const DocumentSchema = Type.Object(
  {
    id: Type.String(),
    agencyId: Type.String(),
    caseId: Type.String(),
    kind: KindSchema,
    title: Type.String(),
    number: Type.Union([Type.String(), Type.Null()], { description: '文号（不编号的文书为 null）' }),
    issuedOn: Type.String({ description: '签发日期' }),
    pdf: Type.Object({ sha256: Type.String({ description: 'PDF 的 SHA-256（记入执法记录）' }), size: Type.Integer() }),
    createdAt: Type.String(),
  },
  { $id: 'Document', description: '已签发的执法文书' },
);

const SettingsSchema = Type.Object(
  {
    agencyId: Type.String(),
    shortName: Type.String({ description: '机关代字，如“衡文执”' }),
    shortNameDerived: Type.Boolean({ description: '尚未设置，机关代字由机构名称推导' }),
    patterns: Type.Record(Type.String(), Type.String(), { description: '按文书种类覆盖的文号格式' }),
    effective: Type.Array(Type.Object({ kind: KindSchema, title: Type.String(), pattern: Type.String(), example: Type.String() })),
    version: Type.Integer(),
  },
  { $id: 'DocumentSettings', description: '文号设置' },
);

/** `filename*` (RFC 5987) carries the Chinese name; `filename` an ASCII fallback for old clients. */
const disposition = (type: 'inline' | 'attachment', name: string, ext: string) => `${type}; filename="document.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function documentRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addSchema(DocumentSchema);
  app.addSchema(SettingsSchema);

  app.get<{ Params: { id: string } }>('/api/documents/:id', {
    config: { action: 'case.read', orAction: 'review.co-review' },
    schema: { tags, summary: '执法文书信息', params: IdParams, response: { 200: Type.Ref('Document'), ...errorResponses } },
    handler: async (req) => getDocument(ctx, principal(req), req.params.id),
  });

  app.get<{ Params: { id: string } }>('/api/documents/:id/pdf', {
    config: { action: 'case.read', orAction: 'review.co-review' },
    schema: { tags, summary: '执法文书 PDF（签发时的原件，校验摘要后提供）', params: IdParams, produces: [PDF] },
    handler: async (req, reply) => {
      const { meta, bytes } = await documentPdf(ctx, principal(req), req.params.id);
      return reply
        .header('content-type', PDF)
        .header('content-disposition', disposition('inline', documentFileName(meta, 'pdf'), 'pdf'))
        // The bytes never change: the digest is the ETag.
        .header('etag', `"${meta.pdf.sha256}"`)
        .header('cache-control', 'private, max-age=86400, immutable')
        .send(bytes);
    },
  });

  app.get<{ Params: { id: string } }>('/api/documents/:id/docx', {
    config: { action: 'case.read', orAction: 'review.co-review' },
    schema: { tags, summary: '执法文书 Word 版（可编辑，由记录的文书内容生成）', params: IdParams, produces: [DOCX] },
    handler: async (req, reply) => {
      const { meta, bytes } = await documentDocx(ctx, principal(req), req.params.id);
      return reply.header('content-type', DOCX).header('content-disposition', disposition('attachment', documentFileName(meta, 'docx'), 'docx')).send(bytes);
    },
  });

  app.get<{ Params: { id: string } }>('/api/agencies/:id/document-settings', {
    config: { action: 'document.settings' },
    schema: { tags, summary: '文号设置（机关代字、各类文书的文号格式）', params: IdParams, response: { 200: Type.Ref('DocumentSettings'), ...errorResponses } },
    handler: async (req, reply) => {
      const s = await getDocumentSettings(ctx, principal(req), req.params.id);
      return reply.header('etag', `"${s.version}"`).send(s);
    },
  });

  app.put<{ Params: { id: string }; Body: DocumentSettingsInput }>('/api/agencies/:id/document-settings', {
    config: { action: 'document.settings' },
    schema: {
      tags,
      summary: '设置文号（需 If-Match；首次设置时为 "0"）。格式占位符：{short} 机关代字、{word} 文书字、{year} 年份、{n} 序号',
      params: IdParams,
      body: Body({
        shortName: Type.String({ minLength: 1, maxLength: 10, pattern: '^\\S+$', description: '机关代字，如“衡文执”' }),
        patterns: Type.Object(Object.fromEntries(NUMBERED_KINDS.map((k) => [k, Type.Optional(Type.String({ minLength: 3, maxLength: 60, description: DOCUMENT_KINDS[k].zh }))])), {
          additionalProperties: false,
          description: '按文书种类覆盖的文号格式（不填则用默认格式 {short}{word}〔{year}〕第{n}号）',
        }),
        reason: Reason,
      }),
      response: { 200: Type.Ref('DocumentSettings'), ...errorResponses, 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const s = await setDocumentSettings(ctx, principal(req), req.params.id, ifMatchVersion(req.headers['if-match']), req.body);
      return reply.header('etag', `"${s.version}"`).send(s);
    },
  });
}
