import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { countEvents } from '../../src/ledger/ledger.ts';
import { loginAs, type Session } from '../harness/http.ts';

describeEachEngine('HTTP basics: health, OpenAPI, errors that change nothing', (ctx) => {
  let server: FastifyInstance;
  let admin: Session;
  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    admin = await loginAs(server, 'admin');
  });

  const post = (url: string, payload: string | object, headers: Record<string, string> = {}) =>
    server.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...admin, ...headers } });
  const get = (url: string) => server.inject({ method: 'GET', url, headers: { ...admin } });

  /** Asserts the error shape and that the refused request appended nothing. */
  async function refused(send: () => Promise<{ statusCode: number; json(): any }>, status: number, code: string) {
    const events = await countEvents(ctx().db);
    const res = await send();
    assert.equal(res.statusCode, status);
    const body = res.json();
    assert.equal(body.code, code);
    assert.match(body.message, /[\u4e00-\u9fff]/, 'the message is Chinese');
    assert.ok(!JSON.stringify(body).includes('    at '), 'no stack trace');
    assert.equal(await countEvents(ctx().db), events, 'a rejected request changes nothing');
    return body;
  }

  it('GET /api/health answers {"status":"ok"}', async () => {
    const res = await server.inject('/api/health');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('/api/openapi.json describes every API route', async () => {
    const doc = (await server.inject('/api/openapi.json')).json();
    assert.equal(doc.openapi.startsWith('3.'), true);
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    assert.ok(server.apiRoutes.length >= 7);
    for (const route of server.apiRoutes) assert.ok(documented.has(route), `${route} is documented`);
  });

  it('malformed JSON → 400 malformed-json', async () => {
    await refused(() => post('/api/agencies', '{"code": "x",'), 400, 'malformed-json');
  });

  it('unknown fields are refused, not dropped → 400 with the field named', async () => {
    const body = await refused(() => post('/api/agencies', { code: 'new-agency', name: '新局', boss: '张三' }), 400, 'validation-failed');
    assert.deepEqual(body.details.fields.map((f: { field: string }) => f.field), ['boss']);
  });

  it('wrong types are refused without coercion → 400', async () => {
    const body = await refused(() => post('/api/agencies', { code: 'new-agency', name: 12345 }), 400, 'validation-failed');
    assert.equal(body.details.fields[0].field, 'name');
  });

  it('over-long strings are refused → 400', async () => {
    await refused(() => post('/api/agencies', { code: 'new-agency', name: '局'.repeat(101) }), 400, 'validation-failed');
  });

  it('a bad credit code (pattern) is refused → 400', async () => {
    await refused(() => post('/api/agencies', { code: 'new-agency', name: '新局', creditCode: 'not-a-code' }), 400, 'validation-failed');
  });

  it('unknown ids → 404 not-found; unknown routes → 404 route-not-found', async () => {
    await refused(() => get('/api/agencies/00000000-0000-0000-0000-000000000000'), 404, 'not-found');
    await refused(() => get('/api/nothing-here'), 404, 'route-not-found');
  });

  it('a duplicate agency code → 409 agency-code-taken', async () => {
    await refused(() => post('/api/agencies', { code: 'hy-wwj', name: '重复局' }), 409, 'agency-code-taken');
  });

  it('a valid request is recorded: 201 with ETag, one event in the platform log', async () => {
    const before = await countEvents(ctx().db);
    const res = await post('/api/agencies', { code: 'hy-tyj', name: '衡阳市体育局', creditCode: null });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers.etag, '"1"');
    assert.equal(res.json().name, '衡阳市体育局');
    assert.equal(await countEvents(ctx().db), before + 1);
  });

  it('optimistic concurrency: a write without If-Match → 428, with a stale version → 409 and the current state', async () => {
    const list = (await get('/api/agencies')).json();
    const agency = list.find((a: { code: string }) => a.code === 'hy-scjg');
    const patch = (version: string | null, name: string) =>
      server.inject({
        method: 'PATCH',
        url: `/api/agencies/${agency.id}`,
        payload: { name, reason: '更名' },
        headers: { ...admin, ...(version ? { 'if-match': version } : {}) },
      });
    await refused(() => patch(null, '新名称'), 428, 'precondition-required');
    const ok = await patch('"1"', '衡阳市市场监督管理局（更名）');
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers.etag, '"2"');
    const body = await refused(() => patch('"1"', '又一个名称'), 409, 'version-mismatch');
    assert.equal(body.details.current, 2);
    assert.equal(body.details.state.name, '衡阳市市场监督管理局（更名）');
  });

  it('an agency cannot be placed under its own subordinate → 400 agency-tree-cycle', async () => {
    const list = (await get('/api/agencies')).json();
    const bureau = list.find((a: { code: string }) => a.code === 'hy-wtgx');
    const sub = list.find((a: { code: string }) => a.code === 'hy-whzf');
    await refused(
      () => server.inject({ method: 'PATCH', url: `/api/agencies/${bureau.id}`, payload: { parentId: sub.id }, headers: { ...admin, 'if-match': `"${bureau.version}"` } }),
      400,
      'agency-tree-cycle',
    );
  });
});
