/**
 * 重大执法决定法制审核目录 — the shapes of an agency's review catalog as the API sends them, shared
 * by the server (src/modules/review/catalog.*) and the console. Money is integer fen.
 */
import type { CaseProcedure, CaseStatus, Penalty, PenaltyKind } from './cases.ts';

/** 《行政处罚法》第五十八条 / 118号 item 十二: the cases the handling unit marks by hand. */
export const MANUAL_FLAGS = ['重大公共利益', '情节复杂、涉及多个法律关系', '可能引发社会风险'] as const;
export type ManualFlag = (typeof MANUAL_FLAGS)[number];

/** What a catalog rule looks at, with the console's names for it. */
export const CATALOG_RULE_KIND_LABELS = {
  'fine-at-least': { zh: '罚款数额', en: 'Fine amount' },
  'penalty-kind': { zh: '处罚种类', en: 'Penalty kind' },
  'confiscation-at-least': { zh: '没收数额', en: 'Confiscated value' },
  'after-hearing': { zh: '听证后作出的决定', en: 'Decision after a hearing' },
  field: { zh: '执法领域', en: 'Enforcement field' },
  'manual-flag': { zh: '人工标记', en: 'Manual flag' },
  'all-ordinary': { zh: '全部普通程序决定', en: 'Every ordinary-procedure decision' },
} as const;
export type CatalogRuleKind = keyof typeof CATALOG_RULE_KIND_LABELS;
export const CATALOG_RULE_KINDS = Object.keys(CATALOG_RULE_KIND_LABELS) as CatalogRuleKind[];

/**
 * One rule's condition. The kind is fixed for the life of a rule; its parameters change by
 * versions. Amounts are "at least" (≥), per party kind (个人 = 公民, 单位 = 法人或者其他组织).
 */
export type CatalogRuleSpec =
  | { kind: 'fine-at-least'; person: number; organisation: number }
  | { kind: 'penalty-kind'; kinds: PenaltyKind[] }
  /** 没收 value: confiscatedGainsFen + confiscatedPropertyFen. */
  | { kind: 'confiscation-at-least'; person: number; organisation: number }
  | { kind: 'after-hearing' }
  | { kind: 'field'; field: string }
  | { kind: 'manual-flag'; flag: ManualFlag }
  | { kind: 'all-ordinary' };

/** One version of a rule: its condition and name, in force on [effectiveFrom, effectiveTo). */
export interface CatalogRuleVersion {
  version: number;
  rule: CatalogRuleSpec;
  /** The rule's name as the catalog lists it (e.g. 较大数额罚款（《行政处罚法》第六十三条）). */
  label: string;
  /** YYYY-MM-DD, inclusive. */
  effectiveFrom: string;
  /** YYYY-MM-DD, exclusive; null: open-ended. Equal to effectiveFrom: superseded before it took effect. */
  effectiveTo: string | null;
  reason: string;
  recordedAt: string;
  recordedBy: { id: string; name: string };
}

export type CatalogRuleStatus = 'active' | 'retired';

/** A catalog rule as listed: the version in force on the date asked (or none), and the latest. */
export interface CatalogRule {
  id: string;
  agencyId: string;
  kind: CatalogRuleKind;
  /** retired: an end date is set (it may still be in force until then). */
  status: CatalogRuleStatus;
  /** The version of the record (If-Match); every event adds one. */
  version: number;
  /** The number of the latest rule version. */
  currentVersion: number;
  /** The rule version in force on the date asked (today when none was asked); null: not in force then. */
  inForce: CatalogRuleVersion | null;
  latest: CatalogRuleVersion;
  retiredReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A rule with every version, oldest first. */
export interface CatalogRuleDetail extends CatalogRule {
  versions: CatalogRuleVersion[];
}

export interface NewCatalogRule {
  agencyId: string;
  rule: CatalogRuleSpec;
  /** Omitted or blank: a name made from the rule. */
  label?: string | null;
  effectiveFrom: string;
  reason: string;
}

/** A new version: the kind stays; the previous version ends where this one starts. */
export interface CatalogRuleChange {
  rule: CatalogRuleSpec;
  label?: string | null;
  effectiveFrom: string;
  reason: string;
}

export interface CatalogRuleRetirement {
  /** The first day the rule no longer applies. */
  effectiveTo: string;
  reason: string;
}

/** A rule that puts a proposal in the scope of legal review, and why, in words. */
export interface CatalogMatchView {
  ruleId: string;
  version: number;
  kind: CatalogRuleKind;
  label: string;
}

/**
 * A catalog rule a proposal matched, as recorded with the act that made the proposal (调查终结,
 * 事先告知) and with each submission (送审): which rule and version, its name in the catalog, and
 * why it matched. Two rules may give the same reason in words; the record still names both.
 */
export interface MatchedRule {
  ruleId: string;
  version: number;
  /** The name the version is listed under in the catalog. */
  name: string;
  /** Why it matched, in words (e.g. 拟罚款15,000元，达到目录标准10,000元（个人）). */
  label: string;
}

/** One recent case in a preview: would the unsaved rule have caught it? */
export interface CatalogPreviewCase {
  caseId: string;
  caseNo: string | null;
  cause: string;
  partyName: string;
  partyKind: 'person' | 'organisation';
  status: CaseStatus;
  procedure: CaseProcedure;
  field: string;
  /** The date of the proposal the case stands on (decision, notice or investigation report). */
  proposedOn: string;
  penalty: Penalty | null;
  hearingHeld: boolean;
  /** Why the rule catches it; null: it does not. */
  matched: string | null;
}

export interface CatalogPreview {
  /** The agency's most recent cases with a proposal (at most 20), newest first. */
  cases: CatalogPreviewCase[];
  matchedCount: number;
  /** Manual flags are set in the review itself; cases carry none yet, so a flag rule catches none here. */
  note: string | null;
}
