import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import { checkVersion } from '../../kernel/concurrency.ts';
import { chinaDate } from '../../kernel/dates.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { throwIf, ALLOWED, type Verdict } from '../../kernel/refusal.ts';
import type { Db, Tx } from '../../store/db.ts';
import type { CaseActInputs } from '../../shared/case-inputs.ts';
import { CASE_ACTS, caseEventType, type CaseListItem, type CaseView, type ActingOfficer, type CaseAct, type CaseRecord, type CaseStatus, type Penalty } from '../../shared/cases.ts';
import type { Action } from '../../shared/api.ts';
import { allows, type Principal } from '../identity/access.policy.ts';
import { agenciesVisible, ancestorsOf, ForbiddenError, requireAccess } from '../identity/access.service.ts';
import { mayActTogether, type CertificateHolder } from '../identity/certificates.rules.ts';
import { proposalDigest, type CaseEventData } from './cases.record.ts';
import {
  ART,
  checkPenalty,
  hearingNoticeInTime,
  hearingRequestInTime,
  hearingRight,
  mayDecide,
  mayPerform,
  onTheSpotCollectionAllowed,
  presiderIndependent,
  simpleProcedureEligible,
  withinLimitation,
  amountOwed,
  paymentDueDate,
  receiptOfDecision,
  type AddDays,
  type CaseSettings,
} from './cases.rules.ts';
import { loadCaseSettings } from './cases.settings.ts';
import { caseSearchOf } from './cases.search.ts';
import { requireCaseRead } from '../review/co-review.access.ts';
import { benchmarkVerdict, caseDayCounter, caseDeadlines, issueCaseDocument, refreshDeadlines, reviewScope } from './cases.links.ts';
import type { ReviewScope } from '../review/catalog.rules.ts';
import { draftFromDecision, withdrawalFromRemedy } from '../publicity/publications.service.ts';
import { endOpenRounds } from '../review/review-rounds.ts';
import { currentProposal, mayDecideNoPenalty, proposedOn } from '../review/reviews.rules.ts';

export type { CaseListItem, CaseView };

/** Whose act it is decides the permission it needs (CASE_ACTS.by). */
export const ACT_PERMISSION: Record<'handler' | 'head' | 'reviewer', Action> = { handler: 'case.handle', head: 'case.approve', reviewer: 'case.review' };
export const actPermission = (act: CaseAct): Action => ACT_PERMISSION[CASE_ACTS[act].by];

/** 立案, 先行登记保存, 延期 and the decision are the agency head's by law (Art 57): a refusal says so. */
export const actRefusal = (act: CaseAct): { message: string; article: string } | undefined =>
  CASE_ACTS[act].by === 'head' ? { message: `“${CASE_ACTS[act].zh}”由行政机关负责人决定（${ART.a57}）`, article: ART.a57 } : undefined;

/** The agency's thresholds (its own, or the defaults). */
const caseSettings = async (db: Db | Tx, agencyId: string): Promise<CaseSettings> => (await loadCaseSettings(db, agencyId)).settings;


export async function loadCase(db: Db | Tx, id: string): Promise<CaseRecord> {
  const row = await db.selectFrom('cases').select('record').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('案件', id);
  return JSON.parse(row.record) as CaseRecord;
}

async function lockCase(ctx: Ctx, trx: Tx, id: string): Promise<CaseRecord> {
  if (ctx.engine === 'postgres') await sql`select id from cases where id = ${id} for update`.execute(trx);
  return loadCase(trx, id);
}

/** Officers of the agency by id, as the certificate rules see them. */
async function officersOf(trx: Tx, agencyId: string, ids: readonly string[]): Promise<(CertificateHolder & { userId: string | null })[]> {
  const rows = ids.length === 0 ? [] : await trx.selectFrom('officers').selectAll().where('id', 'in', [...ids]).where('agency_id', '=', agencyId).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    if (!r) throw new DomainError('officer-not-found', `执法人员不存在或不属于本机构：${id}`, 400, { officerId: id });
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      auxiliary: Number(r.auxiliary) === 1,
      certificateNo: r.certificate_no,
      fields: JSON.parse(r.fields) as string[],
      validFrom: r.valid_from,
      validTo: r.valid_to,
      userId: r.user_id,
    };
  });
}

const acting = (o: CertificateHolder): ActingOfficer => ({ officerId: o.id, name: o.name, certificateNo: o.certificateNo });

/**
 * 《行政处罚法》第四十二条、第五十五条：two officers with certificates valid for the case's field,
 * who are (once the case is filed) its handlers and have not recused (Art 43).
 */
async function fieldTeam(trx: Tx, r: Pick<CaseRecord, 'agencyId' | 'field' | 'handlers' | 'recused' | 'status'>, ids: readonly string[], on: string, mustBeHandlers: boolean): Promise<ActingOfficer[]> {
  const team = await officersOf(trx, r.agencyId, ids);
  for (const o of team) {
    if (r.recused.some((x) => x.id === o.id)) throw new DomainError('officer-recused', `${o.name}已在本案回避，不得参与办理（${ART.a43}）`, 409, { article: ART.a43, officerId: o.id });
    if (mustBeHandlers && !r.handlers.some((h) => h.officerId === o.id)) {
      throw new DomainError('not-case-handler', `${o.name}不是本案承办人`, 409, { officerId: o.id });
    }
  }
  throwIf(mayActTogether(team, r.field, on));
  return team.map(acting);
}

