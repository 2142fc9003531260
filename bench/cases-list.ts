/**
 * Penalty cases — the case list (GET /api/cases) stays fast as cases accumulate: p50/p99 latency
 * per filter at 10,000 cases and at 1,000,000 cases, measured in the same run; target p99 ≤ 50 ms
 * at 1M and ≤ 2× the p99 at 10k (issue 6, "Performance").
 *
 * Two stores, one per size (SQLite: two files in the scratch directory; PostgreSQL: two schemas),
 * each with the demo seeded, eight more county agencies and 40 certified officers per agency, and
 * N cases from bench/generate-cases.ts (projection rows written directly: the cases' ledger events
 * are skipped for seeding speed — this measures the list query, not appends). Each store is
 * served by its own `buildServer` on 127.0.0.1, and a load generator in a worker thread (its own
 * event loop) sends the requests over keep-alive HTTP, one at a time, the two sizes and all the
 * filters interleaved round by round so that drift hits them alike, as 刘建国 (whzf-officer1, an
 * officer of 衡阳市文化市场综合执法局, which holds 35 % of all cases):
 *
 *   none · status=investigating · unitId=执法二科 · field=广播电视 · handler=me · overdue=true ·
 *   from/to=<a month a year ago> (registration date) · q=<a party's name> (20 different real
 *   parties, cycled) · after=<page 1's cursor> (page 2)
 *
 * and, reported apart (not in the list): handler=<an officer of the agency who handles
 * no case>, a deep page (a cursor three years back), q=网吧 (a common word), a
 * supervisor who sees three agencies, the platform admin (all agencies), and a control request
 * with no list query (GET /api/auth/me) whose p99 shows the machine's own noise. Baseline: the
 * same filter at 10,000 cases. Then, for every filter, the SQL that listCases issued (captured
 * with a Kysely plugin) is timed alone, and explained at the large size (SQLite `EXPLAIN QUERY
 * PLAN`; PostgreSQL `EXPLAIN (ANALYZE, BUFFERS)`).
 *
 *   npx tsx bench/cases-list.ts                 # 10,000 vs 1,000,000 cases, SQLite (~4–5 min)
 *   npx tsx bench/cases-list.ts --quick         # 10,000 vs 100,000
 *   npx tsx bench/cases-list.ts --pg            # PostgreSQL (test harness or SANXIANG_TEST_PG_URL; ~10 min)
 *   npx tsx bench/cases-list.ts --url postgresql://…
 */
import './env.ts';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CompiledQuery, sql, type KyselyPlugin } from 'kysely';
import { openApp, type App } from '../src/context.ts';
import { seedDemo, DEMO_PASSWORD } from '../src/demo/seed.ts';
import { buildServer } from '../src/http/server.ts';
import { listCases, type CaseFilter } from '../src/modules/cases/cases.service.ts';
import { principalOf } from '../src/modules/identity/users.service.ts';
import { preparePostgres } from '../test/harness/postgres.ts';
import { generateCases, prepareCaseAgencies } from './generate-cases.ts';
import { figure, flags, fmt, header, intFlag, log, ms, progressBar, prng, ratio, scratchDir, summary, sizePair } from './common.ts';

const USAGE = `
npx tsx bench/cases-list.ts [options]
  --quick            10,000 vs 100,000 cases, fewer samples
  --sizes A,B        the two sizes (default 10k,1M)
  --samples N        requests per filter and size (default 200; quick 60)
  --cap S            stop sampling a filter at a size after S seconds of its requests (default 20; quick 6)
  --pg               PostgreSQL (SANXIANG_TEST_PG_URL, else the test harness's server)
  --url URL          PostgreSQL at URL (two scratch schemas, dropped at the end)
  --no-explain       skip the query plans
  --dir D            where the SQLite databases go (default: OS temp dir)
  --keep             keep the scratch directory (and the PostgreSQL schemas)
`;

const f = flags(USAGE, {
  quick: { type: 'boolean' },
  sizes: { type: 'string' },
  samples: { type: 'string' },
  cap: { type: 'string' },
  pg: { type: 'boolean' },
  url: { type: 'string' },
  'no-explain': { type: 'boolean' },
  dir: { type: 'string' },
  keep: { type: 'boolean' },
});
const quick = !!f.quick;
const sizes = sizePair(f.sizes, quick);
const samples = intFlag(f.samples, 'samples', quick ? 60 : 200);
const capMs = intFlag(f.cap, 'cap', quick ? 6 : 20) * 1000;
const usePg = !!f.pg || !!f.url;
const dir = scratchDir(f.dir as string | undefined, !!f.keep);
const NOW = new Date();

