import type { EngineMigration } from './types.ts';
import { types } from './types.ts';

export const createTreeNodesAndCheckpoints: EngineMigration = {
  async up(db, engine) {
    const t = types(engine);
    // Perfect-subtree hashes of each log's RFC 6962 tree, written with the event that completes them.
    await db.schema
      .createTable('tree_nodes')
      .addColumn('log_id', 'text', (c) => c.notNull().references('logs.id'))
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('idx', t.bigint, (c) => c.notNull())
      .addColumn('hash', t.bytes, (c) => c.notNull())
      .addPrimaryKeyConstraint('tree_nodes_pk', ['log_id', 'level', 'idx'])
      .execute();
    // Signed tree heads (C2SP checkpoints), one per log and size, never rewritten.
    await db.schema
      .createTable('checkpoints')
      .addColumn('log_id', 'text', (c) => c.notNull().references('logs.id'))
      .addColumn('size', t.bigint, (c) => c.notNull())
      .addColumn('root', t.bytes, (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('checkpoints_pk', ['log_id', 'size'])
      .execute();
  },
};
