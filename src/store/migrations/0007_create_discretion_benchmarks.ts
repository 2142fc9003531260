import type { EngineMigration } from './types.ts';

export const createDiscretionBenchmarks: EngineMigration = {
  async up(db) {
    await db.schema
      .createTable('discretion_benchmarks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('violation', 'text', (c) => c.notNull())
      .addColumn('legal_basis', 'text', (c) => c.notNull())
      .addColumn('penalty_basis', 'text', (c) => c.notNull())
      .addColumn('levels', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The code is how people and the Excel import name an entry, so it is unique per agency,
    // retired entries included (a retired code is not silently reused for another rule).
    await db.schema.createIndex('discretion_benchmarks_code').on('discretion_benchmarks').columns(['agency_id', 'code']).unique().execute();
    await db.schema.createIndex('discretion_benchmarks_field').on('discretion_benchmarks').columns(['agency_id', 'field']).execute();
  },
};
