import assert from 'node:assert/strict';
import { beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../harness/engines.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import type { Db } from '../../src/store/db.ts';

/**
 * `sanxiang verify` must name the log and the first bad seq for every careless edit a chain can
 * see. (A truncated tail with a rewritten head, or a recomputed chain, needs signed checkpoints.)
 */
describeEachEngine('verify catches every edit the hash chain can see', (ctx) => {
  let log = '';

  beforeEach(async () => {
    // Each case starts from the same untouched ledger: clear it and seed again.
    const db = ctx().db;
    const has = await db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirst();
    if (!has) await seedDemo(ctx());
    const agency = await db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow();
    log = agency.id;
    await snapshot.restore(db);
  });

  const snapshot = {
    rows: null as null | Array<Record<string, unknown>>,
    async restore(db: Db) {
      if (!this.rows) {
        this.rows = await db.selectFrom('events').selectAll().orderBy('id').execute();
        return;
      }
      await db.deleteFrom('events').execute();
      for (const r of this.rows) await db.insertInto('events').values(r as never).execute();
      const report = await verifyLedger(db);
      assert.ok(report.ok, 'the restored ledger verifies');
    },
  };

  const firstProblem = async () => {
    const report = await verifyLedger(ctx().db);
    assert.equal(report.ok, false, 'verify must fail');
    const bad = report.logs.filter((l) => l.problem);
    assert.equal(bad.length, 1, 'exactly the tampered log is reported');
    return { log: bad[0]!.log, ...bad[0]!.problem! };
  };

  it('an untouched ledger verifies', async () => {
    const report = await verifyLedger(ctx().db);
    assert.ok(report.ok);
    assert.ok(report.events >= 15);
  });

  it('an edited payload is named by its seq (leaf-mismatch)', async () => {
    await ctx().db.updateTable('events').set({ data: sql`replace(data, '执法二科', '执法三科')` }).where('log_id', '=', log).where('seq', '=', 2).execute();
    assert.deepEqual(await firstProblem(), { log, seq: 2, kind: 'leaf-mismatch', message: (await firstProblem()).message });
  });

  it('an edited chain hash is named by its seq (chain-mismatch)', async () => {
    await ctx().db.updateTable('events').set({ hash: Buffer.alloc(32, 7) }).where('log_id', '=', log).where('seq', '=', 1).execute();
    const p = await firstProblem();
    assert.equal(p.log, log);
    assert.equal(p.seq, 1);
    assert.equal(p.kind, 'chain-mismatch');
  });

  it('a deleted middle row is named as the missing seq (seq-gap)', async () => {
    await ctx().db.deleteFrom('events').where('log_id', '=', log).where('seq', '=', 2).execute();
    const p = await firstProblem();
    assert.equal(p.seq, 2);
    assert.equal(p.kind, 'seq-gap');
  });

  it('two swapped rows are caught at the first of them', async () => {
    const db = ctx().db;
    const rows = await db.selectFrom('events').selectAll().where('log_id', '=', log).where('seq', 'in', [1, 2]).orderBy('seq').execute();
    const [one, two] = rows;
    // Swap everything but the position: the row at seq 1 now holds the second event.
    const content = (r: typeof one) => ({ at: r!.at, actor: r!.actor, type: r!.type, subject: r!.subject, data: r!.data, leaf: r!.leaf, hash: r!.hash });
    await db.updateTable('events').set(content(two)).where('id', '=', one!.id).execute();
    await db.updateTable('events').set(content(one)).where('id', '=', two!.id).execute();
    const p = await firstProblem();
    assert.equal(p.seq, 1);
    assert.ok(p.kind === 'leaf-mismatch' || p.kind === 'chain-mismatch');
  });

  it('a gap in seq (renumbered row) is named', async () => {
    await ctx().db.updateTable('events').set({ seq: 999_999 }).where('log_id', '=', log).where('seq', '=', 3).execute();
    const p = await firstProblem();
    assert.equal(p.seq, 3);
    assert.equal(p.kind, 'seq-gap');
  });

  it('a deleted last row is caught against the log head', async () => {
    const last = await ctx().db.selectFrom('logs').select('head_seq').where('id', '=', log).executeTakeFirstOrThrow();
    await ctx().db.deleteFrom('events').where('log_id', '=', log).where('seq', '=', last.head_seq).execute();
    const p = await firstProblem();
    assert.equal(p.kind, 'head-mismatch');
    assert.equal(p.seq, Number(last.head_seq));
  });
});
