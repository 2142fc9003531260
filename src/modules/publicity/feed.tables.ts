import type { Generated } from 'kysely';

/**
 * The outbound feed's outbox (operational state, not a projection): one row per item to send to
 * the city's unified platform, written by `enqueueFeed` in the transaction of the event it
 * reports, then driven by the delivery worker. `status`: FeedStatus (src/shared/feed.ts).
 */
export interface FeedOutboxTable {
  /** Delivery order; within an agency, commit order. */
  id: Generated<number>;
  /** Sent as `Idempotency-Key` on every attempt; the receiver dedupes by it. */
  idempotency_key: string;
  agency_id: string;
  kind: string;
  subject: string;
  /** The exact JSON body sent (canonical, fixed at enqueue so every attempt sends the same bytes). */
  body: string;
  status: string;
  /** Attempts in the current round (a manual retry starts a new round). */
  attempts: number;
  /** Not before this time (ISO): the backoff. */
  next_attempt_at: string;
  /** While `delivering`: the claim expires then, and another worker (or this one after a restart) takes the row over. */
  lease_until: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

/** Every delivery attempt: when, how long, the receiver's status code or the network error. */
export interface FeedAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  started_at: string;
  duration_ms: number | null;
  status_code: number | null;
  error: string | null;
  /** FeedAttemptOutcome: delivered | retry | failed | interrupted. */
  outcome: string;
}

export interface FeedTables {
  feed_outbox: FeedOutboxTable;
  feed_attempts: FeedAttemptsTable;
}
