/**
 * An agency's own thresholds drive the law's gates, and two people advancing one case at once
 * cannot both succeed.
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

const party = { kind: 'organisation', name: '雁峰区某歌舞厅', idNumber: null, representative: '王某', address: null, phone: null, minor: false };

describeEachEngine(
  'case settings and concurrent acts',
  (ctx) => {
    let server: FastifyInstance;
    let head: Session;
    let officer: Session;
    let agencyId = '';
    const officers: Record<string, string> = {};
    before(async () => {
      await seedDemo(ctx());
      server = await buildServer(ctx(), { webDir: null });
      head = await loginAs(server, 'whzf-head');
      officer = await loginAs(server, 'whzf-officer1');
      agencyId = (await server.inject({ url: '/api/auth/me', headers: head })).json().user.roles[0].agencyId;
      for (const o of (await server.inject({ url: `/api/officers?agencyId=${agencyId}`, headers: head })).json()) officers[o.name] = o.id;
    });

    const newCase = async () => {
      const res = await server.inject({ method: 'POST', url: '/api/cases', headers: officer, payload: { agencyId, field: '文化市场', source: 'inspection', cause: '歌舞厅未按规定设置警示标志', summary: '检查发现', parties: [party] } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().case as { id: string; version: number };
    };

    it('two heads filing the same case at once: one succeeds, the other gets 409 with the current state', async () => {
      const c = await newCase();
      const file = () =>
        server.inject({ method: 'POST', url: `/api/cases/${c.id}/file`, headers: { ...head, 'if-match': `"${c.version}"` }, payload: { handlerIds: [officers['刘建国'], officers['张晓明']] } });
      const answers = await Promise.all([file(), file()]);
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 409]);
      const lost = answers.find((a) => a.statusCode === 409)!.json();
      assert.equal(lost.code, 'version-mismatch');
      assert.equal(lost.details.state.status, 'investigating');
      const events = await ctx().db.selectFrom('events').select('type').where('subject', '=', c.id).execute();
      // One filing, one 立案审批表: the loser's document number was never taken.
      assert.deepEqual(events.map((e) => e.type), ['case.register-clue', 'document.issued', 'case.file']);
      assert.match(answers.find((a) => a.statusCode === 200)!.json().case.caseNo, /立字〔2026〕第\d+号$/);
    });

    it('第五十八条: the head of legal review adds a catalog rule (fines of ¥3,000 and more); from its effective date a ¥5,000 proposal needs review', async () => {
      const legalHead = await loginAs(server, 'whzf-legalhead');
      const denied = await server.inject({ method: 'POST', url: '/api/review-catalog', headers: head, payload: { agencyId, rule: { kind: 'fine-at-least', person: 300_000, organisation: 300_000 }, effectiveFrom: '2026-03-02', reason: '调整' } });
      assert.equal(denied.statusCode, 403, 'the agency head reads the catalog; the head of legal review keeps it');
      const added = await server.inject({
        method: 'POST',
        url: '/api/review-catalog',
        headers: legalHead,
        payload: { agencyId, rule: { kind: 'fine-at-least', person: 300_000, organisation: 300_000 }, effectiveFrom: '2026-03-02', reason: '局务会议决定：罚款三千元以上须法制审核' },
      });
      assert.equal(added.statusCode, 201, added.body);

      const c = await newCase();
      let v = c.version;
      const act = async (who: Session, name: string, body: Record<string, unknown>) => {
        const res = await server.inject({ method: 'POST', url: `/api/cases/${c.id}/${name}`, headers: { ...who, 'if-match': `"${v}"` }, payload: body });
        if (res.statusCode === 200) v = res.json().case.version;
        return res;
      };
      assert.equal((await act(head, 'file', { handlerIds: [officers['刘建国'], officers['张晓明']] })).statusCode, 200);
      const proposal = { kinds: ['warning', 'fine'], fineFen: 500_000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' };
      const closed = await act(head, 'close-investigation', { outcome: 'penalise', findings: '未设置未成年人禁入标志', proposedPenalty: proposal });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(closed.json().reviewRequiredBecause.length, 1);
      await act(officer, 'notify', { servedOn: '2026-03-02', proposedPenalty: proposal, facts: '事实', reasons: '理由', basis: '《娱乐场所管理条例》' });
      await act(officer, 'record-statement', { text: '无异议', adopted: false, review: '无新的事实', waived: true });
      const decide = await act(head, 'decide', { penalty: proposal, basis: '《娱乐场所管理条例》' });
      assert.equal(decide.statusCode, 409);
      assert.equal(decide.json().code, 'legal-review-required');
      assert.match(decide.json().message, /第五十八条/);
    });

    it('the head sets the agency’s thresholds; each change is an event with its reason', async () => {
      const current = (await server.inject({ url: `/api/agencies/${agencyId}/case-settings`, headers: officer })).json();
      assert.equal(current.version, 0);
      assert.deepEqual(current.settings, DEFAULT_CASE_SETTINGS);
      const denied = await server.inject({ method: 'PUT', url: `/api/agencies/${agencyId}/case-settings`, headers: { ...officer, 'if-match': '"0"' }, payload: { settings: current.settings, reason: '调整' } });
      assert.equal(denied.statusCode, 403);
      const set = await server.inject({
        method: 'PUT',
        url: `/api/agencies/${agencyId}/case-settings`,
        headers: { ...head, 'if-match': '"0"' },
        payload: { settings: { ...current.settings, dueSoonDays: 5 }, reason: '提前五日提醒' },
      });
      assert.equal(set.statusCode, 200, set.body);
      assert.equal(set.json().version, 1);
      const ev = await ctx().db.selectFrom('events').select('data').where('type', '=', 'case-settings.set').executeTakeFirstOrThrow();
      assert.equal(JSON.parse(ev.data).reason, '提前五日提醒');
    });
  },
  () => new FixedClock('2026-03-02T02:00:00.000Z'),
);
