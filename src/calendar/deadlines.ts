import type { CaseDeadline } from '../shared/cases.ts';
import { daysBetween, isIsoDate, reckon, type DayUnit, type IsoDate, type Pause, type WorkCalendar } from './calendar.rules.ts';

/**
 * A generic deadline engine (期限): declarative rules over a stream of dated events. It knows
 * nothing about cases — a capability declares its rules (src/modules/cases/deadlines.ts) and
 * feeds its events; the engine says, per rule and instance, when the period ends and where it
 * stands today. Pure: the calendar and "today" are arguments.
 */

/** An event as the engine sees it: its type, the date it happened (the act's date), its data. */
export interface DeadlineEvent {
  type: string;
  on: IsoDate;
  data: Readonly<Record<string, unknown>>;
}

/** A condition on an event's data; `earlier` are the events before it, oldest first. */
export type EventPredicate = (data: Readonly<Record<string, unknown>>, earlier: readonly DeadlineEvent[]) => boolean;

/** An event type, or a type with a condition on its data. */
export type EventMatch = string | { type: string; when?: EventPredicate };

export interface DeadlineRule {
  id: string;
  /** What must be done, in Chinese (shown to people). */
  label: string;
  /** The legal source, e.g. 《行政处罚法》第六十条. */
  article: string;
  /**
   * 'within': the agency must act by the due date (overdue is a failure to act in time);
   * 'window': a party's period that closes (a hearing request): once it has run out the right
   * has lapsed and the agency may go on — the status then reads 'overdue' but it is no failure.
   */
  kind: 'within' | 'window';
  /** The event that starts the period. A later start restarts it (a fresh notice, a new window). */
  start: EventMatch | readonly EventMatch[];
  /** Data field holding the start date, where it is not the event's own date (e.g. `servedOn`); of several, the first present. */
  startDateField?: string | readonly string[];
  length: number;
  unit: DayUnit;
  /** The acts that meet it. */
  metBy: EventMatch | readonly EventMatch[];
  /** Acts after which the period no longer runs at all (the deadline disappears). */
  cancelledBy?: EventMatch | readonly EventMatch[];
  /** 中止 / 恢复: days from a stop up to the day before its resumption do not count. */
  stoppedBy?: EventMatch | readonly EventMatch[];
  resumedBy?: EventMatch | readonly EventMatch[];
  /**
   * Approved extensions: `data.days` adds that many days (in the rule's unit), `data.dueOn`
   * sets a new last day outright (a deferral approved to a date).
   */
  extendedBy?: EventMatch | readonly EventMatch[];
  /**
   * Data field naming an instance: one deadline per distinct value (one per 先行登记保存), met,
   * stopped or extended only by events carrying the same value. Events without the field apply
   * to every instance.
   */
  instanceKey?: string;
}

interface Matcher {
  type: string;
  when: EventPredicate | undefined;
}

interface Instance {
  key: string | null;
  start: IsoDate;
  metOn: IsoDate | null;
  cancelled: boolean;
  stops: Pause[];
  extraDays: number;
  dueOverride: IsoDate | null;
}

const matchers = (m: EventMatch | readonly EventMatch[] | undefined): Matcher[] =>
  (m === undefined ? [] : Array.isArray(m) ? (m as readonly EventMatch[]) : [m as EventMatch]).map((x) =>
    typeof x === 'string' ? { type: x, when: undefined } : { type: x.type, when: x.when },
  );

/**
 * computeDeadlines applies every rule to `events` (oldest first) and returns one CaseDeadline
 * per started, uncancelled period, in rule order and then by start.
 *
 * Status on `today`: 'met' once a meeting act happened (`late` if after the due date);
 * 'stopped' while a 中止 that the period had not outrun is unresolved (due null); 'overdue'
 * after the due date; 'due-soon' within `dueSoonDays` calendar days of it; else 'open'.
 * `provisional`: the due date depends on a year with no official calendar.
 */
export function computeDeadlines(
  rules: readonly DeadlineRule[],
  events: readonly DeadlineEvent[],
  calendar: WorkCalendar,
  today: IsoDate,
  dueSoonDays: number,
): CaseDeadline[] {
  if (!isIsoDate(today)) throw new RangeError(`today is not a date: ${today}`);
  for (const e of events) if (!isIsoDate(e.on)) throw new RangeError(`event ${e.type} has no date (on: ${String(e.on)})`);
  return rules.flatMap((rule) => instancesOf(rule, events).flatMap((i) => (i.cancelled ? [] : [deadlineOf(rule, i, calendar, today, dueSoonDays)])));
}

