import type { EngineMigration } from './types.ts';

/** 事前公开: disclosed items and their published versions (src/modules/publicity/disclosures.tables.ts). */
export const createDisclosures: EngineMigration = {
  async up(db) {
    await db.schema
      .createTable('disclosures')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('added_seq', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('published_version', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('draft_state', 'text')
      .addColumn('draft_content', 'text')
      .addColumn('draft_removal', 'integer', (c) => c.notNull())
      .addColumn('draft_note', 'text')
      .addColumn('draft_authors', 'text', (c) => c.notNull())
      .addColumn('draft_revision', 'integer', (c) => c.notNull())
      .addColumn('draft_updated_at', 'text')
      .addColumn('return_reason', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // An agency's list of one kind, in order; codes are unique per agency and kind (NULLs are distinct on both engines).
    await db.schema.createIndex('disclosures_agency_kind').on('disclosures').columns(['agency_id', 'kind', 'added_seq']).execute();
    await db.schema.createIndex('disclosures_code').unique().on('disclosures').columns(['agency_id', 'kind', 'code']).execute();
    await db.schema
      .createTable('disclosure_versions')
      .addColumn('item_id', 'text', (c) => c.notNull().references('disclosures.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('content', 'text')
      .addColumn('removal', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('drafted_by', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('disclosure_versions_pk', ['item_id', 'version'])
      .execute();
    // A list's public change log, newest first.
    await db.schema.createIndex('disclosure_versions_agency').on('disclosure_versions').columns(['agency_id', 'published_seq']).execute();
  },
};
