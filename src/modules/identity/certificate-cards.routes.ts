import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../context.ts';
import { principal } from '../../http/auth.ts';
import { Body, errorResponses, IdParams } from '../../http/schemas.ts';
import { publicUrlFrom } from '../../kernel/config.ts';
import { CERTIFICATE_STATUS_LABELS } from '../../shared/roles.ts';
import { CARD_VERDICT_LABELS } from '../../shared/officer-cards.ts';
import { issueAgencyCards, issueOfficerCard, lookupOfficers, verifyCard, type IssuedCards } from './certificate-cards.service.ts';

const tags = ['执法人员 officers'];
const publicTags = ['公开 public'];
const PDF = 'application/pdf';
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union(Object.keys(CERTIFICATE_STATUS_LABELS).map((s) => Type.Literal(s)), { description: '执法证实时状态' });

const LookupItem = Type.Object(
  {
    name: Type.String(),
    unit: Nullable(Type.String()),
    agency: Type.String(),
    post: Nullable(Type.String()),
    fields: Type.Array(Type.String(), { description: '执法种类' }),
    certificateNo: Type.String(),
    status: Status,
  },
  { additionalProperties: false, $id: 'PublicOfficer', description: '公开的执法人员信息（仅姓名、单位、职务、执法种类、证号、状态，不含其他个人信息）' },
);

const Verification = Type.Object(
  {
    verdict: Type.Union(Object.keys(CARD_VERDICT_LABELS).map((s) => Type.Literal(s)), { description: '核验结论：有效/已过期/未生效/已暂扣/已吊销/证件信息已变更/无效证件' }),
    genuine: Type.Boolean({ description: '卡片是否由本平台签发（签名有效）' }),
    problem: Type.Union(['malformed', 'unsupported-version', 'unknown-key', 'bad-signature', 'unknown-officer'].map((s) => Type.Literal(s)).concat([Type.Null() as never])),
    officer: Type.Union([
      Type.Object({
        name: Type.String(),
        unit: Nullable(Type.String()),
        agency: Type.String(),
        post: Nullable(Type.String()),
        fields: Type.Array(Type.String()),
        certificateNo: Type.String(),
        status: Status,
        validFrom: Nullable(Type.String()),
        validTo: Nullable(Type.String()),
      }),
      Type.Null(),
    ]),
    card: Type.Union([Type.Object({ certificateNo: Type.String(), issuedOn: Type.String() }), Type.Null()]),
    checkedAt: Type.String(),
  },
  { $id: 'CardVerification', description: '执法证卡片核验结果（状态为实时状态，不取自卡片）' },
);

/** Where citizens reach the platform: SANXIANG_PUBLIC_URL, else the origin this request came to. */
function baseUrlOf(req: FastifyRequest): string {
  return publicUrlFrom() ?? `${req.protocol}://${req.host}`;
}

/**
 * Officer certificate cards. Issuing a card is a POST although it reads like a download: each
 * issue (a reprint too) appends `officer.card-issued` to the ledger, and a GET with a side effect
 * could be triggered by a prefetch, a crawler or a cross-site <img> (GETs carry no CSRF check).
 * The console posts and opens the returned PDF.
 */
export async function certificateCardRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addSchema(LookupItem);
  app.addSchema(Verification);

  const sendPdf = (reply: import('fastify').FastifyReply, issued: IssuedCards, name: string) =>
    reply
      .header('content-type', PDF)
      .header('content-disposition', `inline; filename="cards.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .header('x-cards-issued', String(issued.cards.length))
      .send(issued.pdf);

  app.post<{ Params: { id: string } }>('/api/officers/:id/card', {
    config: { action: 'officer.read' },
    schema: {
      tags,
      summary: '制发执法证卡片（PDF，含核验二维码；每次制发记入执法记录）',
      params: IdParams,
      produces: [PDF],
      response: { ...errorResponses, 409: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => sendPdf(reply, await issueOfficerCard(ctx, principal(req), req.params.id, baseUrlOf(req)), '执法证卡片.pdf'),
  });

  app.post<{ Body: { agencyId: string } }>('/api/officers/cards', {
    config: { action: 'officer.read' },
    schema: {
      tags,
      summary: '批量制发本机构执法证卡片（A4 每页 10 张；执法证有效或尚未生效者）',
      body: Body({ agencyId: Type.String({ minLength: 1, maxLength: 64 }) }),
      produces: [PDF],
      response: { ...errorResponses, 409: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => sendPdf(reply, await issueAgencyCards(ctx, principal(req), req.body.agencyId, baseUrlOf(req)), '执法证卡片（批量）.pdf'),
  });

  app.get<{ Querystring: { t: string } }>('/api/public/officers/verify', {
    config: { public: true },
    schema: {
      tags: publicTags,
      summary: '核验执法证卡片二维码（签名 + 实时状态）',
      querystring: Type.Object({ t: Type.String({ minLength: 1, maxLength: 1024, description: '卡片二维码中的令牌' }) }, { additionalProperties: false }),
      response: { 200: Type.Ref('CardVerification'), ...errorResponses },
    },
    handler: async (req, reply) => reply.header('cache-control', 'no-store').send(await verifyCard(ctx, req.query.t)),
  });

  app.get<{ Querystring: { agencyId?: string; q?: string } }>('/api/public/officers', {
    config: { public: true },
    schema: {
      tags: publicTags,
      summary: '执法人员查询（按机构、姓名或执法证号；至多 50 条）',
      querystring: Type.Object(
        { agencyId: Type.Optional(Type.String({ maxLength: 64 })), q: Type.Optional(Type.String({ maxLength: 50, description: '姓名或执法证号' })) },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ items: Type.Array(Type.Ref('PublicOfficer')), more: Type.Boolean({ description: '还有更多结果（请缩小范围）' }) }), ...errorResponses },
    },
    handler: async (req) => lookupOfficers(ctx, req.query),
  });
}
