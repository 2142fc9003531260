/**
 * 执法文书 — the standard enforcement documents a case produces, as the server issues them and the
 * console lists them. Form numbers are those of 《文化市场综合行政执法文书格式》 (文化部, 2012) as
 * listed in rules.md section F; kinds the 2012 list lacks (法制审核意见书, 不予行政处罚决定书) have none.
 */

/**
 * 正卷 (external: what the party received or signed) or 副卷 (internal: approvals, discussion,
 * review) — where the document is filed in the case file (一案一卷, 旅游办法 Arts 69–71).
 */
export type DocumentVolume = 'main' | 'internal';

export interface DocumentKindInfo {
  /** The document's title as printed. */
  zh: string;
  en: string;
  /** Form number in rules.md section F (文化部 2012), or null when the 2012 list has none. */
  formNo: number | null;
  /** Carries a 文号 from the agency's numbering (per agency, kind and year, gap-free). */
  numbered: boolean;
  /** Default 文书字 of the number, e.g. 罚决字 in 衡文执罚决字〔2026〕第12号 (null: not numbered). */
  word: string | null;
  volume: DocumentVolume;
}

export const DOCUMENT_KINDS = {
  'inspection-record': { zh: '现场检查（勘验）笔录', en: 'Inspection record', formNo: 2, numbered: false, word: null, volume: 'main' },
  'case-filing-approval': { zh: '立案审批表', en: 'Case filing approval', formNo: 3, numbered: true, word: '立字', volume: 'internal' },
  'on-the-spot-decision': { zh: '当场处罚决定书', en: 'On-the-spot penalty decision', formNo: 5, numbered: true, word: '当罚决字', volume: 'main' },
  'questioning-record': { zh: '调查询问笔录', en: 'Questioning record', formNo: 7, numbered: false, word: null, volume: 'main' },
  'preservation-notice': { zh: '证据先行登记保存通知书', en: 'Evidence preservation notice', formNo: 9, numbered: true, word: '登保字', volume: 'main' },
  'preservation-handling-notice': { zh: '先行登记保存处理告知书', en: 'Notice of handling of preserved evidence', formNo: 10, numbered: true, word: '登处字', volume: 'main' },
  'investigation-closing-approval': { zh: '案件调查终结审批表', en: 'Investigation closing approval', formNo: 17, numbered: false, word: null, volume: 'internal' },
  'transfer-form': { zh: '案件移送单', en: 'Case transfer form', formNo: 18, numbered: true, word: '移字', volume: 'main' },
  'discussion-record': { zh: '集体讨论笔录', en: 'Collective discussion record', formNo: 19, numbered: false, word: null, volume: 'internal' },
  'prior-notice': { zh: '行政处罚事先告知书', en: 'Prior notice of penalty', formNo: 20, numbered: true, word: '告字', volume: 'main' },
  'statement-review': { zh: '陈述（申辩）情况审核表', en: 'Statement review form', formNo: 21, numbered: false, word: null, volume: 'internal' },
  'hearing-notice': { zh: '听证通知书', en: 'Hearing notice', formNo: 22, numbered: true, word: '听通字', volume: 'main' },
  'hearing-record': { zh: '听证笔录', en: 'Hearing record', formNo: 23, numbered: false, word: null, volume: 'main' },
  'penalty-decision': { zh: '行政处罚决定书', en: 'Penalty decision', formNo: 25, numbered: true, word: '罚决字', volume: 'main' },
  'service-receipt': { zh: '送达回证', en: 'Proof of service', formNo: 26, numbered: false, word: null, volume: 'main' },
  'payment-reminder': { zh: '履行催告书', en: 'Reminder to perform', formNo: 27, numbered: true, word: '催字', volume: 'main' },
  'closing-report': { zh: '结案报告', en: 'Case closing report', formNo: 28, numbered: false, word: null, volume: 'internal' },
  'legal-review-opinion': { zh: '法制审核意见书', en: 'Legal review opinion', formNo: null, numbered: true, word: '法审字', volume: 'internal' },
  'no-penalty-decision': { zh: '不予行政处罚决定书', en: 'Decision not to penalise', formNo: null, numbered: true, word: '不罚决字', volume: 'main' },
} as const satisfies Record<string, DocumentKindInfo>;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_KIND_NAMES = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

export function isDocumentKind(k: string): k is DocumentKind {
  return Object.hasOwn(DOCUMENT_KINDS, k);
}

/** Placeholders of a number pattern: agency short name, 文书字, year of issue, serial. */
export const NUMBER_PLACEHOLDERS = ['short', 'word', 'year', 'n'] as const;

/** The default number pattern, e.g. 衡文执罚决字〔2026〕第12号. */
export const DEFAULT_NUMBER_PATTERN = '{short}{word}〔{year}〕第{n}号';

/** An issued document as the API describes it (the PDF itself is fetched separately). */
export interface DocumentMeta {
  id: string;
  agencyId: string;
  caseId: string;
  kind: DocumentKind;
  title: string;
  /** 文号, or null for unnumbered kinds (笔录, 审批表, 送达回证 …). */
  number: string | null;
  /** Date of issue (China calendar date). */
  issuedOn: string;
  pdf: { sha256: string; size: number };
  createdAt: string;
}

/** An agency's numbering settings (GET/PUT /api/agencies/:id/document-settings). */
export interface DocumentSettings {
  agencyId: string;
  /** 机关代字, e.g. 衡文执. */
  shortName: string;
  /** True when no short name was set and it was derived from the agency's name. */
  shortNameDerived: boolean;
  /** Pattern overrides per kind; kinds not listed use DEFAULT_NUMBER_PATTERN. */
  patterns: Partial<Record<DocumentKind, string>>;
  /** Every numbered kind with the pattern in force and what its next number would look like. */
  effective: { kind: DocumentKind; title: string; pattern: string; example: string }[];
  version: number;
}
