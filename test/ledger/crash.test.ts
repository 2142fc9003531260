import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { ENGINES } from '../harness/engines.ts';
import { httpLogin, sanxiang, startServer } from '../harness/process.ts';

/**
 * ledger.md "crash safety": an event is acknowledged only after it is durably committed with its
 * index. Concurrent writers, a SIGKILL in the middle, a restart: every acknowledged write is
 * there and `sanxiang verify` is clean.
 */
for (const engine of ENGINES) {
  describe(`[${engine}] a killed server loses no acknowledged event`, () => {
    it('SIGKILL during concurrent writes: every 201 survives the restart and verify is clean', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-crash-'));
      const env: NodeJS.ProcessEnv = {};
      let dropDb: (() => Promise<void>) | undefined;
      if (engine === 'postgres') {
        const base = process.env.SANXIANG_TEST_PG_URL!;
        const name = `sanxiang_crash_${process.pid}`;
        const admin = new pg.Client({ connectionString: base });
        await admin.connect();
        await admin.query(`drop database if exists ${name}`);
        await admin.query(`create database ${name}`);
        env.DATABASE_URL = base.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
        dropDb = async () => {
          await admin.query(`drop database if exists ${name} with (force)`);
          await admin.end();
        };
      }
      try {
        const first = await startServer(['--no-build', '--data-dir', dir], env);
        const headers = { ...(await httpLogin(first.url, 'admin')), 'content-type': 'application/json' };
        const agencies = (await (await fetch(`${first.url}/api/agencies`, { headers })).json()) as Array<{ id: string; code: string }>;
        const target = agencies.find((a) => a.code === 'hy-whzf')!.id;

        const acknowledged: string[] = [];
        let stop = false;
        let n = 0;
        const worker = async () => {
          while (!stop) {
            const name = `压测科${n++}`;
            try {
              const res = await fetch(`${first.url}/api/agencies/${target}/units`, { method: 'POST', headers, body: JSON.stringify({ name }) });
              if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
            } catch {
              return; // the server is gone
            }
          }
        };
        const workers = Array.from({ length: 8 }, worker);
        while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
        first.child.kill('SIGKILL');
        stop = true;
        await Promise.all(workers);
        if (first.child.exitCode === null && first.child.signalCode === null) await once(first.child, 'exit');
        assert.ok(acknowledged.length >= 40);

        const second = await startServer(['--no-build', '--data-dir', dir], env);
        try {
          const after = await httpLogin(second.url, 'admin');
          const agency = (await (await fetch(`${second.url}/api/agencies/${target}`, { headers: after })).json()) as { units: Array<{ id: string }> };
          const present = new Set(agency.units.map((u) => u.id));
          const lost = acknowledged.filter((id) => !present.has(id));
          assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged writes were lost`);
        } finally {
          await second.stop();
        }
        const v = sanxiang(['verify', '--data-dir', dir], env);
        assert.equal(v.status, 0, v.stdout + v.stderr);
      } finally {
        await dropDb?.();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
