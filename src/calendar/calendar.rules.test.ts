import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialCalendarYears } from './calendar.official.ts';
import { CALENDAR_2026 } from './calendar2026.testing.ts';
import {
  addCalendarDays,
  addDays,
  addWorkingDays,
  buildCalendar,
  dayInfo,
  isIsoDate,
  isWorkingDay,
  onOrNextWorkingDay,
  reckon,
  workingDaysBetween,
} from './calendar.rules.ts';

const cal = buildCalendar([CALENDAR_2026]);

describe('the 2026 calendar (国办发明电〔2025〕7号)', () => {
  it('the chinese-days package the platform seeds from has exactly the notice’s 2026 holidays and 调休 working days', () => {
    const y2026 = officialCalendarYears().find((y) => y.year === 2026);
    assert.deepEqual(y2026, CALENDAR_2026);
  });

  it('the package knows 2004–2026 and nothing later; every 调休 working day in it is a weekend day and never also a holiday', () => {
    const years = officialCalendarYears();
    assert.deepEqual(
      years.map((y) => y.year),
      Array.from({ length: 23 }, (_, i) => 2004 + i),
    );
    for (const y of years) {
      const holidays = new Set(y.holidays.map((h) => h.date));
      for (const w of y.workdays) {
        assert.ok([0, 6].includes(new Date(`${w}T00:00:00Z`).getUTCDay()), `${w} is a weekend day`);
        assert.ok(!holidays.has(w), `${w} is not also a holiday`);
      }
    }
  });

  it('Spring Festival 2026-02-15..23 is a rest period; the 调休 Saturdays 2026-02-14 and 2026-02-28 are working days', () => {
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) assert.equal(isWorkingDay(cal, d), false, d);
    assert.equal(isWorkingDay(cal, '2026-02-14'), true);
    assert.equal(isWorkingDay(cal, '2026-02-28'), true);
    assert.deepEqual(dayInfo(cal, '2026-02-17'), { kind: 'holiday', working: false, name: '春节', provisional: false });
    assert.deepEqual(dayInfo(cal, '2026-02-28'), { kind: 'workday', working: true, name: null, provisional: false });
    assert.equal(isWorkingDay(cal, '2026-03-07'), false, 'an ordinary Saturday');
    assert.equal(isWorkingDay(cal, '2026-03-09'), true, 'an ordinary Monday');
  });
});

describe('working days (《行政处罚法》第八十五条: 二日、三日、五日、七日 are working days)', () => {
  it('处罚法第八十五条: a 7-working-day period over National Day skips the holidays and counts the 调休 Saturday', () => {
    // Mon 9-28 → Tue 9-29 (1), Wed 9-30 (2), 10-1..7 holidays, Thu 10-8 (3), Fri 10-9 (4),
    // Sat 10-10 调休 (5), Mon 10-12 (6), Tue 10-13 (7).
    assert.deepEqual(addWorkingDays(cal, '2026-09-28', 7), { date: '2026-10-13', provisional: false });
  });

  it('处罚法第八十五条: "五日内" from Thursday 2026-02-12 counts the 调休 Saturday 2-14, skips the Spring Festival and ends Thursday 2-26', () => {
    assert.deepEqual(addWorkingDays(cal, '2026-02-12', 5), { date: '2026-02-26', provisional: false });
  });

  it('处罚法第八十五条: the start date never counts, even when it is a working day (the period starts the next day)', () => {
    assert.equal(addWorkingDays(cal, '2026-03-09', 1).date, '2026-03-10');
    assert.equal(addWorkingDays(cal, '2026-03-06', 1).date, '2026-03-09', 'Friday + 1 working day is Monday');
    assert.equal(addWorkingDays(cal, '2026-03-07', 1).date, '2026-03-09', 'a period may start on a rest day');
  });

  it('处罚法第八十五条: the 调休 Sunday 2026-09-20 before National Day is counted', () => {
    // Fri 9-18 → Sun 9-20 (1), Mon 9-21 (2)
    assert.equal(addWorkingDays(cal, '2026-09-18', 2).date, '2026-09-21');
    assert.equal(addWorkingDays(cal, '2026-09-18', 1).date, '2026-09-20');
  });

  it('workingDaysBetween is the inverse of addWorkingDays, and every last day is a working day (every start in 2026 up to 11-25, 1–20 days)', () => {
    for (let start = '2026-01-01'; start <= '2026-11-25'; start = addDays(start, 1)) {
      for (let n = 1; n <= 20; n++) {
        const r = addWorkingDays(cal, start, n);
        assert.ok(isWorkingDay(cal, r.date), `${start} + ${n} → ${r.date}`);
        assert.deepEqual(workingDaysBetween(cal, start, r.date), { days: n, provisional: false });
        assert.equal(workingDaysBetween(cal, start, addDays(r.date, -1)).days, n - 1, 'one day less is one working day short');
      }
    }
  });

  it('workingDaysBetween counts the days after `from` up to and including `to`, negative backwards', () => {
    assert.equal(workingDaysBetween(cal, '2026-09-30', '2026-10-08').days, 1, 'only 10-8 between (the holiday week is not counted)');
    assert.equal(workingDaysBetween(cal, '2026-10-08', '2026-09-30').days, -1);
    assert.equal(workingDaysBetween(cal, '2026-10-08', '2026-10-08').days, 0);
  });
});

