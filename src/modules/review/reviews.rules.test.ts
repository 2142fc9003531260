import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCalendar } from '../../calendar/calendar.rules.ts';
import { CALENDAR_2026 } from '../../calendar/calendar2026.testing.ts';
import { ALLOWED, type Verdict } from '../../kernel/refusal.ts';
import type { CaseRecord, Party, Penalty } from '../../shared/cases.ts';
import { DEFAULT_REVIEW_SETTINGS as S, type ReviewRecord } from '../../shared/reviews.ts';
import { applyCaseEvent, proposalDigest } from '../cases/cases.record.ts';
import { DEFAULT_CASE_SETTINGS, mayDecide, type AddDays } from '../cases/cases.rules.ts';
import {
  applyReviewEvent,
  applyReviewToCase,
  checkOpinion,
  currentProposal,
  isOverdue,
  materialsComplete,
  mayBeReviewer,
  mayCoReview,
  mayDecideNoPenalty,
  mayOpenRound,
  maySubmit,
  mayStep,
  nextInRotation,
  quantile,
  reviewDueOn,
  reviewMaterials,
  reviewStats,
  type ReviewerCandidate,
} from './reviews.rules.ts';

const pen = (fineFen = 1_500_000): Penalty => ({ kinds: ['warning', 'fine'], fineFen, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' });
const org: Party = { kind: 'organisation', name: '某网吧', idNumber: null, representative: null, address: null, phone: null, minor: false };
const officer = (id: string) => ({ officerId: id, name: id, certificateNo: 'c' });

function caseWith(events: { type: string; data: Record<string, unknown> }[]): CaseRecord {
  let r: CaseRecord | null = null;
  events.forEach((e, i) => (r = applyCaseEvent(r, { type: e.type, seq: i + 1, at: '2026-09-01T02:00:00.000Z', data: { id: 'c1', ...e.data } })));
  return r!;
}
const clue = { type: 'case.register-clue', data: { on: '2026-09-01', agencyId: 'a', unitId: 'unit-1', field: '文化市场', source: 'inspection', cause: '案由', summary: '', actOn: '2026-08-01', seriousHarm: false, parties: [org] } };
const filed = { type: 'case.file', data: { on: '2026-09-01', handlers: [officer('o1'), officer('o2')], caseNo: null, benchmark: null, documentId: null } };
const evidence = { type: 'case.add-evidence', data: { on: '2026-09-01', items: [{ id: 'e1', kind: '书证', description: '营业执照复印件' }] } };
const closed = (p: Penalty) => ({ type: 'case.close-investigation', data: { on: '2026-09-02', outcome: 'penalise', findings: '', proposedPenalty: p, firstViolation: false, benchmark: null, requiredBecause: ['拟罚款15,000元'], documentId: null } });
const notified = (p: Penalty) => ({ type: 'case.notify', data: { on: '2026-09-02', servedOn: '2026-09-02', proposedPenalty: p, facts: '', reasons: '', basis: '', hearingRight: true, requiredBecause: ['拟罚款15,000元'], documentId: null } });
const ready = () => caseWith([clue, filed, evidence, closed(pen()), notified(pen())]);

const code = (v: Verdict) => (v.ok ? 'ok' : v.code);
const candidate = (over: Partial<ReviewerCandidate> = {}): ReviewerCandidate => ({
  userId: 'u-r1',
  name: '王审核',
  active: true,
  legalQualificationNo: 'A20184301001234',
  officerId: null,
  reviewerGrant: true,
  unitIds: ['unit-legal'],
  ...over,
});

describe('送审材料 (rules.md E; 国办发〔2018〕118号第十四项: the handling unit answers for their completeness)', () => {
  it('a case with its report, evidence and proposal is complete; what is missing is listed in Chinese, naming item 十四', () => {
    const r = ready();
    const facts = { penalty: pen(), outsideBenchmark: false, documents: {} };
    assert.equal(materialsComplete(reviewMaterials(r, facts)).ok, true);
    const bare = { ...r, evidence: [] };
    const v = materialsComplete(reviewMaterials(bare, facts));
    assert.equal(code(v), 'review-materials-missing');
    assert.match(!v.ok ? v.message : '', /缺少：证据材料清单.*118号）第十四项/);
  });

  it('a requested hearing needs its record; a held collective discussion is listed with its record', () => {
    const r = caseWith([clue, filed, evidence, closed(pen()), notified(pen()), { type: 'case.request-hearing', data: { on: '2026-09-03' } }]);
    const v = materialsComplete(reviewMaterials(r, { penalty: pen(), outsideBenchmark: false, documents: {} }));
    assert.deepEqual(!v.ok && v.details.missing, ['听证笔录']);
    const held = { ...r, hearing: { ...r.hearing!, heldOn: '2026-09-15' }, discussion: { on: '2026-09-16', participants: [], conclusion: '', documentId: 'd9' } };
    const m = reviewMaterials(held, { penalty: pen(), outsideBenchmark: false, documents: { 'discussion-record': 'd9', 'hearing-record': 'd8' } });
    assert.equal(materialsComplete(m).ok, true);
    assert.deepEqual(m.filter((x) => x.ref).map((x) => [x.name, x.ref]), [['听证笔录', 'd8'], ['集体讨论记录', 'd9']]);
  });

  it('outside the discretion benchmark the head’s approval of this very proposal is required', () => {
    const r = ready();
    const outside = { penalty: pen(), outsideBenchmark: true, documents: {} };
    const v = materialsComplete(reviewMaterials(r, outside));
    assert.deepEqual(!v.ok && v.details.missing, ['超出裁量基准的理由说明及负责人批准']);
    const approvedOther = { ...r, discretionApproval: { proposal: proposalDigest(pen(2_000_000)), reason: '情节严重', approvedOn: '2026-09-02' } };
    assert.equal(materialsComplete(reviewMaterials(approvedOther, outside)).ok, false);
    const approved = { ...r, discretionApproval: { proposal: proposalDigest(pen()), reason: '情节严重', approvedOn: '2026-09-02' } };
    assert.equal(materialsComplete(reviewMaterials(approved, outside)).ok, true);
  });

  it('a review is submitted after the investigation report proposes a penalty and before the decision; one round at a time; a passed proposal is not reviewed again', () => {
    assert.equal(code(maySubmit(caseWith([clue, filed]))), 'case-invalid-state');
    assert.equal(maySubmit(ready()).ok, true);
    assert.equal(code(maySubmit({ ...ready(), suspended: { since: '2026-09-03', reason: '鉴定' } })), 'case-suspended');
    assert.equal(code(mayOpenRound({ id: 'r1', round: 1 }, null)), 'review-open');
    assert.equal(code(mayOpenRound(null, { id: 'r1', round: 1 })), 'review-already-passed');
    assert.equal(mayOpenRound(null, null).ok, true);
  });

  it('《行政处罚法》第五十七条、第五十八条: 不予行政处罚 is a proposed decision too — submitted when the report proposes it, or after the notice; a transfer is not reviewed', () => {
    const noPenaltyReport = { type: 'case.close-investigation', data: { on: '2026-09-02', outcome: 'no-penalty', findings: '', proposedPenalty: null, firstViolation: true, benchmark: null, requiredBecause: [], documentId: null } };
    const r = caseWith([clue, filed, evidence, noPenaltyReport]);
    assert.deepEqual(currentProposal(r), { penalty: null });
    assert.equal(maySubmit(r, true).ok, true);
    assert.match(!maySubmit(r, false).ok ? (maySubmit(r, false) as { message: string }).message : '', /不予行政处罚.*第五十八条/);
    const m = reviewMaterials(r, { penalty: null, outsideBenchmark: false, documents: { 'investigation-closing-approval': 'd1' } });
    assert.deepEqual(m.map((x) => [x.name, x.present]), [['调查终结报告', true], ['证据材料清单', true], ['拟作出的不予行政处罚决定', true]]);
    assert.equal(m[2]!.ref, 'd1', 'the report reasons the proposal');
    // After a notice, when the statement shows no penalty is due (Art 45①); before one, a report proposing a penalty stands.
    assert.equal(maySubmit(ready(), true).ok, true);
    assert.equal(code(maySubmit(caseWith([clue, filed, evidence, closed(pen())]), true)), 'case-invalid-state');
    const transfer = caseWith([clue, filed, evidence, { type: 'case.close-investigation', data: { ...noPenaltyReport.data, outcome: 'transfer', firstViolation: false } }]);
    assert.equal(currentProposal(transfer), null);
    assert.equal(code(maySubmit(transfer, false)), 'case-invalid-state');
  });
});

describe('审核人员 (《行政处罚法》第五十八条第二款; 第四十三条; 118号第十一项、第十四项)', () => {
  const r = ready();
  it('第五十八条第二款: a reviewer without a recorded 法律职业资格 is refused', () => {
    const v = mayBeReviewer(r, candidate({ legalQualificationNo: null }), S);
    assert.equal(code(v), 'reviewer-not-qualified');
    assert.match(!v.ok ? v.message : '', /第五十八条第二款/);
  });

  it('118号第十一项: only the agency’s legal reviewers (or head of legal review) review, and only while active', () => {
    assert.equal(code(mayBeReviewer(r, candidate({ reviewerGrant: false }), S)), 'reviewer-not-assignable');
    assert.equal(code(mayBeReviewer(r, candidate({ active: false }), S)), 'reviewer-not-assignable');
    assert.equal(mayBeReviewer(r, candidate(), S).ok, true);
  });

  it('a member of the case’s team is refused; so is a person who recused (Art 43)', () => {
    const v = mayBeReviewer(r, candidate({ officerId: 'o1' }), S);
    assert.equal(code(v), 'reviewer-on-case-team');
    assert.match(!v.ok ? v.message : '', /第五十八条/);
    const recused = { ...r, recused: [{ id: 'u-r1', name: '王审核', reason: '近亲属' }] };
    const w = mayBeReviewer(recused, candidate(), S);
    assert.equal(code(w), 'reviewer-recused');
    assert.match(!w.ok ? w.message : '', /第四十三条/);
  });

  it('118号第十四项: a reviewer of the handling unit is refused while the agency keeps the setting on (the default)', () => {
    const inUnit = candidate({ unitIds: ['unit-1'] });
    const v = mayBeReviewer(r, inUnit, S);
    assert.equal(code(v), 'reviewer-in-handling-unit');
    assert.match(!v.ok ? v.message : '', /第十四项/);
    assert.equal(mayBeReviewer(r, inUnit, { reviewerOutsideHandlingUnit: false }).ok, true);
    assert.equal(mayBeReviewer({ ...r, unitId: null }, inUnit, S).ok, true, 'a case with no unit has no handling-unit conflict');
  });

  it('a co-reviewer is one of the agency’s legal advisers, independent of the case, not the reviewer', () => {
    const adviser = { userId: 'u-adv', name: '周律师', officerId: null, active: true, adviserGrant: true };
    assert.equal(mayCoReview(r, adviser, 'u-r1').ok, true);
    assert.equal(code(mayCoReview(r, { ...adviser, adviserGrant: false }, 'u-r1')), 'co-reviewer-not-adviser');
    assert.equal(code(mayCoReview(r, adviser, 'u-adv')), 'validation-failed');
  });

  it('round-robin: the next eligible reviewer after the one assigned last, cyclically', () => {
    const c = [
      { userId: 'a', eligible: true },
      { userId: 'b', eligible: false },
      { userId: 'c', eligible: true },
    ];
    assert.equal(nextInRotation(c, null), 'a');
    assert.equal(nextInRotation(c, 'a'), 'c');
    assert.equal(nextInRotation(c, 'c'), 'a');
    assert.equal(nextInRotation(c, 'someone-else'), 'a');
    assert.equal(nextInRotation(c.map((x) => ({ ...x, eligible: false })), 'a'), null);
  });
});

describe('审核意见 (118号第十三项: the ten points; 同意 or 存在问题)', () => {
  const all = (ok = true) => Array.from({ length: 10 }, (_, i) => ({ point: 10 - i, ok, comment: ok ? '' : '问题' }));
  it('every one of the ten points, once; returned in point order', () => {
    const v = checkOpinion({ outcome: 'approved', checklist: all(), opinion: '同意' });
    assert.equal(v.verdict.ok, true);
    assert.deepEqual(v.checklist.map((c) => c.point), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const nine = checkOpinion({ outcome: 'approved', checklist: all().slice(1), opinion: '同意' });
    assert.equal(code(nine.verdict), 'review-checklist-incomplete');
    assert.match(!nine.verdict.ok ? nine.verdict.message : '', /缺少第10项/);
    const twice = checkOpinion({ outcome: 'approved', checklist: [...all().slice(1), { point: 1, ok: true }], opinion: '同意' });
    assert.equal(code(twice.verdict), 'review-checklist-incomplete');
  });

  it('a point found wanting needs its comment; 同意 only when every point is 合格', () => {
    const noComment = all().map((c) => (c.point === 6 ? { ...c, ok: false, comment: ' ' } : c));
    const v = checkOpinion({ outcome: 'problems', checklist: noComment, opinion: '存在问题', requiredChanges: '调整' });
    assert.equal(code(v.verdict), 'review-comment-required');
    assert.match(!v.verdict.ok ? v.verdict.message : '', /第6项“裁量”/);
    const withProblem = all().map((c) => (c.point === 6 ? { ...c, ok: false, comment: '罚款偏高' } : c));
    assert.equal(code(checkOpinion({ outcome: 'approved', checklist: withProblem, opinion: '同意' }).verdict), 'review-outcome-inconsistent');
  });

  it('存在问题 names at least one point and the changes required', () => {
    const withProblem = all().map((c) => (c.point === 4 ? { ...c, ok: false, comment: '证据不足' } : c));
    assert.equal(code(checkOpinion({ outcome: 'problems', checklist: withProblem, opinion: '退回' }).verdict), 'review-changes-required');
    assert.equal(code(checkOpinion({ outcome: 'problems', checklist: all(), opinion: '退回', requiredChanges: '补充' }).verdict), 'review-outcome-inconsistent');
    assert.equal(checkOpinion({ outcome: 'problems', checklist: withProblem, opinion: '退回', requiredChanges: '补充证据' }).verdict.ok, true);
  });

  it('each step in its statuses: assign a submitted review, decide an assigned one, escalate a returned one', () => {
    assert.equal(mayStep('assign', 'submitted').ok, true);
    assert.equal(code(mayStep('decide', 'submitted')), 'review-invalid-state');
    assert.equal(mayStep('escalate', 'returned').ok, true);
    assert.equal(code(mayStep('escalate', 'approved')), 'review-invalid-state');
  });
});

describe('审核期限 (rules.md E: 5–10 working days, set locally; Art 85 counts short periods in working days)', () => {
  const cal = buildCalendar([CALENDAR_2026]);
  it('five working days skip 中秋 and 国庆: submitted Wednesday 2026-09-23, due Thursday 2026-10-08', () => {
    assert.equal(reviewDueOn(cal, '2026-09-23', 5), '2026-10-08');
    assert.equal(reviewDueOn(cal, '2026-09-01', 5), '2026-09-08');
  });

  it('overdue: open and past the due date', () => {
    assert.equal(isOverdue({ status: 'assigned', dueOn: '2026-09-08' }, '2026-09-08'), false);
    assert.equal(isOverdue({ status: 'assigned', dueOn: '2026-09-08' }, '2026-09-09'), true);
    assert.equal(isOverdue({ status: 'approved', dueOn: '2026-09-08' }, '2026-09-09'), false);
  });
});

describe('《行政处罚法》第五十八条 gate: an approval authorises exactly the proposal reviewed', () => {
  const submitted = { type: 'review.submitted', actor: 'u-h', at: '2026-09-03T02:00:00.000Z', data: { id: 'rv1', caseId: 'c1', agencyId: 'a', unitId: 'unit-1', round: 1, proposal: proposalDigest(pen()), penalty: pen(), requiredBecause: ['拟罚款15,000元'], materials: [], note: null, submittedByName: '刘建国', on: '2026-09-03', dueOn: '2026-09-10' } };
  const assigned = { type: 'review.assigned', actor: 'u-head', at: '2026-09-03T03:00:00.000Z', data: { id: 'rv1', caseId: 'c1', reviewerUserId: 'u-r1', reviewerName: '王审核', coReviewerUserId: null, coReviewerName: null, mode: 'manual', on: '2026-09-03' } };
  const decided = (outcome: 'approved' | 'problems') => ({
    type: 'review.decided',
    actor: 'u-r1',
    at: '2026-09-04T02:00:00.000Z',
    data: { id: 'rv1', caseId: 'c1', proposal: proposalDigest(pen()), outcome, checklist: [], opinion: '意见', requiredChanges: outcome === 'problems' ? '补正' : null, reviewerUserId: 'u-r1', reviewerName: '王审核', documentId: 'd1', number: '衡文执法审字〔2026〕第1号', on: '2026-09-04' },
  });
  const add: AddDays = (start, n) => {
    const d = new Date(`${start}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n * 2);
    return d.toISOString().slice(0, 10);
  };
  const facts = { settings: { ...DEFAULT_CASE_SETTINGS, discussionForMajor: false }, add, benchmark: ALLOWED, on: '2026-09-30', decisionDue: '2026-11-30', reviewScope: ['罚款达到目录标准（测试）'] };
  const withHearingWaived = (r: CaseRecord): CaseRecord => ({ ...r, statement: { on: '2026-09-02', text: '', adopted: false, review: '', waived: true } });

  it('the review record folds its events: submitted → assigned → returned, each a new version', () => {
    let rv: ReviewRecord = applyReviewEvent(null, submitted);
    assert.equal(rv.status, 'submitted');
    rv = applyReviewEvent(rv, assigned);
    assert.equal(rv.reviewer?.name, '王审核');
    rv = applyReviewEvent(rv, decided('problems'));
    assert.deepEqual([rv.status, rv.version, rv.decision?.requiredChanges], ['returned', 3, '补正']);
  });

  it('blocks a major decision until a review passes; passes after approval; a changed proposal re-opens the gate', () => {
    let r = withHearingWaived(ready());
    assert.equal(code(mayDecide(r, { ...facts, penalty: pen() })), 'legal-review-required');
    for (const e of [submitted, assigned, decided('problems')]) r = applyReviewToCase(r, e);
    assert.equal(r.review.status, 'returned');
    assert.equal(code(mayDecide(r, { ...facts, penalty: pen() })), 'legal-review-required', 'a returned review does not open the gate');
    const version = r.version;
    r = applyReviewToCase(r, decided('approved'));
    assert.equal(r.version, version + 1, 'each review event is a new version of the case');
    assert.deepEqual([r.review.approvedProposal, r.review.approvedNumber, r.review.reviewerName], [proposalDigest(pen()), '衡文执法审字〔2026〕第1号', '王审核']);
    assert.equal(mayDecide(r, { ...facts, penalty: pen() }).ok, true);
    const changed = mayDecide(r, { ...facts, penalty: pen(1_200_000) });
    assert.equal(code(changed), 'legal-review-required');
    assert.match(!changed.ok ? changed.message : '', /须重新审核.*第五十八条/);
  });

  it('《行政处罚法》第五十八条: 不予行政处罚 in the catalog’s scope needs a passed review of that very proposal; an approved penalty does not authorise it, nor it a penalty', () => {
    const because = ['本案已举行听证，听证后作出的决定须经法制审核'];
    let r = withHearingWaived(ready());
    assert.equal(mayDecideNoPenalty(r, []).ok, true, 'out of scope: no review needed');
    const none = mayDecideNoPenalty(r, because);
    assert.equal(code(none), 'legal-review-required');
    assert.ok(!none.ok && /不予行政处罚决定未经法制审核.*第五十八条/.test(none.message) && none.details.article === '《行政处罚法》第五十八条');
    for (const e of [submitted, assigned, decided('approved')]) r = applyReviewToCase(r, e);
    assert.match(!mayDecideNoPenalty(r, because).ok ? (mayDecideNoPenalty(r, because) as { message: string }).message : '', /通过的是拟作出的行政处罚决定.*第五十八条/);
    const noPenaltyApproved = { ...decided('approved'), data: { ...decided('approved').data, id: 'rv2', proposal: proposalDigest(null) } };
    r = applyReviewToCase(r, noPenaltyApproved);
    assert.equal(mayDecideNoPenalty(r, because).ok, true);
    assert.equal(code(mayDecide(r, { ...facts, penalty: pen() })), 'legal-review-required', 'an approval of 不予处罚 authorises no penalty');
    assert.notEqual(proposalDigest(null), proposalDigest({ kinds: [], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' }));
  });
});

describe('审核统计: outcomes, turnaround (median, p90), problem points, per unit and reviewer', () => {
  it('quantiles interpolate (Excel PERCENTILE.INC)', () => {
    assert.equal(quantile([], 0.5), null);
    assert.equal(quantile([3], 0.9), 3);
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9.1);
  });

  it('counts, turnaround and the most frequent problem points', () => {
    const row = (unit: string, reviewer: string, outcome: 'approved' | 'problems', turnaround: number, bad: number[] = []) => ({
      unitId: unit,
      unitName: unit,
      reviewerUserId: reviewer,
      reviewerName: reviewer,
      outcome,
      turnaround,
      checklist: Array.from({ length: 10 }, (_, i) => ({ point: i + 1, ok: !bad.includes(i + 1), comment: '' })),
    });
    const s = reviewStats([row('一科', '王', 'problems', 2, [4, 6]), row('一科', '王', 'approved', 1), row('二科', '赵', 'problems', 5, [6]), row('二科', '王', 'approved', 3)]);
    assert.equal(s.decided, 4);
    assert.deepEqual(s.byOutcome, { approved: 2, problems: 2 });
    assert.deepEqual(s.turnaround, { median: 2.5, p90: 4.4 });
    assert.deepEqual(s.problemPoints.map((p) => [p.point, p.label, p.count]), [[6, '裁量', 2], [4, '事实证据', 1]]);
    assert.deepEqual(s.byReviewer.map((g) => [g.name, g.decided, g.approved, g.problems]), [['王', 3, 2, 1], ['赵', 1, 0, 1]]);
    assert.deepEqual(s.byUnit.map((g) => [g.name, g.median]), [['一科', 1.5], ['二科', 4]]);
  });
});
