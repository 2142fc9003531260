import type { ProjectionModule, StoredEvent } from '../ledger/ledger.ts';
import type { Tx } from '../store/db.ts';
import type { CalendarHoliday } from '../shared/calendar.ts';

/** `calendar.year-set` (platform log): an admin entered or corrected a year's calendar, whole. */
export interface CalendarYearSet {
  year: number;
  holidays: CalendarHoliday[];
  workdays: string[];
  reason: string;
}

export const calendarProjections: ProjectionModule = {
  tables: ['calendar_years'],
  projectors: {
    'calendar.year-set': async (trx: Tx, e: StoredEvent) => {
      const d = e.data as unknown as CalendarYearSet;
      const columns = { holidays: JSON.stringify(d.holidays), workdays: JSON.stringify(d.workdays), reason: d.reason, updated_by: e.actor, updated_at: e.at };
      const existing = await trx.selectFrom('calendar_years').select('year').where('year', '=', d.year).executeTakeFirst();
      if (existing) {
        await trx
          .updateTable('calendar_years')
          .set(columns)
          .set((eb) => ({ version: eb('version', '+', 1) }))
          .where('year', '=', d.year)
          .execute();
      } else {
        await trx.insertInto('calendar_years').values({ year: d.year, ...columns, version: 1, created_at: e.at }).execute();
      }
    },
  },
};
