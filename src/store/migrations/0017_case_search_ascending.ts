import { sql } from 'kysely';
import { indexAllCases } from '../../modules/cases/cases.search.ts';
import type { EngineMigration } from './types.ts';

/**
 * SQLite's case search index keyed by minus the case rowid (cases.search.ts says why: FTS5 walks
 * ascending cheaply, descending only by loading each doclist whole). PostgreSQL's index is unchanged.
 */
export const caseSearchAscending: EngineMigration = {
  async up(db, engine) {
    if (engine !== 'sqlite') return;
    await sql`delete from case_search`.execute(db);
    await indexAllCases(db);
  },
};
