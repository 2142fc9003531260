/**
 * 法制审核 (《行政处罚法》第五十八条; 国办发〔2018〕118号 items 十一–十四) through the HTTP API on
 * both engines: the whole loop submit → 存在问题 → fix → resubmit → 同意 → decide, the reviewers
 * the law refuses, a changed proposal re-opening the gate, the inbox and its overdue list,
 * statistics, and the rows a rebuild must reproduce. Dates follow the real 2026 calendar.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';
import { createUser } from '../../src/modules/identity/users.service.ts';
import { registerOfficer } from '../../src/modules/identity/officers.service.ts';

const clock = new FixedClock('2026-09-01T02:00:00.000Z');

const party = { kind: 'organisation', name: '蒸湘区云端网吧', idNumber: '91430408MA4L000002', representative: '王某', address: '衡阳市蒸湘区蒸湘北路 8 号', phone: null, minor: false };
const fine = (fen: number) => ({ kinds: ['warning', 'fine'], fineFen: fen, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: `警告，并处罚款${fen / 100}元` });
const P1 = fine(2_000_000);
const P2 = fine(1_200_000);
const ALL_OK = Array.from({ length: 10 }, (_, i) => ({ point: i + 1, ok: true }));
const SESSIONS = ['whzf-officer1', 'whzf-officer3', 'whzf-head', 'whzf-legalhead', 'whzf-reviewer1', 'whzf-reviewer2', 'wwj-legalhead', 'rv-team', 'rv-unit', 'whzf-adviser'];

describeEachEngine(
  'legal review (法制审核, Art 58): submit → 存在问题 → fix → resubmit → 同意 → decide',
  (ctx) => {
    let server: FastifyInstance;
    const s: Record<string, Session> = {};
    const user: Record<string, string> = {};
    const officer: Record<string, string> = {};
    const unit: Record<string, string> = {};
    let agencyId = '';
    let caseId = '';
    let caseVersion = 0;
    const rounds: { id: string; version: number }[] = [];

    const day = async (d: string) => {
      clock.set(`${d}T02:00:00.000Z`);
      for (const u of SESSIONS) s[u] = await loginAs(server, u);
    };
    const recordEvents = async () => Number((await ctx().db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('type', 'not like', 'security.%').executeTakeFirstOrThrow()).n);
    const send = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, ifMatch?: number) =>
      server.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }), headers: { ...s[who]!, ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }) } });
    const ok = async (res: LightMyRequestResponse | Promise<LightMyRequestResponse>, status = 200) => {
      const r = await res;
      assert.equal(r.statusCode, status, r.body);
      return r.json();
    };
    /** A refusal: status, code, the rule named in the message, nothing appended. */
    const refused = async (run: () => Promise<LightMyRequestResponse>, status: number, code: string, rule?: RegExp) => {
      const before = await recordEvents();
      const res = await run();
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.json().code, code, res.body);
      if (rule) assert.match(res.json().message, rule);
      assert.equal(await recordEvents(), before, 'a refusal appends nothing');
      return res.json();
    };
    const caseAct = async (who: string, act: string, body: Record<string, unknown>) => {
      const v = await ok(send(who, 'POST', `/api/cases/${caseId}/${act}`, body, caseVersion));
      caseVersion = v.case.version;
      return v;
    };
    const refreshCase = async () => {
      const v = await ok(send('whzf-head', 'GET', `/api/cases/${caseId}`));
      caseVersion = v.case.version;
      return v;
    };
    const review = (i: number) => rounds[i]!;
    const track = <T extends { review: { id: string; version: number } }>(i: number, v: T): T => {
      rounds[i] = { id: v.review.id, version: v.review.version };
      return v;
    };

    before(async () => {
      const app = ctx();
      await seedDemo(app);
      server = await buildServer(app, { webDir: null });
      const agency = await app.db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow();
      agencyId = agency.id;
      for (const u of await app.db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agencyId).execute()) unit[u.name] = u.id;
      // Reviewers the law refuses besides 李法制 (whzf-legalhead: head of legal review, no 法律职业资格 recorded):
      // one on the case team, one of the handling unit (执法一科). A legal-reviewer grant itself needs the qualification.
      const reviewer = (username: string, name: string, unitName: string, legal: string) =>
        createUser(app, null, { username, displayName: name, password: DEMO_PASSWORD, legalQualificationNo: legal, roles: [{ role: 'legal-reviewer', agencyId, unitId: unit[unitName]! }] });
      const team = await reviewer('rv-team', '孙兼办', '法制科', 'A20214301007777');
      await reviewer('rv-unit', '周科审', '执法一科', 'A20214301008888');
      await registerOfficer(app, null, {
        agencyId,
        unitId: unit['法制科']!,
        userId: team.id,
        name: '孙兼办',
        post: '科员',
        certificateNo: '43040120777',
        issuingAuthority: '衡阳市人民政府',
        fields: ['文化市场'],
        validFrom: '2025-01-01',
        validTo: '2029-12-31',
        auxiliary: false,
      });
      for (const u of await app.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id;
      for (const o of await app.db.selectFrom('officers').select(['id', 'name']).where('agency_id', '=', agencyId).execute()) officer[o.name] = o.id;
      await day('2026-09-01');
    });

    it('a case of 执法一科 to the proposed decision; the Art 58 gate blocks the major decision before any review', async () => {
      const clue = await ok(
        send('whzf-officer1', 'POST', '/api/cases', { agencyId, unitId: unit['执法一科'], field: '文化市场', source: 'inspection', cause: '网吧接纳未成年人', summary: '检查发现接纳未成年人上网。', actOn: '2026-08-28', parties: [party] }),
        201,
      );
      caseId = clue.case.id;
      caseVersion = clue.case.version;
      await refused(() => send('whzf-officer1', 'POST', `/api/cases/${caseId}/review-submissions`, {}, caseVersion), 409, 'case-invalid-state');
      await caseAct('whzf-head', 'file', { handlerIds: [officer['刘建国'], officer['张晓明'], officer['孙兼办']] });
      await caseAct('whzf-officer1', 'record-inspection', {
        officerIds: [officer['刘建国'], officer['张晓明']],
        place: '云端网吧',
        content: '出示执法证件后检查，发现 2 名未成年人上网。',
        evidence: [{ kind: '现场笔录', description: '现场检查笔录' }, { kind: '视听资料', description: '执法记录仪视频' }],
      });
      const closed = await caseAct('whzf-head', 'close-investigation', { outcome: 'penalise', findings: '2026 年 8 月 28 日接纳 2 名未成年人上网。', proposedPenalty: P1 });
      assert.ok(closed.reviewRequiredBecause.length > 0);
      await caseAct('whzf-officer1', 'notify', { servedOn: '2026-09-01', proposedPenalty: P1, facts: '接纳未成年人上网', reasons: '违反条例第二十一条', basis: '条例第三十一条' });
      await refused(() => send('whzf-head', 'POST', `/api/cases/${caseId}/decide`, { penalty: P1, basis: '条例第三十一条' }, caseVersion), 409, 'legal-review-required', /第五十八条/);
    });

    it('送审 by a handler (If-Match: the case): round 1 with its materials and a due date 5 working days on; not by an officer off the case; one open round at a time', async () => {
      await refused(() => send('whzf-officer3', 'POST', `/api/cases/${caseId}/review-submissions`, {}, caseVersion), 403, 'not-case-handler');
      await refused(() => send('whzf-officer1', 'POST', `/api/cases/${caseId}/review-submissions`, {}, caseVersion - 1), 409, 'version-mismatch');
      const v = track(0, await ok(send('whzf-officer1', 'POST', `/api/cases/${caseId}/review-submissions`, { note: '请审核' }, caseVersion), 201));
      assert.equal(v.review.round, 1);
      assert.equal(v.review.status, 'submitted');
      assert.equal(v.review.dueOn, '2026-09-08');
      assert.deepEqual(v.review.materials.map((m: { name: string; present: boolean }) => [m.name, m.present]), [
        ['调查终结报告', true],
        ['证据材料清单', true],
        ['拟作出的行政处罚决定', true],
      ]);
      assert.ok(v.review.materials[0].ref, 'the report is referenced by its document');
      assert.equal(v.case.reviewedProposalIsCurrent, true);
      const c = await refreshCase();
      assert.equal(c.case.review.status, 'submitted');
      assert.equal(c.case.review.reviewId, v.review.id);
      await refused(() => send('whzf-officer1', 'POST', `/api/cases/${caseId}/review-submissions`, {}, caseVersion), 409, 'review-open');
    });

    it('《行政处罚法》第五十八条第二款 and 118号 items 十一, 十四: an unqualified reviewer, a case-team member, the handling unit’s reviewer, a non-reviewer, a co-reviewer who is no adviser are refused', async () => {
      const assign = (body: Record<string, unknown>, who = 'whzf-legalhead') => () => send(who, 'POST', `/api/reviews/${review(0).id}/assign`, body, review(0).version);
      await refused(assign({ reviewerUserId: user['whzf-legalhead'] }), 409, 'reviewer-not-qualified', /李法制未登记法律职业资格.*第五十八条第二款/);
      await refused(assign({ reviewerUserId: user['rv-team'] }), 409, 'reviewer-on-case-team', /本案承办人/);
      await refused(assign({ reviewerUserId: user['rv-unit'] }), 409, 'reviewer-in-handling-unit', /承办机构.*第十四项/);
      await refused(assign({ reviewerUserId: user['whzf-officer3'] }), 409, 'reviewer-not-assignable', /第十一项/);
      await refused(assign({ reviewerUserId: user['whzf-reviewer1'], coReviewerUserId: user['whzf-reviewer2'] }), 409, 'co-reviewer-not-adviser');
      await refused(assign({ reviewerUserId: user['whzf-reviewer1'], roundRobin: true }), 400, 'validation-failed');
      // Only the head of legal review assigns; one of another agency's tree reaches nothing here.
      await refused(assign({ reviewerUserId: user['whzf-reviewer1'] }, 'whzf-reviewer1'), 403, 'forbidden');
      await refused(assign({ reviewerUserId: user['whzf-reviewer1'] }, 'wwj-legalhead'), 403, 'forbidden');
      assert.equal((await send('wwj-legalhead', 'GET', `/api/reviews/${review(0).id}`)).statusCode, 403);
    });

    it('the head of legal review assigns 王审核 with 周律师 (法律顾问) co-reviewing; it is in the reviewer’s inbox', async () => {
      const v = track(0, await ok(send('whzf-legalhead', 'POST', `/api/reviews/${review(0).id}/assign`, { reviewerUserId: user['whzf-reviewer1'], coReviewerUserId: user['whzf-adviser'] }, review(0).version)));
      assert.equal(v.review.status, 'assigned');
      assert.deepEqual([v.review.reviewer.name, v.review.coReviewer.name, v.review.assignments[0].mode], ['王审核', '周律师', 'manual']);
      const inbox = await ok(send('whzf-reviewer1', 'GET', '/api/reviews?reviewer=me&status=open'));
      assert.deepEqual(inbox.map((x: { id: string }) => x.id), [review(0).id]);
      assert.deepEqual((await ok(send('whzf-reviewer1', 'GET', `/api/reviews/${review(0).id}`))).allowed, ['decide']);
      assert.deepEqual(await ok(send('whzf-reviewer2', 'GET', '/api/reviews?reviewer=me&status=open')), []);
    });

    it('118号 item 十一: the co-reviewing 法律顾问 sees only the case it is assigned to, and writes its opinion on the round', async () => {
      // Its inbox is its assigned rounds; the case, its timeline and documents open; nothing else of the agency does.
      const inbox = await ok(send('whzf-adviser', 'GET', '/api/reviews?reviewer=me&status=open'));
      assert.deepEqual(inbox.map((x: { id: string }) => x.id), [review(0).id]);
      assert.deepEqual(await ok(send('whzf-adviser', 'GET', '/api/reviews')), inbox, 'without a filter too, only its own rounds');
      const view = await ok(send('whzf-adviser', 'GET', `/api/reviews/${review(0).id}`));
      assert.deepEqual(view.allowed, ['co-opinion']);
      assert.equal((await send('whzf-adviser', 'GET', `/api/cases/${caseId}`)).statusCode, 200);
      assert.equal((await send('whzf-adviser', 'GET', `/api/cases/${caseId}/timeline`)).statusCode, 200);
      // (Any other case of the agency is refused: test/http/permissions.test.ts, legal-adviser × case.read.)
      for (const url of ['/api/cases', '/api/officers', `/api/reviews/stats?agencyId=${view.review.agencyId}`]) assert.equal((await send('whzf-adviser', 'GET', url)).statusCode, 403, url);
      // Only the assigned adviser writes, only while the round is with its reviewer.
      await refused(() => send('whzf-reviewer1', 'POST', `/api/reviews/${review(0).id}/co-opinion`, { opinion: '同意' }, review(0).version), 403, 'forbidden');
      const v = track(0, await ok(send('whzf-adviser', 'POST', `/api/reviews/${review(0).id}/co-opinion`, { opinion: '罚款数额偏高，建议依裁量基准从轻。' }, review(0).version)));
      assert.deepEqual([v.review.coOpinion.name, v.review.coOpinion.opinion, v.review.status], ['周律师', '罚款数额偏高，建议依裁量基准从轻。', 'assigned']);
    });

    it('the opinion is the assigned reviewer’s, with all ten points; 存在问题 returns the case with the changes required and a numbered 法制审核意见书', async () => {
      await day('2026-09-02');
      const decide = (who: string, body: Record<string, unknown>) => () => send(who, 'POST', `/api/reviews/${review(0).id}/decide`, body, review(0).version);
      await refused(decide('whzf-reviewer2', { outcome: 'approved', checklist: ALL_OK, opinion: '同意' }), 403, 'not-assigned-reviewer');
      await refused(decide('whzf-reviewer1', { outcome: 'approved', checklist: ALL_OK.slice(0, 9), opinion: '同意' }), 400, 'review-checklist-incomplete', /第十三项/);
      const problem = ALL_OK.map((c) => (c.point === 6 ? { point: 6, ok: false, comment: '当事人系初次违法且已整改，罚款数额偏高' } : c));
      await refused(decide('whzf-reviewer1', { outcome: 'approved', checklist: problem, opinion: '同意' }), 400, 'review-outcome-inconsistent');
      await refused(decide('whzf-reviewer1', { outcome: 'problems', checklist: problem, opinion: '裁量不当' }), 400, 'review-changes-required');
      const v = track(0, await ok(send('whzf-reviewer1', 'POST', `/api/reviews/${review(0).id}/decide`, { outcome: 'problems', checklist: problem, opinion: '裁量不当，退回。', requiredChanges: '依裁量基准从轻，罚款不超过一万二千元' }, review(0).version)));
      assert.equal(v.review.status, 'returned');
      assert.match(v.review.decision.number, /法审字〔2026〕第1号$/);
      const pdf = await send('whzf-officer1', 'GET', `/api/documents/${v.review.decision.documentId}/pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      // The 意见书 quotes the co-reviewing adviser, who may open it (its assigned case's document).
      assert.equal((await send('whzf-adviser', 'GET', `/api/documents/${v.review.decision.documentId}/pdf`)).statusCode, 200);
      const spec = (await ctx().db.selectFrom('documents').select('spec').where('id', '=', v.review.decision.documentId).executeTakeFirstOrThrow()).spec;
      assert.match(spec, /法律顾问周律师意见：罚款数额偏高/);
      const c = await refreshCase();
      assert.equal(c.case.review.status, 'returned');
      assert.equal(c.case.review.requiredChanges, '依裁量基准从轻，罚款不超过一万二千元');
      assert.equal(c.case.review.approvedProposal, null);
      await refused(() => send('whzf-head', 'POST', `/api/cases/${caseId}/decide`, { penalty: P1, basis: '条例第三十一条' }, caseVersion), 409, 'legal-review-required', /第五十八条/);
    });

    it('a disagreement is the head’s to escalate (to collective discussion), recorded on the round', async () => {
      await refused(() => send('whzf-officer1', 'POST', `/api/reviews/${review(0).id}/escalate`, { reason: '承办机构认为裁量适当', to: 'collective-discussion' }, review(0).version), 403, 'forbidden');
      const v = track(0, await ok(send('whzf-head', 'POST', `/api/reviews/${review(0).id}/escalate`, { reason: '承办机构认为裁量适当', to: 'collective-discussion' }, review(0).version)));
      assert.equal(v.review.status, 'escalated');
      assert.equal(v.review.escalation.to, 'collective-discussion');
    });

    it('fixed and resubmitted (round 2) with the lighter penalty the review asked for — never heavier than notified (Art 45②); round-robin, then reassignment when the reviewer is absent', async () => {
      await day('2026-09-03');
      await refreshCase();
      await refused(() => send('whzf-officer1', 'POST', `/api/cases/${caseId}/review-submissions`, { penalty: fine(2_500_000) }, caseVersion), 409, 'penalty-heavier-than-notified', /第四十五条/);
      const v = track(1, await ok(send('whzf-officer1', 'POST', `/api/cases/${caseId}/review-submissions`, { penalty: P2 }, caseVersion), 201));
      assert.deepEqual([v.review.round, v.review.dueOn, v.review.penalty.fineFen, v.case.reviewedProposalIsCurrent], [2, '2026-09-10', 1_200_000, false]);
      // After 王审核 (assigned last), the next eligible reviewer in turn is 赵审核; the refused ones are skipped.
      const rr = track(1, await ok(send('whzf-legalhead', 'POST', `/api/reviews/${review(1).id}/assign`, { roundRobin: true }, review(1).version)));
      assert.deepEqual([rr.review.reviewer.name, rr.review.assignments[0].mode], ['赵审核', 'round-robin']);
      await refused(() => send('whzf-legalhead', 'POST', `/api/reviews/${review(1).id}/assign`, { roundRobin: true }, review(1).version), 409, 'review-invalid-state');
      const re = track(1, await ok(send('whzf-legalhead', 'POST', `/api/reviews/${review(1).id}/reassign`, { roundRobin: true, reason: '赵审核出差' }, review(1).version)));
      assert.deepEqual([re.review.reviewer.name, re.review.assignments.length, re.review.assignments[1].reason], ['王审核', 2, '赵审核出差']);
      assert.equal((await refreshCase()).case.review.assignedReviewerName, '王审核');
    });

    it('past its due date the open review is flagged overdue in the inbox', async () => {
      await day('2026-09-11');
      const overdue = await ok(send('whzf-legalhead', 'GET', `/api/reviews?agencyId=${agencyId}&overdue=true`));
      assert.deepEqual(overdue.map((x: { id: string; overdue: boolean }) => [x.id, x.overdue]), [[review(1).id, true]]);
      assert.equal((await ok(send('whzf-reviewer1', 'GET', `/api/reviews/${review(1).id}`))).overdue, true);
    });

    it('同意 opens the gate for exactly the proposal reviewed: the same proposal is not resubmitted; the notice’s heavier one or another changed one needs a new review; the reviewed one is decided', async () => {
      const v = track(1, await ok(send('whzf-reviewer1', 'POST', `/api/reviews/${review(1).id}/decide`, { outcome: 'approved', checklist: ALL_OK, opinion: '事实清楚，证据确凿，裁量适当，同意。' }, review(1).version)));
      assert.equal(v.review.status, 'approved');
      assert.match(v.review.decision.number, /法审字〔2026〕第2号$/);
      const c = await refreshCase();
      assert.deepEqual([c.case.review.status, c.case.review.approvedReviewId, c.case.review.approvedOn, c.case.review.reviewerName], ['approved', review(1).id, '2026-09-11', '王审核']);
      assert.equal(c.case.review.approvedNumber, v.review.decision.number);
      await refused(() => send('whzf-officer1', 'POST', `/api/cases/${caseId}/review-submissions`, { penalty: P2 }, caseVersion), 409, 'review-already-passed');
      const changed = await refused(() => send('whzf-head', 'POST', `/api/cases/${caseId}/decide`, { penalty: P1, basis: '条例第三十一条' }, caseVersion), 409, 'legal-review-required', /须重新审核.*第五十八条/);
      assert.ok(changed.details.requiredBecause.length > 0);
      await refused(() => send('whzf-head', 'POST', `/api/cases/${caseId}/decide`, { penalty: fine(1_100_000), basis: '条例第三十一条' }, caseVersion), 409, 'legal-review-required', /须重新审核/);
      await caseAct('whzf-head', 'record-discussion', { participants: ['局长', '副局长', '法制科长'], conclusion: '同意法制审核意见' });
      const decided = await caseAct('whzf-head', 'decide', { penalty: P2, basis: '《互联网上网服务营业场所管理条例》第三十一条' });
      assert.equal(decided.case.status, 'decided');
      assert.equal(decided.case.decision.penalty.fineFen, 1_200_000);
      assert.equal(decided.case.review.approvedReviewId, review(1).id, 'the record shows the review that authorised the decision');
    });

    it('the rounds and the timeline: every round kept, each review event on the case in order, each opinion just before its decision event', async () => {
      const list = await ok(send('whzf-officer1', 'GET', `/api/cases/${caseId}/reviews`));
      assert.deepEqual(list.map((r: { round: number; status: string }) => [r.round, r.status]), [[1, 'escalated'], [2, 'approved']]);
      const timeline = (await ok(send('whzf-officer1', 'GET', `/api/cases/${caseId}/timeline`))) as { type: string; data: { kind?: string } }[];
      const types = timeline.map((e) => e.type).filter((t) => t.startsWith('review.'));
      assert.deepEqual(types, ['review.submitted', 'review.assigned', 'review.co-opinion', 'review.decided', 'review.escalated', 'review.submitted', 'review.assigned', 'review.reassigned', 'review.decided']);
      timeline.forEach((e, i) => e.type === 'document.issued' && e.data.kind === 'legal-review-opinion' && assert.equal(timeline[i + 1]!.type, 'review.decided'));
      const done = await ok(send('whzf-reviewer1', 'GET', '/api/reviews?reviewer=me&status=done'));
      assert.deepEqual(done.map((x: { round: number }) => x.round), [2, 1]);
    });

    it('statistics: by outcome, turnaround in working days (median, p90), problem points, per unit and reviewer; exported to Excel', async () => {
      const st = await ok(send('whzf-legalhead', 'GET', `/api/reviews/stats?agencyId=${agencyId}&from=2026-09-01&to=2026-09-30`));
      assert.equal(st.decided, 2);
      assert.deepEqual(st.byOutcome, { approved: 1, problems: 1 });
      // Round 1: 09-01 → 09-02 (1 working day); round 2: 09-03 → 09-11 (6).
      assert.deepEqual(st.turnaround, { median: 3.5, p90: 5.5 });
      assert.deepEqual(st.problemPoints.map((p: { point: number; label: string; count: number }) => [p.point, p.label, p.count]), [[6, '裁量', 1]]);
      assert.deepEqual(st.byUnit.map((g: { name: string; decided: number }) => [g.name, g.decided]), [['执法一科', 2]]);
      assert.deepEqual(st.byReviewer.map((g: { name: string; approved: number; problems: number }) => [g.name, g.approved, g.problems]), [['王审核', 1, 1]]);
      assert.deepEqual([st.open, st.overdue], [0, 0]);
      const xlsx = await send('whzf-legalhead', 'GET', `/api/reviews/stats.xlsx?agencyId=${agencyId}&from=2026-09-01&to=2026-09-30`);
      assert.equal(xlsx.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      assert.deepEqual(wb.worksheets.map((w) => w.name), ['概况', '问题点', '按承办机构', '按审核人员', '审核明细']);
      assert.equal(wb.getWorksheet('审核明细')!.rowCount, 3);
      await refused(() => send('whzf-officer1', 'GET', `/api/reviews/stats?agencyId=${agencyId}`), 403, 'forbidden');
    });

    it('送审材料 (118号 item 十四): a case without an evidence list is refused, listing what is missing', async () => {
      const clue = await ok(send('whzf-officer1', 'POST', '/api/cases', { agencyId, field: '文化市场', source: 'complaint', cause: '网吧超时营业', summary: '举报', actOn: '2026-09-01', parties: [party] }), 201);
      const id = clue.case.id;
      const filed = await ok(send('whzf-head', 'POST', `/api/cases/${id}/file`, { handlerIds: [officer['刘建国'], officer['张晓明']] }, clue.case.version));
      const closed = await ok(send('whzf-head', 'POST', `/api/cases/${id}/close-investigation`, { outcome: 'penalise', findings: '超时营业', proposedPenalty: P1 }, filed.case.version));
      const res = await refused(() => send('whzf-officer1', 'POST', `/api/cases/${id}/review-submissions`, {}, closed.case.version), 409, 'review-materials-missing', /缺少：证据材料清单.*第十四项/);
      assert.deepEqual(res.details.missing, ['证据材料清单']);
    });

    it('review settings: the head of legal review sets the time limit (If-Match; an event with its reason); a reviewer may not', async () => {
      const current = await ok(send('whzf-reviewer1', 'GET', `/api/agencies/${agencyId}/review-settings`));
      assert.deepEqual([current.settings, current.version], [{ reviewDays: 5, reviewerOutsideHandlingUnit: true }, 0]);
      const body = { settings: { reviewDays: 10, reviewerOutsideHandlingUnit: true }, reason: '审核任务较重，延长审核期限' };
      await refused(() => send('whzf-reviewer1', 'PUT', `/api/agencies/${agencyId}/review-settings`, body, 0), 403, 'forbidden');
      const set = await ok(send('whzf-legalhead', 'PUT', `/api/agencies/${agencyId}/review-settings`, body, 0));
      assert.deepEqual([set.settings.reviewDays, set.version], [10, 1]);
      await refused(() => send('whzf-legalhead', 'PUT', `/api/agencies/${agencyId}/review-settings`, body, 0), 409, 'version-mismatch');
    });

    it('the review and case rows are a pure function of the events: a rebuild gives the same rows', async () => {
      const app = ctx();
      const dump = async () => {
        const out: Record<string, string[]> = {};
        for (const table of ['cases', 'reviews', 'review_settings', 'documents']) out[table] = (await app.db.selectFrom(table as 'cases').selectAll().execute()).map((r) => JSON.stringify(r)).sort();
        return out;
      };
      const before = await dump();
      assert.equal(before.reviews!.length, 2);
      await rebuildProjections(app.db, app.ledger);
      assert.deepEqual(await dump(), before);
    });
  },
  () => clock,
);
