import type { Db } from '../store/db.ts';
import { chainHash, entryBytes, leafHash, ZERO_HASH } from './envelope.ts';
import { rowToEvent } from './ledger.ts';
import { CompactRange, type StoredNode } from './merkle/index.ts';
import { openCheckpoint, type NoteVerifier } from './note/index.ts';

export type ProblemKind =
  | 'bad-data' // the stored data is not JSON
  | 'leaf-mismatch' // the stored envelope does not hash to the stored leaf (edited payload or leaf)
  | 'chain-mismatch' // the link to the previous event is broken (edited hash, swapped or removed rows)
  | 'seq-gap' // a sequence number is missing
  | 'head-mismatch' // the log's head row does not match its last event
  | 'node-mismatch' // a stored tree node is missing or differs from the one the events give
  | 'checkpoint-signature' // a stored checkpoint is not validly signed by the platform key, or says something else
  | 'checkpoint-root-mismatch' // the events no longer give the root a signed checkpoint committed to (history rewritten)
  | 'checkpoint-beyond-log'; // a signed checkpoint covers events that are gone (history truncated)

export interface LogProblem {
  kind: ProblemKind;
  /** The first sequence number that does not check out (for a checkpoint: its size). */
  seq: number;
  message: string;
}

export interface LogReport {
  log: string;
  origin: string;
  size: number;
  checkpoints: number;
  problem: LogProblem | null;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  /** Whether checkpoint signatures were checked (a public key was available). */
  signaturesChecked: boolean;
  logs: LogReport[];
}

export interface VerifyOptions {
  /** The platform's checkpoint key; without it roots are still compared, signatures are not. */
  verifier?: NoteVerifier | null;
  /** Co-signing keys every checkpoint must also carry a valid signature of (国密: SM2). */
  cosigners?: readonly NoteVerifier[];
  onProgress?: (done: number, total: number) => void;
}

const PAGE = 2000;

/**
 * verifyLedger re-derives everything from storage, offline, and names the first thing that does
 * not match in each log. Per log, in sequence order and in pages (memory stays flat): each leaf
 * from its stored envelope; every chain link (a verifier that skips links is how immudb's
 * "linear fake" happened); every stored Merkle node against the tree the leaves give; and, at
 * every signed checkpoint, the root it committed to and its signature. The chain alone misses a
 * truncated tail or a history recomputed after an edit; the signed checkpoints catch both.
 */
