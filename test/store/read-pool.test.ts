import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openApp, type App } from '../../src/context.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { buildServer } from '../../src/http/server.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { readThreadsFrom } from '../../src/kernel/config.ts';
import { DomainError } from '../../src/kernel/errors.ts';
import { searchDecisions } from '../../src/modules/publicity/portal.service.ts';
import { ReadPool } from '../../src/store/read-pool.ts';
import type { DecisionSearchQuery, DecisionSearchResult } from '../../src/shared/portal.ts';
import { loadAgencies, publish } from '../publicity/portal.fixtures.ts';

/**
 * Reading threads (src/store/read-pool.ts; SQLite only — PostgreSQL reads on its own server
 * processes): a task runs on a read-only connection of its own thread, sees what the writer
 * committed, cannot write, and its refusals and failures reach the caller as they were thrown.
 */
describe('[sqlite] reading threads: read-only connections beside the event loop', () => {
  let dir: string;
  let app: App;
  let pool: ReadPool;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-reads-'));
    app = await openApp({ sqlitePath: path.join(dir, 'sanxiang.db'), readThreads: 2 }, dir, new FixedClock('2026-03-02T01:00:00.000Z'));
    await seedDemo(app);
    pool = new ReadPool(path.join(dir, 'sanxiang.db'), 2, new URL('./read-pool.tasks.ts', import.meta.url));
  });
  after(async () => {
    await pool.close();
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('SANXIANG_READ_THREADS sets the threads (0: none); by default the cores less one, 1–4', () => {
    assert.equal(readThreadsFrom({ SANXIANG_READ_THREADS: '0' }), 0);
    assert.equal(readThreadsFrom({ SANXIANG_READ_THREADS: ' 3 ' }), 3);
    assert.equal(readThreadsFrom({}), Math.min(4, Math.max(1, os.availableParallelism() - 1)));
    for (const bad of ['-1', '1.5', 'two', '65']) assert.throws(() => readThreadsFrom({ SANXIANG_READ_THREADS: bad }), /Invalid SANXIANG_READ_THREADS/);
  });

  it('a task reads what the writer committed before it was sent', async () => {
    const codes = (await app.db.selectFrom('agencies').select('code').orderBy('code').execute()).map((a) => a.code);
    assert.ok(codes.length > 0);
    assert.deepEqual(await pool.run('agencies', null), codes);
    assert.deepEqual(await pool.run('echo', { a: [1, '二'] }), { a: [1, '二'] });
  });

  it('a reading connection cannot write', async () => {
    await assert.rejects(pool.run('write', null), /reading thread: attempt to write a readonly database/);
    assert.ok((await pool.run<string[]>('agencies', null)).length > 0, 'nothing was deleted');
  });

  it('a refusal arrives as the same DomainError (code, status, details); a bug as an error naming the thread', async () => {
    const refused = await pool.run('refuse', null).catch((e: unknown) => e);
    assert.ok(refused instanceof DomainError);
    assert.equal(refused.code, 'validation-failed');
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.details, { fields: [{ field: 'after', message: '分页游标无效' }] });
    await assert.rejects(pool.run('fail', null), (e: Error) => !(e instanceof DomainError) && /reading thread: a bug in a read/.test(e.message) && /TypeError/.test(e.stack ?? ''));
    await assert.rejects(pool.run('no-such-task', null), /no read task no-such-task/);
  });

  it('a thread that dies fails its own requests; the next task gets a new thread', async () => {
    await assert.rejects(pool.run('die', null), /reading thread exited \(code 3\)/);
    assert.deepEqual(await pool.run('echo', 'again'), 'again');
  });

  it('requests spread over the threads, the least busy first', async () => {
    const ids = new Set(await Promise.all(Array.from({ length: 8 }, () => pool.run<number>('thread', null))));
    assert.equal(ids.size, 2);
  });

  it('a closed pool refuses work', async () => {
    const p = new ReadPool(path.join(dir, 'sanxiang.db'), 1, new URL('./read-pool.tasks.ts', import.meta.url));
    assert.equal(await p.run('echo', 1), 1);
    await p.close();
    await assert.rejects(p.run('echo', 1), /the read pool is closed/);
  });

  it("the portal's search in a reading thread answers exactly as on the event loop, over HTTP too", async () => {
    await loadAgencies(app);
    await publish(
      app,
      Array.from({ length: 30 }, (_, i) => ({
        agency: 'hy-whzf',
        party: `衡阳市蒸湘区星海网吧${i + 1}号店`,
        cause: '接纳未成年人进入营业场所',
        facts: `经查，当事人于2026年1月${(i % 28) + 1}日接纳未成年人进入网吧上网。`,
        decidedOn: i < 12 ? '2026-01-15' : '2026-02-20',
      })),
    );
    assert.ok(app.reads, 'the app reads in threads');
    const server = await buildServer(app, { webDir: null });
    try {
      const whzf = (await app.db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
      const queries: DecisionSearchQuery[] = [{ q: '网吧' }, { q: '接纳未成年人' }, { q: '星海网吧7号店' }, { agencyId: whzf }, { from: '2026-02-01' }, { q: '网吧', to: '2026-01-31' }, { kind: 'licence' }, { q: '。' }];
      for (const q of queries) {
        const here = await searchDecisions(app, q);
        const there = JSON.parse(await app.reads!.run<string>('portal.search', q)) as DecisionSearchResult;
        assert.deepEqual(there, here, JSON.stringify(q));
        const res = await server.inject({ url: `/api/public/decisions?${new URLSearchParams(q as Record<string, string>)}` });
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers['content-type']), /^application\/json/);
        assert.deepEqual(res.json(), here, `HTTP ${JSON.stringify(q)}`);
        if (here.next) assert.deepEqual(JSON.parse(await app.reads!.run<string>('portal.search', { ...q, after: here.next })), await searchDecisions(app, { ...q, after: here.next }));
      }
      const bad = await server.inject({ url: '/api/public/decisions?after=bm90LWEta2V5' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'validation-failed');
      assert.deepEqual(bad.json().details, { fields: [{ field: 'after', message: '分页游标无效' }] });
    } finally {
      await server.close();
    }
  });
});
