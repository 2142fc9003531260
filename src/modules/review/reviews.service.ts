/**
 * 法制审核 (《行政处罚法》第五十八条; 118号 items 十一–十四): submission by the handling unit,
 * assignment by the head of legal review (manual or round-robin), the reviewer's opinion with the
 * ten-point checklist and its numbered 法制审核意见书, escalation of a disagreement, reassignment.
 * One transaction per step: lock the case row (every step changes the case record), lock the
 * review, access, If-Match, the rule, then one `review.*` event (subject: the case).
 */
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.ts';
import { checkVersion } from '../../kernel/concurrency.ts';
import { chinaDate } from '../../kernel/dates.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { throwIf, ALLOWED } from '../../kernel/refusal.ts';
import type { Db, Tx } from '../../store/db.ts';
import { loadCalendar, onCalendarYearSet } from '../../calendar/calendar.service.ts';
import { PLATFORM_LOG } from '../../ledger/ledger.ts';
import type { CaseRecord, Penalty } from '../../shared/cases.ts';
import type { PenaltyInputT } from '../../shared/case-inputs.ts';
import type { DocumentKind } from '../../shared/documents.ts';
import {
  DEFAULT_REVIEW_SETTINGS,
  OPEN_REVIEW_STATUSES,
  REVIEW_OUTCOME_LABELS,
  type EscalationTarget,
  type ReviewListItem,
  type ReviewOutcome,
  type ReviewRecord,
  type ReviewSettings,
  type ReviewStats,
  type ReviewStatus,
  type ReviewView,
} from '../../shared/reviews.ts';
import { allows, POLICY, scopeOf, type Principal } from '../identity/access.policy.ts';
import { agenciesVisible, ancestorsOf, requireAccess } from '../identity/access.service.ts';
import { loadCase } from '../cases/cases.service.ts';
import { checkPenalty, notHeavierThanNotified } from '../cases/cases.rules.ts';
import { proposalDigest } from '../cases/cases.record.ts';
import { benchmarkVerdict, reviewScope } from '../cases/cases.links.ts';
import { buildDocument, REVIEW_CHECKLIST } from '../documents/templates.ts';
import { issueDocument } from '../documents/documents.service.ts';
import { requireCaseRead } from './co-review.access.ts';
import {
  checklistText,
  checkOpinion,
  currentProposal,
  isOverdue,
  materialsComplete,
  mayBeReviewer,
  mayCoReview,
  mayOpenRound,
  maySubmit,
  mayStep,
  nextInRotation,
  proposedOn,
  REVIEW_ART,
  reviewDueOn,
  reviewMaterials,
  reviewStats,
  turnaroundDays,
  type DecidedReview,
  type OpinionInput,
  type ReviewerCandidate,
  type ReviewEventData,
} from './reviews.rules.ts';

// ---- loading and locking ------------------------------------------------------------------

export async function loadReview(db: Db | Tx, id: string): Promise<ReviewRecord> {
  const row = await db.selectFrom('reviews').select('record').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('法制审核', id);
  return JSON.parse(row.record) as ReviewRecord;
}

/** The case row first (every review step changes the case record, as case acts do), then the review's. */
async function lockCase(ctx: Ctx, trx: Tx, caseId: string): Promise<CaseRecord> {
  if (ctx.engine === 'postgres') await sql`select id from cases where id = ${caseId} for update`.execute(trx);
  return loadCase(trx, caseId);
}

async function lockReview(ctx: Ctx, trx: Tx, id: string): Promise<{ review: ReviewRecord; case: CaseRecord }> {
  const first = await loadReview(trx, id);
  const c = await lockCase(ctx, trx, first.caseId);
  if (ctx.engine === 'postgres') await sql`select id from reviews where id = ${id} for update`.execute(trx);
  return { review: await loadReview(trx, id), case: c };
}

async function roundsOf(db: Db | Tx, caseId: string): Promise<ReviewRecord[]> {
  const rows = await db.selectFrom('reviews').select('record').where('case_id', '=', caseId).orderBy('round').execute();
  return rows.map((r) => JSON.parse(r.record) as ReviewRecord);
}

// ---- settings ----------------------------------------------------------------------------

export interface ReviewSettingsView {
  agencyId: string;
  settings: ReviewSettings;
  /** 0: the defaults, never set. */
  version: number;
}

export async function loadReviewSettings(db: Db | Tx, agencyId: string): Promise<ReviewSettingsView> {
  const row = await db.selectFrom('review_settings').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
  return row
    ? { agencyId, settings: { ...DEFAULT_REVIEW_SETTINGS, ...(JSON.parse(row.settings) as ReviewSettings) }, version: Number(row.version) }
    : { agencyId, settings: DEFAULT_REVIEW_SETTINGS, version: 0 };
}

export async function getReviewSettings(ctx: Ctx, p: Principal, agencyId: string): Promise<ReviewSettingsView> {
  await requireAccess(ctx.db, p, 'case.read', agencyId);
  return loadReviewSettings(ctx.db, agencyId);
}

