/**
 * The Art 58 gate and what it records, through the HTTP API on both engines: a proposal of
 * 不予行政处罚 is a proposed decision of Art 57 like a penalty and is gated the same way; the acts
 * that make a proposal, and each submission, record which catalog rules matched (id, version,
 * name), each reason in words once; the 决定书 names the 法制审核意见书 that authorised it, and only
 * that one; and the catalog in force on the proposal date — not on the decision date — decides.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { demoUsers } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { proposalDigest } from '../../src/modules/cases/cases.record.ts';
import { DEMO_CATALOG } from '../../src/modules/review/catalog.seed.ts';

const clock = new FixedClock('2026-09-15T02:00:00.000Z');
const SESSIONS = ['whzf-officer1', 'whzf-head', 'whzf-legalhead', 'whzf-reviewer1'];
const ALL_OK = Array.from({ length: 10 }, (_, i) => ({ point: i + 1, ok: true }));
const org = (name: string) => ({ kind: 'organisation', name, idNumber: '91430408MA4L000123', representative: '钱某', address: '衡阳市蒸湘区红湘路 3 号', phone: null, minor: false });
const person = (name: string) => ({ kind: 'person', name, idNumber: null, representative: null, address: '衡阳市蒸湘区联合街 5 号', phone: null, minor: false });
const fine = (yuan: number) => ({ kinds: ['warning', 'fine'], fineFen: yuan * 100, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' });
const WARNING = { kinds: ['warning'], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' };
const NO_PENALTY = { reason: '违法行为轻微并及时改正，没有造成危害后果', basis: '《行政处罚法》第三十三条第一款' };
const ART58 = '《行政处罚法》第五十八条';
const demoName = (pred: (r: (typeof DEMO_CATALOG)[number]) => boolean) => DEMO_CATALOG.find(pred)!.label;

describeEachEngine(
  'the Art 58 gate: 不予行政处罚 too, the rules that matched, the 决定书 naming its review, the catalog of the proposal date',
  (ctx) => {
    let server: FastifyInstance;
    const user: Record<string, string> = {};
    let agencyId = '';
    let team: string[] = [];

    const { day, send, ok } = demoUsers(() => server, SESSIONS, clock);

    /** A case being acted on: its id and the version last seen. */
    interface Case {
      id: string;
      version: number;
    }
    const act = async (c: Case, who: string, name: string, body: Record<string, unknown>) => {
      const v = await ok(send(who, 'POST', `/api/cases/${c.id}/${name}`, body, c.version));
      c.version = v.case.version;
      return v;
    };
    /** The refusal of an act: 409, its code, its message; the version is unchanged. */
    const refusedAct = async (c: Case, who: string, name: string, body: Record<string, unknown>, code: string) => {
      const res = await send(who, 'POST', `/api/cases/${c.id}/${name}`, body, c.version);
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, code, res.body);
      return res.json() as { message: string; details: { article?: string; requiredBecause?: string[] } };
    };
    const refresh = async (c: Case) => {
      const v = await ok(send('whzf-head', 'GET', `/api/cases/${c.id}`));
      c.version = v.case.version;
      return v;
    };
    /** Registered, filed and inspected (with evidence): ready for the investigation report. */
    const investigated = async (party: Record<string, unknown>): Promise<Case> => {
      const clue = await ok(send('whzf-officer1', 'POST', '/api/cases', { agencyId, field: '文化市场', source: 'inspection', cause: '歌舞娱乐场所超时营业', summary: '夜间检查发现超时营业。', actOn: '2026-09-10', parties: [party] }), 201);
      const c: Case = { id: clue.case.id, version: clue.case.version };
      await act(c, 'whzf-head', 'file', { handlerIds: team });
      await act(c, 'whzf-officer1', 'record-inspection', { officerIds: team, place: String(party.name), content: '出示执法证件后检查，次日凌晨二时仍在营业。', evidence: [{ kind: '现场笔录', description: '现场检查笔录' }] });
      return c;
    };
    const notice = (penalty: unknown, servedOn: string) => ({ servedOn, proposedPenalty: penalty, facts: '超时营业', reasons: '违反《娱乐场所管理条例》第二十八条', basis: '《娱乐场所管理条例》第四十四条' });
    /** 送审 (the body names the proposal), assigned to 王审核, who approves: the round as decided. */
    const reviewed = async (c: Case, body: Record<string, unknown> = {}) => {
      const submitted = await ok(send('whzf-officer1', 'POST', `/api/cases/${c.id}/review-submissions`, body, c.version), 201);
      const assigned = await ok(send('whzf-legalhead', 'POST', `/api/reviews/${submitted.review.id}/assign`, { reviewerUserId: user['whzf-reviewer1'] }, submitted.review.version));
      const approved = await ok(send('whzf-reviewer1', 'POST', `/api/reviews/${submitted.review.id}/decide`, { outcome: 'approved', checklist: ALL_OK, opinion: '同意。' }, assigned.review.version));
      await refresh(c);
      return { submitted: submitted.review, approved: approved.review };
    };
    const eventData = async (c: Case, type: string) => {
      const row = await ctx().db.selectFrom('events').select('data').where('subject', '=', c.id).where('type', '=', type).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      return JSON.parse(row.data) as Record<string, unknown>;
    };
    const documentText = async (id: string) => (await ctx().db.selectFrom('documents').select('spec').where('id', '=', id).executeTakeFirstOrThrow()).spec;

    before(async () => {
      const app = ctx();
      await seedDemo(app);
      server = await buildServer(app, { webDir: null });
      agencyId = (await app.db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
      for (const u of await app.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id;
      team = (await app.db.selectFrom('officers').select('id').where('agency_id', '=', agencyId).where('name', 'in', ['刘建国', '张晓明']).execute()).map((o) => o.id);
      await day('2026-09-15');
    });

    it('《行政处罚法》第五十七条、第五十八条: a report proposing 不予行政处罚 in the catalog’s scope is a major decision — refused until a review of that proposal passes, then decided', async () => {
      const c = await investigated(org('蒸湘区金色年华歌舞厅'));
      const closed = await act(c, 'whzf-head', 'close-investigation', { outcome: 'no-penalty', findings: '超时营业 30 分钟，已当场改正。', firstViolation: true, majorFlags: ['重大公共利益'] });
      const because = ['本案经标记为“重大公共利益”'];
      assert.deepEqual(closed.reviewRequiredBecause, because, 'the catalog is evaluated for the proposal not to penalise');
      const refused = await refusedAct(c, 'whzf-head', 'decide-no-penalty', NO_PENALTY, 'legal-review-required');
      assert.match(refused.message, /本案经标记为“重大公共利益”.*不予行政处罚决定未经法制审核.*第五十八条/);
      assert.deepEqual([refused.details.article, refused.details.requiredBecause], [ART58, because]);

      const penalty = await send('whzf-officer1', 'POST', `/api/cases/${c.id}/review-submissions`, { penalty: WARNING }, c.version);
      assert.equal(penalty.statusCode, 409, 'the report proposes no penalty: that is what is reviewed');
      assert.equal(penalty.json().code, 'case-invalid-state');
      const { submitted, approved } = await reviewed(c);
      assert.equal(submitted.penalty, null);
      assert.deepEqual(submitted.materials.map((m: { name: string; present: boolean }) => [m.name, m.present]), [['调查终结报告', true], ['证据材料清单', true], ['拟作出的不予行政处罚决定', true]]);
      assert.deepEqual(submitted.requiredBecause, because);
      const opinion = await documentText(approved.decision.documentId);
      assert.ok(opinion.includes(JSON.stringify({ label: '拟作出的决定', value: '不予行政处罚' })), 'the 意见书 names the proposal reviewed');

      const after = await refresh(c);
      assert.equal(after.case.review.approvedProposal, proposalDigest(null));
      const decided = await act(c, 'whzf-head', 'decide-no-penalty', NO_PENALTY);
      assert.equal(decided.case.decision.kind, 'no-penalty');
      const decision = await documentText(decided.case.decision.documentId);
      assert.ok(decision.includes(`本案经法制审核，法制审核机构于2026年9月15日出具《法制审核意见书》（${approved.decision.number}）`), 'the 不予行政处罚决定书 names its review');
      const timeline = (await ok(send('whzf-officer1', 'GET', `/api/cases/${c.id}/timeline`))) as { type: string; data: Record<string, unknown> }[];
      assert.equal(timeline.find((e) => e.type === 'review.submitted')!.data.penalty, null);
    });

    it('the rules that matched are recorded by id, version and name with the report, the notice and the submission; two rules giving the same reason show it once', async () => {
      const rules = await ok(send('whzf-legalhead', 'GET', `/api/review-catalog?agencyId=${agencyId}&on=2026-09-15`));
      const art63 = demoName((r) => r.rule.kind === 'fine-at-least' && r.agencies.includes('hy-wwj'));
      const bureau = demoName((r) => r.rule.kind === 'fine-at-least' && !r.agencies.includes('hy-wwj'));
      const idOf = (name: string) => (rules as { id: string; inForce: { label: string } }[]).find((r) => r.inForce.label === name)!.id;
      const reason = '拟罚款15,000元，达到目录标准10,000元（个人）';
      const expected = [
        { ruleId: idOf(art63), version: 1, name: art63, label: reason },
        { ruleId: idOf(bureau), version: 1, name: bureau, label: reason },
      ];
      const c = await investigated(person('王某'));
      const closed = await act(c, 'whzf-head', 'close-investigation', { outcome: 'penalise', findings: '超时营业两小时。', proposedPenalty: fine(15_000) });
      assert.deepEqual(closed.reviewRequiredBecause, [reason]);
      assert.deepEqual(closed.case.review.requiredBecause, [reason]);
      assert.deepEqual(await eventData(c, 'case.close-investigation').then((d) => [d.requiredBecause, d.requiredRules]), [[reason], expected]);
      await act(c, 'whzf-officer1', 'notify', notice(fine(15_000), '2026-09-15'));
      assert.deepEqual(await eventData(c, 'case.notify').then((d) => [d.requiredBecause, d.requiredRules]), [[reason], expected]);
      const submitted = await ok(send('whzf-officer1', 'POST', `/api/cases/${c.id}/review-submissions`, {}, c.version), 201);
      assert.deepEqual([submitted.review.requiredBecause, submitted.review.requiredRules], [[reason], expected]);
      assert.deepEqual(await eventData(c, 'review.submitted').then((d) => d.requiredRules), expected);
    });

    it('the 决定书 names the 法制审核意见书 (number and date) that authorised it — and none when the decision is not the proposal approved', async () => {
      // ¥20,000 for an organisation: the bureau's ¥10,000 line, no hearing right.
      const a = await investigated(org('蒸湘区星空KTV'));
      await act(a, 'whzf-head', 'close-investigation', { outcome: 'penalise', findings: '超时营业。', proposedPenalty: fine(20_000) });
      await act(a, 'whzf-officer1', 'notify', notice(fine(20_000), '2026-09-15'));
      const { approved } = await reviewed(a);
      await act(a, 'whzf-head', 'record-discussion', { participants: ['局长', '副局长', '法制科长'], conclusion: '同意法制审核意见' });
      const decided = await act(a, 'whzf-head', 'decide', { penalty: fine(20_000), basis: '《娱乐场所管理条例》第四十四条' });
      const text = await documentText(decided.case.decision.documentId);
      assert.ok(text.includes(`本案经法制审核，法制审核机构于2026年9月15日出具《法制审核意见书》（${approved.decision.number}），审核意见为同意。`), text);

      // Approved at ¥20,000, decided at ¥5,000 (below every line of the catalog): the approval authorised another decision.
      const b = await investigated(org('蒸湘区银河KTV'));
      await act(b, 'whzf-head', 'close-investigation', { outcome: 'penalise', findings: '超时营业。', proposedPenalty: fine(20_000) });
      await act(b, 'whzf-officer1', 'notify', notice(fine(20_000), '2026-09-15'));
      await reviewed(b);
      const lighter = await act(b, 'whzf-head', 'decide', { penalty: fine(5_000), basis: '《娱乐场所管理条例》第四十四条' });
      const other = await documentText(lighter.case.decision.documentId);
      assert.ok(!other.includes('法制审核'), 'no review is named for a decision it did not authorise');
    });

    it('《行政处罚法》第五十八条 at the gate: the catalog in force on the proposal date decides — proposed 09-15 under a rule in force from 09-16, decided 09-17 without review; proposed on 09-17, refused', async () => {
      await day('2026-09-15');
      const early = await investigated(person('赵某'));
      await act(early, 'whzf-head', 'close-investigation', { outcome: 'penalise', findings: '超时营业。', proposedPenalty: WARNING });
      await act(early, 'whzf-officer1', 'notify', notice(WARNING, '2026-09-15'));
      const earlyNone = await investigated(person('孙某'));
      await act(earlyNone, 'whzf-head', 'close-investigation', { outcome: 'no-penalty', findings: '超时营业十分钟，已改正。', firstViolation: true });
      const late = await investigated(person('周某'));
      await act(late, 'whzf-head', 'close-investigation', { outcome: 'penalise', findings: '超时营业。', proposedPenalty: WARNING });
      const lateNone = await investigated(person('吴某'));
      assert.equal((await refresh(early)).reviewRequiredBecause.length, 0, 'a warning is in no rule of the catalog of 09-15');
      const added = await ok(send('whzf-legalhead', 'POST', '/api/review-catalog', { agencyId, rule: { kind: 'all-ordinary' }, label: '全部普通程序决定', effectiveFrom: '2026-09-16', reason: '局务会议决定：普通程序决定均须法制审核' }), 201);
      assert.equal(added.inForce, null, 'not yet in force on 09-15');

      await day('2026-09-17');
      await refresh(early);
      await refresh(earlyNone);
      await refresh(late);
      await refresh(lateNone);
      const decided = await act(early, 'whzf-head', 'decide', { penalty: WARNING, basis: '《娱乐场所管理条例》第四十四条' });
      assert.equal(decided.case.status, 'decided', 'measured against the catalog of its notice (09-15)');
      assert.equal((await act(earlyNone, 'whzf-head', 'decide-no-penalty', NO_PENALTY)).case.status, 'decided', 'measured against the catalog of its report (09-15)');

      await act(late, 'whzf-officer1', 'notify', notice(WARNING, '2026-09-17'));
      const refused = await refusedAct(late, 'whzf-head', 'decide', { penalty: WARNING, basis: '《娱乐场所管理条例》第四十四条' }, 'legal-review-required');
      assert.match(refused.message, /按普通程序作出的决定均须经法制审核.*第五十八条/);
      assert.equal(refused.details.article, ART58);
      await act(lateNone, 'whzf-head', 'close-investigation', { outcome: 'no-penalty', findings: '超时营业十分钟，已改正。', firstViolation: true });
      const refusedNone = await refusedAct(lateNone, 'whzf-head', 'decide-no-penalty', NO_PENALTY, 'legal-review-required');
      assert.match(refusedNone.message, /按普通程序作出的决定均须经法制审核.*不予行政处罚决定未经法制审核.*第五十八条/);
    });
  },
  () => clock,
);
