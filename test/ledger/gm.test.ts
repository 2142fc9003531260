import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ENGINES, freshApp, type TestApp } from '../harness/engines.ts';
import { openApp } from '../../src/context.ts';
import { checkpointAll, latestCheckpoint } from '../../src/ledger/checkpoints.ts';
import { openCheckpoint } from '../../src/ledger/note/index.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';

for (const engine of ENGINES) {
  describe(`[${engine}] 国密 option: SM2 co-signed checkpoints, chosen once`, () => {
    const apps: TestApp[] = [];
    after(async () => {
      for (const a of apps) await a.dispose();
    });

    it('a gm platform records its choice and co-signs every checkpoint with SM2; standard verifiers still accept it', async () => {
      const app = await freshApp(engine, undefined, 'gm');
      apps.push(app);
      const first = await app.db.selectFrom('events').select('data').where('log_id', '=', 'platform').where('seq', '=', 1).executeTakeFirstOrThrow();
      const { checkpointKey, sm2PublicKey, ...choices } = JSON.parse(first.data);
      assert.deepEqual(choices, { checkpointCosign: ['sm2'], eventFormat: 1, evidenceDigest: 'sm3', profile: 'gm', treeHash: 'sha256' });
      assert.equal(checkpointKey, app.keys.verifierKey, 'the checkpoint key is recorded at creation');
      assert.equal(sm2PublicKey, app.keys.sm2!.publicKeyPem);
      await checkpointAll(app);
      const cp = (await latestCheckpoint(app.db, 'platform'))!;
      assert.equal(cp.note.split('\n').filter((l) => l.startsWith('—')).length, 2, 'Ed25519 and SM2 signatures');
      // A standard (Ed25519-only) verifier ignores the SM2 signature as an unknown key.
      const standard = openCheckpoint(cp.note, { origin: 'sanxiang/platform', log: app.keys.verifier });
      assert.equal(standard.note.unverified.length, 1);
      // A 国密 verifier checks both.
      const gm = openCheckpoint(cp.note, { origin: 'sanxiang/platform', log: app.keys.verifier, witnesses: [app.keys.sm2!.signer.verifier] });
      assert.equal(gm.note.signatures.length, 2);
      const report = await verifyLedger(app.db, { verifier: app.keys.verifier, cosigners: [app.keys.sm2!.signer.verifier] });
      assert.ok(report.ok);
    });

    it('a checkpoint missing its SM2 co-signature fails verification on a gm platform', async () => {
      const app = await freshApp(engine, undefined, 'gm');
      apps.push(app);
      await checkpointAll(app);
      const cp = (await latestCheckpoint(app.db, 'platform'))!;
      const stripped = cp.note.split('\n').filter((l) => !l.startsWith('— sanxiang-sm2 ')).join('\n');
      await app.db.updateTable('checkpoints').set({ note: stripped }).where('log_id', '=', 'platform').execute();
      const report = await verifyLedger(app.db, { verifier: app.keys.verifier, cosigners: [app.keys.sm2!.signer.verifier] });
      assert.equal(report.logs.find((l) => l.log === 'platform')!.problem?.kind, 'checkpoint-signature');
    });

    it('a machine with another key than the one the platform was created with is refused', async () => {
      const app = await freshApp(engine, undefined, 'standard');
      apps.push(app);
      const fs = await import('node:fs');
      const os = await import('node:os');
      const path = await import('node:path');
      const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-otherkey-'));
      const { loadOrCreateKeys } = await import('../../src/ledger/keys.ts');
      loadOrCreateKeys(otherDir, false, true);
      await assert.rejects(
        openApp(app.engine === 'sqlite' ? { sqlitePath: app.store.location } : { databaseUrl: process.env.SANXIANG_TEST_PG_URL!, pgSchema: app.store.schema! }, otherDir, app.clock),
        (err: { code?: string }) => err.code === 'checkpoint-key-mismatch',
      );
    });

    it('the choice is never silently switched: reopening a standard platform as gm is refused', async () => {
      const app = await freshApp(engine, undefined, 'standard');
      apps.push(app);
      await assert.rejects(
        openApp(
          app.engine === 'sqlite' ? { sqlitePath: app.store.location } : { databaseUrl: process.env.SANXIANG_TEST_PG_URL!, pgSchema: app.store.schema! },
          '/tmp',
          app.clock,
          'gm',
        ),
        (err: { code?: string }) => err.code === 'crypto-profile-fixed',
      );
    });
  });
}