/** The review time limit and the handling-unit rule are the review unit's to set; each change is an event with its reason. */
export async function setReviewSettings(ctx: Ctx, p: Principal, agencyId: string, expectedVersion: number | undefined, settings: ReviewSettings, reason: string): Promise<ReviewSettingsView> {
  await ctx.db.transaction().execute(async (trx) => {
    await requireAccess(trx, p, 'review.assign', agencyId);
    const current = await loadReviewSettings(trx, agencyId);
    checkVersion(expectedVersion, current, current);
    const agency = await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
    if (!agency) throw notFound('机构', agencyId);
    await ctx.ledger.append(trx, { log: agencyId, actor: p.id, type: 'review-settings.set', subject: agencyId, data: { agencyId, before: current.settings, settings, reason } });
  });
  return loadReviewSettings(ctx.db, agencyId);
}

// ---- who may review -----------------------------------------------------------------------

type Candidate = ReviewerCandidate & { adviserGrant: boolean; username: string };

/** A user as the reviewer rules see them, for a case of `agencyId`. */
async function candidateOf(db: Db | Tx, userId: string, agencyId: string, field: string): Promise<Candidate> {
  const u = await db.selectFrom('users').select(['id', 'username', 'display_name', 'status', 'legal_qualification_no']).where('id', '=', userId).executeTakeFirst();
  if (!u) throw new DomainError('not-found', `用户不存在：${userId}`, 404, { field });
  const grants = await db.selectFrom('user_roles').select(['role', 'agency_id', 'unit_id']).where('user_id', '=', userId).execute();
  const officer = await db.selectFrom('officers').select(['id', 'unit_id']).where('user_id', '=', userId).executeTakeFirst();
  const ancestors = await ancestorsOf(db, agencyId);
  // A legal reviewer's or head of legal review's grant covers the agency where the policy lets that role review it.
  const reviewerGrant = grants.some(
    (g) => (g.role === 'legal-reviewer' || g.role === 'legal-review-head') && g.agency_id !== null && (POLICY[g.role]['case.review'] ?? []).includes(scopeOf(g.agency_id, agencyId, ancestors)),
  );
  const unitIds = [...grants.map((g) => g.unit_id), officer?.unit_id ?? null].filter((x): x is string => !!x);
  return {
    userId: u.id,
    username: u.username,
    name: u.display_name,
    active: u.status === 'active',
    legalQualificationNo: u.legal_qualification_no,
    officerId: officer?.id ?? null,
    reviewerGrant,
    adviserGrant: grants.some((g) => g.role === 'legal-adviser' && g.agency_id === agencyId),
    unitIds: [...new Set(unitIds)],
  };
}

export interface AssignInput {
  /** Manual assignment: the reviewer (a user id). */
  reviewerUserId?: string;
  /** Round-robin among the agency's legal reviewers instead. */
  roundRobin?: boolean;
  /** An external legal adviser of the agency to co-review; null removes one (reassignment). */
  coReviewerUserId?: string | null;
}

/**
 * The reviewer for a case: the one named (who must be eligible), or the next eligible legal
 * reviewer of the agency after the one assigned last (round-robin), skipping `exclude`.
 */
async function chooseReviewer(trx: Tx, r: CaseRecord, settings: ReviewSettings, input: AssignInput, exclude: string | null): Promise<{ reviewer: Candidate; mode: 'manual' | 'round-robin' }> {
  if (!!input.reviewerUserId === !!input.roundRobin) {
    throw new DomainError('validation-failed', '须指定审核人员，或选择轮流分配（二者择一）', 400, { field: 'reviewerUserId' });
  }
  if (input.reviewerUserId) {
    const c = await candidateOf(trx, input.reviewerUserId, r.agencyId, 'reviewerUserId');
    throwIf(mayBeReviewer(r, c, settings));
    return { reviewer: c, mode: 'manual' };
  }
  const ids = await trx
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['users.id', 'users.username'])
    .where('user_roles.role', '=', 'legal-reviewer')
    .where('user_roles.agency_id', '=', r.agencyId)
    .where('users.status', '=', 'active')
    .orderBy('users.username')
    .execute();
  const seen = new Set<string>();
  const candidates: { userId: string; eligible: boolean; c: Candidate; why: string | null }[] = [];
  for (const { id } of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const c = await candidateOf(trx, id, r.agencyId, 'reviewerUserId');
    const v = id === exclude ? null : mayBeReviewer(r, c, settings);
    candidates.push({ userId: id, eligible: !!v?.ok, c, why: v === null ? '原审核人员' : v.ok ? null : v.message });
  }
  const last = await trx
    .selectFrom('reviews')
    .select('reviewer_user_id')
    .where('agency_id', '=', r.agencyId)
    .where('assigned_at', 'is not', null)
    .orderBy('assigned_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = nextInRotation(candidates, last?.reviewer_user_id ?? null);
  if (!next) {
    throw new DomainError('no-eligible-reviewer', '本机构没有符合条件的法制审核人员可供轮流分配，请指定审核人员', 409, {
      candidates: candidates.map((x) => ({ userId: x.userId, name: x.c.name, refused: x.why })),
    });
  }
  return { reviewer: candidates.find((x) => x.userId === next)!.c, mode: 'round-robin' };
}

