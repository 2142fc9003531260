// A reading thread of read-pool.ts: one read-only connection, the tasks of the module it was given, one message per request.
import { parentPort, workerData } from 'node:worker_threads';
import { Kysely, SqliteDialect } from 'kysely';
import { systemClock } from '../kernel/clock.ts';
import { cachedStatements, openReader } from './db.ts';
import { wireError, type ReadCtx, type ReadReply, type ReadRequest, type ReadTask } from './read-pool.ts';

const { file, tasks, pageCacheKiB } = workerData as { file: string; tasks: string; pageCacheKiB: number | undefined };
const sqlite = openReader(file, pageCacheKiB);
const ctx: ReadCtx = { db: new Kysely({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }) }), engine: 'sqlite', clock: systemClock };
const registry = (await import(tasks)).readTasks as Record<string, ReadTask>;
const port = parentPort!;
port.postMessage({ ready: true } satisfies ReadReply);

port.on('message', async ({ id, task, arg }: ReadRequest) => {
  let reply: ReadReply;
  try {
    const run = registry[task];
    if (!run) throw new Error(`no read task ${task}`);
    reply = { id, result: await run(ctx, arg as never) };
  } catch (err) {
    reply = { id, error: wireError(err) };
  }
  try {
    port.postMessage(reply);
  } catch (err) {
    // A result structured clone cannot carry (a function, a class instance …): the caller hears why.
    port.postMessage({ id, error: wireError(err) } satisfies ReadReply);
  }
});
