/**
 * Penalty cases — the full lifecycle of N cases through the HTTP API (issue 6, "Performance"):
 * cases/s and acts/s.
 *
 * The demo platform is seeded, the server built with `buildServer(ctx, {webDir: null})` and
 * listening on 127.0.0.1:0; whzf-officer1 (刘建国, a handler) and whzf-head (the agency head) log
 * in (session cookie + x-csrf-token). A load generator in a worker thread (its own event loop,
 * keep-alive connections) runs C clients; each takes the next case and walks it, every write with
 * `If-Match: "<version>"` from the previous response, exactly as test/cases/lifecycle.test.ts does:
 *
 *   POST /api/cases (线索登记, officer) → file (head: handlers 刘建国 + 张晓明) → record-inspection
 *   (officer) → close-investigation (head: penalise, warning + ¥5,000 fine for an organisation —
 *   below the Art 58 review threshold and the Art 63 hearing threshold, so no legal review,
 *   discussion or hearing) → notify (officer) → record-statement (waived) → decide (head) → serve
 *   (officer) → record-payment (the full ¥5,000) → close (head, performed) → archive (officer)
 *
 * 11 requests and 11 `case.*` events per case, all on the agency's log; eight of the acts also
 * issue their standard document (PDF rendered and stored, `document.issued`) in the same
 * transaction. A request counts when it answered 200/201 (its transaction committed; SQLite
 * synchronous=FULL). Then a few more cases are walked by one client alone, for the per-act cost
 * without queueing. At the end the script checks that every case is archived and the case events
 * appended equal the acts acknowledged, reports the documents and the store's growth per case,
 * and verifies the whole ledger.
 *
 * Baselines, measured in the same run with the same clients, before and after the cases (the
 * faster of the two is used: the stricter baseline on a machine that drifts): (1) PATCH
 * /api/units/:id — renaming a unit with If-Match, one `unit.updated` event per request through
 * the service layer: the cheapest recorded write on the same HTTP, session, access and ledger
 * path. `case acts/s ÷ renames/s` says what a case act costs beyond a minimal recorded write (the
 * case rules, its document, the case record folded and rewritten as JSON, the case view
 * returned). (2) GET /api/auth/me — an authenticated read with no write: the HTTP + session floor.
 * The issue sets no target for cases/s: the ratios are reported, not judged.
 *
 *   npx tsx bench/cases-lifecycle.ts             # 10,000 cases (SQLite)
 *   npx tsx bench/cases-lifecycle.ts --quick     # 500 cases
 *   npx tsx bench/cases-lifecycle.ts --pg        # PostgreSQL (SANXIANG_TEST_PG_URL or the test harness)
 *   npx tsx bench/cases-lifecycle.ts --url postgresql://…
 */
import './env.ts';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { openApp, type App } from '../src/context.ts';
import { seedDemo, DEMO_PASSWORD } from '../src/demo/seed.ts';
import { buildServer } from '../src/http/server.ts';
import { verifyLedger } from '../src/ledger/verify.ts';
import { createUnit } from '../src/modules/identity/agencies.service.ts';
import { preparePostgres } from '../test/harness/postgres.ts';
import { figure, flags, fmt, header, intFlag, log, ms, progressBar, ratio, scratchDir, summary, timedProgress } from './common.ts';

const USAGE = `
npx tsx bench/cases-lifecycle.ts [options]
  --quick            500 cases, 2 s baselines
  --cases N          cases to walk (default 10,000; quick 500)
  --clients N        concurrent HTTP clients (default 4)
  --duration S       seconds per baseline phase (default 5; quick 2)
  --pg               PostgreSQL (SANXIANG_TEST_PG_URL, else the test harness's server)
  --url URL          PostgreSQL at URL (a scratch schema, dropped at the end)
  --no-verify        skip verifying the ledger at the end
  --dir D            where the SQLite database goes (default: OS temp dir)
  --keep             keep the scratch directory
`;

const f = flags(USAGE, {
  quick: { type: 'boolean' },
  cases: { type: 'string' },
  clients: { type: 'string' },
  duration: { type: 'string' },
  pg: { type: 'boolean' },
  url: { type: 'string' },
  'no-verify': { type: 'boolean' },
  dir: { type: 'string' },
  keep: { type: 'boolean' },
});
const quick = !!f.quick;
const cases = intFlag(f.cases, 'cases', quick ? 500 : 10_000);
const clients = intFlag(f.clients, 'clients', 4);
const durationMs = intFlag(f.duration, 'duration', quick ? 2 : 5) * 1000;
const warmupMs = quick ? 300 : 1000;
const usePg = !!f.pg || !!f.url;
const dir = scratchDir(f.dir as string | undefined, !!f.keep);

