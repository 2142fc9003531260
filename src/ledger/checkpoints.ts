import type { Ctx } from '../context.ts';
import { DomainError } from '../kernel/errors.ts';
import type { Db } from '../store/db.ts';
import { consistencyProof, inclusionProof, rootAt, verifyConsistency } from './merkle/index.ts';
import { signCheckpoint } from './note/index.ts';
import { nodeReader } from './tree-store.ts';

/** A signed tree head of one log, as stored and as published. */
export interface CheckpointRecord {
  log: string;
  origin: string;
  size: number;
  /** Standard base64, as in the note. */
  root: string;
  /** The C2SP signed note. */
  note: string;
  createdAt: string;
}

export class InconsistentHistoryError extends Error {
  constructor(log: string, from: number, to: number) {
    super(`log ${log}: the tree at size ${to} is not an extension of the checkpoint at size ${from}; refusing to sign`);
  }
}

/**
 * makeCheckpoint signs the log's current tree head, unless the latest checkpoint already covers
 * it. A log never signs a checkpoint inconsistent with one it signed before: the new root must
 * prove (RFC 9162 §2.1.4) to extend the previous one, or nothing is signed.
 */
export async function makeCheckpoint(ctx: Ctx, logId: string): Promise<CheckpointRecord> {
  return ctx.db.transaction().execute(async (trx) => {
    // The log's head row is what appends lock too: the size cannot move while we sign it.
    if (ctx.engine === 'postgres') await trx.selectFrom('logs').select('id').where('id', '=', logId).forUpdate().execute();
    const log = await trx.selectFrom('logs').select(['id', 'origin', 'head_seq']).where('id', '=', logId).executeTakeFirst();
    if (!log) throw new DomainError('not-found', `日志不存在：${logId}`, 404, { log: logId });
    const size = Number(log.head_seq);
    const previous = await trx.selectFrom('checkpoints').selectAll().where('log_id', '=', logId).orderBy('size', 'desc').limit(1).executeTakeFirst();
    if (previous && Number(previous.size) === size) return toRecord(previous, log.origin);
    const reader = nodeReader(trx, logId);
    const root = await rootAt(reader, size);
    if (previous) {
      const from = Number(previous.size);
      try {
        verifyConsistency(from, size, await consistencyProof(reader, from, size), previous.root, root);
      } catch {
        throw new InconsistentHistoryError(logId, from, size);
      }
    }
    // 国密 deployments co-sign with SM2; standard verifiers ignore that signature as unknown.
    const signers = ctx.keys.sm2 ? [ctx.keys.signer, ctx.keys.sm2.signer] : [ctx.keys.signer];
    const note = signCheckpoint({ origin: log.origin, size, rootHash: root }, signers);
    const row = { log_id: logId, size, root, note, created_at: ctx.clock.now().toISOString() };
    await trx.insertInto('checkpoints').values(row).execute();
    return toRecord(row, log.origin);
  });
}

/** Checkpoints every log that grew since its last checkpoint (the hourly job, and at shutdown). */
export async function checkpointAll(ctx: Ctx): Promise<CheckpointRecord[]> {
  const logs = await ctx.db.selectFrom('logs').select('id').orderBy('id').execute();
  const out: CheckpointRecord[] = [];
  for (const l of logs) out.push(await makeCheckpoint(ctx, l.id));
  return out;
}

export async function latestCheckpoint(db: Db, logId: string): Promise<CheckpointRecord | null> {
  const row = await db.selectFrom('checkpoints').selectAll().where('log_id', '=', logId).orderBy('size', 'desc').limit(1).executeTakeFirst();
  return row ? toRecord(row, await originOf(db, logId)) : null;
}

export async function checkpointHistory(db: Db, logId: string, limit = 100): Promise<CheckpointRecord[]> {
  const origin = await originOf(db, logId);
  const rows = await db.selectFrom('checkpoints').selectAll().where('log_id', '=', logId).orderBy('size', 'desc').limit(limit).execute();
  return rows.map((r) => toRecord(r, origin));
}

export interface InclusionProofResult {
  log: string;
  seq: number;
  /** Leaf index in the tree (seq − 1). */
  index: number;
  size: number;
  leafHash: string;
  proof: string[];
  checkpoint: string;
}

/**
 * The inclusion proof of event `seq` against the latest checkpoint (one is signed now if none
 * covers the event yet), with everything a third party needs to check it offline.
 */
export async function inclusionProofFor(ctx: Ctx, logId: string, seq: number): Promise<InclusionProofResult> {
  const event = await ctx.db.selectFrom('events').select(['leaf']).where('log_id', '=', logId).where('seq', '=', seq).executeTakeFirst();
  if (!event) throw new DomainError('not-found', `日志 ${logId} 中没有序号 ${seq} 的事件`, 404, { log: logId, seq });
  let cp = await latestCheckpoint(ctx.db, logId);
  if (!cp || cp.size < seq) cp = await makeCheckpoint(ctx, logId);
  const proof = await inclusionProof(nodeReader(ctx.db, logId), seq - 1, cp.size);
  return {
    log: logId,
    seq,
    index: seq - 1,
    size: cp.size,
    leafHash: Buffer.from(event.leaf).toString('base64'),
    proof: proof.map((h) => h.toString('base64')),
    checkpoint: cp.note,
  };
}

/** The consistency proof between two sizes of a log (RFC 9162 §2.1.4), 0 < from ≤ to ≤ size. */
export async function consistencyProofFor(db: Db, logId: string, from: number, to: number): Promise<{ log: string; from: number; to: number; proof: string[] }> {
  const log = await db.selectFrom('logs').select('head_seq').where('id', '=', logId).executeTakeFirst();
  if (!log) throw new DomainError('not-found', `日志不存在：${logId}`, 404, { log: logId });
  if (!(from > 0 && from <= to && to <= Number(log.head_seq))) {
    throw new DomainError('validation-failed', `须满足 0 < from ≤ to ≤ ${log.head_seq}`, 400, { fields: [{ field: 'from', message: '范围不正确' }] });
  }
  const proof = await consistencyProof(nodeReader(db, logId), from, to);
  return { log: logId, from, to, proof: proof.map((h) => h.toString('base64')) };
}

async function originOf(db: Db, logId: string): Promise<string> {
  const log = await db.selectFrom('logs').select('origin').where('id', '=', logId).executeTakeFirst();
  if (!log) throw new DomainError('not-found', `日志不存在：${logId}`, 404, { log: logId });
  return log.origin;
}

function toRecord(r: { log_id: string; size: number; root: Buffer; note: string; created_at: string }, origin: string): CheckpointRecord {
  return { log: r.log_id, origin, size: Number(r.size), root: Buffer.from(r.root).toString('base64'), note: r.note, createdAt: r.created_at };
}
