/** Read tasks for test/store/read-pool.test.ts: each shows one way a task can end. */
import { threadId } from 'node:worker_threads';
import { DomainError } from '../../src/kernel/errors.ts';
import type { ReadTask } from '../../src/store/read-pool.ts';

export const readTasks = {
  echo: (async (_ctx, arg: unknown) => arg) as ReadTask<unknown, unknown>,
  events: (async (ctx) => Number((await ctx.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)) as ReadTask<null, number>,
  refuse: (async () => {
    throw new DomainError('validation-failed', '分页游标无效', 400, { fields: [{ field: 'after', message: '分页游标无效' }] });
  }) as ReadTask<null, never>,
  fail: (async () => {
    throw new TypeError('a bug in a read');
  }) as ReadTask<null, never>,
  write: (async (ctx) => {
    await ctx.db.deleteFrom('agencies').execute();
  }) as ReadTask<null, void>,
  unclonable: (async () => () => 'a function') as ReadTask<null, unknown>,
  die: (async () => process.exit(3)) as ReadTask<null, never>,
  /** Answers with its thread after `ms`: requests in flight side by side. */
  slow: (async (_ctx, ms: number) => {
    await new Promise((r) => setTimeout(r, ms));
    return threadId;
  }) as ReadTask<number, number>,
};