async function chooseCoReviewer(trx: Tx, r: CaseRecord, userId: string, reviewerUserId: string): Promise<Candidate> {
  const c = await candidateOf(trx, userId, r.agencyId, 'coReviewerUserId');
  throwIf(mayCoReview(r, c, reviewerUserId));
  return c;
}

// ---- the steps ---------------------------------------------------------------------------

export interface ReviewSubmission {
  /** The proposed decision to review; the case's current proposal when absent. Never heavier than notified (Art 45②). */
  penalty?: PenaltyInputT;
  /**
   * The proposal is 不予行政处罚 (Art 57①): implied when the investigation report proposes it; after
   * a notice, when the statement or hearing shows no penalty is due (Art 45①). Not with `penalty`.
   */
  noPenalty?: boolean;
  /** 送审说明 */
  note?: string | null;
}

/** The case's latest document of each kind (the materials' references). */
async function latestDocuments(db: Db | Tx, caseId: string): Promise<Partial<Record<DocumentKind, string>>> {
  const rows = await db.selectFrom('documents').select(['id', 'kind']).where('case_id', '=', caseId).orderBy('log_seq').execute();
  return Object.fromEntries(rows.map((d) => [d.kind, d.id]));
}

/** As for a handler's case act: one of the case's 承办人, or a unit or agency head on their behalf; never someone recused (Art 43). */
function requireHandlerOrHead(p: Principal, r: CaseRecord, own: { id: string } | undefined): void {
  if (own && r.recused.some((x) => x.id === own.id)) throw new DomainError('officer-recused', '您已在本案回避，不得参与办理（《行政处罚法》第四十三条）', 403, { article: '《行政处罚法》第四十三条' });
  if (r.handlers.length === 0) return;
  if (own && r.handlers.some((h) => h.officerId === own.id)) return;
  const head = p.grants.some((g) => (g.role === 'unit-head' || g.role === 'agency-head') && g.agencyId === r.agencyId);
  if (!head) throw new DomainError('not-case-handler', '您不是本案承办人，不能送审', 403, {});
}

/**
 * 送审 — the handling unit submits the case's proposed decision (round n+1 after earlier rounds),
 * with the materials check; refused while a round is open or once this very proposal has passed.
 * If-Match: the case's version (the submission changes the case record).
 */
export async function submitReview(ctx: Ctx, p: Principal, caseId: string, expectedCaseVersion: number | undefined, input: ReviewSubmission): Promise<ReviewView> {
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockCase(ctx, trx, caseId);
    await requireAccess(trx, p, 'case.handle', r.agencyId);
    requireHandlerOrHead(p, r, await trx.selectFrom('officers').select('id').where('user_id', '=', p.id).executeTakeFirst());
    checkVersion(expectedCaseVersion, r, { status: r.status, version: r.version });
    if (input.noPenalty && input.penalty) throw new DomainError('validation-failed', '拟不予行政处罚的，不应填写处罚内容', 400, { field: 'penalty' });
    const noPenalty = !!input.noPenalty || (!input.penalty && r.status === 'investigation-closed' && r.investigation?.outcome === 'no-penalty');
    throwIf(maySubmit(r, noPenalty));
    let penalty: Penalty | null = noPenalty ? null : (currentProposal(r)?.penalty ?? null);
    if (input.penalty) {
      const i = input.penalty;
      penalty = { kinds: i.kinds, fineFen: i.fineFen, confiscatedGainsFen: i.confiscatedGainsFen, confiscatedPropertyFen: i.confiscatedPropertyFen, description: i.description };
      throwIf(checkPenalty(penalty), 400);
      if (r.notice) throwIf(notHeavierThanNotified(penalty, r.notice.proposedPenalty));
    }
    const digest = proposalDigest(penalty);
    const rounds = await roundsOf(trx, r.id);
    const open = rounds.find((x) => OPEN_REVIEW_STATUSES.includes(x.status)) ?? null;
    // Passed and still standing: a hearing since then set the case's approval aside (cases.record.ts).
    const passed = r.review.approvedProposal === digest ? (rounds.find((x) => x.status === 'approved' && x.proposal === digest) ?? null) : null;
    throwIf(mayOpenRound(open, passed));
    const benchmark = r.benchmark && penalty ? await benchmarkVerdict(trx, r.agencyId, r.benchmark, penalty) : ALLOWED;
    const materials = reviewMaterials(r, { penalty, outsideBenchmark: !benchmark.ok, documents: await latestDocuments(trx, r.id) });
    throwIf(materialsComplete(materials));
    const on = chinaDate(ctx.clock);
    // Why this proposal is a major decision: the catalog in force on the proposal date, as the gate reads it.
    const scope = await reviewScope(trx, r, penalty, proposedOn(r, on));
    const settings = (await loadReviewSettings(trx, r.agencyId)).settings;
    const data: ReviewEventData['review.submitted'] = {
      id,
      caseId: r.id,
      agencyId: r.agencyId,
      unitId: r.unitId,
      round: rounds.length + 1,
      proposal: digest,
      penalty,
      requiredBecause: scope.because,
      requiredRules: scope.rules,
      materials,
      note: input.note?.trim() || null,
      submittedByName: p.displayName,
      on,
      dueOn: reviewDueOn(await loadCalendar(trx), on, settings.reviewDays),
    };
    await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type: 'review.submitted', subject: r.id, data: { ...data } });
  });
  return viewOf(ctx, p, await loadReview(ctx.db, id));
}

