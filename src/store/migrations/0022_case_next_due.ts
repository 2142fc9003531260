import { sql } from 'kysely';
import type { EngineMigration } from './types.ts';

/**
 * The case list's overdue filter at a million cases: each case carries its earliest open due date
 * (`next_due`, kept with `case_deadlines`), and the overdue list — most overdue first — walks
 * these indexes from the oldest due date. Driven from `case_deadlines`, it read and sorted every
 * overdue case of the agency for each page, which grows with the agency's caseload.
 */
export const caseNextDue: EngineMigration = {
  async up(db) {
    await db.schema.alterTable('cases').addColumn('next_due', 'text').execute();
    await sql`update cases set next_due = (select min(d.due) from case_deadlines d where d.case_id = cases.id)`.execute(db);
    await db.schema.createIndex('cases_agency_next_due').on('cases').columns(['agency_id', 'next_due', 'created_at', 'id']).execute();
    await db.schema.createIndex('cases_next_due').on('cases').columns(['next_due', 'created_at', 'id']).execute();
  },
};