header(`Penalty cases: the case list at ${fmt(sizes[1]!)} vs ${fmt(sizes[0]!)} cases (${usePg ? 'PostgreSQL' : 'SQLite'})`);

// ---- PostgreSQL: a server and two scratch schemas ----
let pgUrl: string | undefined;
let cleanup: () => void | Promise<void> = () => {};
const schemas = sizes.map((s, i) => `bench_list_${i}_${s}_${process.pid}`);
if (usePg) {
  if (f.url || process.env.SANXIANG_TEST_PG_URL) {
    pgUrl = (f.url as string | undefined) ?? process.env.SANXIANG_TEST_PG_URL!;
  } else {
    const pg = preparePostgres(log);
    if ('unavailable' in pg) {
      log(`PostgreSQL unavailable: ${pg.unavailable}; pass --url`);
      process.exit(2);
    }
    pgUrl = pg.url;
    let dropped = false;
    const drop = () => {
      if (!dropped && !f.keep) pg.cleanup();
      dropped = true;
    };
    cleanup = drop;
    process.once('exit', drop);
  }
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  for (const s of schemas) await c.query(`CREATE SCHEMA ${s}`);
  await c.end();
  const dropDb = cleanup;
  cleanup = async () => {
    if (!f.keep) {
      const d = new pg.Client({ connectionString: pgUrl });
      await d.connect();
      for (const s of schemas) await d.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await d.end();
    }
    await dropDb();
  };
}

interface Store {
  size: number;
  app: App;
  port: number;
  close(): Promise<void>;
  sessions: Record<'officer' | 'supervisor' | 'admin', Record<string, string>>;
  /** userId per session, for the in-process listCases calls. */
  users: Record<'officer' | 'supervisor' | 'admin', string>;
  filters: Filter[];
  seedSeconds: number;
  databaseBytes: number;
}

interface Filter {
  name: string;
  /** One of the list (counted for the target), or an extra. */
  primary: boolean;
  who: 'officer' | 'supervisor' | 'admin';
  /** Query strings; cycled through (q takes 20 different parties). */
  queries: Record<string, string>[];
  /** Another path than /api/cases (the control request). */
  path?: string;
}