/** 分配审核人员 (head of legal review): by name or round-robin, with an optional co-reviewing legal adviser. */
export async function assignReview(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, input: AssignInput): Promise<ReviewView> {
  await ctx.db.transaction().execute(async (trx) => {
    const { review: rv, case: r } = await lockReview(ctx, trx, id);
    await requireAccess(trx, p, 'review.assign', rv.agencyId);
    checkVersion(expectedVersion, rv, { status: rv.status, version: rv.version });
    throwIf(mayStep('assign', rv.status));
    const settings = (await loadReviewSettings(trx, rv.agencyId)).settings;
    const { reviewer, mode } = await chooseReviewer(trx, r, settings, input, null);
    const co = input.coReviewerUserId ? await chooseCoReviewer(trx, r, input.coReviewerUserId, reviewer.userId) : null;
    const data: ReviewEventData['review.assigned'] = {
      id,
      caseId: rv.caseId,
      reviewerUserId: reviewer.userId,
      reviewerName: reviewer.name,
      coReviewerUserId: co?.userId ?? null,
      coReviewerName: co?.name ?? null,
      mode,
      on: chinaDate(ctx.clock),
    };
    await ctx.ledger.append(trx, { log: rv.agencyId, actor: p.id, type: 'review.assigned', subject: rv.caseId, data: { ...data } });
  });
  return viewOf(ctx, p, await loadReview(ctx.db, id));
}

/** 更换审核人员 (e.g. the reviewer is absent): a new reviewer, not the current one; the co-reviewer stays unless changed. */
export async function reassignReview(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, input: AssignInput & { reason: string }): Promise<ReviewView> {
  await ctx.db.transaction().execute(async (trx) => {
    const { review: rv, case: r } = await lockReview(ctx, trx, id);
    await requireAccess(trx, p, 'review.assign', rv.agencyId);
    checkVersion(expectedVersion, rv, { status: rv.status, version: rv.version });
    throwIf(mayStep('reassign', rv.status));
    const previous = rv.reviewer!.userId;
    if (input.reviewerUserId === previous) throw new DomainError('validation-failed', '新的审核人员与原审核人员相同', 400, { field: 'reviewerUserId' });
    const settings = (await loadReviewSettings(trx, rv.agencyId)).settings;
    const { reviewer, mode } = await chooseReviewer(trx, r, settings, input, previous);
    const coId = input.coReviewerUserId === undefined ? (rv.coReviewer?.userId ?? null) : input.coReviewerUserId;
    const co = coId ? await chooseCoReviewer(trx, r, coId, reviewer.userId) : null;
    const data: ReviewEventData['review.reassigned'] = {
      id,
      caseId: rv.caseId,
      reviewerUserId: reviewer.userId,
      reviewerName: reviewer.name,
      coReviewerUserId: co?.userId ?? null,
      coReviewerName: co?.name ?? null,
      mode,
      previousReviewerUserId: previous,
      reason: input.reason,
      on: chinaDate(ctx.clock),
    };
    await ctx.ledger.append(trx, { log: rv.agencyId, actor: p.id, type: 'review.reassigned', subject: rv.caseId, data: { ...data } });
  });
  return viewOf(ctx, p, await loadReview(ctx.db, id));
}

/**
 * 审核意见 — by the assigned reviewer only (still eligible on the day): the ten points, 同意 or
 * 存在问题 with the changes required, and the numbered 法制审核意见书 issued (PDF stored, recorded
 * in the ledger) before the `review.decided` event, which names it. An approval opens the Art 58
 * gate for exactly the proposal reviewed.
 */
