/**
 * Where the case module meets its neighbours: the working-day calendar and deadline engine, the
 * discretion benchmarks, and the documents it issues. Kept in one file so the service reads as law.
 */
import type { Ctx } from '../../context.ts';
import { reckon } from '../../calendar/calendar.rules.ts';
import { loadCalendar, onCalendarYearSet } from '../../calendar/calendar.service.ts';
import { chinaDate } from '../../kernel/dates.ts';
import { penaltyDeadlines } from './deadlines.ts';
import { loadCaseSettings, onCaseSettingsSet } from './cases.settings.ts';
import { loadBenchmark } from './benchmarks.service.ts';
import { checkWithinBenchmark } from './benchmarks.rules.ts';
import { DomainError } from '../../kernel/errors.ts';
import { ALLOWED, type Verdict } from '../../kernel/refusal.ts';
import type { Db, Tx } from '../../store/db.ts';
import type { CaseAct, CaseDeadline, CaseRecord, Penalty } from '../../shared/cases.ts';
import type { Principal } from '../identity/access.policy.ts';
import { amountOwed, type AddDays } from './cases.rules.ts';
import { applyCaseEvent } from './cases.record.ts';
import { caseEventType } from '../../shared/cases.ts';
import type { DocumentKind } from '../../shared/documents.ts';
import { buildDocument } from '../documents/templates.ts';
import { issueDocument } from '../documents/documents.service.ts';
import { catalogMatches } from '../review/catalog.service.ts';
import { factsOfCase, scopeOf, type ReviewScope } from '../review/catalog.rules.ts';

/** Adds days per the platform calendar (working days skip holidays and count 调休 days; Art 85). */
export async function caseDayCounter(db: Tx | Db): Promise<AddDays> {
  const cal = await loadCalendar(db);
  return (start, n, unit) => reckon(cal, start, n, unit).date!;
}

/** The case's deadlines now, from its events and the calendar in force (rules in ./deadlines.ts). */
export async function caseDeadlines(db: Tx | Db, r: CaseRecord, today: string): Promise<CaseDeadline[]> {
  const events = await db.selectFrom('events').select(['type', 'data', 'at']).where('subject', '=', r.id).where('type', 'like', 'case.%').orderBy('id').execute();
  const settings = (await loadCaseSettings(db, r.agencyId)).settings;
  return penaltyDeadlines(
    events.map((e) => ({ type: e.type, at: e.at, data: JSON.parse(e.data) as Record<string, unknown> })),
    await loadCalendar(db),
    today,
    { dueSoonDays: settings.dueSoonDays, onTheSpotReportDays: settings.onTheSpotReportDays },
  );
}

/**
 * Stores the case's open deadlines (those with a due date, not met) for the overdue lists and
 * the list's overdue filter. Whether one is overdue is decided at query time from its due date,
 * so the stored rows never go stale as days pass — only when events or the calendar change.
 */
export async function storeDeadlines(trx: Tx, r: CaseRecord, deadlines: readonly CaseDeadline[]): Promise<void> {
  await trx.deleteFrom('case_deadlines').where('case_id', '=', r.id).execute();
  // A finished case owes nothing more to anyone's deadline list.
  const finished = ['closed', 'archived', 'withdrawn', 'not-filed'].includes(r.status);
  const open = finished ? [] : deadlines.filter((d) => d.due !== null && d.status !== 'met' && d.status !== 'stopped' && d.kind !== 'window');
  const nextDue = open.reduce<string | null>((min, d) => (min === null || d.due! < min ? d.due! : min), null);
  await trx.updateTable('cases').set({ next_due: nextDue }).where('id', '=', r.id).execute();
  if (open.length === 0) return;
  await trx
    .insertInto('case_deadlines')
    .values(open.map((d) => ({ case_id: r.id, agency_id: r.agencyId, unit_id: r.unitId, rule: d.rule, instance: d.instance ?? '', label: d.label, due: d.due!, provisional: d.provisional ? 1 : 0 })))
    .execute();
}

