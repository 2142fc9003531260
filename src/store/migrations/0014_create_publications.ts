import { sql } from 'kysely';
import type { EngineMigration } from './types.ts';

/**
 * 事后公开 (src/modules/publicity/publications.*): one row per publication (draft → published →
 * withdrawn/expired), its public versions with the ledger event of each, the agency's policy,
 * monthly counts for the portal's statistics, and the portal's search index: SQLite FTS5
 * `publication_search` (rowid = `publications.search_key`, given in publish order), PostgreSQL
 * `publications.search_tokens` (text[], GIN) with `search_text` for the LIKE recheck.
 */
export const createPublications: EngineMigration = {
  async up(db, engine) {
    await db.schema
      .createTable('publications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('case_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('party_name', 'text', (c) => c.notNull())
      .addColumn('cause', 'text', (c) => c.notNull())
      .addColumn('decided_on', 'text', (c) => c.notNull())
      .addColumn('publish_due_on', 'text', (c) => c.notNull())
      .addColumn('published_on', 'text')
      .addColumn('public_until', 'text')
      .addColumn('withdraw_due_on', 'text')
      .addColumn('withdrawn_on', 'text')
      .addColumn('expired_on', 'text')
      .addColumn('public_state', 'text')
      .addColumn('public_version', 'integer')
      .addColumn('public_json', 'text')
      .addColumn('search_key', 'integer', (c) => c.unique())
      .addColumn('search_text', 'text')
      .addColumn('fine_fen', 'integer')
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The editors' lists by agency and status (due dates for the overdue tab); one draft per case;
    // the portal's walks: public rows in search_key order, by agency / kind.
    await db.schema.createIndex('publications_agency_status_due').on('publications').columns(['agency_id', 'status', 'publish_due_on']).execute();
    await db.schema.createIndex('publications_case').on('publications').columns(['case_id']).execute();
    await db.schema.createIndex('publications_public_key').on('publications').columns(['public_state', 'search_key']).execute();
    await db.schema.createIndex('publications_public_agency_key').on('publications').columns(['public_state', 'agency_id', 'search_key']).execute();
    await db.schema.createIndex('publications_public_kind_key').on('publications').columns(['public_state', 'kind', 'search_key']).execute();
    await db.schema.createIndex('publications_public_until').on('publications').columns(['public_state', 'public_until']).execute();

    await db.schema
      .createTable('publication_versions')
      .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('log', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('published_on', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('publication_versions_pk', ['publication_id', 'version'])
      .execute();

    await db.schema
      .createTable('publication_settings')
      .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('publication_counts')
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('publication_counts_pk', ['agency_id', 'month', 'kind'])
      .execute();

    if (engine === 'sqlite') {
      await sql`create virtual table publication_search using fts5(tokens, tokenize = 'unicode61', content = '', contentless_delete = 1)`.execute(db);
    } else {
      await sql`alter table publications add column search_tokens text[] not null default '{}'`.execute(db);
      await sql`create index publications_search_tokens on publications using gin (search_tokens)`.execute(db);
    }
  },
};
