/**
 * The outbound feed to the city's unified platform (issue 8, "Open data"): a durable outbox
 * written in the publication's transaction, delivered by HTTP POST to a real local receiver
 * (node:http on port 0), HMAC-signed, with a stable idempotency key, retried with backoff,
 * failed after N attempts, and a delivery log for admins.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import type { FixedClock } from '../../src/kernel/clock.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { enqueueFeed } from '../../src/modules/publicity/feed.service.ts';
import { FeedWorker, type FeedWorkerOptions } from '../../src/modules/publicity/feed.worker.ts';
import { backoffDelay } from '../../src/modules/publicity/feed.rules.ts';
import type { FeedDelivery, FeedDeliveryPage } from '../../src/shared/feed.ts';

const SECRET = 'feed-test-secret-0123456789abcdef';

interface Received {
  key: string;
  timestamp: string;
  signature: string;
  contentType: string;
  body: string;
}

type Answer = number | 'hang';

/** The city's platform, as a test double: verifies nothing itself, records everything, dedupes by Idempotency-Key. */
class Receiver {
  readonly requests: Received[] = [];
  /** Items taken in (first time each key was seen and answered 2xx). */
  readonly accepted = new Map<string, string>();
  readonly hung: http.ServerResponse[] = [];
  answer: (r: Received) => Answer = () => 200;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        key: String(req.headers['idempotency-key']),
        timestamp: String(req.headers['x-sanxiang-timestamp']),
        signature: String(req.headers['x-sanxiang-signature']),
        contentType: String(req.headers['content-type']),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(r);
      const a = this.accepted.has(r.key) ? 200 : this.answer(r);
      if (a === 'hang') return void this.hung.push(res);
      if (a >= 200 && a < 300) this.accepted.set(r.key, r.body);
      res.statusCode = a;
      res.end(a >= 400 ? `status ${a}` : '{"ok":true}');
    });
  });
  port = 0;
  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  get url() {
    return `http://127.0.0.1:${this.port}/feed`;
  }
  async close(): Promise<void> {
    for (const res of this.hung.splice(0)) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  /** Bodies of the requests about `subject`, in arrival order. */
  about(subject: string): Received[] {
    return this.requests.filter((r) => JSON.parse(r.body).subject === subject);
  }
}

const verifies = (r: Received, secret: string) => {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${r.timestamp}.${r.body}`).digest('hex')}`);
  const got = Buffer.from(r.signature);
  return expected.length === got.length && timingSafeEqual(expected, got);
};

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let subjects = 0;