/** The user's own officer record, if the user is an officer. */
async function officerOfUser(db: Db | Tx, userId: string) {
  return db.selectFrom('officers').select(['id', 'name']).where('user_id', '=', userId).executeTakeFirst();
}

/**
 * A handler's act is done by one of the case's 承办人 — or by a head of the unit or agency, who
 * may record on their behalf; a head's act by whoever holds `case.approve` (Art 57).
 */
async function requireActor(ctx: Ctx, trx: Tx, p: Principal, act: CaseAct, r: CaseRecord): Promise<void> {
  const permission = actPermission(act);
  if (!allows(p, permission, r.agencyId, await ancestorsOf(trx, r.agencyId))) throw new ForbiddenError(permission, r.agencyId, actRefusal(act));
  const own = await officerOfUser(trx, p.id);
  if (own && r.recused.some((x) => x.id === own.id)) throw new DomainError('officer-recused', `您已在本案回避，不得参与办理（${ART.a43}）`, 403, { article: ART.a43 });
  if (CASE_ACTS[act].by !== 'handler' || r.handlers.length === 0) return;
  if (own && r.handlers.some((h) => h.officerId === own.id)) return;
  const head = p.grants.some((g) => (g.role === 'unit-head' || g.role === 'agency-head') && g.agencyId === r.agencyId);
  if (!head) throw new DomainError('not-case-handler', '您不是本案承办人，不能办理此事项', 403, {});
}

function actDate(ctx: Ctx, on: string | undefined): string {
  const today = chinaDate(ctx.clock);
  const d = on ?? today;
  if (d > today) throw new DomainError('date-in-future', `办理日期 ${d} 晚于今天`, 400, { field: 'on' });
  return d;
}

function penaltyOf(p: CaseActInputs['decide']['penalty']): Penalty {
  const pen: Penalty = { kinds: p.kinds, fineFen: p.fineFen, confiscatedGainsFen: p.confiscatedGainsFen, confiscatedPropertyFen: p.confiscatedPropertyFen, description: p.description };
  throwIf(checkPenalty(pen), 400);
  return pen;
}

export async function getCase(ctx: Ctx, p: Principal, id: string): Promise<CaseView> {
  const r = await loadCase(ctx.db, id);
  await requireCaseRead(ctx.db, p, r.agencyId, r.id);
  return viewOf(ctx, p, r);
}

async function viewOf(ctx: Ctx, p: Principal, r: CaseRecord): Promise<CaseView> {
  const today = chinaDate(ctx.clock);
  const ancestors = await ancestorsOf(ctx.db, r.agencyId);
  const own = await officerOfUser(ctx.db, p.id);
  const isHandler = !!own && r.handlers.some((h) => h.officerId === own.id);
  const isHead = p.grants.some((g) => (g.role === 'unit-head' || g.role === 'agency-head') && g.agencyId === r.agencyId);
  const allowedActs = (Object.keys(CASE_ACTS) as CaseAct[]).filter((act) => {
    if (CASE_ACTS[act].from.length === 0) return false;
    if (!mayPerform(act, r).ok) return false;
    if (!allows(p, actPermission(act), r.agencyId, ancestors)) return false;
    return !(CASE_ACTS[act].by === 'handler' && r.handlers.length > 0 && !isHandler && !isHead);
  });
  // The proposal the case stands on (none before the report or for a transfer: nothing to review).
  const proposal = currentProposal(r);
  const deadlines = await caseDeadlines(ctx.db, r, today);
  const scope = proposal ? (await reviewScope(ctx.db, r, proposal.penalty, proposedOn(r, today))).because : [];
  return { case: r, deadlines, owed: amountOwed(r, today), allowedActs, reviewRequiredBecause: scope };
}

/** 线索登记 — a case begins as a clue in the agency's log. */
export async function registerClue(ctx: Ctx, p: Principal, input: CaseActInputs['register-clue']): Promise<CaseView> {
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await requireAccess(trx, p, 'case.handle', input.agencyId);
    await checkUnit(trx, input.agencyId, input.unitId ?? null);
    const data: CaseEventData['register-clue'] = {
      id,
      on: actDate(ctx, input.on),
      agencyId: input.agencyId,
      unitId: input.unitId ?? null,
      field: input.field,
      source: input.source as CaseRecord['source'],
      cause: input.cause,
      summary: input.summary,
      actOn: input.actOn ?? null,
      seriousHarm: input.seriousHarm ?? false,
      parties: input.parties,
    };
    await ctx.ledger.append(trx, { log: input.agencyId, actor: p.id, type: 'case.register-clue', subject: id, data: { ...data } });
    await refreshDeadlines(trx, await loadCase(trx, id), chinaDate(ctx.clock));
  });
  return getCase(ctx, p, id);
}

async function checkUnit(trx: Tx, agencyId: string, unitId: string | null): Promise<void> {
  if (!unitId) return;
  const unit = await trx.selectFrom('units').select('agency_id').where('id', '=', unitId).executeTakeFirst();
  if (!unit || unit.agency_id !== agencyId) throw new DomainError('unit-not-in-agency', '内设机构不属于该机构', 400, { field: 'unitId' });
}

