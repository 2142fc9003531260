/**
 * Penalty cases (行政处罚案件) as the server and the console both see them: statuses, the acts
 * that move a case, penalties, and the case record. The server enforces the law on these acts
 * (src/modules/cases/); the console offers only the acts the server lists as allowed.
 */

/** 案件状态 — where a case stands in the ordinary or simple procedure (rules.md A1, A2). */
export const CASE_STATUS_LABELS = {
  clue: { zh: '线索', en: 'Clue' },
  'not-filed': { zh: '不予立案', en: 'Not filed' },
  investigating: { zh: '调查取证', en: 'Investigating' },
  'investigation-closed': { zh: '调查终结', en: 'Investigation closed' },
  notified: { zh: '已事先告知', en: 'Notified' },
  decided: { zh: '已决定', en: 'Decided' },
  transferred: { zh: '已移送', en: 'Transferred' },
  served: { zh: '已送达（执行中）', en: 'Served (executing)' },
  closed: { zh: '已结案', en: 'Closed' },
  archived: { zh: '已归档', en: 'Archived' },
  withdrawn: { zh: '已撤销立案', en: 'Filing revoked' },
} as const;
export type CaseStatus = keyof typeof CASE_STATUS_LABELS;
export const CASE_STATUSES = Object.keys(CASE_STATUS_LABELS) as CaseStatus[];

/** 程序 — ordinary procedure (普通程序) or on-the-spot (简易程序, Arts 51–53). */
export type CaseProcedure = 'ordinary' | 'simple';

/** 案件来源 (文物规定 Art 10). */
export const CASE_SOURCE_LABELS = {
  inspection: { zh: '检查发现', en: 'Inspection' },
  complaint: { zh: '举报投诉', en: 'Complaint' },
  referral: { zh: '移送', en: 'Referral' },
  assignment: { zh: '上级交办', en: 'Assigned' },
} as const;
export type CaseSource = keyof typeof CASE_SOURCE_LABELS;

/** 行政处罚种类 (《行政处罚法》第九条). */
export const PENALTY_KIND_LABELS = {
  warning: { zh: '警告', en: 'Warning' },
  'public-criticism': { zh: '通报批评', en: 'Public criticism' },
  fine: { zh: '罚款', en: 'Fine' },
  'confiscate-gains': { zh: '没收违法所得', en: 'Confiscation of illegal gains' },
  'confiscate-property': { zh: '没收非法财物', en: 'Confiscation of illegal property' },
  'suspend-licence': { zh: '暂扣许可证件', en: 'Licence suspended' },
  'lower-qualification': { zh: '降低资质等级', en: 'Qualification lowered' },
  'revoke-licence': { zh: '吊销许可证件', en: 'Licence revoked' },
  'restrict-business': { zh: '限制开展生产经营活动', en: 'Business restricted' },
  'suspend-business': { zh: '责令停产停业', en: 'Business suspended' },
  close: { zh: '责令关闭', en: 'Closure ordered' },
  'restrict-practice': { zh: '限制从业', en: 'Practice restricted' },
} as const;
export type PenaltyKind = keyof typeof PENALTY_KIND_LABELS;
export const PENALTY_KINDS = Object.keys(PENALTY_KIND_LABELS) as PenaltyKind[];

/**
 * A penalty, proposed or decided. Money is integer fen (分), never a float: ¥200 is 20000.
 * A kind that carries an amount (fine, confiscations) has it set; the others have none.
 */
export interface Penalty {
  kinds: PenaltyKind[];
  fineFen: number | null;
  /** 没收违法所得 */
  confiscatedGainsFen: number | null;
  /** 没收非法财物 — value of the property */
  confiscatedPropertyFen: number | null;
  /** Free text: e.g. which licence, how long a suspension. */
  description: string;
}