export async function decideReview(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, input: OpinionInput): Promise<ReviewView> {
  await ctx.db.transaction().execute(async (trx) => {
    const { review: rv, case: r } = await lockReview(ctx, trx, id);
    await requireAccess(trx, p, 'case.review', rv.agencyId);
    checkVersion(expectedVersion, rv, { status: rv.status, version: rv.version });
    throwIf(mayStep('decide', rv.status));
    if (rv.reviewer?.userId !== p.id) {
      throw new DomainError('not-assigned-reviewer', `本审核已分配给${rv.reviewer?.name ?? '其他审核人员'}，只有被分配的审核人员可以出具审核意见`, 403, { reviewerUserId: rv.reviewer?.userId ?? null });
    }
    const settings = (await loadReviewSettings(trx, rv.agencyId)).settings;
    const me = await candidateOf(trx, p.id, rv.agencyId, 'reviewerUserId');
    throwIf(mayBeReviewer(r, me, settings), 403);
    const { verdict, checklist } = checkOpinion(input);
    throwIf(verdict, 400);
    const on = chinaDate(ctx.clock);
    const requiredChanges = input.outcome === 'problems' ? input.requiredChanges!.trim() : null;
    const opinion = input.opinion.trim();
    const agency = await trx.selectFrom('agencies').select('name').where('id', '=', r.agencyId).executeTakeFirstOrThrow();
    const spec = buildDocument('legal-review-opinion', {
      agency: { name: agency.name },
      caseRecord: { ...r, review: { ...r.review, requiredBecause: rv.requiredBecause } },
      on,
      review: {
        reviewers: [me.name, ...(rv.coReviewer ? [`${rv.coReviewer.name}（法律顾问）`] : [])],
        conclusion: input.outcome,
        opinion: [opinion, ...(requiredChanges ? [`需补充、纠正的事项：${requiredChanges}`] : []), ...(rv.coOpinion ? [`法律顾问${rv.coOpinion.name}意见：${rv.coOpinion.opinion}`] : [])].join('\n'),
        proposedPenalty: rv.penalty,
        checklist: checklistText(checklist),
        submittedOn: rv.submittedOn,
      },
    });
    const doc = await issueDocument(ctx, trx, { agencyId: r.agencyId, caseId: r.id, kind: 'legal-review-opinion', actor: p.id, on, spec });
    const data: ReviewEventData['review.decided'] = {
      id,
      caseId: rv.caseId,
      proposal: rv.proposal,
      outcome: input.outcome,
      checklist,
      opinion,
      requiredChanges,
      reviewerUserId: p.id,
      reviewerName: me.name,
      documentId: doc.id,
      number: doc.number,
      on,
    };
    await ctx.ledger.append(trx, { log: rv.agencyId, actor: p.id, type: 'review.decided', subject: rv.caseId, data: { ...data } });
  });
  return viewOf(ctx, p, await loadReview(ctx.db, id));
}

/**
 * 意见分歧 — the handling unit disagrees with a 存在问题 opinion: the head records that it goes to
 * the agency head or to collective discussion (118号 items 十三–十四). The gate stays closed: a
 * decision still needs a review that passes (Art 58), so the case is resubmitted after.
 */
export async function escalateReview(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, input: { reason: string; to: EscalationTarget }): Promise<ReviewView> {
  await ctx.db.transaction().execute(async (trx) => {
    const { review: rv } = await lockReview(ctx, trx, id);
    await requireAccess(trx, p, 'case.approve', rv.agencyId);
    checkVersion(expectedVersion, rv, { status: rv.status, version: rv.version });
    throwIf(mayStep('escalate', rv.status));
    const data: ReviewEventData['review.escalated'] = { id, caseId: rv.caseId, reason: input.reason, to: input.to, byName: p.displayName, on: chinaDate(ctx.clock) };
    await ctx.ledger.append(trx, { log: rv.agencyId, actor: p.id, type: 'review.escalated', subject: rv.caseId, data: { ...data } });
  });
  return viewOf(ctx, p, await loadReview(ctx.db, id));
}

/**
 * 法律顾问意见 — the co-reviewing external legal adviser's written opinion on the round it is
 * assigned to (118号 item 十一), while the round is with its reviewer; the reviewer's 意见书 quotes it.
 * Writing again replaces it (each version stays in the ledger).
 */
export async function coReviewOpinion(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, input: { opinion: string }): Promise<ReviewView> {
  await ctx.db.transaction().execute(async (trx) => {
    const { review: rv } = await lockReview(ctx, trx, id);
    await requireAccess(trx, p, 'review.co-review', rv.agencyId);
    checkVersion(expectedVersion, rv, { status: rv.status, version: rv.version });
    if (rv.coReviewer?.userId !== p.id) {
      throw new DomainError('not-assigned-co-reviewer', `本审核未指定您为共同审核的法律顾问，不能出具意见（${REVIEW_ART.g118_11}）`, 403, { coReviewerUserId: rv.coReviewer?.userId ?? null });
    }
    throwIf(mayStep('co-opinion', rv.status));
    const data: ReviewEventData['review.co-opinion'] = { id, caseId: rv.caseId, userId: p.id, name: p.displayName, opinion: input.opinion.trim(), on: chinaDate(ctx.clock) };
    await ctx.ledger.append(trx, { log: rv.agencyId, actor: p.id, type: 'review.co-opinion', subject: rv.caseId, data: { ...data } });
  });
  return viewOf(ctx, p, await loadReview(ctx.db, id));
}

