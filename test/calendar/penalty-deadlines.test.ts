import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALENDAR_2026 } from '../../src/calendar/calendar2026.testing.ts';
import { buildCalendar } from '../../src/calendar/calendar.rules.ts';
import { PENALTY_DEADLINE_RULES, penaltyDeadlines, type CaseEventLike } from '../../src/modules/cases/deadlines.ts';
import { CASE_ACT_NAMES, caseEventType, type CaseAct } from '../../src/shared/cases.ts';

const cal = buildCalendar([CALENDAR_2026]);
const e = (act: CaseAct, on: string, data: Record<string, unknown> = {}): CaseEventLike => ({ type: caseEventType(act), data: { on, ...data } });
const of = (rule: string, events: CaseEventLike[], today: string, options = {}) => penaltyDeadlines(events, cal, today, options).filter((d) => d.rule === rule);
const only = (rule: string, events: CaseEventLike[], today: string, options = {}) => {
  const found = of(rule, events, today, options);
  assert.equal(found.length, 1, JSON.stringify(found));
  return found[0]!;
};

const fine = { kinds: ['fine'], fineFen: 500000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' };

describe('penalty-case deadline rules', () => {
  it('every rule names only acts of CASE_ACTS', () => {
    const known = new Set(CASE_ACT_NAMES.map(caseEventType));
    for (const rule of PENALTY_DEADLINE_RULES) {
      const types = [rule.start, rule.metBy, rule.cancelledBy, rule.stoppedBy, rule.resumedBy, rule.extendedBy]
        .flatMap((m) => (m === undefined ? [] : Array.isArray(m) ? m : [m]))
        .map((m) => (typeof m === 'string' ? m : (m as { type: string }).type));
      for (const t of types) assert.ok(known.has(t as never), `${rule.id}: ${t}`);
    }
  });
});

describe('《行政处罚法》第六十条 立案之日起九十日内作出决定 (calendar days; 中止 not counted; 延期 with approval)', () => {
  it('第六十条: filed 2026-07-03, the 90th day is National Day, so the decision is due 2026-10-08 (民法典第二百零三条)', () => {
    const d = only('decision', [e('file', '2026-07-03')], '2026-09-01');
    assert.deepEqual([d.start, d.due, d.unit, d.length, d.status, d.article], ['2026-07-03', '2026-10-08', 'calendar', 90, 'open', '《行政处罚法》第六十条']);
  });

  it('第六十条: a decision, a 不予处罚 decision or a transfer meets it; a late one is marked late', () => {
    for (const act of ['decide', 'decide-no-penalty', 'transfer'] as const) {
      const d = only('decision', [e('file', '2026-03-02'), e(act, '2026-05-20')], '2026-05-21');
      assert.deepEqual([d.status, d.metOn, d.late], ['met', '2026-05-20', false], act);
    }
    assert.equal(only('decision', [e('file', '2026-03-02'), e('decide', '2026-06-02')], '2026-06-03').late, true);
  });

  it('第六十条: 中止 stops the clock (10 days suspended → due 10 days later), 延期 adds the approved days', () => {
    const events = [e('file', '2026-03-02'), e('suspend', '2026-04-01'), e('resume', '2026-04-11')];
    assert.equal(only('decision', events, '2026-04-12').due, '2026-06-10');
    assert.equal(only('decision', events.slice(0, 2), '2026-09-01').status, 'stopped');
    const extended = only('decision', [...events, e('extend', '2026-06-01', { days: 30 })], '2026-06-02');
    assert.deepEqual([extended.length, extended.due], [120, '2026-07-10']);
  });

  it('第六十条: 撤销立案 ends the period (no deadline remains)', () => {
    assert.deepEqual(of('decision', [e('file', '2026-03-02'), e('revoke-filing', '2026-03-20')], '2026-09-01'), []);
  });

  it('a decision due in 2027 (no official calendar yet) is provisional', () => {
    const d = only('decision', [e('file', '2026-11-16')], '2026-11-17');
    assert.equal(d.due, '2027-02-15');
    assert.equal(d.provisional, true);
  });
});

describe('《行政处罚法》第五十六条 先行登记保存 七日内作出处理决定 (working days, one per preservation)', () => {
  it('第五十六条: each preservation has its own 7 working days over National Day; handling one leaves the other running', () => {
    const events = [
      e('file', '2026-09-01'),
      e('preserve-evidence', '2026-09-28', { preservationId: 'p1' }),
      e('preserve-evidence', '2026-09-30', { preservationId: 'p2' }),
      e('handle-preservation', '2026-10-09', { preservationId: 'p1' }),
    ];
    const out = of('preservation', events, '2026-10-14');
    assert.deepEqual(
      out.map((d) => [d.instance, d.due, d.status, d.metOn]),
      [
        ['p1', '2026-10-13', 'met', '2026-10-09'],
        // Wed 9-30 → 10-08, 10-09, 10-10 (调休 Saturday), 10-12, 10-13, 10-14, 10-15
        ['p2', '2026-10-15', 'due-soon', null],
      ],
    );
  });
});

describe('《行政处罚法》第六十四条第（一）项 告知后五日内申请听证 (a window from service of the notice)', () => {
  it('第六十四条: the notice served Thursday 2026-02-12 leaves 5 working days: the 调休 Saturday 2-14, then 2-24..2-26', () => {
    const d = only('hearing-request', [e('notify', '2026-02-11', { servedOn: '2026-02-12', hearingRight: true })], '2026-02-13');
    assert.deepEqual([d.kind, d.start, d.due, d.status], ['window', '2026-02-12', '2026-02-26', 'open']);
    assert.equal(only('hearing-request', [e('notify', '2026-02-11', { servedOn: '2026-02-12', hearingRight: true })], '2026-02-27').status, 'overdue', 'the window has closed');
    const requested = only('hearing-request', [e('notify', '2026-02-11', { servedOn: '2026-02-12', hearingRight: true }), e('request-hearing', '2026-02-24')], '2026-02-27');
    assert.equal(requested.status, 'met');
  });

  it('第六十三条: a notice that gave no hearing right opens no window', () => {
    assert.deepEqual(of('hearing-request', [e('notify', '2026-02-11', { servedOn: '2026-02-12', hearingRight: false })], '2026-02-13'), []);
  });
});

describe('《行政处罚法》第六十一条 决定书七日内送达 (working days)', () => {
  it('第六十一条: decided Monday 2026-09-28, the decision must be served by 2026-10-13; service meets it', () => {
    assert.equal(only('service', [e('decide', '2026-09-28', { penalty: fine })], '2026-09-29').due, '2026-10-13');
    assert.equal(only('service', [e('decide-no-penalty', '2026-09-28')], '2026-10-14').status, 'overdue');
    assert.equal(only('service', [e('decide', '2026-09-28', { penalty: fine }), e('serve', '2026-10-09', { dueOn: '2026-10-26' })], '2026-10-14').status, 'met');
  });
});

describe('《行政处罚法》第六十七条第三款 收到决定书之日起十五日内缴纳罚款 (calendar days; deferral moves it)', () => {
  const decided = e('decide', '2026-09-10', { penalty: fine });

  it('第六十七条: served 2026-09-16, the 15th day is National Day, so payment is due 2026-10-08 (民法典第二百零三条)', () => {
    const d = only('payment', [decided, e('serve', '2026-09-16', { dueOn: '2026-10-01' })], '2026-09-17');
    assert.deepEqual([d.start, d.due, d.unit, d.status], ['2026-09-16', '2026-10-08', 'calendar', 'open']);
  });

  it('第六十七条: only a payment that settles the fine meets it', () => {
    const served = [decided, e('serve', '2026-09-16', { dueOn: '2026-10-08' })];
    assert.equal(only('payment', [...served, e('record-payment', '2026-09-20', { amountFen: 100000, settled: false })], '2026-10-09').status, 'overdue');
    assert.equal(only('payment', [...served, e('record-payment', '2026-09-20', { amountFen: 500000, settled: true })], '2026-10-09').status, 'met');
  });

  it('第六十六条: an approved deferral sets the new due date', () => {
    const d = only('payment', [decided, e('serve', '2026-09-16', { dueOn: '2026-10-08' }), e('approve-deferral', '2026-09-30', { dueOn: '2026-11-30' })], '2026-10-09');
    assert.deepEqual([d.due, d.status], ['2026-11-30', 'open']);
  });

  it('nothing to pay, no payment period: a service with no due date, a 不予处罚 decision, a warning', () => {
    assert.deepEqual(of('payment', [decided, e('serve', '2026-09-16', { dueOn: null })], '2026-09-17'), []);
    assert.deepEqual(of('payment', [e('decide-no-penalty', '2026-09-10'), e('serve', '2026-09-16')], '2026-09-17'), []);
    const warning = { ...fine, kinds: ['warning'], fineFen: null };
    assert.deepEqual(of('payment', [e('decide', '2026-09-10', { penalty: warning }), e('serve', '2026-09-16')], '2026-09-17'), []);
    assert.equal(of('payment', [decided, e('serve', '2026-09-16')], '2026-09-17').length, 1, 'the decision’s fine starts it when the service does not say');
  });
});

describe('《旅游行政处罚办法》第五十八条 当场处罚决定三日内备案', () => {
  it('第五十八条 with 处罚法第八十五条: decided on the spot Friday 2026-02-13, reported within 3 working days: 2-14 (调休), 2-24, 2-25', () => {
    const d = only('on-the-spot-report', [e('decide-on-the-spot', '2026-02-13')], '2026-02-14');
    assert.deepEqual([d.due, d.unit, d.length], ['2026-02-25', 'working', 3]);
    assert.equal(only('on-the-spot-report', [e('decide-on-the-spot', '2026-02-13'), e('report-on-the-spot', '2026-02-24')], '2026-02-25').status, 'met');
  });

  it('the period is a setting: 5 working days, or 3 calendar days (whose last day, a Spring Festival holiday, moves to 2-24)', () => {
    assert.equal(only('on-the-spot-report', [e('decide-on-the-spot', '2026-02-13')], '2026-02-14', { onTheSpotReportDays: 5 }).due, '2026-02-27');
    assert.equal(only('on-the-spot-report', [e('decide-on-the-spot', '2026-02-13')], '2026-02-14', { onTheSpotReportUnit: 'calendar' }).due, '2026-02-24');
  });
});

describe('a whole case', () => {
  it('an ordinary case from 立案 to payment: each period met in turn, and the due-soon threshold is a setting', () => {
    const events: CaseEventLike[] = [
      e('register-clue', '2026-02-02'),
      e('file', '2026-02-03'),
      e('preserve-evidence', '2026-02-05', { preservationId: 'p1' }),
      e('handle-preservation', '2026-02-13', { preservationId: 'p1' }),
      e('close-investigation', '2026-03-02'),
      e('notify', '2026-03-03', { servedOn: '2026-03-04', hearingRight: true }),
      e('decide', '2026-03-16', { penalty: fine }),
      e('serve', '2026-03-17', { dueOn: '2026-04-01' }),
    ];
    const out = penaltyDeadlines(events, cal, '2026-03-30', { dueSoonDays: 5 });
    assert.deepEqual(
      out.map((d) => [d.rule, d.status, d.due]),
      [
        ['decision', 'met', '2026-05-06'],
        ['preservation', 'met', '2026-02-14'],
        ['hearing-request', 'overdue', '2026-03-11'],
        ['service', 'met', '2026-03-25'],
        ['payment', 'due-soon', '2026-04-01'],
      ],
    );
  });

  it('an event without data.on is dated by its ledger time (China date)', () => {
    const d = penaltyDeadlines([{ type: 'case.file', data: {}, at: '2026-07-02T16:30:00.000Z' }], cal, '2026-07-04');
    assert.equal(d[0]!.start, '2026-07-03');
    assert.throws(() => penaltyDeadlines([{ type: 'case.file', data: {} }], cal, '2026-07-04'), RangeError);
  });
});
