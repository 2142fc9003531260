import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Sqlite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { unzipSync, zipSync } from 'fflate';
import { describeEachEngine, TEST_ADMIN } from '../harness/engines.ts';
import { loginAs } from '../harness/http.ts';
import { sanxiang } from '../harness/process.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { checkpointPath, eventPath, exportRecord, proofPath, verifyBundle, type BundleManifest } from '../../src/ledger/bundle.ts';
import { checkpointAll } from '../../src/ledger/checkpoints.ts';
import { leafHash } from '../../src/ledger/envelope.ts';
import { generateSignerKey } from '../../src/ledger/note/index.ts';
import { DomainError } from '../../src/kernel/errors.ts';
import { changeCertificate, loadOfficer } from '../../src/modules/identity/officers.service.ts';

type Files = Record<string, Uint8Array>;

function rezip(bytes: Uint8Array, change: (files: Files) => void): Buffer {
  const files = unzipSync(bytes) as Files;
  change(files);
  return Buffer.from(zipSync(files));
}

const flip = (b: Uint8Array, at: number) => {
  const c = Uint8Array.from(b);
  c[at] = c[at]! ^ 0x01;
  return c;
};

const manifestOf = (bytes: Uint8Array) => JSON.parse(Buffer.from(unzipSync(bytes)['manifest.json']!).toString('utf8')) as BundleManifest;

