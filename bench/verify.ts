/**
 * Target 2 — full offline verification (`verifyLedger`, what `sanxiang verify` runs) of a large
 * ledger on SQLite: events/s, vs just hashing the same leaf bytes held in memory
 * (SHA-256(0x00 ‖ entry) per event), target ≥ 0.5×; and the verifier's peak RSS, target < 200 MB.
 *
 * The events are generated fast, not through the service: rows written directly (one big
 * transaction per 50,000 events) with the leaf, chain link and Merkle nodes computed in-process
 * exactly as `Ledger.append` computes them (envelope.ts + CompactRange), and a signed checkpoint
 * every --checkpoint-every events, so verify checks leaves, links, nodes, roots and signatures.
 * Verification runs in a fresh child process, so its peak RSS is its own, loading only what
 * `sanxiang verify` loads and with the same V8 flag (`--max-semi-space-size=2`, which
 * bin/sanxiang.js sets for verify). Then the command itself, `node bin/sanxiang.js verify`, is run
 * on the same database and its processes' peak RSS recorded (start-up included).
 *
 *   npx tsx bench/verify.ts                  # 1,000,000 events
 *   npx tsx bench/verify.ts --quick          # 100,000 events
 *   npx tsx bench/verify.ts --events 5M
 */
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// Only light modules at the top: the verifying child must load what `sanxiang verify` loads, no more.
import { figure, flags, fmt, header, intFlag, mb, progressBar, ratio, rssSampler, scratchDir } from './common.ts';
import canonicalize from 'canonicalize';
import type { Envelope } from '../src/ledger/envelope.ts';

const USAGE = `
npx tsx bench/verify.ts [options]
  --quick                 100,000 events
  --events N              events to generate and verify (default 1,000,000; accepts 1M, 250k)
  --logs L                spread them over L agency logs (default 4)
  --checkpoint-every K    a signed checkpoint every K events of a log (default 100,000)
  --semi-space MB         run the verifying child with --max-semi-space-size=MB (V8's young
                          generation; default 2, as bin/sanxiang.js runs verify; Node 20's own
                          default grows it to 16 MB per semi-space: --semi-space 16)
  --dir D                 where the database goes (default: OS temp dir)
  --keep                  keep the scratch directory
`;

const CHUNK = 50_000;

interface ChildResult {
  ok: boolean;
  events: number;
  seconds: number;
  startRss: number;
  peakRss: number;
  problems: string[];
}

if (process.argv[2] === '--child-verify') {
  await childVerify(process.argv[3]!);
} else {
  await main();
}

