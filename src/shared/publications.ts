/**
 * 事后公开 — publications of enforcement decisions (行政处罚决定、行政许可决定), as the server, the
 * editors' console and the public portal all see them (src/modules/publicity/publications.*).
 * Law: 《行政处罚法》第四十八条; 118号 item 六 (7 working days); rules.md section D.
 *
 * Two kinds of shapes live here:
 * - the console's (`PublicationView`, `PublicationListItem`): the draft with the UNREDACTED source
 *   text and the redactions marked on it — never served to the public;
 * - the public's (`PublishedDecision`, `PublishedDecisionListItem`, `WithdrawalNotice`): exactly
 *   what a citizen sees. `PublishedDecision` is ONE canonical JSON object: the `publication.published`
 *   and `publication.corrected` events carry it as their `data`, byte for byte (RFC 8785), so the
 *   browser can canonicalise what it shows and re-hash it against the ledger. Every field is a
 *   string, number, boolean, null or array of those: no `undefined`, no dates as objects.
 * Money is integer fen; dates are China calendar dates `YYYY-MM-DD`.
 */
import type { PenaltyKind } from './cases.ts';

/** Where a publication stands. draft → in-review → published → withdrawn | expired; in-review → draft (returned). */
export const PUBLICATION_STATUS_LABELS = {
  draft: { zh: '待编辑', en: 'Draft' },
  'in-review': { zh: '待审核', en: 'In review' },
  published: { zh: '已发布', en: 'Published' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  expired: { zh: '公示期满', en: 'Publication period ended' },
} as const;
export type PublicationStatus = keyof typeof PUBLICATION_STATUS_LABELS;
export const PUBLICATION_STATUSES = Object.keys(PUBLICATION_STATUS_LABELS) as PublicationStatus[];

/** 处罚决定 or 许可决定 (许可法 Art 40). Licensing decisions join when licensing is built. */
export const PUBLICATION_KIND_LABELS = {
  penalty: { zh: '行政处罚', en: 'Penalty' },
  licence: { zh: '行政许可', en: 'Licence' },
} as const;
export type PublicationKind = keyof typeof PUBLICATION_KIND_LABELS;
export const PUBLICATION_KINDS = Object.keys(PUBLICATION_KIND_LABELS) as PublicationKind[];

/** The kinds of personal data a redaction removes (信息公开条例 Art 15; 118号 item 二). Same union as src/modules/publicity/redaction.ts. */
export const PUBLICATION_REDACTION_KIND_LABELS = {
  'id-number': { zh: '身份证号码', en: 'ID number' },
  phone: { zh: '电话号码', en: 'Phone number' },
  'bank-account': { zh: '银行账号', en: 'Bank account' },
  address: { zh: '住址', en: 'Home address' },
  health: { zh: '健康信息', en: 'Health information' },
  'third-person-name': { zh: '第三人姓名', en: 'Name of a third person' },
  manual: { zh: '人工遮蔽', en: 'Manual redaction' },
} as const;
export type PublicationRedactionKind = keyof typeof PUBLICATION_REDACTION_KIND_LABELS;

/** One masked span of the source text [start, end) in UTF-16 code units, with its kind and reason; `auto` from the redaction library. */
export interface PublicationRedaction {
  start: number;
  end: number;
  kind: PublicationRedactionKind;
  reason: string;
  by: 'auto' | 'editor';
}

/** 当事人 as published: organisations with 统一社会信用代码 and 法定代表人; natural persons by name only. */
export interface PublishedParty {
  kind: 'person' | 'organisation';
  name: string;
  /** 统一社会信用代码 (organisations only; null for persons). */
  creditCode: string | null;
  /** 法定代表人／负责人 (organisations only; null for persons). */
  representative: string | null;
}

/** One earlier correction, as public history shows it. */
export interface PublishedCorrection {
  /** The version this correction produced (2, 3, …). */
  version: number;
  on: string;
  reason: string;
}

/**
 * The public object of a published decision (one version). The data of `publication.published`
 * (version 1) and `publication.corrected` (version n > 1) events is exactly this object; its
 * `facts` and `penaltyContent` are the redacted texts.
 */
export interface PublishedDecision extends PublicationFields {
  /** The publication's id (stable across versions). */
  id: string;
  kind: PublicationKind;
  agencyId: string;
  agencyName: string;
  /** The date this version was published. */
  publishedOn: string;
  /** 公示截止期: the last day the decision is shown (then it expires from the portal). */
  publicUntil: string;
  /** The full 决定书 text as published: the served decision's text with the redactions applied. */
  text: string;
  /** 1 for the first publication, n+1 after each correction. */
  version: number;
  /** Every correction so far (oldest first); empty for version 1. */
  corrections: PublishedCorrection[];
}

/** The data of `publication.withdrawn`: the public notice (撤回说明, Art 48②). */
export interface WithdrawalNotice {
  id: string;
  number: string;
  agencyId: string;
  agencyName: string;
  withdrawnOn: string;
  /** The public reason (决定被变更、撤销、确认违法或无效 …). */
  reason: string;
}

/** A row of the public list/search. */
export interface PublishedDecisionListItem {
  id: string;
  kind: PublicationKind;
  number: string;
  agencyId: string;
  agencyName: string;
  partyName: string;
  cause: string;
  penaltyKinds: PenaltyKind[];
  fineFen: number | null;
  decidedOn: string;
  publishedOn: string;
  version: number;
}

/** Where a public version's event is in the ledger (what the 核验 proof needs). */
export interface PublishedVersionRef {
  version: number;
  publishedOn: string;
  reason: string | null;
  log: string;
  seq: number;
  type: 'publication.published' | 'publication.corrected';
}

/** Agency policy of 事后公开 (a setting, rules.md D). */
export interface PublicationSettings {
  /** Publish 当场处罚 (simple procedure) decisions too. */
  publishOnTheSpot: boolean;
  /** Publish decisions whose only penalty is a warning. */
  publishWarningOnly: boolean;
  /** A fine at or below this (fen) with no heavier kind is "low": the short period applies. */
  lowFineThresholdFen: number;
  /** Publication period for warnings and low fines (months). */
  shortPeriodMonths: number;
  /** Publication period otherwise (years). */
  longPeriodYears: number;
}

export const DEFAULT_PUBLICATION_SETTINGS: PublicationSettings = {
  publishOnTheSpot: false,
  publishWarningOnly: true,
  lowFineThresholdFen: 1_000_000,
  shortPeriodMonths: 3,
  longPeriodYears: 3,
};

/** The fields of a decision's publication (in a draft, before redaction). */
export interface PublicationFields {
  /** 决定书文号 */
  number: string;
  party: PublishedParty;
  /** 违法行为类型／案由 */
  cause: string;
  /** 违法事实 */
  facts: string;
  /** 处罚依据 */
  basis: string;
  /** 处罚类别 */
  penaltyKinds: PenaltyKind[];
  /** 处罚内容 */
  penaltyContent: string;
  fineFen: number | null;
  confiscatedGainsFen: number | null;
  confiscatedPropertyFen: number | null;
  licenceSuspended: boolean;
  licenceRevoked: boolean;
  /** 作出决定日期 */
  decidedOn: string;
}

/** The whole publication as its events made it (console only: holds the UNREDACTED source). */
export interface PublicationRecord {
  id: string;
  agencyId: string;
  agencyName: string;
  caseId: string | null;
  kind: PublicationKind;
  status: PublicationStatus;
  /** The served decision document the text comes from. */
  documentId: string | null;
  /** The decision's text as served, unredacted. */
  sourceText: string;
  /** The fields, unredacted. */
  fields: PublicationFields;
  /** Redactions on `sourceText` (auto and editor), sorted, non-overlapping. */
  redactions: PublicationRedaction[];
  /** Automatic redactions an editor took back, with the reason: shown to the approver. Absent in records before it existed. */
  removedAuto?: PublicationRedaction[];
  /** Last day to publish: 7 working days from the decision (118号 item 六). */
  publishDueOn: string;
  draftedOn: string;
  draftedBy: { id: string; name: string };
  /** Users who edited the current version (none of them may approve it). */
  editors: string[];
  /** Who submitted the current version for review (the drafter of record: never its approver). */
  submittedBy: { id: string; name: string } | null;
  submittedOn: string | null;
  /** The last 退回 with its reason. */
  returned: { on: string; by: string; reason: string } | null;
  approvedBy: { id: string; name: string } | null;
  publishedOn: string | null;
  publicUntil: string | null;
  /** The currently public object (null until published). */
  current: PublishedDecision | null;
  /** A correction being prepared (edited, awaiting approval): its reason. */
  correction: { reason: string } | null;
  /** The decision was changed/revoked/held illegal or void: withdraw within 3 WD (Art 48②). */
  withdrawalRequired: { on: string; reason: string; dueOn: string } | null;
  withdrawal: WithdrawalNotice | null;
  expiredOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Timeliness as the list and the supervisor see it. */
export type PublicationTimeliness = 'on-time' | 'due-soon' | 'overdue' | 'late' | 'withdrawal-overdue' | 'withdrawal-due';

/** A row of the editors' list. */
export interface PublicationListItem {
  id: string;
  agencyId: string;
  agencyName: string;
  caseId: string | null;
  kind: PublicationKind;
  status: PublicationStatus;
  number: string;
  partyName: string;
  cause: string;
  decidedOn: string;
  publishDueOn: string;
  publishedOn: string | null;
  withdrawDueOn: string | null;
  /** Past its due date (publish or withdrawal) and not done. */
  overdue: boolean;
  timeliness: PublicationTimeliness;
  /** Correction or re-submission in progress. */
  pendingCorrection: boolean;
  publicVersion: number | null;
  updatedAt: string;
}

/** The draft page: the record, the redacted preview, and what this user may do now. */
export interface PublicationView {
  publication: PublicationRecord;
  /** The public object as it would be published now (redactions applied). */
  preview: PublishedDecision;
  /** Public version history (each with its ledger reference). */
  versions: PublishedVersionRef[];
  overdue: boolean;
  timeliness: PublicationTimeliness;
  allowed: PublicationAction[];
}

export const PUBLICATION_ACTIONS = ['edit', 'redact', 'submit', 'return', 'approve', 'correct', 'require-withdrawal', 'withdraw'] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];

/** The list filter (tabs of the console: 待编辑/待审核/已发布/逾期). */
export type PublicationListFilter = 'draft' | 'in-review' | 'published' | 'overdue' | 'withdrawn' | 'all';
