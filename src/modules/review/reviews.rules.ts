/**
 * 重大执法决定法制审核 — the law of a review as pure functions: what a submission (送审) must
 * carry, who may review, what an opinion must say, when it is due, and how a review's events
 * fold into the review record and into the case record (the projector and a rebuild use the
 * same functions). Each refusal names its rule, in the words the API and the UI show.
 */
import { ALLOWED, refuse, type Verdict } from '../../kernel/refusal.ts';
import { reckon, workingDaysBetween, type WorkCalendar } from '../../calendar/calendar.rules.ts';
import type { CaseRecord, Penalty } from '../../shared/cases.ts';
import type { DocumentKind } from '../../shared/documents.ts';
import type {
  ChecklistResult,
  EscalationTarget,
  ReviewMaterial,
  ReviewOutcome,
  ReviewRecord,
  ReviewSettings,
  ReviewStats,
  ReviewStatsGroup,
  ReviewStatus,
} from '../../shared/reviews.ts';
import { REVIEW_CHECKLIST } from '../documents/templates.ts';
import { mayReview } from '../identity/certificates.rules.ts';
import { proposalDigest } from '../cases/cases.record.ts';
import type { MatchedRule } from '../../shared/review-catalog.ts';

const LAW = '《行政处罚法》';
const G118 = '《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）';
export const REVIEW_ART = {
  a43: `${LAW}第四十三条`,
  a58: `${LAW}第五十八条`,
  a58b: `${LAW}第五十八条第二款`,
  g118_11: `${G118}第十一项`,
  g118_13: `${G118}第十三项`,
  g118_14: `${G118}第十四项`,
} as const;

// ---- submission (送审) ------------------------------------------------------------------------

/**
 * The proposal a case stands on: the decision once made, else the notice's penalty, else the
 * investigation report's — which may be 不予行政处罚 (`penalty: null`, Art 57①(二)(三)). Null
 * while there is none (before the report, or a transfer: no decision of the agency's own).
 */
export function currentProposal(r: Pick<CaseRecord, 'decision' | 'notice' | 'investigation'>): { penalty: Penalty | null } | null {
  if (r.decision) return { penalty: r.decision.penalty };
  if (r.notice) return { penalty: r.notice.proposedPenalty };
  const i = r.investigation;
  if (i?.outcome === 'penalise' && i.proposedPenalty) return { penalty: i.proposedPenalty };
  if (i?.outcome === 'no-penalty') return { penalty: null };
  return null;
}

/**
 * The proposal date, whose catalog decides whether the decision needs review (Art 58; the catalog
 * in force that day): the notice's, else the investigation report's — for whatever the decision
 * finally says, a lighter penalty or none (Art 45①), as the gate in the case service reads it.
 */
export function proposedOn(r: Pick<CaseRecord, 'notice' | 'investigation'>, today: string): string {
  return r.notice?.on ?? r.investigation?.closedOn ?? today;
}

/**
 * A review is submitted between the investigation report and the decision, on a decision of
 * Art 57①: a penalty, or 不予行政处罚 (`noPenalty`) — proposed by the report, or after the notice
 * when the statement or hearing shows none is due (Art 45①). A transfer (Art 57①(四)) is no
 * decision of the agency's and is not reviewed.
 */
export function maySubmit(r: Pick<CaseRecord, 'status' | 'suspended' | 'investigation'>, noPenalty = false): Verdict {
  if (r.status !== 'investigation-closed' && r.status !== 'notified') {
    return refuse('case-invalid-state', `法制审核在调查终结、拟作出决定之后，作出决定之前送审（${REVIEW_ART.a58}）`, { article: REVIEW_ART.a58, status: r.status });
  }
  const outcome = r.investigation?.outcome;
  if (outcome === 'transfer') return refuse('case-invalid-state', `调查终结的处理意见为移送司法机关，本机关不作出决定，无需送审（${REVIEW_ART.a58}）`, { article: REVIEW_ART.a58, status: r.status });
  if (r.status === 'investigation-closed' && outcome === 'penalise' && noPenalty) {
    return refuse('case-invalid-state', `调查终结的处理意见为给予行政处罚；拟不予行政处罚的，须在事先告知、听取陈述申辩后提出（${REVIEW_ART.a58}）`, { article: REVIEW_ART.a58, status: r.status });
  }
  if (r.status === 'investigation-closed' && outcome === 'no-penalty' && !noPenalty) {
    return refuse('case-invalid-state', `调查终结的处理意见为不予行政处罚，送审的应为拟作出的不予行政处罚决定（${REVIEW_ART.a58}）`, { article: REVIEW_ART.a58, status: r.status });
  }
  if (r.suspended) return refuse('case-suspended', `案件已于 ${r.suspended.since} 中止（${r.suspended.reason}），恢复后方可送审`, { status: r.status });
  return ALLOWED;
}

