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
    for (const reset of ledger.projectionResets) await reset(trx);
    for (const table of [...ledger.projectionTables].reverse()) {
      await trx.deleteFrom(table as never).execute();
    }
    let lastId = 0;
    let count = 0;
    for (;;) {
      // Only rows inside their log's 1…head sequence are the record; anything else is not replayed.
      const rows = await trx
        .selectFrom('events')
        .innerJoin('logs', 'logs.id', 'events.log_id')
        .select(['events.id', 'events.log_id', 'events.seq', 'events.at', 'events.actor', 'events.type', 'events.subject', 'events.data', 'events.leaf', 'events.hash'])
        .where('events.id', '>', lastId)
        .where('events.seq', '>=', 1)
        .whereRef('events.seq', '<=', 'logs.head_seq')
        .orderBy('events.id')
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