/** The requests of one case, in order (the first is POST /api/cases). */
const ACTS = ['register-clue', 'file', 'record-inspection', 'close-investigation', 'notify', 'record-statement', 'decide', 'serve', 'record-payment', 'close', 'archive'] as const;
/** The acts of the walk that issue a standard document (src/modules/cases/cases.links.ts ACT_DOCUMENTS). */
const DOCUMENT_ACTS = new Set<string>(['file', 'record-inspection', 'close-investigation', 'notify', 'record-statement', 'decide', 'serve', 'close']);

header(`Penalty cases: ${fmt(cases)} full lifecycles over HTTP (${usePg ? 'PostgreSQL' : 'SQLite WAL synchronous=FULL'}), ${clients} clients`);

// ---- the store ----
let cleanup: () => void | Promise<void> = () => {};
let app: App | undefined;
try {
  if (usePg) {
    let url: string;
    let schema: string | undefined;
    if (f.url || process.env.SANXIANG_TEST_PG_URL) {
      url = (f.url as string | undefined) ?? process.env.SANXIANG_TEST_PG_URL!;
      schema = `bench_life_${process.pid}_${Date.now()}`;
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.end();
      cleanup = async () => {
        const d = new pg.Client({ connectionString: url });
        await d.connect();
        await d.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await d.end();
      };
    } else {
      const pg = preparePostgres(log);
      if ('unavailable' in pg) {
        log(`PostgreSQL unavailable: ${pg.unavailable}; pass --url`);
        process.exit(2);
      }
      url = pg.url;
      let dropped = false;
      cleanup = () => {
        if (!dropped) pg.cleanup();
        dropped = true;
      };
      process.once('exit', cleanup);
    }
    app = await openApp({ databaseUrl: url, poolSize: clients + 4, ...(schema ? { pgSchema: schema } : {}) }, dir);
  } else {
    app = await openApp({ sqlitePath: path.join(dir, 'sanxiang.db') }, dir);
  }
  const a = app;
  await seedDemo(a);
  const agencyId = (await a.db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
  const units: Array<{ id: string; version: number }> = [];
  for (let c = 0; c < clients; c++) units.push({ id: (await createUnit(a, null, agencyId, { name: `bench-${c}` })).id, version: 1 });

  const server = await buildServer(a, { webDir: null });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const port = address.port;
  const sessions = { officer: await login(port, 'whzf-officer1'), head: await login(port, 'whzf-head'), admin: await login(port, 'admin') };
  const officers = (await (await fetch(`http://127.0.0.1:${port}/api/officers?agencyId=${agencyId}`, { headers: sessions.head })).json()) as Array<{ id: string; name: string }>;
  const officer = (name: string) => officers.find((o) => o.name === name)?.id ?? fail(`officer ${name} not found`);
  const handlerIds = [officer('刘建国'), officer('张晓明')];

  // ---- baselines (before) ----
  const before = { me: await baseline('GET /api/auth/me (before)', { kind: 'me' }), rename: await baseline('PATCH /api/units/:id (before)', { kind: 'rename', units }) };

  // ---- the lifecycles ----
  const eventsBefore = await caseEvents(a);
  const bytesBefore = await storeBytes(a);
  const t0 = performance.now();
  const life = await lifecycles('case lifecycles', cases, clients, 0);
  const seconds = (performance.now() - t0) / 1000;
  const eventsGrew = (await caseEvents(a)) - eventsBefore;
  const bytesGrew = (await storeBytes(a)) - bytesBefore;
  // Where the time goes: a few more cases walked by one client alone (no queueing behind others).
  const alone = await lifecycles('one client alone', quick ? 20 : 50, 1, cases);

  // ---- baselines (after) ----
  const after = { me: await baseline('GET /api/auth/me (after)', { kind: 'me' }), rename: await baseline('PATCH /api/units/:id (after)', { kind: 'rename', units }) };
  await server.close();

  const archived = Number((await a.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'archived').executeTakeFirstOrThrow()).n);
  const report = f['no-verify'] ? null : await verifyLedger(a.db, { verifier: a.keys.verifier });

  // ---- report ----
  const casesPerSec = life.completed / seconds;
  const acts = life.completed * ACTS.length;
  const actsPerSec = life.acknowledged / seconds;
  const docs = await documentsIssued(a);
  process.stdout.write(`\n-- ${fmt(cases)} case lifecycles, ${clients} concurrent clients, ${ACTS.length} requests each --\n`);
  figure('cases completed (线索 → 归档) / failed', `${fmt(life.completed)} / ${fmt(life.failed)}`, life.firstError ?? '');
  figure('wall time', `${fmt(seconds, 1)} s`);
  figure('cases/s', fmt(casesPerSec, 1), `first 10 %: ${fmt(life.firstTenth, 1)}/s, last 10 %: ${fmt(life.lastTenth, 1)}/s`);
  figure('acts/s (requests acknowledged, one case event each)', fmt(actsPerSec));
  const lat = summary(life.caseMs);
  figure('one case, all 11 requests (one client of several)', `median ${ms(lat.median)}`, `p99 ${ms(lat.p99)}`);
  process.stdout.write(`\n   per act: median / p99 under the ${clients}-client load; median with one client alone (${fmt(alone.completed)} cases)\n`);
  for (const [i, act] of ACTS.entries()) {
    const s = summary(life.actMs[i]!);
    figure(`   ${i === 0 ? 'POST /api/cases' : act}${DOCUMENT_ACTS.has(act) ? ' (+ document)' : ''}`, `${ms(s.median)} / ${ms(s.p99)}`, `alone ${ms(summary(alone.actMs[i]!).median)}`);
  }
  figure('one client alone: cases/s', fmt(alone.completed / alone.seconds, 1), `one case ${ms(summary(alone.caseMs).median)} (median)`);
  figure('case events appended / acts acknowledged', `${fmt(eventsGrew)} / ${fmt(life.acknowledged)}`, eventsGrew === life.acknowledged ? 'equal' : 'DIFFERENT');
  figure('cases archived', fmt(archived), archived === life.completed + alone.completed ? '' : `expected ${fmt(life.completed + alone.completed)}`);
  figure('documents issued (PDF rendered and stored in the act)', fmt(docs.count), `${fmt(docs.count / (life.completed + alone.completed), 1)} per case, ${fmt(docs.bytes / Math.max(docs.count, 1) / 1024, 1)} KiB each`);
  figure('store growth per case', `${fmt(bytesGrew / Math.max(life.completed, 1) / 1024, 1)} KiB`, `${fmt(bytesGrew / 2 ** 20)} MiB for ${fmt(life.completed)} cases`);
  if (report) figure('verifyLedger after the run', report.ok ? `ok, ${fmt(report.events)} events` : 'PROBLEMS', report.ok ? '' : JSON.stringify(report.logs.filter((l) => l.problem)).slice(0, 300));

  process.stdout.write(`\n-- baselines, same clients, ${fmt(durationMs / 1000)} s each (after ${fmt(warmupMs / 1000, 1)} s warm-up): before / after --\n`);
  // The faster of the two phases (the stricter baseline: the machine is shared and drifts).
  const best = (x: HttpResult, y: HttpResult) => Math.max(x.perSecond, y.perSecond);
  const showBase = (label: string, x: HttpResult, y: HttpResult) =>
    figure(label, `${fmt(x.perSecond)} / ${fmt(y.perSecond)} /s`, `median ${ms(x.latency.median)} / ${ms(y.latency.median)}${x.failed + y.failed ? `; ${x.failed + y.failed} FAILED (${x.firstError ?? y.firstError})` : ''}`);
  showBase('PATCH /api/units/:id (one unit.updated event each)', before.rename, after.rename);
  showBase('GET /api/auth/me (authenticated read)', before.me, after.me);
  ratio('case acts/s ÷ unit renames/s (both one durable event per request)', actsPerSec, best(before.rename, after.rename), {});
  ratio('case acts/s ÷ GET /api/auth/me/s', actsPerSec, best(before.me, after.me), {});
  figure('(acts per case)', String(ACTS.length), `${fmt(acts)} acts in all`);

  // ---------------------------------------------------------------------------------------------

  async function lifecycles(label: string, n: number, c: number, first: number): Promise<LifeResult> {
    const bar = progressBar(label);
    const t = performance.now();
    const w = new Worker(workerSource(), { eval: true, workerData: { port, sessions, job: { kind: 'lifecycle', cases: n, first, agencyId, handlerIds }, clients: c } });
    try {
      const r = await new Promise<LifeResult>((resolve, reject) => {
        w.on('message', (m: { progress?: number } & Partial<LifeResult>) => {
          if (m.progress !== undefined) bar.update(m.progress, n);
          else resolve(m as LifeResult);
        });
        w.once('error', reject);
      });
      return { ...r, seconds: (performance.now() - t) / 1000 };
    } finally {
      bar.stop();
      await w.terminate();
    }
  }

  interface HttpResult {
    perSecond: number;
    failed: number;
    firstError: string | null;
    latency: ReturnType<typeof summary>;
  }
  async function baseline(label: string, job: { kind: 'me' } | { kind: 'rename'; units: Array<{ id: string; version: number }> }): Promise<HttpResult> {
    const progress = timedProgress(label, warmupMs + durationMs);
    const timer = setInterval(() => progress.tick(), 100);
    try {
      const w = new Worker(workerSource(), { eval: true, workerData: { port, sessions, job, clients, warmupMs, durationMs } });
      const r = await new Promise<{ ok: number; failed: number; firstError: string | null; lat: number[]; versions: number[] }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
      await w.terminate();
      if (job.kind === 'rename') job.units.forEach((u, i) => (u.version = r.versions[i]!));
      return { perSecond: r.ok / (durationMs / 1000), failed: r.failed, firstError: r.firstError, latency: summary(r.lat) };
    } finally {
      clearInterval(timer);
      progress.stop();
    }
  }
} finally {
  await app?.close();
  await cleanup();
}

