import { sql } from 'kysely';
import { ftsRowid, searchKeysOfDay } from '../../modules/publicity/search-key.ts';
import { searchText } from '../../search/chinese.ts';
import type { EngineMigration } from './types.ts';

/**
 * The portal's search at a million decisions (docs/performance.md, "Public portal search"):
 * `search_key` re-given by decision date (src/modules/publicity/search-key.ts: day × 32,768 + n,
 * n in publish order within the day), so a decision-date range is a key range; SQLite's
 * `publication_search` rebuilt keyed by minus the key (FTS5 walks ascending cheaply); and the walk
 * of agency AND kind as one index range (it walked one and tested the other row by row). The
 * date is the public one (`public_json`), the draft's column only where nothing was published.
 */
export const portalSearchByDecisionDate: EngineMigration = {
  async up(db, engine) {
    await db.schema.createIndex('publications_public_agency_kind_key').ifNotExists().on('publications').columns(['public_state', 'agency_id', 'kind', 'search_key']).execute();
    const rows = (
      await sql<{ id: string; search_key: number; decided_on: string; public_date: string | null }>`select id, search_key, decided_on, null as public_date from publications where search_key is not null order by search_key`.execute(db)
    ).rows;
    // The public date, read in batches (public_json is the whole decision).
    const BATCH = 1000;
    for (let i = 0; i < rows.length; i += BATCH) {
      const ids = rows.slice(i, i + BATCH).map((r) => r.id);
      const dates = (await sql<{ id: string; public_json: string | null }>`select id, public_json from publications where id in (${sql.join(ids)})`.execute(db)).rows;
      const byId = new Map(dates.map((d) => [d.id, d.public_json ? (JSON.parse(d.public_json) as { decidedOn?: string }).decidedOn ?? null : null]));
      for (const r of rows.slice(i, i + BATCH)) r.public_date = byId.get(r.id) ?? null;
    }
    const next = new Map<number, number>();
    const keys = rows.map((r) => {
      const { first } = searchKeysOfDay(r.public_date ?? r.decided_on);
      const key = next.get(first) ?? first;
      next.set(first, key + 1);
      return { id: r.id, key };
    });
    // Out of the way first (the column is unique), then the new keys.
    await sql`update publications set search_key = -search_key - 1 where search_key is not null`.execute(db);
    for (const k of keys) await sql`update publications set search_key = ${k.key} where id = ${k.id}`.execute(db);
    if (engine !== 'sqlite') return;
    await sql`delete from publication_search`.execute(db);
    // Newest first, so the FTS rowids (minus the keys) arrive ascending.
    let below = Number.MAX_SAFE_INTEGER;
    for (;;) {
      const batch = (
        await sql<{ search_key: number; public_json: string }>`select search_key, public_json from publications where public_state = 'public' and search_key < ${below} order by search_key desc limit ${BATCH}`.execute(db)
      ).rows;
      for (const b of batch) {
        const d = JSON.parse(b.public_json) as { number: string; agencyName: string; party: { name: string }; cause: string; text: string };
        await sql`insert into publication_search (rowid, tokens) values (${ftsRowid(Number(b.search_key))}, ${searchText(d.number, d.agencyName, d.party.name, d.cause, d.text)})`.execute(db);
      }
      if (batch.length < BATCH) return;
      below = Number(batch[batch.length - 1]!.search_key);
    }
  },
};
