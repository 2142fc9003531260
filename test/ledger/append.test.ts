import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachEngine } from '../harness/engines.ts';
import { PLATFORM_LOG, UnknownEventTypeError } from '../../src/ledger/ledger.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { createAgency, createUnit, listAgencies } from '../../src/modules/identity/agencies.service.ts';

describeEachEngine('the single append path', (ctx) => {
  it('opens the platform log with a platform.initialised event at seq 1', async () => {
    const events = await ctx().db.selectFrom('events').selectAll().where('log_id', '=', PLATFORM_LOG).execute();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.type, 'platform.initialised');
    assert.equal(Number(events[0]!.seq), 1);
  });

  it('gives each agency its own log with its own 1-based seq', async () => {
    const a = await createAgency(ctx(), null, { code: 'agency-a', name: '甲局' });
    const b = await createAgency(ctx(), null, { code: 'agency-b', name: '乙局' });
    await createUnit(ctx(), null, a.id, { name: '执法一科' });
    await createUnit(ctx(), null, a.id, { name: '执法二科' });
    await createUnit(ctx(), null, b.id, { name: '法制科' });
    const seqs = async (log: string) =>
      (await ctx().db.selectFrom('events').select('seq').where('log_id', '=', log).orderBy('seq').execute()).map((r) => Number(r.seq));
    assert.deepEqual(await seqs(a.id), [1, 2]);
    assert.deepEqual(await seqs(b.id), [1]);
    const logs = await ctx().db.selectFrom('logs').selectAll().where('id', 'in', [a.id, b.id]).orderBy('origin').execute();
    assert.deepEqual(logs.map((l) => l.origin), ['sanxiang/agency-a', 'sanxiang/agency-b']);
    assert.ok((await verifyLedger(ctx().db)).ok);
  });

  it('writes the event and its effect in one transaction: a failure after the append leaves neither', async () => {
    const before = await ctx().db.selectFrom('events').select('id').execute();
    await assert.rejects(
      ctx().db.transaction().execute(async (trx) => {
        await ctx().ledger.append(trx, {
          log: PLATFORM_LOG,
          actor: 'system',
          type: 'agency.created',
          subject: 'x',
          data: { id: 'rolled-back', code: 'rolled-back', name: '回滚局', parentId: null, creditCode: null },
        });
        throw new Error('boom');
      }),
      /boom/,
    );
    const after = await ctx().db.selectFrom('events').select('id').execute();
    assert.equal(after.length, before.length);
    assert.ok(!(await listAgencies(ctx().db)).some((a) => a.code === 'rolled-back'));
  });

  it('refuses an event type that no capability projects', async () => {
    await assert.rejects(
      ctx().db.transaction().execute((trx) =>
        ctx().ledger.append(trx, { log: PLATFORM_LOG, actor: 'system', type: 'nobody.knows', subject: null, data: {} }),
      ),
      UnknownEventTypeError,
    );
  });

  it('keeps seq gap-free under concurrent appends to one log and to many logs', async () => {
    const agencies = await Promise.all(
      Array.from({ length: 4 }, (_, i) => createAgency(ctx(), null, { code: `conc-${i}`, name: `并发局${i}` })),
    );
    await Promise.all(
      agencies.flatMap((a) => Array.from({ length: 10 }, (_, i) => createUnit(ctx(), null, a.id, { name: `科室${i}` }))),
    );
    for (const a of agencies) {
      const rows = await ctx().db.selectFrom('events').select('seq').where('log_id', '=', a.id).orderBy('seq').execute();
      assert.deepEqual(rows.map((r) => Number(r.seq)), Array.from({ length: 10 }, (_, i) => i + 1));
    }
    const report = await verifyLedger(ctx().db);
    assert.ok(report.ok, JSON.stringify(report.logs.filter((l) => l.problem)));
  });
});