interface LifeResult {
  completed: number;
  failed: number;
  acknowledged: number;
  firstError: string | null;
  actMs: number[][];
  caseMs: number[];
  firstTenth: number;
  lastTenth: number;
  seconds: number;
}


async function documentsIssued(a: App): Promise<{ count: number; bytes: number }> {
  const rows = await a.db.selectFrom('events').select('data').where('type', '=', 'document.issued').execute();
  return { count: rows.length, bytes: rows.reduce((s, r) => s + Number((JSON.parse(r.data) as { pdf?: { size?: number } }).pdf?.size ?? 0), 0) };
}

/** The store's size on disk (SQLite: pages in use; PostgreSQL: the database). */
async function storeBytes(a: App): Promise<number> {
  if (a.engine === 'postgres') return Number((await sql<{ n: string }>`SELECT pg_database_size(current_database())::text AS n`.execute(a.db)).rows[0]!.n);
  return Number((await sql<{ n: number }>`SELECT (page_count - freelist_count) * page_size AS n FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()`.execute(a.db)).rows[0]!.n);
}

function fail(m: string): never {
  throw new Error(m);
}

async function caseEvents(a: App): Promise<number> {
  return Number((await a.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('type', 'like', 'case.%').executeTakeFirstOrThrow()).n);
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

/**
 * The load generator's source (plain JavaScript: it runs in a worker thread). Jobs: `lifecycle`
 * (C clients walk cases until N are taken), `me` and `rename` (timed phases, as bench/appends.ts).
 */
function workerSource(): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, sessions, job, clients, warmupMs, durationMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
function request(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const h = { ...headers };
    if (body !== undefined) { h['content-type'] = 'application/json'; h['content-length'] = Buffer.byteLength(payload); }
    const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers: h }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, data }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}
const chinaToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const addDays = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 864e5).toISOString().slice(0, 10);

async function lifecycle() {
  const { cases, first, agencyId, handlerIds } = job;
  const o = sessions.officer, h = sessions.head;
  const penalty = { kinds: ['warning', 'fine'], fineFen: 500000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '警告，并处罚款人民币伍仟元' };
  const actMs = Array.from({ length: 11 }, () => []);
  const caseMs = [], doneAt = [];
  let next = 0, completed = 0, failed = 0, acknowledged = 0, firstError = null;
  const t0 = performance.now();
  async function walk(i) {
    const today = chinaToday();
    const name = '蒸湘区星辰网吧第' + (i + 1) + '分店';
    const steps = [
      ['POST', '/api/cases', o, { agencyId, field: '文化市场', source: 'inspection', cause: '网吧接纳未成年人', summary: '日常检查发现：' + name + '接纳未成年人上网。', actOn: addDays(today, -2),
        parties: [{ kind: 'organisation', name, idNumber: '91430408MA4L' + String(i).padStart(6, '0'), representative: '陈某', address: '衡阳市蒸湘区解放大道 ' + (i + 1) + ' 号', phone: '13800000000', minor: false }] }],
      ['file', h, { handlerIds }],
      ['record-inspection', o, { officerIds: handlerIds, place: '衡阳市蒸湘区解放大道' + name, content: '执法人员出示执法证件后进行检查，发现 2 名未成年人在上网。', evidence: [{ kind: '现场笔录', description: '现场检查笔录一份' }, { kind: '视听资料', description: '执法记录仪视频 1 段' }] }],
      ['close-investigation', h, { outcome: 'penalise', findings: '当事人接纳未成年人进入营业场所，事实清楚，证据确凿。', proposedPenalty: penalty }],
      ['notify', o, { servedOn: today, proposedPenalty: penalty, facts: '接纳未成年人上网', reasons: '违反《互联网上网服务营业场所管理条例》第二十一条', basis: '《互联网上网服务营业场所管理条例》第三十一条' }],
      ['record-statement', o, { text: '当事人明确表示放弃陈述申辩和听证。', adopted: false, review: '无', waived: true }],
      ['decide', h, { penalty, basis: '《互联网上网服务营业场所管理条例》第三十一条' }],
      ['serve', o, { method: 'direct', recipient: '陈某', officerIds: handlerIds }],
      ['record-payment', o, { amountFen: 500000, receiptNo: 'HN' + String(i).padStart(8, '0') }],
      ['close', h, { ground: 'performed' }],
      ['archive', o, {}],
    ];
    const c0 = performance.now();
    let id = null, version = 0;
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k];
      const t = performance.now();
      const r = k === 0
        ? await request('POST', s[1], s[2], s[3])
        : await request('POST', '/api/cases/' + id + '/' + s[0], { ...s[1], 'if-match': '"' + version + '"' }, s[2]);
      const e = performance.now();
      if (r.status !== 200 && r.status !== 201) {
        failed++;
        firstError = firstError || ((k === 0 ? 'register-clue' : s[0]) + ': ' + r.status + ' ' + r.data.slice(0, 300));
        return;
      }
      acknowledged++;
      actMs[k].push(e - t);
      const v = JSON.parse(r.data);
      id = v.case.id;
      version = v.case.version;
    }
    completed++;
    caseMs.push(performance.now() - c0);
    doneAt.push(performance.now() - t0);
  }
  let lastPost = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    for (;;) {
      const i = next++;
      if (i >= cases) break;
      await walk(first + i);
      const now = performance.now();
      if (now - lastPost > 100) { lastPost = now; parentPort.postMessage({ progress: completed + failed }); }
    }
  }));
  agent.destroy();
  // Throughput over the first and the last tenth of the completed cases.
  const tenth = Math.max(1, Math.floor(doneAt.length / 10));
  const rate = (from, to) => (to - from + 1) / ((doneAt[to] - (from > 0 ? doneAt[from - 1] : 0)) / 1000);
  const firstTenth = doneAt.length ? rate(0, tenth - 1) : 0;
  const lastTenth = doneAt.length ? rate(doneAt.length - tenth, doneAt.length - 1) : 0;
  parentPort.postMessage({ completed, failed, acknowledged, firstError, actMs, caseMs, firstTenth, lastTenth });
}

async function timed() {
  const t0 = performance.now();
  const start = t0 + warmupMs;
  const end = start + durationMs;
  let ok = 0, failed = 0, firstError = null;
  const lat = [];
  const versions = job.kind === 'rename' ? job.units.map((u) => u.version) : [];
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; ; i++) {
      const s = performance.now();
      if (s >= end) break;
      const r = job.kind === 'rename'
        ? await request('PATCH', '/api/units/' + job.units[c].id, { ...sessions.admin, 'if-match': '"' + versions[c] + '"' }, { name: 'b-' + c + '-' + Math.round(s * 1000) + '-' + i })
        : await request('GET', '/api/auth/me', sessions.officer);
      const e = performance.now();
      const good = r.status === 200;
      if (good && job.kind === 'rename') versions[c] = JSON.parse(r.data).version;
      if (e < start || e >= end) continue;
      if (good) { ok++; lat.push(e - s); }
      else { failed++; firstError = firstError || (r.status + ' ' + r.data.slice(0, 200)); }
    }
  }));
  agent.destroy();
  parentPort.postMessage({ ok, failed, firstError, lat, versions });
}

(job.kind === 'lifecycle' ? lifecycle() : timed()).catch((err) => { throw err; });
`;
}
