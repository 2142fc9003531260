import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine, ENGINES, freshApp, type TestApp } from '../harness/engines.ts';
import { newId } from '../../src/kernel/ids.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { createAgency, createUnit } from '../../src/modules/identity/agencies.service.ts';
import { openStore, type Tx } from '../../src/store/db.ts';

/** A promise and its resolver: lets a test hold a transaction open at a chosen point. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** Lets the event loop run until every transaction started so far is queued for the writer. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Appends `unit.created` for a new unit in the agency's log (the projection writes `units`). */
async function newUnit(app: TestApp, trx: Tx, agencyId: string, name: string): Promise<string> {
  const id = newId();
  await app.ledger.append(trx, { log: agencyId, actor: 'system', type: 'unit.created', subject: id, data: { id, agencyId, name } });
  return id;
}

const unitNames = async (app: TestApp, agencyId: string) =>
  (await app.db.selectFrom('units').select('name').where('agency_id', '=', agencyId).orderBy('name').execute()).map((r) => r.name);
const eventCount = async (app: TestApp, log: string) => (await app.db.selectFrom('events').select('seq').where('log_id', '=', log).execute()).length;

describeEachEngine('two concurrent transactions, one of which throws (group commit on SQLite)', (ctx, engine) => {
  it('the other commits, everything the thrower wrote is gone, the ledger verifies', async () => {
    const app = ctx();
    const agency = (await createAgency(app, null, { code: 'gc-one-throws', name: '组提交甲局' })).id;
    const commitsBefore = app.store.groupCommit?.commits ?? 0;
    const holdA = gate();
    const a = app.db.transaction().execute(async (trx) => {
      await newUnit(app, trx, agency, '甲科');
      await holdA.wait;
    });
    await settle();
    const b = app.db.transaction().execute(async (trx) => {
      await newUnit(app, trx, agency, '乙科');
      throw new Error('乙 fails after its writes');
    });
    await settle(); // b waits for the writer (SQLite) or for the log's head row (PostgreSQL)
    holdA.open();
    const [ra, rb] = await Promise.allSettled([a, b]);
    assert.equal(ra.status, 'fulfilled');
    assert.match(String((rb as PromiseRejectedResult).reason), /乙 fails/);
    assert.deepEqual(await unitNames(app, agency), ['甲科']);
    assert.equal(await eventCount(app, agency), 1);
    // On SQLite b ran inside a's group, which one COMMIT ended after b's rollback to its savepoint.
    if (engine === 'sqlite') assert.equal(app.store.groupCommit!.commits - commitsBefore, 1);
    const report = await verifyLedger(app.db);
    assert.ok(report.ok, JSON.stringify(report.logs.filter((l) => l.problem)));
  });
});

