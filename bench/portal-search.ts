/**
 * The public portal's search (GET /api/public/decisions) under load, issue 8 "Performance":
 * with 64 concurrent keep-alive connections, throughput and p50/p99 for a rotating mix of
 * 2-character words (网吧, 演出 …), phrases of 3+ characters (接纳未成年人, a party's full name …),
 * filter-only queries (agency, kind, decision date range) — at 1,000,000 published decisions, and
 * in the same run:
 *
 *   (a) the same mix executed in-process straight against the database (`searchDecisions`,
 *       src/modules/publicity/portal.service.ts: both of its queries, the page and the capped
 *       count), the baseline of the HTTP throughput — target ≥ 0.5×;
 *   (b) the same HTTP search at 10,000 decisions, the baseline of the p99 — target ≤ 2×;
 *   and p99 ≤ 25 ms at 1M.
 *
 * Each store is served twice, from the same database: as `sanxiang start` serves it (result pages
 * remembered per generation of the public set — the mix repeats, so after the warm-up every
 * request is answered from memory) and with `portalPages: 0` (every request searches; only the
 * counts are remembered). The targets are printed for both. A third phase runs the served store
 * with one request in FRESH_EVERY a party's name not asked before (more names than the server
 * remembers pages): what searches nobody asked yet cost among repeated ones — on a database larger
 * than the OS's file cache holds, a cold read from disk (not a target; no verdict printed).
 *
 * Stores: one per size (SQLite: a file each; PostgreSQL: a schema each) with the demo seeded,
 * eight county agencies and N decisions from bench/generate-publications.ts (projection rows
 * written directly; the ledger events are skipped for seeding speed — this measures the search,
 * not publishing). Each store is served by its own `buildServer` on 127.0.0.1; the load
 * generator runs in a worker thread (its own event loop) and keeps 64 requests in flight, each
 * connection sending its next request when the previous answer has arrived (closed loop). The
 * sizes alternate phase by phase (`--rounds`), so drift on a shared machine hits them alike.
 * Then every query of the mix, and keywords combined with a filter (not in the issue's mix), is
 * timed alone in-process at both sizes, and the slowest are explained (SQLite `EXPLAIN QUERY
 * PLAN`; PostgreSQL `EXPLAIN (ANALYZE, BUFFERS)`).
 *
 *   npx tsx bench/portal-search.ts                  # 10,000 vs 1,000,000, SQLite (generates both: ~40 min, 22 GiB, here)
 *   npx tsx bench/portal-search.ts --reuse          # keep the generated stores and reuse them (~7 min a run)
 *   npx tsx bench/portal-search.ts --quick          # 10,000 vs 100,000, shorter phases
 *   npx tsx bench/portal-search.ts --pg             # PostgreSQL (SANXIANG_TEST_PG_URL, else the test harness)
 *   npx tsx bench/portal-search.ts --url postgresql://… --reuse   # PostgreSQL, schemas kept and reused
 */
import './env.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CompiledQuery, sql } from 'kysely';
import { openApp, type App } from '../src/context.ts';
import { readThreadsFrom } from '../src/kernel/config.ts';
import { PAGE_CACHE_KIB } from '../src/store/db.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { buildServer } from '../src/http/server.ts';
import { PAGE_MEMO_SIZE, searchDecisions } from '../src/modules/publicity/portal.service.ts';
import type { DecisionSearchQuery } from '../src/shared/portal.ts';
import { addDays, benchPostgres, chinaDay, figure, flags, fmt, header, intFlag, log, ms, progressOrLog, prng, ratio, scratchDir, summary, sizePair } from './common.ts';
import { agenciesForPublications, generatePublications } from './generate-publications.ts';
import { watchStatements } from '../test/harness/statements.ts';