/**
 * 《行政处罚法》第五十八条 for 不予行政处罚, one of the decisions of Art 57 it gates: when the
 * catalog puts the no-penalty proposal in scope (`because`), only after a review passed on that
 * proposal. An approval of a penalty does not authorise deciding none, nor the reverse.
 */
export function mayDecideNoPenalty(r: Pick<CaseRecord, 'review'>, because: readonly string[]): Verdict {
  if (because.length === 0 || r.review.approvedProposal === proposalDigest(null)) return ALLOWED;
  const other = r.review.approvedProposal !== null;
  return refuse(
    'legal-review-required',
    `${because.join('；')}，属于重大执法决定，${other ? '法制审核通过的是拟作出的行政处罚决定，拟不予行政处罚的须就此重新送审' : '拟作出的不予行政处罚决定未经法制审核或审核未通过的，不得作出决定'}（${REVIEW_ART.a58}）`,
    { article: REVIEW_ART.a58, requiredBecause: [...because] },
  );
}

/** What the submission's materials check needs to know beyond the case record. */
export interface MaterialFacts {
  /** The proposal submitted (the current one unless the submission names another); null: 不予行政处罚. */
  penalty: Penalty | null;
  /** The proposal lies outside the discretion benchmark the case applies. */
  outsideBenchmark: boolean;
  /** The case's latest issued document of each kind, for references. */
  documents: Partial<Record<DocumentKind, string>>;
}

const ref = (id: string | undefined) => (id ? { ref: id } : {});

/**
 * 送审材料 (rules.md E; 118号 item 十四: the handling unit answers for their completeness):
 * 调查终结报告, the evidence list, the proposed decision, the reasons for going outside the
 * discretion benchmark (with the head's approval of this very proposal), the hearing record if a
 * hearing was requested, and the collective discussion's record if one was held.
 */
export function reviewMaterials(r: CaseRecord, f: MaterialFacts): ReviewMaterial[] {
  const out: ReviewMaterial[] = [
    { name: '调查终结报告', present: !!r.investigation, ...ref(f.documents['investigation-closing-approval']) },
    { name: '证据材料清单', present: r.evidence.length > 0 },
    f.penalty
      ? { name: '拟作出的行政处罚决定', present: true, ...ref(r.notice ? f.documents['prior-notice'] : undefined) }
      : // The report's 处理意见, or the statement's review after a notice, is where the proposal is reasoned.
        { name: '拟作出的不予行政处罚决定', present: true, ...ref(r.notice ? f.documents['statement-review'] : f.documents['investigation-closing-approval']) },
  ];
  if (f.outsideBenchmark) {
    const approved = !!f.penalty && r.discretionApproval?.proposal === proposalDigest(f.penalty);
    out.push({ name: '超出裁量基准的理由说明及负责人批准', present: approved });
  }
  if (r.hearing) out.push({ name: '听证笔录', present: !!r.hearing.heldOn, ...ref(f.documents['hearing-record']) });
  if (r.discussion) out.push({ name: '集体讨论记录', present: true, ...ref(f.documents['discussion-record']) });
  return out;
}

/** Missing materials block the submission, listed in Chinese. */
export function materialsComplete(materials: readonly ReviewMaterial[]): Verdict {
  const missing = materials.filter((m) => !m.present).map((m) => m.name);
  if (missing.length === 0) return ALLOWED;
  return refuse('review-materials-missing', `送审材料不全，缺少：${missing.join('、')}。承办机构对送审材料的完整性负责（${REVIEW_ART.g118_14}）`, { article: REVIEW_ART.g118_14, missing });
}