for (const engine of ENGINES.filter((e) => e === 'sqlite')) {
  describe(`[${engine}] group commit: what a transaction sees and when it is acknowledged`, () => {
    it('concurrent transactions share durable COMMITs; each is acknowledged, seq stays gap-free, the ledger verifies', async () => {
      const app = await freshApp(engine);
      try {
        const agency = (await createAgency(app, null, { code: 'gc-many', name: '组提交乙局' })).id;
        const before = { ...app.store.groupCommit! };
        const units = await Promise.all(Array.from({ length: 40 }, (_, i) => createUnit(app, null, agency, { name: `科室${String(i).padStart(2, '0')}` })));
        assert.equal(units.length, 40);
        const after = app.store.groupCommit!;
        assert.equal(after.members - before.members, 40);
        assert.ok(after.commits - before.commits < 40, `${after.commits - before.commits} COMMITs for 40 transactions`);
        const seqs = (await app.db.selectFrom('events').select('seq').where('log_id', '=', agency).orderBy('seq').execute()).map((r) => Number(r.seq));
        assert.deepEqual(seqs, Array.from({ length: 40 }, (_, i) => i + 1));
        assert.ok((await verifyLedger(app.db)).ok);
      } finally {
        await app.dispose();
      }
    });

    it('a transaction started after another has ended, in the same turn of the event loop, still shares its COMMIT (how HTTP requests group)', async () => {
      const app = await freshApp(engine);
      try {
        const agency = (await createAgency(app, null, { code: 'gc-later', name: '组提交己局' })).id;
        const before = app.store.groupCommit!.commits;
        // Like a request read later in the same turn: b starts from a callback queued before a
        // began, so a runs to its end first (better-sqlite3 never yields inside it).
        let b!: Promise<unknown>;
        const bStarted = new Promise<void>((resolve) =>
          setImmediate(() => {
            b = app.db.transaction().execute((trx) => newUnit(app, trx, agency, '乙科'));
            resolve();
          }),
        );
        const a = app.db.transaction().execute((trx) => newUnit(app, trx, agency, '甲科'));
        await bStarted;
        await Promise.all([a, b]);
        assert.equal(app.store.groupCommit!.commits - before, 1);
        assert.deepEqual(await unitNames(app, agency), ['乙科', '甲科'].sort());
      } finally {
        await app.dispose();
      }
    });

    it('a read outside a transaction never sees a finished member\'s rows before their COMMIT; the member is acknowledged only after it', async () => {
      const app = await freshApp(engine);
      try {
        const agency = (await createAgency(app, null, { code: 'gc-read', name: '组提交丙局' })).id;
        const holdA = gate();
        const holdB = gate();
        try {
          let aAcknowledged = false;
          const a = app.db
            .transaction()
            .execute(async (trx) => {
              await newUnit(app, trx, agency, '甲科');
              await holdA.wait;
            })
            .then(() => (aAcknowledged = true));
          await settle();
          const b = app.db.transaction().execute(async (trx) => {
            await newUnit(app, trx, agency, '乙科');
            await holdB.wait;
          });
          await settle();
          holdA.open();
          await settle();
          // a has ended (its savepoint released) and waits for its group, which b keeps open.
          assert.deepEqual(await unitNames(app, agency), []);
          assert.equal(await eventCount(app, agency), 0);
          assert.equal(aAcknowledged, false);
          holdB.open();
          await Promise.all([a, b]);
          assert.equal(aAcknowledged, true);
          assert.deepEqual(await unitNames(app, agency), ['乙科', '甲科'].sort());
        } finally {
          holdA.open();
          holdB.open();
        }
      } finally {
        await app.dispose();
      }
    });

    it('a failed COMMIT fails every member of its group: none is acknowledged, none of their writes persist, and the store goes on', async () => {
      const app = await freshApp(engine);
      try {
        const agency = (await createAgency(app, null, { code: 'gc-commit-fails', name: '组提交丁局' })).id;
        // A deferred foreign key is checked only at COMMIT: b's violation passes its savepoint's
        // release and fails the group's COMMIT, as a disk error at COMMIT would.
        await sql`create table gc_parent (id integer primary key)`.execute(app.db);
        await sql`create table gc_child (id integer primary key, parent integer references gc_parent (id) deferrable initially deferred)`.execute(app.db);
        const holdA = gate();
        const a = app.db.transaction().execute(async (trx) => {
          await newUnit(app, trx, agency, '甲科');
          await holdA.wait;
        });
        await settle();
        const b = app.db.transaction().execute(async (trx) => {
          await sql`insert into gc_child (id, parent) values (1, 999)`.execute(trx);
        });
        await settle();
        holdA.open();
        const results = await Promise.allSettled([a, b]);
        assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
        assert.match(String((results[0] as PromiseRejectedResult).reason), /FOREIGN KEY/);
        assert.equal(await eventCount(app, agency), 0);
        assert.deepEqual(await unitNames(app, agency), []);
        assert.equal((await sql<{ n: number }>`select count(*) as n from gc_child`.execute(app.db)).rows[0]!.n, 0);
        await createUnit(app, null, agency, { name: '丙科' });
        assert.deepEqual(await unitNames(app, agency), ['丙科']);
        assert.ok((await verifyLedger(app.db)).ok);
      } finally {
        await app.dispose();
      }
    });

    it('when SQLite rolls the whole transaction back after an error, every member not yet acknowledged fails with it', async () => {
      const app = await freshApp(engine);
      try {
        const agency = (await createAgency(app, null, { code: 'gc-lost', name: '组提交戊局' })).id;
        const holdA = gate();
        const a = app.db.transaction().execute(async (trx) => {
          await newUnit(app, trx, agency, '甲科');
          await holdA.wait;
        });
        await settle();
        // What SQLITE_FULL or SQLITE_IOERR may do in the middle of b: end the whole transaction.
        const b = app.db.transaction().execute(async (trx) => {
          await sql`rollback`.execute(trx);
          await newUnit(app, trx, agency, '乙科');
        });
        await settle();
        holdA.open();
        const results = await Promise.allSettled([a, b]);
        assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
        assert.equal(await eventCount(app, agency), 0);
        assert.deepEqual(await unitNames(app, agency), []);
        await createUnit(app, null, agency, { name: '丙科' });
        assert.ok((await verifyLedger(app.db)).ok);
      } finally {
        await app.dispose();
      }
    });

    it('a group is bounded: with room for 2 members, 6 waiting transactions take at least 3 COMMITs', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-gc-'));
      const store = openStore({ sqlitePath: path.join(dir, 'bounded.db'), groupCommit: { maxMembers: 2 } });
      try {
        await sql`create table t (n integer not null)`.execute(store.db);
        const hold = gate();
        const first = store.db.transaction().execute(async (trx) => {
          await sql`insert into t (n) values (0)`.execute(trx);
          await hold.wait;
        });
        await settle();
        const rest = Array.from({ length: 5 }, (_, i) => store.db.transaction().execute((trx) => sql`insert into t (n) values (${i + 1})`.execute(trx)));
        await settle();
        const before = store.groupCommit!.commits;
        hold.open();
        await Promise.all([first, ...rest]);
        assert.ok(store.groupCommit!.commits - before >= 3, `${store.groupCommit!.commits - before} COMMITs`);
        assert.equal((await sql<{ n: number }>`select count(*) as n from t`.execute(store.db)).rows[0]!.n, 6);
      } finally {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('without group commit (groupCommit: false) each transaction commits alone', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-gc-'));
      const store = openStore({ sqlitePath: path.join(dir, 'alone.db'), groupCommit: false });
      try {
        await sql`create table t (n integer not null)`.execute(store.db);
        await Promise.all(Array.from({ length: 5 }, (_, i) => store.db.transaction().execute((trx) => sql`insert into t (n) values (${i})`.execute(trx))));
        assert.equal(store.groupCommit, undefined);
        assert.equal((await sql<{ n: number }>`select count(*) as n from t`.execute(store.db)).rows[0]!.n, 5);
      } finally {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