const USAGE = `
npx tsx bench/portal-search.ts [options]
  --quick            10,000 vs 100,000 decisions, 4 s phases, 1 round
  --sizes A,B        the two sizes (default 10k,1M)
  --connections N    concurrent HTTP connections (default 64)
  --duration S       seconds per measured phase (default 10; quick 4)
  --rounds R         rounds of (HTTP small, HTTP large, in-process small, in-process large) (default 2; quick 1)
  --pg               PostgreSQL (SANXIANG_TEST_PG_URL, else the test harness's server)
  --url URL          PostgreSQL at URL (a schema per size)
  --reuse            keep the generated stores and reuse them when they match (SQLite: in --dir,
                     default <tmp>/sanxiang-bench-portal; PostgreSQL: schemas bench_portal_<size>, needs
                     --url or SANXIANG_TEST_PG_URL)
  --seed S           generator seed (default 1)
  --no-explain       skip the query plans
  --dir D            where the SQLite databases go (default: OS temp dir)
  --keep             keep the scratch directory (and the PostgreSQL schemas)
  --read-threads N   SQLite: reading threads serving the searches (default: as \`sanxiang start\`,
                     SANXIANG_READ_THREADS or the cores less one, 2–4; 0 searches on the event loop)
`;

const f = flags(USAGE, {
  quick: { type: 'boolean' },
  sizes: { type: 'string' },
  connections: { type: 'string' },
  duration: { type: 'string' },
  rounds: { type: 'string' },
  pg: { type: 'boolean' },
  url: { type: 'string' },
  reuse: { type: 'boolean' },
  seed: { type: 'string' },
  'no-explain': { type: 'boolean' },
  dir: { type: 'string' },
  keep: { type: 'boolean' },
  'read-threads': { type: 'string' },
});
const quick = !!f.quick;
const sizes = sizePair(f.sizes, quick);
const connections = intFlag(f.connections, 'connections', 64);
const durationMs = intFlag(f.duration, 'duration', quick ? 4 : 10) * 1000;
const rounds = intFlag(f.rounds, 'rounds', quick ? 1 : 2);
const seed = intFlag(f.seed, 'seed', 1);
const usePg = !!f.pg || !!f.url;
const reuse = !!f.reuse;
/** Bumped whenever generate-publications.ts writes different rows: older cached stores are regenerated. */
const GENERATOR_VERSION = 3;
const TARGET_P99_MS = 25;
/** Every how many requests of the "fresh" phase is a search not asked before. */
const FRESH_EVERY = 4;
/** How many distinct parties' names the "fresh" phase rotates through: more than the server remembers pages, so none is remembered when it comes round again. */
const FRESH_NAMES = 2 * PAGE_MEMO_SIZE;
const readThreads = readThreadsFrom(f['read-threads'] === undefined ? process.env : { SANXIANG_READ_THREADS: String(f['read-threads']) });

const dir = reuse ? ((f.dir as string | undefined) ?? path.join(os.tmpdir(), 'sanxiang-bench-portal')) : scratchDir(f.dir as string | undefined, !!f.keep);
fs.mkdirSync(dir, { recursive: true });

header(`Public portal: search at ${fmt(sizes[1]!)} vs ${fmt(sizes[0]!)} published decisions, ${connections} connections (${usePg ? 'PostgreSQL' : `SQLite, ${readThreads} reading thread${readThreads === 1 ? '' : 's'}`})`);

const pgUrlGiven = !!f.url || !!process.env.SANXIANG_TEST_PG_URL;
// Kept schemas are reusable only in a database that outlives the run (not the harness's own).
const pg = usePg ? await benchPostgres({ url: f.url as string | undefined, keep: !!f.keep || (reuse && pgUrlGiven) }) : null;
if (pg && reuse && !pgUrlGiven) log('--reuse on PostgreSQL needs --url (the test harness drops its database at exit): generating anew');

/** One logical query of the mix; its query string is made per store (agency ids differ). */
interface MixQuery {
  name: string;
  cls: QueryClass;
  query: DecisionSearchQuery;
}
type QueryClass = '2-character word' | '3+ character phrase' | 'filter only' | 'keyword + filter';
/** The issue's three classes: the mix under load. `keyword + filter` is timed alone only (not in the issue's mix). */
const CLASSES: QueryClass[] = ['2-character word', '3+ character phrase', 'filter only'];
const EXTRA: QueryClass = 'keyword + filter';

