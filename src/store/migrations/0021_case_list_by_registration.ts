import type { EngineMigration } from './types.ts';

/**
 * The case list filtered by registration date (登记日期 from/to) at a million cases: such a list is
 * ordered by that date, newest first, and walks these indexes from the range's end — ordered by
 * creation, it walked every newer case of the agency before reaching a range years back.
 */
export const caseListByRegistration: EngineMigration = {
  async up(db) {
    await db.schema.createIndex('cases_agency_registered').on('cases').columns(['agency_id', 'registered_on', 'created_at', 'id']).execute();
    await db.schema.createIndex('cases_registered').on('cases').columns(['registered_on', 'created_at', 'id']).execute();
  },
};