/**
 * 当场处罚 (Arts 51–53, 68): eligibility, two certified officers, the decision numbered on the
 * spot and delivered; collection on the spot only where Art 68 allows.
 */
export async function decideOnTheSpot(ctx: Ctx, p: Principal, input: CaseActInputs['decide-on-the-spot']): Promise<CaseView> {
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await requireAccess(trx, p, 'case.handle', input.agencyId);
    await checkUnit(trx, input.agencyId, input.unitId ?? null);
    const on = actDate(ctx, input.on);
    const settings = await caseSettings(trx, input.agencyId);
    const penalty = penaltyOf(input.penalty);
    throwIf(simpleProcedureEligible(penalty, input.parties, input.field, settings));
    const officers = await fieldTeam(trx, { agencyId: input.agencyId, field: input.field, handlers: [], recused: [], status: 'clue' }, input.officerIds, on, false);
    const own = await officerOfUser(trx, p.id);
    if (!own || !officers.some((o) => o.officerId === own.id)) throw new DomainError('not-case-handler', `当场处罚由在场的执法人员作出，您须是其中之一（${ART.a42}）`, 403, { article: ART.a42 });
    if (input.collected) throwIf(onTheSpotCollectionAllowed(input.collected.amountFen, input.collected.reason ?? null, penalty.fineFen, settings));
    const data: CaseEventData['decide-on-the-spot'] = {
      id,
      on,
      agencyId: input.agencyId,
      unitId: input.unitId ?? null,
      field: input.field,
      cause: input.cause,
      parties: input.parties,
      officers,
      place: input.place,
      facts: input.facts,
      basis: input.basis,
      penalty,
      rightsTold: input.rightsTold,
      partyStatement: input.partyStatement ?? null,
      partySigned: input.partySigned,
      collected: input.collected ? { amountFen: input.collected.amountFen, receiptNo: input.collected.receiptNo, reason: input.collected.reason ?? null } : null,
      dueOn: !input.collected && penalty.fineFen ? (await caseDayCounter(trx))(on, 15, 'calendar') : null,
      number: null,
      documentId: null,
      decidedBy: p.displayName,
    };
    const doc = await issueCaseDocument(ctx, trx, p, 'decide-on-the-spot', null, { ...data }, on);
    if (doc) Object.assign(data, { number: doc.number, documentId: doc.id });
    await ctx.ledger.append(trx, { log: input.agencyId, actor: p.id, type: 'case.decide-on-the-spot', subject: id, data: { ...data } });
    // 事后公开 (118号 item 六): the publication draft, in the decision's transaction (where the agency's policy publishes 当场处罚).
    await draftFromDecision(ctx, trx, p, id);
    await refreshDeadlines(trx, await loadCase(trx, id), chinaDate(ctx.clock));
  });
  return getCase(ctx, p, id);
}

/**
 * Performs one act on a case: who may (access policy, handler, head), when (status), and what
 * the law requires for it; then one event in the agency's log, in the same transaction.
 */
export async function performAct<A extends Exclude<CaseAct, 'register-clue' | 'decide-on-the-spot'>>(
  ctx: Ctx,
  p: Principal,
  id: string,
  expectedVersion: number | undefined,
  act: A,
  input: CaseActInputs[A],
): Promise<CaseView> {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockCase(ctx, trx, id);
    await requireActor(ctx, trx, p, act, r);
    checkVersion(expectedVersion, r, { status: r.status, version: r.version });
    throwIf(mayPerform(act, r));
    const on = actDate(ctx, (input as { on?: string }).on);
    // The record runs forward: an act may not be dated before the case's last act (so no
    // decision can be dated back before its notice, its hearing, or into an expired period).
    if (on < r.lastActOn) throw new DomainError('validation-failed', `办理日期（${on}）不能早于本案上一项办理日期（${r.lastActOn}）`, 400, { field: 'on', lastActOn: r.lastActOn });
    const settings = await caseSettings(trx, r.agencyId);
    const add = await caseDayCounter(trx);
    const data = await factsOf(ctx, trx, p, r, act, input, on, settings, add);
    const doc = await issueCaseDocument(ctx, trx, p, act, r, data, on);
    // The act's event names its document; a numbered decision's 文号 (or the 立案审批表's, as the case number) goes with it.
    if (doc) Object.assign(data, act === 'file' ? { caseNo: doc.number, documentId: doc.id } : 'number' in data ? { number: doc.number, documentId: doc.id } : { documentId: doc.id });
    await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type: caseEventType(act), subject: id, data: { ...data } });
    // 事后公开 (118号 item 六): a penalty decision's publication draft, in the same transaction.
    if (act === 'decide') await draftFromDecision(ctx, trx, p, id);
    // A round still owing an opinion ends when the case moves on, or when a hearing makes it stale.
    await endOpenRounds(ctx, trx, p, act, id, on);
    // A decision changed, revoked, held illegal or void by 复议/诉讼 leaves the portal within 3 WD (Art 48②).
    if (act === 'record-remedy') await withdrawalFromRemedy(ctx, trx, p, id, data as unknown as CaseEventData['record-remedy']);
    await refreshDeadlines(trx, await loadCase(trx, id), chinaDate(ctx.clock));
  });
  const after = await loadCase(ctx.db, id);
  return viewOf(ctx, p, after);
}