interface Store {
  size: number;
  app: App;
  port: number;
  /** The same store served without remembered result pages (`portalPages: 0`): every request searches. */
  barePort: number;
  /** The issue's mix, rotated under load. */
  mix: MixQuery[];
  /** The mix with every FRESH_EVERY-th request a party's name not asked before (more names than the server remembers pages). */
  withFresh: MixQuery[];
  /** Every query timed alone: the mix and the keyword + filter extras. */
  all: MixQuery[];
  seedSeconds: number | null;
  databaseBytes: number;
  close(): Promise<void>;
}

const stores: Store[] = [];
try {
  for (const size of sizes) stores.push(await openSized(size));
  const [small, large] = stores as [Store, Store];

  // ---- the measured phases: HTTP at both sizes, in-process at both sizes, alternating ----
  const worker = new Worker(workerSource(), { eval: true });
  const runHttp = (s: Store, ms: number, port = s.port, mix = s.mix) =>
    new Promise<HttpResult>((resolve, reject) => {
      const fail = (err: Error) => {
        worker.off('message', done);
        reject(err);
      };
      const done = (r: HttpResult) => {
        worker.off('error', fail);
        resolve(r);
      };
      worker.once('message', done);
      worker.once('error', fail);
      worker.postMessage({ port, urls: mix.map((q) => `/api/public/decisions?${new URLSearchParams(q.query as Record<string, string>)}`), classes: mix.map((q) => CLASSES.indexOf(q.cls)), connections, durationMs: ms });
    });
  const http: HttpResult[][] = stores.map(() => []);
  const bare: HttpResult[][] = stores.map(() => []);
  const fresh: HttpResult[][] = stores.map(() => []);
  const inproc: InProcessResult[][] = stores.map(() => []);
  const bar = progressOrLog('phases');
  const phases = 1 + rounds * 8;
  let done = 0;
  // Warm-up, as a server that has been running: every query three times in-process, then a short
  // HTTP phase per store (JIT, statement caches, the pages the queries read).
  for (const s of stores) {
    for (let k = 0; k < 3; k++) for (const q of s.all) await searchDecisions(s.app, q.query);
    await runHttp(s, Math.min(3000, durationMs / 2));
    await runHttp(s, Math.min(3000, durationMs / 2), s.barePort);
  }
  bar.update(++done, phases);
  for (let r = 0; r < rounds; r++) {
    for (const [si, s] of stores.entries()) {
      http[si]!.push(await runHttp(s, durationMs));
      bar.update(++done, phases);
    }
    for (const [si, s] of stores.entries()) {
      bare[si]!.push(await runHttp(s, durationMs, s.barePort));
      bar.update(++done, phases);
    }
    for (const [si, s] of stores.entries()) {
      fresh[si]!.push(await runHttp(s, durationMs, s.port, s.withFresh));
      bar.update(++done, phases);
    }
    for (const [si, s] of stores.entries()) {
      inproc[si]!.push(await runInProcess(s, durationMs));
      bar.update(++done, phases);
    }
  }
  bar.stop();
  await worker.terminate();

  // ---- every query alone, in-process, at both sizes; plans of the slowest at the large size ----
  const alone: number[][] = [];
  const pbar = progressOrLog('queries alone');
  for (const [si, s] of stores.entries()) {
    const times: number[] = [];
    for (const [qi, q] of s.all.entries()) {
      const t: number[] = [];
      const t1 = performance.now();
      for (let k = 0; k < 15 && performance.now() - t1 < 3000; k++) {
        const t0 = performance.now();
        await searchDecisions(s.app, q.query, { recount: true });
        t.push(performance.now() - t0);
      }
      times.push(summary(t).median);
      pbar.update(si * s.all.length + qi + 1, stores.length * s.all.length);
    }
    alone.push(times);
  }
  pbar.stop();

  // ---- report ----
  process.stdout.write('\n-- stores --\n');
  for (const s of stores) {
    figure(`${fmt(s.size)} decisions`, s.seedSeconds === null ? 'reused' : `generated in ${fmt(s.seedSeconds, 1)} s`, `database ${fmt(s.databaseBytes / 2 ** 20)} MiB; ${s.mix.length} queries in the mix, ${s.all.length - s.mix.length} extras`);
  }
  const merged = stores.map((_, si) => mergeHttp(http[si]!));
  const bareMerged = stores.map((_, si) => mergeHttp(bare[si]!));
  const freshMerged = stores.map((_, si) => mergeHttp(fresh[si]!));
  const inMerged = stores.map((_, si) => mergeInProcess(inproc[si]!));
  const httpReport = (title: string, ms_: ReturnType<typeof mergeHttp>[]) => {
    process.stdout.write(`\n-- GET /api/public/decisions over HTTP, ${title}, ${connections} connections, ${rounds} × ${fmt(durationMs / 1000)} s per size: throughput, p50 / p99 --\n`);
    for (const [si, s] of stores.entries()) {
      const m = ms_[si]!;
      const st = summary(m.all);
      figure(`${fmt(s.size)} decisions: all queries`, `${fmt(m.rate)} req/s`, `p50 ${ms(st.median)}, p99 ${ms(st.p99)}; n ${fmt(m.all.length)}; failed ${fmt(m.failed)}${m.firstError ? ` (${m.firstError})` : ''}`);
      for (const [ci, c] of CLASSES.entries()) {
        const x = m.byClass[ci]!;
        if (x.length === 0) continue;
        const cs = summary(x);
        figure(`   ${c}`, `p99 ${ms(cs.p99)}`, `p50 ${ms(cs.median)}; n ${fmt(x.length)}`);
      }
    }
  };
  httpReport('as `sanxiang start` serves it (result pages remembered per generation: the mix repeats, so all but the first of each are remembered)', merged);
  httpReport('every request searched (result pages not remembered, `portalPages: 0`; counts still remembered)', bareMerged);
  const names = stores.map((s) => `${fmt(s.size)}: ${fmt(s.withFresh.length / FRESH_EVERY)}`).join(', ');
  httpReport(`as served, with 1 request in ${FRESH_EVERY} a party's name not asked before (names in rotation — ${names}; the server remembers ${fmt(PAGE_MEMO_SIZE)} pages, so fewer names than that are remembered after their first round)`, freshMerged);
  process.stdout.write(`\n-- the same mix in-process (searchDecisions straight against the database${usePg ? `, ${connections} concurrent calls` : ', one call at a time: better-sqlite3 is synchronous'}) --\n`);
  for (const [si, s] of stores.entries()) {
    const m = inMerged[si]!;
    const st = summary(m.all);
    figure(`${fmt(s.size)} decisions`, `${fmt(m.rate)} queries/s`, `p50 ${ms(st.median)}, p99 ${ms(st.p99)}; n ${fmt(m.all.length)}`);
  }

  process.stdout.write('\n-- targets --\n');
  // A closed loop keeps `connections` requests in flight: mean latency = connections ÷ throughput.
  const targets = (title: string, m: ReturnType<typeof mergeHttp>[]) => {
    process.stdout.write(`   ${title}:\n`);
    const pLarge = summary(m[1]!.all).p99;
    const pSmall = summary(m[0]!.all).p99;
    ratio(`   HTTP throughput ÷ in-process rate at ${fmt(large.size)}`, m[1]!.rate, inMerged[1]!.rate, { atLeast: 0.5 });
    ratio(`   HTTP throughput ÷ in-process rate at ${fmt(small.size)} (for reference)`, m[0]!.rate, inMerged[0]!.rate, { atLeast: 0.5 });
    ratio(`   HTTP p99 at ${fmt(large.size)} ÷ p99 at ${fmt(small.size)}`, pLarge, pSmall, { atMost: 2 });
    figure(`   HTTP p99 at ${fmt(large.size)}`, ms(pLarge), `target ≤ ${TARGET_P99_MS} ms — ${pLarge <= TARGET_P99_MS ? 'met' : 'NOT met'}`);
    figure(
      `      (closed loop: ${connections} in flight ÷ ${fmt(m[1]!.rate)} req/s)`,
      ms((connections / m[1]!.rate) * 1000),
      `mean latency measured ${ms(summary(m[1]!.all).mean)}; a p99 of ${TARGET_P99_MS} ms needs > ${fmt((connections / TARGET_P99_MS) * 1000)} req/s`,
    );
    for (const [ci, c] of CLASSES.entries()) {
      const a = m[0]!.byClass[ci]!;
      const b = m[1]!.byClass[ci]!;
      if (a.length && b.length) figure(`      ${c}: p99 ${fmt(small.size)} → ${fmt(large.size)}`, `${ms(summary(a).p99)} → ${ms(summary(b).p99)}`, `×${fmt(summary(b).p99 / summary(a).p99, 2)}`);
    }
  };
  targets('as served (result pages remembered)', merged);
  targets('every request searched (result pages not remembered)', bareMerged);

  process.stdout.write(`\n-- each query alone, in-process (searchDecisions: page + capped count, the count taken afresh each time), median of ≤ 15 runs: ${fmt(small.size)} → ${fmt(large.size)}; [${EXTRA}] is not in the issue's mix --\n`);
  const order = large.all.map((_, qi) => qi).sort((a, b) => alone[1]![b]! - alone[1]![a]!);
  for (const qi of order) {
    const q = large.all[qi]!;
    figure(`[${q.cls}] ${q.name}`, `${ms(alone[0]![qi]!)} → ${ms(alone[1]![qi]!)}`, `×${fmt(alone[1]![qi]! / alone[0]![qi]!, 1)}`);
  }
  if (!f['no-explain']) {
    process.stdout.write(`\n-- query plans at ${fmt(large.size)} (${usePg ? 'EXPLAIN (ANALYZE, BUFFERS)' : 'EXPLAIN QUERY PLAN'}): the three slowest queries and one of each class --\n`);
    const shown = new Set<number>(order.slice(0, 3));
    for (const c of [...CLASSES, EXTRA]) {
      const qi = order.find((i) => large.all[i]!.cls === c);
      if (qi !== undefined) shown.add(qi);
    }
    for (const qi of shown) {
      const q = large.all[qi]!;
      for (const compiled of await capturedQueries(large.app, q.query)) {
        const what = /^select count\(\*\) as n/.test(compiled.q.sql) ? 'count' : /i\.item/.test(compiled.q.sql) ? 'page' : 'bigram counts (the plan of a long term)';
        process.stdout.write(`\n   [${q.cls}] ${q.name} — ${what}\n${(await planOf(large.app, compiled)).replace(/^/gm, '     ')}\n`);
      }
    }
  }
} finally {
  for (const s of stores) await s.close();
  await pg?.cleanup();
}

