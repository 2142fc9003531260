import type { EngineMigration } from './types.ts';
import { types } from './types.ts';

export const createDocumentsAndBlobs: EngineMigration = {
  async up(db, engine) {
    const t = types(engine);
    // Operational, content-addressed: referenced by digest from events, never by foreign key.
    await db.schema
      .createTable('blobs')
      .addColumn('digest', 'text', (c) => c.primaryKey())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', t.bigint, (c) => c.notNull())
      .addColumn('bytes', t.bytes, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('document_settings')
      .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('patterns', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('document_counters')
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('document_counters_pk', ['agency_id', 'kind', 'year'])
      .execute();
    await db.schema
      .createTable('documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('number', 'text')
      .addColumn('number_year', 'integer')
      .addColumn('number_seq', 'integer')
      .addColumn('issued_on', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('pdf_sha256', 'text', (c) => c.notNull())
      .addColumn('pdf_size', t.bigint, (c) => c.notNull())
      .addColumn('spec', 'text', (c) => c.notNull())
      .addColumn('log_seq', t.bigint, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      // A second document with the same serial is refused by the database, whatever the code does.
      .addUniqueConstraint('documents_number_unique', ['agency_id', 'kind', 'number_year', 'number_seq'])
      .execute();
    await db.schema.createIndex('documents_case').on('documents').columns(['case_id', 'log_seq']).execute();
  },
};