/** One open round at a time, and no second review of a proposal that already passed. */
export function mayOpenRound(open: Pick<ReviewRecord, 'id' | 'round'> | null, passed: Pick<ReviewRecord, 'id' | 'round'> | null): Verdict {
  if (open) return refuse('review-open', `本案第${open.round}轮法制审核尚未办结，不能再次送审（${REVIEW_ART.g118_14}）`, { article: REVIEW_ART.g118_14, reviewId: open.id });
  if (passed) return refuse('review-already-passed', `该拟处罚决定已于第${passed.round}轮法制审核通过，无需再次送审（处罚内容变更的须重新送审）`, { reviewId: passed.id, article: REVIEW_ART.a58 });
  return ALLOWED;
}

// ---- reviewers ---------------------------------------------------------------------------------

/** A person proposed as reviewer, as the service read them. */
export interface ReviewerCandidate {
  userId: string;
  name: string;
  active: boolean;
  legalQualificationNo: string | null;
  /** The user's officer record (officers.user_id), if any. */
  officerId: string | null;
  /** Holds a legal-reviewer or legal-review-head grant that covers the case's agency. */
  reviewerGrant: boolean;
  /** Units the person belongs to (their grants' units and their officer record's). */
  unitIds: readonly string[];
}

/** Not on the case's team (承办人) and not recused from it (Art 43). */
function independentOfCase(r: Pick<CaseRecord, 'handlers' | 'recused'>, c: Pick<ReviewerCandidate, 'userId' | 'name' | 'officerId'>, role: string): Verdict {
  if (c.officerId && r.handlers.some((h) => h.officerId === c.officerId)) {
    return refuse('reviewer-on-case-team', `${c.name}是本案承办人，不得担任本案${role}：承办机构对送审材料负责，审核机构对审核意见负责，二者不得为同一人（${REVIEW_ART.a58}、${REVIEW_ART.g118_14}）`, {
      article: `${REVIEW_ART.a58}、${REVIEW_ART.g118_14}`,
      userId: c.userId,
    });
  }
  if (r.recused.some((x) => x.id === c.userId || (c.officerId !== null && x.id === c.officerId))) {
    return refuse('reviewer-recused', `${c.name}已在本案回避，不得担任本案${role}（${REVIEW_ART.a43}）`, { article: REVIEW_ART.a43, userId: c.userId });
  }
  return ALLOWED;
}

/**
 * Who may review a case: an active legal reviewer (or head of legal review) of the agency
 * (118号 item 十一) who holds 法律职业资格 (Art 58②), is neither on the case's team nor recused
 * (Art 43), and — where the agency keeps the setting on — does not belong to the handling unit
 * (118号 item 十四: the handling unit answers for the materials, the review unit for its opinion).
 */
export function mayBeReviewer(r: Pick<CaseRecord, 'unitId' | 'handlers' | 'recused'>, c: ReviewerCandidate, s: Pick<ReviewSettings, 'reviewerOutsideHandlingUnit'>): Verdict {
  if (!c.active || !c.reviewerGrant) {
    return refuse('reviewer-not-assignable', `${c.name}不是本机构的法制审核人员，不能承担本案法制审核（${REVIEW_ART.g118_11}）`, { article: REVIEW_ART.g118_11, userId: c.userId });
  }
  const qualified = mayReview({ displayName: c.name, legalQualificationNo: c.legalQualificationNo });
  if (!qualified.ok) return { ...qualified, details: { ...qualified.details, userId: c.userId } };
  const independent = independentOfCase(r, c, '法制审核人员');
  if (!independent.ok) return independent;
  if (s.reviewerOutsideHandlingUnit && r.unitId && c.unitIds.includes(r.unitId)) {
    return refuse('reviewer-in-handling-unit', `${c.name}属于本案承办机构，不得审核本机构承办的案件：承办机构对送审材料负责，法制审核机构对审核意见负责（${REVIEW_ART.g118_14}）`, {
      article: REVIEW_ART.g118_14,
      userId: c.userId,
      unitId: r.unitId,
    });
  }
  return ALLOWED;
}

/** A co-reviewer is one of the agency's external legal advisers (118号 item 十一), independent of the case and not the reviewer. */
export function mayCoReview(r: Pick<CaseRecord, 'handlers' | 'recused'>, c: Pick<ReviewerCandidate, 'userId' | 'name' | 'officerId' | 'active'> & { adviserGrant: boolean }, reviewerUserId: string): Verdict {
  if (!c.active || !c.adviserGrant) {
    return refuse('co-reviewer-not-adviser', `${c.name}不是本机构的法律顾问，不能参与共同审核（${REVIEW_ART.g118_11}）`, { article: REVIEW_ART.g118_11, userId: c.userId });
  }
  if (c.userId === reviewerUserId) return refuse('validation-failed', '共同审核人不能与审核人员为同一人', { field: 'coReviewerUserId' });
  return independentOfCase(r, c, '共同审核人');
}

