/**
 * The case record bundle (记录包): one zip an agency hands a court or a reviewer, holding every
 * event about one subject (a case; today also an officer, a user, an agency), each with a C2SP
 * tlog-proof of inclusion against a signed checkpoint of its log, the platform's verifier key and
 * a manifest with the SHA-256 of every file. `verifyBundle` checks it with nothing but the bytes:
 * no database, no network.
 *
 *   README.txt                     how to check it, in Chinese
 *   manifest.json                  format, subject, time, key name/ID, per log the checkpoint and
 *                                  the events, and the SHA-256 of every other file
 *   key.vkey                       the platform verifier key (C2SP signed-note / sumdb note vkey)
 *   checkpoints/<log>.note         the signed checkpoint the proofs of that log are against
 *   events/<log>/<seq>.json        the event envelope as entry bytes (RFC 8785), byte for byte
 *                                  what the leaf hashes: leaf = SHA-256(0x00 ‖ file bytes)
 *   events/<log>/<seq>.proof       c2sp.org/tlog-proof@v1 for that leaf (index = seq − 1)
 *
 * The manifest is not signed: its digests only make a damaged or edited file easy to name. The
 * evidence is the chain file → leaf → audit path → root → checkpoint signature.
 */
import { hash } from 'node:crypto';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Ctx } from '../context.ts';
import { DomainError } from '../kernel/errors.ts';
import type { Db } from '../store/db.ts';
import { latestCheckpoint, makeCheckpoint } from './checkpoints.ts';
import { entryBytes, leafHash, type Envelope } from './envelope.ts';
import { rowToEvent } from './ledger.ts';
import { inclusionProof } from './merkle/index.ts';
import { formatKeyId, openCheckpoint, parseTlogProof, parseVerifierKey, tlogProof, verifyTlogProof, type Ed25519Verifier } from './note/index.ts';
import { nodeReader } from './tree-store.ts';

export const BUNDLE_FORMAT = 'sanxiang-record-bundle/1';

/** Paths of the fixed files. */
const MANIFEST = 'manifest.json';
const README = 'README.txt';
const KEY_FILE = 'key.vkey';

/** A log id as it may appear in a path (UUIDs, "platform"): nothing that could climb out of a folder. */
const LOG_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** What a verifier is willing to unpack from an untrusted file (a zip bomb is refused, not inflated). */
const LIMITS = { entries: 200_000, fileBytes: 16 * 1024 * 1024, totalBytes: 512 * 1024 * 1024 };

export const checkpointPath = (log: string) => `checkpoints/${log}.note`;
export const eventPath = (log: string, seq: number) => `events/${log}/${seq}.json`;
export const proofPath = (log: string, seq: number) => `events/${log}/${seq}.proof`;

// ---- the manifest ----------------------------------------------------------------------------

export interface ManifestEvent {
  seq: number;
  type: string;
  at: string;
}

export interface ManifestLog {
  log: string;
  origin: string;
  checkpoint: { size: number; root: string };
  events: ManifestEvent[];
}

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  subject: string;
  createdAt: string;
  key: { name: string; id: string };
  logs: ManifestLog[];
  /** Every file of the bundle but the manifest itself. */
  files: ManifestFile[];
}

// ---- building (pure) ---------------------------------------------------------------------------

export interface BundleLogInput {
  log: string;
  origin: string;
  /** The signed checkpoint note every proof of this log is against; it must cover every event. */
  checkpoint: string;
  /** The events, each with its RFC 6962 audit path in the checkpoint's tree. */
  events: ReadonlyArray<{ envelope: Envelope; proof: readonly Uint8Array[] }>;
}

export interface BundleInput {
  subject: string;
  createdAt: string;
  /** The platform key in note vkey form; each checkpoint must be signed by it. */
  verifierKey: string;
  logs: readonly BundleLogInput[];
}

export interface RecordBundle {
  bytes: Buffer;
  filename: string;
  manifest: BundleManifest;
}