function instancesOf(rule: DeadlineRule, events: readonly DeadlineEvent[]): Instance[] {
  const start = matchers(rule.start);
  const met = matchers(rule.metBy);
  const cancel = matchers(rule.cancelledBy);
  const stop = matchers(rule.stoppedBy);
  const resume = matchers(rule.resumedBy);
  const extend = matchers(rule.extendedBy);
  // Instances by key, in the order they started; a restart replaces the instance in place.
  const instances = new Map<string, Instance>();

  events.forEach((e, index) => {
    const matches = (ms: Matcher[]) => ms.some((m) => m.type === e.type && (!m.when || m.when(e.data, events.slice(0, index))));
    const key = rule.instanceKey !== undefined && e.data[rule.instanceKey] !== undefined && e.data[rule.instanceKey] !== null ? String(e.data[rule.instanceKey]) : null;
    // Which running instances this event concerns: its own instance when it names one, else all.
    const concerned = () => [...instances.values()].filter((i) => !i.cancelled && i.metOn === null && (key === null || i.key === key));

    if (matches(start)) {
      const on = rule.startDateField === undefined ? e.on : [rule.startDateField].flat().map((f) => e.data[f]).find(isIsoDate);
      // A start without its date (a notice not yet served) has not started the period.
      if (isIsoDate(on) && (rule.instanceKey === undefined || key !== null)) {
        instances.delete(key ?? '');
        instances.set(key ?? '', { key, start: on, metOn: null, cancelled: false, stops: [], extraDays: 0, dueOverride: null });
      }
      return;
    }
    if (matches(met)) {
      // An act that names no instance meets only a rule without instances.
      if (rule.instanceKey !== undefined && key === null) return;
      for (const i of concerned()) i.metOn = e.on;
      return;
    }
    if (matches(cancel)) {
      for (const i of concerned()) i.cancelled = true;
      return;
    }
    if (matches(stop)) {
      for (const i of concerned()) if (!i.stops.some((s) => s.to === null)) i.stops.push({ from: e.on, to: null });
      return;
    }
    if (matches(resume)) {
      for (const i of concerned()) {
        const open = i.stops.find((s) => s.to === null);
        if (open) open.to = e.on < open.from ? open.from : e.on;
      }
      return;
    }
    if (matches(extend)) {
      const days = e.data.days;
      const dueOn = e.data.dueOn;
      for (const i of concerned()) {
        if (isIsoDate(dueOn)) i.dueOverride = dueOn;
        else if (typeof days === 'number' && Number.isInteger(days) && days > 0) i.extraDays += days;
      }
    }
  });
  return [...instances.values()];
}

function deadlineOf(rule: DeadlineRule, i: Instance, calendar: WorkCalendar, today: IsoDate, dueSoonDays: number): CaseDeadline {
  const length = rule.length + i.extraDays;
  // Met while stopped: the stop ended with the act, and the due date it would have had is shown.
  const stops = i.metOn === null ? i.stops : i.stops.map((s) => (s.to === null ? { from: s.from, to: i.metOn! < s.from ? s.from : i.metOn! } : s));
  let due: IsoDate | null;
  let provisional = false;
  if (i.dueOverride !== null) {
    due = i.dueOverride;
  } else {
    const r = reckon(calendar, i.start, length, rule.unit, stops);
    due = r.date;
    provisional = r.provisional;
  }
  let status: CaseDeadline['status'];
  if (i.metOn !== null) status = 'met';
  else if (due === null) status = 'stopped';
  else if (today > due) status = 'overdue';
  else if (daysBetween(today, due) <= dueSoonDays) status = 'due-soon';
  else status = 'open';
  return {
    rule: rule.id,
    label: rule.label,
    article: rule.article,
    start: i.start,
    due,
    unit: rule.unit,
    length,
    status,
    provisional,
    metOn: i.metOn,
    kind: rule.kind,
    instance: i.key,
    late: i.metOn !== null && due !== null && i.metOn > due,
  };
}