async function main(): Promise<void> {
  const { default: Sqlite } = await import('better-sqlite3');
  const { openApp } = await import('../src/context.ts');
  const { chainHash, entryBytes, leafHash, ZERO_HASH } = await import('../src/ledger/envelope.ts');
  const { agencyOrigin } = await import('../src/ledger/ledger.ts');
  const { createAgency } = await import('../src/modules/identity/agencies.service.ts');
  const { CompactRange } = await import('../src/ledger/merkle/index.ts');
  const { signCheckpoint } = await import('../src/ledger/note/index.ts');
  const f = flags(USAGE, {
    quick: { type: 'boolean' },
    events: { type: 'string' },
    logs: { type: 'string' },
    'checkpoint-every': { type: 'string' },
    'semi-space': { type: 'string' },
    dir: { type: 'string' },
    keep: { type: 'boolean' },
  });
  const total = intFlag(f.events, 'events', f.quick ? 100_000 : 1_000_000);
  const logCount = intFlag(f.logs, 'logs', 4);
  const checkpointEvery = intFlag(f['checkpoint-every'], 'checkpoint-every', 100_000);
  const dir = scratchDir(f.dir as string | undefined, !!f.keep);
  const dbFile = path.join(dir, 'sanxiang.db');
  header(`Target 2: full offline verify of ${fmt(total)} events (SQLite)`);

  // ---- generate ----
  const app = await openApp({ sqlitePath: dbFile }, dir);
  // The agencies (and so their logs) are created through the service: verify checks every log
  // against its `agency.created` event in the platform log.
  const logs: Array<{ id: string; origin: string; size: number }> = [];
  for (let j = 0; j < logCount; j++) {
    const agency = await createAgency(app, null, { code: `bench-${j}`, name: `基准机构${j}`, parentId: null });
    logs.push({ id: agency.id, origin: agencyOrigin(agency.code), size: Math.floor(total / logCount) + (j < total % logCount ? 1 : 0) });
  }
  const signer = app.keys.signer;
  await app.close();

  const db = new Sqlite(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // generation only; verify reads a normal file
  db.pragma('cache_size = -262144');
  const insertEvent = db.prepare('INSERT INTO events (log_id, seq, at, actor, type, subject, data, leaf, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertNode = db.prepare('INSERT INTO tree_nodes (log_id, level, idx, hash) VALUES (?, ?, ?, ?)');
  const insertCheckpoint = db.prepare('INSERT INTO checkpoints (log_id, size, root, note, created_at) VALUES (?, ?, ?, ?, ?)');
  const setHead = db.prepare('UPDATE logs SET head_seq = ?, head_hash = ? WHERE id = ?');
  const bar = progressBar('generate');
  const g0 = performance.now();
  let written = 0;
  let entryBytesTotal = 0;
  let checkpointCount = 0;
  for (const l of logs) {
    const range = new CompactRange();
    let prev: Buffer = ZERO_HASH;
    for (let from = 1; from <= l.size; from += CHUNK) {
      const to = Math.min(l.size, from + CHUNK - 1);
      db.transaction(() => {
        for (let seq = from; seq <= to; seq++) {
          const { envelope, dataText } = syntheticEvent(l.id, seq);
          const entry = entryBytes(envelope);
          entryBytesTotal += entry.length;
          const leaf = leafHash(entry);
          const link = chainHash(prev, leaf);
          insertEvent.run(l.id, seq, envelope.at, envelope.actor, envelope.type, envelope.subject, dataText, leaf, link);
          for (const n of range.append(leaf)) insertNode.run(l.id, n.level, n.index, n.hash);
          prev = link;
          if (seq % checkpointEvery === 0 || seq === l.size) {
            const note = signCheckpoint({ origin: l.origin, size: seq, rootHash: range.root() }, [signer]);
            insertCheckpoint.run(l.id, seq, range.root(), note, envelope.at);
            checkpointCount++;
          }
        }
        setHead.run(to, prev, l.id);
      })();
      written += to - from + 1;
      bar.update(written, total);
    }
  }
  bar.stop();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const genSeconds = (performance.now() - g0) / 1000;

  // ---- verify, in a fresh process ----
  const semiSpace = intFlag(f['semi-space'], 'semi-space', 2);
  const execArgv = [...process.execArgv, `--max-semi-space-size=${semiSpace}`];
  const child = fork(fileURLToPath(import.meta.url), ['--child-verify', dir], { execArgv, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  const result = await new Promise<ChildResult>((resolve, reject) => {
    child.once('message', (m) => resolve(m as ChildResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`verify child exited with ${code}`)));
  });
  await new Promise((r) => child.once('exit', r));

  // ---- the command itself, start-up included ----
  const command = await runCommand(dir);

  // ---- baseline: hash the same entry bytes, held in memory, a chunk at a time ----
  const { hashOnly, inMemory } = await baseline(logs);

  const verifyRate = result.events / result.seconds;
  process.stdout.write(`\n-- ledger: ${fmt(total)} events in ${logCount} agency logs (+ ${logCount + 1} in the platform log), ${fmt(checkpointCount)} signed checkpoints --\n`);
  figure('generated in', `${fmt(genSeconds, 1)} s`, `${fmt(total / genSeconds)} events/s; mean entry ${fmt(entryBytesTotal / total)} bytes`);
  process.stdout.write(`\n-- verifyLedger (fresh process, --max-semi-space-size=${semiSpace}, signatures checked) --\n`);
  figure('result', result.ok ? 'ok' : 'PROBLEMS', result.problems.join('; '));
  figure('events verified', fmt(result.events), `${fmt(result.seconds, 2)} s`);
  figure('verify: events/s', fmt(verifyRate));
  figure('peak RSS of this child', mb(result.peakRss), `(${mb(result.startRss)} after opening the store; runs under the tsx CLI's loaders, not bin/sanxiang.js's)`);
  process.stdout.write('\n-- the command: node bin/sanxiang.js verify --data-dir … (re-runs itself with --max-semi-space-size=2) --\n');
  figure('result', command.ok ? 'ok (exit 0)' : `exit ${command.code}`, `${fmt(command.seconds, 2)} s, start-up included`);
  const commandPeak = command.peaks.length > 1 ? Math.max(...command.peaks.slice(1)) : NaN;
  figure('peak RSS of the verifying process', mb(commandPeak), `target < 200 MB — ${commandPeak < 200e6 ? 'met' : 'NOT met'}`);
  figure('verify: events/s, start-up included', fmt(result.events / command.seconds));
  figure('peak RSS of the launching process (only waits)', command.peaks.length > 0 ? mb(command.peaks[0]!) : '?');
  process.stdout.write('\n-- baseline: SHA-256(0x00 ‖ entry) of the same entries, held in memory --\n');
  figure('hash only: events/s', fmt(hashOnly));
  figure('entry + leaf + link + tree, in memory', fmt(inMemory), '(verify’s CPU work without the database)');
  ratio('verify ÷ hash-only', verifyRate, hashOnly, { atLeast: 0.5 });
  ratio('verify ÷ in-memory re-derivation', verifyRate, inMemory, {});
}

/**
 * A deterministic event, so the baseline can rebuild the same entry bytes: an officer
 * registration of realistic size (UUIDs, Chinese names and fields), every tenth an update.
 */
function syntheticEvent(log: string, seq: number): { envelope: Envelope; dataText: string } {
  const id = (kind: number, n: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const subject = id(1, Math.floor(seq / 10));
  const data: Record<string, unknown> =
    seq % 10 === 0
      ? { id: subject, changes: { post: { from: '科员', to: '科长' } }, reason: '职务调整（衡文体发〔2017〕34号）' }
      : {
          id: subject,
          agencyId: log,
          unitId: id(2, seq % 7),
          userId: null,
          name: ['刘建国', '张晓明', '黄丽华', '周志强', '吴海燕'][seq % 5],
          post: '科员',
          certificateNo: `430401${String(seq).padStart(8, '0')}`,
          issuingAuthority: '衡阳市人民政府',
          fields: ['文化市场', '新闻出版'],
          validFrom: '2024-01-01',
          validTo: '2028-12-31',
          auxiliary: false,
        };
  const dataText = canonicalize(data)!;
  const at = new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString();
  return {
    envelope: { v: 1, log, seq, at, actor: id(3, seq % 40), type: seq % 10 === 0 ? 'officer.updated' : 'officer.registered', subject, data },
    dataText,
  };
}

/** events/s of hashing the entries alone, and of the whole in-memory re-derivation verify does per row. */
async function baseline(logs: ReadonlyArray<{ id: string; size: number }>): Promise<{ hashOnly: number; inMemory: number }> {
  const { chainHash, entryBytes, entryBytesOf, leafHash, ZERO_HASH } = await import('../src/ledger/envelope.ts');
  const { CompactRange } = await import('../src/ledger/merkle/index.ts');
  let hashMs = 0;
  let deriveMs = 0;
  let n = 0;
  const bar = progressBar('baseline');
  const totalEvents = logs.reduce((a, l) => a + l.size, 0);
  for (const l of logs) {
    const range = new CompactRange();
    let prev: Buffer = ZERO_HASH;
    for (let from = 1; from <= l.size; from += CHUNK) {
      const to = Math.min(l.size, from + CHUNK - 1);
      const entries: Buffer[] = [];
      const rows: Array<{ log_id: string; seq: number; at: string; actor: string; type: string; subject: string | null; data: string }> = [];
      for (let seq = from; seq <= to; seq++) {
        const { envelope, dataText } = syntheticEvent(l.id, seq);
        const entry = entryBytes(envelope);
        entries.push(entry);
        rows.push({ log_id: l.id, seq, at: envelope.at, actor: envelope.actor, type: envelope.type, subject: envelope.subject, data: dataText });
      }
      let t0 = performance.now();
      for (const e of entries) leafHash(e);
      hashMs += performance.now() - t0;
      t0 = performance.now();
      for (const row of rows) {
        const leaf = leafHash(entryBytesOf({ log: row.log_id, seq: row.seq, at: row.at, actor: row.actor, type: row.type, subject: row.subject }, row.data));
        prev = chainHash(prev, leaf);
        range.append(leaf);
      }
      deriveMs += performance.now() - t0;
      n += entries.length;
      bar.update(n, totalEvents);
    }
  }
  bar.stop();
  return { hashOnly: n / (hashMs / 1000), inMemory: n / (deriveMs / 1000) };
}

async function childVerify(dir: string): Promise<void> {
  const rss = rssSampler();
  // What src/cli/verify.ts loads, and no more.
  const { openStore } = await import('../src/store/db.ts');
  const { loadVerifier } = await import('../src/ledger/keys.ts');
  const { verifyLedger } = await import('../src/ledger/verify.ts');
  const store = openStore({ sqlitePath: path.join(dir, 'sanxiang.db') });
  await store.db.selectFrom('logs').select('id').limit(1).execute();
  rss.sample();
  const startRss = process.memoryUsage.rss();
  const verifier = loadVerifier(dir);
  if (!verifier) throw new Error('no public key in the data directory');
  const bar = progressBar('verify');
  const t0 = performance.now();
  const report = await verifyLedger(store.db, {
    verifier,
    onProgress: (done, total) => {
      rss.sample();
      bar.update(done, total);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  bar.stop();
  const peakRss = rss.stop();
  await store.close();
  const problems = report.logs.filter((l) => l.problem).map((l) => `${l.origin}: ${l.problem!.kind} at ${l.problem!.seq}`);
  const result: ChildResult = { ok: report.ok && report.signaturesChecked, events: report.events, seconds, startRss, peakRss, problems };
  process.send!(result);
  process.disconnect();
}



/**
 * Runs `node bin/sanxiang.js verify --data-dir dir` with a preloaded probe that writes each
 * process's peak RSS (sampled every 10 ms and at exit) to a file: the launcher first, then the
 * verifying child it starts.
 */
async function runCommand(dir: string): Promise<{ ok: boolean; code: number | null; seconds: number; peaks: number[] }> {
  const probe = path.join(dir, 'rss-probe.cjs');
  const out = path.join(dir, 'rss-peaks.txt');
  fs.writeFileSync(
    probe,
    `let peak = 0; const s = () => { const r = process.memoryUsage.rss(); if (r > peak) peak = r; };
     setInterval(s, 10).unref();
     process.on('exit', () => { s(); require('node:fs').appendFileSync(${JSON.stringify(out)}, process.pid + ' ' + process.ppid + ' ' + peak + '\\n'); });`,
  );
  const bin = fileURLToPath(new URL('../bin/sanxiang.js', import.meta.url));
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'verify', '--data-dir', dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${probe}`.trim() },
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  const seconds = (performance.now() - t0) / 1000;
  // The launcher's line comes last (it exits after its child); put it first.
  const lines = fs.existsSync(out) ? fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number)) : [];
  const launcher = lines.find((l) => l[0] === child.pid);
  const others = lines.filter((l) => l[0] !== child.pid);
  return { ok: code === 0, code, seconds, peaks: [launcher?.[2] ?? NaN, ...others.map((l) => l[2]!)] };
}
