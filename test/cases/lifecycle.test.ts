/**
 * An ordinary-procedure penalty case walked through the HTTP API from 线索 to 归档, with every
 * refusal the law requires on the way (each a 4xx naming its article, changing nothing), and
 * the simple procedure's limits. Dates follow the real 2026 calendar (China time).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { countEvents } from '../../src/ledger/ledger.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';

const clock = new FixedClock('2026-09-01T02:00:00.000Z');

const party = { kind: 'organisation', name: '蒸湘区星辰网吧', idNumber: '91430408MA4L000001', representative: '陈某', address: '衡阳市蒸湘区解放大道 1 号', phone: '13800000000', minor: false };
const penalty = (fineFen: number, kinds: string[] = ['warning', 'fine', 'suspend-business']) => ({
  kinds,
  fineFen,
  confiscatedGainsFen: null,
  confiscatedPropertyFen: null,
  description: '警告，罚款，责令停业整顿十五日',
});

describeEachEngine(
  'ordinary-procedure penalty case (普通程序): 线索 → 立案 → 调查 → 告知 → 听证 → 审核 → 讨论 → 决定 → 送达 → 执行 → 结案 → 归档',
  (ctx) => {
    let server: FastifyInstance;
    const s: Record<string, Session> = {};
    let agencyId = '';
    const officer: Record<string, string> = {};
    let caseId = '';
    let version = 0;

    /** Moves the clock to 10:00 China time on a date; sessions do not last a day, so everyone logs in again. */
    const day = async (d: string) => {
      clock.set(`${d}T02:00:00.000Z`);
      for (const u of ['whzf-officer1', 'whzf-officer3', 'whzf-head', 'whzf-reviewer1', 'whzf-legalhead', 'whzf-admin', 'wwj-head']) s[u] = await loginAs(server, u);
    };
    /** Events of the record (security events — a denial is one — are written even when the act is refused). */
    const recordEvents = async () => Number((await ctx().db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('type', 'not like', 'security.%').executeTakeFirstOrThrow()).n);

    before(async () => {
      await seedDemo(ctx());
      server = await buildServer(ctx(), { webDir: null });
      await day('2026-09-01');
      agencyId = (await server.inject({ url: '/api/auth/me', headers: s['whzf-head']! })).json().user.roles[0].agencyId;
      for (const o of (await server.inject({ url: `/api/officers?agencyId=${agencyId}`, headers: s['whzf-admin']! })).json()) officer[o.name] = o.id;
    });

    const act = async (who: string, name: string, body: Record<string, unknown>, v = version): Promise<LightMyRequestResponse> => {
      const res = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/${name}`, payload: body, headers: { ...s[who]!, 'if-match': `"${v}"` } });
      if (res.statusCode === 200) version = res.json().case.version;
      return res;
    };
    const ok = async (who: string, name: string, body: Record<string, unknown>) => {
      const res = await act(who, name, body);
      assert.equal(res.statusCode, 200, `${name}: ${res.body}`);
      return res.json();
    };
    /** A refusal: the status and code expected, the article named in the message, nothing changed. */
    const refused = async (who: string, name: string, body: Record<string, unknown>, status: number, code: string, article?: string) => {
      const before = await recordEvents();
      const res = await act(who, name, body);
      assert.equal(res.statusCode, status, `${name}: ${res.body}`);
      assert.equal(res.json().code, code, res.body);
      if (article) {
        assert.match(res.json().message, new RegExp(article), res.json().message);
        assert.match(String(res.json().details.article), new RegExp(article));
      }
      assert.equal(await recordEvents(), before, 'a refused act appends nothing');
      return res.json();
    };

    it('线索登记 by an officer; the case starts as a clue in the agency log', async () => {
      await day('2026-09-01');
      const res = await server.inject({
        method: 'POST',
        url: '/api/cases',
        headers: s['whzf-officer1']!,
        payload: { agencyId, field: '文化市场', source: 'complaint', cause: '网吧接纳未成年人', summary: '群众举报：星辰网吧于 8 月 30 日晚接纳未成年人上网。', actOn: '2026-08-30', parties: [party] },
      });
      assert.equal(res.statusCode, 201, res.body);
      caseId = res.json().case.id;
      version = res.json().case.version;
      assert.equal(res.json().case.status, 'clue');
      assert.ok(!res.json().allowedActs.includes('file'), 'an officer is not offered 立案');
    });

    it('立案 is reserved to the agency head (Art 57); officers may not file', async () => {
      await refused('whzf-officer1', 'file', { handlerIds: [officer['刘建国'], officer['张晓明']] }, 403, 'forbidden');
    });

    it('立案 needs two handlers with valid certificates for the field (Art 42): expired and auxiliary staff are refused', async () => {
      await refused('whzf-head', 'file', { handlerIds: [officer['刘建国'], officer['吴海燕']] }, 409, 'certificate-expired', '第四十二条');
      await refused('whzf-head', 'file', { handlerIds: [officer['刘建国'], officer['钱小芳']] }, 409, 'two-officers-required', '第四十二条');
      await refused('whzf-head', 'file', { handlerIds: [officer['刘建国']] }, 409, 'two-officers-required', '第四十二条');
      await refused('whzf-head', 'file', { handlerIds: [officer['刘建国'], officer['郑伟']] }, 409, 'certificate-suspended', '第四十二条');
    });

    it('a stale If-Match gets 409 with the current state and changes nothing', async () => {
      const before = await recordEvents();
      const res = await act('whzf-head', 'file', { handlerIds: [officer['刘建国'], officer['张晓明']] }, version + 1);
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().code, 'version-mismatch');
      assert.equal(res.json().details.current, version);
      assert.equal(res.json().details.state.status, 'clue');
      assert.equal(await recordEvents(), before);
    });

    it('the head files the case with two certified handlers', async () => {
      const v = await ok('whzf-head', 'file', { handlerIds: [officer['刘建国'], officer['张晓明']] });
      assert.equal(v.case.status, 'investigating');
      assert.equal(v.case.filedOn, '2026-09-01');
      assert.deepEqual(v.case.handlers.map((h: { name: string }) => h.name).sort(), ['刘建国', '张晓明'].sort());
    });

    it('deciding before prior notice is refused (Arts 44, 62)', async () => {
      await refused('whzf-head', 'decide', { penalty: penalty(1_500_000), basis: '《互联网上网服务营业场所管理条例》第三十一条' }, 409, 'notice-required', '第六十二条');
    });

    it('an officer who is not a handler may not record an inspection', async () => {
      await refused('whzf-officer3', 'record-inspection', { officerIds: [officer['周志强'], officer['刘建国']], place: '星辰网吧', content: '检查' }, 403, 'not-case-handler');
    });

    it('inspection and questioning: two certified handlers, evidence linked to the 笔录 that records it', async () => {
      await day('2026-09-02');
      const v = await ok('whzf-officer1', 'record-inspection', {
        officerIds: [officer['刘建国'], officer['张晓明']],
        place: '衡阳市蒸湘区解放大道 1 号星辰网吧',
        content: '执法人员出示执法证件后进行检查，发现 3 名未成年人在上网。',
        evidence: [{ kind: '现场笔录', description: '现场检查笔录一份' }, { kind: '视听资料', description: '执法记录仪视频 2 段' }],
      });
      assert.equal(v.case.evidence.length, 2);
      assert.equal(v.case.evidence[0].recordedByAct, 'record-inspection');
      assert.ok(v.case.evidence[0].recordedBySeq > 0);
      await ok('whzf-officer1', 'record-questioning', { officerIds: [officer['刘建国'], officer['张晓明']], person: '陈某（网吧负责人）', content: '问：8 月 30 日晚是否有未成年人上网？答：有。' });
    });

    it('先行登记保存 is the head’s (Art 56) and must be handled before the investigation closes', async () => {
      await refused('whzf-officer1', 'preserve-evidence', { officerIds: [officer['刘建国'], officer['张晓明']], items: ['上网登记簿一本'] }, 403, 'forbidden');
      const v = await ok('whzf-head', 'preserve-evidence', { officerIds: [officer['刘建国'], officer['张晓明']], items: ['上网登记簿一本'] });
      const pid = v.case.preservations[0].id;
      await refused('whzf-head', 'close-investigation', { outcome: 'penalise', findings: '接纳未成年人', proposedPenalty: penalty(1_500_000) }, 409, 'case-invalid-state', '第五十六条');
      await ok('whzf-officer1', 'handle-preservation', { preservationId: pid, outcome: '退还当事人' });
    });

    it('调查终结 with a proposed penalty that the built-in Art 58 gate marks as major', async () => {
      const v = await ok('whzf-head', 'close-investigation', { outcome: 'penalise', findings: '2026 年 8 月 30 日接纳 3 名未成年人上网。', proposedPenalty: penalty(1_500_000) });
      assert.equal(v.case.status, 'investigation-closed');
      assert.ok(v.reviewRequiredBecause.length >= 2, JSON.stringify(v.reviewRequiredBecause));
    });

    it('事先告知 (Art 44) with the hearing right for 责令停产停业 (Art 63)', async () => {
      const v = await ok('whzf-officer1', 'notify', {
        servedOn: '2026-09-02',
        proposedPenalty: penalty(1_500_000),
        facts: '2026 年 8 月 30 日接纳未成年人上网',
        reasons: '违反《互联网上网服务营业场所管理条例》第二十一条',
        basis: '《互联网上网服务营业场所管理条例》第三十一条',
      });
      assert.equal(v.case.status, 'notified');
      assert.equal(v.case.notice.hearingRight, true);
    });

    it('no decision while the 5-working-day hearing request window is open (Art 64①)', async () => {
      await refused('whzf-head', 'decide', { penalty: penalty(1_500_000), basis: '条例第三十一条' }, 409, 'hearing-window-open', '第六十四条');
    });

    it('a hearing requested in time; its notice must precede it by 7 working days (Art 64②); the presider is not an investigator (Art 64④)', async () => {
      await day('2026-09-03');
      await ok('whzf-officer1', 'request-hearing', {});
      await day('2026-09-04');
      const me = async (u: string) => (await server.inject({ url: '/api/auth/me', headers: s[u]! })).json().user.id;
      // 2026-09-04 is a Friday: the 7th working day after it is Tuesday 2026-09-15.
      await refused('whzf-head', 'schedule-hearing', { date: '2026-09-14', place: '执法局听证室', presiderUserId: await me('whzf-legalhead'), noticeServedOn: '2026-09-04' }, 409, 'hearing-notice-too-late', '第六十四条');
      await refused('whzf-head', 'schedule-hearing', { date: '2026-09-16', place: '执法局听证室', presiderUserId: await me('whzf-officer1'), noticeServedOn: '2026-09-04' }, 409, 'hearing-presider-conflict', '第六十四条');
      await ok('whzf-head', 'schedule-hearing', { date: '2026-09-15', place: '执法局听证室', presiderUserId: await me('whzf-legalhead'), noticeServedOn: '2026-09-04' });
    });

    it('the decision waits for the hearing (Art 65)', async () => {
      await refused('whzf-head', 'decide', { penalty: penalty(1_500_000), basis: '条例第三十一条' }, 409, 'hearing-not-held', '第六十五条');
    });

    it('after the hearing, a major decision waits for legal review (Art 58) and collective discussion (Art 57②)', async () => {
      await day('2026-09-15');
      await ok('whzf-officer1', 'record-hearing', { record: '当事人对事实无异议，请求从轻处罚。' });
      await refused('whzf-head', 'decide', { penalty: penalty(1_500_000), basis: '条例第三十一条' }, 409, 'legal-review-required', '第五十八条');
      // 法制审核 (src/modules/review): the handler submits, the head of legal review assigns a reviewer, who approves.
      const submitted = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/review-submissions`, payload: {}, headers: { ...s['whzf-officer1']!, 'if-match': `"${version}"` } });
      assert.equal(submitted.statusCode, 201, submitted.body);
      const review = submitted.json().review;
      const reviewer = (await server.inject({ url: '/api/auth/me', headers: s['whzf-reviewer1']! })).json().user.id;
      const assigned = await server.inject({ method: 'POST', url: `/api/reviews/${review.id}/assign`, payload: { reviewerUserId: reviewer }, headers: { ...s['whzf-legalhead']!, 'if-match': `"${review.version}"` } });
      assert.equal(assigned.statusCode, 200, assigned.body);
      const checklist = Array.from({ length: 10 }, (_, i) => ({ point: i + 1, ok: true }));
      const decided = await server.inject({
        method: 'POST',
        url: `/api/reviews/${review.id}/decide`,
        payload: { outcome: 'approved', checklist, opinion: '事实清楚，证据确凿，适用依据正确，程序合法，同意。' },
        headers: { ...s['whzf-reviewer1']!, 'if-match': `"${assigned.json().review.version}"` },
      });
      assert.equal(decided.statusCode, 200, decided.body);
      const reviewed = (await server.inject({ url: `/api/cases/${caseId}`, headers: s['whzf-head']! })).json();
      assert.equal(reviewed.case.review.status, 'approved');
      assert.match(reviewed.case.review.approvedNumber, /法审字〔2026〕第1号$/);
      version = reviewed.case.version;
      await refused('whzf-head', 'decide', { penalty: penalty(1_500_000), basis: '条例第三十一条' }, 409, 'discussion-required', '第五十七条');
      await ok('whzf-head', 'record-discussion', { participants: ['局长', '副局长', '法制科长'], conclusion: '同意拟处罚意见' });
    });

    it('the decision may not be heavier than the notice (Art 45②), and a changed proposal needs a new review (Art 58)', async () => {
      await refused('whzf-head', 'decide', { penalty: penalty(2_000_000), basis: '条例第三十一条' }, 409, 'penalty-heavier-than-notified', '第四十五条');
      await refused('whzf-head', 'decide', { penalty: penalty(1_500_000, ['warning', 'fine', 'suspend-business', 'revoke-licence']), basis: '条例第三十一条' }, 409, 'penalty-heavier-than-notified', '第四十五条');
      await refused('whzf-head', 'decide', { penalty: penalty(1_200_000), basis: '条例第三十一条' }, 409, 'legal-review-required', '第五十八条');
    });

    it('the head decides the reviewed penalty; service within the rules; payment; 结案; 归档', async () => {
      await day('2026-09-16');
      const decided = await ok('whzf-head', 'decide', { penalty: penalty(1_500_000), basis: '《互联网上网服务营业场所管理条例》第三十一条' });
      assert.equal(decided.case.status, 'decided');
      assert.equal(decided.case.decision.penalty.fineFen, 1_500_000);
      // The 决定书 is numbered in the agency's pattern and what is downloaded is what the ledger recorded.
      assert.match(decided.case.decision.number, /罚决字〔2026〕第1号$/);
      const pdf = await server.inject({ url: `/api/documents/${decided.case.decision.documentId}/pdf`, headers: s['whzf-officer1']! });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const issued = await ctx().db.selectFrom('events').select('data').where('type', '=', 'document.issued').where('subject', '=', caseId).execute();
      const recorded = issued.map((e) => JSON.parse(e.data)).find((d) => d.id === decided.case.decision.documentId);
      assert.equal(recorded.pdf.sha256, createHash('sha256').update(pdf.rawPayload).digest('hex'));
      const docx = await server.inject({ url: `/api/documents/${decided.case.decision.documentId}/docx`, headers: s['whzf-officer1']! });
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
      await refused('whzf-officer1', 'serve', { method: 'electronic', recipient: '陈某', officerIds: [officer['刘建国'], officer['张晓明']] }, 409, 'service-confirmation-required', '第六十一条');
      await refused('whzf-officer1', 'serve', { method: 'post', recipient: '陈某', officerIds: [officer['刘建国'], officer['张晓明']] }, 400, 'validation-failed', '第六十一条');
      const served = await ok('whzf-officer1', 'serve', { method: 'direct', recipient: '陈某', officerIds: [officer['刘建国'], officer['张晓明']] });
      // Art 67③: 15 calendar days from receipt end on 2026-10-01, National Day: the period runs
      // to the first working day after the holiday (民法典第二百零三条), Thursday 2026-10-08.
      assert.equal(served.case.execution.dueOn, '2026-10-08');
      const payment = served.deadlines.find((d: { rule: string }) => d.rule === 'payment');
      assert.equal(payment.due, '2026-10-08');
      await refused('whzf-head', 'close', { ground: 'performed' }, 409, 'case-not-settled');
      await ok('whzf-officer1', 'record-payment', { amountFen: 1_500_000, receiptNo: 'HN0001' });
      const closed = await ok('whzf-head', 'close', { ground: 'performed' });
      assert.equal(closed.case.status, 'closed');
      const archived = await ok('whzf-officer1', 'archive', {});
      assert.equal(archived.case.status, 'archived');
    });

    it('the case page is the ledger: every act is one event of the agency log, in order', async () => {
      const res = await server.inject({ url: `/api/cases/${caseId}/timeline`, headers: s['whzf-officer1']! });
      const all = (res.json() as { type: string }[]).map((e) => e.type);
      // Each standard document is recorded just before the act that issued it.
      assert.equal(all.filter((t) => t === 'document.issued').length, 14);
      all.forEach((t, i) => t === 'document.issued' && assert.match(all[i + 1]!, /^(case|review)\./));
      const types = all.filter((t) => t.startsWith('case.'));
      assert.deepEqual(types, [
        'case.register-clue', 'case.file', 'case.record-inspection', 'case.record-questioning', 'case.preserve-evidence', 'case.handle-preservation',
        'case.close-investigation', 'case.notify', 'case.request-hearing', 'case.schedule-hearing', 'case.record-hearing',
        'case.record-discussion', 'case.decide', 'case.serve', 'case.record-payment', 'case.close', 'case.archive',
      ]);
      // The legal review is the review module's, on the same case: submitted, assigned, decided (its 法制审核意见书 just before).
      assert.deepEqual(all.filter((t) => t.startsWith('review.')), ['review.submitted', 'review.assigned', 'review.decided']);
    });

    it('the case rows are a pure function of the events: a rebuild gives the same rows', async () => {
      const app = ctx();
      const dump = async () => {
        const out: Record<string, string[]> = {};
        for (const table of ['cases', 'case_handlers', 'reviews']) out[table] = (await app.db.selectFrom(table as 'cases').selectAll().execute()).map((r) => JSON.stringify(r)).sort();
        return out;
      };
      const before = await dump();
      assert.equal(before.cases!.length, 1);
      await rebuildProjections(app.db, app.ledger);
      assert.deepEqual(await dump(), before);
    });

    it('another agency cannot read the case (IDOR)', async () => {
      const res = await server.inject({ url: `/api/cases/${caseId}`, headers: s['wwj-head']! });
      assert.equal(res.statusCode, 403);
    });
  },
  () => clock,
);

