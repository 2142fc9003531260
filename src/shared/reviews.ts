/**
 * 重大执法决定法制审核 — a review of one proposed decision, as the server and the console both
 * see it (src/modules/review/reviews.*). Money is integer fen; dates are China calendar dates.
 */
import type { Penalty } from './cases.ts';
import type { MatchedRule } from './review-catalog.ts';

/** Where a review stands. submitted → assigned → approved | returned; returned → escalated. */
export const REVIEW_STATUS_LABELS = {
  submitted: { zh: '已送审', en: 'Submitted' },
  assigned: { zh: '审核中', en: 'Under review' },
  returned: { zh: '存在问题（已退回）', en: 'Returned with problems' },
  approved: { zh: '同意', en: 'Approved' },
  escalated: { zh: '已提请负责人／集体讨论', en: 'Escalated' },
  withdrawn: { zh: '已撤回（案件已另行处理或须重新送审）', en: 'Withdrawn (the case moved on or must be resubmitted)' },
} as const;
export type ReviewStatus = keyof typeof REVIEW_STATUS_LABELS;
export const REVIEW_STATUSES = Object.keys(REVIEW_STATUS_LABELS) as ReviewStatus[];
/** Statuses in which the review unit still owes an opinion. */
export const OPEN_REVIEW_STATUSES: readonly ReviewStatus[] = ['submitted', 'assigned'];

export const REVIEW_OUTCOME_LABELS = {
  approved: { zh: '同意', en: 'Approved' },
  problems: { zh: '存在问题', en: 'Problems found' },
} as const;
export type ReviewOutcome = keyof typeof REVIEW_OUTCOME_LABELS;

export const ESCALATION_LABELS = {
  'agency-head': { zh: '报请机关负责人决定', en: 'To the agency head' },
  'collective-discussion': { zh: '提交负责人集体讨论', en: 'To collective discussion' },
} as const;
export type EscalationTarget = keyof typeof ESCALATION_LABELS;

/** One of the materials a submission (送审) must carry (118号 item 十四: the handling unit answers for them). */
export interface ReviewMaterial {
  /** In Chinese, as the list of what is missing shows it. */
  name: string;
  present: boolean;
  /** The document (id) that carries it, where there is one. */
  ref?: string;
}

/** One point of the checklist (1–10, REVIEW_CHECKLIST order): 合格, or 存在问题 with a comment. */
export interface ChecklistResult {
  point: number;
  ok: boolean;
  comment: string;
}

export interface ReviewAssignment {
  on: string;
  reviewerUserId: string;
  reviewerName: string;
  coReviewerUserId: string | null;
  coReviewerName: string | null;
  mode: 'manual' | 'round-robin';
  /** Why the reviewer changed (reassignment only). */
  reason: string | null;
}

