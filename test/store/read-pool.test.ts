import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import Fastify from 'fastify';
import { openApp, type App } from '../../src/context.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { registerErrorHandling } from '../../src/http/errors.ts';
import { buildServer } from '../../src/http/server.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { readThreadsFrom } from '../../src/kernel/config.ts';
import { DomainError } from '../../src/kernel/errors.ts';
import { DecisionSearchPage } from '../../src/modules/publicity/portal.routes.ts';
import { searchDecisions } from '../../src/modules/publicity/portal.service.ts';
import { MAX_QUEUED_PER_THREAD, ReadPool } from '../../src/store/read-pool.ts';
import type { DecisionSearchQuery, DecisionSearchResult } from '../../src/shared/portal.ts';
import { loadAgencies, publish } from '../publicity/portal.fixtures.ts';
import type { readTasks } from './read-pool.tasks.ts';

const TASKS = new URL('./read-pool.tasks.ts', import.meta.url);

/**
 * Reading threads (src/store/read-pool.ts; SQLite only — PostgreSQL reads on its own server
 * processes): a task runs on a read-only connection of its own thread, sees what the writer
 * committed, cannot write, and its refusals and failures reach the caller as they were thrown.
 */
describe('[sqlite] reading threads: read-only connections beside the event loop', () => {
  let dir: string;
  let app: App;
  let pool: ReadPool<typeof readTasks>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-reads-'));
    app = await openApp({ sqlitePath: path.join(dir, 'sanxiang.db'), readThreads: 2 }, dir, new FixedClock('2026-03-02T01:00:00.000Z'));
    await seedDemo(app);
    await loadAgencies(app);
    pool = new ReadPool(path.join(dir, 'sanxiang.db'), 2, TASKS);
  });
  after(async () => {
    await pool.close();
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const eventCount = async () => Number((await app.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('SANXIANG_READ_THREADS sets the threads (0: none, at most 16); by default the cores less one, 2–4', () => {
    assert.equal(readThreadsFrom({ SANXIANG_READ_THREADS: '0' }), 0);
    assert.equal(readThreadsFrom({ SANXIANG_READ_THREADS: ' 3 ' }), 3);
    assert.equal(readThreadsFrom({}), Math.min(4, Math.max(2, os.availableParallelism() - 1)));
    for (const bad of ['-1', '1.5', 'two', '17']) assert.throws(() => readThreadsFrom({ SANXIANG_READ_THREADS: bad }), /Invalid SANXIANG_READ_THREADS/);
  });

  it('a task sees what the writer committed, also after its connection was opened', async () => {
    assert.equal(await pool.run('events', null), await eventCount());
    await publish(app, [{ agency: 'hy-whzf', party: '衡阳市蒸湘区启明网吧', cause: '接纳未成年人进入营业场所', facts: '经查，当事人接纳未成年人进入网吧。', decidedOn: '2026-02-02' }]);
    assert.equal(await pool.run('events', null), await eventCount());
    assert.deepEqual(await pool.run('echo', { a: [1, '二'] }), { a: [1, '二'] });
  });

  it('a reading connection cannot write: the file is opened read-only', async () => {
    const before = await eventCount();
    await assert.rejects(pool.run('write', null), /reading thread: attempt to write a readonly database/);
    assert.ok((await app.db.selectFrom('agencies').select('id').execute()).length > 0, 'nothing was deleted');
    assert.equal(await eventCount(), before);
  });

  it('a refusal arrives as the same DomainError (code, status, details); a bug or an unsendable result as an error naming the thread', async () => {
    const refused = await pool.run('refuse', null).catch((e: unknown) => e);
    assert.ok(refused instanceof DomainError);
    assert.equal(refused.code, 'validation-failed');
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.details, { fields: [{ field: 'after', message: '分页游标无效' }] });
    await assert.rejects(pool.run('fail', null), (e: Error) => !(e instanceof DomainError) && /reading thread: a bug in a read/.test(e.message) && /TypeError/.test(e.stack ?? ''));
    await assert.rejects(pool.run('unclonable', null), /reading thread: .*could not be cloned/);
    await assert.rejects(pool.run('no-such-task' as 'echo', null), /no read task no-such-task/);
  });

  it('requests spread over the threads, the least busy first; a thread that dies fails only its own requests and is replaced', async () => {
    const fresh = new ReadPool<typeof readTasks>(path.join(dir, 'sanxiang.db'), 2, TASKS);
    try {
      const ids = new Set(await Promise.all(Array.from({ length: 8 }, () => fresh.run('slow', 20))));
      assert.equal(ids.size, 2);
      const survivor = fresh.run('slow', 300); // on one thread …
      await assert.rejects(fresh.run('die', null), /reading thread exited \(code 3\)/); // … the other dies
      const alive = await survivor;
      assert.ok(ids.has(alive), 'the request on the other thread was answered');
      const next = await Promise.all([fresh.run('slow', 50), fresh.run('slow', 50)]);
      assert.equal(new Set(next).size, 2, 'two threads again');
      assert.ok(next.some((t) => !ids.has(t)), 'one of them new');
      assert.equal(fresh.broken, null);
    } finally {
      await fresh.close();
    }
  });

  it(`a thread holding ${MAX_QUEUED_PER_THREAD} requests refuses more: 503 server-busy, retry after a second`, async () => {
    const one = new ReadPool<typeof readTasks>(path.join(dir, 'sanxiang.db'), 1, TASKS);
    try {
      const held = Array.from({ length: MAX_QUEUED_PER_THREAD }, () => one.run('slow', 200));
      const refused = await one.run('echo', 1).catch((e: unknown) => e);
      assert.ok(refused instanceof DomainError);
      assert.equal(refused.code, 'server-busy');
      assert.equal(refused.status, 503);
      assert.deepEqual(refused.details, { retryAfterSeconds: 1 });
      // Over HTTP: the error handler answers 503 with Retry-After.
      const http = Fastify();
      registerErrorHandling(http);
      http.get('/busy', async () => {
        throw refused;
      });
      const res = await http.inject({ url: '/busy' });
      assert.equal(res.statusCode, 503);
      assert.equal(res.headers['retry-after'], '1');
      assert.equal(res.json().code, 'server-busy');
      await http.close();
      await Promise.all(held);
      assert.equal(await one.run('echo', 2), 2, 'served again once the queue drained');
    } finally {
      await one.close();
    }
  });

  it('threads that cannot start (their tasks do not load) stop being started after three; the pool says it is broken', async () => {
    const bad = new ReadPool(path.join(dir, 'sanxiang.db'), 1, new URL('./no-such-tasks.ts', import.meta.url));
    const stderr = process.stderr.write.bind(process.stderr);
    const said: string[] = [];
    process.stderr.write = ((chunk: string) => (said.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      for (let k = 0; k < 3; k++) await assert.rejects(bad.run('echo' as never, 1 as never));
      assert.ok(bad.broken);
      await assert.rejects(bad.run('echo' as never, 1 as never), /reading threads cannot start .* reads run on the event loop/);
      assert.equal(said.filter((s) => /reading threads cannot start/.test(s)).length, 1, 'said once on stderr');
    } finally {
      process.stderr.write = stderr;
      await bad.close();
    }
  });

  it('a closed pool refuses work', async () => {
    const p = new ReadPool<typeof readTasks>(path.join(dir, 'sanxiang.db'), 1, TASKS);
    assert.equal(await p.run('echo', 1), 1);
    await p.close();
    await assert.rejects(p.run('echo', 1), /the read pool is closed/);
  });

  it("the portal's search in a reading thread answers exactly as on the event loop, over HTTP too, in the documented shape", async () => {
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
        const there = JSON.parse(await app.reads!.run('portal.search', q)) as DecisionSearchResult;
        assert.deepEqual(there, here, JSON.stringify(q));
        const res = await server.inject({ url: `/api/public/decisions?${new URLSearchParams(q as Record<string, string>)}` });
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers['content-type']), /^application\/json/);
        assert.deepEqual(res.json(), here, `HTTP ${JSON.stringify(q)}`);
        assert.ok(Value.Check(DecisionSearchPage, res.json()), `the documented response schema: ${[...Value.Errors(DecisionSearchPage, res.json())].map((e) => `${e.path} ${e.message}`).join('; ')}`);
        if (here.next) assert.deepEqual(JSON.parse(await app.reads!.run('portal.search', { ...q, after: here.next })), await searchDecisions(app, { ...q, after: here.next }));
      }
      // A refusal in the thread reaches the citizen as it does on the event loop.
      const bad = await server.inject({ url: `/api/public/decisions?q=${encodeURIComponent('网吧')}&after=bm90LWEta2V5` });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'validation-failed');
      assert.deepEqual(bad.json().details, { fields: [{ field: 'after', message: '分页游标无效' }] });
    } finally {
      await server.close();
    }
  });
});
