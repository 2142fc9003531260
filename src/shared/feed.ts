/**
 * The outbound feed to the city's unified platform (open data): what the console's delivery log
 * shows. Shared by the server and the web app.
 */

/** What an item of the feed reports: a publication published, corrected (new version) or withdrawn. */
export const FEED_KINDS = ['publication.published', 'publication.corrected', 'publication.withdrawn'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/**
 * pending — waiting to be sent (or for its backoff); delivering — an attempt is in flight;
 * delivered — the receiver answered 2xx; failed — given up (attempts exhausted or refused by the
 * receiver) until an admin retries it.
 */
export const FEED_STATUSES = ['pending', 'delivering', 'delivered', 'failed'] as const;
export type FeedStatus = (typeof FEED_STATUSES)[number];

/** delivered (2xx) | retry (network error, timeout, 5xx, 408/425/429) | failed (given up) | interrupted (the process stopped mid-attempt). */
export type FeedAttemptOutcome = 'delivered' | 'retry' | 'failed' | 'interrupted';

export interface FeedAttempt {
  attempt: number;
  startedAt: string;
  durationMs: number | null;
  statusCode: number | null;
  error: string | null;
  outcome: FeedAttemptOutcome;
}

/** One row of the delivery log. */
export interface FeedDelivery {
  id: string;
  idempotencyKey: string;
  agencyId: string;
  agencyName: string | null;
  kind: FeedKind;
  subject: string;
  status: FeedStatus;
  /** Attempts in the current round (a manual retry starts a new round). */
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** The latest attempts, newest first (at most 20). */
  log: FeedAttempt[];
}

export interface FeedDeliveryPage {
  items: FeedDelivery[];
  /** Cursor for the next (older) page, or null at the end. */
  next: string | null;
}
