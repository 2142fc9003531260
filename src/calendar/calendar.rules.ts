import dayjs from 'dayjs';

/**
 * The working-day calendar (工作日历) and the arithmetic of legal periods (期间). Pure: the
 * calendar is data (src/calendar/calendar.service.ts loads it), dates are 'YYYY-MM-DD' strings
 * of the China calendar.
 *
 * Two ways of counting (rules.md "Day counting"):
 * - working days (工作日) — 处罚法 Art 85 ("二日、三日、五日、七日" are working days), 许可法
 *   Art 82, 强制法 Art 69: the period starts the day after the start date and counts only
 *   working days, so "五日内" ends on the 5th working day after it;
 * - calendar days (日) — 民法典 Arts 201, 203, 民事诉讼法 Art 85: the start date does not count,
 *   and a period whose last day is a statutory holiday or rest day ends on the first working day
 *   after it.
 *
 * A year with no official calendar is counted on the weekends-only assumption and every result
 * that depended on such a year says so (`provisional`), so a deadline is never silently wrong.
 */

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** One day of a holiday period (法定节假日), named after its holiday (春节, 国庆节 …). */
export interface Holiday {
  date: IsoDate;
  name: string;
}

/** One year of the State Council's holiday notice (国务院办公厅关于部分节假日安排的通知). */
export interface CalendarYearData {
  year: number;
  /** Every rest day of each holiday period, weekend days inside a period included. */
  holidays: readonly Holiday[];
  /** 调休上班日 — weekend days declared working days. */
  workdays: readonly IsoDate[];
}

interface YearDays {
  holidays: ReadonlyMap<IsoDate, string>;
  workdays: ReadonlySet<IsoDate>;
}

/** The calendar as the rules use it: the years that have an official (or admin-entered) notice. */
export interface WorkCalendar {
  readonly years: ReadonlyMap<number, YearDays>;
}

/** A date computed from the calendar; `provisional` when a year it depended on has no calendar yet. */
export interface Reckoned {
  date: IsoDate;
  provisional: boolean;
}

/**
 * Days that do not count toward a period (中止: from the suspension up to the day before it is
 * resumed, `from` inclusive, `to` exclusive; counting goes on from the day of resumption).
 * `to: null` — not resumed yet.
 */
export interface Pause {
  from: IsoDate;
  to: IsoDate | null;
}

export type DayUnit = 'working' | 'calendar';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const FORMAT = 'YYYY-MM-DD';
/** No real calendar has years of rest days in a row; beyond this the data is wrong, not the count. */
const MAX_REST_RUN = 366 * 2;

export function buildCalendar(years: readonly CalendarYearData[]): WorkCalendar {
  const map = new Map<number, YearDays>();
  for (const y of years) {
    map.set(y.year, { holidays: new Map(y.holidays.map((h) => [h.date, h.name])), workdays: new Set(y.workdays) });
  }
  return { years: map };
}

/** Whether `value` is a real calendar date written 'YYYY-MM-DD' (no 2026-02-30). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && ISO.test(value) && dayjs(value).format(FORMAT) === value;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return dayjs(date).add(n, 'day').format(FORMAT);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayjs(to).diff(dayjs(from), 'day');
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayjs(date).day();
  return d === 0 || d === 6;
}

export function hasYear(cal: WorkCalendar, year: number): boolean {
  return cal.years.has(year);
}

export type DayKind = 'holiday' | 'workday' | 'weekend' | 'weekday';

/** What a day is: a holiday (with its name), a 调休 working weekend day, an ordinary weekend day or weekday. */
export function dayInfo(cal: WorkCalendar, date: IsoDate): { kind: DayKind; working: boolean; name: string | null; provisional: boolean } {
  const y = cal.years.get(yearOf(date));
  const holiday = y?.holidays.get(date);
  if (holiday !== undefined) return { kind: 'holiday', working: false, name: holiday, provisional: false };
  if (y?.workdays.has(date)) return { kind: 'workday', working: true, name: null, provisional: false };
  const weekend = isWeekend(date);
  return { kind: weekend ? 'weekend' : 'weekday', working: !weekend, name: null, provisional: !y };
}

/** Whether `date` is a working day: not a holiday, and a weekday or a 调休 weekend day. */
export function isWorkingDay(cal: WorkCalendar, date: IsoDate): boolean {
  return dayInfo(cal, date).working;
}

