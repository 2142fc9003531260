/**
 * 重大执法决定法制审核目录 — projections of `review-rule.*` (agency log, subject = the rule id).
 */

/** One rule of an agency's catalog. Its kind is fixed; what it says changes by versions. */
export interface ReviewRulesTable {
  id: string;
  agency_id: string;
  /** CatalogRuleKind (src/shared/review-catalog.ts). */
  kind: string;
  /** Sequence number of the `review-rule.added` event in the agency's log: the catalog's order. */
  added_seq: number;
  /** 'retired' once an end date is set (the last version may still be in force until it). */
  status: 'active' | 'retired';
  /** Number of the latest version in review_rule_versions. */
  current_version: number;
  /** Record version for If-Match: one per event. */
  version: number;
  retired_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** One version of a rule, in force on [effective_from, effective_to). */
export interface ReviewRuleVersionsTable {
  rule_id: string;
  version: number;
  /** CatalogRuleSpec as JSON (kind included), in the ledger's canonical key order. */
  params: string;
  label: string;
  /** YYYY-MM-DD inclusive. */
  effective_from: string;
  /** YYYY-MM-DD exclusive; null: open-ended. Set by the next version or by retirement. */
  effective_to: string | null;
  reason: string;
  /** The event's actor and time. */
  recorded_by: string;
  recorded_at: string;
}

export interface ReviewTables {
  review_rules: ReviewRulesTable;
  review_rule_versions: ReviewRuleVersionsTable;
}
