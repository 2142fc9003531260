/**
 * The portal's walking key (`publications.search_key`): it follows the DECISION date (作出决定日期),
 * so walking the key newest-first lists decisions newest-first, and a decision-date range is a key
 * range — for every index the search walks, the FTS5 index included (issue 8 "Performance"; no
 * query sorts or scans the hits outside its range).
 *
 * key = day × KEYS_PER_DAY + n: `day` counts the days from 2000-01-01 to the decision date, `n`
 * numbers that day's decisions in publish order. The range fits PostgreSQL's `integer` column up
 * to the year 2179. SQLite's FTS5 table is keyed by MINUS the key, so that newest-first is FTS5's
 * ascending walk: FTS5 reads a doclist backwards only by loading it whole (as `case_search`,
 * src/modules/cases/cases.search.ts).
 */

/** Decisions per decision date the key can number (2^15). */
export const KEYS_PER_DAY = 32_768;
const EPOCH = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
/** The last day whose keys fit a 32-bit signed integer. */
const LAST_DAY = Math.floor(2_147_483_647 / KEYS_PER_DAY) - 1;

/** Day number of a `YYYY-MM-DD` date, clamped to the key's span (2000-01-01 … 2179). */
function dayOf(date: string): number {
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not a date: ${date}`);
  return Math.min(LAST_DAY, Math.max(0, Math.floor((t - EPOCH) / DAY_MS)));
}

/** Whether a date lies inside the key's span (outside it, dates share the first or last day's keys). */
function inSpan(date: string): boolean {
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  const day = Math.floor((t - EPOCH) / DAY_MS);
  return day >= 0 && day <= LAST_DAY;
}

/** The keys of one decision date: [first, last]. A new publication takes the day's highest + 1. */
export function searchKeysOfDay(decidedOn: string): { first: number; last: number } {
  const first = dayOf(decidedOn) * KEYS_PER_DAY;
  return { first, last: first + KEYS_PER_DAY - 1 };
}

/** Whether a key belongs to the decision date (a correction that moves the date takes a new key). */
export function keyOnDay(key: number, decidedOn: string): boolean {
  const { first, last } = searchKeysOfDay(decidedOn);
  return key >= first && key <= last;
}

/**
 * The keys of a decision-date range (either end open), inclusive. `exact`: the range is exactly
 * the dates asked for; false only when an end lies outside the key's span (before 2000), where the
 * caller must also test the date itself.
 */
export function searchKeyBounds(from?: string, to?: string): { min: number | null; max: number | null; exact: boolean } {
  return {
    min: from ? searchKeysOfDay(from).first : null,
    max: to ? searchKeysOfDay(to).last : null,
    exact: (!from || inSpan(from)) && (!to || inSpan(to)),
  };
}

/** The FTS5 rowid of a key (SQLite's `publication_search`): minus the key, walked ascending = newest first. */
export const ftsRowid = (key: number): number => -key;