/** buildBundle writes the zip of a record from events and proofs already in hand (no I/O). */
export function buildBundle(input: BundleInput): RecordBundle {
  const verifier = parseVerifierKey(input.verifierKey);
  const files = new Map<string, Buffer>();
  const logs: ManifestLog[] = [];
  for (const l of [...input.logs].sort((a, b) => compare(a.log, b.log))) {
    if (!LOG_ID.test(l.log)) throw new Error(`log id ${JSON.stringify(l.log)} cannot name a file`);
    const { checkpoint } = openCheckpoint(l.checkpoint, { origin: l.origin, log: verifier });
    files.set(checkpointPath(l.log), Buffer.from(l.checkpoint, 'utf8'));
    const events: ManifestEvent[] = [];
    for (const { envelope, proof } of [...l.events].sort((a, b) => a.envelope.seq - b.envelope.seq)) {
      if (envelope.log !== l.log || envelope.subject !== input.subject) throw new Error(`event ${envelope.log}/${envelope.seq} is not of log ${l.log} and subject ${input.subject}`);
      if (envelope.seq > checkpoint.size) throw new Error(`event ${l.log}/${envelope.seq} is beyond the checkpoint (size ${checkpoint.size})`);
      files.set(eventPath(l.log, envelope.seq), entryBytes(envelope));
      files.set(proofPath(l.log, envelope.seq), Buffer.from(tlogProof(envelope.seq - 1, proof, l.checkpoint), 'utf8'));
      events.push({ seq: envelope.seq, type: envelope.type, at: envelope.at });
    }
    logs.push({ log: l.log, origin: l.origin, checkpoint: { size: checkpoint.size, root: checkpoint.rootHash.toString('base64') }, events });
  }
  const key = { name: verifier.name, id: formatKeyId(verifier.keyId) };
  files.set(KEY_FILE, Buffer.from(`${input.verifierKey}\n`, 'utf8'));
  files.set(README, Buffer.from(readme(input, key, logs), 'utf8'));

  const order = [README, KEY_FILE, ...[...files.keys()].filter((p) => p !== README && p !== KEY_FILE)];
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    subject: input.subject,
    createdAt: input.createdAt,
    key,
    logs,
    files: order.map((p) => ({ path: p, size: files.get(p)!.length, sha256: sha256Hex(files.get(p)!) })),
  };
  const zippable: Zippable = { [README]: files.get(README)!, [MANIFEST]: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') };
  for (const p of order.slice(1)) zippable[p] = files.get(p)!;
  const bytes = Buffer.from(zipSync(zippable, { level: 6, mtime: new Date(input.createdAt) }));
  return { bytes, filename: bundleFilename(input.subject), manifest };
}

export function bundleFilename(subject: string): string {
  return `record-${subject.replace(/[^A-Za-z0-9._-]/g, '_')}.zip`;
}

// ---- exporting (storage) -----------------------------------------------------------------------

/** The logs that hold events about `subject`, with the agency each belongs to (null: the platform log). */
export async function subjectLogs(db: Db, subject: string): Promise<Array<{ log: string; origin: string; agencyId: string | null; lastSeq: number }>> {
  const rows = await db
    .selectFrom('events')
    .innerJoin('logs', 'logs.id', 'events.log_id')
    .select(['events.log_id', 'logs.origin', 'logs.agency_id'])
    .select((eb) => eb.fn.max('events.seq').as('last_seq'))
    .where('events.subject', '=', subject)
    .groupBy(['events.log_id', 'logs.origin', 'logs.agency_id'])
    .orderBy('events.log_id')
    .execute();
  return rows.map((r) => ({ log: r.log_id, origin: r.origin, agencyId: r.agency_id, lastSeq: Number(r.last_seq) }));
}

/**
 * exportRecord writes the bundle of every event whose subject is `subject`, in every log. Each
 * log's latest checkpoint is used, and one is signed now if it does not yet cover the subject's
 * newest event there; events appended after that checkpoint belong to a later export.
 */
