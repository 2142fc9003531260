/**
 * Shared helpers for the benchmarks in bench/ (not part of `npm test`): flags, a progress line on
 * a terminal, a scratch directory, the disk's raw durable-write rate, statistics and the report.
 * Benchmarks print figures and ratios against a baseline measured in the same run; they never
 * assert timings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { progressBar } from '../src/cli/progress.ts';

export { progressBar };

type Options = NonNullable<ParseArgsConfig['options']>;
export type Flags = Record<string, string | boolean | undefined>;

/** Parses `--flag value` options; `--help` prints the usage and exits. */
export function flags(usage: string, options: Options): Flags {
  const { values } = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  if (values.help) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  return values as Flags;
}

/** A positive integer flag (accepts 1_000_000, 1e6, 10M, 100k). */
export function intFlag(v: unknown, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const s = String(v).trim().replace(/_/g, '');
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)([kKmM]?)$/.exec(s);
  const n = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--${name}: not a positive integer: ${String(v)}`);
  return n;
}

export const log = (m: string) => process.stderr.write(`# ${m}\n`);

/** The machine the figures were measured on. */
export function header(title: string): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(`\n== ${title} ==\n`);
  process.stdout.write(
    `   ${new Date().toISOString().slice(0, 10)} · node ${process.version} · ${os.cpus().length} cores (${cpu}) · ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM\n`,
  );
  const load = os.loadavg()[0]!;
  process.stdout.write(`   load average at start: ${load.toFixed(2)}${load > 0.7 ? '  (the machine is busy: figures will be low and noisy)' : ''}\n`);
}

/** A scratch directory (on the disk under test: --dir, default the OS temp dir); removed at exit unless kept. */
export function scratchDir(base: string | undefined, keep: boolean): string {
  const root = base ?? os.tmpdir();
  fs.mkdirSync(root, { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, 'sanxiang-bench-'));
  if (!keep) {
    const clean = () => fs.rmSync(dir, { recursive: true, force: true });
    process.on('exit', clean);
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
  } else {
    log(`keeping ${dir}`);
  }
  return dir;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const ms = (x: number) => `${fmt(x, x < 10 ? 3 : 1)} ms`;
export const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 1)} MiB`;

/** Prints one figure. */
export function figure(label: string, value: string, note = ''): void {
  process.stdout.write(`   ${label.padEnd(58)} ${value.padStart(18)}${note ? `  ${note}` : ''}\n`);
}

/** Prints a ratio against the baseline and whether the target is met (a report, never an assertion). */
export function ratio(label: string, value: number, baseline: number, target: { atLeast?: number; atMost?: number }): number {
  const r = value / baseline;
  let verdict = '';
  if (target.atLeast !== undefined) verdict = `target ≥ ${target.atLeast}× — ${r >= target.atLeast ? 'met' : 'NOT met'}`;
  if (target.atMost !== undefined) verdict = `target ≤ ${target.atMost}× — ${r <= target.atMost ? 'met' : 'NOT met'}`;
  figure(label, `${fmt(r, 3)}×`, verdict);
  return r;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summary(samples: readonly number[]): { median: number; p90: number; p99: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p90: quantile(s, 0.9), p99: quantile(s, 0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** A small deterministic PRNG (mulberry32), so that runs pick the same "random" indexes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Calls `tick(elapsedMs, totalMs)` on a terminal progress bar while a timed phase runs. */
export function timedProgress(label: string, totalMs: number): { tick(): void; stop(): void } {
  const bar = progressBar(label);
  const t0 = performance.now();
  let last = 0;
  return {
    tick() {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      bar.update(Math.min(Math.round((now - t0) / 100) / 10, totalMs / 1000), totalMs / 1000);
    },
    stop: () => bar.stop(),
  };
}

export interface SyncRate {
  /** Durable writes per second. */
  perSecond: number;
  count: number;
}

/**
 * The disk's raw durable-write rate: a loop of `size`-byte writes each followed by fdatasync, to a
 * file in `dir`, for `durationMs`. `overwrite` rewrites a preallocated 4 MiB region in place (what
 * SQLite's WAL does once it has wrapped: it reuses the file from its start after a checkpoint);
 * otherwise every write extends the file (fdatasync must then also flush the new file size).
 */
export function fdatasyncRate(dir: string, mode: 'append' | 'overwrite', durationMs: number, size = 4096): SyncRate {
  const file = path.join(dir, `fdatasync-${mode}.bin`);
  const region = 4 * 2 ** 20;
  const fd = fs.openSync(file, 'w');
  try {
    const buf = Buffer.alloc(size, 0x5a);
    if (mode === 'overwrite') {
      fs.writeSync(fd, Buffer.alloc(region));
      fs.fsyncSync(fd);
    }
    let offset = 0;
    let count = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < durationMs) {
      buf.writeUInt32LE(count, 0);
      fs.writeSync(fd, buf, 0, size, mode === 'overwrite' ? offset % region : offset);
      fs.fdatasyncSync(fd);
      offset += size;
      count++;
      elapsed = performance.now() - t0;
    }
    return { perSecond: count / (elapsed / 1000), count };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
}

/** Peak resident set size, sampled by a timer and by explicit `sample()` calls (a busy loop starves timers). */
export function rssSampler(intervalMs = 20): { sample(): void; stop(): number; peak(): number } {
  let peak = process.memoryUsage.rss();
  const sample = () => {
    const r = process.memoryUsage.rss();
    if (r > peak) peak = r;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    sample,
    peak: () => peak,
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

// ---- seeded randomness and China dates for the generators ----------------------------------

/** A random UUID (v4 layout) from the PRNG, so a seed reproduces the ids too. */
export function uuid(rnd: () => number): string {
  const h = (n: number) => Math.floor(rnd() * 16 ** n).toString(16).padStart(n, '0');
  return `${h(8)}-${h(4)}-4${h(3)}-${(8 + Math.floor(rnd() * 4)).toString(16)}${h(3)}-${h(8)}${h(4)}`;
}

export function weighted<T>(rnd: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}
export const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
/** An integer in [lo, hi]. */
export const between = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

export const DAY = 86_400_000;
/** The China calendar date (UTC+8) of an instant in ms. */
export const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/**
 * A progress bar on a terminal; elsewhere (nohup, a pipe) a log line every `step` of the total,
 * so that a long run in the background can be followed.
 */
export function progressOrLog(label: string, step = 0.05): { update(done: number, total: number): void; stop(): void } {
  if (process.stderr.isTTY) return progressBar(label);
  let next = 0;
  const t0 = performance.now();
  return {
    update(done, total) {
      if (done < next * total && done < total) return;
      next = Math.floor(done / total / step) * step + step;
      log(`${label}: ${fmt(done)} / ${fmt(total)} (${fmt((100 * done) / total)} %, ${fmt((performance.now() - t0) / 1000)} s)`);
    },
    stop() {},
  };
}

/**
 * PostgreSQL for a benchmark: `url` if given, else SANXIANG_TEST_PG_URL, else the test harness's
 * server (test/harness/postgres.ts: a fresh database, dropped at exit unless kept). The schemas
 * made with `schema()` are dropped by `cleanup()` unless kept.
 */
export async function benchPostgres(opts: { url?: string; keep?: boolean }): Promise<{ url: string; schema(name: string, fresh?: boolean): Promise<boolean>; cleanup(): Promise<void> }> {
  const { preparePostgres } = await import('../test/harness/postgres.ts');
  const { default: pg } = await import('pg');
  let url = opts.url ?? process.env.SANXIANG_TEST_PG_URL;
  let dropDb = () => {};
  if (!url) {
    const made = preparePostgres(log);
    if ('unavailable' in made) throw new Error(`PostgreSQL unavailable: ${made.unavailable}; pass --url`);
    url = made.url;
    let dropped = false;
    dropDb = () => {
      if (!dropped && !opts.keep) made.cleanup();
      dropped = true;
    };
    process.once('exit', dropDb);
  }
  const made: string[] = [];
  const query = async (text: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await c.query(text);
    } finally {
      await c.end();
    }
  };
  return {
    url,
    /** Creates the schema unless it exists (or drops it first when `fresh`); true if it was created. */
    async schema(name, fresh = true) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain schema name: ${name}`);
      if (fresh) await query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      const exists = (await query(`SELECT 1 FROM pg_namespace WHERE nspname = '${name}'`)).rowCount! > 0;
      if (!exists) await query(`CREATE SCHEMA ${name}`);
      made.push(name);
      return !exists;
    },
    async cleanup() {
      if (!opts.keep) for (const s of made) await query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      dropDb();
    },
  };
}

