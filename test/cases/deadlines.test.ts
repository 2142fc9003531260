/**
 * Deadlines of real cases on the real 2026 calendar: the overdue list per agency and unit, the
 * list's overdue filter, and the Art 60 period that only an approved extension reopens.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { FixedClock } from '../../src/kernel/clock.ts';

const party = { kind: 'organisation', name: '珠晖区某演出公司', idNumber: null, representative: '赵某', address: null, phone: null, minor: false };
const proposal = { kinds: ['warning'], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '警告' };

describeEachEngine(
  'case deadlines (期限) on the 2026 calendar',
  (ctx) => {
    let server: FastifyInstance;
    const s: Record<string, Session> = {};
    let agencyId = '';
    let unitId = '';
    const officers: Record<string, string> = {};
    let caseId = '';
    let version = 0;
    const login = async () => {
      for (const u of ['whzf-head', 'whzf-officer1']) s[u] = await loginAs(server, u);
    };
    const act = async (who: string, name: string, body: Record<string, unknown>) => {
      const res = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/${name}`, headers: { ...s[who]!, 'if-match': `"${version}"` }, payload: body });
      if (res.statusCode === 200) version = res.json().case.version;
      return res;
    };

    before(async () => {
      await seedDemo(ctx());
      server = await buildServer(ctx(), { webDir: null });
      await login();
      const me = (await server.inject({ url: '/api/auth/me', headers: s['whzf-head']! })).json();
      agencyId = me.user.roles[0].agencyId;
      const agency = (await server.inject({ url: `/api/agencies/${agencyId}`, headers: s['whzf-head']! })).json();
      unitId = agency.units.find((u: { name: string }) => u.name === '执法一科').id;
      for (const o of (await server.inject({ url: `/api/officers?agencyId=${agencyId}`, headers: s['whzf-head']! })).json()) officers[o.name] = o.id;
      const res = await server.inject({ method: 'POST', url: '/api/cases', headers: s['whzf-officer1']!, payload: { agencyId, unitId, field: '文化市场', source: 'inspection', cause: '擅自变更演出内容', summary: '检查发现', parties: [party] } });
      caseId = res.json().case.id;
      version = res.json().case.version;
      assert.equal((await act('whzf-head', 'file', { handlerIds: [officers['刘建国'], officers['张晓明']] })).statusCode, 200);
    });

    it('第六十条: filed 2026-09-01, the 90 days end on 2026-11-30 (a Monday, a working day)', async () => {
      const v = (await server.inject({ url: `/api/cases/${caseId}`, headers: s['whzf-head']! })).json();
      const d = v.deadlines.find((x: { rule: string }) => x.rule === 'decision');
      assert.equal(d.due, '2026-11-30');
      assert.equal(d.status, 'open');
      assert.equal(d.provisional, false);
    });

    it('three days before, the overdue list shows it as due soon; a day after, as overdue — in the agency and in its unit', async () => {
      (ctx().clock as FixedClock).set('2026-11-28T02:00:00.000Z');
      await login();
      const soon = (await server.inject({ url: `/api/cases/overdue?agencyId=${agencyId}`, headers: s['whzf-head']! })).json();
      assert.deepEqual(soon.map((x: { caseId: string; status: string }) => [x.caseId, x.status]), [[caseId, 'due-soon']]);
      (ctx().clock as FixedClock).set('2026-12-01T02:00:00.000Z');
      await login();
      const late = (await server.inject({ url: `/api/cases/overdue?agencyId=${agencyId}&unitId=${unitId}`, headers: s['whzf-head']! })).json();
      assert.deepEqual(late.map((x: { caseId: string; status: string; rule: string }) => [x.caseId, x.status, x.rule]), [[caseId, 'overdue', 'decision']]);
      const other = (await server.inject({ url: `/api/cases/overdue?agencyId=${agencyId}&unitId=nonexistent`, headers: s['whzf-head']! })).json();
      assert.deepEqual(other, []);
      const listed = (await server.inject({ url: `/api/cases?agencyId=${agencyId}&overdue=true`, headers: s['whzf-head']! })).json();
      assert.deepEqual(listed.items.map((c: { id: string }) => c.id), [caseId]);
    });

    it('deciding after the 90 days is refused until the head approves an extension (第六十条)', async () => {
      assert.equal((await act('whzf-head', 'close-investigation', { outcome: 'penalise', findings: '擅自变更演出内容', proposedPenalty: proposal })).statusCode, 200);
      assert.equal((await act('whzf-officer1', 'notify', { servedOn: '2026-12-01', proposedPenalty: proposal, facts: '事实', reasons: '理由', basis: '《营业性演出管理条例》' })).statusCode, 200);
      assert.equal((await act('whzf-officer1', 'record-statement', { text: '无异议', adopted: false, review: '无', waived: true })).statusCode, 200);
      const refused = await act('whzf-head', 'decide', { penalty: proposal, basis: '《营业性演出管理条例》' });
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().code, 'decision-overdue');
      assert.match(refused.json().message, /第六十条/);
      const extended = await act('whzf-head', 'extend', { days: 30, reason: '案情复杂，经负责人批准延期三十日' });
      assert.equal(extended.json().deadlines.find((x: { rule: string }) => x.rule === 'decision').due, '2026-12-30');
      const decided = await act('whzf-head', 'decide', { penalty: proposal, basis: '《营业性演出管理条例》' });
      assert.equal(decided.statusCode, 200, decided.body);
      const open = (await server.inject({ url: `/api/cases/overdue?agencyId=${agencyId}`, headers: s['whzf-head']! })).json();
      assert.ok(!open.some((x: { rule: string; caseId: string }) => x.caseId === caseId && x.rule === 'decision'), 'a met deadline leaves the overdue list');
      // Art 61: the decision is to be served within 7 working days: 2026-12-01 (Tue) → 2026-12-10 (Thu).
      assert.equal(decided.json().deadlines.find((x: { rule: string }) => x.rule === 'service').due, '2026-12-10');
    });
  },
  () => new FixedClock('2026-09-01T02:00:00.000Z'),
);
