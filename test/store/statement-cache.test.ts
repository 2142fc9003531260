import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { cachedStatements } from '../../src/store/db.ts';

/** A better-sqlite3 database that counts how often SQL is prepared (parsed and planned). */
function counted(): { sqlite: Sqlite.Database; prepared: () => number } {
  const sqlite = new Sqlite(':memory:');
  let n = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((text: string) => {
    n++;
    return prepare(text);
  }) as typeof sqlite.prepare;
  return { sqlite, prepared: () => n };
}

interface T {
  t: { id: number; name: string };
}

describe('SQLite prepared-statement cache (the store reuses statements by SQL text)', () => {
  it('prepares a query once however often it runs, with any parameters', async () => {
    const { sqlite, prepared } = counted();
    const db = new Kysely<T>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }) });
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    const before = prepared();
    for (let i = 0; i < 50; i++) await db.insertInto('t').values({ id: i, name: `n${i}` }).execute();
    for (let i = 0; i < 50; i++) assert.equal((await db.selectFrom('t').select('name').where('id', '=', i).executeTakeFirstOrThrow()).name, `n${i}`);
    assert.equal(prepared() - before, 2);
    await db.destroy();
  });

  it('is bounded: beyond its size the least recently used statement is dropped and prepared again when needed', async () => {
    const { sqlite, prepared } = counted();
    const db = new Kysely<T>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite, 3) }) });
    const q = (k: number) => sql`select ${sql.lit(k)} as k`.execute(db);
    await q(1);
    await q(2);
    await q(3);
    await q(1); // 1 is now the most recent; 2 the least
    await q(4); // drops 2
    const before = prepared();
    await q(1);
    await q(3);
    await q(4);
    assert.equal(prepared(), before, '1, 3 and 4 are still cached');
    await q(2);
    assert.equal(prepared(), before + 1, '2 was dropped');
    await db.destroy();
  });

  it('a statement still open in iterate() (a streamed query) is not handed out again meanwhile', () => {
    // Kysely itself never runs a query while a stream is open on the connection (it waits for the
    // stream), so this is the cache's own guarantee, checked on the cache directly.
    const sqlite = new Sqlite(':memory:');
    sqlite.exec("create table t (id integer primary key); insert into t values (1), (2), (3)");
    const cache = cachedStatements(sqlite);
    const text = 'select id from t order by id';
    const seen: string[] = [];
    for (const row of cache.prepare(text).iterate([]) as Iterable<{ id: number }>) {
      seen.push(`${row.id}:${cache.prepare(text).all([]).length}`);
    }
    assert.deepEqual(seen, ['1:3', '2:3', '3:3']);
    sqlite.close();
  });

  it('a cached statement sees a schema change made after it was prepared (migrations)', async () => {
    const { sqlite } = counted();
    const db = new Kysely<T>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }) });
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    await db.insertInto('t').values({ id: 1, name: 'a' }).execute();
    assert.deepEqual(await db.selectFrom('t').selectAll().execute(), [{ id: 1, name: 'a' }]);
    await sql`alter table t add column extra text not null default 'x'`.execute(db);
    assert.deepEqual(await db.selectFrom('t').selectAll().execute(), [{ id: 1, name: 'a', extra: 'x' }]);
    await db.destroy();
  });

  it('a failed statement (constraint) leaves its cached statement usable', async () => {
    const { sqlite } = counted();
    const db = new Kysely<T>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }) });
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    await db.insertInto('t').values({ id: 1, name: 'a' }).execute();
    await assert.rejects(db.insertInto('t').values({ id: 1, name: 'b' }).execute(), /UNIQUE|PRIMARY KEY/);
    await db.insertInto('t').values({ id: 2, name: 'b' }).execute();
    assert.equal((await db.selectFrom('t').select('id').execute()).length, 2);
    await db.destroy();
  });
});
