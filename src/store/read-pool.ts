import { Worker } from 'node:worker_threads';
import type { Clock } from '../kernel/clock.ts';
import { DomainError, fail } from '../kernel/errors.ts';
import type { ErrorCode } from '../shared/errors.ts';
import type { Db } from './db.ts';

/** What a read task gets in its thread: a read-only connection of its own (never a transaction) and the clock. */
export interface ReadCtx {
  db: Db;
  engine: 'sqlite';
  clock: Clock;
}

/** A read that may run in a reading thread: its argument and result cross threads by structured clone. */
export type ReadTask<A = never, R = unknown> = (ctx: ReadCtx, arg: A) => Promise<R>;

/** A failure in a reading thread, as it crosses to the event loop. */
type WireError = { domain: true; code: ErrorCode; message: string; status: number; details: Record<string, unknown> | undefined } | { domain: false; message: string; stack: string | undefined };

/** Messages between the pool and a reading thread (read-worker.ts). */
export type ReadRequest = { id: number; task: string; arg: unknown };
export type ReadReply = { ready: true } | { id: number; result: unknown } | { id: number; error: WireError };

/** A thrown value as it crosses the thread boundary: a DomainError keeps its code, status and details. */
export function wireError(err: unknown): WireError {
  if (err instanceof DomainError) return { domain: true, code: err.code, message: err.message, status: err.status, details: err.details };
  return { domain: false, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
}

function fromWire(e: WireError): Error {
  if (e.domain) return new DomainError(e.code, e.message, e.status, e.details);
  const err = new Error(`reading thread: ${e.message}`);
  if (e.stack) err.stack = `${err.message}\n--- in the reading thread ---\n${e.stack}`;
  return err;
}

interface Thread {
  worker: Worker;
  /** It has loaded its tasks (until then a death is a failure to start). */
  ready: boolean;
  /** Requests sent and not yet answered. */
  inFlight: Map<number, { resolve(v: unknown): void; reject(e: Error): void }>;
}

/** Requests one thread may hold before the pool refuses more (503 server-busy): a flood queues no further. */
export const MAX_QUEUED_PER_THREAD = 256;
/** Threads that died before they were ready, in a row, before the pool gives up. */
const MAX_FAILED_STARTS = 3;

/**
 * Read-only SQLite connections in worker threads. better-sqlite3 runs each statement on the
 * thread that calls it, so a read on the event loop holds up every other request — an officer's
 * write included — and the server uses one core however many the machine has. A task sent here
 * runs in one of `size` threads (the one with the fewest requests in flight), each with its own
 * connection; WAL gives each statement the latest committed data, as the event loop's own reader
 * connection sees it.
 *
 * Tasks are the `readTasks` export of the module at `tasks` (name → (ctx, arg) → a result that
 * structured clone can carry). Threads start at the first task and are replaced if one dies; if
 * three in a row die before loading their tasks, the pool is `broken` (said once on stderr) and
 * callers read on the event loop instead of starting threads for every request.
 */
export class ReadPool<Tasks extends Record<string, ReadTask<never>> = Record<string, ReadTask<never>>> {
  private readonly threads: (Thread | null)[];
  private nextId = 1;
  private closed = false;
  private failedStarts = 0;
  /** Why the pool stopped starting threads; null while it works. */
  broken: Error | null = null;

  constructor(
    private readonly file: string,
    readonly size: number,
    private readonly tasks: URL,
    private readonly pageCacheKiB?: number,
  ) {
    if (size < 1) throw new Error('a read pool needs at least one thread');
    this.threads = Array.from({ length: size }, () => null);
  }

  /** Runs `task` in the least busy thread; refuses with 503 server-busy when every thread holds MAX_QUEUED_PER_THREAD. */
  run<K extends keyof Tasks & string>(task: K, arg: Parameters<Tasks[K]>[1]): Promise<Awaited<ReturnType<Tasks[K]>>> {
    if (this.closed) return Promise.reject(new Error('the read pool is closed'));
    if (this.broken) return Promise.reject(this.broken);
    let best = 0;
    for (let i = 0; i < this.size; i++) {
      const t = this.threads[i];
      if (!t) {
        best = i;
        break;
      }
      if (t.inFlight.size < (this.threads[best]?.inFlight.size ?? Infinity)) best = i;
    }
    const thread = this.threads[best] ?? this.start(best);
    if (thread.inFlight.size >= MAX_QUEUED_PER_THREAD) return Promise.reject(fail('server-busy', 503, { retryAfterSeconds: 1 }));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (thread.inFlight.size === 0) thread.worker.ref();
      thread.inFlight.set(id, { resolve: resolve as (v: unknown) => void, reject });
      thread.worker.postMessage({ id, task, arg } satisfies ReadRequest);
    });
  }

  private start(slot: number): Thread {
    const worker = new Worker(new URL('./read-worker.boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./read-worker.ts', import.meta.url).href, file: this.file, tasks: this.tasks.href, pageCacheKiB: this.pageCacheKiB },
    });
    const thread: Thread = { worker, ready: false, inFlight: new Map() };
    worker.on('message', (m: ReadReply) => {
      if ('ready' in m) {
        thread.ready = true;
        this.failedStarts = 0;
        return;
      }
      const waiting = thread.inFlight.get(m.id);
      if (!waiting) return;
      thread.inFlight.delete(m.id);
      if (thread.inFlight.size === 0) thread.worker.unref();
      if ('error' in m) waiting.reject(fromWire(m.error));
      else waiting.resolve(m.result);
    });
    let lostOnce = false;
    const lost = (err: Error) => {
      if (lostOnce) return;
      lostOnce = true;
      if (this.threads[slot] === thread) this.threads[slot] = null;
      for (const w of thread.inFlight.values()) w.reject(err);
      thread.inFlight.clear();
      if (!thread.ready && !this.closed && ++this.failedStarts >= MAX_FAILED_STARTS && !this.broken) {
        this.broken = new Error(`reading threads cannot start (${err.message}); reads run on the event loop`);
        process.stderr.write(`sanxiang: ${this.broken.message}\n`);
      }
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`reading thread exited (code ${code})`)));
    // An idle pool does not keep the process alive (a thread is referenced while it has work).
    worker.unref();
    this.threads[slot] = thread;
    return thread;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t?.worker.terminate()));
    this.threads.fill(null);
  }
}
