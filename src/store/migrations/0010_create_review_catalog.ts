import type { EngineMigration } from './types.ts';

/** 重大执法决定法制审核目录: rules and their dated versions (src/modules/review/review.tables.ts). */
export const createReviewCatalog: EngineMigration = {
  async up(db) {
    await db.schema
      .createTable('review_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('added_seq', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('current_version', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('retired_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The catalog of one agency, in the order its rules were added (the seq of each rule's first event in the agency's log).
    await db.schema.createIndex('review_rules_agency').on('review_rules').columns(['agency_id', 'added_seq']).execute();
    await db.schema
      .createTable('review_rule_versions')
      .addColumn('rule_id', 'text', (c) => c.notNull().references('review_rules.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('effective_to', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('review_rule_versions_pk', ['rule_id', 'version'])
      .execute();
  },
};
