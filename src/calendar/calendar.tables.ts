/**
 * Reference data: the State Council's holiday notices as published, one row per year, seeded by
 * migration 0005 from the `chinese-days` package. Not a projection — no event makes it, and a
 * rebuild leaves it alone.
 */
export interface CalendarOfficialTable {
  year: number;
  /** JSON [{date, name}] */
  holidays: string;
  /** JSON [date] — 调休上班日 */
  workdays: string;
  /** Where the data came from (package and version). */
  source: string;
}

/** Projection of `calendar.year-set` (platform log): a year entered or corrected by an admin; it wins over the official row. */
export interface CalendarYearsTable {
  year: number;
  /** JSON [{date, name}] */
  holidays: string;
  /** JSON [date] */
  workdays: string;
  reason: string;
  version: number;
  /** Who set it last (the event's actor). */
  updated_by: string;
  created_at: string;
  updated_at: string;
}

export interface CalendarTables {
  calendar_official: CalendarOfficialTable;
  calendar_years: CalendarYearsTable;
}
