import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { loadFeedConfig } from '../../kernel/config.ts';
import { backoffDelay, isRetryable, judgeAttempt, parseRetryAfter, signFeedBody, type FeedPolicy } from './feed.rules.ts';

const policy: FeedPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };
const ok = (status: number) => ({ kind: 'response' as const, status, retryAfterMs: null });

describe('对外推送 outbound feed rules', () => {
  it('the signature is sha256= hex HMAC-SHA256(secret, timestamp + "." + body)', () => {
    const expected = createHmac('sha256', 'k'.repeat(32)).update('1767225600.{"a":1}').digest('hex');
    assert.equal(signFeedBody('k'.repeat(32), '1767225600', '{"a":1}'), `sha256=${expected}`);
    assert.notEqual(signFeedBody('k'.repeat(32), '1767225601', '{"a":1}'), `sha256=${expected}`);
  });

  it('backoff doubles from the base, is capped, and jitters between half and all of the delay', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0.999999)), [1000, 2000, 4000, 8000]);
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0)), [500, 1000, 2000, 4000]);
    assert.equal(backoffDelay(30, policy, () => 0.999999), 60_000);
    assert.equal(backoffDelay(10_000, policy, () => 0), 30_000);
  });

  it('network errors, 5xx, 408, 425 and 429 are retried; 3xx and other 4xx refuse the bytes and fail at once', () => {
    for (const s of [500, 502, 503, 504, 408, 425, 429]) assert.ok(isRetryable(ok(s)), String(s));
    assert.ok(isRetryable({ kind: 'network', error: 'ECONNREFUSED' }));
    for (const s of [301, 400, 401, 403, 404, 422]) assert.equal(judgeAttempt(ok(s), 1, policy, () => 0).outcome, 'failed', String(s));
  });

  it('2xx delivers; a retryable answer waits its backoff until the last attempt, which fails', () => {
    assert.deepEqual(judgeAttempt(ok(204), 5, policy, () => 0), { outcome: 'delivered' });
    assert.deepEqual(judgeAttempt(ok(503), 2, policy, () => 0), { outcome: 'retry', delayMs: 1000 });
    assert.deepEqual(judgeAttempt(ok(503), 5, policy, () => 0), { outcome: 'failed' });
  });

  it('Retry-After (seconds or HTTP date) is honoured within the cap', () => {
    const now = new Date('2026-03-02T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Mon, 02 Mar 2026 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.deepEqual(judgeAttempt({ kind: 'response', status: 429, retryAfterMs: 120_000 }, 1, policy, () => 0), { outcome: 'retry', delayMs: 60_000 });
    assert.deepEqual(judgeAttempt({ kind: 'response', status: 429, retryAfterMs: 5_000 }, 1, policy, () => 0), { outcome: 'retry', delayMs: 5_000 });
  });

  it('configuration: no SANXIANG_FEED_URL, no feed; a URL needs a secret of at least 16 characters; the retry knobs are read in seconds', () => {
    assert.equal(loadFeedConfig({}), null);
    assert.throws(() => loadFeedConfig({ SANXIANG_FEED_URL: 'https://city.example/feed' }), /SANXIANG_FEED_SECRET/);
    assert.throws(() => loadFeedConfig({ SANXIANG_FEED_URL: 'ftp://city.example/feed', SANXIANG_FEED_SECRET: 'x'.repeat(16) }), /SANXIANG_FEED_URL/);
    assert.throws(() => loadFeedConfig({ SANXIANG_FEED_URL: 'https://city.example/feed', SANXIANG_FEED_SECRET: 'x'.repeat(16), SANXIANG_FEED_MAX_ATTEMPTS: '0' }), /MAX_ATTEMPTS/);
    assert.deepEqual(loadFeedConfig({ SANXIANG_FEED_URL: 'https://city.example/feed', SANXIANG_FEED_SECRET: 'x'.repeat(16), SANXIANG_FEED_RETRY_BASE_SECONDS: '5' }), {
      url: 'https://city.example/feed',
      secret: 'x'.repeat(16),
      maxAttempts: 10,
      baseDelayMs: 5000,
      maxDelayMs: 3_600_000,
      timeoutMs: 10_000,
    });
  });
});
