import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import dayjs from 'dayjs';
import { DEFAULT_PUBLICATION_SETTINGS, type PublicationRecord } from '../../shared/publications.ts';
import {
  addRedaction,
  checkRedactions,
  isMinorPenalty,
  mayApprove,
  mayDoPublication,
  maskSpans,
  openActions,
  publicationPeriodEnd,
  publishDueDate,
  redactField,
  shouldPublish,
  timelinessOf,
  withdrawalDueDate,
  type AddDays,
} from './publications.rules.ts';

/** Weekends only: enough to prove the counting rule (the real 2026 calendar is in test/publicity). */
const weekdays: AddDays = (start, n, unit) => {
  let d = dayjs(start);
  if (unit === 'calendar') return d.add(n, 'day').format('YYYY-MM-DD');
  let left = n;
  while (left > 0) {
    d = d.add(1, 'day');
    if (d.day() !== 0 && d.day() !== 6) left--;
  }
  return d.format('YYYY-MM-DD');
};
const S = DEFAULT_PUBLICATION_SETTINGS;
const ordinary = { procedure: 'ordinary' as const, parties: [{ minor: false }], secret: false, decisionKind: 'penalty' as const, penaltyKinds: ['warning', 'fine'] as const };

describe('118号 item 六: publish within 7 working days of the decision', () => {
  it('counts working days, not calendar days', () => {
    assert.equal(publishDueDate('2026-03-06', weekdays), '2026-03-17'); // Friday → 7 WD later
  });
  it('《行政处罚法》第四十八条第二款: withdraw within 3 working days of the change', () => {
    assert.equal(withdrawalDueDate('2026-03-06', weekdays), '2026-03-11');
  });
});

describe('rules.md D: what is published', () => {
  it('minors\' cases never (《未成年人保护法》)', () => {
    assert.deepEqual(shouldPublish({ ...ordinary, parties: [{ minor: false }, { minor: true }] }, S).publish, false);
  });
  it('secret cases never (《政府信息公开条例》第十四条)', () => {
    assert.equal(shouldPublish({ ...ordinary, secret: true }, S).publish, false);
  });
  it('every ordinary-procedure penalty decision by default; not 不予处罚', () => {
    assert.equal(shouldPublish({ ...ordinary }, S).publish, true);
    assert.equal(shouldPublish({ ...ordinary, decisionKind: 'no-penalty' }, S).publish, false);
  });
  it('当场处罚 and warning-only decisions as the agency\'s policy says', () => {
    assert.equal(shouldPublish({ ...ordinary, procedure: 'simple' }, S).publish, false);
    assert.equal(shouldPublish({ ...ordinary, procedure: 'simple' }, { ...S, publishOnTheSpot: true }).publish, true);
    assert.equal(shouldPublish({ ...ordinary, penaltyKinds: ['warning'] }, S).publish, true);
    assert.equal(shouldPublish({ ...ordinary, penaltyKinds: ['warning'] }, { ...S, publishWarningOnly: false }).publish, false);
  });
});

describe('publication period: 3 months for warnings and low fines, 3 years otherwise (agency setting)', () => {
  it('a warning and a low fine: the short period', () => {
    assert.equal(isMinorPenalty({ penaltyKinds: ['warning', 'fine'], fineFen: 500_000 }, S), true);
    assert.equal(publicationPeriodEnd('2026-03-02', { penaltyKinds: ['warning', 'fine'], fineFen: 500_000 }, S), '2026-06-01');
  });
  it('a high fine or a heavier kind: the long period', () => {
    assert.equal(publicationPeriodEnd('2026-03-02', { penaltyKinds: ['fine'], fineFen: 5_000_000 }, S), '2029-03-01');
    assert.equal(publicationPeriodEnd('2026-03-02', { penaltyKinds: ['warning', 'suspend-business'], fineFen: null }, S), '2029-03-01');
  });
});

