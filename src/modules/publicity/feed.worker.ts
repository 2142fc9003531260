import type { Ctx } from '../../context.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { FeedConfig } from '../../kernel/config.ts';
import { claimDelivery, completeDelivery, dueHeads, type Claim } from './feed.service.ts';
import { judgeAttempt, parseRetryAfter, signFeedBody, type AttemptResult, type FeedPolicy } from './feed.rules.ts';

export interface FeedWorkerOptions extends FeedConfig {
  /** Idle wait between looks at the outbox (ms). */
  pollMs?: number;
  /** Agencies delivered to at the same time (each agency's items stay in order). */
  concurrency?: number;
  /** How long a claimed item stays claimed (default: timeout + 30 s); then another worker takes it over. */
  leaseMs?: number;
  /** Defaults to the app's clock. */
  clock?: Clock;
  /** Jitter source, [0, 1). */
  random?: () => number;
  log?: (message: string) => void;
}

/**
 * The delivery worker of the outbound feed. Each pass takes the head of every agency's queue
 * that is due (src/modules/publicity/feed.service.ts `dueHeads`), claims it in the database,
 * POSTs its fixed body to the receiver — headers `Idempotency-Key`, `X-Sanxiang-Timestamp`,
 * `X-Sanxiang-Signature: sha256=HMAC(secret, timestamp + "." + body)` — and records the attempt.
 * All state is in the database: a new process continues where the last one stopped, and an item
 * left `delivering` by a process that died is taken over when its claim expires. Delivery is at
 * least once; the receiver dedupes by `Idempotency-Key`.
 */
export class FeedWorker {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly policy: FeedPolicy;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly log: (m: string) => void;
  /** Aborts the requests in flight when the worker stops. */
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private stopping = false;

  constructor(
    private readonly ctx: Pick<Ctx, 'db' | 'clock'>,
    private readonly options: FeedWorkerOptions,
  ) {
    this.clock = options.clock ?? ctx.clock;
    this.random = options.random ?? Math.random;
    this.policy = { maxAttempts: options.maxAttempts, baseDelayMs: options.baseDelayMs, maxDelayMs: options.maxDelayMs };
    this.pollMs = options.pollMs ?? 2000;
    this.concurrency = options.concurrency ?? 4;
    this.leaseMs = options.leaseMs ?? options.timeoutMs + 30_000;
    this.log = options.log ?? (() => {});
  }

  /** One pass: attempts the due head of up to `concurrency` agencies; returns how many were attempted. */
  async tick(): Promise<number> {
    if (this.stopping) return 0;
    const heads = await dueHeads(this.ctx.db, this.clock.now(), this.concurrency);
    const claims: Claim[] = [];
    for (const row of heads) {
      const c = await claimDelivery(this.ctx.db, row, this.clock.now(), this.leaseMs, this.policy.maxAttempts);
      if (c) claims.push(c);
    }
    await Promise.all(claims.map((c) => this.attempt(c)));
    return claims.length;
  }

  /** Passes until nothing is due (tests; the loop does the same between its waits). */
  async drain(maxPasses = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxPasses; i++) {
      const n = await this.tick();
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  private async attempt(claim: Claim): Promise<void> {
    const { row, attempt } = claim;
    const startedAt = this.clock.now();
    const t0 = performance.now();
    const timestamp = String(Math.floor(startedAt.getTime() / 1000));
    let result: AttemptResult;
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'idempotency-key': row.idempotency_key,
          'x-sanxiang-timestamp': timestamp,
          'x-sanxiang-signature': signFeedBody(this.options.secret, timestamp, row.body),
          'user-agent': 'sanxiang-feed/1',
        },
        body: row.body,
        // A redirect would resend signed data somewhere not configured: treat it as a refusal.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.abort.signal]),
      });
      const text = await res.text().catch(() => '');
      result = { kind: 'response', status: res.status, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), this.clock.now()), detail: text.trim().slice(0, 200) };
    } catch (err) {
      result = { kind: 'network', error: this.abort.signal.aborted ? 'interrupted' : networkError(err, this.options.timeoutMs) };
    }
    const durationMs = Math.round(performance.now() - t0);
    const now = this.clock.now();
    if (result.kind === 'network' && this.abort.signal.aborted) {
      // Stopped mid-attempt: back to the queue at once for the next start (the receiver may have it: it dedupes).
      await completeDelivery(this.ctx.db, claim, { startedAt, durationMs, statusCode: null, error: '投递中断：平台停止运行', outcome: 'interrupted', nextAttemptAt: now }, now).catch(() => {});
      return;
    }
    const verdict = judgeAttempt(result, attempt, this.policy, this.random);
    const statusCode = result.kind === 'response' ? result.status : null;
    const error = verdict.outcome === 'delivered' ? null : result.kind === 'network' ? result.error : `HTTP ${result.status}${result.detail ? `：${result.detail}` : ''}`;
    await completeDelivery(
      this.ctx.db,
      claim,
      {
        startedAt,
        durationMs,
        statusCode,
        error,
        outcome: verdict.outcome,
        ...(verdict.outcome === 'retry' ? { nextAttemptAt: new Date(now.getTime() + verdict.delayMs) } : {}),
      },
      now,
    );
    if (verdict.outcome === 'failed') this.log(`推送失败，已放弃 (feed item ${row.id} failed after ${attempt} attempt(s)): ${error}`);
  }

  /** Runs passes until stopped: straight on while there is work, otherwise every `pollMs`. */
  start(): void {
    if (this.loop) return;
    this.loop = (async () => {
      while (!this.stopping) {
        let worked = 0;
        try {
          worked = await this.tick();
        } catch (err) {
          this.log(`推送出错 (feed worker error): ${err instanceof Error ? err.message : String(err)}`);
        }
        if (worked === 0 && !this.stopping) await this.sleep(this.pollMs);
      }
    })();
  }

  /** Stops the loop: requests in flight are aborted and their items put back for the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}

function networkError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `超时：${Math.round(timeoutMs / 1000)} 秒内无应答`;
  const code = e?.cause?.code;
  return `网络错误：${code ?? e?.cause?.message ?? e?.message ?? String(err)}`;
}

/** Starts the feed's worker when SANXIANG_FEED_URL is configured; `stop()` it before closing the app. */
export function startFeedWorker(ctx: Pick<Ctx, 'db' | 'clock'>, config: FeedConfig | null, log?: (m: string) => void): FeedWorker | null {
  if (!config) return null;
  const worker = new FeedWorker(ctx, { ...config, ...(log ? { log } : {}) });
  worker.start();
  return worker;
}
