/**
 * 法制审核 — one row per review round (projection of `review.*`, agency log, subject = the case):
 * the columns the inbox and the statistics filter on, and the whole ReviewRecord
 * (src/shared/reviews.ts) as JSON, folded from the round's events.
 */
export interface ReviewsTable {
  id: string;
  case_id: string;
  agency_id: string;
  /** The case's handling unit at submission. */
  unit_id: string | null;
  round: number;
  /** ReviewStatus: submitted | assigned | returned | approved | escalated. */
  status: string;
  /** proposalDigest of the penalty reviewed. */
  proposal: string;
  reviewer_user_id: string | null;
  co_reviewer_user_id: string | null;
  /** Time of the latest (re)assignment event: the round-robin rotation continues after it. */
  assigned_at: string | null;
  submitted_on: string;
  due_on: string | null;
  decided_on: string | null;
  /** approved | problems once decided. */
  outcome: string | null;
  /** ChecklistResult[] as JSON once decided. */
  checklist: string | null;
  opinion: string | null;
  /** The 法制审核意见书. */
  document_id: string | null;
  record: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** An agency's review settings (ReviewSettings as JSON; projection of `review-settings.set`); absent: the defaults. */
export interface ReviewSettingsTable {
  agency_id: string;
  settings: string;
  version: number;
  updated_at: string;
}

export interface ReviewsTables {
  reviews: ReviewsTable;
  review_settings: ReviewSettingsTable;
}
