import type { CalendarYearData, Holiday } from './calendar.rules.ts';

const period = (name: string, from: string, to: string): Holiday[] => {
  const out: Holiday[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push({ date: d.toISOString().slice(0, 10), name });
  }
  return out;
};

/**
 * 2026, written by hand from the State Council's notice (国办发明电〔2025〕7号 《国务院办公厅关于
 * 2026年部分节假日安排的通知》), independently of the `chinese-days` package the platform seeds
 * from; a test checks the two agree.
 */
export const CALENDAR_2026: CalendarYearData = {
  year: 2026,
  holidays: [
    ...period('元旦', '2026-01-01', '2026-01-03'),
    ...period('春节', '2026-02-15', '2026-02-23'),
    ...period('清明', '2026-04-04', '2026-04-06'),
    ...period('劳动节', '2026-05-01', '2026-05-05'),
    ...period('端午', '2026-06-19', '2026-06-21'),
    ...period('中秋', '2026-09-25', '2026-09-27'),
    ...period('国庆节', '2026-10-01', '2026-10-07'),
  ],
  // 调休: Sun 1-4; Sat 2-14 and Sat 2-28; Sat 5-9; Sun 9-20 and Sat 10-10.
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};
