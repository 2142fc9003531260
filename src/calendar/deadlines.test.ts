import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALENDAR_2026 } from './calendar2026.testing.ts';
import { addCalendarDays, addDays, addWorkingDays, buildCalendar, daysBetween, isWorkingDay } from './calendar.rules.ts';
import { computeDeadlines, type DeadlineEvent, type DeadlineRule } from './deadlines.ts';

const cal = buildCalendar([CALENDAR_2026]);

/** A small seeded generator, so a failing case can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return { int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

const ev = (type: string, on: string, data: Record<string, unknown> = {}): DeadlineEvent => ({ type, on, data });

const act: DeadlineRule = {
  id: 'act',
  label: '作出决定',
  article: '第一条',
  kind: 'within',
  start: 'x.start',
  length: 90,
  unit: 'calendar',
  metBy: ['x.done', 'x.also-done'],
  cancelledBy: 'x.cancel',
  stoppedBy: 'x.stop',
  resumedBy: 'x.resume',
  extendedBy: 'x.extend',
};
const quick: DeadlineRule = { id: 'quick', label: '处理', article: '第二条', kind: 'within', start: 'y.start', length: 7, unit: 'working', metBy: 'y.done', instanceKey: 'itemId' };

const one = (rules: DeadlineRule[], events: DeadlineEvent[], today: string, dueSoonDays = 3) => {
  const out = computeDeadlines(rules, events, cal, today, dueSoonDays);
  assert.equal(out.length, 1, JSON.stringify(out));
  return out[0]!;
};

describe('the deadline engine: status on a given day', () => {
  it('a period runs from its start event: open, then due soon, then overdue the day after the due date', () => {
    const events = [ev('x.start', '2026-03-02')];
    const due = addCalendarDays(cal, '2026-03-02', 90).date;
    assert.equal(due, '2026-06-01');
    assert.equal(one([act], events, '2026-03-02').status, 'open');
    assert.equal(one([act], events, addDays(due, -4)).status, 'open');
    assert.equal(one([act], events, addDays(due, -3)).status, 'due-soon');
    assert.equal(one([act], events, due).status, 'due-soon', 'the due date itself is still in time');
    assert.equal(one([act], events, addDays(due, 1)).status, 'overdue');
    assert.deepEqual(one([act], events, '2026-04-01'), {
      rule: 'act',
      label: '作出决定',
      article: '第一条',
      start: '2026-03-02',
      due: '2026-06-01',
      unit: 'calendar',
      length: 90,
      status: 'open',
      provisional: false,
      metOn: null,
      kind: 'within',
      instance: null,
      late: false,
    });
  });

  it('property: for any start in 2026 and any day after it, the status moves only forward (open → due-soon → overdue), and met stays met', () => {
    const r = random(60);
    for (let k = 0; k < 200; k++) {
      const start = addDays('2026-01-01', r.int(0, 240));
      const rule = k % 2 === 0 ? act : { ...quick, instanceKey: undefined, start: 'y.start' };
      const startType = k % 2 === 0 ? 'x.start' : 'y.start';
      const soon = r.int(0, 10);
      const order = { open: 0, 'due-soon': 1, overdue: 2 } as Record<string, number>;
      let last = -1;
      for (let today = start; today <= addDays(start, 140); today = addDays(today, r.int(1, 9))) {
        const d = one([rule], [ev(startType, start)], today, soon);
        const rank = order[d.status]!;
        assert.ok(rank >= last, `${start} ${today}: ${d.status} after rank ${last}`);
        last = rank;
        assert.equal(d.status === 'overdue', today > d.due!);
        assert.equal(d.status === 'due-soon', today <= d.due! && daysBetween(today, d.due!) <= soon);
        assert.ok(isWorkingDay(cal, d.due!), 'every due date is a working day');
      }
      const metOn = addDays(start, r.int(0, 120));
      const met = one([rule], [ev(startType, start), ev(rule === act ? 'x.done' : 'y.done', metOn)], addDays(start, 200));
      assert.equal(met.status, 'met');
      assert.equal(met.metOn, metOn);
      assert.equal(met.late, metOn > met.due!);
    }
  });

  it('an act before the period started does not meet it; any of the meeting acts does', () => {
    assert.equal(one([act], [ev('x.done', '2026-03-01'), ev('x.start', '2026-03-02')], '2026-03-03').status, 'open');
    assert.equal(one([act], [ev('x.start', '2026-03-02'), ev('x.also-done', '2026-03-05')], '2026-03-06').metOn, '2026-03-05');
  });

  it('a cancelled period is no deadline at all; a period never started is none either', () => {
    assert.deepEqual(computeDeadlines([act], [ev('x.start', '2026-03-02'), ev('x.cancel', '2026-03-10')], cal, '2026-09-01', 3), []);
    assert.deepEqual(computeDeadlines([act], [ev('x.done', '2026-03-02')], cal, '2026-09-01', 3), []);
  });

  it('a later start begins the period anew', () => {
    const d = one([act], [ev('x.start', '2026-01-05'), ev('x.done', '2026-02-01'), ev('x.start', '2026-03-02')], '2026-03-03');
    assert.equal(d.start, '2026-03-02');
    assert.equal(d.status, 'open');
  });

  it('a due date in a year with no official calendar is provisional', () => {
    assert.equal(one([act], [ev('x.start', '2026-11-02')], '2026-11-03').provisional, true);
    assert.equal(one([act], [ev('x.start', '2026-03-02')], '2026-03-03').provisional, false);
  });

  it('events must be dated', () => {
    assert.throws(() => computeDeadlines([act], [ev('x.start', '2026-02-30')], cal, '2026-03-03', 3), RangeError);
    assert.throws(() => computeDeadlines([act], [], cal, 'today', 3), RangeError);
  });
});

describe('中止 and 延期: stopped days do not count; approved extensions move the due date', () => {
  it('property: a stop wholly inside the period moves the due date as if the period were that many days longer', () => {
    const r = random(85);
    for (let k = 0; k < 300; k++) {
      const start = addDays('2026-01-01', r.int(0, 120));
      const stopAt = addDays(start, r.int(1, 80));
      const resumeAt = addDays(stopAt, r.int(1, 60));
      const d = one([act], [ev('x.start', start), ev('x.stop', stopAt), ev('x.resume', resumeAt)], start);
      assert.equal(d.due, addCalendarDays(cal, start, 90 + daysBetween(stopAt, resumeAt)).date, `${start} stop ${stopAt}..${resumeAt}`);
    }
  });

  it('stopped working days do not count toward a working-day period', () => {
    const rule: DeadlineRule = { ...quick, instanceKey: undefined, stoppedBy: 'y.stop', resumedBy: 'y.resume' };
    // 7 WD from Mon 3-02 is Wed 3-11; stopped Wed 3-04 up to Sat 3-07 (3 working days) → Mon 3-16.
    const d = one([rule], [ev('y.start', '2026-03-02'), ev('y.stop', '2026-03-04'), ev('y.resume', '2026-03-07')], '2026-03-09');
    assert.equal(d.due, '2026-03-16');
  });

  it('while stopped and not resumed the status is stopped with no due date; resumed, it runs again', () => {
    const stopped = one([act], [ev('x.start', '2026-03-02'), ev('x.stop', '2026-04-01')], '2026-09-01');
    assert.equal(stopped.status, 'stopped');
    assert.equal(stopped.due, null);
    const resumed = one([act], [ev('x.start', '2026-03-02'), ev('x.stop', '2026-04-01'), ev('x.resume', '2026-04-11')], '2026-04-12');
    assert.equal(resumed.status, 'open');
    assert.equal(resumed.due, '2026-06-10');
  });

  it('a stop after the period already ran out does not hide that it is overdue', () => {
    const d = one([act], [ev('x.start', '2026-01-05'), ev('x.stop', '2026-05-01')], '2026-05-02');
    assert.equal(d.status, 'overdue');
    assert.equal(d.due, '2026-04-07');
  });

  it('an act met while stopped is met, and its due date is shown', () => {
    const d = one([act], [ev('x.start', '2026-03-02'), ev('x.stop', '2026-04-01'), ev('x.done', '2026-04-05')], '2026-04-06');
    assert.equal(d.status, 'met');
    assert.equal(d.due, '2026-06-04', 'the 4 stopped days (4-01..4-04) added to 5-31');
    assert.equal(d.late, false);
  });

  it('an extension of 30 days adds 30 days (length shows it); extensions add up', () => {
    const d = one([act], [ev('x.start', '2026-03-02'), ev('x.extend', '2026-05-20', { days: 30 }), ev('x.extend', '2026-06-20', { days: 15 })], '2026-06-21');
    assert.equal(d.length, 135);
    assert.equal(d.due, addCalendarDays(cal, '2026-03-02', 135).date);
  });

  it('an extension to a date (a deferral) sets the due date itself', () => {
    const d = one([act], [ev('x.start', '2026-03-02'), ev('x.extend', '2026-05-20', { dueOn: '2026-08-31' })], '2026-08-31');
    assert.equal(d.due, '2026-08-31');
    assert.equal(d.status, 'due-soon');
  });
});

describe('instances, windows and conditions', () => {
  it('one deadline per instance: each is met only by an act naming it', () => {
    const events = [
      ev('y.start', '2026-09-28', { itemId: 'A' }),
      ev('y.start', '2026-09-29', { itemId: 'B' }),
      ev('y.done', '2026-10-08', { itemId: 'A' }),
      ev('y.done', '2026-10-08', {}),
    ];
    const out = computeDeadlines([quick], events, cal, '2026-10-15', 2);
    assert.deepEqual(
      out.map((d) => [d.instance, d.status, d.due]),
      [
        ['A', 'met', addWorkingDays(cal, '2026-09-28', 7).date],
        ['B', 'overdue', addWorkingDays(cal, '2026-09-29', 7).date],
      ],
    );
    assert.equal(out[1]!.due, '2026-10-14', 'Tue 9-29 + 7 working days over National Day, counting the 调休 Saturday 10-10');
  });

  it('a window starts from the date field the rule names and closes; without that date it has not started', () => {
    const window: DeadlineRule = { id: 'w', label: '申请', article: '第三条', kind: 'window', start: 'z.notice', startDateField: 'servedOn', length: 5, unit: 'working', metBy: 'z.request' };
    const d = one([window], [ev('z.notice', '2026-02-10', { servedOn: '2026-02-12' })], '2026-02-27');
    assert.deepEqual([d.kind, d.start, d.due, d.status], ['window', '2026-02-12', '2026-02-26', 'overdue']);
    assert.deepEqual(computeDeadlines([window], [ev('z.notice', '2026-02-10', {})], cal, '2026-02-27', 3), []);
  });

  it('a start condition sees the event’s data and the events before it', () => {
    const rule: DeadlineRule = { ...act, start: { type: 'x.start', when: (data, earlier) => data.counts === true && earlier.some((e) => e.type === 'x.ready') } };
    assert.equal(computeDeadlines([rule], [ev('x.start', '2026-03-02', { counts: true })], cal, '2026-03-03', 3).length, 0);
    assert.equal(computeDeadlines([rule], [ev('x.ready', '2026-03-01'), ev('x.start', '2026-03-02', { counts: false })], cal, '2026-03-03', 3).length, 0);
    assert.equal(computeDeadlines([rule], [ev('x.ready', '2026-03-01'), ev('x.start', '2026-03-02', { counts: true })], cal, '2026-03-03', 3).length, 1);
  });

  it('several rules give their deadlines in rule order', () => {
    const out = computeDeadlines([act, quick], [ev('y.start', '2026-03-02', { itemId: 'A' }), ev('x.start', '2026-03-03')], cal, '2026-03-04', 3);
    assert.deepEqual(
      out.map((d) => d.rule),
      ['act', 'quick'],
    );
  });
});