describeEachEngine('record bundle: export a subject\'s record from storage, verify it offline', (ctx) => {
  let officerId = '';
  let log = '';
  let server: FastifyInstance;
  const checkpoints = async () => (await ctx().db.selectFrom('checkpoints').select('size').where('log_id', '=', log).execute()).length;

  before(async () => {
    const app = ctx();
    await seedDemo(app);
    await checkpointAll(app);
    // 郑伟 was registered and suspended by the seed; reinstating him appends a third event that
    // no checkpoint covers yet.
    const row = await app.db.selectFrom('officers').select(['id', 'agency_id']).where('name', '=', '郑伟').executeTakeFirstOrThrow();
    officerId = row.id;
    log = row.agency_id;
    const o = await loadOfficer(app.db, officerId, '2026-03-02');
    await changeCertificate(app, TEST_ADMIN, officerId, o.version, 'reinstate', { reason: '调查结束，恢复执法证' });
    server = await buildServer(app, { webDir: null });
  });

  it('exports an officer\'s events with proofs against a checkpoint signed for the purpose; verifyBundle with the published key says ok', async () => {
    const before = await checkpoints();
    const bundle = await exportRecord(ctx(), officerId);
    assert.equal(await checkpoints(), before + 1, 'the latest checkpoint did not cover the reinstatement: one was signed');
    const head = await ctx().db.selectFrom('logs').select(['head_seq', 'origin']).where('id', '=', log).executeTakeFirstOrThrow();
    const m = bundle.manifest;
    assert.equal(m.subject, officerId);
    assert.deepEqual(m.logs.map((l) => [l.log, l.origin, l.checkpoint.size]), [[log, head.origin, Number(head.head_seq)]]);
    assert.deepEqual(m.logs[0]!.events.map((e) => e.type), ['officer.registered', 'officer.suspended', 'officer.reinstated']);
    assert.equal(bundle.filename, `record-${officerId}.zip`);

    const report = verifyBundle(bundle.bytes, { trustedKey: ctx().keys.verifierKey });
    assert.equal(report.problem, null);
    assert.equal(report.ok, true);
    assert.equal(report.keyPinned, true);
    assert.equal(report.subject, officerId);
    assert.equal(report.events, 3);

    // Each event file hashes to the leaf the ledger stored when it was appended.
    const files = unzipSync(bundle.bytes);
    const stored = await ctx().db.selectFrom('events').select(['seq', 'leaf']).where('subject', '=', officerId).orderBy('seq').execute();
    assert.equal(stored.length, 3);
    for (const e of stored) assert.deepEqual(leafHash(files[eventPath(log, Number(e.seq))]!), Buffer.from(e.leaf));
  });

  it('a second export reuses the checkpoint that already covers the record', async () => {
    const before = await checkpoints();
    const bundle = await exportRecord(ctx(), officerId);
    assert.equal(await checkpoints(), before);
    assert.equal(verifyBundle(bundle.bytes, { trustedKey: ctx().keys.verifierKey }).ok, true);
  });

  it('rejects, naming the file: a flipped byte in an event, a proof or the checkpoint note; a removed file; a different trusted key', async () => {
    const { bytes, manifest } = await exportRecord(ctx(), officerId);
    const seq = manifest.logs[0]!.events[1]!.seq;
    const ev = eventPath(log, seq);
    const pr = proofPath(log, seq);
    const cp = checkpointPath(log);
    const trustedKey = ctx().keys.verifierKey;
    const cases: Array<[string, Uint8Array, string, RegExp]> = [
      ['event byte flipped', rezip(bytes, (f) => void (f[ev] = flip(f[ev]!, 20))), ev, /SHA-256/],
      ['proof byte flipped', rezip(bytes, (f) => void (f[pr] = flip(f[pr]!, 35))), pr, /SHA-256/],
      ['checkpoint byte flipped', rezip(bytes, (f) => void (f[cp] = flip(f[cp]!, 5))), cp, /SHA-256/],
      ['event removed', rezip(bytes, (f) => void delete f[ev]), ev, /缺失/],
      ['proof removed', rezip(bytes, (f) => void delete f[pr]), pr, /缺失/],
    ];
    for (const [what, tampered, file, message] of cases) {
      const r = verifyBundle(tampered, { trustedKey });
      assert.equal(r.ok, false, what);
      assert.equal(r.problem?.file, file, `${what}: ${JSON.stringify(r.problem)}`);
      assert.match(r.problem!.message, message, what);
    }
    const otherKey = verifyBundle(bytes, { trustedKey: generateSignerKey('sanxiang').verifierKey });
    assert.equal(otherKey.ok, false);
    assert.equal(otherKey.problem?.file, 'key.vkey');
  });

  it('works for any aggregate: an agency (platform log) and a user', async () => {
    const agency = await ctx().db.selectFrom('agencies').select('id').where('code', '=', 'hy-wwj').executeTakeFirstOrThrow();
    const a = await exportRecord(ctx(), agency.id);
    assert.deepEqual(a.manifest.logs.map((l) => [l.log, l.events.map((e) => e.type)]), [['platform', ['agency.created']]]);
    assert.equal(verifyBundle(a.bytes, { trustedKey: ctx().keys.verifierKey }).ok, true);
    const user = await ctx().db.selectFrom('users').select('id').where('username', '=', 'wwj-admin').executeTakeFirstOrThrow();
    const u = await exportRecord(ctx(), user.id);
    assert.equal(u.manifest.logs[0]!.events[0]!.type, 'user.created');
    assert.equal(verifyBundle(u.bytes, { trustedKey: ctx().keys.verifierKey }).ok, true);
  });

  it('a subject with no events is not found', async () => {
    await assert.rejects(exportRecord(ctx(), 'no-such-subject'), (e: unknown) => e instanceof DomainError && e.code === 'not-found' && e.status === 404);
  });

  describe('GET /api/records/:subject/bundle.zip', () => {
    it('needs a login', async () => {
      const res = await server.inject(`/api/records/${officerId}/bundle.zip`);
      assert.equal(res.statusCode, 401);
    });

    it('sends the zip to a reader of the agency, with a file name; it verifies', async () => {
      const res = await server.inject({ url: `/api/records/${officerId}/bundle.zip`, headers: await loginAs(server, 'whzf-admin') });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.equal(res.headers['content-type'], 'application/zip');
      assert.equal(res.headers['content-disposition'], `attachment; filename="record-${officerId}.zip"`);
      const r = verifyBundle(res.rawPayload, { trustedKey: (await server.inject('/api/public/key')).body });
      assert.equal(r.ok, true, JSON.stringify(r.problem));
      assert.equal(r.events, 3);
    });

    it('refuses another agency (403); an agency\'s own record is in the platform log: platform admin only', async () => {
      const outsider = await server.inject({ url: `/api/records/${officerId}/bundle.zip`, headers: await loginAs(server, 'scjg-admin') });
      assert.equal(outsider.statusCode, 403);
      assert.equal(outsider.json().details.action, 'agency.read');
      const whzf = await ctx().db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow();
      assert.equal((await server.inject({ url: `/api/records/${whzf.id}/bundle.zip`, headers: await loginAs(server, 'whzf-admin') })).statusCode, 403);
      const admin = await server.inject({ url: `/api/records/${whzf.id}/bundle.zip`, headers: await loginAs(server, 'admin') });
      assert.equal(admin.statusCode, 200);
      assert.equal(manifestOf(admin.rawPayload).logs[0]!.log, 'platform');
    });

    it('an unknown subject is 404', async () => {
      const res = await server.inject({ url: '/api/records/no-such-subject/bundle.zip', headers: await loginAs(server, 'admin') });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().code, 'not-found');
    });
  });

  // Last: it edits a stored event (and puts it back).
  it('refuses to export a record whose stored event no longer hashes to its leaf', async () => {
    const db = ctx().db;
    const row = await db.selectFrom('events').select(['id', 'seq', 'data']).where('subject', '=', officerId).where('type', '=', 'officer.suspended').executeTakeFirstOrThrow();
    await db.updateTable('events').set({ data: row.data.replace('暂扣', '扣留') }).where('id', '=', row.id).execute();
    try {
      await assert.rejects(exportRecord(ctx(), officerId), (e: unknown) => e instanceof DomainError && e.message.includes(`序号 ${row.seq}`));
    } finally {
      await db.updateTable('events').set({ data: row.data }).where('id', '=', row.id).execute();
    }
  });
});