describe('calendar days (《民法典》第二百零三条, 《民事诉讼法》第八十五条: a last day on a holiday moves to the next working day)', () => {
  it('民法典第二百零三条: a 15-day period whose last day is National Day ends on the first working day after the holiday, 2026-10-08', () => {
    assert.deepEqual(addCalendarDays(cal, '2026-09-16', 15), { date: '2026-10-08', provisional: false });
  });

  it('民法典第二百零三条: a last day on an ordinary Saturday moves to Monday', () => {
    assert.equal(addCalendarDays(cal, '2026-03-06', 15).date, '2026-03-23');
  });

  it('民法典第二百零三条: a last day on a 调休 Saturday (a working day) stays where it is', () => {
    assert.equal(addCalendarDays(cal, '2026-09-25', 15).date, '2026-10-10');
  });

  it('民法典第二百零一条: holidays inside the period count; only the last day matters (90 days from 2026-01-05 end 2026-04-07, after 清明)', () => {
    // 1-05 + 90 = 4-05, inside 清明 (4-4..6) → Tue 4-07.
    assert.equal(addCalendarDays(cal, '2026-01-05', 90).date, '2026-04-07');
    assert.equal(addCalendarDays(cal, '2026-01-06', 90).date, '2026-04-07');
    assert.equal(addCalendarDays(cal, '2026-01-08', 90).date, '2026-04-08');
  });

  it('onOrNextWorkingDay keeps a working day and moves a rest day forward', () => {
    assert.equal(onOrNextWorkingDay(cal, '2026-10-01').date, '2026-10-08');
    assert.equal(onOrNextWorkingDay(cal, '2026-10-10').date, '2026-10-10');
  });
});

describe('中止: paused days do not count', () => {
  it('a 90-day period paused for 10 days ends 10 days later', () => {
    const plain = addCalendarDays(cal, '2026-03-02', 90).date; // 5-31 (Sun) → 6-01
    assert.equal(plain, '2026-06-01');
    const paused = addCalendarDays(cal, '2026-03-02', 90, [{ from: '2026-04-01', to: '2026-04-11' }]).date; // 6-10 (Wed)
    assert.equal(paused, '2026-06-10');
  });

  it('paused working days do not count either', () => {
    // 7 working days from Mon 3-02 is Wed 3-11; pausing Wed 3-04 .. Fri 3-06 (3 working days) makes it Mon 3-16.
    assert.equal(addWorkingDays(cal, '2026-03-02', 7).date, '2026-03-11');
    assert.equal(addWorkingDays(cal, '2026-03-02', 7, [{ from: '2026-03-04', to: '2026-03-07' }]).date, '2026-03-16');
  });

  it('a pause not yet resumed leaves no last day, unless the period ended before it began', () => {
    assert.equal(reckon(cal, '2026-03-02', 90, 'calendar', [{ from: '2026-04-01', to: null }]).date, null);
    assert.equal(reckon(cal, '2026-03-02', 7, 'working', [{ from: '2026-05-01', to: null }]).date, '2026-03-11');
    assert.throws(() => addCalendarDays(cal, '2026-03-02', 90, [{ from: '2026-04-01', to: null }]), RangeError);
  });
});

describe('years with no official calendar are provisional (weekends only), never silently wrong', () => {
  it('a period reaching into 2027 (no notice yet) is counted on weekdays and marked provisional', () => {
    // Mon 12-28 → Tue (1), Wed (2), Thu 12-31 (3), Fri 2027-01-01 (4: assumed a working day), Mon 1-04 (5)
    assert.deepEqual(addWorkingDays(cal, '2026-12-28', 5), { date: '2027-01-04', provisional: true });
    assert.equal(addCalendarDays(cal, '2026-12-20', 15).provisional, true);
    assert.equal(workingDaysBetween(cal, '2026-12-28', '2027-01-04').provisional, true);
    assert.equal(dayInfo(cal, '2027-01-01').provisional, true);
  });

  it('once the admin enters 2027, the same period is exact', () => {
    const with2027 = buildCalendar([
      CALENDAR_2026,
      { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] },
    ]);
    assert.deepEqual(addWorkingDays(with2027, '2026-12-28', 5), { date: '2027-01-05', provisional: false });
  });

  it('a calendar-day period only depends on the year of its last day', () => {
    assert.equal(addCalendarDays(cal, '2025-12-01', 15).provisional, true, 'ends 2025-12-16: 2025 is not in this calendar');
    assert.equal(addCalendarDays(cal, '2025-12-20', 15).provisional, false, 'ends on the 调休 Sunday 2026-01-04, a working day of 2026');
    assert.equal(addCalendarDays(cal, '2025-12-25', 15).provisional, false, 'ends 2026-01-09, inside 2026');
  });
});

describe('dates', () => {
  it('only real YYYY-MM-DD dates are dates', () => {
    assert.equal(isIsoDate('2026-02-28'), true);
    assert.equal(isIsoDate('2026-02-29'), false);
    assert.equal(isIsoDate('2026-2-28'), false);
    assert.equal(isIsoDate(20260228), false);
  });

  it('a period is a whole number of days ≥ 0', () => {
    assert.throws(() => addWorkingDays(cal, '2026-03-02', -1), RangeError);
    assert.throws(() => addWorkingDays(cal, '2026-03-02', 1.5), RangeError);
    assert.equal(addWorkingDays(cal, '2026-03-02', 0).date, '2026-03-02');
  });
});