const stores: Store[] = [];
try {
  for (const [i, size] of sizes.entries()) stores.push(await openSized(i, size));

  // ---- latency over HTTP, the sizes and filters interleaved ----
  const plan = stores.map((s) => ({ port: s.port, sessions: s.sessions, filters: s.filters.map((x) => ({ who: x.who, urls: x.queries.map((q) => `${x.path ?? '/api/cases'}?${new URLSearchParams(q)}`) })) }));
  const nFilters = stores[0]!.filters.length;
  const bar = progressBar('list requests');
  const worker = new Worker(workerSource(), { eval: true, workerData: { plan, samples, capMs, warmup: quick ? 3 : 5 } });
  const result = await new Promise<{ lat: number[][][]; failed: number[][]; firstError: string | null }>((resolve, reject) => {
    worker.on('message', (m: { progress?: number } & Record<string, unknown>) => {
      if (m.progress !== undefined) bar.update(m.progress, samples);
      else resolve(m as never);
    });
    worker.once('error', reject);
  });
  bar.stop();
  await worker.terminate();

  // ---- the SQL alone, and its plan ----
  const explain = !f['no-explain'];
  const sqlTimes: number[][] = stores.map(() => []);
  const plans: string[][] = stores.map(() => []);
  const pbar = progressBar('SQL alone + plans');
  for (const [si, s] of stores.entries()) {
    for (const [fi, flt] of s.filters.entries()) {
      if (flt.path) {
        sqlTimes[si]![fi] = NaN;
        plans[si]![fi] = '(no list query)';
        continue;
      }
      const q = await capturedQuery(s, flt);
      const times: number[] = [];
      const t1 = performance.now();
      for (let k = 0; k < 20 && performance.now() - t1 < capMs / 4; k++) {
        const t0 = performance.now();
        await s.app.db.executeQuery(q);
        times.push(performance.now() - t0);
      }
      sqlTimes[si]![fi] = summary(times).median;
      plans[si]![fi] = explain ? await planOf(s.app, q) : '';
      pbar.update(si * nFilters + fi + 1, stores.length * nFilters);
    }
  }
  pbar.stop();

  // ---- report ----
  process.stdout.write('\n-- stores --\n');
  for (const s of stores) {
    figure(`${fmt(s.size)} cases: seeded in`, `${fmt(s.seedSeconds, 1)} s`, `${fmt(s.size / s.seedSeconds)} cases/s; database ${fmt(s.databaseBytes / 2 ** 20)} MiB`);
  }
  const [small, large] = stores as [Store, Store];
  process.stdout.write(`\n-- GET /api/cases over HTTP, one request at a time: p50 / p99 (n) at ${fmt(small.size)} → ${fmt(large.size)} cases --\n`);
  const rows: { name: string; primary: boolean; p50: number[]; p99: number[]; n: number[]; ratio: number }[] = [];
  for (let fi = 0; fi < nFilters; fi++) {
    const st = stores.map((_, si) => summary(result.lat[si]![fi]!));
    const n = stores.map((_, si) => result.lat[si]![fi]!.length);
    rows.push({ name: small.filters[fi]!.name, primary: small.filters[fi]!.primary, p50: st.map((x) => x.median), p99: st.map((x) => x.p99), n, ratio: st[1]!.p99 / st[0]!.p99 });
  }
  const line = (r: (typeof rows)[number]) => {
    const met = r.p99[1]! <= 50 && r.ratio <= 2;
    figure(
      r.name,
      `${ms(r.p99[0]!)} → ${ms(r.p99[1]!)}`,
      `p99 ×${fmt(r.ratio, 2)}; p50 ${ms(r.p50[0]!)} → ${ms(r.p50[1]!)}; n ${r.n.join('/')}${r.primary ? (met ? '  — met' : '  — NOT met') : ''}`,
    );
  };
  process.stdout.write('   the issue\'s filters (target: p99 ≤ 50 ms at the large size and ≤ 2× the small size\'s p99):\n');
  rows.filter((r) => r.primary).forEach(line);
  process.stdout.write('   more (reported, no target):\n');
  rows.filter((r) => !r.primary).forEach(line);
  const failed = result.failed.flat().reduce((a, b) => a + b, 0);
  figure('failed requests', fmt(failed), result.firstError ?? '');
  const prim = rows.filter((r) => r.primary);
  const worst = prim.reduce((a, b) => (b.p99[1]! > a.p99[1]! ? b : a));
  const worstRatio = prim.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  figure(`worst p99 at ${fmt(large.size)} (${worst.name})`, ms(worst.p99[1]!), worst.p99[1]! <= 50 ? 'target ≤ 50 ms — met' : 'target ≤ 50 ms — NOT met');
  ratio(`worst p99 ratio ${fmt(large.size)} ÷ ${fmt(small.size)} (${worstRatio.name})`, worstRatio.p99[1]!, worstRatio.p99[0]!, { atMost: 2 });

  process.stdout.write(`\n-- the list's SQL alone (captured from listCases), median of ≤ 20 runs: ${fmt(small.size)} → ${fmt(large.size)} --\n`);
  for (let fi = 0; fi < nFilters; fi++) if (!small.filters[fi]!.path) figure(small.filters[fi]!.name, `${ms(sqlTimes[0]![fi]!)} → ${ms(sqlTimes[1]![fi]!)}`, `×${fmt(sqlTimes[1]![fi]! / sqlTimes[0]![fi]!, 1)}`);
  if (explain) {
    process.stdout.write(`\n-- query plans at ${fmt(large.size)} cases (${usePg ? 'EXPLAIN (ANALYZE, BUFFERS)' : 'EXPLAIN QUERY PLAN'}) --\n`);
    for (let fi = 0; fi < nFilters; fi++) {
      if (large.filters[fi]!.path) continue;
      process.stdout.write(`\n   [${large.filters[fi]!.name}]\n${plans[1]![fi]!.replace(/^/gm, '     ')}\n`);
    }
  }

} finally {
  for (const s of stores) await s.close();
  await cleanup();
}

// ---------------------------------------------------------------------------------------------