/**
 * 轮流分配: the next eligible candidate after the one assigned last, in the candidates' fixed
 * order (cyclic). Null when nobody is eligible.
 */
export function nextInRotation(candidates: readonly { userId: string; eligible: boolean }[], lastAssigned: string | null): string | null {
  const n = candidates.length;
  const start = lastAssigned ? candidates.findIndex((c) => c.userId === lastAssigned) + 1 : 0;
  for (let i = 0; i < n; i++) {
    const c = candidates[(start + i) % n]!;
    if (c.eligible) return c.userId;
  }
  return null;
}

// ---- the review's own transitions ----------------------------------------------------------

export type ReviewStep = 'assign' | 'reassign' | 'decide' | 'escalate' | 'co-opinion';

/** The statuses each step may happen in. */
export const REVIEW_STEPS: Record<ReviewStep, { zh: string; from: readonly ReviewStatus[] }> = {
  assign: { zh: '分配审核人员', from: ['submitted'] },
  reassign: { zh: '更换审核人员', from: ['assigned'] },
  decide: { zh: '出具审核意见', from: ['assigned'] },
  // A disagreement with a 存在问题 opinion goes to the agency head or collective discussion (118号 items 十三–十四).
  escalate: { zh: '提请负责人决定或集体讨论', from: ['returned'] },
  'co-opinion': { zh: '出具法律顾问意见', from: ['assigned'] },
};

const STATUS_ZH: Record<ReviewStatus, string> = { submitted: '已送审', assigned: '审核中', returned: '已退回', approved: '已通过', escalated: '已提请负责人／集体讨论', withdrawn: '已撤回' };

export function mayStep(step: ReviewStep, status: ReviewStatus): Verdict {
  if (REVIEW_STEPS[step].from.includes(status)) return ALLOWED;
  return refuse('review-invalid-state', `该审核当前为“${STATUS_ZH[status]}”，不能${REVIEW_STEPS[step].zh}`, { status, step });
}

// ---- the opinion (审核意见) ---------------------------------------------------------------------

export interface OpinionInput {
  outcome: ReviewOutcome;
  checklist: readonly { point: number; ok: boolean; comment?: string | null }[];
  opinion: string;
  requiredChanges?: string | null;
}

const blank = (s: string | null | undefined) => !s || s.trim() === '';

/**
 * The ten points of 118号 item 十三 (rules.md E), each 合格 or 存在问题 with what is wrong; an
 * opinion of 同意 only with every point 合格, one of 存在问题 naming at least one point and the
 * changes the handling unit must make. Returns the checklist in point order.
 */
export function checkOpinion(i: OpinionInput): { verdict: Verdict; checklist: ChecklistResult[] } {
  const n = REVIEW_CHECKLIST.length;
  const points = i.checklist.map((c) => c.point);
  const missing = Array.from({ length: n }, (_, k) => k + 1).filter((p) => !points.includes(p));
  const fail = (v: Verdict) => ({ verdict: v, checklist: [] });
  if (i.checklist.length !== n || missing.length > 0 || new Set(points).size !== points.length) {
    return fail(
      refuse('review-checklist-incomplete', `审核事项须逐项填写全部${n}项${missing.length > 0 ? `，缺少第${missing.join('、')}项` : ''}（${REVIEW_ART.g118_13}）`, {
        article: REVIEW_ART.g118_13,
        field: 'checklist',
        missing,
      }),
    );
  }
  const checklist = [...i.checklist].sort((a, b) => a.point - b.point).map((c) => ({ point: c.point, ok: c.ok, comment: (c.comment ?? '').trim() }));
  const wanting = checklist.find((c) => !c.ok && c.comment === '');
  if (wanting) {
    const label = REVIEW_CHECKLIST[wanting.point - 1]![0];
    return fail(refuse('review-comment-required', `第${wanting.point}项“${label}”存在问题的，须写明问题（${REVIEW_ART.g118_13}）`, { article: REVIEW_ART.g118_13, field: `checklist.${wanting.point}.comment`, point: wanting.point }));
  }
  const problems = checklist.filter((c) => !c.ok);
  if (i.outcome === 'approved' && problems.length > 0) {
    return fail(
      refuse('review-outcome-inconsistent', `第${problems.map((c) => c.point).join('、')}项存在问题，审核意见不能为“同意”；应退回承办机构纠正后重新送审（${REVIEW_ART.a58}）`, {
        article: REVIEW_ART.a58,
        points: problems.map((c) => c.point),
      }),
    );
  }
  if (i.outcome === 'problems') {
    if (problems.length === 0) return fail(refuse('review-outcome-inconsistent', `审核意见为“存在问题”的，须指明存在问题的审核事项（${REVIEW_ART.g118_13}）`, { article: REVIEW_ART.g118_13, field: 'checklist' }));
    if (blank(i.requiredChanges)) return fail(refuse('review-changes-required', `审核意见为“存在问题”的，须写明需补充、纠正的事项（${REVIEW_ART.g118_13}）`, { article: REVIEW_ART.g118_13, field: 'requiredChanges' }));
  }
  return { verdict: ALLOWED, checklist };
}

