import type { Ctx } from '../context.ts';
import { checkVersion } from '../kernel/concurrency.ts';
import { chinaDate } from '../kernel/dates.ts';
import { DomainError } from '../kernel/errors.ts';
import { PLATFORM_LOG } from '../ledger/ledger.ts';
import { mayEver, type Principal } from '../modules/identity/access.policy.ts';
import { ForbiddenError } from '../modules/identity/access.service.ts';
import type { CalendarHoliday, CalendarSource, CalendarYearDetail, CalendarYearInput, CalendarYearList } from '../shared/calendar.ts';
import type { ErrorCode } from '../shared/errors.ts';
import type { Db, Tx } from '../store/db.ts';
import type { CalendarYearSet } from './calendar.projections.ts';
import { buildCalendar, isIsoDate, isWeekend, yearOf, type CalendarYearData, type WorkCalendar } from './calendar.rules.ts';

export type { CalendarYearDetail, CalendarYearInput, CalendarYearList } from '../shared/calendar.ts';

/** The years an admin may set: wide enough for any case, narrow enough to catch a typo. */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;

interface EffectiveYear extends CalendarYearData {
  source: Exclude<CalendarSource, 'none'>;
  holidays: CalendarHoliday[];
  workdays: string[];
  reason: string | null;
  version: number;
  updatedAt: string | null;
}

interface Loaded {
  stamp: string;
  years: Map<number, EffectiveYear>;
  official: Map<number, { holidays: CalendarHoliday[]; workdays: string[] }>;
  calendar: WorkCalendar;
}

/**
 * Per database, the calendar last loaded and the stamp of the admin years it was built from.
 * Every load re-reads the stamp (one small aggregate query), so an edit made by another
 * instance is seen at once; this instance's own edits also drop the entry outright.
 */
const cache = new WeakMap<Db | Tx, Loaded>();

async function stampOf(db: Db | Tx): Promise<string> {
  const r = await db
    .selectFrom('calendar_years')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('version'), eb.lit(0)).as('v'), eb.fn.max('updated_at').as('at')])
    .executeTakeFirstOrThrow();
  return `${Number(r.n)}/${Number(r.v)}/${r.at ?? ''}`;
}

async function load(db: Db | Tx): Promise<Loaded> {
  const stamp = await stampOf(db);
  const hit = cache.get(db);
  if (hit && hit.stamp === stamp) return hit;
  const official = new Map<number, { holidays: CalendarHoliday[]; workdays: string[] }>();
  const years = new Map<number, EffectiveYear>();
  for (const r of await db.selectFrom('calendar_official').selectAll().execute()) {
    const y = { holidays: JSON.parse(r.holidays) as CalendarHoliday[], workdays: JSON.parse(r.workdays) as string[] };
    official.set(Number(r.year), y);
    years.set(Number(r.year), { year: Number(r.year), source: 'official', ...y, reason: null, version: 0, updatedAt: null });
  }
  // An admin entry wins over the official notice of the same year.
  for (const r of await db.selectFrom('calendar_years').selectAll().execute()) {
    years.set(Number(r.year), {
      year: Number(r.year),
      source: 'admin',
      holidays: JSON.parse(r.holidays) as CalendarHoliday[],
      workdays: JSON.parse(r.workdays) as string[],
      reason: r.reason,
      version: Number(r.version),
      updatedAt: r.updated_at,
    });
  }
  const loaded = { stamp, years, official, calendar: buildCalendar([...years.values()]) };
  cache.set(db, loaded);
  return loaded;
}

/**
 * The working-day calendar in force: for each year the admin's entry if there is one, else the
 * official notice; years with neither are absent (the rules count them weekends-only and mark
 * results provisional). `years` limits it to those years.
 */
export async function loadCalendar(db: Db | Tx, years?: readonly number[]): Promise<WorkCalendar> {
  const { calendar, years: all } = await load(db);
  if (!years) return calendar;
  const wanted = new Set(years);
  return buildCalendar([...all.values()].filter((y) => wanted.has(y.year)));
}

/** Every year with a calendar, and the years up to next year that have none. */
export async function listCalendarYears(ctx: Ctx): Promise<CalendarYearList> {
  const { years } = await load(ctx.db);
  const list = [...years.values()].sort((a, b) => a.year - b.year);
  const missing: number[] = [];
  const until = yearOf(chinaDate(ctx.clock)) + 1;
  for (let y = list[0]?.year ?? until; y <= until; y++) if (!years.has(y)) missing.push(y);
  return {
    years: list.map((y) => ({ year: y.year, source: y.source, holidayCount: y.holidays.length, workdayCount: y.workdays.length, version: y.version, updatedAt: y.updatedAt })),
    missing,
  };
}

