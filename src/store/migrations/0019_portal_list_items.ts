import { sql } from 'kysely';
import { listItemOf } from '../../modules/publicity/portal.rules.ts';
import type { PublishedDecision } from '../../shared/publications.ts';
import type { EngineMigration } from './types.ts';

/**
 * The portal's list rows (`publication_items`: the search key and the list item of each public
 * decision, src/modules/publicity/portal.rules.ts): a search page read the whole decision
 * (`public_json`, kilobytes over SQLite overflow pages) for each of its 21 rows — most of a page's
 * time at a million decisions (docs/performance.md, "Public portal search").
 */
export const portalListItems: EngineMigration = {
  async up(db) {
    await db.schema
      .createTable('publication_items')
      .addColumn('search_key', 'integer', (c) => c.primaryKey())
      .addColumn('item', 'text', (c) => c.notNull())
      .execute();
    const BATCH = 1000;
    let after = -1;
    for (;;) {
      const rows = (
        await sql<{ search_key: number; public_json: string }>`select search_key, public_json from publications where public_state = 'public' and search_key > ${after} order by search_key limit ${BATCH}`.execute(db)
      ).rows;
      if (rows.length > 0) {
        await db
          .insertInto('publication_items')
          .values(rows.map((r) => ({ search_key: Number(r.search_key), item: JSON.stringify(listItemOf(JSON.parse(r.public_json) as PublishedDecision)) })))
          .execute();
      }
      if (rows.length < BATCH) return;
      after = Number(rows[rows.length - 1]!.search_key);
    }
  },
};
