import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { ENGINES, freshApp, type TestApp } from '../harness/engines.ts';
import { describe } from 'node:test';
import { seedDemo } from '../../src/demo/seed.ts';
import { checkpointAll, consistencyProofFor, inclusionProofFor, latestCheckpoint, makeCheckpoint } from '../../src/ledger/checkpoints.ts';
import { chainHash, entryBytes, leafHash, ZERO_HASH } from '../../src/ledger/envelope.ts';
import { rowToEvent } from '../../src/ledger/ledger.ts';
import { CompactRange, rootFromLeaves, verifyConsistency, verifyInclusion } from '../../src/ledger/merkle/index.ts';
import { openCheckpoint, parseVerifierKey } from '../../src/ledger/note/index.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import type { Db } from '../../src/store/db.ts';

/** A seeded platform with a checkpoint on every log, then a few more events. */
async function seeded(engine: (typeof ENGINES)[number]): Promise<{ app: TestApp; log: string }> {
  const app = await freshApp(engine);
  await seedDemo(app);
  await checkpointAll(app);
  const log = (await app.db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
  return { app, log };
}

/** What an attacker with the database (but not the key) does after editing an event: recompute everything. */
async function recomputeLog(db: Db, log: string): Promise<void> {
  const rows = await db.selectFrom('events').selectAll().where('log_id', '=', log).orderBy('seq').execute();
  let prev: Buffer = ZERO_HASH;
  const range = new CompactRange();
  await db.deleteFrom('tree_nodes').where('log_id', '=', log).execute();
  for (const row of rows) {
    const leaf = leafHash(entryBytes(rowToEvent(row)));
    prev = chainHash(prev, leaf);
    await db.updateTable('events').set({ leaf, hash: prev }).where('id', '=', row.id).execute();
    const nodes = range.append(leaf);
    await db.insertInto('tree_nodes').values(nodes.map((n) => ({ log_id: log, level: n.level, idx: n.index, hash: n.hash }))).execute();
  }
  await db.updateTable('logs').set({ head_hash: prev, head_seq: rows.length }).where('id', '=', log).execute();
}

for (const engine of ENGINES) {
  describe(`[${engine}] signed checkpoints catch what the chain cannot`, () => {
    const apps: TestApp[] = [];
    const open = async () => {
      const s = await seeded(engine);
      apps.push(s.app);
      return s;
    };
    after(async () => {
      for (const a of apps) await a.dispose();
    });

    it('each log has a checkpoint whose signed root is the RFC 6962 root of its leaves; verify is clean', async () => {
      const { app, log } = await open();
      const cp = (await latestCheckpoint(app.db, log))!;
      const leaves = (await app.db.selectFrom('events').select('leaf').where('log_id', '=', log).orderBy('seq').execute()).map((r) => Buffer.from(r.leaf));
      assert.equal(cp.size, leaves.length);
      assert.equal(cp.root, rootFromLeaves(leaves).toString('base64'));
      const opened = openCheckpoint(cp.note, { origin: 'sanxiang/hy-whzf', log: parseVerifierKey(app.keys.verifierKey) });
      assert.equal(opened.checkpoint.size, leaves.length);
      const report = await verifyLedger(app.db, { verifier: app.keys.verifier });
      assert.ok(report.ok, JSON.stringify(report.logs.filter((l) => l.problem)));
      assert.equal(report.signaturesChecked, true);
    });

    it('an inclusion proof for an event verifies against the signed checkpoint', async () => {
      const { app, log } = await open();
      const p = await inclusionProofFor(app, log, 3);
      const { checkpoint } = openCheckpoint(p.checkpoint, { origin: 'sanxiang/hy-whzf', log: app.keys.verifier });
      verifyInclusion(Buffer.from(p.leafHash, 'base64'), p.index, p.size, p.proof.map((h) => Buffer.from(h, 'base64')), checkpoint.rootHash);
    });

    it('a changed stored tree node is named', async () => {
      const { app, log } = await open();
      await app.db.updateTable('tree_nodes').set({ hash: Buffer.alloc(32, 9) }).where('log_id', '=', log).where('level', '=', 1).where('idx', '=', 0).execute();
      const bad = (await verifyLedger(app.db, { verifier: app.keys.verifier })).logs.find((l) => l.problem)!;
      assert.equal(bad.log, log);
      assert.equal(bad.problem!.kind, 'node-mismatch');
      assert.equal(bad.problem!.seq, 2, 'the node over leaves 1–2 is completed by seq 2');
    });

    it('truncating the newest events (head row rewritten too) is caught against the signed checkpoint', async () => {
      const { app, log } = await open();
      const size = (await latestCheckpoint(app.db, log))!.size;
      const keep = size - 3;
      const kept = await app.db.selectFrom('events').select('hash').where('log_id', '=', log).where('seq', '=', keep).executeTakeFirstOrThrow();
      await app.db.deleteFrom('events').where('log_id', '=', log).where('seq', '>', keep).execute();
      await app.db.updateTable('logs').set({ head_seq: keep, head_hash: kept.hash }).where('id', '=', log).execute();
      // A careful attacker also removes the tree nodes of the cut-off events.
      for (let level = 0, width = 1; width <= size; level++, width *= 2) {
        await app.db.deleteFrom('tree_nodes').where('log_id', '=', log).where('level', '=', level).where('idx', '>=', Math.floor(keep / width)).execute();
      }
      const chainOnly = await verifyLedger(app.db, { verifier: app.keys.verifier });
      const byChain = chainOnly.logs.find((l) => l.log === log)!;
      assert.equal(byChain.problem?.kind, 'checkpoint-beyond-log', 'the chain itself is intact; only the checkpoint tells');
      assert.equal(byChain.problem?.seq, size);
    });

    it('editing an event and recomputing every later hash and node is caught against the signed checkpoint', async () => {
      const { app, log } = await open();
      await app.db.updateTable('events').set({ data: sql`replace(data, '执法二科', '执法三科')` }).where('log_id', '=', log).where('seq', '=', 2).execute();
      await recomputeLog(app.db, log);
      const report = await verifyLedger(app.db, { verifier: app.keys.verifier });
      const bad = report.logs.find((l) => l.log === log)!;
      assert.equal(bad.problem?.kind, 'checkpoint-root-mismatch');
      assert.equal(report.ok, false);
    });

    it('a forged checkpoint (its signed text changed in the database) fails its signature', async () => {
      const { app, log } = await open();
      const cp = (await latestCheckpoint(app.db, log))!;
      const forged = cp.note.replace(cp.root, Buffer.alloc(32, 1).toString('base64'));
      await app.db.updateTable('checkpoints').set({ note: forged }).where('log_id', '=', log).execute();
      const bad = (await verifyLedger(app.db, { verifier: app.keys.verifier })).logs.find((l) => l.log === log)!;
      assert.equal(bad.problem?.kind, 'checkpoint-signature');
    });

    it('the key refuses to sign over deleted checkpoints: its own record of the last signature outlives the rows', async () => {
      const { app, log } = await open();
      await app.db.updateTable('events').set({ data: sql`replace(data, '执法二科', '执法八科')` }).where('log_id', '=', log).where('seq', '=', 2).execute();
      await recomputeLog(app.db, log);
      await app.db.deleteFrom('checkpoints').where('log_id', '=', log).execute();
      await app.db.transaction().execute((trx) =>
        app.ledger.append(trx, { log, actor: 'system', type: 'unit.created', subject: 'u-z', data: { id: 'u-z', agencyId: log, name: '新科室' } }),
      );
      await assert.rejects(makeCheckpoint(app, log), (err: { code?: string }) => err.code === 'history-inconsistent');
    });

    it('rows outside a log\'s sequence are named, and a rebuild does not replay them', async () => {
      const { app, log } = await open();
      const head = await app.db.selectFrom('logs').select('head_seq').where('id', '=', log).executeTakeFirstOrThrow();
      await app.db
        .insertInto('events')
        .values({ log_id: log, seq: Number(head.head_seq) + 5, at: '2026-03-02T01:00:00.000Z', actor: 'system', type: 'unit.created', subject: 'ghost', data: JSON.stringify({ id: 'ghost', agencyId: log, name: '幽灵科' }), leaf: Buffer.alloc(32), hash: Buffer.alloc(32) })
        .execute();
      const bad = (await verifyLedger(app.db, { verifier: app.keys.verifier })).logs.find((l) => l.log === log)!;
      assert.equal(bad.problem?.kind, 'extra-rows');
      const { rebuildProjections } = await import('../../src/ledger/rebuild.ts');
      await rebuildProjections(app.db, app.ledger);
      assert.equal(await app.db.selectFrom('units').select('id').where('id', '=', 'ghost').executeTakeFirst(), undefined);
    });

    it('a log deleted whole, or a log whose origin was edited, is named against the platform log', async () => {
      const { app, log } = await open();
      const other = (await app.db.selectFrom('agencies').select('id').where('code', '=', 'hy-scjg').executeTakeFirstOrThrow()).id;
      await app.db.updateTable('logs').set({ origin: 'sanxiang/someone-else' }).where('id', '=', other).execute();
      for (const t of ['checkpoints', 'tree_nodes', 'events'] as const) await app.db.deleteFrom(t).where('log_id', '=', log).execute();
      await app.db.deleteFrom('logs').where('id', '=', log).execute();
      const report = await verifyLedger(app.db, { verifier: app.keys.verifier });
      assert.equal(report.logs.find((l) => l.log === log)?.problem?.kind, 'log-mismatch');
      assert.equal(report.logs.find((l) => l.log === other)?.problem?.kind, 'log-mismatch');
    });

    it('an empty log is not checkpointed; it is once it has events', async () => {
      const { app } = await open();
      const { createAgency, createUnit } = await import('../../src/modules/identity/agencies.service.ts');
      const a = await createAgency(app, null, { code: 'new-empty', name: '新设局' });
      const run = await checkpointAll(app);
      assert.ok(!run.signed.some((c) => c.log === a.id));
      assert.deepEqual(run.failed, []);
      await createUnit(app, null, a.id, { name: '办公室' });
      assert.equal((await makeCheckpoint(app, a.id)).size, 1);
    });

    it('adversarial server: a client holding an old checkpoint detects a rewritten history by its consistency proof', async () => {
      const { app, log } = await open();
      const old = openCheckpoint((await latestCheckpoint(app.db, log))!.note, { origin: 'sanxiang/hy-whzf', log: app.keys.verifier }).checkpoint;
      // Honest growth: the proof from the old size to the new verifies.
      await app.db.transaction().execute((trx) =>
        app.ledger.append(trx, { log, actor: 'system', type: 'unit.created', subject: 'u-x', data: { id: 'u-x', agencyId: log, name: '新设科室' } }),
      );
      const grown = await makeCheckpoint(app, log);
      const honest = await consistencyProofFor(app.db, log, old.size, grown.size);
      verifyConsistency(old.size, grown.size, honest.proof.map((h) => Buffer.from(h, 'base64')), old.rootHash, Buffer.from(grown.root, 'base64'));
      // The server rewrites an old event and recomputes everything; it cannot sign (the key
      // refuses an inconsistent history), and any root it shows fails the client's check.
      await app.db.updateTable('events').set({ data: sql`replace(data, '执法一科', '执法九科')` }).where('log_id', '=', log).where('seq', '=', 1).execute();
      await recomputeLog(app.db, log);
      await assert.rejects(makeCheckpoint(app, log).then(async () => {
        // The latest checkpoint already covers this size; a new event forces a new signature attempt.
        await app.db.transaction().execute((trx) =>
          app.ledger.append(trx, { log, actor: 'system', type: 'unit.created', subject: 'u-y', data: { id: 'u-y', agencyId: log, name: '又一个科室' } }),
        );
        return makeCheckpoint(app, log);
      }), (err: { code?: string }) => err.code === 'history-inconsistent');
      const forged = await consistencyProofFor(app.db, log, old.size, grown.size);
      const { rootAt } = await import('../../src/ledger/merkle/index.ts');
      const { nodeReader } = await import('../../src/ledger/tree-store.ts');
      const shownRoot = await rootAt(nodeReader(app.db, log), grown.size);
      assert.throws(() => verifyConsistency(old.size, grown.size, forged.proof.map((h) => Buffer.from(h, 'base64')), old.rootHash, shownRoot));
    });
  });
}
