/**
 * The agency's case settings that deadlines depend on — the days to file (备案) an on-the-spot
 * decision and the "due soon" margin — refresh the stored deadlines of its open cases in the
 * settings' own transaction, so the overdue list never shows a date computed under old settings.
 * Real 2026 calendar.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { DEFAULT_CASE_SETTINGS } from '../../src/modules/cases/cases.rules.ts';

describeEachEngine(
  'case settings refresh the open cases’ deadlines (当场处罚决定备案, due-soon margin)',
  (ctx) => {
    let server: FastifyInstance;
    const s: Record<string, Session> = {};
    let agencyId = '';
    let caseId = '';
    let settingsVersion = 0;
    const login = async () => {
      for (const u of ['whzf-head', 'whzf-officer1']) s[u] = await loginAs(server, u);
    };
    const setDay = async (d: string) => {
      (ctx().clock as FixedClock).set(`${d}T02:00:00.000Z`);
      await login();
    };
    const putSettings = async (over: Partial<typeof DEFAULT_CASE_SETTINGS>, reason: string) => {
      const res = await server.inject({
        method: 'PUT',
        url: `/api/agencies/${agencyId}/case-settings`,
        headers: { ...s['whzf-head']!, 'if-match': `"${settingsVersion}"` },
        payload: { settings: { ...DEFAULT_CASE_SETTINGS, ...over }, reason },
      });
      assert.equal(res.statusCode, 200, res.body);
      settingsVersion = res.json().version;
    };
    const stored = async () => (await ctx().db.selectFrom('case_deadlines').select('due').where('case_id', '=', caseId).where('rule', '=', 'on-the-spot-report').executeTakeFirst())?.due ?? null;
    const overdueList = async () =>
      (await server.inject({ url: `/api/cases/overdue?agencyId=${agencyId}`, headers: s['whzf-head']! })).json().filter((x: { caseId: string; rule: string }) => x.caseId === caseId && x.rule === 'on-the-spot-report').map((x: { due: string; status: string }) => [x.due, x.status]);

    before(async () => {
      await seedDemo(ctx());
      server = await buildServer(ctx(), { webDir: null });
      await login();
      agencyId = (await server.inject({ url: '/api/auth/me', headers: s['whzf-head']! })).json().user.roles[0].agencyId;
      const officers: Record<string, string> = {};
      for (const o of (await server.inject({ url: `/api/officers?agencyId=${agencyId}`, headers: s['whzf-head']! })).json()) officers[o.name] = o.id;
      const res = await server.inject({
        method: 'POST',
        url: '/api/cases/on-the-spot',
        headers: s['whzf-officer1']!,
        payload: {
          agencyId,
          field: '文化市场',
          cause: '网吧未悬挂营业执照',
          parties: [{ kind: 'person', name: '李某', idNumber: null, representative: null, address: null, phone: null, minor: false }],
          officerIds: [officers['刘建国'], officers['张晓明']],
          place: '星辰网吧',
          facts: '未在显著位置悬挂《网络文化经营许可证》',
          basis: '《互联网上网服务营业场所管理条例》第三十二条',
          penalty: { kinds: ['warning'], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '警告' },
          rightsTold: true,
          partySigned: true,
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      caseId = res.json().case.id;
    });

    it('decided on the spot Thursday 2026-03-12: 备案 within the default 3 working days, by Tuesday 2026-03-17; overdue on the 18th', async () => {
      assert.equal(await stored(), '2026-03-17');
      await setDay('2026-03-18');
      assert.deepEqual(await overdueList(), [['2026-03-17', 'overdue']]);
    });

    it('the head allows 5 working days: the stored deadline moves to Thursday 2026-03-19 in the same request, and the case is due soon, not overdue', async () => {
      await putSettings({ onTheSpotReportDays: 5 }, '备案期限调整为五个工作日');
      assert.equal(await stored(), '2026-03-19');
      assert.deepEqual(await overdueList(), [['2026-03-19', 'due-soon']]);
      const v = (await server.inject({ url: `/api/cases/${caseId}`, headers: s['whzf-head']! })).json();
      assert.equal(v.deadlines.find((d: { rule: string }) => d.rule === 'on-the-spot-report').due, '2026-03-19');
    });

    it('a due-soon margin of 0 days: the case leaves the list until it is overdue', async () => {
      await putSettings({ onTheSpotReportDays: 5, dueSoonDays: 0 }, '不再提前提示');
      assert.equal(await stored(), '2026-03-19');
      assert.deepEqual(await overdueList(), []);
      await setDay('2026-03-20');
      assert.deepEqual(await overdueList(), [['2026-03-19', 'overdue']]);
    });

    it('a finished case owes nothing: after its 备案 the deadline is gone and a later change does not bring it back', async () => {
      const v = (await server.inject({ url: `/api/cases/${caseId}`, headers: s['whzf-head']! })).json();
      const res = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/report-on-the-spot`, headers: { ...s['whzf-officer1']!, 'if-match': `"${v.case.version}"` }, payload: {} });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(await stored(), null);
      await putSettings({ onTheSpotReportDays: 2 }, '备案期限调整为两个工作日');
      assert.equal(await stored(), null);
    });
  },
  () => new FixedClock('2026-03-12T02:00:00.000Z'),
);