type Data = Record<string, unknown> & { id: string; on: string };

/** The catalog's verdict as the proposing act records it: the reasons in words, and which rules (id, version, name) matched. */
const scopeData = (s: ReviewScope) => ({ requiredBecause: s.because, requiredRules: s.rules });

/** Checks the act against the law and returns its event data (without the document's id). */
async function factsOf(ctx: Ctx, trx: Tx, p: Principal, r: CaseRecord, act: CaseAct, raw: unknown, on: string, settings: CaseSettings, add: AddDays): Promise<Data> {
  const base = { id: r.id, on };
  switch (act) {
    case 'file': {
      const i = raw as CaseActInputs['file'];
      // Art 36 counts to discovery: the clue's registration, not the filing.
      throwIf(withinLimitation(r, r.registeredOn));
      // 立案审批表 names at least two 承办人 with valid certificates for the field (文物规定 Art 12; Art 42).
      const handlers = await fieldTeam(trx, r, i.handlerIds, on, false);
      if (i.benchmark) await benchmarkVerdict(trx, r.agencyId, i.benchmark, null);
      return { ...base, handlers, caseNo: null, benchmark: i.benchmark ?? null, documentId: null } satisfies CaseEventData['file'];
    }
    case 'decline':
      return { ...base, reason: (raw as CaseActInputs['decline']).reason } satisfies CaseEventData['decline'];
    case 'record-inspection':
    case 'record-questioning': {
      const i = raw as CaseActInputs['record-inspection'] & CaseActInputs['record-questioning'];
      const officers = await fieldTeam(trx, r, i.officerIds, on, r.handlers.length > 0);
      const evidence = (i.evidence ?? []).map((e) => ({ id: newId(), kind: e.kind, description: e.description }));
      return act === 'record-inspection'
        ? ({ ...base, officers, place: i.place, content: i.content, evidence, documentId: null } satisfies CaseEventData['record-inspection'])
        : ({ ...base, officers, person: i.person, content: i.content, evidence, documentId: null } satisfies CaseEventData['record-questioning']);
    }
    case 'add-evidence': {
      const i = raw as CaseActInputs['add-evidence'];
      return { ...base, items: i.items.map((e) => ({ id: newId(), kind: e.kind, description: e.description })) } satisfies CaseEventData['add-evidence'];
    }
    case 'preserve-evidence': {
      // 《行政处罚法》第五十六条：经行政机关负责人批准，可以先行登记保存 — the head's act, with two officers.
      const i = raw as CaseActInputs['preserve-evidence'];
      const officers = await fieldTeam(trx, r, i.officerIds, on, true);
      return { ...base, preservationId: newId(), items: i.items, officers, approvedBy: p.displayName, documentId: null } satisfies CaseEventData['preserve-evidence'];
    }
    case 'handle-preservation': {
      const i = raw as CaseActInputs['handle-preservation'];
      const pr = r.preservations.find((x) => x.id === i.preservationId);
      if (!pr) throw new DomainError('not-found', `先行登记保存不存在：${i.preservationId}`, 404, { field: 'preservationId' });
      if (pr.handledOn) throw new DomainError('case-invalid-state', `该先行登记保存已于 ${pr.handledOn} 作出处理决定`, 409, {});
      return { ...base, preservationId: i.preservationId, outcome: i.outcome, documentId: null } satisfies CaseEventData['handle-preservation'];
    }
    case 'close-investigation': {
      const i = raw as CaseActInputs['close-investigation'];
      const proposed = i.proposedPenalty ? penaltyOf(i.proposedPenalty) : null;
      if (i.outcome === 'penalise' && !proposed) throw new DomainError('validation-failed', '处理意见为给予处罚的，须填写拟处罚内容', 400, { field: 'proposedPenalty' });
      if (i.outcome !== 'penalise' && proposed) throw new DomainError('validation-failed', '不予处罚或移送的，不应填写拟处罚内容', 400, { field: 'proposedPenalty' });
      // 《行政处罚法》第三十三条: a first, minor, promptly corrected violation may go unpunished —
      // penalising one anyway needs the reason on record.
      if (i.firstViolation && i.outcome === 'penalise' && !i.firstViolationReason?.trim()) {
        throw new DomainError('first-violation-reason-required', `初次违法且危害后果轻微并及时改正的，可以不予行政处罚；仍拟处罚的，须说明理由（${ART.a33}）`, 400, { article: ART.a33, field: 'firstViolationReason' });
      }
      const open = r.preservations.find((x) => !x.handledOn);
      if (open) throw new DomainError('case-invalid-state', `先行登记保存的物品尚未作出处理决定（${ART.a56}）`, 409, { article: ART.a56, preservationId: open.id });
      const benchmark = i.benchmark ?? r.benchmark;
      if (benchmark && proposed) await benchmarkVerdict(trx, r.agencyId, benchmark, proposed);
      return {
        ...base,
        outcome: i.outcome,
        findings: i.findings,
        proposedPenalty: proposed,
        firstViolation: i.firstViolation ?? false,
        firstViolationReason: i.firstViolationReason ?? null,
        benchmark: benchmark ?? null,
        // The catalog is evaluated for every proposal of a decision, 不予行政处罚 too (Art 57①, 58); a transfer proposes none.
        ...(i.outcome === 'transfer' ? { requiredBecause: [], requiredRules: [] } : scopeData(await reviewScope(trx, { ...r, majorFlags: i.majorFlags ?? r.majorFlags ?? [] }, proposed, on))),
        majorFlags: i.majorFlags ?? r.majorFlags ?? [],
        ...(i.secret !== undefined ? { secret: i.secret } : {}),
        documentId: null,
      } satisfies CaseEventData['close-investigation'];
    }
    case 'approve-discretion': {
      const i = raw as CaseActInputs['approve-discretion'];
      const penalty = penaltyOf(i.penalty);
      if (!r.benchmark) throw new DomainError('validation-failed', '本案未适用裁量基准，无需批准', 400, {});
      const v = await benchmarkVerdict(trx, r.agencyId, r.benchmark, penalty);
      if (v.ok) throw new DomainError('validation-failed', '该处罚在裁量基准范围内，无需批准', 400, {});
      return { ...base, proposal: proposalDigest(penalty), penalty, reason: i.reason } satisfies CaseEventData['approve-discretion'];
    }
    case 'notify': {
      const i = raw as CaseActInputs['notify'];
      const proposed = penaltyOf(i.proposedPenalty);
      if (i.servedOn < on) throw new DomainError('validation-failed', '告知书送达日期不能早于告知日期', 400, { field: 'servedOn' });
      if (i.servedOn > chinaDate(ctx.clock)) throw new DomainError('date-in-future', '告知书送达日期不能晚于今天', 400, { field: 'servedOn' });
      return {
        ...base,
        servedOn: i.servedOn,
        proposedPenalty: proposed,
        facts: i.facts,
        reasons: i.reasons,
        basis: i.basis,
        hearingRight: hearingRight(proposed, r.parties, settings),
        ...scopeData(await reviewScope(trx, { ...r, majorFlags: i.majorFlags ?? r.majorFlags ?? [] }, proposed, on)),
        majorFlags: i.majorFlags ?? r.majorFlags ?? [],
        documentId: null,
      } satisfies CaseEventData['notify'];
    }
    case 'record-statement': {
      const i = raw as CaseActInputs['record-statement'];
      return { ...base, text: i.text, adopted: i.adopted, review: i.review, waived: i.waived ?? false, documentId: null } satisfies CaseEventData['record-statement'];
    }
    case 'request-hearing':
      throwIf(hearingRequestInTime(r, on, add));
      return { ...base } satisfies CaseEventData['request-hearing'];
    case 'schedule-hearing': {
      const i = raw as CaseActInputs['schedule-hearing'];
      const user = await trx.selectFrom('users').select(['id', 'display_name']).where('id', '=', i.presiderUserId).executeTakeFirst();
      if (!user) throw new DomainError('not-found', `听证主持人不存在：${i.presiderUserId}`, 404, { field: 'presiderUserId' });
      const presiderOfficer = await officerOfUser(trx, user.id);
      throwIf(presiderIndependent(r, { userId: user.id, officerId: presiderOfficer?.id ?? null }));
      throwIf(hearingNoticeInTime(i.noticeServedOn, i.date, add));
      return { ...base, date: i.date, place: i.place, presiderUserId: user.id, presiderName: user.display_name, noticeServedOn: i.noticeServedOn, documentId: null } satisfies CaseEventData['schedule-hearing'];
    }
    case 'record-hearing': {
      const i = raw as CaseActInputs['record-hearing'];
      if (r.hearing?.date && on < r.hearing.date) throw new DomainError('validation-failed', `听证定于 ${r.hearing.date} 举行，笔录日期不能早于该日`, 400, { field: 'on' });
      return { ...base, partyAbsent: i.partyAbsent ?? false, record: i.record, documentId: null } satisfies CaseEventData['record-hearing'];
    }
    case 'record-discussion': {
      const i = raw as CaseActInputs['record-discussion'];
      return { ...base, participants: i.participants, conclusion: i.conclusion, documentId: null } satisfies CaseEventData['record-discussion'];
    }
    case 'decide': {
      const i = raw as CaseActInputs['decide'];
      const penalty = penaltyOf(i.penalty);
      const benchmark = r.benchmark ? await benchmarkVerdict(trx, r.agencyId, r.benchmark, penalty) : ALLOWED;
      const decisionDue = (await caseDeadlines(trx, r, on)).find((d) => d.rule === 'decision')?.due ?? null;
      // The catalog in force on the proposal date (the notice's) decides whether review is needed.
      const scope = await reviewScope(trx, r, penalty, proposedOn(r, on));
      throwIf(mayDecide(r, { penalty, on, settings, add, benchmark, decisionDue, reviewScope: scope.because }));
      return { ...base, penalty, basis: i.basis, number: null, documentId: null, decidedBy: p.displayName } satisfies CaseEventData['decide'];
    }
    case 'decide-no-penalty': {
      const i = raw as CaseActInputs['decide-no-penalty'];
      // 不予行政处罚 is a decision of Art 57 that Art 58 gates: the catalog in force on the proposal date decides.
      const scope = await reviewScope(trx, r, null, proposedOn(r, on));
      throwIf(mayDecideNoPenalty(r, scope.because));
      return { ...base, reason: i.reason, basis: i.basis, number: null, documentId: null, decidedBy: p.displayName } satisfies CaseEventData['decide-no-penalty'];
    }
    case 'transfer': {
      const i = raw as CaseActInputs['transfer'];
      return { ...base, to: i.to, reason: i.reason, documentId: null } satisfies CaseEventData['transfer'];
    }
    case 'serve': {
      const i = raw as CaseActInputs['serve'];
      // 《行政处罚法》第六十一条：电子送达须当事人同意并签订确认书.
      if (i.method === 'electronic' && !i.addressConfirmed) throw new DomainError('service-confirmation-required', `采用传真、电子邮件等方式送达的，须当事人同意并签订送达地址确认书（${ART.a61}）`, 409, { article: ART.a61 });
      if (r.decision && on < r.decision.on) throw new DomainError('validation-failed', '送达日期不能早于决定日期', 400, { field: 'on' });
      const officers = await fieldTeam(trx, r, i.officerIds, on, true);
      const pays = r.decision?.penalty && (r.decision.penalty.fineFen || r.decision.penalty.confiscatedGainsFen);
      const receipt = receiptOfDecision(i.method, on, i.receivedOn, add);
      throwIf(receipt, 400);
      if (receipt.receivedOn > chinaDate(ctx.clock) && i.method === 'post') throw new DomainError('date-in-future', '签收日期不能晚于今天', 400, { field: 'receivedOn' });
      return { ...base, method: i.method, recipient: i.recipient, officers, receivedOn: receipt.receivedOn, dueOn: pays ? paymentDueDate(receipt.receivedOn, add) : null, documentId: null } satisfies CaseEventData['serve'];
    }
    case 'record-payment': {
      const i = raw as CaseActInputs['record-payment'];
      const owed = amountOwed(r, on);
      if (i.amountFen > owed.outstandingFen) throw new DomainError('validation-failed', `缴纳金额超过应缴金额（尚欠 ${(owed.outstandingFen / 100).toFixed(2)} 元）`, 400, { field: 'amountFen', outstandingFen: owed.outstandingFen });
      return { ...base, amountFen: i.amountFen, receiptNo: i.receiptNo ?? null, settled: i.amountFen === owed.outstandingFen } satisfies CaseEventData['record-payment'];
    }
    case 'approve-deferral': {
      const i = raw as CaseActInputs['approve-deferral'];
      if (r.execution?.dueOn && i.dueOn <= r.execution.dueOn) throw new DomainError('validation-failed', `新的缴纳期限须晚于原期限（${r.execution.dueOn}）`, 400, { field: 'dueOn' });
      return { ...base, dueOn: i.dueOn, reason: i.reason } satisfies CaseEventData['approve-deferral'];
    }
    case 'record-remedy': {
      const i = raw as CaseActInputs['record-remedy'];
      if (i.to && i.to < i.from) throw new DomainError('validation-failed', '终结日期不能早于申请日期', 400, { field: 'to' });
      if (i.outcome && !i.to) throw new DomainError('validation-failed', '复议（诉讼）结果须与终结日期一并填写', 400, { field: 'outcome' });
      if (i.to && !i.outcome) throw new DomainError('validation-failed', '复议（诉讼）终结时须填写结果', 400, { field: 'outcome' });
      return { ...base, kind: i.kind, from: i.from, to: i.to ?? null, outcome: i.outcome ?? null } satisfies CaseEventData['record-remedy'];
    }
    case 'send-reminder': {
      const due = r.execution?.dueOn;
      if (!due || on <= due) throw new DomainError('case-invalid-state', `缴纳期限${due ? `（${due}）` : ''}未届满，不能催告（${ART.a72}）`, 409, { article: ART.a72 });
      if (amountOwed(r, on).outstandingFen === 0) throw new DomainError('case-invalid-state', '已履行完毕，无需催告', 409, {});
      return { ...base, documentId: null } satisfies CaseEventData['send-reminder'];
    }
    case 'close': {
      const i = raw as CaseActInputs['close'];
      if (i.ground === 'performed' && amountOwed(r, on).outstandingFen > 0) throw new DomainError('case-not-settled', '处罚决定尚未履行完毕，不能以“履行完毕”结案', 409, { outstandingFen: amountOwed(r, on).outstandingFen });
      if ((r.status === 'transferred') !== (i.ground === 'transferred')) throw new DomainError('validation-failed', '已移送的案件以“移送”结案，其他案件不能以“移送”结案', 400, { field: 'ground' });
      if ((r.decision?.kind === 'no-penalty') !== (i.ground === 'no-penalty') && r.status !== 'transferred') {
        throw new DomainError('validation-failed', '决定不予行政处罚的案件以“不予处罚”结案，其他案件不能以此结案', 400, { field: 'ground' });
      }
      return { ...base, ground: i.ground, documentId: null } satisfies CaseEventData['close'];
    }
    case 'archive':
      return { ...base } satisfies CaseEventData['archive'];
    case 'revoke-filing':
      if (r.preservations.some((x) => !x.handledOn)) throw new DomainError('case-invalid-state', `先行登记保存的物品尚未作出处理决定，不能撤销立案（${ART.a56}）`, 409, { article: ART.a56 });
      return { ...base, reason: (raw as { reason: string }).reason } satisfies CaseEventData['revoke-filing'];
    case 'suspend':
    case 'resume':
      return { ...base, reason: (raw as { reason: string }).reason } satisfies CaseEventData['suspend'];
    case 'extend': {
      const i = raw as CaseActInputs['extend'];
      return { ...base, days: i.days, reason: i.reason } satisfies CaseEventData['extend'];
    }
    case 'recuse': {
      // 《行政处罚法》第四十三条：回避 — decided by the head; a replacement keeps two handlers.
      const i = raw as CaseActInputs['recuse'];
      const gone = r.handlers.find((h) => h.officerId === i.officerId);
      if (!gone) throw new DomainError('not-case-handler', '该人员不是本案承办人', 400, { field: 'officerId' });
      if (!i.replacementOfficerId && r.handlers.length - 1 < 2) {
        throw new DomainError('two-officers-required', `回避后承办人不足两人，须同时指定接替的执法人员（${ART.a42}、${ART.a43}）`, 409, { article: `${ART.a42}、${ART.a43}`, field: 'replacementOfficerId' });
      }
      let rep: ActingOfficer | null = null;
      if (i.replacementOfficerId) {
        const [o] = await officersOf(trx, r.agencyId, [i.replacementOfficerId]);
        if (!o || r.recused.some((x) => x.id === o.id) || o.id === i.officerId) throw new DomainError('officer-recused', `接替人员不能是已回避的人员（${ART.a43}）`, 409, { article: ART.a43 });
        const others = r.handlers.filter((h) => h.officerId !== i.officerId).map((h) => h.officerId);
        await fieldTeam(trx, { ...r, handlers: [] }, [...others, o.id], on, false);
        rep = acting(o);
      }
      return { ...base, officerId: gone.officerId, name: gone.name, reason: i.reason, replacement: rep } satisfies CaseEventData['recuse'];
    }
    case 'report-on-the-spot':
      return { ...base } satisfies CaseEventData['report-on-the-spot'];
    case 'register-clue':
    case 'decide-on-the-spot':
      break;
  }
  throw new Error(`act ${act} is not performed through performAct`);
}