/** One year's days, whatever its source ('none': nothing yet, version 0). */
export async function getCalendarYear(ctx: Pick<Ctx, 'db'>, year: number): Promise<CalendarYearDetail> {
  return detailOf(await load(ctx.db), year);
}

function detailOf(loaded: Loaded, year: number): CalendarYearDetail {
  const y = loaded.years.get(year);
  const official = loaded.official.get(year) ?? null;
  if (!y) return { year, source: 'none', holidays: [], workdays: [], reason: null, version: 0, updatedAt: null, official };
  return { year, source: y.source, holidays: y.holidays, workdays: y.workdays, reason: y.reason, version: y.version, updatedAt: y.updatedAt, official };
}

type Listener = (ctx: Ctx, trx: Tx, year: number) => Promise<void>;
const listeners: Listener[] = [];

/**
 * Runs `listener` inside the transaction of every calendar edit, after the event: whoever
 * stores dates computed from the calendar (the cases' deadline lists) recomputes them there.
 */
export function onCalendarYearSet(listener: Listener): void {
  listeners.push(listener);
}

/**
 * Enters or corrects one year's calendar (a platform admin, when the State Council publishes
 * the notice or a correction). The whole year is given; `expectedVersion` is the admin entry's
 * version (0 to create one over the official or missing data).
 */
export async function setCalendarYear(ctx: Ctx, p: Principal, year: number, input: CalendarYearInput, expectedVersion: number | undefined): Promise<CalendarYearDetail> {
  if (!mayEver(p, 'calendar.manage')) throw new ForbiddenError('calendar.manage', null);
  const data = checkYear(year, input);
  await ctx.db.transaction().execute(async (trx) => {
    // Every platform-log append locks this row anyway; taking it first makes the version check
    // and the write one step, also when two admins create the same year at once.
    if (ctx.engine === 'postgres') await trx.selectFrom('logs').select('id').where('id', '=', PLATFORM_LOG).forUpdate().execute();
    const current = detailOf(await load(trx), year);
    checkVersion(expectedVersion, current, current);
    const unchanged = current.source === 'admin' && JSON.stringify([current.holidays, current.workdays]) === JSON.stringify([data.holidays, data.workdays]);
    if (unchanged) return;
    await ctx.ledger.append(trx, { log: PLATFORM_LOG, actor: p.id, type: 'calendar.year-set', subject: `calendar-${year}`, data: { ...data } });
    for (const l of listeners) await l(ctx, trx, year);
  });
  cache.delete(ctx.db);
  return getCalendarYear(ctx, year);
}

/** The checks on an entered year; returns it normalised (sorted, names trimmed). */
export function checkYear(year: number, input: CalendarYearInput): CalendarYearSet {
  const bad = (code: ErrorCode, message: string, field: string, details: Record<string, unknown> = {}) => new DomainError(code, message, 400, { field, ...details });
  if (!Number.isInteger(year) || year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) {
    throw bad('calendar-year-out-of-range', `年度须在 ${CALENDAR_YEARS.min}—${CALENDAR_YEARS.max} 年之间`, 'year', { year });
  }
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw bad('reason-required', '设置节假日日历须填写原因（如国务院通知文号）', 'reason');
  const seen = new Set<string>();
  const checkDate = (date: unknown, field: string) => {
    if (!isIsoDate(date)) throw new DomainError('validation-failed', `日期格式应为 YYYY-MM-DD：${String(date)}`, 400, { fields: [{ field, message: '日期格式不正确' }] });
    if (yearOf(date) !== year) throw bad('calendar-date-outside-year', `${date} 不在 ${year} 年内`, field, { date });
    if (seen.has(date)) throw bad('calendar-date-duplicate', `${date} 重复出现`, field, { date });
    seen.add(date);
  };
  const holidays = input.holidays.map((h, i) => {
    checkDate(h.date, `holidays.${i}.date`);
    const name = h.name?.trim() ?? '';
    if (!name) throw new DomainError('validation-failed', `${h.date} 须填写节日名称`, 400, { fields: [{ field: `holidays.${i}.name`, message: '必填' }] });
    return { date: h.date, name };
  });
  const holidayDates = new Set(holidays.map((h) => h.date));
  const workdays = input.workdays.map((date, i) => {
    if (isIsoDate(date) && holidayDates.has(date)) {
      throw bad('calendar-holiday-also-workday', `${date} 不能既是节假日又是调休上班日`, `workdays.${i}`, { date });
    }
    checkDate(date, `workdays.${i}`);
    if (!isWeekend(date)) throw bad('calendar-workday-not-weekend', `${date} 不是周六或周日，本来就是工作日`, `workdays.${i}`, { date });
    return date;
  });
  return {
    year,
    holidays: holidays.sort((a, b) => a.date.localeCompare(b.date)),
    workdays: workdays.sort(),
    reason,
  };
}
