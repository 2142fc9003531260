import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, before, after } from 'node:test';
import pg from 'pg';
import { FixedClock, type Clock } from '../../src/kernel/clock.ts';
import { openApp, type App } from '../../src/context.ts';
import type { Engine } from '../../src/store/db.ts';
import type { CryptoProfileName } from '../../src/ledger/crypto-profile.ts';

/**
 * Storage tests run on both engines. PostgreSQL comes from SANXIANG_TEST_PG_URL, which
 * `npm test` (test/run.ts) sets after starting the server; without it the PostgreSQL half is
 * skipped with a message, except under CI=true, where that is a failure.
 */
const pgUrl = process.env.SANXIANG_TEST_PG_URL;
export const ENGINES: readonly Engine[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];

if (!pgUrl) {
  if (process.env.CI === 'true') throw new Error('CI=true but SANXIANG_TEST_PG_URL is not set: PostgreSQL tests cannot be skipped in CI');
  process.stderr.write('# PostgreSQL tests skipped: SANXIANG_TEST_PG_URL is not set (npm test sets it up)\n');
}

/** The advisory lock between test schemas being migrated (shared) and being dropped (exclusive). */
const SCHEMA_CHANGES = 7140015;

export interface TestApp extends App {
  /** Closes the app and removes its database. */
  dispose(): Promise<void>;
}

/** A fresh, migrated, empty platform on the given engine. */
export async function freshApp(engine: Engine, clock?: Clock, crypto?: CryptoProfileName): Promise<TestApp> {
  const c = clock ?? new FixedClock('2026-03-02T01:00:00.000Z');
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-test-'));
    const app = await openApp({ sqlitePath: path.join(dir, 'sanxiang.db') }, dir, c, crypto);
    return Object.assign(app, {
      async dispose() {
        await app.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    });
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-keys-'));
  // Kysely's migrator looks for its tables by introspecting every schema of the database, calling
  // pg_get_serial_sequence on each table's name; another suite dropping its schema meanwhile made
  // that fail ("relation t_….publication_counts does not exist", seen twice in CI). Migrations
  // hold the lock shared, drops hold it alone.
  await admin.query('select pg_advisory_lock_shared($1)', [SCHEMA_CHANGES]);
  let app: App;
  try {
    app = await openApp({ databaseUrl: pgUrl, pgSchema: schema, poolSize: 4 }, keyDir, c, crypto);
  } finally {
    await admin.query('select pg_advisory_unlock_shared($1)', [SCHEMA_CHANGES]);
    await admin.end();
  }
  return Object.assign(app, {
    async dispose() {
      await app.close();
      fs.rmSync(keyDir, { recursive: true, force: true });
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query('select pg_advisory_lock($1)', [SCHEMA_CHANGES]);
      try {
        await a.query(`drop schema ${schema} cascade`);
      } finally {
        await a.query('select pg_advisory_unlock($1)', [SCHEMA_CHANGES]);
        await a.end();
      }
    },
  });
}

/**
 * `describe` once per engine, titled `[sqlite] …` / `[postgres] …` (npm test counts passes per
 * engine from these tags). `ctx()` returns the block's own fresh platform.
 */
export function describeEachEngine(title: string, body: (ctx: () => TestApp, engine: Engine) => void, clock?: () => Clock): void {
  for (const engine of ENGINES) {
    describe(`[${engine}] ${title}`, () => {
      let app: TestApp | undefined;
      before(async () => {
        app = await freshApp(engine, clock?.());
      });
      after(async () => {
        await app?.dispose();
      });
      body(() => {
        if (!app) throw new Error('app not ready');
        return app;
      }, engine);
    });
  }
}

/** A platform administrator principal for service-level tests. */
export const TEST_ADMIN = {
  id: 'test-admin',
  kind: 'user' as const,
  username: 'test-admin',
  displayName: '测试管理员',
  grants: [{ role: 'platform-admin' as const, agencyId: null, unitId: null }],
};