export async function verifyLedger(db: Db, options: VerifyOptions = {}): Promise<VerifyReport> {
  const logs = await db.selectFrom('logs').selectAll().orderBy('id').execute();
  const total = logs.reduce((n, l) => n + Number(l.head_seq), 0);
  const reports: LogReport[] = [];
  let done = 0;
  for (const log of logs) {
    const headSeq = Number(log.head_seq);
    const checkpoints = (await db.selectFrom('checkpoints').selectAll().where('log_id', '=', log.id).orderBy('size').execute()).map((c) => ({
      size: Number(c.size),
      root: Buffer.from(c.root),
      note: c.note,
    }));
    const report: LogReport = { log: log.id, origin: log.origin, size: 0, checkpoints: checkpoints.length, problem: null };
    reports.push(report);
    const fail = (kind: ProblemKind, seq: number, message: string) => {
      report.problem = { kind, seq, message };
    };

    // Signatures first: a checkpoint is only evidence if the platform key signed what it says.
    for (const cp of checkpoints) {
      if (!checkpointSays(cp, log.origin, options.verifier ?? null, options.cosigners ?? [])) {
        fail('checkpoint-signature', cp.size, `大小为 ${cp.size} 的检查点签名无效或内容与记录不符`);
        break;
      }
    }
    if (report.problem) continue;

    let prev: Buffer = ZERO_HASH;
    let expected = 1;
    let lastSeq = 0;
    const range = new CompactRange();
    let nextCheckpoint = 0;
    scan: for (;;) {
      const rows = await db
        .selectFrom('events')
        .select(['log_id', 'seq', 'at', 'actor', 'type', 'subject', 'data', 'leaf', 'hash'])
        .where('log_id', '=', log.id)
        .where('seq', '>=', expected)
        // Events appended while verify runs belong to a later verification, not to a false alarm.
        .where('seq', '<=', headSeq)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      const completed: Array<StoredNode & { seq: number }> = [];
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expected) {
          fail('seq-gap', expected, `缺少序号 ${expected} 的事件`);
          break scan;
        }
        let event;
        try {
          event = rowToEvent(row);
        } catch {
          fail('bad-data', seq, `序号 ${seq} 的事件数据无法解析`);
          break scan;
        }
        const leaf = leafHash(entryBytes(event));
        if (!leaf.equals(event.leaf)) {
          fail('leaf-mismatch', seq, `序号 ${seq} 的事件内容与其叶哈希不符（内容被改动）`);
          break scan;
        }
        const link = chainHash(prev, leaf);
        if (!link.equals(event.hash)) {
          fail('chain-mismatch', seq, `序号 ${seq} 的链式哈希不符（记录被改动、删除或调换）`);
          break scan;
        }
        for (const n of range.append(leaf)) completed.push({ ...n, seq });
        for (; nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint]!.size === range.size; nextCheckpoint++) {
          const cp = checkpoints[nextCheckpoint]!;
          if (!range.root().equals(cp.root)) {
            fail('checkpoint-root-mismatch', cp.size, `前 ${cp.size} 条事件的默克尔根与已签名检查点不符（历史记录被改写）`);
            break scan;
          }
        }
        prev = link;
        lastSeq = seq;
        expected = seq + 1;
        report.size = seq;
        done++;
      }
      const badNode = await firstBadNode(db, log.id, completed);
      if (badNode) {
        fail('node-mismatch', badNode.seq, `第 ${badNode.level} 层第 ${badNode.index} 个树节点缺失或与事件不符`);
        break;
      }
      options.onProgress?.(done, total);
      if (rows.length < PAGE) break;
    }
    if (report.problem) continue;
    if (headSeq !== lastSeq || !Buffer.from(log.head_hash).equals(prev)) {
      fail('head-mismatch', Math.min(headSeq, lastSeq) + 1, `日志头（序号 ${headSeq}）与最后一条事件（序号 ${lastSeq}）不一致`);
      continue;
    }
    const beyond = checkpoints.find((cp) => cp.size > lastSeq);
    if (beyond) fail('checkpoint-beyond-log', beyond.size, `已签名检查点覆盖 ${beyond.size} 条事件，但日志只有 ${lastSeq} 条（记录被截断）`);
  }
  return { ok: reports.every((r) => r.problem === null), events: done, signaturesChecked: !!options.verifier, logs: reports };
}

/** The checkpoint's signed body names this log, its size and its root (and the key signed it). */
function checkpointSays(cp: { size: number; root: Buffer; note: string }, origin: string, verifier: NoteVerifier | null, cosigners: readonly NoteVerifier[]): boolean {
  try {
    if (!verifier) return true;
    const { checkpoint, note } = openCheckpoint(cp.note, { origin, log: verifier, witnesses: cosigners });
    const cosigned = cosigners.every((c) => note.signatures.some((s) => s.keyId === c.keyId && s.name === c.name));
    return cosigned && checkpoint.size === cp.size && Buffer.from(checkpoint.rootHash).equals(cp.root);
  } catch {
    return false;
  }
}

/** Compares the nodes a page of leaves completed with the stored ones (one query per level); returns the earliest bad one. */
async function firstBadNode(db: Db, logId: string, completed: Array<StoredNode & { seq: number }>): Promise<(StoredNode & { seq: number }) | null> {
  const byLevel = new Map<number, Array<StoredNode & { seq: number }>>();
  for (const n of completed) byLevel.set(n.level, [...(byLevel.get(n.level) ?? []), n]);
  let worst: (StoredNode & { seq: number }) | null = null;
  for (const [level, nodes] of byLevel) {
    const first = nodes[0]!.index;
    const last = nodes.at(-1)!.index;
    const stored = await db
      .selectFrom('tree_nodes')
      .select(['idx', 'hash'])
      .where('log_id', '=', logId)
      .where('level', '=', level)
      .where('idx', '>=', first)
      .where('idx', '<=', last)
      .execute();
    const map = new Map(stored.map((r) => [Number(r.idx), Buffer.from(r.hash)]));
    const bad = nodes.find((n) => !map.get(n.index)?.equals(n.hash));
    if (bad && (!worst || bad.seq < worst.seq)) worst = bad;
  }
  return worst;
}
