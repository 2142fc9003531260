import { sql } from 'kysely';
import { engineOf, type Db, type Tx } from '../store/db.ts';
import type { NodeReader, StoredNode } from './merkle/index.ts';

/** Reads a log's stored tree nodes: a proof's or a root's O(log n) nodes in one query. */
export function nodeReader(db: Db | Tx, logId: string): NodeReader {
  return {
    async get(level, index) {
      const row = await db
        .selectFrom('tree_nodes')
        .select('hash')
        .where('log_id', '=', logId)
        .where('level', '=', level)
        .where('idx', '=', index)
        .executeTakeFirst();
      return row ? Buffer.from(row.hash) : undefined;
    },
    async getMany(nodes) {
      // A row-value IN over a VALUES list: SQLite then looks each pair up in the primary key
      // (an OR of pairs made it scan the log's nodes); PostgreSQL needs the parameters typed.
      const pg = engineOf(db) === 'postgres';
      const pairs = nodes.map(([level, index]) => (pg ? sql`(${level}::integer, ${index}::bigint)` : sql`(${level}, ${index})`));
      const rows = await db
        .selectFrom('tree_nodes')
        .select(['level', 'idx', 'hash'])
        .where('log_id', '=', logId)
        .where(sql<boolean>`(level, idx) in (values ${sql.join(pairs)})`)
        .execute();
      const found = new Map(rows.map((r) => [`${r.level}/${r.idx}`, Buffer.from(r.hash)]));
      return nodes.map(([level, index]) => found.get(`${level}/${index}`));
    },
  };
}

export async function storeNodes(trx: Tx, logId: string, nodes: readonly StoredNode[]): Promise<void> {
  if (nodes.length === 0) return;
  await trx
    .insertInto('tree_nodes')
    .values(nodes.map((n) => ({ log_id: logId, level: n.level, idx: n.index, hash: n.hash })))
    .execute();
}
