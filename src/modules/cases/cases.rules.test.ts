import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseRecord, Party, Penalty } from '../../shared/cases.ts';
import { applyCaseEvent, proposalDigest } from './cases.record.ts';
import {
  DEFAULT_CASE_SETTINGS as S,
  hearingRight,
  lateFee,
  mayDecide,
  mayPerform,
  notHeavierThanNotified,
  onTheSpotCollectionAllowed,
  paymentDueDate,
  receiptOfDecision,
  simpleProcedureEligible,
  withinLimitation,
  withinStatutoryLimits,
  type AddDays,
} from './cases.rules.ts';
import { ALLOWED } from '../../kernel/refusal.ts';

const pen = (over: Partial<Penalty> = {}): Penalty => ({ kinds: ['fine'], fineFen: 500_000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '', ...over });
const person: Party = { kind: 'person', name: '张三', idNumber: null, representative: null, address: null, phone: null, minor: false };
const org: Party = { ...person, kind: 'organisation', name: '某公司' };

/** Weekends only — enough for rules that count a few days in an ordinary week of September 2026. */
const add: AddDays = (start, n, unit) => {
  const d = new Date(`${start}T00:00:00Z`);
  if (unit === 'calendar') {
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  for (let left = n; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() % 6 !== 0) left--;
  }
  return d.toISOString().slice(0, 10);
};

function caseWith(events: { type: string; data: Record<string, unknown> }[]): CaseRecord {
  let r: CaseRecord | null = null;
  events.forEach((e, i) => (r = applyCaseEvent(r, { type: e.type, seq: i + 1, at: '2026-09-01T02:00:00.000Z', data: { id: 'c1', ...e.data } })));
  return r!;
}
const clue = { type: 'case.register-clue', data: { on: '2026-09-01', agencyId: 'a', unitId: null, field: '文化市场', source: 'inspection', cause: '案由', summary: '', actOn: '2026-08-01', seriousHarm: false, parties: [org] } };
const filed = { type: 'case.file', data: { on: '2026-09-01', handlers: [], caseNo: null, benchmark: null, documentId: null } };
const closed = (p: Penalty) => ({ type: 'case.close-investigation', data: { on: '2026-09-02', outcome: 'penalise', findings: '', proposedPenalty: p, firstViolation: false, benchmark: null, requiredBecause: [], documentId: null } });
const notified = (p: Penalty, hearing: boolean) => ({ type: 'case.notify', data: { on: '2026-09-02', servedOn: '2026-09-02', proposedPenalty: p, facts: '', reasons: '', basis: '', hearingRight: hearing, requiredBecause: [], documentId: null } });
/** A passed legal review of `p`, as the review module's approval leaves the case record (src/modules/review). */
const approved = (r: CaseRecord, p: Penalty): CaseRecord => ({ ...r, review: { ...r.review, approvedProposal: proposalDigest(p), approvedOn: '2026-09-03', reviewerName: '王审核', opinion: '同意', status: 'approved' } });