const rec = (over: Partial<PublicationRecord>): PublicationRecord =>
  ({ status: 'draft', current: null, withdrawalRequired: null, withdrawal: null, submittedBy: null, editors: [], publishDueOn: '2026-03-11', publishedOn: null, ...over }) as PublicationRecord;

describe('the status machine', () => {
  it('draft → in-review → published; corrections reopen; withdrawal only of something public', () => {
    assert.deepEqual(openActions(rec({})), ['edit', 'redact', 'submit', 'require-withdrawal']);
    assert.deepEqual(openActions(rec({ status: 'in-review' })), ['return', 'approve', 'require-withdrawal']);
    const published = rec({ status: 'published', current: {} as never });
    assert.deepEqual(openActions(published), ['correct', 'require-withdrawal', 'withdraw']);
    assert.equal(mayDoPublication('withdraw', rec({ status: 'draft', current: {} as never })).ok, true, 'a correction in progress can still be withdrawn');
    assert.deepEqual(openActions(rec({ status: 'withdrawn', current: {} as never })), []);
  });
  it('four-eyes: whoever edited or submitted the version never approves it', () => {
    const r = rec({ status: 'in-review', submittedBy: { id: 'u1', name: '甲' }, editors: ['u2'] });
    assert.equal(mayApprove(r, 'u1').ok, false);
    assert.equal(mayApprove(r, 'u2').ok, false);
    const v = mayApprove(r, 'u3');
    assert.equal(v.ok, true);
    const no = mayApprove(r, 'u1');
    assert.ok(!no.ok && no.code === 'publication-drafter-cannot-approve');
  });
});

describe('redactions', () => {
  it('spans must lie inside the text, not overlap, and carry a reason', () => {
    const t = '当事人张三，电话13900000000。';
    assert.equal(checkRedactions(t, [{ start: 3, end: 5, kind: 'manual', reason: '姓名', by: 'editor' }]).ok, true);
    assert.equal(checkRedactions(t, [{ start: 3, end: 99, kind: 'manual', reason: '姓名', by: 'editor' }]).ok, false);
    assert.equal(checkRedactions(t, [{ start: 3, end: 5, kind: 'manual', reason: ' ', by: 'editor' }]).ok, false);
    assert.equal(
      checkRedactions(t, [
        { start: 3, end: 5, kind: 'manual', reason: 'a', by: 'editor' },
        { start: 4, end: 6, kind: 'manual', reason: 'b', by: 'editor' },
      ]).ok,
      false,
    );
  });
  it('a new span merges with those it overlaps', () => {
    const out = addRedaction([{ start: 0, end: 3, kind: 'phone', reason: 'a', by: 'auto' }, { start: 10, end: 12, kind: 'phone', reason: 'b', by: 'auto' }], { start: 2, end: 5, kind: 'manual', reason: 'c', by: 'editor' });
    assert.deepEqual(out.map((s) => [s.start, s.end, s.by]), [[0, 5, 'editor'], [10, 12, 'auto']]);
  });
  it('fields repeat the masks of the text', () => {
    assert.equal(maskSpans('甲乙丙丁', [{ start: 1, end: 3 }]), '甲＊＊＊丁');
    assert.equal(redactField('证人罗小军称', ['罗小军'], []), '证人＊＊＊称');
  });
});

describe('timeliness', () => {
  it('overdue after the 7th working day, on time before; a withdrawal past its 3 days is overdue', () => {
    assert.equal(timelinessOf(rec({}), '2026-03-11').overdue, false);
    assert.equal(timelinessOf(rec({}), '2026-03-12').timeliness, 'overdue');
    assert.equal(timelinessOf(rec({ status: 'published', publishedOn: '2026-03-12' }), '2026-03-20').timeliness, 'late');
    const w = rec({ status: 'published', publishedOn: '2026-03-10', withdrawalRequired: { on: '2026-04-01', reason: '撤销', dueOn: '2026-04-06' } });
    assert.equal(timelinessOf(w, '2026-04-06').timeliness, 'withdrawal-due');
    assert.equal(timelinessOf(w, '2026-04-07').timeliness, 'withdrawal-overdue');
  });
});
