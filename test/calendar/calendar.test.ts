import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine, TEST_ADMIN } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { countEvents, PLATFORM_LOG } from '../../src/ledger/ledger.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';
import { addWorkingDays, isWorkingDay } from '../../src/calendar/calendar.rules.ts';
import { getCalendarYear, listCalendarYears, loadCalendar, onCalendarYearSet, setCalendarYear } from '../../src/calendar/calendar.service.ts';
import { DomainError } from '../../src/kernel/errors.ts';

/** 2027 as an admin might enter it once the State Council publishes it (a made-up notice). */
const Y2027 = {
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-03', name: '元旦' },
  ],
  workdays: [],
  reason: '国务院办公厅关于2027年部分节假日安排的通知',
};

describeEachEngine('the working-day calendar: official years seeded, admin years in the ledger (节假日日历)', (ctx) => {
  let server: FastifyInstance;
  let admin: Session;
  let officer: Session;
  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    admin = await loginAs(server, 'admin');
    officer = await loginAs(server, 'whzf-officer1');
  });
  const put = (year: number, body: unknown, version: string | null, who: Session = admin) =>
    server.inject({ method: 'PUT', url: `/api/calendar/years/${year}`, payload: body as object, headers: { ...who, ...(version === null ? {} : { 'if-match': version }) } });

  it('the migration seeds the official years 2004–2026 as reference data, without a single ledger event; 2027 is missing (clock 2026-03-02)', async () => {
    const list = await listCalendarYears(ctx());
    assert.deepEqual(list.years.map((y) => y.year), Array.from({ length: 23 }, (_, i) => 2004 + i));
    assert.ok(list.years.every((y) => y.source === 'official' && y.version === 0));
    assert.deepEqual(list.missing, [2027]);
    const calendarEvents = await ctx().db.selectFrom('events').select('seq').where('type', 'like', 'calendar.%').execute();
    assert.equal(calendarEvents.length, 0);
    assert.ok(!ctx().ledger.projectionTables.includes('calendar_official'), 'reference data, not a projection');
  });

  it('any logged-in user reads the calendar; without a login it is 401', async () => {
    const list = await server.inject({ url: '/api/calendar/years', headers: officer });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().missing, [2027]);
    const y = await server.inject({ url: '/api/calendar/years/2026', headers: officer });
    assert.equal(y.statusCode, 200);
    assert.equal(y.headers.etag, '"0"');
    const body = y.json();
    assert.equal(body.source, 'official');
    assert.equal(body.holidays.length, 33);
    assert.deepEqual(body.workdays, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    assert.deepEqual(body.holidays.find((h: { date: string }) => h.date === '2026-10-01'), { date: '2026-10-01', name: '国庆节' });
    const none = (await server.inject({ url: '/api/calendar/years/2027', headers: officer })).json();
    assert.deepEqual([none.source, none.holidays, none.version, none.official], ['none', [], 0, null]);
    assert.equal((await server.inject({ url: '/api/calendar/years' })).statusCode, 401);
    assert.equal((await server.inject({ url: '/api/calendar/years/1999', headers: officer })).statusCode, 400, 'outside the years that can exist');
  });

  it('the calendar in force has 2026 from the notice; 2027 counts weekends only and is provisional until entered', async () => {
    const cal = await loadCalendar(ctx().db);
    assert.equal(isWorkingDay(cal, '2026-10-10'), true, '调休 Saturday');
    assert.equal(isWorkingDay(cal, '2026-10-05'), false);
    assert.deepEqual(addWorkingDays(cal, '2026-12-28', 5), { date: '2027-01-04', provisional: true });
    const only2026 = await loadCalendar(ctx().db, [2026]);
    assert.equal(isWorkingDay(only2026, '2025-10-01'), true, 'limited to 2026: 2025’s National Day is not in it');
  });

  it('refusals: no If-Match (428), a date outside the year, twice the same date, a holiday that is also a workday, a weekday as 调休, no reason, an unknown field, not an admin — and nothing is recorded', async () => {
    const domainEvents = async () => (await ctx().db.selectFrom('events').select('seq').where('type', 'not like', 'security.%').execute()).length;
    const events = await domainEvents();
    const cases: Array<[unknown, string | null, number, string, string?]> = [
      [Y2027, null, 428, 'precondition-required'],
      [{ ...Y2027, holidays: [{ date: '2026-12-31', name: '元旦' }] }, '"0"', 400, 'calendar-date-outside-year', 'holidays.0.date'],
      [{ ...Y2027, holidays: [...Y2027.holidays, { date: '2027-01-01', name: '元旦' }] }, '"0"', 400, 'calendar-date-duplicate', 'holidays.3.date'],
      [{ ...Y2027, workdays: ['2027-01-02'] }, '"0"', 400, 'calendar-holiday-also-workday', 'workdays.0'],
      [{ ...Y2027, workdays: ['2027-01-04'] }, '"0"', 400, 'calendar-workday-not-weekend', 'workdays.0'],
      [{ ...Y2027, reason: ' ' }, '"0"', 400, 'validation-failed'],
      [{ ...Y2027, note: 'x' }, '"0"', 400, 'validation-failed'],
      [{ ...Y2027, holidays: [{ date: '2027-02-30', name: '春节' }] }, '"0"', 400, 'validation-failed'],
    ];
    for (const [body, version, status, code, field] of cases) {
      const res = await put(2027, body, version);
      assert.equal(res.statusCode, status, `${code}: ${res.body}`);
      assert.equal(res.json().code, code);
      if (field) assert.equal(res.json().details.field, field);
    }
    const officerPut = await put(2027, Y2027, '"0"', officer);
    assert.equal(officerPut.statusCode, 403);
    assert.equal(officerPut.json().details.action, 'calendar.manage');
    assert.equal(await domainEvents(), events, 'nothing but the security record of the denial was added');
    await assert.rejects(setCalendarYear(ctx(), TEST_ADMIN, 2027, { ...Y2027, reason: '' }, 0), (e: unknown) => e instanceof DomainError && e.code === 'reason-required');
    await assert.rejects(setCalendarYear(ctx(), TEST_ADMIN, 1990, Y2027, 0), (e: unknown) => e instanceof DomainError && e.code === 'calendar-year-out-of-range');
  });

  it('an admin enters 2027 (If-Match "0"): recorded in the platform log with who and why; deadlines in 2027 are no longer provisional', async () => {
    const before = await loadCalendar(ctx().db);
    assert.equal(addWorkingDays(before, '2026-12-28', 5).provisional, true);
    const res = await put(2027, { ...Y2027, holidays: [...Y2027.holidays].reverse() }, '"0"');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers.etag, '"1"');
    assert.deepEqual(res.json().holidays.map((h: { date: string }) => h.date), ['2027-01-01', '2027-01-02', '2027-01-03'], 'stored in date order');
    assert.equal(res.json().source, 'admin');
    // The cached calendar of this process was dropped with the edit.
    assert.deepEqual(addWorkingDays(await loadCalendar(ctx().db), '2026-12-28', 5), { date: '2027-01-05', provisional: false });
    const row = await ctx().db.selectFrom('events').selectAll().where('type', '=', 'calendar.year-set').executeTakeFirstOrThrow();
    assert.equal(row.log_id, PLATFORM_LOG);
    assert.equal(row.subject, 'calendar-2027');
    const me = (await server.inject({ url: '/api/auth/me', headers: admin })).json().user;
    assert.equal(row.actor, me.id);
    assert.equal(JSON.parse(row.data).reason, Y2027.reason);
    const list = (await server.inject({ url: '/api/calendar/years', headers: officer })).json();
    assert.deepEqual(list.missing, []);
    assert.deepEqual(list.years.at(-1), { year: 2027, source: 'admin', holidayCount: 3, workdayCount: 0, version: 1, updatedAt: row.at });
  });

  it('a second edit with the version already used is a 409 carrying the current year; the same data again records nothing', async () => {
    const stale = await put(2027, { ...Y2027, workdays: ['2027-01-09'] }, '"0"');
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'version-mismatch');
    assert.equal(stale.json().details.current, 1);
    assert.equal(stale.json().details.state.year, 2027);
    const events = await countEvents(ctx().db);
    const same = await put(2027, { ...Y2027, reason: '再次确认' }, '"1"');
    assert.equal(same.statusCode, 200);
    assert.equal(await countEvents(ctx().db), events);
    const fixed = await put(2027, { ...Y2027, workdays: ['2027-01-09'], reason: '补录调休' }, '"1"');
    assert.equal(fixed.statusCode, 200);
    assert.equal(fixed.json().version, 2);
    assert.deepEqual(fixed.json().workdays, ['2027-01-09']);
  });

  it('an admin correction of an official year wins over the notice; the notice stays visible beside it', async () => {
    const corrected = await setCalendarYear(ctx(), TEST_ADMIN, 2026, { holidays: [{ date: '2026-10-01', name: '国庆节' }], workdays: [], reason: '测试更正' }, 0);
    assert.equal(corrected.source, 'admin');
    assert.equal(corrected.official?.holidays.length, 33);
    const cal = await loadCalendar(ctx().db);
    assert.equal(isWorkingDay(cal, '2026-10-02'), true, 'the corrected year is the one in force');
    await setCalendarYear(ctx(), TEST_ADMIN, 2026, { holidays: corrected.official!.holidays, workdays: corrected.official!.workdays, reason: '恢复通知原文' }, 1);
    assert.equal(isWorkingDay(await loadCalendar(ctx().db), '2026-10-02'), false);
  });

  it('an edit made elsewhere (another instance, not through this process’s service) is seen on the next load', async () => {
    const cal = await loadCalendar(ctx().db);
    assert.equal(isWorkingDay(cal, '2027-01-04'), true);
    await ctx().db.transaction().execute(async (trx) => {
      await ctx().ledger.append(trx, { log: PLATFORM_LOG, actor: 'system', type: 'calendar.year-set', subject: 'calendar-2027', data: { year: 2027, holidays: [...Y2027.holidays, { date: '2027-01-04', name: '元旦' }], workdays: [], reason: '另一实例' } });
    });
    assert.equal(isWorkingDay(await loadCalendar(ctx().db), '2027-01-04'), false);
  });

  it('two admins entering the same new year at once: one succeeds, the other gets 409', async () => {
    const entry = (reason: string) => setCalendarYear(ctx(), TEST_ADMIN, 2029, { holidays: [{ date: '2029-01-01', name: '元旦' }], workdays: [], reason }, 0);
    const results = await Promise.allSettled([entry('甲'), entry('乙')]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal((refused.reason as DomainError).code, 'version-mismatch');
    assert.equal((await getCalendarYear(ctx(), 2029)).version, 1);
  });

  it('whoever keeps dates computed from the calendar hears of each edit inside its transaction', async () => {
    const heard: number[] = [];
    onCalendarYearSet(async (_ctx, trx, year) => {
      const row = await trx.selectFrom('calendar_years').select('reason').where('year', '=', year).executeTakeFirst();
      if (row?.reason === '通知测试') heard.push(year);
    });
    const current = await getCalendarYear(ctx(), 2028);
    await setCalendarYear(ctx(), TEST_ADMIN, 2028, { holidays: [{ date: '2028-01-01', name: '元旦' }], workdays: [], reason: '通知测试' }, current.version);
    assert.deepEqual(heard, [2028]);
  });

  it('rebuilding the projections from the ledger gives the same admin years; the seeded official years are untouched', async () => {
    const dump = async () => ({
      years: (await ctx().db.selectFrom('calendar_years').selectAll().orderBy('year').execute()).map((r) => JSON.stringify(r)),
      official: (await ctx().db.selectFrom('calendar_official').selectAll().orderBy('year').execute()).map((r) => JSON.stringify(r)),
    });
    const before = await dump();
    assert.ok(before.years.length >= 3);
    assert.equal(before.official.length, 23);
    await rebuildProjections(ctx().db, ctx().ledger);
    assert.deepEqual(await dump(), before);
    assert.deepEqual(addWorkingDays(await loadCalendar(ctx().db), '2026-12-28', 5).date, '2027-01-06');
  });
});