/**
 * Chunks built one ahead in a worker thread (the other core) while the caller writes the
 * previous one: at most two chunks exist at a time. The worker runs `moduleUrl`, which must call
 * `serveChunks(tag, …)` at its top level; `plan` is structured-cloned to it.
 */
export async function* chunksFromWorker<C>(moduleUrl: string, tag: string, plan: unknown, heapMb = 256): AsyncGenerator<C> {
  // The worker runs TypeScript too, so it registers tsx's loader in its own thread first.
  const boot = `(async () => {
    const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
    register();
    await import(${JSON.stringify(moduleUrl)});
  })().catch((err) => { throw err; });`;
  const worker = new Worker(boot, { eval: true, workerData: { [CHUNKS]: tag, plan }, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 } });
  const queue: Array<C | null> = [];
  let wake: (() => void) | null = null;
  let failure: unknown = null;
  worker.on('message', (m: C | null) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (err) => {
    failure = err;
    wake?.();
  });
  try {
    worker.postMessage('next');
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      const c = queue.shift()!;
      if (c === null) return;
      worker.postMessage('next'); // build the next chunk while this one is written
      yield c;
    }
  } finally {
    await worker.terminate();
  }
}

const CHUNKS = 'sanxiangBenchChunks';

/** In the worker thread started by `chunksFromWorker(…, tag, plan)`: answers each request with the next chunk (null at the end). */
export function serveChunks<P, C>(tag: string, make: (plan: P) => Iterator<C>): void {
  const data = workerData as { [CHUNKS]?: string; plan?: P } | null;
  if (isMainThread || data?.[CHUNKS] !== tag) return;
  const chunks = make(data.plan as P);
  parentPort!.on('message', () => {
    const next = chunks.next();
    parentPort!.postMessage(next.done ? null : next.value);
  });
}

/** `--sizes A,B` (default 10k,1M; `--quick` 10k,100k): the small and the large store, ascending. */
export function sizePair(flag: unknown, quick: boolean): [number, number] {
  const sizes = ((flag as string | undefined) ?? (quick ? '10k,100k' : '10k,1M')).split(',').map((s, i) => intFlag(s, `sizes[${i}]`, 0));
  if (sizes.length !== 2) throw new Error('--sizes takes two sizes, e.g. 10k,1M');
  return sizes.sort((a, b) => a - b) as [number, number];
}
