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
      const chainOnly = await verifyLedger(app.db);
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

    it('a forged checkpoint (root changed in the database) fails its signature', async () => {
      const { app, log } = await open();
      await app.db.updateTable('checkpoints').set({ root: Buffer.alloc(32, 1) }).where('log_id', '=', log).execute();
      const bad = (await verifyLedger(app.db, { verifier: app.keys.verifier })).logs.find((l) => l.log === log)!;
      assert.equal(bad.problem?.kind, 'checkpoint-signature');
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
      }), /not an extension/);
      const forged = await consistencyProofFor(app.db, log, old.size, grown.size);
      const { rootAt } = await import('../../src/ledger/merkle/index.ts');
      const { nodeReader } = await import('../../src/ledger/tree-store.ts');
      const shownRoot = await rootAt(nodeReader(app.db, log), grown.size);
      assert.throws(() => verifyConsistency(old.size, grown.size, forged.proof.map((h) => Buffer.from(h, 'base64')), old.rootHash, shownRoot));
    });
  });
}
