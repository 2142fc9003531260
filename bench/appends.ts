/**
 * Target 1 — durable appends on SQLite (WAL, synchronous=FULL).
 *
 *  a) Appends through the real service layer over HTTP, one event per request, each acknowledged
 *     only after its transaction committed, as a logged-in platform admin (session cookie +
 *     x-csrf-token). The main figure renames units (PATCH /api/units/:id with If-Match: every
 *     request appends one `unit.updated` event and costs the same however long the run); vs the
 *     disk's raw write+fdatasync rate measured in the same run, in the same directory. Target ≥ 0.5×.
 *     Also shown: POST /api/agencies/:id/units (creating units) into a fresh agency; and, on a
 *     second store in the same directory with group commit off (`groupCommit: false`: each
 *     transaction its own durable COMMIT, as before it), the same N-client renames.
 *  b) Batched import: B `ledger.append` calls inside one `db.transaction()`; vs a raw batched
 *     insert of B rows of the same bytes (the same events' columns) into a scratch table with the
 *     events table's indexes, in one transaction, with better-sqlite3 directly (a scratch
 *     database in the same directory, same pragmas). Target ≥ 0.5×.
 * Also printed, to locate the cost: the same appends without HTTP, and the durable floors (one
 * insert per committed transaction, raw and through Kysely).
 *
 *   npx tsx bench/appends.ts            # 8 s per timed phase, 10 batches of 1,000 (~2 min)
 *   npx tsx bench/appends.ts --quick    # 2 s per phase, 3 batches (~40 s)
 */
import './env.ts';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { openApp, type App } from '../src/context.ts';
import { seedDemo, DEMO_PASSWORD } from '../src/demo/seed.ts';
import { buildServer } from '../src/http/server.ts';
import { Ledger } from '../src/ledger/ledger.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { newId } from '../src/kernel/ids.ts';
import { createAgency, createUnit, updateUnit } from '../src/modules/identity/agencies.service.ts';
import { principalOf } from '../src/modules/identity/users.service.ts';
import { projectionModules } from '../src/modules/projections.ts';
import { fdatasyncRate, figure, flags, fmt, header, intFlag, ms, progressBar, ratio, scratchDir, summary, timedProgress } from './common.ts';

const USAGE = `
npx tsx bench/appends.ts [options]
  --quick            short phases (about 40 s in all)
  --duration S       seconds per timed phase (default 8; quick 2)
  --clients N        concurrent HTTP clients for the second HTTP phase (default 8)
  --no-alone         skip the N-client renames on a store without group commit
  --batches N        batched-import rounds (default 10; quick 3)
  --batch-size N     events per batched transaction (default 1000)
  --dir D            where the databases and the fdatasync file go (default: OS temp dir)
  --keep             keep the scratch directory
  --profile FILE     write a CPU profile (.cpuprofile, for Chrome DevTools) of the server's event
                     loop during the N-client rename phase
`;

const f = flags(USAGE, {
  quick: { type: 'boolean' },
  duration: { type: 'string' },
  clients: { type: 'string' },
  'no-alone': { type: 'boolean' },
  batches: { type: 'string' },
  'batch-size': { type: 'string' },
  dir: { type: 'string' },
  keep: { type: 'boolean' },
  profile: { type: 'string' },
});
const quick = !!f.quick;
const durationMs = intFlag(f.duration, 'duration', quick ? 2 : 8) * 1000;
const warmupMs = quick ? 500 : 1000;
const clients = intFlag(f.clients, 'clients', 8);
const batches = intFlag(f.batches, 'batches', quick ? 3 : 10);
const batchSize = intFlag(f['batch-size'], 'batch-size', 1000);
const dir = scratchDir(f.dir as string | undefined, !!f.keep);

/** The scratch table of the baselines: the events table's columns and indexes. */
interface ScratchDb {
  bench_scratch: { log_id: string; seq: number; at: string; actor: string; type: string; subject: string | null; data: string; leaf: Buffer; hash: Buffer };
}

header('Target 1: durable appends, SQLite WAL synchronous=FULL');
figure('directory (databases and fdatasync file)', dir);