/** 当事人 — the party. A natural person's ID and contact never reach a publication. */
export interface Party {
  kind: 'person' | 'organisation';
  name: string;
  /** 身份证号 (person) or 统一社会信用代码 (organisation). */
  idNumber: string | null;
  /** 法定代表人 / 负责人 (organisation). */
  representative: string | null;
  address: string | null;
  phone: string | null;
  /** Whether the party is a minor (minors' cases are never published). */
  minor: boolean;
}

/** An officer as named on a case act: who, with which certificate (recorded in each 笔录). */
export interface ActingOfficer {
  officerId: string;
  name: string;
  certificateNo: string | null;
}

/** 证据 — an item of evidence, described and linked to the act (笔录) that records it. */
export interface EvidenceItem {
  id: string;
  /** 书证、物证、视听资料、电子数据、证人证言、当事人陈述、鉴定意见、勘验笔录、现场笔录 (Art 46). */
  kind: string;
  description: string;
  /** The event (log seq) of the 笔录 or act that recorded it. */
  recordedBySeq: number;
  recordedByAct: string;
  collectedOn: string;
}

/** 先行登记保存 (Art 56): approved by the head; a 处理决定 is due within 7 working days. */
export interface Preservation {
  id: string;
  items: string[];
  approvedOn: string;
  approvedBy: string;
  handledOn: string | null;
  outcome: string | null;
}

/** The deadline of one rule for one case, as the deadline engine computed it. */
export interface CaseDeadline {
  rule: string;
  label: string;
  article: string;
  /** ISO date the period started (the start event's date). */
  start: string;
  /** Last day to act (inclusive), or null while the period is stopped (中止). */
  due: string | null;
  unit: 'working' | 'calendar';
  length: number;
  status: 'open' | 'due-soon' | 'overdue' | 'met' | 'stopped';
  /** The due date falls in a year with no official holiday calendar yet. */
  provisional: boolean;
  /** When the act that meets it happened (status 'met'). */
  metOn: string | null;
  /** 'window': a party's period (hearing request); once it has run out ('overdue') the right lapsed — no failure of the agency. */
  kind?: 'within' | 'window';
  /** The instance of a per-instance rule (the 先行登记保存 id); null otherwise. */
  instance?: string | null;
  /** Met, but after the due date. */
  late?: boolean;
}

/**
 * 案件办理行为 — the acts that make up a case. Each is one ledger event `case.<act>` whose subject
 * is the case id. `by` says whose act it is: field acts of the case's handlers (承办人), or acts
 * reserved to the agency head (Art 57: 立案, 先行登记保存, 延期, 决定 …). Legal review (法制审核) is
 * not a case act: it is the review module's (src/modules/review, `review.*` events on the case).
 * `from` lists the statuses it may happen in; `to` the status it leads to (null: unchanged).
 */
