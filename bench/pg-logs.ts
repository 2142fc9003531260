/**
 * Target 4 — on PostgreSQL, appends spread over 16 agency logs by 16 concurrent clients vs the
 * same 16 clients all appending to one hot log: appends/s of each and the ratio. Appends go
 * through the service layer as the platform admin: `updateUnit` renames a unit (locks the unit
 * row, checks access, version and name, then `ledger.append` in the same transaction, which locks
 * the log's head row FOR UPDATE); each client renames a unit of its own, in its own agency
 * (spread) or all in the same agency (hot), so clients contend only for the log. Pool size ≥
 * clients. Phases alternate (spread, hot, spread, hot…) so that drift hits both alike. At the end
 * the whole ledger is verified.
 *
 * PostgreSQL: --url (a fresh schema is created in it and dropped), else SANXIANG_TEST_PG_URL,
 * else (as root on Debian) the test harness installs/starts PostgreSQL and creates a fresh
 * database, dropped at the end. Unix socket / 127.0.0.1 only.
 *
 *   npx tsx bench/pg-logs.ts            # 2 rounds of 8 s per phase
 *   npx tsx bench/pg-logs.ts --quick    # 1 round of 3 s
 */
import './env.ts';
import fs from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import { preparePostgres } from '../test/harness/postgres.ts';
import { openApp, type App } from '../src/context.ts';
import { createAgency, createUnit, updateUnit } from '../src/modules/identity/agencies.service.ts';
import { principalOf } from '../src/modules/identity/users.service.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { verifyLedger } from '../src/ledger/verify.ts';
import { figure, flags, fmt, header, intFlag, log, ms, ratio, scratchDir, summary, timedProgress } from './common.ts';

const USAGE = `
npx tsx bench/pg-logs.ts [options]
  --quick          1 round of 3 s phases
  --duration S     seconds per phase (default 8)
  --rounds R       spread/hot rounds (default 2)
  --clients N      concurrent clients = agency logs (default 16)
  --url URL        PostgreSQL to use (a scratch schema is created and dropped)
`;

const f = flags(USAGE, {
  quick: { type: 'boolean' },
  duration: { type: 'string' },
  rounds: { type: 'string' },
  clients: { type: 'string' },
  url: { type: 'string' },
});
const durationMs = intFlag(f.duration, 'duration', f.quick ? 3 : 8) * 1000;
const warmupMs = f.quick ? 500 : 1000;
const rounds = intFlag(f.rounds, 'rounds', f.quick ? 1 : 2);
const clients = intFlag(f.clients, 'clients', 16);
const dataDir = scratchDir(undefined, false);

header(`Target 4: PostgreSQL, ${clients} clients on ${clients} logs vs on 1 hot log`);

let url: string;
let schema: string | undefined;
let cleanup: () => void | Promise<void> = () => {};
if (f.url || process.env.SANXIANG_TEST_PG_URL) {
  url = (f.url as string | undefined) ?? process.env.SANXIANG_TEST_PG_URL!;
  schema = `bench_${process.pid}_${Date.now()}`;
} else {
  const pg = preparePostgres(log);
  if ('unavailable' in pg) {
    log(`PostgreSQL unavailable: ${pg.unavailable}; pass --url`);
    process.exit(2);
  }
  url = pg.url;
  // The harness's cleanup (dropdb) is synchronous: it also runs when the run is interrupted.
  let dropped = false;
  cleanup = () => {
    if (!dropped) pg.cleanup();
    dropped = true;
  };
  process.once('exit', cleanup);
}

