import { createRequire } from 'node:module';
import { officialCalendarYears } from '../../calendar/calendar.official.ts';
import type { EngineMigration } from './types.ts';

export const createCalendar: EngineMigration = {
  async up(db) {
    await db.schema
      .createTable('calendar_official')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('holidays', 'text', (c) => c.notNull())
      .addColumn('workdays', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('calendar_years')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('holidays', 'text', (c) => c.notNull())
      .addColumn('workdays', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Two dozen rows of reference data rather than thousands of ledger events at first start;
    // the ledger records only what an admin enters or corrects (calendar.year-set).
    const { version } = createRequire(import.meta.url)('chinese-days/package.json') as { version: string };
    const rows = officialCalendarYears().map((y) => ({
      year: y.year,
      holidays: JSON.stringify(y.holidays),
      workdays: JSON.stringify(y.workdays),
      source: `chinese-days@${version}`,
    }));
    if (rows.length > 0) await db.insertInto('calendar_official').values(rows).execute();
  },
};
