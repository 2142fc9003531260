import { createHmac } from 'node:crypto';

/**
 * The outbound feed's rules as pure functions: the signature the receiver checks, the backoff
 * between attempts, and which answers are worth another attempt.
 */

export interface FeedPolicy {
  /** Attempts per round before an item is given up (`failed`). */
  maxAttempts: number;
  /** Delay before the 2nd attempt; doubles each time. */
  baseDelayMs: number;
  /** Cap of the delay (before jitter). */
  maxDelayMs: number;
}

export const DEFAULT_FEED_POLICY: FeedPolicy = { maxAttempts: 10, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

/**
 * signFeedBody gives the `X-Sanxiang-Signature` header: `sha256=` and the hex HMAC-SHA256, keyed
 * with the shared secret, of `timestamp + "." + body` (the timestamp is `X-Sanxiang-Timestamp`,
 * Unix seconds, so a receiver can refuse replays of old requests).
 */
export function signFeedBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * backoffDelay is the wait after failed attempt `attempt` (1-based): exponential from
 * `baseDelayMs`, capped at `maxDelayMs`, with "equal jitter" — between half and all of it — so
 * items that failed together do not come back together. `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, policy: FeedPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(Math.max(attempt - 1, 0), 40));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** What an attempt came back with: an HTTP answer, or no answer (refused, reset, timed out). */
export type AttemptResult = { kind: 'response'; status: number; retryAfterMs: number | null; detail?: string } | { kind: 'network'; error: string };

/**
 * Another attempt may succeed after a network error, a timeout, a server error (5xx) or "slow
 * down" (408, 425, 429). Any other answer (3xx, 4xx) refuses these exact bytes and would refuse
 * them again: the item fails at once and waits for an admin (a wrong secret, a changed URL).
 */
export function isRetryable(r: AttemptResult): boolean {
  if (r.kind === 'network') return true;
  return r.status >= 500 || r.status === 408 || r.status === 425 || r.status === 429;
}

export type AttemptVerdict = { outcome: 'delivered' } | { outcome: 'retry'; delayMs: number } | { outcome: 'failed' };

/** judgeAttempt decides what follows attempt number `attempt` (1-based) of the current round. */
export function judgeAttempt(r: AttemptResult, attempt: number, policy: FeedPolicy, random: () => number): AttemptVerdict {
  if (r.kind === 'response' && r.status >= 200 && r.status < 300) return { outcome: 'delivered' };
  if (!isRetryable(r) || attempt >= policy.maxAttempts) return { outcome: 'failed' };
  const delay = backoffDelay(attempt, policy, random);
  // A receiver that says when to come back (Retry-After) is not asked sooner, within the cap.
  const asked = r.kind === 'response' && r.retryAfterMs !== null ? Math.min(r.retryAfterMs, policy.maxDelayMs) : 0;
  return { outcome: 'retry', delayMs: Math.max(delay, asked) };
}

/** parseRetryAfter reads `Retry-After` (seconds or an HTTP date) as milliseconds from `now`. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