export async function exportRecord(ctx: Ctx, subject: string): Promise<RecordBundle> {
  const logs = await subjectLogs(ctx.db, subject);
  if (logs.length === 0) throw new DomainError('not-found', `没有以 ${subject} 为主体的记录`, 404, { subject });
  const inputs: BundleLogInput[] = [];
  for (const l of logs) {
    let cp = await latestCheckpoint(ctx.db, l.log);
    if (!cp || cp.size < l.lastSeq) cp = await makeCheckpoint(ctx, l.log);
    const rows = await ctx.db
      .selectFrom('events')
      .select(['log_id', 'seq', 'at', 'actor', 'type', 'subject', 'data', 'leaf', 'hash'])
      .where('log_id', '=', l.log)
      .where('subject', '=', subject)
      .where('seq', '<=', cp.size)
      .orderBy('seq')
      .execute();
    const reader = nodeReader(ctx.db, l.log);
    const events: Array<{ envelope: Envelope; proof: Buffer[] }> = [];
    for (const row of rows) {
      const envelope = rowToEvent(row);
      // An edited row would give a bundle that fails its own check: refuse, and say where.
      if (!leafHash(entryBytes(envelope)).equals(envelope.leaf)) {
        throw new DomainError('internal-error', `日志 ${l.log} 序号 ${envelope.seq} 的事件与其叶哈希不符（记录可能被改动），请先运行 sanxiang verify`, 500, { log: l.log, seq: envelope.seq });
      }
      events.push({ envelope, proof: await inclusionProof(reader, envelope.seq - 1, cp.size) });
    }
    inputs.push({ log: l.log, origin: l.origin, checkpoint: cp.note, events });
  }
  return buildBundle({ subject, createdAt: ctx.clock.now().toISOString(), verifierKey: ctx.keys.verifierKey, logs: inputs });
}

// ---- verifying (pure: bytes in, report out) ----------------------------------------------------

export interface BundleProblem {
  /** The file that does not check out (null: the zip as a whole, or the trusted key given). */
  file: string | null;
  message: string;
}

export interface BundleReport {
  ok: boolean;
  subject: string | null;
  createdAt: string | null;
  /** Events listed in the manifest. */
  events: number;
  logs: Array<{ log: string; origin: string; size: number; root: string; events: number }>;
  /** The key the checkpoints were checked with. */
  key: { name: string; id: string; vkey: string } | null;
  /** True when that key is the verifier's own (trustedKey), not merely the one inside the bundle. */
  keyPinned: boolean;
  /** The first thing that does not check out; null when ok. */
  problem: BundleProblem | null;
}

export interface VerifyBundleOptions {
  /**
   * The platform verifier key (vkey) the verifier obtained on its own, e.g. from the published
   * /api/public/key or an official notice. The bundle must carry the same key.
   *
   * Why pin it: the key inside the bundle only proves the bundle agrees with itself. Anyone who
   * wants to forge a record can generate a key, sign a checkpoint of a made-up log with it and
   * put that key in key.vkey — every proof would verify. What makes the record evidence is that
   * the checkpoints are signed by the key the agency published (and that a checkpoint someone
   * kept earlier is consistent with the one used here). A court should therefore fetch the key
   * from the platform's published address (or the agency's official channel) and pass it here,
   * rather than trust the copy it was handed together with the evidence.
   */
  trustedKey?: string;
}