// ---- baseline: the disk's raw durable-write rate, before and after the appends ----
const syncMs = Math.min(durationMs, 3000);
const syncBefore = { overwrite: fdatasyncRate(dir, 'overwrite', syncMs), append: fdatasyncRate(dir, 'append', syncMs) };

const app = await openApp({ sqlitePath: path.join(dir, 'sanxiang.db') }, dir);
// The baselines' own database in the same directory, opened as the store opens its own.
const raw = new Sqlite(path.join(dir, 'scratch.db'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
raw.pragma('busy_timeout = 5000');
raw.exec(
  'CREATE TABLE bench_scratch (id INTEGER PRIMARY KEY AUTOINCREMENT, log_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, type TEXT NOT NULL, subject TEXT, data TEXT NOT NULL, leaf BLOB NOT NULL, hash BLOB NOT NULL, UNIQUE (log_id, seq))',
);
raw.exec('CREATE INDEX bench_scratch_subject ON bench_scratch (subject, id)');
const scratch = new Kysely<ScratchDb>({ dialect: new SqliteDialect({ database: raw }) });
try {
  await seedDemo(app);
  const agencyId = (await app.db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
  const admin = await principalOf(app.db, (await app.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id);
  // One unit per client to rename (clients never contend for a unit's version).
  const units: Array<{ id: string; version: number }> = [];
  for (let c = 0; c < Math.max(clients, 1); c++) units.push({ id: (await createUnit(app, null, agencyId, { name: `bench-${c}` })).id, version: 1 });

  // ---- a) HTTP ----
  const server = await buildServer(app, { webDir: null });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const port = address.port;
  const session = await login(port);
  const eventsBefore = await totalEvents(app);
  const gc = app.store.groupCommit!;
  const rename1 = await httpPhase(port, session, { kind: 'rename', units: units.slice(0, 1) }, 'rename, 1 client');
  const gcBefore = { ...gc };
  const profiler = f.profile ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const renameN = await httpPhase(port, session, { kind: 'rename', units }, `rename, ${clients} clients`);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    fs.writeFileSync(f.profile as string, JSON.stringify(profile));
    profiler.disconnect();
  }
  const perCommit = (gc.members - gcBefore.members) / Math.max(1, gc.commits - gcBefore.commits);
  const freshAgency = (await createAgency(app, null, { code: 'bench-fresh', name: '基准新建机构', parentId: null })).id;
  const create1 = await httpPhase(port, session, { kind: 'create', agencyId: freshAgency }, 'create units, 1 client');
  await server.close();
  const alone = f['no-alone'] ? null : await renamesWithoutGroupCommit();
  const acknowledged = rename1.acknowledged + renameN.acknowledged + create1.acknowledged;
  const eventsGrew = (await totalEvents(app)) - eventsBefore - 1; // − the fresh agency's creation
  const unitsInFresh = (await app.db.selectFrom('units').select('id').where('agency_id', '=', freshAgency).execute()).length;

  // ---- the same appends without HTTP, and the durable floors ----
  const sample = await app.db.selectFrom('events').selectAll().where('log_id', '=', agencyId).orderBy('seq', 'desc').limit(batchSize).execute();
  const insertRaw = raw.prepare('INSERT INTO bench_scratch (log_id, seq, at, actor, type, subject, data, leaf, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let scratchSeq = 0;
  const row = (i: number) => {
    const r = sample[i % sample.length]!;
    return { log_id: r.log_id, seq: ++scratchSeq, at: r.at, actor: r.actor, type: r.type, subject: r.subject, data: r.data, leaf: r.leaf, hash: r.hash };
  };
  const rawOne = (i: number) => {
    const r = row(i);
    insertRaw.run(r.log_id, r.seq, r.at, r.actor, r.type, r.subject, r.data, r.leaf, r.hash);
  };
  const rawDurable = await loop('raw better-sqlite3: 1 insert per committed txn', async (i) => {
    raw.transaction(() => rawOne(i))();
  });
  const kyselyDurable = await loop('Kysely: 1 insert per committed txn', async (i) => {
    await scratch.transaction().execute(async (trx) => {
      await trx.insertInto('bench_scratch').values(row(i)).execute();
    });
  });
  const appendDurable = await loop('ledger.append: 1 event per committed txn', async (i) => {
    const id = units[0]!.id;
    await app.db.transaction().execute(async (trx) => {
      await app.ledger.append(trx, { log: agencyId, actor: 'system', type: 'unit.updated', subject: id, data: { id, changes: { name: { before: 'x', after: `l-${i}` } }, reason: null } });
    });
  });
  const unit = units[0]!;
  const current = await app.db.selectFrom('units').select('version').where('id', '=', unit.id).executeTakeFirstOrThrow();
  unit.version = Number(current.version);
  const service = await loop('service updateUnit (no HTTP)', async (i) => {
    unit.version = (await updateUnit(app, admin, unit.id, unit.version, { name: `s-${i}` }, null)).version;
  });
  const syncAfter = { overwrite: fdatasyncRate(dir, 'overwrite', syncMs), append: fdatasyncRate(dir, 'append', syncMs) };

  // ---- b) batched import ----
  const bare = new Ledger('sqlite', systemClock, [...projectionModules, { tables: [], projectors: { 'bench.imported': null } }]);
  const importAgency = (await createAgency(app, null, { code: 'bench-import', name: '基准导入机构', parentId: null })).id;
  const times = { append: 0, bare: 0, raw: 0, kysely: 0 };
  const bar = progressBar('batched import');
  for (let b = 0; b < batches; b++) {
    let t0 = performance.now();
    await app.db.transaction().execute(async (trx) => {
      for (let i = 0; i < batchSize; i++) {
        const id = newId();
        await app.ledger.append(trx, { log: importAgency, actor: 'system', type: 'unit.created', subject: id, data: { id, agencyId: importAgency, name: `b-${b}-${i}` } });
      }
    });
    times.append += performance.now() - t0;
    t0 = performance.now();
    await app.db.transaction().execute(async (trx) => {
      for (let i = 0; i < batchSize; i++) {
        const id = newId();
        await bare.append(trx, { log: importAgency, actor: 'system', type: 'bench.imported', subject: id, data: { id, agencyId: importAgency, name: `c-${b}-${i}` } });
      }
    });
    times.bare += performance.now() - t0;
    t0 = performance.now();
    raw.transaction(() => {
      for (let i = 0; i < batchSize; i++) rawOne(i);
    })();
    times.raw += performance.now() - t0;
    t0 = performance.now();
    await scratch.transaction().execute(async (trx) => {
      for (let i = 0; i < batchSize; i++) await trx.insertInto('bench_scratch').values(row(i)).execute();
    });
    times.kysely += performance.now() - t0;
    bar.update(b + 1, batches);
  }
  bar.stop();
  const n = batches * batchSize;
  const perSec = (t: number) => n / (t / 1000);

  // ---- report ----
  const syncOverwrite = Math.max(syncBefore.overwrite.perSecond, syncAfter.overwrite.perSecond);
  const syncAppend = Math.max(syncBefore.append.perSecond, syncAfter.append.perSecond);
  process.stdout.write('\n-- baseline: raw 4 KiB write + fdatasync in the same directory --\n');
  figure('overwrite in place (before / after)', `${fmt(syncBefore.overwrite.perSecond)} / ${fmt(syncAfter.overwrite.perSecond)} /s`);
  figure('appending to the file (before / after)', `${fmt(syncBefore.append.perSecond)} / ${fmt(syncAfter.append.perSecond)} /s`);
  process.stdout.write(`\n-- a) durable appends over HTTP, ${fmt(durationMs / 1000)} s each (after ${fmt(warmupMs / 1000, 1)} s warm-up) --\n`);
  const showHttp = (label: string, r: HttpResult) =>
    figure(`${label}: appends/s`, fmt(r.perSecond), `median ${ms(r.latency.median)}, p99 ${ms(r.latency.p99)}${r.failed ? `; ${r.failed} FAILED (${r.firstError})` : ''}`);
  showHttp('PATCH /api/units/:id, 1 client', rename1);
  showHttp(`PATCH /api/units/:id, ${clients} concurrent clients`, renameN);
  figure(`  … transactions per durable COMMIT (group commit)`, fmt(perCommit, 2));
  if (alone) showHttp(`  … the same without group commit (second store)`, alone);
  showHttp('POST /api/agencies/:id/units, 1 client', create1);
  figure('  … POST latency: first 100 → last 100 requests (median)', `${ms(create1.first100)} → ${ms(create1.last100)}`, `${fmt(unitsInFresh)} units in the agency at the end`);
  figure('events appended / requests acknowledged', `${fmt(eventsGrew)} / ${fmt(acknowledged)}`);
  const bestHttp = Math.max(rename1.perSecond, renameN.perSecond);
  ratio('best rename appends/s ÷ fdatasync (overwrite) rate', bestHttp, syncOverwrite, { atLeast: 0.5 });
  ratio('best rename appends/s ÷ fdatasync (append) rate', bestHttp, syncAppend, { atLeast: 0.5 });
  if (alone) ratio(`${clients}-client renames: group commit ÷ without`, renameN.perSecond, alone.perSecond, {});
  process.stdout.write('\n-- where the time goes: one committed transaction each, sequential, no HTTP --\n');
  for (const r of [rawDurable, kyselyDurable, appendDurable, service]) figure(r.label, `${fmt(r.perSecond)} /s`, `median ${ms(r.latency.median)}`);
  process.stdout.write(`\n-- b) batched import: ${fmt(batches)} transactions of ${fmt(batchSize)} events (durable commit each) --\n`);
  figure('ledger.append × B in one txn (unit.created, projected)', `${fmt(perSec(times.append))} /s`, `${ms(times.append / batches)} per batch`);
  figure('ledger.append × B in one txn (no projector)', `${fmt(perSec(times.bare))} /s`, `${ms(times.bare / batches)} per batch`);
  figure('Kysely: B inserts of the same rows (scratch table)', `${fmt(perSec(times.kysely))} /s`, `${ms(times.kysely / batches)} per batch`);
  figure('raw better-sqlite3: B inserts of the same rows (baseline)', `${fmt(perSec(times.raw))} /s`, `${ms(times.raw / batches)} per batch`);
  ratio('ledger.append batch ÷ raw batched insert', perSec(times.append), perSec(times.raw), { atLeast: 0.5 });
  ratio('ledger.append batch (no projector) ÷ raw batched insert', perSec(times.bare), perSec(times.raw), { atLeast: 0.5 });
} finally {
  await scratch.destroy(); // closes `raw`
  await app.close();
}

// ---------------------------------------------------------------------------------------------

/** The N-client rename phase again, on a second store (same directory) whose transactions each commit alone. */
async function renamesWithoutGroupCommit(): Promise<HttpResult> {
  const aloneDir = path.join(dir, 'alone');
  const other = await openApp({ sqlitePath: path.join(aloneDir, 'sanxiang.db'), groupCommit: false }, aloneDir);
  try {
    await seedDemo(other);
    const agency = (await other.db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
    const own: Array<{ id: string; version: number }> = [];
    for (let c = 0; c < Math.max(clients, 1); c++) own.push({ id: (await createUnit(other, null, agency, { name: `bench-${c}` })).id, version: 1 });
    const server = await buildServer(other, { webDir: null });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    try {
      return await httpPhase(address.port, await login(address.port), { kind: 'rename', units: own }, `rename, ${clients} clients, no group commit`);
    } finally {
      await server.close();
    }
  } finally {
    await other.close();
  }
}

async function totalEvents(a: App): Promise<number> {
  const rows = await a.db.selectFrom('logs').select('head_seq').execute();
  return rows.reduce((s, r) => s + Number(r.head_seq), 0);
}

async function login(port: number): Promise<Record<string, string>> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sx_session='));
  if (!cookie) throw new Error('no session cookie');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: cookie.split(';')[0]!, 'x-csrf-token': body.csrfToken };
}

interface Timed {
  label: string;
  perSecond: number;
  latency: ReturnType<typeof summary>;
}

/** Runs `op` sequentially for the phase duration (after a warm-up) and reports ops/s. */
async function loop(label: string, op: (i: number) => Promise<void>): Promise<Timed> {
  const progress = timedProgress(label, warmupMs + durationMs);
  const t0 = performance.now();
  const start = t0 + warmupMs;
  const end = start + durationMs;
  const lat: number[] = [];
  for (let i = 0; ; i++) {
    const s = performance.now();
    if (s >= end) break;
    await op(i);
    const e = performance.now();
    if (s >= start) lat.push(e - s);
    progress.tick();
  }
  progress.stop();
  return { label, perSecond: lat.length / (durationMs / 1000), latency: summary(lat) };
}

type HttpJob = { kind: 'rename'; units: Array<{ id: string; version: number }> } | { kind: 'create'; agencyId: string };

interface HttpResult {
  perSecond: number;
  acknowledged: number;
  failed: number;
  firstError: string | null;
  latency: ReturnType<typeof summary>;
  first100: number;
  last100: number;
}

/**
 * Drives the API from a worker thread (its own event loop on the other core, so the load
 * generator does not share the server's thread), one keep-alive connection per client. Renames:
 * client c renames units[c] with If-Match, taking the next version from the response.
 */
async function httpPhase(port: number, headers: Record<string, string>, job: HttpJob, label: string): Promise<HttpResult> {
  const progress = timedProgress(label, warmupMs + durationMs);
  const timer = setInterval(() => progress.tick(), 100);
  try {
    const worker = new Worker(httpWorkerSource(), { eval: true, workerData: { port, headers, job, warmupMs, durationMs, tag: label.replace(/\W+/g, '').slice(0, 8) } });
    const r = await new Promise<{ ok: number; acknowledged: number; failed: number; firstError: string | null; lat: number[]; all: number[]; versions: number[] }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    if (job.kind === 'rename') job.units.forEach((u, i) => (u.version = r.versions[i]!));
    const med = (xs: number[]) => summary(xs).median;
    return {
      perSecond: r.ok / (durationMs / 1000),
      acknowledged: r.acknowledged,
      failed: r.failed,
      firstError: r.firstError,
      latency: summary(r.lat),
      first100: med(r.all.slice(0, 100)),
      last100: med(r.all.slice(-100)),
    };
  } finally {
    clearInterval(timer);
    progress.stop();
  }
}

/** The load generator's source (plain JavaScript: it runs in a worker thread). */
function httpWorkerSource(): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, headers, job, warmupMs, durationMs, tag } = workerData;
const clients = job.kind === 'rename' ? job.units.length : 1;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
function request(method, path, body, extra) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method, agent,
        headers: { ...headers, ...extra, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode, data }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
(async () => {
  const t0 = performance.now();
  const start = t0 + warmupMs;
  const end = start + durationMs;
  let ok = 0, acknowledged = 0, failed = 0, firstError = null;
  const lat = [], all = [];
  const versions = job.kind === 'rename' ? job.units.map((u) => u.version) : [];
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; ; i++) {
      const s = performance.now();
      if (s >= end) break;
      const name = tag + '-' + c + '-' + i;
      const r = job.kind === 'rename'
        ? await request('PATCH', '/api/units/' + job.units[c].id, JSON.stringify({ name }), { 'if-match': '"' + versions[c] + '"' })
        : await request('POST', '/api/agencies/' + job.agencyId + '/units', JSON.stringify({ name }), {});
      const e = performance.now();
      const good = r.status === 200 || r.status === 201;
      if (good) {
        acknowledged++;
        all.push(e - s);
        if (job.kind === 'rename') versions[c] = JSON.parse(r.data).version;
      }
      if (e < start || e >= end) continue;
      if (good) { ok++; lat.push(e - s); }
      else { failed++; firstError = firstError || (r.status + ' ' + r.data.slice(0, 200)); }
    }
  }));
  agent.destroy();
  parentPort.postMessage({ ok, acknowledged, failed, firstError, lat, all, versions });
})().catch((err) => { throw err; });
`;
}
