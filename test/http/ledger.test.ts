import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { checkpointAll } from '../../src/ledger/checkpoints.ts';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/merkle/index.ts';
import { openCheckpoint, parseVerifierKey } from '../../src/ledger/note/index.ts';

describeEachEngine('the record, published: checkpoints and proofs over HTTP', (ctx) => {
  let server: FastifyInstance;
  let log = '';
  before(async () => {
    await seedDemo(ctx());
    await checkpointAll(ctx());
    server = await buildServer(ctx(), { webDir: null });
    log = (await ctx().db.selectFrom('agencies').select('id').where('code', '=', 'hy-wwj').executeTakeFirstOrThrow()).id;
  });

  it('anyone can list the logs and fetch a log\'s latest signed checkpoint as text/plain, and the published key verifies it', async () => {
    const list = (await server.inject('/api/public/logs')).json();
    assert.equal(list.logs.length, 5);
    const key = (await server.inject('/api/public/key')).body.trim();
    assert.equal(key, list.verifierKey);
    const res = await server.inject(`/api/public/logs/${log}/checkpoint`);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/plain/);
    assert.ok(res.body.startsWith('sanxiang/hy-wwj\n'));
    const { checkpoint } = openCheckpoint(res.body, { origin: 'sanxiang/hy-wwj', log: parseVerifierKey(key) });
    assert.equal(checkpoint.size, list.logs.find((l: { log: string }) => l.log === log).size);
  });

  it('a consistency proof between two checkpoints verifies against their signed roots', async () => {
    const first = (await server.inject(`/api/public/logs/${log}/checkpoints`)).json().at(-1);
    const admin = await loginAs(server, 'admin');
    await server.inject({ method: 'POST', url: `/api/agencies/${log}/units`, payload: { name: '考古科' }, headers: admin });
    const second = (await server.inject({ method: 'POST', url: `/api/logs/${log}/checkpoints`, headers: admin })).json();
    assert.equal(second.size, first.size + 1);
    const proof = (await server.inject(`/api/public/logs/${log}/consistency?from=${first.size}&to=${second.size}`)).json();
    verifyConsistency(first.size, second.size, proof.proof.map((h: string) => Buffer.from(h, 'base64')), Buffer.from(first.root, 'base64'), Buffer.from(second.root, 'base64'));
    const bad = await server.inject(`/api/public/logs/${log}/consistency?from=${second.size + 5}&to=${second.size}`);
    assert.equal(bad.statusCode, 400);
  });

  it('an inclusion proof needs a login with access to the agency, and verifies against the signed checkpoint', async () => {
    assert.equal((await server.inject(`/api/logs/${log}/inclusion?seq=2`)).statusCode, 401);
    const outsider = await loginAs(server, 'scjg-admin');
    assert.equal((await server.inject({ url: `/api/logs/${log}/inclusion?seq=2`, headers: outsider })).statusCode, 403);
    const insider = await loginAs(server, 'wwj-head');
    const p = (await server.inject({ url: `/api/logs/${log}/inclusion?seq=2`, headers: insider })).json();
    const { checkpoint } = openCheckpoint(p.checkpoint, { origin: 'sanxiang/hy-wwj', log: ctx().keys.verifier });
    verifyInclusion(Buffer.from(p.leafHash, 'base64'), p.index, p.size, p.proof.map((h: string) => Buffer.from(h, 'base64')), checkpoint.rootHash);
  });
});