/** A review round as its events made it. */
export interface ReviewRecord {
  id: string;
  caseId: string;
  agencyId: string;
  /** The handling unit (the case's unit) at submission. */
  unitId: string | null;
  /** 1 for a case's first submission, n+1 after each earlier round. */
  round: number;
  status: ReviewStatus;
  /** proposalDigest of the proposal reviewed: an approval authorises exactly this proposal. */
  proposal: string;
  /** The proposed penalty; null: a proposal of 不予行政处罚 (Art 57①, gated by Art 58 too). */
  penalty: Penalty | null;
  /** Why the proposal is a major decision, each reason once (empty: reviewed voluntarily). */
  requiredBecause: string[];
  /** The catalog rules that matched, by id, version and name (absent in rounds recorded before). */
  requiredRules?: MatchedRule[];
  materials: ReviewMaterial[];
  note: string | null;
  submittedOn: string;
  submittedBy: { id: string; name: string };
  /** Last day for the review unit's opinion (working days per the agency's setting). */
  dueOn: string | null;
  reviewer: { userId: string; name: string } | null;
  coReviewer: { userId: string; name: string } | null;
  /** The co-reviewing legal adviser's written opinion for this round (118号 item 十一), quoted in the 意见书. Absent in rounds recorded before it existed. */
  coOpinion?: { on: string; name: string; opinion: string } | null;
  assignments: ReviewAssignment[];
  decision: {
    on: string;
    outcome: ReviewOutcome;
    checklist: ChecklistResult[];
    opinion: string;
    requiredChanges: string | null;
    documentId: string | null;
    number: string | null;
  } | null;
  escalation: { on: string; to: EscalationTarget; reason: string; by: string } | null;
  /** Why the round ended without an opinion (`review.withdrawn`); absent in rounds recorded before it existed. */
  withdrawal?: { on: string; reason: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A row of the reviewer inbox. */
export interface ReviewListItem {
  id: string;
  caseId: string;
  agencyId: string;
  unitId: string | null;
  round: number;
  status: ReviewStatus;
  caseNo: string | null;
  cause: string;
  partyName: string;
  reviewerUserId: string | null;
  reviewerName: string | null;
  coReviewerUserId: string | null;
  submittedOn: string;
  dueOn: string | null;
  decidedOn: string | null;
  outcome: ReviewOutcome | null;
  /** Open and past its due date (decided against today's date when read). */
  overdue: boolean;
  version: number;
}

/** GET /api/reviews/:id — the review with the case it is about and what this user may do. */
export interface ReviewView {
  review: ReviewRecord;
  case: {
    id: string;
    caseNo: string | null;
    cause: string;
    partyName: string;
    status: string;
    unitId: string | null;
    field: string;
    handlers: { officerId: string; name: string }[];
    /**
     * The case's current proposal (its decision once made, else the notice's, else the
     * investigation report's; null: 不予行政处罚), and whether it is the one reviewed.
     */
    currentProposal: Penalty | null;
    reviewedProposalIsCurrent: boolean;
    version: number;
  };
  overdue: boolean;
  allowed: Array<'assign' | 'reassign' | 'decide' | 'escalate' | 'co-opinion'>;
}

/** The agency's review settings (GET/PUT /api/agencies/:id/review-settings). */
export interface ReviewSettings {
  /** The review unit's time limit, in working days from submission (rules.md E: 5–10 typical). */
  reviewDays: number;
  /** A reviewer may not belong to the case's handling unit (118号 item 十四). */
  reviewerOutsideHandlingUnit: boolean;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { reviewDays: 5, reviewerOutsideHandlingUnit: true };

/** GET /api/reviews/stats — decided reviews in a period. Turnaround is in working days, submission to opinion. */
export interface ReviewStats {
  agencyId: string;
  from: string;
  to: string;
  decided: number;
  byOutcome: Record<ReviewOutcome, number>;
  /** Open now, and open past the due date. */
  open: number;
  overdue: number;
  turnaround: { median: number | null; p90: number | null };
  /** Checklist points found wanting, most frequent first. */
  problemPoints: { point: number; label: string; count: number }[];
  byUnit: ReviewStatsGroup[];
  byReviewer: ReviewStatsGroup[];
}

export interface ReviewStatsGroup {
  id: string | null;
  name: string;
  decided: number;
  approved: number;
  problems: number;
  median: number | null;
  p90: number | null;
}

/** The 10 points of the legal review checklist (118号 item 十三; 14号; rules.md E): short label, what is checked. */
export const REVIEW_CHECKLIST: ReadonlyArray<readonly [string, string]> = [
  ['执法主体', '执法主体合法，未超越法定职权'],
  ['执法人员', '执法人员具备执法资格，无应当回避的情形'],
  ['执法程序', '立案、两名执法人员、告知、陈述申辩、听证、办案期限等程序合法'],
  ['事实证据', '事实清楚，证据合法、充分'],
  ['法律适用', '适用法律、法规、规章正确'],
  ['裁量', '适用裁量基准，已考虑首违不罚、不予处罚情形，裁量适当'],
  ['时效', '未超过追责时效'],
  ['违法所得', '违法所得已依法没收'],
  ['文书', '执法文书完备、规范'],
  ['移送', '涉嫌犯罪的已移送司法机关'],
];