describe('sanxiang export-record / verify-bundle (command line)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bundle-'));
  let officerId = '';

  before(() => {
    const seed = sanxiang(['seed', '--data-dir', dir]);
    assert.equal(seed.status, 0, seed.stderr);
    const db = new Sqlite(path.join(dir, 'sanxiang.db'), { readonly: true });
    officerId = (db.prepare("select subject from events where type = 'officer.suspended' limit 1").get() as { subject: string }).subject;
    db.close();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('both commands answer --help', () => {
    for (const cmd of ['export-record', 'verify-bundle']) {
      const r = sanxiang([cmd, '--help']);
      assert.equal(r.status, 0, cmd);
      assert.match(r.stdout, new RegExp(`Usage: sanxiang ${cmd}`));
    }
  });

  it('exports a record to --out and verifies it against the platform public key; without --key it warns', () => {
    const out = path.join(dir, 'record.zip');
    const e = sanxiang(['export-record', officerId, '--out', out, '--data-dir', dir]);
    assert.equal(e.status, 0, e.stderr);
    assert.match(e.stderr, /已导出记录包/);
    assert.ok(fs.existsSync(out));

    const key = path.join(dir, 'keys', 'checkpoint.key.pub');
    const v = sanxiang(['verify-bundle', out, '--key', key]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /核验通过：2 条事件/);
    assert.match(v.stdout, /公钥与指定的可信公钥一致/);

    const refused = sanxiang(['verify-bundle', out]);
    assert.equal(refused.status, 1, 'without a pinned key the command refuses to vouch for the bundle');
    assert.match(refused.stderr, /--key/);

    const unpinned = sanxiang(['verify-bundle', out, '--trust-embedded-key']);
    assert.equal(unpinned.status, 0);
    assert.match(unpinned.stdout, /注意：未指定 --key/);

    const json = sanxiang(['verify-bundle', out, '--json', '--key', key]);
    assert.equal(JSON.parse(json.stdout).ok, true);
  });

  it('exits 1 naming the first bad file', () => {
    const out = path.join(dir, 'record.zip');
    assert.equal(sanxiang(['export-record', officerId, '--out', out, '--data-dir', dir]).status, 0);
    const bytes = fs.readFileSync(out);
    const event = Object.keys(unzipSync(bytes)).find((n) => n.endsWith('.json') && n.startsWith('events/'))!;
    const bad = path.join(dir, 'bad.zip');
    fs.writeFileSync(bad, rezip(bytes, (f) => void (f[event] = flip(f[event]!, 10))));
    const v = sanxiang(['verify-bundle', bad, '--key', path.join(dir, 'keys', 'checkpoint.key.pub')]);
    assert.equal(v.status, 1);
    assert.match(v.stdout, new RegExp(`核验失败：${event.replace(/[.]/g, '\\.')}：`));

    const otherKey = path.join(dir, 'other.vkey');
    fs.writeFileSync(otherKey, `${generateSignerKey('sanxiang').verifierKey}\n`);
    const wrong = sanxiang(['verify-bundle', out, '--key', otherKey]);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stdout, /核验失败：key\.vkey：/);
  });

  it('an unknown subject exits 1 with the reason', () => {
    const e = sanxiang(['export-record', 'no-such-subject', '--out', path.join(dir, 'none.zip'), '--data-dir', dir]);
    assert.equal(e.status, 1);
    assert.match(e.stderr, /错误 not-found/);
  });
});
