import type { Ctx } from '../context.ts';
import { DomainError } from '../kernel/errors.ts';
import type { Db } from '../store/db.ts';
import { consistencyProof, inclusionProof, rootAt, verifyConsistency } from './merkle/index.ts';
import fs from 'node:fs';
import { openCheckpoint, signCheckpoint } from './note/index.ts';
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

/** The refusal to sign: the stored history no longer extends what was signed before. */
export class InconsistentHistoryError extends DomainError {
  constructor(log: string, from: number, to: number, why: string) {
    super('history-inconsistent', `日志 ${log} 的记录与此前签名的检查点（大小 ${from}）不一致，拒绝签名大小 ${to} 的检查点：${why}`, 409, { log, from, to });
  }
}

/**
 * makeCheckpoint signs the log's current tree head, unless the latest checkpoint already covers
 * it. A log never signs a checkpoint inconsistent with one it signed before: the new root must
 * prove (RFC 9162 §2.1.4) to extend the previous one, or nothing is signed. "The previous one"
 * is taken from what the key signed — the stored note, opened with the key, and the signer's own
 * record of its last signature beside the key — never from editable columns, so neither a forged
 * root nor deleted checkpoint rows can make the key sign a rewritten history.
 */
export async function makeCheckpoint(ctx: Ctx, logId: string): Promise<CheckpointRecord> {
  const record = await ctx.db.transaction().execute(async (trx) => {
    // The log's head row is what appends lock too: the size cannot move while we sign it.
    if (ctx.engine === 'postgres') await trx.selectFrom('logs').select('id').where('id', '=', logId).forUpdate().execute();
    const log = await trx.selectFrom('logs').select(['id', 'origin', 'head_seq']).where('id', '=', logId).executeTakeFirst();
    if (!log) throw new DomainError('not-found', `日志不存在：${logId}`, 404, { log: logId });
    const size = Number(log.head_seq);
    if (size === 0) throw new DomainError('log-empty', `日志 ${logId} 还没有事件，无需签发检查点`, 409, { log: logId });
    const previousRow = await trx.selectFrom('checkpoints').selectAll().where('log_id', '=', logId).orderBy('size', 'desc').limit(1).executeTakeFirst();
    const lastSigned = signedState(ctx).get(logId);
    let previous: { size: number; root: Buffer } | null = null;
    if (previousRow) {
      try {
        const { checkpoint } = openCheckpoint(previousRow.note, { origin: log.origin, log: ctx.keys.verifier });
        previous = { size: checkpoint.size, root: Buffer.from(checkpoint.rootHash) };
      } catch {
        throw new InconsistentHistoryError(logId, Number(previousRow.size), size, '已存检查点的签名无效');
      }
    }
    if (lastSigned && (!previous || previous.size < lastSigned.size)) {
      throw new InconsistentHistoryError(logId, lastSigned.size, size, '此前签发的检查点已从数据库中消失');
    }
    if (lastSigned && previous!.size === lastSigned.size && !previous!.root.equals(lastSigned.root)) {
      throw new InconsistentHistoryError(logId, lastSigned.size, size, '已存检查点与签名方的记录不符');
    }
    if (previous && previous.size === size) return toRecord(previousRow!, log.origin);
    const reader = nodeReader(trx, logId);
    const root = await rootAt(reader, size);
    if (previous) {
      try {
        verifyConsistency(previous.size, size, await consistencyProof(reader, previous.size, size), previous.root, root);
      } catch {
        throw new InconsistentHistoryError(logId, previous.size, size, '一致性证明不成立（历史记录被改写）');
      }
    }
    // 国密 deployments co-sign with SM2; standard verifiers ignore that signature as unknown.
    const signers = ctx.keys.sm2 ? [ctx.keys.signer, ctx.keys.sm2.signer] : [ctx.keys.signer];
    const note = signCheckpoint({ origin: log.origin, size, rootHash: root }, signers);
    const row = { log_id: logId, size, root, note, created_at: ctx.clock.now().toISOString() };
    await trx.insertInto('checkpoints').values(row).execute();
    return toRecord(row, log.origin);
  });
  // Recorded after the commit: a state ahead of the database would refuse forever; one behind
  // only narrows what it can detect until the next signature.
  rememberSigned(ctx, record);
  return record;
}

export interface CheckpointRun {
  signed: CheckpointRecord[];
  failed: Array<{ log: string; error: string }>;
}

/**
 * Checkpoints every non-empty log that grew since its last checkpoint (at start, hourly, at
 * shutdown). One log's refusal does not stop the others; refusals are returned to be reported.
 */
export async function checkpointAll(ctx: Ctx): Promise<CheckpointRun> {
  const logs = await ctx.db.selectFrom('logs').select('id').where('head_seq', '>', 0).orderBy('id').execute();
  const run: CheckpointRun = { signed: [], failed: [] };
  for (const l of logs) {
    try {
      run.signed.push(await makeCheckpoint(ctx, l.id));
    } catch (err) {
      run.failed.push({ log: l.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return run;
}

/** The signer's own record of the last checkpoint it signed per log, kept beside the key. */
function signedState(ctx: Ctx): Map<string, { size: number; root: Buffer }> {
  const file = ctx.keys.stateFile;
  if (!fs.existsSync(file)) return new Map();
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { size: number; root: string }>;
  return new Map(Object.entries(data).map(([k, v]) => [k, { size: v.size, root: Buffer.from(v.root, 'base64') }]));
}

function rememberSigned(ctx: Ctx, cp: CheckpointRecord): void {
  const state = signedState(ctx);
  const known = state.get(cp.log);
  if (known && known.size >= cp.size) return;
  state.set(cp.log, { size: cp.size, root: Buffer.from(cp.root, 'base64') });
  const data = Object.fromEntries([...state].map(([k, v]) => [k, { size: v.size, root: v.root.toString('base64') }]));
  const tmp = `${ctx.keys.stateFile}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  fs.writeSync(fd, JSON.stringify(data));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, ctx.keys.stateFile);
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
