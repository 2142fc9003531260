import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context.ts';
import { principal } from '../http/auth.ts';
import { errorResponses } from '../http/schemas.ts';
import { DomainError } from '../kernel/errors.ts';
import { requireAccess, requirePlatform } from '../modules/identity/access.service.ts';
import type { Action, Principal } from '../modules/identity/access.policy.ts';
import { exportRecord, subjectLogs } from './bundle.ts';
import { checkpointHistory, consistencyProofFor, inclusionProofFor, latestCheckpoint, makeCheckpoint } from './checkpoints.ts';

const tags = ['全过程记录 ledger'];
const LogParams = Type.Object({ log: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

const CheckpointSchema = Type.Object(
  {
    log: Type.String(),
    origin: Type.String(),
    size: Type.Integer(),
    root: Type.String({ description: 'base64 RFC 6962 根哈希' }),
    note: Type.String({ description: 'C2SP signed note（签名检查点原文）' }),
    createdAt: Type.String(),
  },
  { $id: 'Checkpoint', description: '签名检查点' },
);

/**
 * The tamper-evident record, published: checkpoints and consistency proofs are public (they
 * reveal only hashes), so anyone can keep a checkpoint and later hold the platform to it.
 * Inclusion proofs name an event, so they need access to the log's agency.
 */
export async function ledgerRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addSchema(CheckpointSchema);

  app.get('/api/public/key', {
    config: { public: true },
    schema: { tags, summary: '平台检查点签名公钥（C2SP note 格式 vkey）', produces: ['text/plain'] },
    handler: async (_req, reply) => reply.type('text/plain; charset=utf-8').send(`${ctx.keys.verifierKey}\n`),
  });

  app.get('/api/public/logs', {
    config: { public: true },
    schema: {
      tags,
      summary: '所有日志（每个机构一个，另有平台日志）及其最新检查点',
      response: {
        200: Type.Object({
          keyId: Type.String(),
          verifierKey: Type.String(),
          logs: Type.Array(
            Type.Object({
              log: Type.String(),
              origin: Type.String(),
              agencyName: Type.Union([Type.String(), Type.Null()]),
              size: Type.Integer(),
              checkpoint: Type.Union([Type.Ref('Checkpoint'), Type.Null()]),
            }),
          ),
        }),
      },
    },
    handler: async () => {
      const logs = await ctx.db
        .selectFrom('logs')
        .leftJoin('agencies', 'agencies.id', 'logs.agency_id')
        .select(['logs.id', 'logs.origin', 'logs.head_seq', 'agencies.name'])
        .orderBy('logs.origin')
        .execute();
      return {
        keyId: ctx.keys.keyId,
        verifierKey: ctx.keys.verifierKey,
        logs: await Promise.all(
          logs.map(async (l) => ({ log: l.id, origin: l.origin, agencyName: l.name ?? null, size: Number(l.head_seq), checkpoint: await latestCheckpoint(ctx.db, l.id) })),
        ),
      };
    },
  });

  app.get<{ Params: { log: string } }>('/api/public/logs/:log/checkpoint', {
    config: { public: true },
    schema: { tags, summary: '最新签名检查点（text/plain，C2SP signed note）', params: LogParams, produces: ['text/plain'], response: { 404: Type.Ref('ErrorResponse') } },
    handler: async (req, reply) => {
      const cp = await latestCheckpoint(ctx.db, req.params.log);
      if (!cp) throw new DomainError('not-found', `日志 ${req.params.log} 尚无检查点`, 404, { log: req.params.log });
      return reply.type('text/plain; charset=utf-8').send(cp.note);
    },
  });

  app.get<{ Params: { log: string } }>('/api/public/logs/:log/checkpoints', {
    config: { public: true },
    schema: { tags, summary: '检查点历史（最新在前，最多 100 个）', params: LogParams, response: { 200: Type.Array(Type.Ref('Checkpoint')), ...errorResponses } },
    handler: async (req) => checkpointHistory(ctx.db, req.params.log),
  });

  app.get<{ Params: { log: string }; Querystring: { from: number; to: number } }>('/api/public/logs/:log/consistency', {
    config: { public: true },
    schema: {
      tags,
      summary: '一致性证明（RFC 9162 §2.1.4）：大小 from 的树是大小 to 的树的前缀',
      params: LogParams,
      querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ log: Type.String(), from: Type.Integer(), to: Type.Integer(), proof: Type.Array(Type.String()) }), ...errorResponses },
    },
    handler: async (req) => consistencyProofFor(ctx.db, req.params.log, req.query.from, req.query.to),
  });

  app.get<{ Params: { log: string }; Querystring: { seq: number } }>('/api/logs/:log/inclusion', {
    config: { action: 'agency.read' },
    schema: {
      tags,
      summary: '包含证明（RFC 9162 §2.1.3）：某事件在签名检查点所承诺的树中',
      params: LogParams,
      querystring: Type.Object({ seq: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          log: Type.String(),
          seq: Type.Integer(),
          index: Type.Integer(),
          size: Type.Integer(),
          leafHash: Type.String(),
          proof: Type.Array(Type.String()),
          checkpoint: Type.String(),
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const p = principal(req);
      await requireLogAccess(ctx, p, 'agency.read', await logAgency(ctx, req.params.log));
      return inclusionProofFor(ctx, req.params.log, req.query.seq);
    },
  });

  app.post<{ Params: { log: string } }>('/api/logs/:log/checkpoints', {
    config: { action: 'ledger.checkpoint' },
    schema: { tags, summary: '立即签发检查点（系统管理员）', params: LogParams, response: { 200: Type.Ref('Checkpoint'), ...errorResponses } },
    handler: async (req) => {
      const p = principal(req);
      await requireLogAccess(ctx, p, 'ledger.checkpoint', await logAgency(ctx, req.params.log));
      return makeCheckpoint(ctx, req.params.log);
    },
  });

  // The record bundle of one subject (a case; today an officer, user or agency): what an agency
  // hands a court. Reading it is reading every log it draws on: agency.read on each agency whose
  // log holds an event of the subject, and platform admin for events of the platform log.
  app.get<{ Params: { subject: string } }>('/api/records/:subject/bundle.zip', {
    config: { action: 'agency.read' },
    schema: {
      tags,
      summary: '下载记录包（zip）：某一主体的全部事件、各自对签名检查点的包含证明、平台公钥和清单，可离线核验（sanxiang verify-bundle）',
      params: Type.Object({ subject: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
      produces: ['application/zip'],
      response: { 403: Type.Ref('ErrorResponse'), ...errorResponses },
    },
    handler: async (req, reply) => {
      const p = principal(req);
      const logs = await subjectLogs(ctx.db, req.params.subject);
      if (logs.length === 0) throw new DomainError('not-found', `没有以 ${req.params.subject} 为主体的记录`, 404, { subject: req.params.subject });
      for (const l of logs) await requireLogAccess(ctx, p, 'agency.read', l.agencyId);
      const bundle = await exportRecord(ctx, req.params.subject);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${bundle.filename}"`)
        .send(bundle.bytes);
    },
  });
}

/** The agency a log belongs to (null: the platform log). */
async function logAgency(ctx: Ctx, logId: string): Promise<string | null> {
  const log = await ctx.db.selectFrom('logs').select('agency_id').where('id', '=', logId).executeTakeFirst();
  if (!log) throw new DomainError('not-found', `日志不存在：${logId}`, 404, { log: logId });
  return log.agency_id;
}

/** An agency's log is reached through that agency; the platform log only by platform admins. */
async function requireLogAccess(ctx: Ctx, p: Principal, action: Action, agencyId: string | null): Promise<void> {
  if (agencyId === null) requirePlatform(p, action);
  else await requireAccess(ctx.db, p, action, agencyId);
}
