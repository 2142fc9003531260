import { sql } from 'kysely';
import type { EngineMigration } from './types.ts';

/**
 * The event types the public history of 事前公开's derived lists is folded from (执法人员, 裁量基准,
 * 法制审核目录, 内设机构: src/modules/publicity/disclosures.rules.ts LIST_EVENT_TYPES). Frozen with
 * this migration: the partial index below is usable only by a query that repeats its predicate
 * word for word (`derivedListEventsPredicate`), so a new type needs a new migration and index.
 */
export const DERIVED_LIST_EVENT_TYPES = [
  'officer.registered',
  'officer.updated',
  'officer.renewed',
  'officer.suspended',
  'officer.reinstated',
  'officer.revoked',
  'benchmark.created',
  'benchmark.updated',
  'benchmark.retired',
  'review-rule.added',
  'review-rule.changed',
  'review-rule.retired',
  'unit.created',
  'unit.updated',
] as const;

/** The index's predicate as SQL text (literals: neither engine matches a partial index against bound parameters). */
export const derivedListEventsPredicate = `type in (${DERIVED_LIST_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})`;

/**
 * A list's history walks its agency's log newest first: in a log of a million case events, the
 * few thousand officer, benchmark, catalog and unit events would otherwise be found by reading
 * all the others. A partial index holds just those rows, so case events pay nothing for it on
 * append.
 */
export const eventsOfDerivedLists: EngineMigration = {
  async up(db) {
    await sql.raw(`create index events_derived_lists on events (log_id, id, type) where ${derivedListEventsPredicate}`).execute(db);
  },
};
