import { computeDeadlines, type DeadlineEvent, type DeadlineRule, type EventPredicate } from '../../calendar/deadlines.ts';
import { isIsoDate, type DayUnit, type WorkCalendar } from '../../calendar/calendar.rules.ts';
import { caseEventType, type CaseDeadline } from '../../shared/cases.ts';

/**
 * The deadlines of a penalty case (rules.md B), declared for the generic engine
 * (src/calendar/deadlines.ts). Event types are `case.<act>`; each case event's data carries
 * `on`, the act's date.
 */

export interface PenaltyDeadlineOptions {
  /** Days before a due date from which it shows as due soon (calendar days; default 3). */
  dueSoonDays?: number;
  /** 当场处罚 备案 period (旅游办法 Art 58: 三日; a setting, as other fields' rules differ). */
  onTheSpotReportDays?: number;
  /** Working days by default: 处罚法 Art 85 reads "三日" as working days. */
  onTheSpotReportUnit?: DayUnit;
}

const DEFAULTS = { dueSoonDays: 3, onTheSpotReportDays: 3, onTheSpotReportUnit: 'working' } as const satisfies Required<PenaltyDeadlineOptions>;

const money = (v: unknown) => (typeof v === 'number' && v > 0 ? v : 0);

/**
 * Whether a service starts a payment period: the serve event says so itself (its `dueOn` is
 * null when nothing is to be paid); failing that, the decision it serves imposes a fine or a
 * confiscation of gains.
 */
const servesPayment: EventPredicate = (data, earlier) => {
  if ('dueOn' in data) return data.dueOn !== null;
  const decision = [...earlier].reverse().find((e) => e.type === caseEventType('decide') || e.type === caseEventType('decide-no-penalty'));
  if (!decision || decision.type !== caseEventType('decide')) return false;
  const penalty = decision.data.penalty as { fineFen?: unknown; confiscatedGainsFen?: unknown } | null | undefined;
  if (penalty === undefined) return true;
  return penalty !== null && money(penalty.fineFen) + money(penalty.confiscatedGainsFen) > 0;
};

/** The rules, with the settings that vary (the on-the-spot 备案 period). */
export function penaltyDeadlineRules(options: PenaltyDeadlineOptions = {}): DeadlineRule[] {
  const o = { ...DEFAULTS, ...options };
  return [
    {
      id: 'decision',
      label: '作出行政处罚决定',
      article: '《行政处罚法》第六十条',
      kind: 'within',
      start: caseEventType('file'),
      length: 90,
      unit: 'calendar',
      metBy: [caseEventType('decide'), caseEventType('decide-no-penalty'), caseEventType('transfer')],
      cancelledBy: caseEventType('revoke-filing'),
      stoppedBy: caseEventType('suspend'),
      resumedBy: caseEventType('resume'),
      extendedBy: caseEventType('extend'),
    },
    {
      id: 'preservation',
      label: '对先行登记保存的证据作出处理决定',
      article: '《行政处罚法》第五十六条',
      kind: 'within',
      start: caseEventType('preserve-evidence'),
      instanceKey: 'preservationId',
      length: 7,
      unit: 'working',
      metBy: caseEventType('handle-preservation'),
    },
    {
      id: 'hearing-request',
      label: '当事人申请听证',
      article: '《行政处罚法》第六十四条第（一）项',
      kind: 'window',
      // Only a notice that told the party of the right to a hearing (Art 63) opens the window.
      start: { type: caseEventType('notify'), when: (data) => data.hearingRight === true },
      startDateField: 'servedOn',
      length: 5,
      unit: 'working',
      metBy: caseEventType('request-hearing'),
    },
    {
      id: 'service',
      label: '送达行政处罚决定书',
      article: '《行政处罚法》第六十一条',
      kind: 'within',
      start: [caseEventType('decide'), caseEventType('decide-no-penalty')],
      length: 7,
      unit: 'working',
      metBy: caseEventType('serve'),
    },
    {
      id: 'payment',
      label: '当事人缴纳罚款',
      article: '《行政处罚法》第六十七条第三款',
      kind: 'within',
      // A decision served — or delivered on the spot and not collected there (its `dueOn` set).
      start: [{ type: caseEventType('serve'), when: servesPayment }, { type: caseEventType('decide-on-the-spot'), when: (data) => typeof data.dueOn === 'string' }],
      // From receipt (a postal receipt's date, 30 days after an announcement); the act's date where none is recorded.
      startDateField: ['receivedOn', 'on'],
      length: 15,
      unit: 'calendar',
      metBy: { type: caseEventType('record-payment'), when: (data) => data.settled === true },
      extendedBy: caseEventType('approve-deferral'),
    },
    {
      id: 'on-the-spot-report',
      label: '当场处罚决定备案',
      article: '《旅游行政处罚办法》第五十八条',
      kind: 'within',
      start: caseEventType('decide-on-the-spot'),
      length: o.onTheSpotReportDays,
      unit: o.onTheSpotReportUnit,
      metBy: caseEventType('report-on-the-spot'),
    },
  ];
}

/** The rules with the default settings. */
export const PENALTY_DEADLINE_RULES: readonly DeadlineRule[] = penaltyDeadlineRules();

/** A case event as stored: its type and data (`data.on` the act's date; `at` the ledger time, a fallback). */
export interface CaseEventLike {
  type: string;
  data: Readonly<Record<string, unknown>>;
  at?: string;
}

/**
 * penaltyDeadlines: every deadline of one case on `today`, from its events (oldest first).
 * An event without `data.on` is dated by its ledger time (China date).
 */
export function penaltyDeadlines(events: readonly CaseEventLike[], calendar: WorkCalendar, today: string, options: PenaltyDeadlineOptions = {}): CaseDeadline[] {
  const o = { ...DEFAULTS, ...options };
  const rules = options.onTheSpotReportDays === undefined && options.onTheSpotReportUnit === undefined ? PENALTY_DEADLINE_RULES : penaltyDeadlineRules(o);
  const dated: DeadlineEvent[] = events.map((e) => ({ type: e.type, on: dateOf(e), data: e.data }));
  return computeDeadlines(rules, dated, calendar, today, o.dueSoonDays);
}

function dateOf(e: CaseEventLike): string {
  if (isIsoDate(e.data.on)) return e.data.on;
  if (e.at) return new Date(new Date(e.at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  throw new RangeError(`case event ${e.type} has no date (data.on)`);
}