class Refusal extends Error {
  constructor(
    readonly file: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** verifyBundle checks a record bundle from its bytes alone and names the first bad file. */
export function verifyBundle(bytes: Uint8Array, options: VerifyBundleOptions = {}): BundleReport {
  const report: BundleReport = { ok: false, subject: null, createdAt: null, events: 0, logs: [], key: null, keyPinned: false, problem: null };
  try {
    check(bytes, options, report);
    report.ok = true;
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    report.problem = { file: e.file, message: e.message };
  }
  return report;
}

function check(bytes: Uint8Array, options: VerifyBundleOptions, report: BundleReport): void {
  const files = unpack(bytes);

  // 1. The manifest: its shape, then the file list against what the zip holds.
  const manifestBytes = files.get(MANIFEST);
  if (!manifestBytes) throw new Refusal(MANIFEST, '记录包中没有清单文件');
  const manifest = readManifest(manifestBytes);
  report.subject = manifest.subject;
  report.createdAt = manifest.createdAt;
  report.events = manifest.logs.reduce((n, l) => n + l.events.length, 0);

  const expected = [README, KEY_FILE];
  for (const l of manifest.logs) {
    expected.push(checkpointPath(l.log));
    for (const e of l.events) expected.push(eventPath(l.log, e.seq), proofPath(l.log, e.seq));
  }
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (listed.has(f.path)) throw new Refusal(MANIFEST, `清单重复列出文件 ${f.path}`);
    listed.add(f.path);
  }
  for (const p of expected) if (!listed.has(p)) throw new Refusal(p, '清单的文件列表中缺少此文件');
  const wanted = new Set(expected);
  for (const p of listed) if (!wanted.has(p)) throw new Refusal(p, '清单列出了不属于记录包格式的文件');
  for (const p of files.keys()) if (p !== MANIFEST && !listed.has(p)) throw new Refusal(p, '记录包中有清单未列出的文件');

  // 2. Every file is there and is the one the manifest names (this only names damage; the
  //    proofs below are what an editor who also rewrites the manifest cannot get past).
  for (const f of manifest.files) {
    const data = files.get(f.path);
    if (!data) throw new Refusal(f.path, '文件缺失');
    if (data.length !== f.size || sha256Hex(data) !== f.sha256) throw new Refusal(f.path, '文件的 SHA-256 与清单不符（文件被改动或损坏）');
  }

  // 3. The key: the bundle's own, which must be the verifier's pinned key when one is given.
  const vkey = text(files.get(KEY_FILE)!, KEY_FILE).trim();
  let verifier: Ed25519Verifier;
  try {
    verifier = parseVerifierKey(vkey);
  } catch (e) {
    throw new Refusal(KEY_FILE, `公钥格式不正确：${messageOf(e)}`);
  }
  if (verifier.name !== manifest.key.name || formatKeyId(verifier.keyId) !== manifest.key.id) {
    throw new Refusal(KEY_FILE, `公钥（${verifier.name} ${formatKeyId(verifier.keyId)}）与清单所列（${manifest.key.name} ${manifest.key.id}）不符`);
  }
  if (options.trustedKey !== undefined) {
    let trusted: Ed25519Verifier;
    try {
      trusted = parseVerifierKey(options.trustedKey.trim());
    } catch (e) {
      throw new Refusal(null, `指定的可信公钥格式不正确：${messageOf(e)}`);
    }
    if (trusted.name !== verifier.name || !trusted.publicKey.equals(verifier.publicKey)) {
      throw new Refusal(KEY_FILE, `记录包的公钥（${verifier.name} ${formatKeyId(verifier.keyId)}）不是指定的可信公钥（${trusted.name} ${formatKeyId(trusted.keyId)}）`);
    }
    report.keyPinned = true;
  }
  report.key = { name: verifier.name, id: formatKeyId(verifier.keyId), vkey };

  // 4. Each log's checkpoint is signed by that key for that origin and says what the manifest says.
  const notes = new Map<string, string>();
  for (const l of manifest.logs) {
    const file = checkpointPath(l.log);
    const note = text(files.get(file)!, file);
    let cp;
    try {
      cp = openCheckpoint(note, { origin: l.origin, log: verifier }).checkpoint;
    } catch (e) {
      throw new Refusal(file, `检查点未通过签名核验：${messageOf(e)}`);
    }
    if (cp.size !== l.checkpoint.size || cp.rootHash.toString('base64') !== l.checkpoint.root) {
      throw new Refusal(file, `已签名检查点（大小 ${cp.size}）与清单所列（大小 ${l.checkpoint.size}）不符`);
    }
    notes.set(l.log, note);
    report.logs.push({ log: l.log, origin: l.origin, size: cp.size, root: l.checkpoint.root, events: l.events.length });
  }

  // 5. Each event: the envelope its path and the manifest say, about the subject, in canonical
  //    form; its leaf SHA-256(0x00 ‖ file bytes) proven into the signed checkpoint of its log.
  for (const l of manifest.logs) {
    const policy = { origin: l.origin, log: verifier };
    for (const e of l.events) {
      const file = eventPath(l.log, e.seq);
      const data = files.get(file)!;
      const envelope = readEnvelope(data, file);
      if (envelope.log !== l.log || envelope.seq !== e.seq) throw new Refusal(file, `事件自称是日志 ${envelope.log} 序号 ${envelope.seq}，与文件位置不符`);
      if (envelope.subject !== manifest.subject) throw new Refusal(file, `事件的主体是 ${String(envelope.subject)}，不是 ${manifest.subject}`);
      if (envelope.type !== e.type || envelope.at !== e.at) throw new Refusal(file, '事件的类型或时间与清单所列不符');
      if (!entryBytes(envelope).equals(data)) throw new Refusal(file, '事件文件不是规范化（RFC 8785）的事件原文');

      const pfile = proofPath(l.log, e.seq);
      const proofText = text(files.get(pfile)!, pfile);
      let parsed;
      try {
        parsed = parseTlogProof(proofText);
      } catch (err) {
        throw new Refusal(pfile, `不是有效的 C2SP tlog-proof：${messageOf(err)}`);
      }
      if (parsed.checkpoint !== notes.get(l.log)) throw new Refusal(pfile, `证明所附检查点与 ${checkpointPath(l.log)} 不同`);
      if (parsed.index !== e.seq - 1) throw new Refusal(pfile, `证明的叶序号 ${parsed.index} 不属于序号 ${e.seq} 的事件（应为 ${e.seq - 1}）`);
      try {
        verifyTlogProof(proofText, leafHash(data), policy);
      } catch (err) {
        throw new Refusal(pfile, `包含证明不成立：由 ${file} 的叶哈希推不出已签名检查点的根（事件或其证明被改动，或事件不在该日志中）：${messageOf(err)}`);
      }
    }
  }
}

/** Unzips under the limits, refusing duplicate or odd entry names; directory entries are skipped. */
function unpack(bytes: Uint8Array): Map<string, Buffer> {
  const names = new Set<string>();
  const seen = { total: 0, count: 0, refusal: null as Refusal | null };
  const refuse = (file: string | null, message: string) => {
    seen.refusal ??= new Refusal(file, message);
    return false;
  };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter(f) {
        if (seen.refusal) return false;
        if (++seen.count > LIMITS.entries) return refuse(null, `记录包的文件超过 ${LIMITS.entries} 个`);
        if (names.has(f.name)) return refuse(f.name, '记录包中有两个同名文件');
        names.add(f.name);
        if (f.name.startsWith('/') || f.name.includes('\\') || f.name.split('/').some((s) => s === '..')) return refuse(f.name, '文件名不合法');
        if (f.originalSize > LIMITS.fileBytes) return refuse(f.name, '文件过大');
        if ((seen.total += f.originalSize) > LIMITS.totalBytes) return refuse(null, '记录包解压后过大');
        return !f.name.endsWith('/');
      },
    });
  } catch (e) {
    throw seen.refusal ?? new Refusal(null, `不是有效的 zip 文件：${messageOf(e)}`);
  }
  if (seen.refusal) throw seen.refusal;
  return new Map(Object.entries(entries).map(([k, v]) => [k, Buffer.from(v.buffer, v.byteOffset, v.byteLength)]));
}