// ---------------------------------------------------------------------------------------------

interface HttpResult {
  elapsedMs: number;
  /** Latencies (ms) by class index. */
  lat: number[][];
  failed: number;
  firstError: string | null;
}
interface InProcessResult {
  elapsedMs: number;
  lat: number[];
}

function mergeHttp(rs: HttpResult[]): { rate: number; all: number[]; byClass: number[][]; failed: number; firstError: string | null } {
  const byClass = CLASSES.map((_, ci) => rs.flatMap((r) => r.lat[ci] ?? []));
  const all = byClass.flat();
  const elapsed = rs.reduce((s, r) => s + r.elapsedMs, 0);
  return { rate: all.length / (elapsed / 1000), all, byClass, failed: rs.reduce((s, r) => s + r.failed, 0), firstError: rs.find((r) => r.firstError)?.firstError ?? null };
}

function mergeInProcess(rs: InProcessResult[]): { rate: number; all: number[] } {
  const all = rs.flatMap((r) => r.lat);
  return { rate: all.length / (rs.reduce((s, r) => s + r.elapsedMs, 0) / 1000), all };
}

/**
 * The mix run in-process for `ms`: SQLite one call after another (better-sqlite3 blocks the
 * thread, so concurrency adds nothing); PostgreSQL `connections` calls in flight over the pool.
 */