describe('penalty case rules (《行政处罚法》)', () => {
  it('第五十一条、第六十八条: an agency may lower the on-the-spot ceilings but never raise them above the law', () => {
    assert.equal(withinStatutoryLimits(S).ok, true);
    assert.equal(withinStatutoryLimits({ ...S, simpleCeilingFen: { '*': { person: 5_000, organisation: 100_000 } }, onTheSpotCollectFen: 5_000 }).ok, true);
    const high = withinStatutoryLimits({ ...S, simpleCeilingFen: { '*': { person: 5_000_000, organisation: 300_000 } } });
    assert.match(!high.ok ? high.message : '', /第五十一条/);
    const cash = withinStatutoryLimits({ ...S, onTheSpotCollectFen: 10_001 });
    assert.match(!cash.ok ? cash.message : '', /第六十八条/);
  });

  it('第六十四条、第六十五条: a hearing is recorded only after it was requested, its presider named and the party notified', () => {
    const p = pen({ kinds: ['suspend-business'], fineFen: null });
    const requested = caseWith([clue, filed, closed(p), notified(p, true), { type: 'case.request-hearing', data: { on: '2026-09-03' } }]);
    assert.equal((mayPerform('record-hearing', requested) as { code: string }).code, 'case-invalid-state');
    assert.equal(mayPerform('schedule-hearing', requested).ok, true);
    const notRequested = caseWith([clue, filed, closed(p), notified(p, true)]);
    assert.equal(mayPerform('schedule-hearing', notRequested).ok, false);
  });

  it('第四十五条: after the notice a statement may still lead to 不予处罚; a transfer outcome cannot be notified', () => {
    const p = pen();
    assert.equal(mayPerform('decide-no-penalty', caseWith([clue, filed, closed(p), notified(p, false)])).ok, true);
    const transfer = caseWith([clue, filed, { type: 'case.close-investigation', data: { ...closed(p).data, outcome: 'transfer', proposedPenalty: null } }]);
    assert.equal(mayPerform('notify', transfer).ok, false);
    assert.equal(mayPerform('transfer', transfer).ok, true);
  });

  it('第三十六条: an act not discovered within two years (five where life, health or financial safety was harmed) is no longer penalised', () => {
    assert.equal(withinLimitation({ actOn: '2024-09-01', seriousHarm: false }, '2026-09-01').ok, true);
    const late = withinLimitation({ actOn: '2024-09-01', seriousHarm: false }, '2026-09-02');
    assert.equal(late.ok, false);
    assert.equal(!late.ok && late.code, 'limitation-expired');
    assert.equal(withinLimitation({ actOn: '2024-09-01', seriousHarm: true }, '2026-09-02').ok, true);
    assert.equal(withinLimitation({ actOn: '2021-09-01', seriousHarm: true }, '2026-09-02').ok, false);
  });

  it('第四十五条第二款: the decision may not add a kind or raise an amount over the notice; lowering is fine', () => {
    assert.equal(notHeavierThanNotified(pen({ fineFen: 400_000 }), pen()).ok, true);
    assert.equal(notHeavierThanNotified(pen({ fineFen: 500_001 }), pen()).ok, false);
    const extra = notHeavierThanNotified(pen({ kinds: ['fine', 'revoke-licence'] }), pen());
    assert.equal(!extra.ok && extra.code, 'penalty-heavier-than-notified');
    assert.match(!extra.ok ? extra.message : '', /吊销许可证件.*第四十五条第二款/);
    assert.equal(notHeavierThanNotified(pen({ kinds: ['warning'], fineFen: null }), pen({ kinds: ['warning', 'fine'] })).ok, true);
  });

  it('第六十三条: 较大数额 fines (by party kind) and licence revocation or business suspension carry the hearing right', () => {
    assert.equal(hearingRight(pen({ fineFen: S.hearingFineFen.person }), [person], S), true);
    assert.equal(hearingRight(pen({ fineFen: S.hearingFineFen.person }), [org], S), false);
    assert.equal(hearingRight(pen({ kinds: ['suspend-business'], fineFen: null }), [org], S), true);
    assert.equal(hearingRight(pen({ kinds: ['warning'], fineFen: null }), [person], S), false);
  });

  it('第六十二条: deciding before the notice names the article; other acts out of order are refused as invalid state', () => {
    const r = caseWith([clue, filed]);
    const v = mayPerform('decide', r);
    assert.equal(!v.ok && v.code, 'notice-required');
    assert.match(!v.ok ? v.message : '', /未经事先告知不得作出行政处罚决定（《行政处罚法》第六十二条）/);
    assert.equal(!mayPerform('archive', r).ok && (mayPerform('archive', r) as { code: string }).code, 'case-invalid-state');
  });

  it('第六十四条第一项: with a hearing right and no waiver, the decision waits 5 working days after the notice was served', () => {
    const p = pen({ kinds: ['suspend-business'], fineFen: null });
    const r = caseWith([clue, filed, closed(p), notified(p, true)]);
    const facts = { penalty: p, settings: S, add, benchmark: ALLOWED, decisionDue: '2026-11-30', reviewScope: [] };
    // Served Wednesday 2026-09-02: the 5th working day after is Wednesday 2026-09-09.
    const early = mayDecide(r, { ...facts, on: '2026-09-09' });
    assert.equal(!early.ok && early.code, 'hearing-window-open');
    assert.equal(mayDecide(r, { ...facts, on: '2026-09-10' }).ok, true);
  });

  it('第五十八条: a major decision (in the catalog’s scope) needs a passed review of exactly that penalty — a changed one needs a new review', () => {
    const p = pen({ fineFen: 1_000_000 });
    const base = [clue, filed, closed(p), notified(p, false)];
    const major = { settings: { ...S, discussionForMajor: false }, add, benchmark: ALLOWED, on: '2026-09-03', decisionDue: '2026-11-30', reviewScope: ['罚款达到目录标准'] };
    const unreviewed = mayDecide(caseWith(base), { ...major, penalty: p });
    assert.equal(!unreviewed.ok && unreviewed.code, 'legal-review-required');
    assert.match(!unreviewed.ok ? unreviewed.message : '', /罚款达到目录标准.*第五十八条/);
    // A passed review (src/modules/review) records the digest of the penalty it approved.
    const approved = (r: CaseRecord): CaseRecord => ({ ...r, review: { ...r.review, approvedProposal: proposalDigest(p), approvedOn: '2026-09-03', reviewerName: '王审核', opinion: '同意' } });
    const reviewed = approved(caseWith(base));
    assert.equal(mayDecide(reviewed, { ...major, penalty: p }).ok, true);
    // Outside the catalog's scope no review is needed at all.
    assert.equal(mayDecide(caseWith(base), { ...major, reviewScope: [], penalty: pen({ fineFen: 999_999 }) }).ok, true);
    const other = pen({ fineFen: 1_000_000, kinds: ['fine', 'warning'] });
    const v = mayDecide(approved(caseWith([clue, filed, closed(other), notified(other, false)])), { ...major, penalty: other });
    assert.equal(!v.ok && v.code, 'legal-review-required');
    assert.match(!v.ok ? v.message : '', /须重新审核/);
  });

  it('第六十条: past the 90-day due date (as the deadline engine reckons it) the decision needs an approved extension', () => {
    const r = caseWith([clue, filed, closed(pen()), notified(pen(), false)]);
    const facts = { penalty: pen(), settings: S, add, benchmark: ALLOWED, decisionDue: '2026-11-30', reviewScope: [] };
    assert.equal(mayDecide(r, { ...facts, on: '2026-11-30' }).ok, true);
    const overdue = mayDecide(r, { ...facts, on: '2026-12-01' });
    assert.equal(!overdue.ok && overdue.code, 'decision-overdue');
    assert.match(!overdue.ok ? overdue.message : '', /第六十条/);
  });

  it('第五十一条: on the spot only a warning or a fine up to ¥200 (citizen) / ¥3,000 (organisation)', () => {
    assert.equal(simpleProcedureEligible(pen({ fineFen: 20_000 }), [person], '文化市场', S).ok, true);
    assert.equal(simpleProcedureEligible(pen({ fineFen: 20_001 }), [person], '文化市场', S).ok, false);
    assert.equal(simpleProcedureEligible(pen({ fineFen: 300_000 }), [org], '文化市场', S).ok, true);
    assert.equal(simpleProcedureEligible(pen({ fineFen: 300_001 }), [org], '文化市场', S).ok, false);
    assert.equal(simpleProcedureEligible(pen({ kinds: ['warning'], fineFen: null }), [org], '文化市场', S).ok, true);
    // A field may set its own ceiling (older rules said ¥50/¥1,000).
    const strict = { ...S, simpleCeilingFen: { ...S.simpleCeilingFen, 旅游: { person: 5_000, organisation: 100_000 } } };
    assert.equal(simpleProcedureEligible(pen({ fineFen: 6_000 }), [person], '旅游', strict).ok, false);
  });

  it('第六十八条: on-the-spot collection up to ¥100, or with the reason it could not be collected later', () => {
    assert.equal(onTheSpotCollectionAllowed(10_000, null, 10_000, S).ok, true);
    assert.equal(onTheSpotCollectionAllowed(15_000, null, 15_000, S).ok, false);
    assert.equal(onTheSpotCollectionAllowed(15_000, '当事人系外地游客，事后难以执行', 15_000, S).ok, true);
  });

  it('第七十二条、第七十三条: 3 % a day after the due date until paid, capped at the fine, not accruing during review or suit', () => {
    assert.equal(lateFee(100_000, '2026-10-01', '2026-10-01', []), 0);
    assert.equal(lateFee(100_000, '2026-10-01', '2026-10-03', []), 6_000);
    assert.equal(lateFee(100_000, '2026-10-01', '2027-10-01', []), 100_000);
    assert.equal(lateFee(100_000, '2026-10-01', '2026-10-11', [{ from: '2026-10-02', to: '2026-10-06' }]), 15_000);
    assert.equal(lateFee(100_000, '2026-10-01', '2026-10-11', [{ from: '2026-10-02', to: null }]), 0);
    // Paid on time: no late fee however long the case stays open; paid late: the days until paid.
    assert.equal(lateFee(100_000, '2026-10-01', '2026-12-01', [], [{ on: '2026-09-30', amountFen: 100_000 }]), 0);
    assert.equal(lateFee(100_000, '2026-10-01', '2026-12-01', [], [{ on: '2026-10-03', amountFen: 100_000 }]), 6_000);
  });

  it('Art 67③: the 15 days to pay run from receipt — the service day, the postal receipt’s date, or 30 days after an announcement (民事诉讼法 Art 95)', () => {
    assert.deepEqual(receiptOfDecision('direct', '2026-09-07', undefined, add), { ok: true, receivedOn: '2026-09-07' });
    assert.deepEqual(receiptOfDecision('left', '2026-09-07', null, add), { ok: true, receivedOn: '2026-09-07' });
    assert.deepEqual(receiptOfDecision('post', '2026-09-07', '2026-09-10', add), { ok: true, receivedOn: '2026-09-10' });
    assert.deepEqual(receiptOfDecision('announcement', '2026-09-07', null, add), { ok: true, receivedOn: '2026-10-07' });
    assert.equal(paymentDueDate('2026-09-10', add), '2026-09-25');
    const noReceipt = receiptOfDecision('post', '2026-09-07', null, add);
    assert.equal(noReceipt.ok, false);
    assert.match(noReceipt.ok ? '' : noReceipt.message, /第六十一条/);
    assert.equal(receiptOfDecision('post', '2026-09-07', '2026-09-06', add).ok, false, 'not received before it was posted');
    assert.equal(receiptOfDecision('direct', '2026-09-07', '2026-09-08', add).ok, false, 'a receipt date only for post');
  });
});