export const CASE_ACTS = {
  'register-clue': { zh: '线索登记', en: 'Register clue', by: 'handler', from: [], to: 'clue' },
  file: { zh: '立案', en: 'File', by: 'head', from: ['clue'], to: 'investigating' },
  decline: { zh: '不予立案', en: 'Decline to file', by: 'head', from: ['clue'], to: 'not-filed' },
  'record-inspection': { zh: '现场检查（勘验）', en: 'Inspection', by: 'handler', from: ['clue', 'investigating'], to: null },
  'record-questioning': { zh: '调查询问', en: 'Questioning', by: 'handler', from: ['investigating'], to: null },
  'add-evidence': { zh: '登记证据', en: 'Add evidence', by: 'handler', from: ['investigating'], to: null },
  'preserve-evidence': { zh: '先行登记保存', en: 'Preserve evidence', by: 'head', from: ['investigating'], to: null },
  'handle-preservation': { zh: '先行登记保存处理决定', en: 'Decide on preserved evidence', by: 'handler', from: ['investigating', 'investigation-closed', 'notified'], to: null },
  'close-investigation': { zh: '调查终结', en: 'Close investigation', by: 'head', from: ['investigating'], to: 'investigation-closed' },
  'approve-discretion': { zh: '批准超出裁量基准', en: 'Approve outside the benchmark', by: 'head', from: ['investigation-closed', 'notified'], to: null },
  notify: { zh: '事先告知', en: 'Prior notice', by: 'handler', from: ['investigation-closed', 'notified'], to: 'notified' },
  'record-statement': { zh: '陈述申辩复核', en: 'Statement reviewed', by: 'handler', from: ['notified'], to: null },
  'request-hearing': { zh: '申请听证', en: 'Hearing requested', by: 'handler', from: ['notified'], to: null },
  'schedule-hearing': { zh: '通知听证', en: 'Hearing scheduled', by: 'head', from: ['notified'], to: null },
  'record-hearing': { zh: '听证笔录', en: 'Hearing held', by: 'handler', from: ['notified'], to: null },
  'record-discussion': { zh: '集体讨论', en: 'Collective discussion', by: 'head', from: ['investigation-closed', 'notified'], to: null },
  decide: { zh: '作出处罚决定', en: 'Decide penalty', by: 'head', from: ['notified'], to: 'decided' },
  'decide-no-penalty': { zh: '不予行政处罚决定', en: 'Decide no penalty', by: 'head', from: ['investigation-closed', 'notified'], to: 'decided' },
  transfer: { zh: '移送', en: 'Transfer', by: 'head', from: ['investigation-closed'], to: 'transferred' },
  serve: { zh: '送达', en: 'Serve', by: 'handler', from: ['decided'], to: 'served' },
  'record-payment': { zh: '履行（缴款）', en: 'Payment', by: 'handler', from: ['served'], to: null },
  'approve-deferral': { zh: '批准延期（分期）缴纳', en: 'Approve deferral', by: 'head', from: ['served'], to: null },
  'record-remedy': { zh: '复议／诉讼', en: 'Review or suit', by: 'handler', from: ['served'], to: null },
  'send-reminder': { zh: '履行催告', en: 'Reminder to perform', by: 'handler', from: ['served'], to: null },
  close: { zh: '结案', en: 'Close case', by: 'head', from: ['served', 'transferred'], to: 'closed' },
  archive: { zh: '归档', en: 'Archive', by: 'handler', from: ['closed'], to: 'archived' },
  'revoke-filing': { zh: '撤销立案', en: 'Revoke filing', by: 'head', from: ['investigating', 'investigation-closed'], to: 'withdrawn' },
  suspend: { zh: '中止', en: 'Suspend', by: 'head', from: ['investigating', 'investigation-closed', 'notified'], to: null },
  resume: { zh: '恢复', en: 'Resume', by: 'head', from: ['investigating', 'investigation-closed', 'notified'], to: null },
  extend: { zh: '延期', en: 'Extend', by: 'head', from: ['investigating', 'investigation-closed', 'notified'], to: null },
  recuse: { zh: '回避', en: 'Recusal', by: 'head', from: ['clue', 'investigating', 'investigation-closed', 'notified'], to: null },
  'decide-on-the-spot': { zh: '当场处罚', en: 'On-the-spot penalty', by: 'handler', from: [], to: 'served' },
  'report-on-the-spot': { zh: '当场处罚备案', en: 'On-the-spot penalty reported', by: 'handler', from: ['served'], to: null },
} as const satisfies Record<string, { zh: string; en: string; by: 'handler' | 'head' | 'reviewer'; from: readonly CaseStatus[]; to: CaseStatus | null }>;
export type CaseAct = keyof typeof CASE_ACTS;
export const CASE_ACT_NAMES = Object.keys(CASE_ACTS) as CaseAct[];

/** The ledger event type of an act. */
export const caseEventType = (act: CaseAct): `case.${CaseAct}` => `case.${act}`;

/** 事先告知 (Art 44): what the party was told, and the rights it was given. */
export interface PriorNotice {
  on: string;
  /** Served on the party (the hearing-request window runs from here). */
  servedOn: string;
  proposedPenalty: Penalty;
  facts: string;
  reasons: string;
  basis: string;
  /** Art 63 applies: the party was told of its right to a hearing. */
  hearingRight: boolean;
  documentId: string | null;
}