export async function refreshDeadlines(trx: Tx, r: CaseRecord, today: string): Promise<CaseDeadline[]> {
  const deadlines = await caseDeadlines(trx, r, today);
  await storeDeadlines(trx, r, deadlines);
  return deadlines;
}

// A corrected calendar moves the due dates of every case with an open deadline, in the same
// transaction as the correction.
onCalendarYearSet(async (ctx, trx) => {
  const today = chinaDate(ctx.clock);
  const ids = (await trx.selectFrom('case_deadlines').select('case_id').distinct().execute()).map((x) => x.case_id);
  for (const id of ids) {
    const row = await trx.selectFrom('cases').select('record').where('id', '=', id).executeTakeFirst();
    if (row) await refreshDeadlines(trx, JSON.parse(row.record) as CaseRecord, today);
  }
});

// The settings the deadline rules read (备案 days of an on-the-spot decision, the due-soon
// margin): a change refreshes the agency's cases with open deadlines, in the settings' transaction.
onCaseSettingsSet(async (ctx, trx, agencyId, before, after) => {
  if (before.onTheSpotReportDays === after.onTheSpotReportDays && before.dueSoonDays === after.dueSoonDays) return;
  const today = chinaDate(ctx.clock);
  const ids = (await trx.selectFrom('case_deadlines').select('case_id').distinct().where('agency_id', '=', agencyId).execute()).map((x) => x.case_id);
  for (const id of ids) {
    const row = await trx.selectFrom('cases').select('record').where('id', '=', id).executeTakeFirst();
    if (row) await refreshDeadlines(trx, JSON.parse(row.record) as CaseRecord, today);
  }
});

/**
 * 裁量基准: the entry must be the agency's and in force, and the level one of its own; with a
 * penalty, the benchmark's verdict on it (outside the range is allowed only with the head's
 * written approval — the service asks for it).
 */
export async function benchmarkVerdict(trx: Tx, agencyId: string, b: { id: string; level: string }, p: Penalty | null): Promise<Verdict> {
  const entry = await trx.selectFrom('discretion_benchmarks').select('id').where('id', '=', b.id).where('agency_id', '=', agencyId).executeTakeFirst();
  if (!entry) throw new DomainError('not-found', `本机构没有该裁量基准：${b.id}`, 404, { field: 'benchmark.id' });
  const benchmark = await loadBenchmark(trx, b.id);
  if (benchmark.status !== 'active') throw new DomainError('validation-failed', `裁量基准“${benchmark.code}”已废止，不能适用`, 400, { field: 'benchmark.id' });
  if (!benchmark.levels.some((l) => l.name === b.level)) {
    throw new DomainError('validation-failed', `裁量基准“${benchmark.code}”没有“${b.level}”这一裁量等级`, 400, { field: 'benchmark.level', levels: benchmark.levels.map((l) => l.name) });
  }
  return p ? checkWithinBenchmark(benchmark, b.level, p, p.confiscatedGainsFen) : ALLOWED;
}

