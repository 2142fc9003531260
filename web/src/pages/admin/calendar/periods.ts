import type { CalendarHoliday } from '@shared/calendar.ts';
import dayjs from 'dayjs';
import { DATE_FORMAT } from '../../../lib/dates.ts';

/** A holiday period as the State Council's notice states it: 春节 2-15 to 2-23. */
export interface HolidayPeriod {
  name: string;
  from: string;
  to: string;
  days: number;
}

/** The server keeps one row per rest day; people read and enter periods. */
export function periodsOf(holidays: readonly CalendarHoliday[]): HolidayPeriod[] {
  const sorted = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
  const out: HolidayPeriod[] = [];
  for (const h of sorted) {
    const last = out.at(-1);
    if (last && last.name === h.name && dayjs(last.to).add(1, 'day').format(DATE_FORMAT) === h.date) {
      last.to = h.date;
      last.days++;
    } else {
      out.push({ name: h.name, from: h.date, to: h.date, days: 1 });
    }
  }
  return out;
}

/** Every day of each period, as the server takes them. */
export function daysOf(periods: readonly { name: string; from: string; to: string }[]): CalendarHoliday[] {
  const out: CalendarHoliday[] = [];
  for (const p of periods) {
    for (let d = dayjs(p.from); !d.isAfter(dayjs(p.to), 'day'); d = d.add(1, 'day')) out.push({ date: d.format(DATE_FORMAT), name: p.name });
  }
  return out;
}
