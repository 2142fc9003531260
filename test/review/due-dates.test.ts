/**
 * The review time limit (rules.md E; 国办发〔2018〕118号 item 十二) is counted in working days
 * (《行政处罚法》第八十五条) on the platform calendar. When a platform admin corrects a year of
 * that calendar, every open review's due date is counted again, in the same transaction, with
 * the limit that was in force when it was submitted — and each moved date is an event.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';

const party = { kind: 'organisation', name: '蒸湘区星空网吧', idNumber: '91430408MA4L000003', representative: '李某', address: '衡阳市蒸湘区', phone: null, minor: false };
const P1 = { kinds: ['warning', 'fine'], fineFen: 2_000_000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '警告，并处罚款20000元' };

describeEachEngine(
  'review due dates follow the platform calendar (《行政处罚法》第八十五条 working days)',
  (ctx) => {
    let server: FastifyInstance;
    const s: Record<string, Session> = {};
    let agencyId = '';
    let caseId = '';
    let caseVersion = 0;
    let reviewId = '';
    const officer: Record<string, string> = {};

    const send = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, ifMatch?: number) =>
      server.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }), headers: { ...s[who]!, ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }) } });
    const ok = async (res: Promise<LightMyRequestResponse>, status = 200) => {
      const r = await res;
      assert.equal(r.statusCode, status, r.body);
      return r.json();
    };
    const act = async (who: string, name: string, body: Record<string, unknown>) => {
      caseVersion = (await ok(send(who, 'POST', `/api/cases/${caseId}/${name}`, body, caseVersion))).case.version;
    };
    const recomputed = async () =>
      (await ctx().db.selectFrom('events').select(['actor', 'data', 'log_id', 'subject']).where('type', '=', 'review.due-recomputed').orderBy('id').execute()).map((e) => ({ ...e, data: JSON.parse(e.data) }));

    before(async () => {
      await seedDemo(ctx());
      server = await buildServer(ctx(), { webDir: null });
      for (const u of ['admin', 'whzf-officer1', 'whzf-head', 'whzf-legalhead']) s[u] = await loginAs(server, u);
      agencyId = (await ctx().db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
      const unitId = (await ctx().db.selectFrom('units').select('id').where('agency_id', '=', agencyId).where('name', '=', '执法一科').executeTakeFirstOrThrow()).id;
      for (const o of await ctx().db.selectFrom('officers').select(['id', 'name']).where('agency_id', '=', agencyId).execute()) officer[o.name] = o.id;
      // The head of legal review sets a 6-working-day limit before the submission.
      await ok(send('whzf-legalhead', 'PUT', `/api/agencies/${agencyId}/review-settings`, { settings: { reviewDays: 6, reviewerOutsideHandlingUnit: true }, reason: '审核期限六个工作日' }, 0));
      const clue = await ok(send('whzf-officer1', 'POST', '/api/cases', { agencyId, unitId, field: '文化市场', source: 'inspection', cause: '网吧接纳未成年人', summary: '检查发现接纳未成年人上网。', actOn: '2026-08-28', parties: [party] }), 201);
      caseId = clue.case.id;
      caseVersion = clue.case.version;
      await act('whzf-head', 'file', { handlerIds: [officer['刘建国'], officer['张晓明']] });
      await act('whzf-officer1', 'record-inspection', { officerIds: [officer['刘建国'], officer['张晓明']], place: '星空网吧', content: '检查发现 1 名未成年人上网。', evidence: [{ kind: '现场笔录', description: '现场检查笔录' }] });
      await act('whzf-head', 'close-investigation', { outcome: 'penalise', findings: '接纳 1 名未成年人上网。', proposedPenalty: P1 });
      await act('whzf-officer1', 'notify', { servedOn: '2026-09-01', proposedPenalty: P1, facts: '接纳未成年人上网', reasons: '违反条例第二十一条', basis: '条例第三十一条' });
    });

    it('submitted Tuesday 2026-09-01 with the 6-working-day limit: due Wednesday 2026-09-09; a later change of the limit leaves it', async () => {
      const v = await ok(send('whzf-officer1', 'POST', `/api/cases/${caseId}/review-submissions`, {}, caseVersion), 201);
      reviewId = v.review.id;
      assert.equal(v.review.dueOn, '2026-09-09');
      await ok(send('whzf-legalhead', 'PUT', `/api/agencies/${agencyId}/review-settings`, { settings: { reviewDays: 10, reviewerOutsideHandlingUnit: true }, reason: '延长审核期限' }, 1));
      assert.equal((await ok(send('whzf-legalhead', 'GET', `/api/reviews/${reviewId}`))).review.dueOn, '2026-09-09');
    });

    it('an admin makes Thursday 2026-09-03 a holiday: the open review is due a working day later (2026-09-10), on the review and on the case, recorded as review.due-recomputed by that admin', async () => {
      const official = (await ok(send('admin', 'GET', '/api/calendar/years/2026'))).official;
      const body = { holidays: [...official.holidays, { date: '2026-09-03', name: '纪念日' }], workdays: official.workdays, reason: '国务院通知：9月3日放假一天' };
      const res = await server.inject({ method: 'PUT', url: '/api/calendar/years/2026', payload: body, headers: { ...s.admin!, 'if-match': '"0"' } });
      assert.equal(res.statusCode, 200, res.body);
      const review = (await ok(send('whzf-legalhead', 'GET', `/api/reviews/${reviewId}`))).review;
      assert.equal(review.dueOn, '2026-09-10');
      const c = (await ok(send('whzf-head', 'GET', `/api/cases/${caseId}`))).case;
      assert.equal(c.review.dueOn, '2026-09-10');
      const adminId = (await ok(send('admin', 'GET', '/api/auth/me'))).user.id;
      const events = await recomputed();
      assert.equal(events.length, 1);
      assert.deepEqual(
        { actor: events[0]!.actor, log: events[0]!.log_id, subject: events[0]!.subject, ...events[0]!.data },
        { actor: adminId, log: agencyId, subject: caseId, id: reviewId, caseId, before: '2026-09-09', dueOn: '2026-09-10', reviewDays: 6, calendarYear: 2026, on: '2026-09-01' },
        'the limit in force at submission (6), not the one set since (10)',
      );
    });

    it('on 2026-09-10 the review is not overdue (it would have been under the old calendar)', async () => {
      (ctx().clock as FixedClock).set('2026-09-10T02:00:00.000Z');
      for (const u of Object.keys(s)) s[u] = await loginAs(server, u);
      const overdue = await ok(send('whzf-legalhead', 'GET', `/api/reviews?agencyId=${agencyId}&overdue=true`));
      assert.deepEqual(overdue, []);
      (ctx().clock as FixedClock).set('2026-09-11T02:00:00.000Z');
      for (const u of Object.keys(s)) s[u] = await loginAs(server, u);
      const late = await ok(send('whzf-legalhead', 'GET', `/api/reviews?agencyId=${agencyId}&overdue=true`));
      assert.deepEqual(late.map((r: { id: string }) => r.id), [reviewId]);
    });

    it('a correction that moves no open due date (entering 2027) records nothing for the reviews', async () => {
      const res = await server.inject({
        method: 'PUT',
        url: '/api/calendar/years/2027',
        payload: { holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [], reason: '2027年节假日安排' },
        headers: { ...s.admin!, 'if-match': '"0"' },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await recomputed()).length, 1);
    });

    it('a decided review keeps its due date when the calendar changes again', async () => {
      const v = await ok(send('whzf-legalhead', 'GET', `/api/reviews/${reviewId}`));
      const reviewer = (await ctx().db.selectFrom('users').select('id').where('username', '=', 'whzf-reviewer1').executeTakeFirstOrThrow()).id;
      const assigned = await ok(send('whzf-legalhead', 'POST', `/api/reviews/${reviewId}/assign`, { reviewerUserId: reviewer }, v.review.version));
      s['whzf-reviewer1'] = await loginAs(server, 'whzf-reviewer1');
      await ok(
        send('whzf-reviewer1', 'POST', `/api/reviews/${reviewId}/decide`, { outcome: 'approved', checklist: Array.from({ length: 10 }, (_, i) => ({ point: i + 1, ok: true })), opinion: '同意。' }, assigned.review.version),
      );
      const official = (await ok(send('admin', 'GET', '/api/calendar/years/2026'))).official;
      const res = await server.inject({ method: 'PUT', url: '/api/calendar/years/2026', payload: { ...official, reason: '恢复通知原文' }, headers: { ...s.admin!, 'if-match': '"1"' } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await recomputed()).length, 1);
      assert.equal((await ok(send('whzf-legalhead', 'GET', `/api/reviews/${reviewId}`))).review.dueOn, '2026-09-10');
    });

    it('rebuilding the projections from the ledger gives the same review and case rows', async () => {
      const dump = async () => ({
        reviews: (await ctx().db.selectFrom('reviews').selectAll().orderBy('id').execute()).map((r) => JSON.stringify(r)),
        cases: (await ctx().db.selectFrom('cases').select(['id', 'record', 'version']).where('id', '=', caseId).execute()).map((r) => JSON.stringify(r)),
      });
      const before = await dump();
      await rebuildProjections(ctx().db, ctx().ledger);
      assert.deepEqual(await dump(), before);
    });
  },
  () => new FixedClock('2026-09-01T02:00:00.000Z'),
);
