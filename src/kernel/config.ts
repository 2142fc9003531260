import os from 'node:os';
import path from 'node:path';

/** Process configuration (DESIGN "Contracts": PORT, SANXIANG_DATA_DIR, DATABASE_URL, flags). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; absent means embedded SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Demo mode seeds demo agencies and accounts into an empty database. */
  demo: boolean;
  /** Minutes between scheduled checkpoints of every log. */
  checkpointMinutes: number;
  /** The outbound feed to the city's unified platform; null when SANXIANG_FEED_URL is not set. */
  feed: FeedConfig | null;
  /** The platform's public address (SANXIANG_PUBLIC_URL), printed in QR codes; absent: the request's origin. */
  publicUrl: string | undefined;
  /** SQLite: threads with read-only connections for the public portal's reads (src/store/read-pool.ts); 0 reads on the event loop. */
  readThreads: number;
}

export interface ConfigFlags {
  port?: string | number;
  host?: string;
  dataDir?: string;
  demo?: boolean;
}

export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(flags.port ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port: ${flags.port ?? env.PORT}`);
  }
  const production = env.NODE_ENV === 'production';
  return {
    port,
    host: flags.host ?? env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(flags.dataDir ?? env.SANXIANG_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demo: production ? false : flags.demo !== false,
    checkpointMinutes: Math.max(1, Number(env.SANXIANG_CHECKPOINT_MINUTES ?? 60)),
    feed: loadFeedConfig(env),
    publicUrl: publicUrlFrom(env),
    readThreads: readThreadsFrom(env),
  };
}

/**
 * How many reading threads `sanxiang start` runs on SQLite: the cores the event loop leaves,
 * at least two, at most four (SANXIANG_READ_THREADS sets it, 0–16; 0 reads on the event loop).
 * Two even on two cores: the event loop answers remembered pages itself, and a search nobody
 * asked before (a cold read at a million decisions) then holds up only its own thread
 * (docs/performance.md: +30 % searches/s at the same p99 on this 2-core machine).
 * Each holds a connection with its own page cache (up to 64 MiB: store/db.ts PAGE_CACHE_KIB).
 */
export function readThreadsFrom(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SANXIANG_READ_THREADS?.trim();
  if (raw) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 16) throw new Error(`Invalid SANXIANG_READ_THREADS: ${raw} (0–16)`);
    return n;
  }
  return Math.min(4, Math.max(2, os.availableParallelism() - 1));
}

/**
 * SANXIANG_PUBLIC_URL: the address citizens reach the platform at (e.g. https://zf.example.gov.cn),
 * used in printed QR codes, which must not depend on how the console user reached the server.
 */
export function publicUrlFrom(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.SANXIANG_PUBLIC_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Invalid SANXIANG_PUBLIC_URL: ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SANXIANG_PUBLIC_URL must be http(s): ${raw}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Where and how the outbound feed delivers (src/modules/publicity/feed.worker.ts). */
export interface FeedConfig {
  url: string;
  /** HMAC-SHA256 key of `X-Sanxiang-Signature`, shared with the receiver. */
  secret: string;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

/**
 * SANXIANG_FEED_URL (http/https) turns the feed on and then needs SANXIANG_FEED_SECRET;
 * SANXIANG_FEED_MAX_ATTEMPTS (10), SANXIANG_FEED_RETRY_BASE_SECONDS (30),
 * SANXIANG_FEED_RETRY_MAX_SECONDS (3600), SANXIANG_FEED_TIMEOUT_SECONDS (10) tune the retries.
 */
export function loadFeedConfig(env: NodeJS.ProcessEnv): FeedConfig | null {
  const url = env.SANXIANG_FEED_URL?.trim();
  if (!url) return null;
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new Error(`Invalid SANXIANG_FEED_URL: ${url}`);
  const secret = env.SANXIANG_FEED_SECRET ?? '';
  if (secret.length < 16) throw new Error('SANXIANG_FEED_URL is set: SANXIANG_FEED_SECRET (at least 16 characters) is required to sign the feed');
  const positive = (name: string, fallback: number) => {
    const v = Number(env[name] ?? fallback);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`Invalid ${name}: ${env[name]}`);
    return v;
  };
  return {
    url,
    secret,
    maxAttempts: Math.round(positive('SANXIANG_FEED_MAX_ATTEMPTS', 10)),
    baseDelayMs: positive('SANXIANG_FEED_RETRY_BASE_SECONDS', 30) * 1000,
    maxDelayMs: positive('SANXIANG_FEED_RETRY_MAX_SECONDS', 3600) * 1000,
    timeoutMs: positive('SANXIANG_FEED_TIMEOUT_SECONDS', 10) * 1000,
  };
}