async function runInProcess(s: Store, ms: number): Promise<InProcessResult> {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const loop = async () => {
    while (performance.now() - t0 < ms) {
      const q = s.mix[next++ % s.mix.length]!;
      const t = performance.now();
      await searchDecisions(s.app, q.query);
      lat.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: s.app.engine === 'postgres' ? connections : 1 }, loop));
  return { elapsedMs: performance.now() - t0, lat };
}

async function openSized(size: number): Promise<Store> {
  const sub = path.join(dir, `portal-${size}-s${seed}`);
  const schema = `bench_portal_${size}_s${seed}`;
  const marker = { generator: GENERATOR_VERSION, count: size, seed };
  const persistent = reuse && (!usePg || pgUrlGiven);
  let cached = false;
  if (usePg) {
    await pg!.schema(schema, !persistent);
  } else if (persistent) {
    const file = path.join(sub, 'generated.json');
    cached = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === JSON.stringify(marker);
    if (!cached) fs.rmSync(sub, { recursive: true, force: true });
  }
  // As `sanxiang start` serves it: on SQLite the portal's searches run in reading threads
  // (src/store/read-pool.ts), and every connection keeps the server's page cache.
  const app = await openApp(usePg ? { databaseUrl: pg!.url, pgSchema: schema, poolSize: 16 } : { sqlitePath: path.join(sub, 'sanxiang.db'), readThreads, pageCacheKiB: PAGE_CACHE_KIB }, sub);
  try {
    if (usePg && persistent) {
      await sql`CREATE TABLE IF NOT EXISTS bench_generated (marker text NOT NULL)`.execute(app.db);
      const row = await sql<{ marker: string }>`SELECT marker FROM bench_generated`.execute(app.db);
      cached = row.rows[0]?.marker === JSON.stringify(marker);
      if (!cached && row.rows.length > 0) throw new Error(`schema ${schema} holds another generation (${row.rows[0]!.marker}): drop it or pass another --seed`);
    }
    let seedSeconds: number | null = null;
    if (!cached) {
      const t0 = performance.now();
      const seeded = await seedDemo(app);
      if (!seeded.seeded) throw new Error(`store for ${size} is not empty: ${seeded.reason}`);
      const agencies = await agenciesForPublications(app);
      const bar = progressOrLog(`generate ${fmt(size)} decisions`);
      await generatePublications(app, agencies, { count: size, seed, onProgress: (d, t) => bar.update(d, t) });
      bar.stop();
      seedSeconds = (performance.now() - t0) / 1000;
      if (persistent && usePg) await sql`INSERT INTO bench_generated (marker) VALUES (${JSON.stringify(marker)})`.execute(app.db);
      else if (persistent) fs.writeFileSync(path.join(sub, 'generated.json'), JSON.stringify(marker));
    } else {
      log(`reusing the ${fmt(size)} store (${usePg ? `schema ${schema}` : sub})`);
    }
    const databaseBytes = await databaseSize(app);
    const all = await mixFor(app);
    const mix = all.filter((q) => q.cls !== EXTRA);
    const withFresh = (await partyNames(app, { count: FRESH_NAMES, seed: 23, perProbe: 8, probes: FRESH_NAMES })).flatMap((name, i) => [...Array.from({ length: FRESH_EVERY - 1 }, (_, k) => mix[(i * (FRESH_EVERY - 1) + k) % mix.length]!), { cls: '3+ character phrase' as const, name, query: { q: name } }]);
    const server = await buildServer(app, { webDir: null });
    const bareServer = await buildServer(app, { webDir: null, portalPages: 0 });
    const portOf = async (srv: typeof server) => {
      await srv.listen({ host: '127.0.0.1', port: 0 });
      const address = srv.server.address();
      if (!address || typeof address === 'string') throw new Error('no TCP address');
      return address.port;
    };
    return {
      size,
      app,
      port: await portOf(server),
      barePort: await portOf(bareServer),
      mix,
      withFresh,
      all,
      seedSeconds,
      databaseBytes,
      close: async () => {
        await server.close();
        await bareServer.close();
        await app.close();
      },
    };
  } catch (err) {
    await app.close();
    throw err;
  }
}