export interface CaseFilter {
  agencyId?: string;
  status?: CaseStatus;
  unitId?: string;
  field?: string;
  /** 承办人 (officer id), or 'me' for the caller's own cases. */
  handler?: string;
  /** Only cases with an overdue deadline. */
  overdue?: boolean;
  /** Registered on or after / before (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** Party name or case number contains. */
  q?: string;
  /** Opaque cursor from the previous page. */
  after?: string;
  limit?: number;
}

/**
 * The case list, newest first, paged by keyset (created_at, id): every filter combination walks
 * an index range and stops after one page, so the list costs the same at a million cases as at
 * a thousand. No total count: the page says whether there is a next one.
 */
export async function listCases(ctx: Ctx, p: Principal, f: CaseFilter, tuning: { rareDocs?: number } = {}): Promise<{ items: CaseListItem[]; next: string | null }> {
  const visible = await agenciesVisible(ctx.db, p, 'case.read');
  const limit = Math.min(Math.max(f.limit ?? 20, 1), 100);
  let own: { id: string } | undefined;
  if (f.handler) {
    own = f.handler === 'me' ? await officerOfUser(ctx.db, p.id) : { id: f.handler };
    if (!own) return { items: [], next: null };
  }
  const search = f.q ? await caseSearchOf(ctx.db, f.q, tuning.rareDocs) : null;
  // SQLite with a `q` walks the search index in ascending order, newest-first (its rowids are minus the cases' rowids);
  // "my cases" walks the officer's own index (officer_id, created_at, case_id); every other list
  // walks the cases indexes. The page order is insertion order (= created_at) newest first.
  const fts = search?.engine === 'sqlite' ? search : null;
  const byHandler = own !== undefined && !fts;
  // Two filters bring their own order, each walking its own index: overdue — most overdue first
  // (next_due, then creation, ascending: cases_[agency_]next_due); a registration-date range —
  // that date newest first (cases_[agency_]registered).
  // (Not with a text search or "my cases", which walk their own indexes newest first: on both engines alike.)
  const byOverdue = !!f.overdue && !f.q && !byHandler;
  const byRegistered = !!(f.from || f.to) && !f.q && !byHandler && !byOverdue;
  const order = byOverdue ? 'o' : byRegistered ? 'r' : 'c';
  const [orderCreated, orderId] = byHandler ? (['h.created_at', 'h.case_id'] as const) : (['c.created_at', 'c.id'] as const);
  const mine = ctx.db.selectFrom('case_handlers as h').innerJoin('cases as c', 'c.id', 'h.case_id');
  // Without the join the query only ever names `c.*` columns and the refs above, so one type serves all three.
  const base = own && byHandler
    ? mine.where('h.officer_id', '=', own.id)
    : fts
      ? (ctx.db.selectFrom(sql`case_search`.as('s')).innerJoin('cases as c', (j) => j.on(sql<boolean>`c.rowid = -s.rowid`)).where(sql<boolean>`s.tokens match ${fts.match}`) as unknown as typeof mine)
      : (ctx.db.selectFrom('cases as c') as unknown as typeof mine);
  let q = base.select(['c.id', 'c.agency_id', 'c.unit_id', 'c.procedure', 'c.status', 'c.field', 'c.cause', 'c.party_name', 'c.case_no', 'c.registered_on', 'c.filed_on', 'c.decided_on', 'c.created_at', 'c.next_due']).limit(limit + 1);
  if (fts) q = q.orderBy(sql`s.rowid`, 'asc');
  else if (byOverdue) q = q.orderBy('c.next_due', 'asc').orderBy('c.created_at', 'asc').orderBy('c.id', 'asc');
  else if (byRegistered) q = q.orderBy('c.registered_on', 'desc').orderBy('c.created_at', 'desc').orderBy('c.id', 'desc');
  else q = q.orderBy(sql.ref(orderCreated), 'desc').orderBy(sql.ref(orderId), 'desc');
  // A long name found by its rare bigrams is confirmed as a substring of one of the indexed fields.
  for (const term of fts?.confirm ?? []) q = q.where(sql<boolean>`(instr(search_norm(c.party_name), ${term}) > 0 or instr(search_norm(coalesce(c.case_no, '')), ${term}) > 0 or instr(search_norm(c.cause), ${term}) > 0)`);
  if (own && fts) q = q.where((eb) => eb.exists(eb.selectFrom('case_handlers as hx').select('hx.case_id').whereRef('hx.case_id', '=', 'c.id').where('hx.officer_id', '=', own.id)));
  if (f.agencyId) {
    if (visible !== 'all' && !visible.has(f.agencyId)) return { items: [], next: null };
    q = q.where('c.agency_id', '=', f.agencyId);
  } else if (visible !== 'all') {
    if (visible.size === 0) return { items: [], next: null };
    q = q.where('c.agency_id', 'in', [...visible]);
  }
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.unitId) q = q.where('c.unit_id', '=', f.unitId);
  if (f.field) q = q.where('c.field', '=', f.field);
  if (f.from) q = q.where('c.registered_on', '>=', f.from);
  if (f.to) q = q.where('c.registered_on', '<=', f.to);
  if (f.overdue) q = q.where('c.next_due', '<', chinaDate(ctx.clock));
  if (search?.engine === 'postgres') {
    if (search.tokens) q = q.where(sql<boolean>`c.search_tokens @> ${search.tokens}::text[]`);
    for (const like of search.likes) {
      // As the index sees the text (NFKC, lower case: src/search/chinese.ts).
      q = q.where(sql<boolean>`(lower(normalize(c.party_name, NFKC)) like ${like} or lower(normalize(coalesce(c.case_no, ''), NFKC)) like ${like} or lower(normalize(c.cause, NFKC)) like ${like})`);
    }
  }
  const cursor = f.after ? decodeCursor(f.after, order) : null;
  if (cursor && fts) {
    q = q.where(sql<boolean>`s.rowid > (select -rowid from cases where id = ${cursor.at(-1)!})`);
  } else if (cursor && byOverdue) {
    const [nextDue, createdAt, cid] = cursor;
    q = q.where(sql<boolean>`(c.next_due, c.created_at, c.id) > (${nextDue}, ${createdAt}, ${cid})`);
  } else if (cursor && byRegistered) {
    const [registeredOn, createdAt, cid] = cursor;
    q = q.where(sql<boolean>`(c.registered_on, c.created_at, c.id) < (${registeredOn}, ${createdAt}, ${cid})`);
  } else if (cursor) {
    const [createdAt, cid] = cursor;
    // A row value is one range of the (…, created_at, id) index on both engines; the equivalent
    // `<` OR (`=` AND `<`) is not, and a page years back first skipped every newer case.
    q = q.where(sql<boolean>`(${sql.ref(orderCreated)}, ${sql.ref(orderId)}) < (${createdAt}, ${cid})`);
  }
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      unitId: r.unit_id,
      procedure: r.procedure,
      status: r.status as CaseStatus,
      field: r.field,
      cause: r.cause,
      partyName: r.party_name,
      caseNo: r.case_no,
      registeredOn: r.registered_on,
      filedOn: r.filed_on,
      decidedOn: r.decided_on,
      createdAt: r.created_at,
    })),
    next: rows.length > limit && last ? Buffer.from(JSON.stringify([order, ...(byOverdue ? [last.next_due] : byRegistered ? [last.registered_on] : []), last.created_at, last.id])).toString('base64url') : null,
  };
}

/**
 * The last row of the previous page, as its order has it — `c`: [created_at, id]; `o` (overdue):
 * [next_due, created_at, id]; `r` (registration date): [registered_on, created_at, id]. A cursor
 * of another order is refused rather than paged by the wrong keys.
 */
function decodeCursor(c: string, order: 'c' | 'o' | 'r'): string[] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v[0] === order && v.length === (order === 'c' ? 3 : 4) && v.every((x) => typeof x === 'string')) return v.slice(1) as string[];
  } catch {
    /* fall through */
  }
  throw new DomainError('validation-failed', '分页游标无效', 400, { field: 'after' });
}

