import type { Db } from '../store/db.ts';
import { chainHash, entryLeaf, ZERO_HASH } from './envelope.ts';
import { CompactRange, type StoredNode } from './merkle/index.ts';
import { openCheckpoint, parseCheckpoint, type NoteVerifier } from './note/index.ts';
import { agencyOrigin, PLATFORM_LOG, PLATFORM_ORIGIN } from './ledger.ts';

export type ProblemKind =
  | 'bad-data' // the stored fields cannot form an entry (e.g. a lone surrogate)
  | 'leaf-mismatch' // the stored envelope does not hash to the stored leaf (edited payload or leaf)
  | 'chain-mismatch' // the link to the previous event is broken (edited hash, swapped or removed rows)
  | 'seq-gap' // a sequence number is missing
  | 'head-mismatch' // the log's head row does not match its last event
  | 'node-mismatch' // a stored tree node is missing or differs from the one the events give
  | 'checkpoint-signature' // a stored checkpoint is not validly signed by the platform key, or says something else
  | 'checkpoint-root-mismatch' // the events no longer give the root a signed checkpoint committed to (history rewritten)
  | 'checkpoint-beyond-log' // a signed checkpoint covers events that are gone (history truncated)
  | 'extra-rows' // rows outside the log's 1…head sequence, or more tree nodes than its size has
  | 'log-mismatch'; // a log is missing, unexpected, or its origin is not the one its agency was created with

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
  // Checkpoints are taken as of before the heads are read: one signed while verify runs is then
  // simply not seen, instead of looking like a truncation. Only each log's largest size now;
  // its notes are read when the log's turn comes (years of hourly checkpoints of every log
  // need not be in memory together). A log signs ever larger sizes, so "≤ that size" is the set.
  const signedUpTo = new Map(
    (await db.selectFrom('checkpoints').select(['log_id', (eb) => eb.fn.max('size').as('size')]).groupBy('log_id').execute()).map((r) => [r.log_id, Number(r.size)]),
  );
  const logs = await db.selectFrom('logs').selectAll().orderBy('id').execute();
  const total = logs.reduce((n, l) => n + Number(l.head_seq), 0);
  const reports: LogReport[] = [];
  const expectedLogs = await expectedOrigins(db);
  let done = 0;
  for (const log of logs) {
    const headSeq = Number(log.head_seq);
    const report: LogReport = { log: log.id, origin: log.origin, size: 0, checkpoints: 0, problem: null };
    reports.push(report);
    const fail = (kind: ProblemKind, seq: number, message: string) => {
      report.problem = { kind, seq, message };
    };
    if (expectedLogs.get(log.id) !== log.origin) {
      fail('log-mismatch', 0, expectedLogs.has(log.id) ? `日志标识应为 ${expectedLogs.get(log.id)}` : '平台日志中没有创建此日志的记录');
      continue;
    }

    // Signatures first: a checkpoint is only evidence if the platform key signed what it says.
    // Its size and root are read from the signed text, never from the (editable) columns.
    const checkpoints: Array<{ size: number; root: Buffer }> = [];
    const upTo = signedUpTo.get(log.id);
    const stored = upTo === undefined ? [] : await db.selectFrom('checkpoints').select(['size', 'note']).where('log_id', '=', log.id).where('size', '<=', upTo).orderBy('size').execute();
    for (const cp of stored) {
      const said = checkpointSays(cp.note, log.origin, options.verifier ?? null, options.cosigners ?? []);
      if (!said || said.size !== Number(cp.size)) {
        fail('checkpoint-signature', Number(cp.size), `大小为 ${cp.size} 的检查点签名无效或内容与记录不符`);
        break;
      }
      checkpoints.push(said);
    }
    report.checkpoints = checkpoints.length;
    if (report.problem) continue;

    // Rows outside 1…head are invisible to a scan by sequence, but a rebuild would replay them.
    const counted = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('log_id', '=', log.id).executeTakeFirstOrThrow();
    if (Number(counted.n) > headSeq) {
      fail('extra-rows', headSeq + 1, `日志有 ${counted.n} 行事件，但序号只到 ${headSeq}（有多余的行）`);
      continue;
    }

    let prev: Buffer = ZERO_HASH;
    let expected = 1;
    let lastSeq = 0;
    const range = new CompactRange();
    let nextCheckpoint = 0;
    scan: for (;;) {
      const rows = await db
        .selectFrom('events')
        .select(['seq', 'at', 'actor', 'type', 'subject', 'data', 'leaf', 'hash'])
        .where('log_id', '=', log.id)
        .where('seq', '>=', expected)
        // Events appended while verify runs belong to a later verification, not to a false alarm.
        .where('seq', '<=', headSeq)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      // The nodes this page's leaves completed, with the seq of the leaf that completed each.
      const completed: StoredNode[] = [];
      const completedBy: number[] = [];
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expected) {
          fail('seq-gap', expected, `缺少序号 ${expected} 的事件`);
          break scan;
        }
        // The stored data text is hashed as it is (append stored it canonical): no parse and
        // re-canonicalisation per row, and an edit into an equivalent form is still an edit.
        let leaf: Buffer;
        try {
          leaf = entryLeaf({ log: log.id, seq, at: row.at, actor: row.actor, type: row.type, subject: row.subject }, row.data);
        } catch {
          fail('bad-data', seq, `序号 ${seq} 的事件字段无法构成事件原文`);
          break scan;
        }
        if (!leaf.equals(row.leaf)) {
          fail('leaf-mismatch', seq, `序号 ${seq} 的事件内容与其叶哈希不符（内容被改动）`);
          break scan;
        }
        const link = chainHash(prev, leaf);
        if (!link.equals(row.hash)) {
          fail('chain-mismatch', seq, `序号 ${seq} 的链式哈希不符（记录被改动、删除或调换）`);
          break scan;
        }
        for (const n of range.append(leaf)) {
          completed.push(n);
          completedBy.push(seq);
        }
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
      const badNode = await firstBadNode(db, log.id, completed, completedBy);
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
    const nodes = await db.selectFrom('tree_nodes').select((eb) => eb.fn.countAll<number>().as('n')).where('log_id', '=', log.id).executeTakeFirstOrThrow();
    let expectedNodes = 0;
    for (let width = 1; width <= lastSeq; width *= 2) expectedNodes += Math.floor(lastSeq / width);
    if (Number(nodes.n) !== expectedNodes) {
      fail('extra-rows', lastSeq, `日志有 ${nodes.n} 个树节点，大小 ${lastSeq} 的树应有 ${expectedNodes} 个`);
      continue;
    }
    const beyond = checkpoints.find((cp) => cp.size > lastSeq);
    if (beyond) fail('checkpoint-beyond-log', beyond.size, `已签名检查点覆盖 ${beyond.size} 条事件，但日志只有 ${lastSeq} 条（记录被截断）`);
  }
  // A log deleted whole (events, nodes, checkpoints and its row) leaves its creation behind.
  for (const [id, origin] of expectedLogs) {
    if (!logs.some((l) => l.id === id)) {
      reports.push({ log: id, origin, size: 0, checkpoints: 0, problem: { kind: 'log-mismatch', seq: 0, message: '平台日志记录了此日志的创建，但它已不存在（整个日志被删除）' } });
    }
  }
  return { ok: reports.every((r) => r.problem === null), events: done, signaturesChecked: !!options.verifier, logs: reports };
}