// ---- reading -----------------------------------------------------------------------------

/** A review with its case: anyone who may read the case reads its review (the opinion is part of the file). */
export async function getReview(ctx: Ctx, p: Principal, id: string): Promise<ReviewView> {
  const rv = await loadReview(ctx.db, id);
  await requireCaseRead(ctx.db, p, rv.agencyId, rv.caseId);
  return viewOf(ctx, p, rv);
}

async function viewOf(ctx: Ctx, p: Principal, rv: ReviewRecord): Promise<ReviewView> {
  const r = await loadCase(ctx.db, rv.caseId);
  const ancestors = await ancestorsOf(ctx.db, rv.agencyId);
  const may = (a: Parameters<typeof allows>[1]) => allows(p, a, rv.agencyId, ancestors);
  const allowed: ReviewView['allowed'] = [];
  if (rv.status === 'submitted' && may('review.assign')) allowed.push('assign');
  if (rv.status === 'assigned' && may('review.assign')) allowed.push('reassign');
  if (rv.status === 'assigned' && rv.reviewer?.userId === p.id && may('case.review')) allowed.push('decide');
  if (rv.status === 'returned' && may('case.approve')) allowed.push('escalate');
  if (rv.status === 'assigned' && rv.coReviewer?.userId === p.id && may('review.co-review')) allowed.push('co-opinion');
  const proposal = currentProposal(r);
  return {
    review: rv,
    case: {
      id: r.id,
      caseNo: r.caseNo,
      cause: r.cause,
      partyName: r.parties[0]?.name ?? '',
      status: r.status,
      unitId: r.unitId,
      field: r.field,
      handlers: r.handlers.map((h) => ({ officerId: h.officerId, name: h.name })),
      currentProposal: proposal?.penalty ?? null,
      reviewedProposalIsCurrent: !!proposal && proposalDigest(proposal.penalty) === rv.proposal,
      version: r.version,
    },
    overdue: isOverdue(rv, chinaDate(ctx.clock)),
    allowed,
  };
}

/** Every round of a case, oldest first. */
export async function caseReviews(ctx: Ctx, p: Principal, caseId: string): Promise<ReviewRecord[]> {
  const r = await loadCase(ctx.db, caseId);
  await requireCaseRead(ctx.db, p, r.agencyId, r.id);
  return roundsOf(ctx.db, caseId);
}

export interface ReviewFilter {
  agencyId?: string;
  /** A status, or 'open' (submitted, assigned: to do) / 'done' (returned, approved, escalated). */
  status?: ReviewStatus | 'open' | 'done';
  /** 'me': reviews assigned to the caller (as reviewer or co-reviewer); or a user id. */
  reviewer?: string;
  /** Only open reviews past their due date. */
  overdue?: boolean;
  limit?: number;
}

/** Agencies whose reviews `p` sees in the inbox: where it reviews or assigns. */
async function inboxAgencies(db: Db, p: Principal): Promise<'all' | Set<string>> {
  const a = await agenciesVisible(db, p, 'case.review');
  const b = await agenciesVisible(db, p, 'review.assign');
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}

/** 审核待办 — the reviewer inbox: to do (open), overdue, done; newest submission first. */
export async function listReviews(ctx: Ctx, p: Principal, f: ReviewFilter): Promise<ReviewListItem[]> {
  const visible = await inboxAgencies(ctx.db, p);
  // A co-reviewing legal adviser's inbox: the rounds it is assigned to, in the agencies it advises.
  const advised = await agenciesVisible(ctx.db, p, 'review.co-review');
  if (advised === 'all' || advised.size > 0) return listReviewsOf(ctx, p, f, visible, advised);
  return listReviewsOf(ctx, p, f, visible, null);
}

