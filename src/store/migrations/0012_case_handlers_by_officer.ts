import { sql } from 'kysely';
import type { EngineMigration } from './types.ts';

/**
 * "My cases" at a million cases: the handler filter is driven by an index of each officer's cases
 * in list order, so a page is one index range however many cases the agency has.
 */
export const caseHandlersByOfficer: EngineMigration = {
  async up(db) {
    await db.schema.alterTable('case_handlers').addColumn('created_at', 'text').execute();
    await sql`update case_handlers set created_at = (select c.created_at from cases c where c.id = case_handlers.case_id)`.execute(db);
    await db.schema.createIndex('case_handlers_officer_created').on('case_handlers').columns(['officer_id', 'created_at', 'case_id']).execute();
  },
};