/** The logs that must exist: the platform log, and one per `agency.created` in it. */
async function expectedOrigins(db: Db): Promise<Map<string, string>> {
  const out = new Map<string, string>([[PLATFORM_LOG, PLATFORM_ORIGIN]]);
  const created = await db.selectFrom('events').select('data').where('log_id', '=', PLATFORM_LOG).where('type', '=', 'agency.created').execute();
  for (const e of created) {
    const d = JSON.parse(e.data) as { id: string; code: string };
    out.set(d.id, agencyOrigin(d.code));
  }
  return out;
}

/**
 * What a checkpoint's signed text says (size and root), if the key signed it for this log and
 * every required co-signer did too; without a key the text is parsed but proves nothing.
 */
function checkpointSays(note: string, origin: string, verifier: NoteVerifier | null, cosigners: readonly NoteVerifier[]): { size: number; root: Buffer } | null {
  try {
    if (!verifier) {
      const c = parseCheckpoint(note.slice(0, note.indexOf('\n\n') + 1));
      return c.origin === origin ? { size: c.size, root: Buffer.from(c.rootHash) } : null;
    }
    const { checkpoint, note: opened } = openCheckpoint(note, { origin, log: verifier, witnesses: cosigners });
    const cosigned = cosigners.every((c) => opened.signatures.some((s) => s.keyId === c.keyId && s.name === c.name));
    return cosigned ? { size: checkpoint.size, root: Buffer.from(checkpoint.rootHash) } : null;
  } catch {
    return null;
  }
}

/**
 * Compares the nodes a page of leaves completed with the stored ones (one query per level);
 * returns the earliest bad one with the seq that completed it. A page's nodes of one level have
 * consecutive indexes, so the stored ones are placed by index in an array.
 */
async function firstBadNode(db: Db, logId: string, completed: readonly StoredNode[], completedBy: readonly number[]): Promise<(StoredNode & { seq: number }) | null> {
  const byLevel = new Map<number, number[]>();
  for (let i = 0; i < completed.length; i++) {
    const level = completed[i]!.level;
    const list = byLevel.get(level);
    if (list) list.push(i);
    else byLevel.set(level, [i]);
  }
  let worst: (StoredNode & { seq: number }) | null = null;
  for (const [level, positions] of byLevel) {
    const first = completed[positions[0]!]!.index;
    const last = completed[positions.at(-1)!]!.index;
    const stored = await db
      .selectFrom('tree_nodes')
      .select(['idx', 'hash'])
      .where('log_id', '=', logId)
      .where('level', '=', level)
      .where('idx', '>=', first)
      .where('idx', '<=', last)
      .execute();
    const hashes = new Array<Uint8Array | undefined>(last - first + 1);
    for (const r of stored) hashes[Number(r.idx) - first] = r.hash;
    const bad = positions.find((i) => {
      const h = hashes[completed[i]!.index - first];
      return !h || !completed[i]!.hash.equals(h);
    });
    if (bad !== undefined && (!worst || completedBy[bad]! < worst.seq)) worst = { ...completed[bad]!, seq: completedBy[bad]! };
  }
  return worst;
}