async function listReviewsOf(ctx: Ctx, p: Principal, f: ReviewFilter, visible: 'all' | Set<string>, advised: 'all' | Set<string> | null): Promise<ReviewListItem[]> {
  const today = chinaDate(ctx.clock);
  let q = ctx.db
    .selectFrom('reviews')
    .innerJoin('cases', 'cases.id', 'reviews.case_id')
    .select(['reviews.record', 'cases.case_no', 'cases.cause', 'cases.party_name'])
    .orderBy('reviews.submitted_on', 'desc')
    .orderBy('reviews.created_at', 'desc')
    .orderBy('reviews.id', 'desc')
    .limit(Math.min(Math.max(f.limit ?? 100, 1), 500));
  const adviserOnly = advised !== null && visible !== 'all' && visible.size === 0;
  if (adviserOnly) {
    if (f.agencyId && advised !== 'all' && !advised.has(f.agencyId)) return [];
    q = q.where('reviews.co_reviewer_user_id', '=', p.id);
    if (advised !== 'all') q = q.where('reviews.agency_id', 'in', [...advised]);
    if (f.agencyId) q = q.where('reviews.agency_id', '=', f.agencyId);
  } else if (f.agencyId) {
    if (visible !== 'all' && !visible.has(f.agencyId)) return [];
    q = q.where('reviews.agency_id', '=', f.agencyId);
  } else if (visible !== 'all') {
    if (visible.size === 0) return [];
    q = q.where('reviews.agency_id', 'in', [...visible]);
  }
  const done: ReviewStatus[] = ['returned', 'approved', 'escalated'];
  if (f.status === 'open') q = q.where('reviews.status', 'in', [...OPEN_REVIEW_STATUSES]);
  else if (f.status === 'done') q = q.where('reviews.status', 'in', done);
  else if (f.status) q = q.where('reviews.status', '=', f.status);
  if (f.reviewer) {
    const who = f.reviewer === 'me' ? p.id : f.reviewer;
    q = q.where((eb) => eb.or([eb('reviews.reviewer_user_id', '=', who), eb('reviews.co_reviewer_user_id', '=', who)]));
  }
  if (f.overdue) q = q.where('reviews.status', 'in', [...OPEN_REVIEW_STATUSES]).where('reviews.due_on', '<', today);
  const rows = await q.execute();
  return rows.map((row) => {
    const rv = JSON.parse(row.record) as ReviewRecord;
    return {
      id: rv.id,
      caseId: rv.caseId,
      agencyId: rv.agencyId,
      unitId: rv.unitId,
      round: rv.round,
      status: rv.status,
      caseNo: row.case_no,
      cause: row.cause,
      partyName: row.party_name,
      reviewerUserId: rv.reviewer?.userId ?? null,
      reviewerName: rv.reviewer?.name ?? null,
      coReviewerUserId: rv.coReviewer?.userId ?? null,
      submittedOn: rv.submittedOn,
      dueOn: rv.dueOn,
      decidedOn: rv.decision?.on ?? null,
      outcome: rv.decision?.outcome ?? null,
      overdue: isOverdue(rv, today),
      version: rv.version,
    };
  });
}

// ---- statistics --------------------------------------------------------------------------

export interface StatsQuery {
  agencyId: string;
  /** Opinions given on or after / on or before (YYYY-MM-DD); default: this year to today. */
  from?: string;
  to?: string;
}

interface DecidedDetail extends DecidedReview {
  caseNo: string | null;
  cause: string;
  partyName: string;
  round: number;
  submittedOn: string;
  decidedOn: string;
  number: string | null;
}