function readManifest(bytes: Buffer): BundleManifest {
  let m: unknown;
  try {
    m = JSON.parse(text(bytes, MANIFEST));
  } catch (e) {
    if (e instanceof Refusal) throw e;
    throw new Refusal(MANIFEST, '清单不是合法的 JSON');
  }
  const bad = (what: string): never => {
    throw new Refusal(MANIFEST, `清单格式不正确：${what}`);
  };
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const str = (v: unknown, what: string): string => (typeof v === 'string' && v !== '' ? v : bad(what));
  const int = (v: unknown, what: string, min: number): number => (Number.isSafeInteger(v) && (v as number) >= min ? (v as number) : bad(what));
  if (!isObj(m)) return bad('不是对象');
  if (m.format !== BUNDLE_FORMAT) throw new Refusal(MANIFEST, `不支持的记录包格式 ${JSON.stringify(m.format)}（应为 ${BUNDLE_FORMAT}）`);
  const subject = str(m.subject, 'subject');
  const createdAt = str(m.createdAt, 'createdAt');
  if (!isObj(m.key)) return bad('key');
  const key = { name: str(m.key.name, 'key.name'), id: str(m.key.id, 'key.id') };
  if (!Array.isArray(m.logs) || m.logs.length === 0) return bad('logs（没有任何日志）');
  const seenLogs = new Set<string>();
  const logs: ManifestLog[] = m.logs.map((l: unknown): ManifestLog => {
    if (!isObj(l)) return bad('logs[]');
    const log = str(l.log, 'logs[].log');
    if (!LOG_ID.test(log) || seenLogs.has(log)) bad(`日志 ${JSON.stringify(log)} 重复或不能作为文件名`);
    seenLogs.add(log);
    if (!isObj(l.checkpoint)) return bad(`日志 ${log} 的 checkpoint`);
    if (!Array.isArray(l.events) || l.events.length === 0) return bad(`日志 ${log} 的 events`);
    const seqs = new Set<number>();
    const events = l.events.map((e: unknown): ManifestEvent => {
      if (!isObj(e)) return bad(`日志 ${log} 的 events[]`);
      const seq = int(e.seq, `日志 ${log} 的事件序号`, 1);
      if (seqs.has(seq)) bad(`日志 ${log} 的序号 ${seq} 重复`);
      seqs.add(seq);
      return { seq, type: str(e.type, `日志 ${log} 序号 ${seq} 的 type`), at: str(e.at, `日志 ${log} 序号 ${seq} 的 at`) };
    });
    return {
      log,
      origin: str(l.origin, `日志 ${log} 的 origin`),
      checkpoint: { size: int(l.checkpoint.size, `日志 ${log} 的检查点大小`, 1), root: str(l.checkpoint.root, `日志 ${log} 的根哈希`) },
      events,
    };
  });
  if (!Array.isArray(m.files)) return bad('files');
  const files = m.files.map((f: unknown): ManifestFile => {
    if (!isObj(f)) return bad('files[]');
    const path = str(f.path, 'files[].path');
    const sha = str(f.sha256, `${path} 的 sha256`);
    if (!/^[0-9a-f]{64}$/.test(sha)) bad(`${path} 的 sha256 不是 64 位十六进制`);
    return { path, size: int(f.size, `${path} 的 size`, 0), sha256: sha };
  });
  return { format: BUNDLE_FORMAT, subject, createdAt, key, logs, files };
}

