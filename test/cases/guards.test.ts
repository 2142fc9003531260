/**
 * The guards around the lifecycle: the record runs forward in time, the law's ceilings bind the
 * agency's settings, only the agency's own people act in its cases, and out-of-order acts are
 * refused as such (4xx), never as a server error.
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

const org = { kind: 'organisation', name: '石鼓区某演艺公司', idNumber: null, representative: '钱某', address: null, phone: null, minor: false };
const person = { kind: 'person', name: '孙某', idNumber: null, representative: null, address: null, phone: null, minor: false };
const warning = { kinds: ['warning'], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' };
const hearingPenalty = { kinds: ['suspend-business'], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '责令停业整顿十日' };

describeEachEngine(
  'case guards',
  (ctx) => {
    let server: FastifyInstance;
    const s: Record<string, Session> = {};
    let agencyId = '';
    const officers: Record<string, string> = {};
    const newCase = async (on?: string) => {
      const res = await server.inject({ method: 'POST', url: '/api/cases', headers: s['whzf-officer1']!, payload: { agencyId, field: '文化市场', source: 'inspection', cause: '案由', summary: '检查发现', parties: [org], ...(on ? { on } : {}) } });
      assert.equal(res.statusCode, 201, res.body);
      let version = res.json().case.version as number;
      const id = res.json().case.id as string;
      const act = async (who: string, name: string, body: Record<string, unknown>) => {
        const r = await server.inject({ method: 'POST', url: `/api/cases/${id}/${name}`, headers: { ...s[who]!, 'if-match': `"${version}"` }, payload: body });
        if (r.statusCode === 200) version = r.json().case.version;
        return r;
      };
      return { id, act };
    };

    before(async () => {
      await seedDemo(ctx());
      server = await buildServer(ctx(), { webDir: null });
      for (const u of ['whzf-officer1', 'whzf-head', 'admin']) s[u] = await loginAs(server, u);
      agencyId = (await server.inject({ url: '/api/auth/me', headers: s['whzf-head']! })).json().user.roles[0].agencyId;
      for (const o of (await server.inject({ url: `/api/officers?agencyId=${agencyId}`, headers: s['whzf-head']! })).json()) officers[o.name] = o.id;
    });

    it('an act may not be dated before the case’s last act: no decision back-dated before its notice (Arts 44, 62)', async () => {
      const c = await newCase('2026-03-02');
      assert.equal((await c.act('whzf-head', 'file', { on: '2026-03-02', handlerIds: [officers['刘建国'], officers['张晓明']] })).statusCode, 200);
      assert.equal((await c.act('whzf-head', 'close-investigation', { on: '2026-03-05', outcome: 'penalise', findings: '事实', proposedPenalty: warning })).statusCode, 200);
      assert.equal((await c.act('whzf-officer1', 'notify', { on: '2026-03-09', servedOn: '2026-03-10', proposedPenalty: warning, facts: '事实', reasons: '理由', basis: '依据' })).statusCode, 200);
      assert.equal((await c.act('whzf-officer1', 'record-statement', { on: '2026-03-10', text: '放弃', adopted: false, review: '无', waived: true })).statusCode, 200);
      const back = await c.act('whzf-head', 'decide', { on: '2026-03-09', penalty: warning, basis: '依据' });
      assert.equal(back.statusCode, 400);
      assert.equal(back.json().details.lastActOn, '2026-03-10');
      assert.equal((await c.act('whzf-head', 'decide', { on: '2026-03-10', penalty: warning, basis: '依据' })).statusCode, 200);
    });

    it('a hearing cannot be recorded before it was requested and scheduled: refused as out of order (409), not a server error', async () => {
      const c = await newCase();
      await c.act('whzf-head', 'file', { handlerIds: [officers['刘建国'], officers['张晓明']] });
      await c.act('whzf-head', 'close-investigation', { outcome: 'penalise', findings: '事实', proposedPenalty: hearingPenalty });
      await c.act('whzf-officer1', 'notify', { servedOn: '2026-03-12', proposedPenalty: hearingPenalty, facts: '事实', reasons: '理由', basis: '依据' });
      for (const [name, body] of [['record-hearing', { record: '笔录' }], ['schedule-hearing', { date: '2026-04-01', place: '听证室', presiderUserId: 'x', noticeServedOn: '2026-03-11' }]] as const) {
        const res = await c.act(name === 'record-hearing' ? 'whzf-officer1' : 'whzf-head', name, body);
        assert.equal(res.statusCode, 409, res.body);
        assert.equal(res.json().code, 'case-invalid-state');
      }
      await c.act('whzf-officer1', 'request-hearing', {});
      const early = await c.act('whzf-officer1', 'record-hearing', { record: '笔录' });
      assert.equal(early.statusCode, 409);
      assert.match(early.json().message, /第六十四条/);
    });

    it('第五十一条、第六十八条: the agency head cannot raise the on-the-spot ceilings above the law', async () => {
      const res = await server.inject({
        method: 'PUT',
        url: `/api/agencies/${agencyId}/case-settings`,
        headers: { ...s['whzf-head']!, 'if-match': '"0"' },
        payload: { settings: { ...DEFAULT_CASE_SETTINGS, simpleCeilingFen: { '*': { person: 5_000_000, organisation: 300_000 } } }, reason: '提高' },
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().message, /第五十一条/);
    });

    it('第五十七条: the platform admin reads every case but files and decides none', async () => {
      const c = await newCase();
      assert.equal((await server.inject({ url: `/api/cases/${c.id}`, headers: s.admin! })).statusCode, 200);
      const res = await c.act('admin', 'file', { handlerIds: [officers['刘建国'], officers['张晓明']] });
      assert.equal(res.statusCode, 403);
      const officerFiles = await c.act('whzf-officer1', 'file', { handlerIds: [officers['刘建国'], officers['张晓明']] });
      assert.equal(officerFiles.statusCode, 403);
      assert.match(officerFiles.json().message, /第五十七条/);
    });

    it('第四十二条、第六十七条: only an officer present decides on the spot; a fine not collected there is due in 15 days, with its deadline', async () => {
      const body = {
        agencyId,
        field: '文化市场',
        cause: '未按规定悬挂标志',
        parties: [person],
        officerIds: [officers['刘建国'], officers['张晓明']],
        place: '现场',
        facts: '事实',
        basis: '依据',
        penalty: { kinds: ['fine'], fineFen: 5_000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' },
        rightsTold: true,
        partySigned: true,
      };
      const byHead = await server.inject({ method: 'POST', url: '/api/cases/on-the-spot', headers: s['whzf-head']!, payload: body });
      assert.equal(byHead.statusCode, 403);
      const res = await server.inject({ method: 'POST', url: '/api/cases/on-the-spot', headers: s['whzf-officer1']!, payload: body });
      assert.equal(res.statusCode, 201, res.body);
      // Decided Thursday 2026-03-12: 15 calendar days end Friday 2026-03-27.
      assert.equal(res.json().case.execution.dueOn, '2026-03-27');
      assert.equal(res.json().deadlines.find((d: { rule: string }) => d.rule === 'payment').due, '2026-03-27');
      assert.equal(res.json().owed.outstandingFen, 5_000);
    });
  },
  () => new FixedClock('2026-03-12T02:00:00.000Z'),
);
