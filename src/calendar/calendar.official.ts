import { createRequire } from 'node:module';
import type { CalendarYearData, Holiday, IsoDate } from './calendar.rules.ts';

interface PackageData {
  /** date → "English name,中文名,days" */
  holidays: Record<IsoDate, string>;
  workdays: Record<IsoDate, string>;
}

/**
 * The State Council's holiday notices as the `chinese-days` package carries them (2004 onwards),
 * one entry per year. The package's own API treats years it does not know as weekends-only
 * without saying so; only its data is used here, and the years it lacks stay missing.
 */
export function officialCalendarYears(): CalendarYearData[] {
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageData;
  const years = new Map<number, { holidays: Holiday[]; workdays: IsoDate[] }>();
  const yearEntry = (date: IsoDate) => {
    const year = Number(date.slice(0, 4));
    let y = years.get(year);
    if (!y) years.set(year, (y = { holidays: [], workdays: [] }));
    return y;
  };
  for (const [date, label] of Object.entries(data.holidays)) yearEntry(date).holidays.push({ date, name: label.split(',')[1] ?? label });
  for (const date of Object.keys(data.workdays)) yearEntry(date).workdays.push(date);
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, y]) => ({ year, holidays: y.holidays.sort((a, b) => a.date.localeCompare(b.date)), workdays: y.workdays.sort() }));
}
