import type { ReadTask } from '../store/read-pool.ts';
import type { DecisionSearchQuery } from '../shared/portal.ts';
import { searchDecisionsJson } from './publicity/portal.service.ts';

/**
 * The reads that run in reading threads on SQLite (src/store/read-pool.ts), by name: the public
 * portal's, which anyone may send as fast as they like and which must not hold up the staff.
 * Each returns what the route sends (the search: its JSON text, so the event loop only passes it on).
 */
export const readTasks = {
  'portal.search': ((ctx, query: DecisionSearchQuery) => searchDecisionsJson(ctx, query)) as ReadTask<DecisionSearchQuery, string>,
} satisfies Record<string, ReadTask<never>>;

export type ReadTasks = typeof readTasks;
