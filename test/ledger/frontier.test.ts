import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { describeEachEngine } from '../harness/engines.ts';
import { Ledger } from '../../src/ledger/ledger.ts';
import { CompactRange, inclusionProof, rootFromInclusionProof } from '../../src/ledger/merkle/index.ts';
import { nodeReader } from '../../src/ledger/tree-store.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { createAgency } from '../../src/modules/identity/agencies.service.ts';
import { projectionModules } from '../../src/modules/projections.ts';
import type { Db } from '../../src/store/db.ts';

/** Counts the queries that read `tree_nodes`, and all queries. */
function counter(): KyselyPlugin & { nodeReads: number; queries: number } {
  return {
    nodeReads: 0,
    queries: 0,
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      this.queries++;
      if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node).includes('"tree_nodes"')) this.nodeReads++;
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
}

const NOTED = 'test.noted';

/** The stored nodes of a log equal, one for one, those its events' leaves give. */
async function nodesMatchLeaves(db: Db, log: string): Promise<void> {
  const leaves = await db.selectFrom('events').select('leaf').where('log_id', '=', log).orderBy('seq').execute();
  const range = new CompactRange();
  const want = leaves.flatMap((l) => range.append(l.leaf)).map((n) => `${n.level}/${n.index}/${n.hash.toString('hex')}`);
  const stored = await db.selectFrom('tree_nodes').select(['level', 'idx', 'hash']).where('log_id', '=', log).execute();
  assert.deepEqual(stored.map((n) => `${n.level}/${n.idx}/${Buffer.from(n.hash).toString('hex')}`).sort(), want.sort());
}

describeEachEngine('appends keep each log\'s tree frontier in memory, trusted only when the locked head is the one it belongs to', (ctx, engine) => {
  // Ledgers of our own, knowing one extra event type that projects nothing.
  const ledger = () => new Ledger(engine, ctx().clock, [...projectionModules, { tables: [], projectors: { [NOTED]: null } }]);
  const note = (l: Ledger, db: Db, log: string, n: number) =>
    db.transaction().execute(async (trx) => {
      await l.append(trx, { log, actor: 'system', type: NOTED, subject: null, data: { n } });
    });

  it('an append right after this ledger\'s own previous append reads no tree node', async () => {
    const log = (await createAgency(ctx(), null, { code: 'frontier-own', name: '前沿甲局' })).id;
    const other = ledger();
    for (let i = 1; i <= 3; i++) await note(other, ctx().db, log, i);
    const l = ledger();
    const c = counter();
    const db = ctx().db.withPlugin(c);
    await note(l, db, log, 4); // l has not seen this log: its 2 peaks (size 3) are read
    assert.equal(c.nodeReads, 1, 'the first append reads the peaks, in one query');
    for (let i = 5; i <= 24; i++) await note(l, db, log, i);
    assert.equal(c.nodeReads, 1, 'the next 20 read none');
    await nodesMatchLeaves(ctx().db, log);
    assert.ok((await verifyLedger(ctx().db)).ok);
  });

  it('after a rolled-back append, the next append builds on the committed head, not on the rolled-back peaks', async () => {
    const log = (await createAgency(ctx(), null, { code: 'frontier-rollback', name: '前沿乙局' })).id;
    const l = ledger();
    const other = ledger();
    for (let i = 1; i <= 5; i++) await note(l, ctx().db, log, i);
    await assert.rejects(
      ctx().db.transaction().execute(async (trx) => {
        await l.append(trx, { log, actor: 'system', type: NOTED, subject: null, data: { n: 'rolled back' } });
        throw new Error('boom');
      }),
      /boom/,
    );
    // Another instance takes seq 6 with another event: l's memory of a seq-6 head is not this one.
    await note(other, ctx().db, log, 6);
    for (let i = 7; i <= 9; i++) await note(l, ctx().db, log, i);
    const seqs = await ctx().db.selectFrom('events').select('seq').where('log_id', '=', log).orderBy('seq').execute();
    assert.deepEqual(seqs.map((r) => Number(r.seq)), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await nodesMatchLeaves(ctx().db, log);
    assert.ok((await verifyLedger(ctx().db)).ok);
  });

  it('after a rollback to a savepoint inside one transaction, appends continue from the savepoint\'s head', async () => {
    const log = (await createAgency(ctx(), null, { code: 'frontier-savepoint', name: '前沿丙局' })).id;
    const l = ledger();
    const other = ledger();
    const trx = await ctx().db.startTransaction().execute();
    await l.append(trx, { log, actor: 'system', type: NOTED, subject: null, data: { n: 1 } });
    const inner = await trx.savepoint('sp').execute();
    await l.append(inner, { log, actor: 'system', type: NOTED, subject: null, data: { n: 'undone' } });
    const back = await inner.rollbackToSavepoint('sp').execute();
    // seq 2 again, with another event: l's memory of its undone seq-2 head must not match it.
    await other.append(back, { log, actor: 'system', type: NOTED, subject: null, data: { n: 2 } });
    await l.append(back, { log, actor: 'system', type: NOTED, subject: null, data: { n: 3 } });
    await back.commit().execute();
    const rows = await ctx().db.selectFrom('events').select(['seq', 'data']).where('log_id', '=', log).orderBy('seq').execute();
    assert.deepEqual(rows.map((r) => [Number(r.seq), r.data]), [[1, '{"n":1}'], [2, '{"n":2}'], [3, '{"n":3}']]);
    await nodesMatchLeaves(ctx().db, log);
    assert.ok((await verifyLedger(ctx().db)).ok);
  });

  it('two instances appending in turn to one log each see the other\'s head and read the stored peaks', async () => {
    const log = (await createAgency(ctx(), null, { code: 'frontier-two', name: '前沿丁局' })).id;
    const a = ledger();
    const b = ledger();
    const c = counter();
    const db = ctx().db.withPlugin(c);
    for (let i = 1; i <= 12; i++) await note(i % 3 === 0 ? b : a, db, log, i);
    // b appends at 3, 6, 9, 12, each time after a; a appends at 4, 7, 10 after b: those 7 read
    // the stored peaks. a's appends at 2, 5, 8, 11 follow its own and read none (1: empty log).
    assert.equal(c.nodeReads, 7);
    await nodesMatchLeaves(ctx().db, log);
    assert.ok((await verifyLedger(ctx().db)).ok);
  });

  it('a proof reads its O(log n) nodes in one query, and the proof verifies', async () => {
    const log = (await createAgency(ctx(), null, { code: 'frontier-proof', name: '前沿戊局' })).id;
    const l = ledger();
    for (let i = 1; i <= 37; i++) await note(l, ctx().db, log, i);
    const leaves = await ctx().db.selectFrom('events').select('leaf').where('log_id', '=', log).orderBy('seq').execute();
    const range = new CompactRange();
    for (const r of leaves) range.append(r.leaf);
    for (const index of [0, 17, 31, 36]) {
      const c = counter();
      const proof = await inclusionProof(nodeReader(ctx().db.withPlugin(c), log), index, 37);
      assert.equal(c.queries, 1);
      assert.deepEqual(rootFromInclusionProof(leaves[index]!.leaf, index, 37, proof), range.root());
    }
    const missing = await nodeReader(ctx().db, log).getMany!([[0, 36], [0, 37], [5, 1], [5, 0]]);
    assert.deepEqual(missing.map((h) => h !== undefined), [true, false, false, true]);
  });
});
