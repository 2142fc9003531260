import type { EngineMigration } from './types.ts';
import { types } from './types.ts';

export const createLedger: EngineMigration = {
  async up(db, engine) {
    const t = types(engine);
    await db.schema
      .createTable('logs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('origin', 'text', (c) => c.notNull().unique())
      .addColumn('agency_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('head_seq', t.bigint, (c) => c.notNull())
      .addColumn('head_hash', t.bytes, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('events')
      .addColumn('id', t.serial, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('log_id', 'text', (c) => c.notNull().references('logs.id'))
      .addColumn('seq', t.bigint, (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('leaf', t.bytes, (c) => c.notNull())
      .addColumn('hash', t.bytes, (c) => c.notNull())
      .addUniqueConstraint('events_log_seq', ['log_id', 'seq'])
      .execute();
    await db.schema.createIndex('events_subject').on('events').columns(['subject', 'id']).execute();
  },
};
