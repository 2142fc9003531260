import type { EngineMigration } from './types.ts';

export const createReviews: EngineMigration = {
  async up(db) {
    await db.schema
      .createTable('reviews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('unit_id', 'text')
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('proposal', 'text', (c) => c.notNull())
      .addColumn('reviewer_user_id', 'text')
      .addColumn('co_reviewer_user_id', 'text')
      .addColumn('assigned_at', 'text')
      .addColumn('submitted_on', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text')
      .addColumn('decided_on', 'text')
      .addColumn('outcome', 'text')
      .addColumn('checklist', 'text')
      .addColumn('opinion', 'text')
      .addColumn('document_id', 'text')
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The rounds of a case; the inbox by agency and status (due date for the overdue list), by
    // reviewer; the statistics by decision date; the round-robin's last assignment.
    await db.schema.createIndex('reviews_case_round').on('reviews').columns(['case_id', 'round']).unique().execute();
    await db.schema.createIndex('reviews_agency_status_due').on('reviews').columns(['agency_id', 'status', 'due_on']).execute();
    await db.schema.createIndex('reviews_reviewer_status').on('reviews').columns(['reviewer_user_id', 'status']).execute();
    await db.schema.createIndex('reviews_agency_decided').on('reviews').columns(['agency_id', 'decided_on']).execute();
    await db.schema.createIndex('reviews_agency_assigned').on('reviews').columns(['agency_id', 'assigned_at']).execute();
    await db.schema
      .createTable('review_settings')
      .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