/** The standard document each act issues (rules.md F), and what its template needs from the act. */
const ACT_DOCUMENTS: Partial<Record<CaseAct, (d: Record<string, unknown>, r: CaseRecord) => { kind: DocumentKind; extra: Record<string, unknown> }>> = {
  file: () => ({ kind: 'case-filing-approval', extra: {} }),
  'record-inspection': (d) => ({ kind: 'inspection-record', extra: { inspection: { officers: d.officers, place: d.place, content: d.content } } }),
  'record-questioning': (d) => ({ kind: 'questioning-record', extra: { questioning: { officers: d.officers, interviewee: d.person, content: d.content } } }),
  'preserve-evidence': (d) => ({ kind: 'preservation-notice', extra: { preservation: { items: d.items, officers: d.officers } } }),
  'handle-preservation': (d, r) => {
    const p = r.preservations.find((x) => x.id === d.preservationId);
    return { kind: 'preservation-handling-notice', extra: { handling: { outcome: d.outcome, items: p?.items, preservedOn: p?.approvedOn } } };
  },
  'close-investigation': () => ({ kind: 'investigation-closing-approval', extra: {} }),
  transfer: (d) => ({ kind: 'transfer-form', extra: { transfer: { to: d.to, reason: d.reason } } }),
  'record-discussion': (d) => ({ kind: 'discussion-record', extra: { discussion: { participants: d.participants, conclusion: d.conclusion } } }),
  notify: () => ({ kind: 'prior-notice', extra: {} }),
  'record-statement': () => ({ kind: 'statement-review', extra: {} }),
  'schedule-hearing': (d) => ({ kind: 'hearing-notice', extra: { hearing: { date: d.date, place: d.place, presiderName: d.presiderName } } }),
  'record-hearing': (d, r) => ({ kind: 'hearing-record', extra: { hearing: { place: r.hearing?.place ?? '', presiderName: r.hearing?.presiderName ?? '', record: d.record, partyAbsent: d.partyAbsent } } }),
  decide: () => ({ kind: 'penalty-decision', extra: {} }),
  'decide-no-penalty': () => ({ kind: 'no-penalty-decision', extra: {} }),
  'decide-on-the-spot': (d) => ({
    kind: 'on-the-spot-decision',
    extra: { onTheSpot: { officers: d.officers, place: d.place, facts: d.facts, basis: d.basis, penalty: d.penalty, partyStatement: d.partyStatement, collected: d.collected } },
  }),
  serve: (d, r) => ({
    kind: 'service-receipt',
    extra: { service: { documents: [{ title: r.decision?.kind === 'no-penalty' ? '不予行政处罚决定书' : '行政处罚决定书', number: r.decision?.number ?? null }], recipient: d.recipient, method: d.method, officers: d.officers } },
  }),
  'send-reminder': (_d, r) => {
    const owed = amountOwed(r, String(_d.on));
    return { kind: 'payment-reminder', extra: { reminder: { outstandingFen: owed.outstandingFen, lateFeeFen: owed.lateFeeFen } } };
  },
  close: (d) => ({ kind: 'closing-report', extra: { closure: { ground: d.ground } } }),
};

/**
 * 《行政处罚法》第五十八条 — why a proposal (a penalty, or 不予行政处罚: null) is a major decision:
 * the rules of the agency's review catalog in force on the proposal date that it matches
 * (src/modules/review/catalog.*), by id and version, and the reasons in words; none: no review needed.
 */
export async function reviewScope(db: Tx | Db, r: CaseRecord, penalty: Penalty | null, on: string): Promise<ReviewScope> {
  return scopeOf(await catalogMatches(db, r.agencyId, factsOfCase(r, penalty, r.majorFlags ?? []), on));
}

/**
 * Issues the act's standard document (if it has one) inside the act's transaction: the
 * template sees the case as it will be after the act, the number is allocated, the PDF stored
 * and `document.issued` recorded before the act's own event, which then names the document.
 */
export async function issueCaseDocument(
  ctx: Ctx,
  trx: Tx,
  p: Principal,
  act: CaseAct,
  r: CaseRecord | null,
  data: Record<string, unknown>,
  on: string,
): Promise<{ id: string; number: string | null } | null> {
  const doc = ACT_DOCUMENTS[act];
  if (!doc) return null;
  const after = applyCaseEvent(r, { type: caseEventType(act), seq: 0, at: ctx.clock.now().toISOString(), data });
  const { kind, extra } = doc(data, after);
  const agency = await trx.selectFrom('agencies').select('name').where('id', '=', after.agencyId).executeTakeFirstOrThrow();
  const spec = buildDocument(kind, { agency: { name: agency.name }, caseRecord: after, on, ...extra } as never);
  const meta = await issueDocument(ctx, trx, { agencyId: after.agencyId, caseId: after.id, kind, actor: p.id, on, spec });
  return { id: meta.id, number: meta.number };
}