async function statsData(ctx: Ctx, p: Principal, q: StatsQuery): Promise<{ stats: ReviewStats; rows: DecidedDetail[] }> {
  await requireAccess(ctx.db, p, 'case.review', q.agencyId);
  const today = chinaDate(ctx.clock);
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (from > to) throw new DomainError('validation-failed', '起始日期不能晚于截止日期', 400, { field: 'from' });
  const decided = await ctx.db
    .selectFrom('reviews')
    .innerJoin('cases', 'cases.id', 'reviews.case_id')
    .select(['reviews.record', 'cases.case_no', 'cases.cause', 'cases.party_name'])
    .where('reviews.agency_id', '=', q.agencyId)
    .where('reviews.decided_on', '>=', from)
    .where('reviews.decided_on', '<=', to)
    .orderBy('reviews.decided_on')
    .orderBy('reviews.id')
    .execute();
  const open = await ctx.db.selectFrom('reviews').select(['status', 'due_on']).where('agency_id', '=', q.agencyId).where('status', 'in', [...OPEN_REVIEW_STATUSES]).execute();
  const units = new Map((await ctx.db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', q.agencyId).execute()).map((u) => [u.id, u.name]));
  const cal = await loadCalendar(ctx.db);
  const rows: DecidedDetail[] = decided.map((row) => {
    const rv = JSON.parse(row.record) as ReviewRecord;
    const d = rv.decision!;
    return {
      unitId: rv.unitId,
      unitName: rv.unitId ? (units.get(rv.unitId) ?? rv.unitId) : '（未指定承办机构）',
      reviewerUserId: rv.reviewer?.userId ?? null,
      reviewerName: rv.reviewer?.name ?? '',
      outcome: d.outcome,
      checklist: d.checklist,
      turnaround: turnaroundDays(cal, rv.submittedOn, d.on),
      caseNo: row.case_no,
      cause: row.cause,
      partyName: row.party_name,
      round: rv.round,
      submittedOn: rv.submittedOn,
      decidedOn: d.on,
      number: d.number,
    };
  });
  const stats: ReviewStats = {
    agencyId: q.agencyId,
    from,
    to,
    ...reviewStats(rows),
    open: open.length,
    overdue: open.filter((o) => isOverdue({ status: o.status as ReviewStatus, dueOn: o.due_on }, today)).length,
  };
  return { stats, rows };
}

/** 审核统计: by outcome, turnaround (working days, median and p90), the most frequent problem points, per unit and reviewer. */
export async function reviewStatistics(ctx: Ctx, p: Principal, q: StatsQuery): Promise<ReviewStats> {
  return (await statsData(ctx, p, q)).stats;
}

/** The statistics as an Excel workbook: overview, problem points, per unit, per reviewer, and every opinion. */
export async function exportReviewStats(ctx: Ctx, p: Principal, q: StatsQuery): Promise<Buffer> {
  const { stats: s, rows } = await statsData(ctx, p, q);
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, header: string[], data: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const r of data) ws.addRow(r);
    ws.columns.forEach((c, i) => {
      c.width = Math.min(60, Math.max(10, ...[header[i] ?? '', ...data.map((r) => String(r[i] ?? ''))].map((v) => v.length * 2 + 2)));
    });
  };
  sheet('概况', ['项目', '数值'], [
    ['统计期间', `${s.from} 至 ${s.to}`],
    ['出具审核意见（件）', s.decided],
    [REVIEW_OUTCOME_LABELS.approved.zh, s.byOutcome.approved],
    [REVIEW_OUTCOME_LABELS.problems.zh, s.byOutcome.problems],
    ['审核用时中位数（工作日）', s.turnaround.median],
    ['审核用时第90百分位（工作日）', s.turnaround.p90],
    ['在审（件）', s.open],
    ['其中逾期（件）', s.overdue],
  ]);
  sheet('问题点', ['序号', '审核事项', '存在问题（次）'], s.problemPoints.map((x) => [x.point, `${x.label}：${REVIEW_CHECKLIST[x.point - 1]?.[1] ?? ''}`, x.count]));
  const groupRows = (gs: ReviewStats['byUnit']) => gs.map((g) => [g.name, g.decided, g.approved, g.problems, g.median, g.p90]);
  const groupHeader = (first: string) => [first, '审核（件）', '同意', '存在问题', '用时中位数（工作日）', '用时P90（工作日）'];
  sheet('按承办机构', groupHeader('承办机构'), groupRows(s.byUnit));
  sheet('按审核人员', groupHeader('审核人员'), groupRows(s.byReviewer));
  sheet(
    '审核明细',
    ['案号', '案由', '当事人', '轮次', '承办机构', '审核人员', '送审日期', '审核意见日期', '用时（工作日）', '审核意见', '存在问题的事项', '意见书文号'],
    rows.map((r) => [
      r.caseNo,
      r.cause,
      r.partyName,
      r.round,
      r.unitName,
      r.reviewerName,
      r.submittedOn,
      r.decidedOn,
      r.turnaround,
      REVIEW_OUTCOME_LABELS[r.outcome as ReviewOutcome].zh,
      r.checklist.filter((c) => !c.ok).map((c) => `${REVIEW_CHECKLIST[c.point - 1]?.[0] ?? c.point}：${c.comment}`).join('；'),
      r.number,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- due dates after a calendar correction -------------------------------------------------

/**
 * A corrected platform calendar (`calendar.year-set`) moves the due date of every open review
 * (送审, 审核中): the limit in force when it was submitted (the agency's last `review-settings.set`
 * before the submission, else the default), counted again in working days from the submission
 * date. Each moved date is a `review.due-recomputed` event, in the calendar edit's transaction,
 * by the admin who made the edit; unchanged dates append nothing.
 */
export async function recomputeReviewDueDates(ctx: Ctx, trx: Tx, year: number): Promise<void> {
  const open = await trx.selectFrom('reviews').select(['id', 'case_id', 'agency_id', 'submitted_on', 'due_on']).where('status', 'in', [...OPEN_REVIEW_STATUSES]).orderBy('created_at').orderBy('id').execute();
  if (open.length === 0) return;
  const edit = await trx.selectFrom('events').select('actor').where('log_id', '=', PLATFORM_LOG).where('type', '=', 'calendar.year-set').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  const cal = await loadCalendar(trx);
  const on = chinaDate(ctx.clock);
  for (const rv of open) {
    const submitted = (await trx.selectFrom('events').select(['id', 'data']).where('log_id', '=', rv.agency_id).where('subject', '=', rv.case_id).where('type', '=', 'review.submitted').execute()).find(
      (e) => (JSON.parse(e.data) as { id: string }).id === rv.id,
    );
    if (!submitted) continue;
    const set = await trx.selectFrom('events').select('data').where('log_id', '=', rv.agency_id).where('type', '=', 'review-settings.set').where('id', '<', submitted.id).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const reviewDays = set ? (JSON.parse(set.data) as { settings: ReviewSettings }).settings.reviewDays : DEFAULT_REVIEW_SETTINGS.reviewDays;
    const dueOn = reviewDueOn(cal, rv.submitted_on, reviewDays);
    if (dueOn === rv.due_on) continue;
    const data: ReviewEventData['review.due-recomputed'] = { id: rv.id, caseId: rv.case_id, before: rv.due_on, dueOn, reviewDays, calendarYear: year, on };
    await ctx.ledger.append(trx, { log: rv.agency_id, actor: edit.actor, type: 'review.due-recomputed', subject: rv.case_id, data: { ...data } });
  }
}

onCalendarYearSet(recomputeReviewDueDates);