describeEachEngine('simple procedure (当场处罚, Arts 51–53, 68)', (ctx) => {
  let server: FastifyInstance;
  let officerSession: Session;
  let agencyId = '';
  const officer: Record<string, string> = {};
  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    officerSession = await loginAs(server, 'whzf-officer1');
    const admin = await loginAs(server, 'whzf-admin');
    agencyId = (await server.inject({ url: '/api/auth/me', headers: admin })).json().user.roles[0].agencyId;
    for (const o of (await server.inject({ url: `/api/officers?agencyId=${agencyId}`, headers: admin })).json()) officer[o.name] = o.id;
  });
  const spot = (over: Record<string, unknown>) =>
    server.inject({
      method: 'POST',
      url: '/api/cases/on-the-spot',
      headers: officerSession,
      payload: {
        agencyId,
        field: '文化市场',
        cause: '网吧未悬挂营业执照',
        parties: [{ ...party, kind: 'person', name: '李某', idNumber: null, representative: null }],
        officerIds: [officer['刘建国'], officer['张晓明']],
        place: '星辰网吧',
        facts: '未在显著位置悬挂《网络文化经营许可证》',
        basis: '《互联网上网服务营业场所管理条例》第三十二条',
        penalty: { kinds: ['fine'], fineFen: 10_000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '罚款' },
        rightsTold: true,
        partySigned: false,
        ...over,
      },
    });

  it('Art 51: a fine above ¥200 for a citizen is refused on the spot, naming the article', async () => {
    const before = await countEvents(ctx().db);
    const res = await spot({ penalty: { kinds: ['fine'], fineFen: 20_001, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '罚款' } });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'simple-procedure-ineligible');
    assert.match(res.json().message, /第五十一条/);
    assert.equal(await countEvents(ctx().db), before);
  });

  it('Art 51: only a warning or a fine may be given on the spot', async () => {
    const res = await spot({ penalty: { kinds: ['fine', 'confiscate-gains'], fineFen: 10_000, confiscatedGainsFen: 5_000, confiscatedPropertyFen: null, description: '罚款' } });
    assert.equal(res.json().code, 'simple-procedure-ineligible');
  });

  it('Art 42: two certified officers, not one officer and an auxiliary', async () => {
    const res = await spot({ officerIds: [officer['刘建国'], officer['钱小芳']] });
    assert.equal(res.json().code, 'two-officers-required');
  });

  it('Art 68: collecting more than ¥100 on the spot needs the reason it could not be collected later', async () => {
    const res = await spot({ penalty: { kinds: ['fine'], fineFen: 15_000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '罚款' }, collected: { amountFen: 15_000, receiptNo: 'R-1' } });
    assert.equal(res.json().code, 'on-the-spot-collection-not-allowed');
    assert.match(res.json().message, /第六十八条/);
  });

  it('a ¥100 fine collected on the spot, refusal to sign noted, reported (备案) and closed', async () => {
    const res = await spot({ collected: { amountFen: 10_000, receiptNo: 'R-2' } });
    assert.equal(res.statusCode, 201, res.body);
    const v = res.json();
    assert.equal(v.case.procedure, 'simple');
    assert.equal(v.case.status, 'served');
    assert.match(v.case.execution.serviceMethod, /拒绝签收/);
    assert.equal(v.owed.outstandingFen, 0);
    const head = await loginAs(server, 'whzf-head');
    const reported = await server.inject({ method: 'POST', url: `/api/cases/${v.case.id}/report-on-the-spot`, payload: {}, headers: { ...officerSession, 'if-match': `"${v.case.version}"` } });
    assert.equal(reported.statusCode, 200, reported.body);
    const closed = await server.inject({ method: 'POST', url: `/api/cases/${v.case.id}/close`, payload: { ground: 'performed' }, headers: { ...head, 'if-match': `"${reported.json().case.version}"` } });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().case.status, 'closed');
  });
});
