import type { EngineMigration } from './types.ts';
import { types } from './types.ts';

/**
 * The outbound feed to the city's unified platform: a durable outbox (one row per item, written
 * in the transaction of the event it reports) and the log of every delivery attempt. Both are
 * operational tables (docs/architecture.md): no foreign keys into projections, untouched by a
 * rebuild.
 */
export const createFeedOutbox: EngineMigration = {
  async up(db, engine) {
    const t = types(engine);
    await db.schema
      .createTable('feed_outbox')
      // The serial id is the delivery order: within an agency, ids follow commit order because
      // the enqueue holds the agency log's head lock (see feed.service.ts).
      .addColumn('id', t.serial, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('last_attempt_at', 'text')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // The worker's "head of each agency's queue" and the console's filters.
    await db.schema.createIndex('feed_outbox_status_agency').on('feed_outbox').columns(['status', 'agency_id', 'id']).execute();
    await db.schema.createIndex('feed_outbox_agency').on('feed_outbox').columns(['agency_id', 'id']).execute();
    await db.schema
      .createTable('feed_attempts')
      .addColumn('id', t.serial, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('delivery_id', t.bigint, (c) => c.notNull().references('feed_outbox.id'))
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('duration_ms', 'integer')
      .addColumn('status_code', 'integer')
      .addColumn('error', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('feed_attempts_delivery').on('feed_attempts').columns(['delivery_id', 'id']).execute();
  },
};
