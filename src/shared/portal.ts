/**
 * The public portal's read side (src/modules/publicity/portal.*, web/src/pages/portal/): the
 * answers of `/api/public/decisions…`, `/api/public/statistics` and `/api/public/agencies`.
 * The decision shapes themselves are in ./publications.ts.
 */
import type { PublicationKind, PublishedDecision, PublishedDecisionListItem, WithdrawalNotice } from './publications.ts';

/** Results per page of the public search. */
export const PORTAL_PAGE_SIZE = 20;
/** The count stops here: "1000+" (an exact count over all hits is O(hits), issue 8 Performance). */
export const PORTAL_COUNT_CAP = 1000;
/** Rows in one CSV download at most (the newest first). */
export const PORTAL_CSV_MAX_ROWS = 10_000;

export interface DecisionSearchQuery {
  q?: string;
  agencyId?: string;
  kind?: PublicationKind;
  /** Decision date range, inclusive, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
  /** Opaque cursor of the next page. */
  after?: string;
}

export interface DecisionSearchResult {
  items: PublishedDecisionListItem[];
  /** Cursor of the next page, null on the last. */
  next: string | null;
  /** Hits counted up to PORTAL_COUNT_CAP; `capped` means there are more ("1000+"). */
  count: number;
  capped: boolean;
}

/** One public version of a decision (its ledger place is what 核验 proves). */
export interface PublicVersion {
  version: number;
  publishedOn: string;
  /** The correction's reason; null for the first publication. */
  reason: string | null;
}

/** The detail page. A withdrawn or expired decision shows its notice, not its text. */
export interface PublicDecisionDetail {
  status: 'published' | 'withdrawn' | 'expired';
  /** The version shown (the current one unless `?version=` asked for an earlier one); null once withdrawn/expired. */
  decision: PublishedDecision | null;
  /** The newest public version number. */
  currentVersion: number;
  versions: PublicVersion[];
  withdrawal: WithdrawalNotice | null;
  /** Header fields kept visible after withdrawal/expiry. */
  number: string;
  agencyName: string;
}

export interface StatisticsBucket {
  key: string;
  count: number;
}

/** Counts of decisions currently published. */
export interface PortalStatistics {
  total: number;
  /** `YYYY-MM` of the decision date, oldest first (last 24 months with any decision). */
  byMonth: StatisticsBucket[];
  /** By PublicationKind. */
  byKind: StatisticsBucket[];
  /** By agency id, with its name. */
  byAgency: (StatisticsBucket & { name: string })[];
  /** When these figures were read. */
  asOf: string;
}

export interface PublicAgency {
  id: string;
  name: string;
}

/** What `GET /api/public/decisions/{id}/proof` answers once a signed checkpoint covers the event. */
export interface InclusionEvidence {
  pending: false;
  /** The envelope fields of the `publication.published` event, all but `data`. */
  entry: { v: 1; log: string; seq: number; at: string; actor: string; type: string; subject: string | null };
  /** The log's checkpoint origin, e.g. `sanxiang/hy-whzf`. */
  origin: string;
  /** Leaf index (seq − 1) and the size of the checkpoint's tree. */
  index: number;
  size: number;
  /** The leaf the server recorded (base64), shown beside the one computed here. */
  leafHash: string;
  /** The audit path, base64, leaf to root. */
  proof: string[];
  /** The C2SP signed note of the latest checkpoint. */
  checkpoint: string;
}

/** The event exists but no signed checkpoint covers it yet (等待下一次签名检查点). */
export interface PendingEvidence {
  pending: true;
  log: string;
  seq: number;
}

export type PublicationEvidence = InclusionEvidence | PendingEvidence;
