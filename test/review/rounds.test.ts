/**
 * What happens to a review round when the case moves under it, on both engines: a hearing held
 * after a review passed sets that approval aside (the decision must rest on the hearing record,
 * Art 65, and is reviewed with it, Art 58; 118号 item 十二), and a round still owing an opinion is
 * withdrawn — in the case act's own transaction — when the hearing is held or the case is decided
 * another way, so no reviewer is left with an orphan in the inbox. A decision not to penalise
 * after the hearing is gated too (Arts 57, 58): by a review of that proposal, not of the penalty.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { demoUsers } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { FixedClock } from '../../src/kernel/clock.ts';

const clock = new FixedClock('2026-09-01T02:00:00.000Z');
const SESSIONS = ['whzf-officer1', 'whzf-head', 'whzf-legalhead', 'whzf-reviewer1'];
const party = { kind: 'organisation', name: '蒸湘区星光网吧', idNumber: '91430408MA4L000077', representative: '赵某', address: '衡阳市蒸湘区解放大道 9 号', phone: null, minor: false };
// ¥120,000 for an organisation: in the demo catalog's scope and hearing-eligible (Art 63: ≥ ¥100,000 by default).
const PENALTY = { kinds: ['warning', 'fine'], fineFen: 12_000_000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' };
const ALL_OK = Array.from({ length: 10 }, (_, i) => ({ point: i + 1, ok: true }));

describeEachEngine('review rounds follow the case (Art 58, Art 65; 118号 item 十二)', (ctx) => {
  let server: FastifyInstance;
  const user: Record<string, string> = {};
  let agencyId = '';
  let team: string[] = [];
  let caseId = '';
  let caseVersion = 0;

  const { day, send, ok } = demoUsers(() => server, SESSIONS, clock);
  const act = async (who: string, name: string, body: Record<string, unknown>) => {
    const v = await ok(send(who, 'POST', `/api/cases/${caseId}/${name}`, body, caseVersion));
    caseVersion = v.case.version;
    return v;
  };
  const refreshCase = async () => {
    const v = await ok(send('whzf-head', 'GET', `/api/cases/${caseId}`));
    caseVersion = v.case.version;
    return v;
  };
  /** 送审 and assign to 王审核 (whzf-reviewer1): the round, as the reviewer sees it. */
  const openRound = async () => {
    const submitted = await ok(send('whzf-officer1', 'POST', `/api/cases/${caseId}/review-submissions`, {}, caseVersion), 201);
    const assigned = await ok(send('whzf-legalhead', 'POST', `/api/reviews/${submitted.review.id}/assign`, { reviewerUserId: user['whzf-reviewer1'] }, submitted.review.version));
    await refreshCase();
    return assigned.review as { id: string; version: number };
  };
  const approve = (round: { id: string; version: number }) => send('whzf-reviewer1', 'POST', `/api/reviews/${round.id}/decide`, { outcome: 'approved', checklist: ALL_OK, opinion: '同意。' }, round.version);

  /** A case of the party `name` to its notice (a proposal in the catalog's scope by its amount) on `on`; it becomes the case acted on. */
  const openCase = async (name: string, on: string) => {
    const clue = await ok(send('whzf-officer1', 'POST', '/api/cases', { agencyId, field: '文化市场', source: 'inspection', cause: '网吧接纳未成年人', summary: '检查发现接纳未成年人上网。', actOn: '2026-08-28', parties: [{ ...party, name }] }), 201);
    caseId = clue.case.id;
    caseVersion = clue.case.version;
    await act('whzf-head', 'file', { handlerIds: team });
    await act('whzf-officer1', 'record-inspection', { officerIds: team, place: name, content: '发现 2 名未成年人上网。', evidence: [{ kind: '现场笔录', description: '现场检查笔录' }] });
    await act('whzf-head', 'close-investigation', { outcome: 'penalise', findings: '接纳 2 名未成年人上网。', proposedPenalty: PENALTY });
    await act('whzf-officer1', 'notify', { servedOn: on, proposedPenalty: PENALTY, facts: '接纳未成年人上网', reasons: '违反条例第二十一条', basis: '条例第三十一条' });
  };

  before(async () => {
    const app = ctx();
    await seedDemo(app);
    server = await buildServer(app, { webDir: null });
    agencyId = (await app.db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
    for (const u of await app.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id;
    team = (await app.db.selectFrom('officers').select('id').where('agency_id', '=', agencyId).where('name', 'in', ['刘建国', '张晓明']).execute()).map((o) => o.id);
    await day('2026-09-01');
    await openCase(party.name, '2026-09-01');
  });

  it('《行政处罚法》第六十五条、第五十八条: a review passed before the hearing does not authorise the decision after it; the proposal is reviewed again', async () => {
    const first = await openRound();
    await ok(approve(first));
    assert.equal((await refreshCase()).case.review.approvedProposal !== null, true);
    await day('2026-09-03');
    await act('whzf-officer1', 'request-hearing', {});
    await act('whzf-head', 'schedule-hearing', { date: '2026-09-15', place: '执法局听证室', presiderUserId: user['whzf-legalhead'], noticeServedOn: '2026-09-03' });
    await day('2026-09-15');
    const heard = await act('whzf-officer1', 'record-hearing', { record: '当事人请求从轻处罚。' });
    assert.equal(heard.case.review.approvedProposal, null, 'the approval is set aside by the hearing');
    const refused = await send('whzf-head', 'POST', `/api/cases/${caseId}/decide`, { penalty: PENALTY, basis: '条例第三十一条' }, caseVersion);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().code, 'legal-review-required');
    assert.match(refused.json().message, /第五十八条/);
    // The same proposal goes back with the hearing record, and is not "already passed".
    const again = await openRound();
    const round = await ok(send('whzf-reviewer1', 'GET', `/api/reviews/${again.id}`));
    assert.ok(round.review.materials.some((m: { name: string; present: boolean }) => m.name === '听证笔录' && m.present));
    await ok(approve(again));
  });

  it('a round owing its opinion is withdrawn when the case is decided another way, in the same transaction; its reviewer can no longer decide it', async () => {
    // Another case, with no hearing: its penalty is in the catalog's scope by amount, a decision not to penalise is not.
    await day('2026-09-16');
    const first = { id: caseId, version: caseVersion };
    await openCase('蒸湘区月光网吧', '2026-09-16');
    const open = await openRound();
    const decided = await act('whzf-head', 'decide-no-penalty', { reason: '违法行为轻微并及时改正', basis: '《行政处罚法》第三十三条' });
    assert.equal(decided.case.status, 'decided');
    const rv = (await ok(send('whzf-reviewer1', 'GET', `/api/reviews/${open.id}`))).review;
    assert.equal(rv.status, 'withdrawn');
    assert.equal(rv.withdrawal.reason, '案件已作出不予行政处罚决定');
    const events = await ctx().db.selectFrom('events').select(['type']).where('subject', '=', caseId).orderBy('id', 'desc').limit(2).execute();
    assert.deepEqual(events.map((e) => e.type), ['review.withdrawn', 'case.decide-no-penalty']);
    const late = await approve({ id: open.id, version: rv.version });
    assert.equal(late.statusCode, 409, late.body);
    assert.equal(late.json().code, 'review-invalid-state');
    const inbox = await ok(send('whzf-reviewer1', 'GET', '/api/reviews?reviewer=me&status=open'));
    assert.ok(!inbox.some((x: { id: string }) => x.id === open.id), 'no orphan in the inbox');
    caseId = first.id;
    caseVersion = first.version;
  });

  it('《行政处罚法》第五十七条、第五十八条: after the hearing, a decision not to penalise is a major decision too — the approved penalty does not authorise it; its own review does', async () => {
    await day('2026-09-17');
    await refreshCase();
    const refused = await send('whzf-head', 'POST', `/api/cases/${caseId}/decide-no-penalty`, { reason: '听证后认定违法行为轻微并已改正', basis: '《行政处罚法》第三十三条第一款' }, caseVersion);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().code, 'legal-review-required');
    assert.match(refused.json().message, /听证后作出的决定须经法制审核.*通过的是拟作出的行政处罚决定.*第五十八条/);
    assert.equal(refused.json().details.article, '《行政处罚法》第五十八条');
    const both = await send('whzf-officer1', 'POST', `/api/cases/${caseId}/review-submissions`, { noPenalty: true, penalty: PENALTY }, caseVersion);
    assert.equal(both.statusCode, 400, both.body);
    // The handling unit submits the proposal not to penalise, with the hearing record.
    const submitted = await ok(send('whzf-officer1', 'POST', `/api/cases/${caseId}/review-submissions`, { noPenalty: true, note: '听证后拟不予行政处罚' }, caseVersion), 201);
    assert.equal(submitted.review.penalty, null);
    assert.deepEqual(submitted.review.materials.map((m: { name: string }) => m.name), ['调查终结报告', '证据材料清单', '拟作出的不予行政处罚决定', '听证笔录']);
    assert.deepEqual(submitted.review.requiredBecause, ['本案已举行听证，听证后作出的决定须经法制审核']);
    const assigned = await ok(send('whzf-legalhead', 'POST', `/api/reviews/${submitted.review.id}/assign`, { reviewerUserId: user['whzf-reviewer1'] }, submitted.review.version));
    const approved = await ok(approve(assigned.review));
    const spec = (await ctx().db.selectFrom('documents').select('spec').where('id', '=', approved.review.decision.documentId).executeTakeFirstOrThrow()).spec;
    assert.ok(spec.includes(JSON.stringify({ label: '拟作出的决定', value: '不予行政处罚' })), 'the 意见书 names the proposal reviewed');
    await refreshCase();
    const decided = await act('whzf-head', 'decide-no-penalty', { reason: '听证后认定违法行为轻微并已改正', basis: '《行政处罚法》第三十三条第一款' });
    assert.equal(decided.case.decision.kind, 'no-penalty');
    assert.equal(decided.case.review.approvedReviewId, submitted.review.id, 'the record shows the review that authorised the decision');
    const decision = (await ctx().db.selectFrom('documents').select('spec').where('id', '=', decided.case.decision.documentId).executeTakeFirstOrThrow()).spec;
    assert.ok(decision.includes(`《法制审核意见书》（${approved.review.decision.number}）`), 'the 不予行政处罚决定书 names the 意见书 that authorised it');
    assert.ok(decision.includes('2026年9月17日出具'));
  });
}, () => clock);
