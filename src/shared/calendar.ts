/**
 * The working-day calendar (节假日日历) as the API sends it, shared by server and console. A
 * year's calendar is the State Council's holiday notice: its holidays (every rest day of each
 * holiday period) and its 调休 working days (weekend days declared working days).
 */

/** One rest day of a holiday period, named after its holiday (春节, 国庆节 …). */
export interface CalendarHoliday {
  /** YYYY-MM-DD */
  date: string;
  name: string;
}

/**
 * Where a year's calendar comes from: 'admin' — entered or corrected by a platform admin (it
 * wins); 'official' — seeded from the published notices; 'none' — no calendar: deadlines in
 * that year count weekends only and are marked provisional.
 */
export type CalendarSource = 'admin' | 'official' | 'none';

export interface CalendarYearSummary {
  year: number;
  source: Exclude<CalendarSource, 'none'>;
  holidayCount: number;
  workdayCount: number;
  /** Version of the admin entry (0: none yet). */
  version: number;
  updatedAt: string | null;
}

export interface CalendarYearList {
  years: CalendarYearSummary[];
  /** Years up to next year that have no calendar at all. */
  missing: number[];
}

export interface CalendarYearDetail {
  year: number;
  source: CalendarSource;
  holidays: CalendarHoliday[];
  /** 调休上班日 */
  workdays: string[];
  /** Why the admin entered or corrected it (admin entries only). */
  reason: string | null;
  /** Version of the admin entry; 0 when there is none yet (send If-Match "0" to create one). */
  version: number;
  updatedAt: string | null;
  /** The seeded official calendar of the year, for comparison, where there is one. */
  official: { holidays: CalendarHoliday[]; workdays: string[] } | null;
}

/** A year as an admin enters it (PUT /api/calendar/years/:year). */
export interface CalendarYearInput {
  holidays: CalendarHoliday[];
  workdays: string[];
  reason: string;
}
