import type { EngineMigration } from './types.ts';

export const createCases: EngineMigration = {
  async up(db) {
    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('unit_id', 'text', (c) => c.references('units.id'))
      .addColumn('procedure', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('cause', 'text', (c) => c.notNull())
      .addColumn('party_name', 'text', (c) => c.notNull())
      .addColumn('case_no', 'text')
      .addColumn('registered_on', 'text', (c) => c.notNull())
      .addColumn('filed_on', 'text')
      .addColumn('decided_on', 'text')
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The list pages newest first within an agency, optionally by status, unit or field: each
    // filter has an index ending in (created_at, id), so a page is an index range scan whatever
    // the number of cases (keyset paging, no OFFSET, no count).
    await db.schema.createIndex('cases_agency_created').on('cases').columns(['agency_id', 'created_at', 'id']).execute();
    await db.schema.createIndex('cases_agency_status_created').on('cases').columns(['agency_id', 'status', 'created_at', 'id']).execute();
    await db.schema.createIndex('cases_agency_unit_created').on('cases').columns(['agency_id', 'unit_id', 'created_at', 'id']).execute();
    await db.schema.createIndex('cases_agency_field_created').on('cases').columns(['agency_id', 'field', 'created_at', 'id']).execute();
    await db.schema
      .createTable('case_handlers')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_handlers_pk', ['case_id', 'officer_id'])
      .execute();
    await db.schema.createIndex('case_handlers_officer').on('case_handlers').columns(['officer_id', 'case_id']).execute();
    await db.schema
      .createTable('case_deadlines')
      // Operational: no foreign key into the projections, so a rebuild can empty them freely.
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text')
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('instance', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('due', 'text', (c) => c.notNull())
      .addColumn('provisional', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_deadlines_pk', ['case_id', 'rule', 'instance'])
      .execute();
    await db.schema
      .createTable('case_settings')
      .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_deadlines_agency_due').on('case_deadlines').columns(['agency_id', 'due']).execute();
  },
};