describeEachEngine('对外推送 outbound feed to the city platform (issue 8 open data)', (ctx) => {
  const receiver = new Receiver();
  let server: FastifyInstance;
  let whzf = '';
  let wwj = '';
  let admin: Session;
  let whzfAdmin: Session;
  let wwjAdmin: Session;
  const clock = () => ctx().clock as FixedClock;
  const worker = (o: Partial<FeedWorkerOptions> = {}) =>
    new FeedWorker(ctx(), { url: receiver.url, secret: SECRET, maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 5000, random: () => 0.5, ...o });
  const enqueue = async (agencyId: string, payload: unknown = { number: '衡文执罚〔2026〕第1号', text: '决定书正文' }, kind: 'publication.published' | 'publication.corrected' | 'publication.withdrawn' = 'publication.published') => {
    const subject = `pub-${process.pid}-${++subjects}`;
    await ctx().db.transaction().execute((trx) => enqueueFeed(ctx(), trx, { agencyId, kind, subject, payload }));
    return subject;
  };
  const row = (subject: string) => ctx().db.selectFrom('feed_outbox').selectAll().where('subject', '=', subject).executeTakeFirstOrThrow();
  const attempts = async (subject: string) =>
    ctx().db.selectFrom('feed_attempts').selectAll().where('delivery_id', '=', (await row(subject)).id).orderBy('id').execute();

  before(async () => {
    await receiver.listen();
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    const agencies = await ctx().db.selectFrom('agencies').select(['id', 'code']).execute();
    whzf = agencies.find((a) => a.code === 'hy-whzf')!.id;
    wwj = agencies.find((a) => a.code === 'hy-wwj')!.id;
    admin = await loginAs(server, 'admin');
    whzfAdmin = await loginAs(server, 'whzf-admin');
    wwjAdmin = await loginAs(server, 'wwj-admin');
  });
  after(async () => {
    await receiver.close();
    await server?.close();
  });

  it('each item is POSTed as JSON with Idempotency-Key and X-Sanxiang-Signature = sha256 HMAC(secret, timestamp + "." + body), which the receiver verifies', async () => {
    receiver.answer = () => 200;
    const payload = { number: '衡文执罚〔2026〕第7号', text: '当事人：某网吧' };
    const subject = await enqueue(whzf, payload);
    assert.equal(await worker().drain(), 1);
    const [r, ...more] = receiver.about(subject);
    assert.ok(r);
    assert.equal(more.length, 0);
    assert.ok(verifies(r, SECRET), 'the signature verifies with the shared secret');
    assert.ok(!verifies(r, 'another-secret-0123456789abcdef'), 'and not with another secret');
    assert.ok(!verifies({ ...r, body: r.body.replace('第7号', '第8号') }, SECRET), 'nor over altered bytes');
    assert.match(r.contentType, /^application\/json/);
    assert.equal(r.timestamp, String(Math.floor(clock().now().getTime() / 1000)));
    const body = JSON.parse(r.body);
    assert.equal(body.id, r.key, 'the body names its idempotency key');
    assert.equal(body.type, 'publication.published');
    assert.deepEqual(body.agency, { id: whzf, code: 'hy-whzf', name: body.agency.name });
    assert.deepEqual(body.data, payload);
    const stored = await row(subject);
    assert.equal(stored.status, 'delivered');
    assert.equal(stored.idempotency_key, r.key);
    const log = await attempts(subject);
    assert.equal(log.length, 1);
    assert.equal(log[0]!.outcome, 'delivered');
    assert.equal(log[0]!.status_code, 200);
    assert.equal(typeof log[0]!.duration_ms, 'number');
  });

  it('500 then 200: delivered on the second attempt after the exponential backoff, with the same Idempotency-Key and the same bytes', async () => {
    let calls = 0;
    receiver.answer = () => (++calls === 1 ? 500 : 200);
    const subject = await enqueue(whzf);
    const w = worker();
    assert.equal(await w.tick(), 1);
    const waiting = await row(subject);
    assert.equal(waiting.status, 'pending');
    assert.equal(waiting.attempts, 1);
    assert.equal(waiting.last_status_code, 500);
    const delay = backoffDelay(1, { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 }, () => 0.5);
    assert.equal(new Date(waiting.next_attempt_at).getTime() - clock().now().getTime(), delay);
    assert.equal(await w.drain(), 0, 'nothing is sent before the backoff has passed');
    clock().advance(delay);
    assert.equal(await w.drain(), 1);
    const [first, second] = receiver.about(subject);
    assert.ok(first && second);
    assert.equal(second.key, first.key, 'the idempotency key is stable across retries');
    assert.equal(second.body, first.body);
    assert.ok(verifies(second, SECRET));
    assert.equal((await row(subject)).status, 'delivered');
    assert.deepEqual((await attempts(subject)).map((a) => [a.attempt, a.outcome, a.status_code]), [[1, 'retry', 500], [2, 'delivered', 200]]);
  });

  it('in order per agency: later items wait behind the head; after N attempts the head fails and the later ones continue; other agencies are not held up', async () => {
    let blocked = '';
    receiver.answer = (r) => (JSON.parse(r.body).subject === blocked ? 503 : 200);
    const first = await enqueue(whzf);
    blocked = first;
    const second = await enqueue(whzf);
    const other = await enqueue(wwj);
    const w = worker();
    assert.equal(await w.drain(), 2, 'the head of each agency');
    assert.equal(receiver.about(second).length, 0, 'the second item waits behind the first');
    assert.equal(receiver.about(other).length, 1, 'the other agency is delivered');
    for (let i = 0; i < 5; i++) {
      clock().advance(60_000);
      await w.drain();
    }
    const failed = await row(first);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, 3, 'given up after maxAttempts');
    assert.match(failed.last_error ?? '', /^HTTP 503/);
    assert.deepEqual((await attempts(first)).map((a) => a.outcome), ['retry', 'retry', 'failed']);
    assert.equal(receiver.about(first).length, 3);
    assert.equal((await row(second)).status, 'delivered');
    const order = receiver.requests.map((r) => JSON.parse(r.body).subject).filter((s) => s === first || s === second);
    assert.deepEqual(order, [first, first, first, second]);
  });

  it('a 4xx other than 408/425/429 refuses the bytes: failed at once, no retries', async () => {
    receiver.answer = () => 401;
    const subject = await enqueue(whzf);
    await worker().drain();
    const r = await row(subject);
    assert.equal(r.status, 'failed');
    assert.equal(r.attempts, 1);
    assert.equal(r.last_status_code, 401);
  });

  it('receiver down, then up: the network error is logged and the item is delivered after the backoff', async () => {
    const down = new Receiver();
    await down.listen();
    const port = down.port;
    await down.close();
    const subject = await enqueue(wwj);
    const w = worker({ url: `http://127.0.0.1:${port}/feed` });
    assert.equal(await w.drain(), 1);
    const r = await row(subject);
    assert.equal(r.status, 'pending');
    assert.equal(r.last_status_code, null);
    assert.match(r.last_error ?? '', /ECONNREFUSED/);
    const up = new Receiver();
    await up.listen(port);
    try {
      clock().advance(60_000);
      assert.equal(await w.drain(), 1);
      assert.equal((await row(subject)).status, 'delivered');
      assert.equal(up.about(subject).length, 1);
      assert.deepEqual((await attempts(subject)).map((a) => a.outcome), ['retry', 'delivered']);
    } finally {
      await up.close();
    }
  });

  it('restart mid-flight: the item left "delivering" by a dead process is taken over when its claim expires and reaches the receiver exactly once (deduped by Idempotency-Key)', async () => {
    let calls = 0;
    receiver.answer = () => (++calls === 1 ? 'hang' : 200);
    const subject = await enqueue(whzf);
    // The first process sends, then "dies" while waiting for the answer.
    const dead = worker({ leaseMs: 10_000, timeoutMs: 30_000 });
    const dying = dead.tick();
    await until(() => receiver.about(subject).length === 1);
    assert.equal((await row(subject)).status, 'delivering');
    // A new process: nothing happens while the claim holds …
    const next = worker({ leaseMs: 10_000 });
    assert.equal(await next.drain(), 0);
    // … and once it has expired, the item is sent again, under the same key.
    clock().advance(10_001);
    assert.equal(await next.drain(), 1);
    const sent = receiver.about(subject);
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.key, sent[0]!.key);
    assert.equal([...receiver.accepted.keys()].filter((k) => k === sent[0]!.key).length, 1);
    assert.equal((await row(subject)).status, 'delivered');
    // The dead process's late answer changes nothing; its attempt is only logged.
    for (const res of receiver.hung.splice(0)) (res.statusCode = 200), res.end('{}');
    await dying;
    const r = await row(subject);
    assert.equal(r.status, 'delivered');
    assert.equal(r.attempts, 2);
    assert.deepEqual((await attempts(subject)).map((a) => [a.attempt, a.outcome]), [[1, 'interrupted'], [2, 'delivered'], [1, 'delivered']]);
  });

  it('the loop delivers by itself, and stop() aborts the request in flight, putting the item back for the next start', async () => {
    receiver.answer = () => 200;
    const quick = await enqueue(wwj);
    const w = worker({ pollMs: 20 });
    w.start();
    await until(() => receiver.about(quick).length === 1);
    await until(() => receiver.accepted.size > 0);
    receiver.answer = () => 'hang';
    const slow = await enqueue(wwj);
    await until(() => receiver.about(slow).length === 1);
    const t0 = Date.now();
    await w.stop();
    assert.ok(Date.now() - t0 < 2000, 'stops promptly');
    const r = await row(slow);
    assert.equal(r.status, 'pending');
    assert.deepEqual((await attempts(slow)).map((a) => a.outcome), ['interrupted']);
    receiver.answer = () => 200;
    assert.equal(await worker().drain(), 1);
    assert.equal((await row(slow)).status, 'delivered');
    assert.equal((await row(quick)).status, 'delivered');
  });

  it('the enqueue is part of its transaction: rolled back with it, committed with it', async () => {
    const subject = `rollback-${process.pid}-${++subjects}`;
    await assert.rejects(
      ctx().db.transaction().execute(async (trx) => {
        await enqueueFeed(ctx(), trx, { agencyId: whzf, kind: 'publication.withdrawn', subject, payload: { reason: '撤销' } });
        throw new Error('the publication failed');
      }),
      /the publication failed/,
    );
    assert.equal(await ctx().db.selectFrom('feed_outbox').select('id').where('subject', '=', subject).executeTakeFirst(), undefined);
    await ctx().db.transaction().execute((trx) => enqueueFeed(ctx(), trx, { agencyId: whzf, kind: 'publication.withdrawn', subject, payload: { reason: '撤销' } }));
    assert.equal((await row(subject)).status, 'pending');
    await worker().drain();
  });

  it('the delivery log: agency admins see their own agency, the platform admin all; filters and cursor paging; others are refused', async () => {
    const get = async (url: string, auth: Session) => {
      const res = await server.inject({ url, headers: auth });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as FeedDeliveryPage;
    };
    const all = await get('/api/feed/deliveries?limit=200', admin);
    assert.ok(all.items.some((d) => d.agencyId === whzf) && all.items.some((d) => d.agencyId === wwj));
    const own = await get('/api/feed/deliveries?limit=200', whzfAdmin);
    assert.ok(own.items.length > 0 && own.items.every((d) => d.agencyId === whzf));
    assert.deepEqual((await get(`/api/feed/deliveries?agencyId=${whzf}`, wwjAdmin)).items, []);
    const failed = await get('/api/feed/deliveries?status=failed', whzfAdmin);
    assert.ok(failed.items.length >= 2 && failed.items.every((d) => d.status === 'failed'));
    const f = failed.items.find((d) => d.lastStatusCode === 503)!;
    assert.equal(f.attempts, 3);
    assert.deepEqual(f.log.map((a) => a.outcome), ['failed', 'retry', 'retry']);
    // paging: newest first, no overlaps
    const p1 = await get('/api/feed/deliveries?limit=2', whzfAdmin);
    assert.equal(p1.items.length, 2);
    assert.ok(p1.next);
    const p2 = await get(`/api/feed/deliveries?limit=2&after=${p1.next}`, whzfAdmin);
    assert.ok(Number(p2.items[0]!.id) < Number(p1.items[1]!.id));
    const officer = await loginAs(server, 'whzf-officer1');
    const refused = await server.inject({ url: '/api/feed/deliveries', headers: officer });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'forbidden');
  });

  it('retry: a failed item starts a new round (recorded as feed.delivery-retried) and is delivered; a delivered one is refused with 409; another agency\'s admin gets 403', async () => {
    receiver.answer = () => 200;
    const failed = (await ctx().db.selectFrom('feed_outbox').selectAll().where('agency_id', '=', whzf).where('status', '=', 'failed').orderBy('id').executeTakeFirstOrThrow());
    const denied = await server.inject({ method: 'POST', url: `/api/feed/deliveries/${failed.id}/retry`, headers: wwjAdmin });
    assert.equal(denied.statusCode, 403);
    assert.equal((await row(failed.subject)).status, 'failed', 'a refusal changes nothing');
    const res = await server.inject({ method: 'POST', url: `/api/feed/deliveries/${failed.id}/retry`, headers: whzfAdmin });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json() as FeedDelivery;
    assert.equal(d.status, 'pending');
    assert.equal(d.attempts, 0);
    const event = await ctx().db.selectFrom('events').selectAll().where('type', '=', 'feed.delivery-retried').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(event.log_id, 'platform');
    assert.equal(JSON.parse(event.data).deliveryId, String(failed.id));
    await worker().drain();
    assert.equal((await row(failed.subject)).status, 'delivered');
    const again = await server.inject({ method: 'POST', url: `/api/feed/deliveries/${failed.id}/retry`, headers: whzfAdmin });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'feed-not-retryable');
    const missing = await server.inject({ method: 'POST', url: '/api/feed/deliveries/999999/retry', headers: admin });
    assert.equal(missing.statusCode, 404);
  });
});