async function openSized(i: number, size: number): Promise<Store> {
  const sub = path.join(dir, `cases-${size}`);
  const app = await openApp(usePg ? { databaseUrl: pgUrl!, pgSchema: schemas[i]!, poolSize: 4 } : { sqlitePath: path.join(sub, 'sanxiang.db') }, sub);
  try {
    const t0 = performance.now();
    await seedDemo(app);
    const agencies = await prepareCaseAgencies(app, { extra: 8, officersPerAgency: 40 });
    const bar = progressBar(`seed ${fmt(size)} cases`);
    await generateCases(app, agencies, { cases: size, seed: 20261125, now: NOW, onProgress: (d, t) => bar.update(d, t) });
    bar.stop();
    const seedSeconds = (performance.now() - t0) / 1000;
    const databaseBytes = await databaseSize(app);

    const userId = async (username: string) => (await app.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const whzf = agencies.find((a) => a.code === 'hy-whzf')!;
    const unit = await app.db.selectFrom('units').select('id').where('agency_id', '=', whzf.id).where('name', '=', '执法二科').executeTakeFirstOrThrow();
    // 20 real parties of the agency (organisations: a name one would type), picked at random ids.
    const rand = prng(7);
    const parties: string[] = [];
    for (let k = 0; parties.length < 20 && k < 2000; k++) {
      const probe = Math.floor(rand() * 0xffffffff).toString(16).padStart(8, '0');
      const row = await app.db.selectFrom('cases').select('party_name').where('agency_id', '=', whzf.id).where('id', '>', probe).orderBy('id').limit(1).executeTakeFirst();
      if (row && row.party_name.length >= 7 && !parties.includes(row.party_name)) parties.push(row.party_name);
    }
    const server = await buildServer(app, { webDir: null });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const port = address.port;
    const sessions = { officer: await login(port, 'whzf-officer1'), supervisor: await login(port, 'wtgx-supervisor'), admin: await login(port, 'admin') };
    const users = { officer: await userId('whzf-officer1'), supervisor: await userId('wtgx-supervisor'), admin: await userId('admin') };
    // Page 2: the cursor page 1 returns. A deep page: a cursor in the middle of the agency's cases.
    const page1 = await listCases(app, await principalOf(app.db, users.officer), {});
    const middle = await app.db
      .selectFrom('cases')
      .select(['created_at', 'id'])
      .where('agency_id', '=', whzf.id)
      .where('created_at', '<=', new Date(NOW.getTime() - 3 * 365 * 86_400_000).toISOString())
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    // An officer of the agency who handles no case (her certificate expired: never a handler here).
    const idle = await app.db.selectFrom('officers').select('id').where('agency_id', '=', whzf.id).where('name', '=', '吴海燕').executeTakeFirstOrThrow();
    // A registration-date range: the calendar month a year before NOW.
    const yearAgo = new Date(NOW.getTime() - 365 * 86_400_000);
    const monthAgo = { from: `${yearAgo.toISOString().slice(0, 7)}-01`, to: `${yearAgo.toISOString().slice(0, 7)}-28` };
    // The cursor's encoding as listCases writes it (base64url of ['c', created_at, id]).
    const deep = Buffer.from(JSON.stringify(['c', middle.created_at, middle.id])).toString('base64url');
    const filters: Filter[] = [
      { name: 'control: GET /api/auth/me (no list query)', primary: false, who: 'officer', queries: [{}], path: '/api/auth/me' },
      { name: 'none', primary: true, who: 'officer', queries: [{}] },
      { name: 'status=investigating', primary: true, who: 'officer', queries: [{ status: 'investigating' }] },
      { name: 'unitId=执法二科', primary: true, who: 'officer', queries: [{ unitId: unit.id }] },
      { name: 'field=广播电视', primary: true, who: 'officer', queries: [{ field: '广播电视' }] },
      { name: 'handler=me', primary: true, who: 'officer', queries: [{ handler: 'me' }] },
      { name: 'overdue=true', primary: true, who: 'officer', queries: [{ overdue: 'true' }] },
      { name: 'from/to=<a month a year ago> (registration date)', primary: true, who: 'officer', queries: [{ from: monthAgo.from, to: monthAgo.to }] },
      { name: 'q=<party name> (20 parties)', primary: true, who: 'officer', queries: parties.map((q) => ({ q })) },
      { name: 'after=<cursor> (page 2)', primary: true, who: 'officer', queries: [{ after: page1.next ?? '' }] },
      { name: 'handler=<an officer with no cases> (吴海燕)', primary: false, who: 'officer', queries: [{ handler: idle.id }] },
      { name: 'after=<cursor 3 years back> (deep page)', primary: false, who: 'officer', queries: [{ after: deep }] },
      { name: 'q=网吧 (common word)', primary: false, who: 'officer', queries: [{ q: '网吧' }] },
      { name: 'supervisor, 3 agencies, none', primary: false, who: 'supervisor', queries: [{}] },
      { name: 'platform admin, all agencies, none', primary: false, who: 'admin', queries: [{}] },
    ];
    return {
      size,
      app,
      port,
      sessions,
      users,
      filters,
      seedSeconds,
      databaseBytes,
      close: async () => {
        await server.close();
        await app.close();
      },
    };
  } catch (err) {
    await app.close();
    throw err;
  }
}

async function databaseSize(app: App): Promise<number> {
  if (app.engine === 'postgres') {
    const r = await sql<{ n: string }>`SELECT sum(pg_total_relation_size(c.oid))::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`.execute(app.db);
    return Number(r.rows[0]?.n ?? 0);
  }
  const r = await sql<{ n: number }>`SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()`.execute(app.db);
  return Number(r.rows[0]?.n ?? 0);
}

async function login(port: number, username: string): Promise<Record<string, string>> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sx_session='));
  if (!cookie) throw new Error('no session cookie');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: cookie.split(';')[0]!, 'x-csrf-token': body.csrfToken };
}