function readEnvelope(bytes: Buffer, file: string): Envelope {
  let v: unknown;
  try {
    v = JSON.parse(text(bytes, file));
  } catch (e) {
    if (e instanceof Refusal) throw e;
    throw new Refusal(file, '事件文件不是合法的 JSON');
  }
  const o = v as Record<string, unknown>;
  const ok =
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    o.v === 1 &&
    typeof o.log === 'string' &&
    Number.isSafeInteger(o.seq) &&
    typeof o.at === 'string' &&
    typeof o.actor === 'string' &&
    typeof o.type === 'string' &&
    (typeof o.subject === 'string' || o.subject === null) &&
    typeof o.data === 'object' &&
    o.data !== null &&
    !Array.isArray(o.data) &&
    Object.keys(o).length === 8;
  if (!ok) throw new Refusal(file, '事件文件不是事件信封（v、log、seq、at、actor、type、subject、data）');
  return v as Envelope;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function text(bytes: Uint8Array, file: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new Refusal(file, '文件不是合法的 UTF-8 文本');
  }
}

function sha256Hex(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'hex');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// ---- README.txt ----------------------------------------------------------------------------

function readme(input: BundleInput, key: { name: string; id: string }, logs: readonly ManifestLog[]): string {
  const events = logs.reduce((n, l) => n + l.events.length, 0);
  const lines = [
    '三项平台 · 执法全过程记录包',
    '==========================',
    '',
    `记录主体：${input.subject}`,
    `导出时间：${input.createdAt}（UTC）`,
    `签名公钥：${input.verifierKey}`,
    `          （名称 ${key.name}，密钥 ID ${key.id}）`,
    `事件数量：${events} 条，来自 ${logs.length} 个日志：`,
    ...logs.map((l) => `  - ${l.origin}（日志 ${l.log}）：${l.events.length} 条事件，检查点大小 ${l.checkpoint.size}，根哈希 ${l.checkpoint.root}`),
    '',
    '一、这是什么',
    '本文件是三项平台导出的、以上述主体（案件、执法人员、用户或机构）为对象的全部记录事件。平台的每个',
    '日志是一棵默克尔树（RFC 6962 / RFC 9162），平台用上述 Ed25519 密钥对树根签名（签名检查点）。每条',
    '事件都附有包含证明，证明它就在签名检查点所承诺的日志中，且一字未改。核验无需访问平台数据库，也无',
    '需联网。',
    '',
    '二、文件说明',
    '  manifest.json              清单：格式、主体、导出时间、公钥名称与 ID、各日志所用检查点（大小、根',
    '                             哈希）与事件列表，以及其余每个文件的 SHA-256',
    '  key.vkey                   平台检查点签名公钥（C2SP signed-note / Go sumdb note 的 vkey 格式）',
    '  checkpoints/<日志>.note     所用的签名检查点（C2SP tlog-checkpoint，C2SP signed-note 签名）',
    '  events/<日志>/<序号>.json    事件原文：RFC 8785 规范化 JSON（UTF-8），即平台记账时计算叶哈希的字节',
    '  events/<日志>/<序号>.proof   离线包含证明（C2SP tlog-proof，首行 c2sp.org/tlog-proof@v1）',
    '',
    '三、如何核验',
    '1. 使用三项平台命令行（不连接数据库和网络）：',
    '     sanxiang verify-bundle <本记录包.zip> --key <公钥文件.vkey>',
    '   通过时显示“核验通过”；否则以状态 1 退出，并指出第一个不符的文件。',
    '2. 或用任何实现了 C2SP 规范的工具独立核验：',
    '   (1) 叶哈希 = SHA-256(0x00 ‖ 事件文件的全部字节)；',
    '   (2) 按 .proof 文件中的 index（= 序号 − 1）与逐行给出的哈希路径，依 RFC 9162 §2.1.3.2 由叶哈希',
    '       算出树根，与检查点第三行的根哈希（base64）比较，树的大小为检查点第二行；',
    '   (3) 用公钥核验检查点的签名（C2SP signed-note，Ed25519；密钥 ID = SHA-256(名称 ‖ 0x0A ‖ 0x01 ‖',
    '       32 字节公钥) 的前 4 字节）；检查点第一行（origin）须为该日志的名称；',
    '   (4) manifest.json 中的 SHA-256 便于发现损坏或被改动的文件。',
    '',
    '四、重要提示',
    '- 请使用从平台公开地址 /api/public/key（或行政机关正式公布的渠道）取得的公钥核验，不要只信任本包中',
    '  的 key.vkey：包内公钥只能说明本包前后自洽，任何人都可以用自己生成的密钥制作一个“自洽”的假记录包。',
    '- 如您（或见证方）保存有平台更早发布的检查点，可通过 /api/public/logs/<日志>/consistency?from=&to= 取得',
    '  一致性证明，确认本包所用检查点是其延续（历史没有被改写或截断）。',
    '- manifest.json 本身没有签名，其中的说明性内容仅供查阅；证明力来自签名检查点和包含证明。',
    '- 本包证明所列事件确实记录在平台日志中且未被改动；仅凭本包不能证明没有遗漏以该主体为对象的其他事件。',
    '',
  ];
  return lines.join('\n');
}
