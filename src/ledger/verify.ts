import type { Db } from '../store/db.ts';
import { chainHash, entryBytes, leafHash, ZERO_HASH } from './envelope.ts';
import { rowToEvent } from './ledger.ts';

export type ProblemKind =
  | 'bad-data' // the stored data is not JSON
  | 'leaf-mismatch' // the stored envelope does not hash to the stored leaf (edited payload or leaf)
  | 'chain-mismatch' // the link to the previous event is broken (edited hash, swapped or removed rows)
  | 'seq-gap' // a sequence number is missing
  | 'head-mismatch'; // the log's head row does not match its last event

export interface LogProblem {
  kind: ProblemKind;
  /** The first sequence number that does not check out. */
  seq: number;
  message: string;
}

export interface LogReport {
  log: string;
  origin: string;
  size: number;
  problem: LogProblem | null;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  logs: LogReport[];
}

const PAGE = 2000;

/**
 * Walks every log in sequence order, re-derives each leaf from the stored envelope and checks
 * every chain link (a verifier that skips links is how immudb's "linear fake" happened). Streams
 * in pages, so memory stays flat however long the log. Stops at each log's first bad row.
 *
 * A truncated tail whose head row was rewritten too, or a history recomputed after an edit, is
 * invisible to the chain: only signed checkpoints catch those.
 */
export async function verifyLedger(
  db: Db,
  onProgress?: (done: number, total: number) => void,
): Promise<VerifyReport> {
  const logs = await db.selectFrom('logs').selectAll().orderBy('id').execute();
  const total = logs.reduce((n, l) => n + Number(l.head_seq), 0);
  const reports: LogReport[] = [];
  let done = 0;
  for (const log of logs) {
    const report: LogReport = { log: log.id, origin: log.origin, size: 0, problem: null };
    reports.push(report);
    let prev: Buffer = ZERO_HASH;
    let expected = 1;
    let lastSeq = 0;
    scan: for (;;) {
      const rows = await db
        .selectFrom('events')
        .select(['log_id', 'seq', 'at', 'actor', 'type', 'subject', 'data', 'leaf', 'hash'])
        .where('log_id', '=', log.id)
        .where('seq', '>=', expected)
        // Events appended while verify runs belong to a later verification, not to a false alarm.
        .where('seq', '<=', Number(log.head_seq))
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expected) {
          report.problem = { kind: 'seq-gap', seq: expected, message: `缺少序号 ${expected} 的事件` };
          break scan;
        }
        let event;
        try {
          event = rowToEvent(row);
        } catch {
          report.problem = { kind: 'bad-data', seq, message: `序号 ${seq} 的事件数据无法解析` };
          break scan;
        }
        const leaf = leafHash(entryBytes(event));
        if (!leaf.equals(event.leaf)) {
          report.problem = { kind: 'leaf-mismatch', seq, message: `序号 ${seq} 的事件内容与其叶哈希不符（内容被改动）` };
          break scan;
        }
        const link = chainHash(prev, leaf);
        if (!link.equals(event.hash)) {
          report.problem = { kind: 'chain-mismatch', seq, message: `序号 ${seq} 的链式哈希不符（记录被改动、删除或调换）` };
          break scan;
        }
        prev = link;
        lastSeq = seq;
        expected = seq + 1;
        report.size = seq;
        done++;
      }
      onProgress?.(done, total);
      if (rows.length < PAGE) break;
    }
    if (!report.problem) {
      const headSeq = Number(log.head_seq);
      if (headSeq !== lastSeq || !Buffer.from(log.head_hash).equals(prev)) {
        report.problem = {
          kind: 'head-mismatch',
          seq: Math.min(headSeq, lastSeq) + 1,
          message: `日志头（序号 ${headSeq}）与最后一条事件（序号 ${lastSeq}）不一致`,
        };
      }
    }
  }
  return { ok: reports.every((r) => r.problem === null), events: done, logs: reports };
}