/** The list query listCases issues for a filter (its first query string), captured by a plugin. */
async function capturedQuery(s: Store, flt: Filter): Promise<CompiledQuery> {
  const captured: CompiledQuery[] = [];
  const executor = s.app.db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      captured.push(executor.compileQuery(args.node, args.queryId));
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  const q = flt.queries[0]!;
  const filter: CaseFilter = { ...q, ...(q.overdue ? { overdue: true } : {}) } as CaseFilter;
  await listCases({ ...s.app, db: s.app.db.withPlugin(plugin) }, await principalOf(s.app.db, s.users[flt.who]), filter);
  const list = captured.filter((c) => /(from|join) "cases"/i.test(c.sql) && /order by/i.test(c.sql)).at(-1);
  if (!list) throw new Error(`no list query captured for ${flt.name}`);
  return list;
}

async function planOf(app: App, q: CompiledQuery): Promise<string> {
  if (app.engine === 'postgres') {
    const r = await app.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]));
    return r.rows.map((x) => x['QUERY PLAN']).join('\n');
  }
  const r = await app.db.executeQuery<{ id: number; parent: number; detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]));
  const depth = new Map<number, number>([[0, -1]]);
  return r.rows
    .map((x) => {
      const d = (depth.get(x.parent) ?? -1) + 1;
      depth.set(x.id, d);
      return `${'  '.repeat(d)}${x.detail}`;
    })
    .join('\n');
}

/** The load generator (plain JavaScript: it runs in a worker thread). */
function workerSource(): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { plan, samples, capMs, warmup } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(port, path, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', agent, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, data }));
    });
    req.on('error', reject);
    req.end();
  });
}
(async () => {
  const lat = plan.map((s) => s.filters.map(() => []));
  const spent = plan.map((s) => s.filters.map(() => 0));
  const failed = plan.map((s) => s.filters.map(() => 0));
  let firstError = null;
  const one = async (si, fi, k, record) => {
    const s = plan[si], flt = s.filters[fi];
    const t0 = performance.now();
    const r = await get(s.port, flt.urls[k % flt.urls.length], s.sessions[flt.who]);
    const t = performance.now() - t0;
    if (!record) return;
    spent[si][fi] += t;
    if (r.status === 200) lat[si][fi].push(t);
    else { failed[si][fi]++; firstError = firstError || (r.status + ' ' + r.data.slice(0, 200)); }
  };
  for (let k = 0; k < warmup; k++) for (let fi = 0; fi < plan[0].filters.length; fi++) for (let si = 0; si < plan.length; si++) await one(si, fi, k, false);
  for (let k = 0; k < samples; k++) {
    for (let fi = 0; fi < plan[0].filters.length; fi++) {
      for (let si = 0; si < plan.length; si++) {
        if (spent[si][fi] > capMs) continue;
        await one(si, fi, k, true);
      }
    }
    parentPort.postMessage({ progress: k + 1 });
  }
  agent.destroy();
  parentPort.postMessage({ lat, failed, firstError });
})().catch((err) => { throw err; });
`;
}

