import type { Db } from '../store/db.ts';
import { rowToEvent, type Ledger } from './ledger.ts';

const PAGE = 2000;

/**
 * Empties every projection table and replays all events through their projectors, in the order
 * they were appended (global insertion order respects cross-log dependencies: an officer's
 * event always comes after the agency it belongs to). One transaction: a failed rebuild leaves
 * the old projections in place.
 */
export async function rebuildProjections(db: Db, ledger: Ledger): Promise<number> {
  return db.transaction().execute(async (trx) => {
    for (const table of [...ledger.projectionTables].reverse()) {
      await trx.deleteFrom(table as never).execute();
    }
    let lastId = 0;
    let count = 0;
    for (;;) {
      const rows = await trx
        .selectFrom('events')
        .select(['id', 'log_id', 'seq', 'at', 'actor', 'type', 'subject', 'data', 'leaf', 'hash'])
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      for (const row of rows) {
        await ledger.project(trx, rowToEvent(row));
        lastId = Number(row.id);
        count++;
      }
      if (rows.length < PAGE) return count;
    }
  });
}