/** 听证 (Arts 63–65). */
export interface Hearing {
  requestedOn: string;
  scheduledOn: string | null;
  noticeServedOn: string | null;
  date: string | null;
  place: string | null;
  presiderName: string | null;
  presiderUserId: string | null;
  heldOn: string | null;
  /** The party did not appear without reason: taken as a waiver (Art 64). */
  partyAbsent: boolean;
  record: string | null;
  documentIds: string[];
}

/** 法制审核 (Art 58), as far as this case's gate is concerned. */
export interface ReviewState {
  /** The rules that put this proposal in scope, in words; empty: no review needed. */
  requiredBecause: string[];
  /** Digest of the proposal the last pass approved (a changed proposal needs a new pass). */
  approvedProposal: string | null;
  approvedOn: string | null;
  reviewerName: string | null;
  opinion: string | null;
  /** The latest review round (src/modules/review, `review.*` events): which, where it stands, when due. */
  reviewId?: string | null;
  round?: number | null;
  status?: 'submitted' | 'assigned' | 'returned' | 'approved' | 'escalated' | 'withdrawn' | null;
  dueOn?: string | null;
  assignedReviewerName?: string | null;
  /** What the latest 存在问题 opinion asks the handling unit to fix. */
  requiredChanges?: string | null;
  /** The review that authorised `approvedProposal`, and its 法制审核意见书. */
  approvedReviewId?: string | null;
  approvedNumber?: string | null;
  approvedDocumentId?: string | null;
}

/** 处罚决定 — or 不予行政处罚决定. */
export interface Decision {
  on: string;
  kind: 'penalty' | 'no-penalty';
  penalty: Penalty | null;
  /** For 不予处罚: minor (Art 33), facts not established, … */
  reason: string | null;
  basis: string;
  number: string | null;
  documentId: string | null;
  decidedBy: string;
}