/**
 * The rotating mix, the same logical queries at every size (ids are the store's own): words and
 * phrases from the generator's causes, trades and licences; ten real parties' full names; the
 * agency, kind and decision-date filters a citizen sets on the portal page; and keywords with a filter.
 */
async function mixFor(app: App): Promise<MixQuery[]> {
  const agency = async (code: string) => (await app.db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const whzf = await agency('hy-whzf');
  const county = await agency('bench-county-3');
  const wwj = await agency('hy-wwj');
  const today = chinaDay(Date.now());
  const yearAgo = addDays(today, -365);
  const lastYear = String(Number(today.slice(0, 4)) - 1);
  const monthStart = `${yearAgo.slice(0, 7)}-01`;
  const monthEnd = addDays(`${addDays(monthStart, 32).slice(0, 7)}-01`, -1);
  const parties = await partyNames(app, { count: 10, seed: 11, perProbe: 1, probes: 500 });
  const q = (cls: QueryClass, name: string, query: DecisionSearchQuery): MixQuery => ({ cls, name, query });
  return [
    ...['网吧', '演出', '文物', '药品', '印刷', '卫星'].map((w) => q('2-character word', `q=${w}`, { q: w })),
    ...['接纳未成年人', '营业性演出', '文物保护单位', '超过保质期的食品', '明码标价', '游艺娱乐场所', '旅行社责任险', '处方药'].map((w) => q('3+ character phrase', `q=${w}`, { q: w })),
    ...parties.map((p, i) => q('3+ character phrase', `q=<party ${i + 1}: ${p}>`, { q: p })),
    q('filter only', 'agencyId=综合执法局 (35 %)', { agencyId: whzf }),
    q('filter only', 'agencyId=county team 3 (6 %)', { agencyId: county }),
    q('filter only', 'kind=licence', { kind: 'licence' }),
    q('filter only', 'kind=penalty', { kind: 'penalty' }),
    q('filter only', 'from=<30 days ago>', { from: addDays(today, -30) }),
    q('filter only', `from/to=<a month a year ago> (${monthStart.slice(0, 7)})`, { from: monthStart, to: monthEnd }),
    q('filter only', `from/to=<last year> (${lastYear})`, { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` }),
    q('filter only', 'agencyId=文物局 & kind=penalty', { agencyId: wwj, kind: 'penalty' }),
    q('keyword + filter', 'q=网吧 & agencyId=county team 3', { q: '网吧', agencyId: county }),
    q('keyword + filter', 'q=演出 & from=<30 days ago>', { q: '演出', from: addDays(today, -30) }),
    q('keyword + filter', `q=文物 & from/to=<a month a year ago>`, { q: '文物', from: monthStart, to: monthEnd }),
    q('keyword + filter', 'q=接纳未成年人 & agencyId=综合执法局', { q: '接纳未成年人', agencyId: whzf }),
    q('keyword + filter', 'q=许可 & kind=licence', { q: '许可', kind: 'licence' }),
  ];
}

/**
 * Up to `count` distinct parties' full names — names one would type (organisations' are long:
 * 7 characters or more) — from `perProbe` public decisions at each of at most `probes` random keys.
 */
async function partyNames(app: App, o: { count: number; seed: number; perProbe: number; probes: number }): Promise<string[]> {
  const max = Number((await app.db.selectFrom('publications').select((eb) => eb.fn.max('search_key').as('m')).executeTakeFirst())?.m ?? 0);
  const rnd = prng(o.seed);
  const names = new Set<string>();
  for (let k = 0; names.size < o.count && k < o.probes; k++) {
    const rows = await app.db.selectFrom('publications').select('party_name').where('public_state', '=', 'public').where('search_key', '>=', 1 + Math.floor(rnd() * max)).orderBy('search_key').limit(o.perProbe).execute();
    for (const r of rows) if (r.party_name.length >= 7) names.add(r.party_name);
  }
  return [...names].slice(0, o.count);
}

async function databaseSize(app: App): Promise<number> {
  if (app.engine === 'postgres') {
    const r = await sql<{ n: string }>`SELECT sum(pg_total_relation_size(c.oid))::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`.execute(app.db);
    return Number(r.rows[0]?.n ?? 0);
  }
  const r = await sql<{ n: number }>`SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()`.execute(app.db);
  return Number(r.rows[0]?.n ?? 0);
}

/** A statement searchDecisions issued, and the planner settings its transaction ran it under (PostgreSQL's bitmap-only count). */
interface Captured {
  q: CompiledQuery;
  settings: CompiledQuery | null;
}

/** The statements searchDecisions issues for a query (the page, then the count), captured on their way to the database. */
async function capturedQueries(app: App, query: DecisionSearchQuery): Promise<Captured[]> {
  const captured: Captured[] = [];
  let settings: CompiledQuery | null = null;
  // searchDecisions hands its statements, already written, to executeQuery (in a transaction for
  // PostgreSQL's count, after its planner settings): record them there.
  const db = watchStatements(app.db, (q) => {
    if (q.sql.includes('set_config(')) settings = q;
    else {
      captured.push({ q, settings });
      settings = null;
    }
  });
  await searchDecisions({ ...app, db }, query, { recount: true });
  return captured.filter((c) => !c.q.sql.includes('portal_generation'));
}

async function planOf(app: App, { q, settings }: Captured): Promise<string> {
  if (app.engine === 'postgres') {
    const rows = await app.db.transaction().execute(async (trx) => {
      if (settings) await trx.executeQuery(settings);
      return (await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]))).rows;
    });
    return `${settings ? `(${settings.sql})\n` : ''}${rows.map((x) => x['QUERY PLAN']).join('\n')}`;
  }
  const r = await app.db.executeQuery<{ id: number; parent: number; detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]));
  const depth = new Map<number, number>([[0, -1]]);
  const t0 = performance.now();
  await app.db.executeQuery(q);
  const took = performance.now() - t0;
  return `${q.sql}\n(${ms(took)} alone)\n${r.rows
    .map((x) => {
      const d = (depth.get(x.parent) ?? -1) + 1;
      depth.set(x.id, d);
      return `${'  '.repeat(d)}${x.detail}`;
    })
    .join('\n')}`;
}

/**
 * The load generator (plain JavaScript: it runs in a worker thread): `connections` closed loops,
 * each on its own keep-alive socket, writing the request bytes prepared once and reading the
 * answer by its Content-Length. Not node:http's client: on this 2-core machine it took ~0.1 ms of
 * CPU per request (a third of a core at 3,300 requests/s) from the core the server's threads share
 * — a cost of the measuring, not of the server, which a real citizen's phone does not add.
 */
function workerSource(): string {
  return `
const { parentPort } = require('node:worker_threads');
const net = require('node:net');
const HEAD_END = Buffer.from('\\r\\n\\r\\n');
parentPort.on('message', async ({ port, urls, classes, connections, durationMs }) => {
  const requests = urls.map((u) => Buffer.from('GET ' + u + ' HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: keep-alive\\r\\n\\r\\n', 'latin1'));
  const lat = [[], [], []];
  let failed = 0, firstError = null, next = 0;
  const t0 = performance.now();
  const loop = () => new Promise((done) => {
    const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    let buf = Buffer.alloc(0), k = 0, started = 0, need = -1, status = 0, over = false;
    const finish = () => { if (!over) { over = true; done(); } };
    const send = () => {
      if (performance.now() - t0 >= durationMs) { over = true; socket.end(); return done(); }
      k = next++ % urls.length;
      started = performance.now();
      need = -1;
      socket.write(requests[k]);
    };
    socket.on('connect', send);
    // A socket the server closed (or broke) ends this loop: counted, not waited for.
    socket.on('error', (err) => { if (!over) { failed++; firstError = firstError || String(err); } finish(); });
    socket.on('close', () => { if (!over) { failed++; firstError = firstError || 'connection closed by the server'; } finish(); });
    socket.on('data', (chunk) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (need < 0) {
          const end = buf.indexOf(HEAD_END);
          if (end < 0) return;
          const head = buf.toString('latin1', 0, end);
          status = Number(head.slice(9, 12));
          const m = /\\r\\ncontent-length: *(\\d+)/i.exec(head);
          // The portal answers with a length (it sends text it has whole); anything else is a failure.
          if (!m) { failed++; firstError = firstError || 'no content-length: ' + head.slice(0, 200); over = true; socket.destroy(); return done(); }
          need = end + 4 + Number(m[1]);
        }
        if (buf.length < need) return;
        const took = performance.now() - started;
        if (status === 200) lat[classes[k]].push(took);
        else { failed++; firstError = firstError || (status + ' ' + buf.toString('utf8', 0, Math.min(need, 300))); }
        buf = buf.subarray(need);
        send();
        if (buf.length === 0) return;
      }
    });
  });
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsedMs = performance.now() - t0;
  parentPort.postMessage({ elapsedMs, lat, failed, firstError });
});
`;
}