/** The checklist as the 法制审核意见书 prints it: 符合, or the problem. */
export const checklistText = (c: readonly ChecklistResult[]): string[] => c.map((x) => (x.ok ? (x.comment ? `符合。${x.comment}` : '符合') : `存在问题：${x.comment}`));

// ---- time ----------------------------------------------------------------------------------------

/** The review unit's time limit: `days` working days after the submission (rules.md E; Art 85 counts short periods in working days). */
export function reviewDueOn(cal: WorkCalendar, submittedOn: string, days: number): string | null {
  return reckon(cal, submittedOn, days, 'working').date;
}

/** Open and past its due date. */
export function isOverdue(r: { status: ReviewStatus; dueOn: string | null }, today: string): boolean {
  return (r.status === 'submitted' || r.status === 'assigned') && r.dueOn !== null && today > r.dueOn;
}

/** Working days from submission to opinion (same day: 0). */
export const turnaroundDays = (cal: WorkCalendar, submittedOn: string, decidedOn: string) => workingDaysBetween(cal, submittedOn, decidedOn).days;

// ---- events -------------------------------------------------------------------------------------

/** Data of each `review.*` event (agency log, subject = the case id). */
export interface ReviewEventData {
  'review.submitted': {
    id: string;
    caseId: string;
    agencyId: string;
    unitId: string | null;
    round: number;
    proposal: string;
    /** The proposal reviewed; null: 不予行政处罚. */
    penalty: Penalty | null;
    requiredBecause: string[];
    /** The catalog rules that matched (absent in rounds submitted before they were recorded). */
    requiredRules?: MatchedRule[];
    materials: ReviewMaterial[];
    note: string | null;
    submittedByName: string;
    on: string;
    dueOn: string | null;
  };
  'review.assigned': {
    id: string;
    caseId: string;
    reviewerUserId: string;
    reviewerName: string;
    coReviewerUserId: string | null;
    coReviewerName: string | null;
    mode: 'manual' | 'round-robin';
    on: string;
  };
  'review.reassigned': ReviewEventData['review.assigned'] & { previousReviewerUserId: string; reason: string };
  'review.decided': {
    id: string;
    caseId: string;
    /** The proposal reviewed (its digest): what an approval authorises. */
    proposal: string;
    outcome: ReviewOutcome;
    checklist: ChecklistResult[];
    opinion: string;
    requiredChanges: string | null;
    reviewerUserId: string;
    reviewerName: string;
    documentId: string | null;
    number: string | null;
    on: string;
  };
  'review.escalated': { id: string; caseId: string; reason: string; to: EscalationTarget; byName: string; on: string };
  /** The co-reviewing legal adviser's opinion, given while the round is with its reviewer. */
  'review.co-opinion': { id: string; caseId: string; userId: string; name: string; opinion: string; on: string };
  /**
   * A corrected platform calendar moved an open review's due date: the same number of working
   * days (the limit in force at submission) counted again from the submission date.
   */
  'review.due-recomputed': { id: string; caseId: string; before: string | null; dueOn: string | null; reviewDays: number; calendarYear: number; on: string };
  /**
   * The case moved on while the round was open (decided, transferred, filing revoked) or a hearing
   * was held since its submission (its record is material: the case is resubmitted). Recorded in
   * the transaction of the case act that caused it, so no round is left owing an opinion.
   */
  'review.withdrawn': { id: string; caseId: string; reason: string; on: string };
}
export type ReviewEventType = keyof ReviewEventData;
export const REVIEW_EVENT_TYPES = ['review.submitted', 'review.assigned', 'review.reassigned', 'review.decided', 'review.escalated', 'review.due-recomputed', 'review.co-opinion', 'review.withdrawn'] as const satisfies readonly ReviewEventType[];

