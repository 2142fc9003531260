/** Read tasks for test/store/read-pool.test.ts: each shows one way a task can end. */
import { DomainError } from '../../src/kernel/errors.ts';
import type { ReadTask } from '../../src/store/read-pool.ts';

export const readTasks: Record<string, ReadTask<never>> = {
  echo: (async (_ctx, arg: unknown) => arg) as ReadTask<never>,
  agencies: (async (ctx) => (await ctx.db.selectFrom('agencies').select('code').orderBy('code').execute()).map((a) => a.code)) as ReadTask<never>,
  refuse: (async () => {
    throw new DomainError('validation-failed', '分页游标无效', 400, { fields: [{ field: 'after', message: '分页游标无效' }] });
  }) as ReadTask<never>,
  fail: (async () => {
    throw new TypeError('a bug in a read');
  }) as ReadTask<never>,
  write: (async (ctx) => {
    await ctx.db.deleteFrom('agencies').execute();
  }) as ReadTask<never>,
  die: (async () => process.exit(3)) as ReadTask<never>,
  thread: (async () => (await import('node:worker_threads')).threadId) as ReadTask<never>,
};