let app: App | undefined;
try {
  if (schema) {
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
  }
  app = await openApp({ databaseUrl: url, poolSize: clients + 4, ...(schema ? { pgSchema: schema } : {}) }, dataDir);
  const a = app;
  const settings = await sql<{ name: string; setting: string }>`SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'commit_delay', 'max_connections', 'shared_buffers')`.execute(a.db);
  await seedDemo(a);
  const admin = await principalOf(a.db, (await a.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id);
  // Client c renames spreadUnits[c] (in agency c) or hotUnits[c] (all in agency 0).
  const agencies: string[] = [];
  for (let i = 0; i < clients; i++) agencies.push((await createAgency(a, null, { code: `bench-${i}`, name: `基准机构${i}`, parentId: null })).id);
  const unit = async (agencyId: string, name: string) => ({ id: (await createUnit(a, null, agencyId, { name })).id, version: 1 });
  const spreadUnits = await Promise.all(agencies.map((id, c) => unit(id, `spread-${c}`)));
  const hotUnits = await Promise.all(agencies.map((_, c) => unit(agencies[0]!, `hot-${c}`)));

  interface Phase {
    perSecond: number;
    count: number;
    errors: number;
    firstError: string | null;
    latency: ReturnType<typeof summary>;
    /** Share of one core used by this Node process. */
    nodeCpu: number;
    /** Share of all cores busy (Linux /proc/stat; NaN elsewhere): Node, PostgreSQL and anything else. */
    machineCpu: number;
  }
  let unitNo = 0;
  const phase = async (label: string, units: Array<{ id: string; version: number }>): Promise<Phase> => {
    const progress = timedProgress(label, warmupMs + durationMs);
    const timer = setInterval(() => progress.tick(), 100);
    const t0 = performance.now();
    const start = t0 + warmupMs;
    const end = start + durationMs;
    let cpu0: NodeJS.CpuUsage | null = null;
    let count = 0;
    let errors = 0;
    let firstError: string | null = null;
    const lat: number[] = [];
    let sys0: number[] | null = null;
    const cpuTimer = setTimeout(() => {
      cpu0 = process.cpuUsage();
      sys0 = systemCpu();
    }, warmupMs);
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (;;) {
          const s = performance.now();
          if (s >= end) break;
          try {
            const u = units[c]!;
            u.version = (await updateUnit(a, admin, u.id, u.version, { name: `u-${++unitNo}` }, null)).version;
            const e = performance.now();
            if (e >= start && e < end) {
              count++;
              lat.push(e - s);
            }
          } catch (err) {
            errors++;
            firstError ??= String(err);
          }
        }
      }),
    );
    clearTimeout(cpuTimer);
    clearInterval(timer);
    progress.stop();
    const cpu = process.cpuUsage(cpu0 ?? undefined);
    const sys1 = systemCpu();
    const machineCpu = sys0 && sys1 ? 1 - (sys1[1]! - sys0[1]!) / (sys1[0]! - sys0[0]!) : NaN;
    return { perSecond: count / (durationMs / 1000), count, errors, firstError, latency: summary(lat), nodeCpu: (cpu.user + cpu.system) / 1000 / durationMs, machineCpu };
  };

  const spread: Phase[] = [];
  const hot: Phase[] = [];
  for (let r = 0; r < rounds; r++) {
    spread.push(await phase(`spread, round ${r + 1}`, spreadUnits));
    hot.push(await phase(`hot, round ${r + 1}`, hotUnits));
  }
  const report = await verifyLedger(a.db, { verifier: a.keys.verifier });

  process.stdout.write('\n-- PostgreSQL --\n');
  for (const s of settings.rows) figure(s.name, s.setting);
  figure('pool size / clients', `${clients + 4} / ${clients}`);
  process.stdout.write(`\n-- updateUnit (service layer, one append per transaction), ${fmt(durationMs / 1000)} s per phase --\n`);
  const show = (label: string, ps: Phase[]) => {
    ps.forEach((p, r) =>
      figure(
        `${label}, round ${r + 1}: appends/s`,
        fmt(p.perSecond),
        `median ${ms(p.latency.median)}, p99 ${ms(p.latency.p99)}; node ${fmt(p.nodeCpu * 100)}% of a core, machine ${fmt(p.machineCpu * 100)}% busy${p.errors ? `; ${p.errors} ERRORS: ${p.firstError}` : ''}`,
      ),
    );
  };
  show(`${clients} logs (spread)`, spread);
  show('1 hot log', hot);
  const mean = (ps: Phase[]) => ps.reduce((x, p) => x + p.perSecond, 0) / ps.length;
  figure(`mean: ${clients} logs (spread)`, `${fmt(mean(spread))} /s`);
  figure('mean: 1 hot log', `${fmt(mean(hot))} /s`);
  ratio('spread ÷ hot', mean(spread), mean(hot), {});
  figure('verifyLedger after the run', report.ok ? `ok, ${fmt(report.events)} events` : 'PROBLEMS', report.ok ? '' : JSON.stringify(report.logs.filter((l) => l.problem)));
  figure('cores', String(os.cpus().length));
} finally {
  await app?.close();
  await cleanup();
}

/** [total, idle+iowait] jiffies of all cores, from /proc/stat (null where there is none). */
function systemCpu(): number[] | null {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return [f.reduce((a, b) => a + b, 0), f[3]! + f[4]!];
  } catch {
    return null;
  }
}