interface FoldEvent {
  type: string;
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

/** The review record after one event (pure: the projector and a rebuild use it). */
export function applyReviewEvent(prev: ReviewRecord | null, e: FoldEvent): ReviewRecord {
  if (e.type === 'review.submitted') {
    const d = e.data as unknown as ReviewEventData['review.submitted'];
    return {
      id: d.id,
      caseId: d.caseId,
      agencyId: d.agencyId,
      unitId: d.unitId,
      round: d.round,
      status: 'submitted',
      proposal: d.proposal,
      penalty: d.penalty,
      requiredBecause: d.requiredBecause,
      requiredRules: d.requiredRules ?? [],
      materials: d.materials,
      note: d.note,
      submittedOn: d.on,
      submittedBy: { id: e.actor, name: d.submittedByName },
      dueOn: d.dueOn,
      reviewer: null,
      coReviewer: null,
      coOpinion: null,
      assignments: [],
      decision: null,
      escalation: null,
      version: 1,
      createdAt: e.at,
      updatedAt: e.at,
    };
  }
  if (!prev) throw new Error(`review event ${e.type} before the review was submitted`);
  const r: ReviewRecord = { ...prev, version: prev.version + 1, updatedAt: e.at };
  switch (e.type) {
    case 'review.assigned':
    case 'review.reassigned': {
      const d = e.data as unknown as ReviewEventData['review.reassigned'];
      return {
        ...r,
        status: 'assigned',
        reviewer: { userId: d.reviewerUserId, name: d.reviewerName },
        coReviewer: d.coReviewerUserId ? { userId: d.coReviewerUserId, name: d.coReviewerName ?? '' } : null,
        // A new co-reviewer gives their own opinion; the same one keeps what they wrote.
        coOpinion: d.coReviewerUserId && d.coReviewerUserId === r.coReviewer?.userId ? (r.coOpinion ?? null) : null,
        assignments: [
          ...r.assignments,
          { on: d.on, reviewerUserId: d.reviewerUserId, reviewerName: d.reviewerName, coReviewerUserId: d.coReviewerUserId ?? null, coReviewerName: d.coReviewerName ?? null, mode: d.mode, reason: d.reason ?? null },
        ],
      };
    }
    case 'review.decided': {
      const d = e.data as unknown as ReviewEventData['review.decided'];
      return {
        ...r,
        status: d.outcome === 'approved' ? 'approved' : 'returned',
        decision: { on: d.on, outcome: d.outcome, checklist: d.checklist, opinion: d.opinion, requiredChanges: d.requiredChanges, documentId: d.documentId, number: d.number },
      };
    }
    case 'review.escalated': {
      const d = e.data as unknown as ReviewEventData['review.escalated'];
      return { ...r, status: 'escalated', escalation: { on: d.on, to: d.to, reason: d.reason, by: d.byName } };
    }
    case 'review.co-opinion': {
      const d = e.data as unknown as ReviewEventData['review.co-opinion'];
      return { ...r, coOpinion: { on: d.on, name: d.name, opinion: d.opinion } };
    }
    case 'review.due-recomputed': {
      const d = e.data as unknown as ReviewEventData['review.due-recomputed'];
      return { ...r, dueOn: d.dueOn };
    }
    case 'review.withdrawn': {
      const d = e.data as unknown as ReviewEventData['review.withdrawn'];
      return { ...r, status: 'withdrawn', withdrawal: { on: d.on, reason: d.reason } };
    }
  }
  throw new Error(`not a review event: ${e.type}`);
}

/**
 * What a review event does to the case record: its `review` shows the latest round, and an
 * approval binds the proposal it approved (the Art 58 gate in cases.rules.ts mayDecide reads
 * `approvedProposal`). A new version, like a case act, so If-Match on the case stays meaningful.
 */
export function applyReviewToCase(r: CaseRecord, e: FoldEvent): CaseRecord {
  const next = (review: CaseRecord['review']): CaseRecord => ({ ...r, review, version: r.version + 1, updatedAt: e.at });
  switch (e.type) {
    case 'review.submitted': {
      const d = e.data as unknown as ReviewEventData['review.submitted'];
      return next({ ...r.review, reviewId: d.id, round: d.round, status: 'submitted', dueOn: d.dueOn, assignedReviewerName: null, requiredChanges: null });
    }
    case 'review.assigned':
    case 'review.reassigned': {
      const d = e.data as unknown as ReviewEventData['review.assigned'];
      return next({ ...r.review, status: 'assigned', assignedReviewerName: d.reviewerName });
    }
    case 'review.decided': {
      const d = e.data as unknown as ReviewEventData['review.decided'];
      if (d.outcome === 'problems') return next({ ...r.review, status: 'returned', requiredChanges: d.requiredChanges });
      return next({
        ...r.review,
        status: 'approved',
        requiredChanges: null,
        approvedProposal: d.proposal,
        approvedOn: d.on,
        reviewerName: d.reviewerName,
        opinion: d.opinion,
        approvedReviewId: d.id,
        approvedNumber: d.number,
        approvedDocumentId: d.documentId,
      });
    }
    case 'review.escalated':
      return next({ ...r.review, status: 'escalated' });
    case 'review.co-opinion':
      // The adviser's opinion changes nothing the case shows; it reaches the case in the 意见书.
      return r;
    case 'review.due-recomputed': {
      // The case shows its latest round: an earlier round's due date is not on it.
      const d = e.data as unknown as ReviewEventData['review.due-recomputed'];
      return r.review.reviewId === d.id ? next({ ...r.review, dueOn: d.dueOn }) : r;
    }
    case 'review.withdrawn': {
      const d = e.data as unknown as ReviewEventData['review.withdrawn'];
      return r.review.reviewId === d.id ? next({ ...r.review, status: 'withdrawn', dueOn: null }) : r;
    }
  }
  throw new Error(`not a review event: ${e.type}`);
}

// ---- statistics ----------------------------------------------------------------------------------

/** The q-quantile (0…1) of ascending values, linearly interpolated (Excel PERCENTILE.INC), to one decimal; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const v = sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  return Math.round(v * 10) / 10;
}

/** One decided review as the statistics see it. */
export interface DecidedReview {
  unitId: string | null;
  unitName: string;
  reviewerUserId: string | null;
  reviewerName: string;
  outcome: ReviewOutcome;
  checklist: readonly ChecklistResult[];
  /** Working days from submission to opinion. */
  turnaround: number;
}

function group(rows: readonly DecidedReview[], key: (r: DecidedReview) => string | null, name: (r: DecidedReview) => string): ReviewStatsGroup[] {
  const by = new Map<string | null, DecidedReview[]>();
  for (const r of rows) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
  return [...by.entries()]
    .map(([id, rs]) => {
      const t = rs.map((r) => r.turnaround).sort((a, b) => a - b);
      const approved = rs.filter((r) => r.outcome === 'approved').length;
      return { id, name: name(rs[0]!), decided: rs.length, approved, problems: rs.length - approved, median: quantile(t, 0.5), p90: quantile(t, 0.9) };
    })
    .sort((a, b) => b.decided - a.decided || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Reviews by outcome, turnaround (median, p90), the checklist points most often found wanting, per unit and per reviewer. */
export function reviewStats(rows: readonly DecidedReview[]): Pick<ReviewStats, 'decided' | 'byOutcome' | 'turnaround' | 'problemPoints' | 'byUnit' | 'byReviewer'> {
  const t = rows.map((r) => r.turnaround).sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (const r of rows) for (const c of r.checklist) if (!c.ok) counts.set(c.point, (counts.get(c.point) ?? 0) + 1);
  return {
    decided: rows.length,
    byOutcome: { approved: rows.filter((r) => r.outcome === 'approved').length, problems: rows.filter((r) => r.outcome === 'problems').length },
    turnaround: { median: quantile(t, 0.5), p90: quantile(t, 0.9) },
    problemPoints: [...counts.entries()]
      .map(([point, count]) => ({ point, label: REVIEW_CHECKLIST[point - 1]?.[0] ?? String(point), count }))
      .sort((a, b) => b.count - a.count || a.point - b.point),
    byUnit: group(rows, (r) => r.unitId, (r) => r.unitName),
    byReviewer: group(rows, (r) => r.reviewerUserId, (r) => r.reviewerName),
  };
}