/**
 * 处罚法 Art 85: the `n`th working day after `start` (the start date itself never counts), so
 * "七日内" from a Monday before National Day skips the holiday week and counts a 调休 Saturday.
 */
export function addWorkingDays(cal: WorkCalendar, start: IsoDate, n: number, paused: readonly Pause[] = []): Reckoned {
  return reckonOrThrow(cal, start, n, 'working', paused);
}

/**
 * 民法典 Arts 201, 203 / 民事诉讼法 Art 85: `start` plus `n` days (the start date not counted);
 * when the last day is a statutory holiday or a rest day the period ends on the first working
 * day after it — but a 调休 Saturday is a working day and ends it.
 */
export function addCalendarDays(cal: WorkCalendar, start: IsoDate, n: number, paused: readonly Pause[] = []): Reckoned {
  return reckonOrThrow(cal, start, n, 'calendar', paused);
}

/** The day itself when it is a working day, else the first working day after it (Art 203's rule for a last day). */
export function onOrNextWorkingDay(cal: WorkCalendar, date: IsoDate): Reckoned {
  let d = date;
  let provisional = false;
  for (let i = 0; ; i++) {
    if (i > MAX_REST_RUN) throw new RangeError(`no working day within ${MAX_REST_RUN} days of ${date}: the calendar data is wrong`);
    const info = dayInfo(cal, d);
    provisional ||= info.provisional;
    if (info.working) return { date: d, provisional };
    d = addDays(d, 1);
  }
}

/**
 * Working days after `from` up to and including `to` — the inverse of addWorkingDays:
 * workingDaysBetween(s, addWorkingDays(s, n).date) = n. Negative when `to` is earlier.
 */
export function workingDaysBetween(cal: WorkCalendar, from: IsoDate, to: IsoDate): { days: number; provisional: boolean } {
  if (to < from) {
    const r = workingDaysBetween(cal, to, from);
    return { days: -r.days, provisional: r.provisional };
  }
  let days = 0;
  let provisional = false;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const info = dayInfo(cal, d);
    provisional ||= info.provisional;
    if (info.working) days++;
  }
  return { days, provisional };
}

/**
 * The last day of a period of `n` units after `start`, skipping paused days; `date: null` when
 * an open pause (not yet resumed) is reached before the period ends. `n = 0` is `start` itself.
 */
export function reckon(cal: WorkCalendar, start: IsoDate, n: number, unit: DayUnit, paused: readonly Pause[] = []): { date: IsoDate | null; provisional: boolean } {
  if (!isIsoDate(start)) throw new RangeError(`not a date: ${start}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a period is a whole number of days ≥ 0, not ${n}`);
  if (n === 0) return { date: start, provisional: false };
  const isPaused = (d: IsoDate) => paused.some((p) => d >= p.from && (p.to === null || d < p.to));
  const openFrom = paused.filter((p) => p.to === null).reduce<IsoDate | null>((min, p) => (min === null || p.from < min ? p.from : min), null);
  let provisional = false;
  let counted = 0;
  let idle = 0;
  let d = start;
  for (;;) {
    d = addDays(d, 1);
    if (openFrom !== null && d >= openFrom) return { date: null, provisional: false };
    if (isPaused(d)) continue;
    if (unit === 'calendar') {
      if (++counted < n) continue;
      // Art 203 looks at the last day only: the calendar matters from here on.
      const info = dayInfo(cal, d);
      provisional ||= info.provisional;
      if (info.working) return { date: d, provisional };
      if (++idle > MAX_REST_RUN) throw new RangeError(`no working day within ${MAX_REST_RUN} days of ${d}: the calendar data is wrong`);
      counted--;
      continue;
    }
    const info = dayInfo(cal, d);
    provisional ||= info.provisional;
    if (!info.working) {
      if (++idle > MAX_REST_RUN) throw new RangeError(`no working day within ${MAX_REST_RUN} days of ${d}: the calendar data is wrong`);
      continue;
    }
    idle = 0;
    if (++counted === n) return { date: d, provisional };
  }
}

function reckonOrThrow(cal: WorkCalendar, start: IsoDate, n: number, unit: DayUnit, paused: readonly Pause[]): Reckoned {
  const r = reckon(cal, start, n, unit, paused);
  if (r.date === null) throw new RangeError('the period is paused with no end (中止 not resumed): it has no last day yet');
  return { date: r.date, provisional: r.provisional };
}