/** 送达方式: in person, left at the address (留置), by post, by announcement, electronically (Art 61). */
export const SERVICE_METHODS = ['direct', 'left', 'post', 'announcement', 'electronic'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/** How a 复议 or 诉讼 ended (《行政复议法》第六十三至六十八条; 《行政诉讼法》第六十九至七十五条). */
export const REMEDY_OUTCOMES = ['upheld', 'changed', 'revoked', 'held-illegal', 'void', 'withdrawn'] as const;
export type RemedyOutcome = (typeof REMEDY_OUTCOMES)[number];
export const REMEDY_OUTCOME_LABELS: Record<RemedyOutcome, { zh: string; en: string }> = {
  upheld: { zh: '维持（驳回）', en: 'Upheld' },
  changed: { zh: '变更', en: 'Changed' },
  revoked: { zh: '撤销', en: 'Revoked' },
  'held-illegal': { zh: '确认违法', en: 'Held illegal' },
  void: { zh: '确认无效', en: 'Held void' },
  withdrawn: { zh: '申请（起诉）撤回', en: 'Withdrawn by the party' },
};
/** Outcomes after which a published decision must be withdrawn within 3 working days (Art 48②). */
export const REMEDY_OUTCOMES_ENDING_PUBLICATION: readonly RemedyOutcome[] = ['changed', 'revoked', 'held-illegal', 'void'];

/** 执行 — what was paid, deferred, and whether review or a suit is pending (Art 73). */
export interface Execution {
  servedOn: string;
  serviceMethod: string;
  /** Received by the party (Art 67③): the service day, the postal receipt's date, or 30 days after an announcement. */
  receivedOn: string;
  /** Payment due (Art 67③: 15 CD from receipt; a deferral moves it). */
  dueOn: string | null;
  paidFen: number;
  payments: { on: string; amountFen: number; receiptNo: string | null }[];
  /** 复议/诉讼 periods during which no late fee accrues, and how each ended. */
  remedies: { kind: 'reconsideration' | 'litigation'; from: string; to: string | null; outcome?: RemedyOutcome | null }[];
  remindedOn: string | null;
}

/** The whole case as its events made it: the detail page's data. */
export interface CaseRecord {
  id: string;
  agencyId: string;
  unitId: string | null;
  procedure: CaseProcedure;
  status: CaseStatus;
  /** 执法领域 — must be covered by the handlers' certificates. */
  field: string;
  source: CaseSource;
  /** 案由 */
  cause: string;
  summary: string;
  /** When the illegal act happened or ended (Art 36 limitation runs from here). */
  actOn: string | null;
  /** Harm to life, health or financial safety: the limitation is 5 years, not 2 (Art 36). */
  seriousHarm: boolean;
  parties: Party[];
  /** 承办人 — at least two certified officers. */
  handlers: ActingOfficer[];
  /** Officers and users removed by recusal (Art 43); they may not act on the case again. */
  recused: { id: string; name: string; reason: string }[];
  /** 立案号 */
  caseNo: string | null;
  registeredOn: string;
  /** The latest date any act of the case bears (a notice counts from its service): acts may not be dated earlier. */
  lastActOn: string;
  filedOn: string | null;
  /** The discretion benchmark entry and severity level applied (裁量基准). */
  benchmark: { id: string; level: string } | null;
  /** Manual flags of the review catalog (重大公共利益 …) the handlers raised for this case. */
  majorFlags?: string[];
  firstViolation: boolean;
  /** 核心事实涉及国家秘密 (set at 调查终结): the decision is never published (rules.md D). */
  secret?: boolean;
  evidence: EvidenceItem[];
  preservations: Preservation[];
  investigation: { closedOn: string; outcome: 'penalise' | 'no-penalty' | 'transfer'; findings: string; proposedPenalty: Penalty | null } | null;
  /** Out-of-benchmark approval for a proposal (digest) with its written reason. */
  discretionApproval: { proposal: string; reason: string; approvedOn: string } | null;
  notice: PriorNotice | null;
  statement: { on: string; text: string; adopted: boolean; review: string; waived: boolean } | null;
  hearing: Hearing | null;
  review: ReviewState;
  discussion: { on: string; participants: string[]; conclusion: string; documentId: string | null } | null;
  decision: Decision | null;
  execution: Execution | null;
  suspended: { since: string; reason: string } | null;
  extensions: { on: string; days: number; reason: string }[];
  closure: { on: string; ground: string } | null;
  archivedOn: string | null;
  /** On-the-spot penalty: reported (备案) to the agency. */
  reportedOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What is owed now (fen): principal, late fee (Art 72), and what remains after payments. */
export interface Owed {
  dueFen: number;
  lateFeeFen: number;
  outstandingFen: number;
}

/** The case as the detail page shows it: the record, its deadlines, what is owed, and what this user may do next. */
export interface CaseView {
  case: CaseRecord;
  deadlines: CaseDeadline[];
  owed: Owed;
  /** The acts this user may perform now (the server's `mayPerform` and access policy). */
  allowedActs: CaseAct[];
  /** Why the current proposal is a major decision (the review catalog's matches); empty: no review needed. */
  reviewRequiredBecause: string[];
}

/** A row of the case list. */
export interface CaseListItem {
  id: string;
  agencyId: string;
  unitId: string | null;
  procedure: CaseProcedure;
  status: CaseStatus;
  field: string;
  cause: string;
  partyName: string;
  caseNo: string | null;
  registeredOn: string;
  filedOn: string | null;
  decidedOn: string | null;
  createdAt: string;
}

/** An overdue or due-soon deadline, for the agency's and unit's lists. */
export interface OverdueItem {
  caseId: string;
  agencyId: string;
  unitId: string | null;
  rule: string;
  label: string;
  due: string;
  status: 'due-soon' | 'overdue';
  provisional: boolean;
  cause: string;
  partyName: string;
  caseNo: string | null;
}
