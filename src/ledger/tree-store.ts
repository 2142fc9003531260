import type { Db, Tx } from '../store/db.ts';
import type { NodeReader, StoredNode } from './merkle/index.ts';

/** Reads a log's stored tree nodes (one query per node: proofs need O(log n) of them). */
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
  };
}

export async function storeNodes(trx: Tx, logId: string, nodes: readonly StoredNode[]): Promise<void> {
  if (nodes.length === 0) return;
  await trx
    .insertInto('tree_nodes')
    .values(nodes.map((n) => ({ log_id: logId, level: n.level, idx: n.index, hash: n.hash })))
    .execute();
}
