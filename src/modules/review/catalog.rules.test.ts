import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseRecord, Penalty, PenaltyKind } from '../../shared/cases.ts';
import {
  describeRule,
  evaluateCatalog,
  factsOfCase,
  inForceOn,
  matchRule,
  mayAdd,
  mayChange,
  mayRetire,
  normaliseRule,
  proposalOf,
  ruleLabel,
  ruleProblems,
  scopeOf,
  type CatalogEntry,
  type CatalogFacts,
  type CatalogRuleSpec,
} from './catalog.rules.ts';

const penalty = (kinds: PenaltyKind[], amounts: Partial<Pick<Penalty, 'fineFen' | 'confiscatedGainsFen' | 'confiscatedPropertyFen'>> = {}): Penalty => ({
  kinds,
  fineFen: amounts.fineFen ?? null,
  confiscatedGainsFen: amounts.confiscatedGainsFen ?? null,
  confiscatedPropertyFen: amounts.confiscatedPropertyFen ?? null,
  description: '',
});

const facts = (f: Partial<CatalogFacts> = {}): CatalogFacts => ({
  penalty: null,
  partyKind: 'organisation',
  field: '文化市场',
  procedure: 'ordinary',
  hearingHeld: false,
  flags: [],
  ...f,
});

const entry = (ruleId: string, rule: CatalogRuleSpec, effectiveFrom = '2026-01-01', effectiveTo: string | null = null, version = 1): CatalogEntry => ({
  ruleId,
  version,
  rule,
  label: describeRule(rule),
  effectiveFrom,
  effectiveTo,
});

const FINE_10K: CatalogRuleSpec = { kind: 'fine-at-least', person: 1_000_000, organisation: 1_000_000 };
const ON = '2026-03-02';

describe('法制审核目录 (《行政处罚法》第五十八条): which rules a proposal matches', () => {
  it('fine-at-least: a fine at the standard matches, with the amount and the party kind in words', () => {
    const m = evaluateCatalog([entry('r1', { kind: 'fine-at-least', person: 1_000_000, organisation: 10_000_000 })], facts({ partyKind: 'person', penalty: penalty(['fine'], { fineFen: 1_500_000 }) }), ON);
    assert.deepEqual(m, [{ ruleId: 'r1', version: 1, kind: 'fine-at-least', name: '罚款：个人10,000元以上，单位100,000元以上', label: '拟罚款15,000元，达到目录标准10,000元（个人）' }]);
    const org = matchRule(FINE_10K, facts({ partyKind: 'organisation', penalty: penalty(['warning', 'fine'], { fineFen: 1_500_000 }) }));
    assert.equal(org, '拟罚款15,000元，达到目录标准10,000元（单位）');
    assert.equal(matchRule(FINE_10K, facts({ penalty: penalty(['fine'], { fineFen: 1_000_000 }) })), '拟罚款10,000元，达到目录标准10,000元（单位）', 'exactly the standard is “at least”');
  });

  it('fine-at-least: a fine below the standard of the party’s kind does not match (个人 and 单位 have their own standards)', () => {
    const rule: CatalogRuleSpec = { kind: 'fine-at-least', person: 1_000_000, organisation: 10_000_000 };
    const fifty = penalty(['fine'], { fineFen: 5_000_000 });
    assert.ok(matchRule(rule, facts({ partyKind: 'person', penalty: fifty })));
    assert.equal(matchRule(rule, facts({ partyKind: 'organisation', penalty: fifty })), null);
    assert.equal(matchRule(rule, facts({ partyKind: 'person', penalty: penalty(['fine'], { fineFen: 999_999 }) })), null);
    assert.equal(matchRule(rule, facts({ partyKind: 'person', penalty: penalty(['warning']) })), null, 'no fine, no match');
    assert.equal(matchRule(rule, facts({ partyKind: 'person', penalty: null })), null, '不予处罚 has no fine');
  });

  it('penalty-kind: 吊销许可证件, 责令停产停业 or 责令关闭 matches, naming the kinds proposed', () => {
    const rule: CatalogRuleSpec = { kind: 'penalty-kind', kinds: ['revoke-licence', 'suspend-business', 'close'] };
    assert.equal(matchRule(rule, facts({ penalty: penalty(['warning', 'fine', 'suspend-business', 'revoke-licence'], { fineFen: 100 }) })), '拟作出吊销许可证件、责令停产停业，属于目录所列处罚种类');
    assert.equal(matchRule(rule, facts({ penalty: penalty(['close']) })), '拟作出责令关闭，属于目录所列处罚种类');
    assert.equal(matchRule(rule, facts({ penalty: penalty(['warning', 'suspend-licence']) })), null, '暂扣 is not 吊销');
  });

  it('confiscation-at-least: 没收违法所得 and 没收非法财物 count together against the standard', () => {
    const rule: CatalogRuleSpec = { kind: 'confiscation-at-least', person: 1_000_000, organisation: 10_000_000 };
    const both = penalty(['confiscate-gains', 'confiscate-property'], { confiscatedGainsFen: 600_000, confiscatedPropertyFen: 400_000 });
    assert.equal(matchRule(rule, facts({ partyKind: 'person', penalty: both })), '拟没收违法所得、非法财物合计10,000元，达到目录标准10,000元（个人）');
    assert.equal(matchRule(rule, facts({ partyKind: 'organisation', penalty: both })), null);
    assert.equal(matchRule(rule, facts({ partyKind: 'person', penalty: penalty(['confiscate-gains'], { confiscatedGainsFen: 999_999 }) })), null);
  });

  it('after-hearing: any decision after a hearing was held matches, even 不予处罚; a hearing only requested does not', () => {
    const rule: CatalogRuleSpec = { kind: 'after-hearing' };
    assert.equal(matchRule(rule, facts({ hearingHeld: true, penalty: null })), '本案已举行听证，听证后作出的决定须经法制审核');
    assert.equal(matchRule(rule, facts({ hearingHeld: false, penalty: penalty(['revoke-licence']) })), null);
  });

  it('field: every case of the field matches (文物), whatever the penalty; other fields do not', () => {
    const rule: CatalogRuleSpec = { kind: 'field', field: '文物' };
    assert.equal(matchRule(rule, facts({ field: '文物', penalty: penalty(['warning']) })), '本案属于“文物”领域，该领域案件的决定须经法制审核');
    assert.equal(matchRule(rule, facts({ field: '文化市场', penalty: penalty(['warning']) })), null);
  });

  it('manual-flag: matches when the case carries that flag, not another one', () => {
    const rule: CatalogRuleSpec = { kind: 'manual-flag', flag: '重大公共利益' };
    assert.equal(matchRule(rule, facts({ flags: ['重大公共利益'] })), '本案经标记为“重大公共利益”');
    assert.equal(matchRule(rule, facts({ flags: ['可能引发社会风险'] })), null);
    assert.equal(matchRule(rule, facts({ flags: [] })), null);
  });

  it('all-ordinary: every ordinary-procedure decision matches (14号 allows reviewing every non-simple decision); 简易程序 does not', () => {
    const rule: CatalogRuleSpec = { kind: 'all-ordinary' };
    assert.equal(matchRule(rule, facts({ procedure: 'ordinary', penalty: penalty(['warning']) })), '按普通程序作出的决定均须经法制审核');
    assert.equal(matchRule(rule, facts({ procedure: 'simple', penalty: penalty(['warning']) })), null);
  });

  it('every matching rule is reported, in catalog order; a proposal no rule catches needs no review', () => {
    const catalog = [entry('fine', FINE_10K), entry('kind', { kind: 'penalty-kind', kinds: ['revoke-licence'] }), entry('hearing', { kind: 'after-hearing' })];
    const m = evaluateCatalog(catalog, facts({ penalty: penalty(['fine', 'revoke-licence'], { fineFen: 2_000_000 }), hearingHeld: true }), ON);
    assert.deepEqual(m.map((x) => x.ruleId), ['fine', 'kind', 'hearing']);
    assert.deepEqual(evaluateCatalog(catalog, facts({ penalty: penalty(['warning']) }), ON), []);
  });

  it('《行政处罚法》第五十七条、第五十八条: a proposal of 不予行政处罚 is evaluated too — rules on amounts and kinds never match it; after a hearing, the field, the flags and every ordinary decision do', () => {
    const catalog = [
      entry('fine', FINE_10K),
      entry('kind', { kind: 'penalty-kind', kinds: ['revoke-licence', 'close'] }),
      entry('confiscation', { kind: 'confiscation-at-least', person: 1, organisation: 1 }),
      entry('hearing', { kind: 'after-hearing' }),
      entry('field', { kind: 'field', field: '文物' }),
      entry('flag', { kind: 'manual-flag', flag: '重大公共利益' }),
      entry('ordinary', { kind: 'all-ordinary' }),
    ];
    const none = facts({ penalty: null, hearingHeld: true, field: '文物', flags: ['重大公共利益'] });
    assert.deepEqual(evaluateCatalog(catalog, none, ON).map((m) => m.ruleId), ['hearing', 'field', 'flag', 'ordinary']);
    assert.deepEqual(evaluateCatalog(catalog, facts({ penalty: null }), ON).map((m) => m.ruleId), ['ordinary']);
    assert.deepEqual(evaluateCatalog(catalog, facts({ penalty: null, procedure: 'simple' }), ON), []);
  });

  it('the reasons in words are each given once, while every rule behind them is recorded by id, version and name', () => {
    // The demo bureau's own ¥10,000 line and the Art 63 line say the same of a citizen fined ¥15,000.
    const art63 = { ...entry('art63', { kind: 'fine-at-least', person: 1_000_000, organisation: 10_000_000 }), label: '较大数额罚款（《行政处罚法》第六十三条第一款第一项）' };
    const bureau = { ...entry('bureau', FINE_10K, '2026-01-01', null, 3), label: '罚款10,000元以上（本局审核标准）' };
    const scope = scopeOf(evaluateCatalog([art63, bureau], facts({ partyKind: 'person', penalty: penalty(['warning', 'fine'], { fineFen: 1_500_000 }) }), ON));
    assert.deepEqual(scope.because, ['拟罚款15,000元，达到目录标准10,000元（个人）']);
    assert.deepEqual(scope.rules, [
      { ruleId: 'art63', version: 1, name: '较大数额罚款（《行政处罚法》第六十三条第一款第一项）', label: '拟罚款15,000元，达到目录标准10,000元（个人）' },
      { ruleId: 'bureau', version: 3, name: '罚款10,000元以上（本局审核标准）', label: '拟罚款15,000元，达到目录标准10,000元（个人）' },
    ]);
    assert.deepEqual(scopeOf([]), { because: [], rules: [] });
  });
});

describe('the catalog in force on the proposal date', () => {
  it('the catalog in force on the proposal date is used: a rule that takes effect the next day does not match', () => {
    const catalog = [entry('r1', FINE_10K, '2026-03-03')];
    const f = facts({ penalty: penalty(['fine'], { fineFen: 2_000_000 }) });
    assert.deepEqual(evaluateCatalog(catalog, f, '2026-03-02'), []);
    assert.equal(evaluateCatalog(catalog, f, '2026-03-03').length, 1, 'from its first day it does');
  });

  it('a retired rule matches up to the day before its end date, not on it (effectiveTo is exclusive)', () => {
    const catalog = [entry('r1', FINE_10K, '2026-01-01', '2026-03-02')];
    const f = facts({ penalty: penalty(['fine'], { fineFen: 2_000_000 }) });
    assert.equal(evaluateCatalog(catalog, f, '2026-03-01').length, 1);
    assert.deepEqual(evaluateCatalog(catalog, f, '2026-03-02'), []);
  });

  it('of a rule’s versions only the one in force on the date counts: a lowered standard applies from its own first day', () => {
    // v1 ¥20,000 until 2026-04-01; v2 ¥10,000 from then.
    const catalog = [
      entry('r1', { kind: 'fine-at-least', person: 2_000_000, organisation: 2_000_000 }, '2026-01-01', '2026-04-01', 1),
      entry('r1', FINE_10K, '2026-04-01', null, 2),
    ];
    const f = facts({ penalty: penalty(['fine'], { fineFen: 1_500_000 }) });
    assert.deepEqual(evaluateCatalog(catalog, f, '2026-03-31'), [], 'under v1 ¥15,000 is below the standard');
    assert.deepEqual(evaluateCatalog(catalog, f, '2026-04-01'), [{ ruleId: 'r1', version: 2, kind: 'fine-at-least', name: '罚款：个人10,000元以上，单位10,000元以上', label: '拟罚款15,000元，达到目录标准10,000元（单位）' }]);
    const big = facts({ penalty: penalty(['fine'], { fineFen: 3_000_000 }) });
    assert.deepEqual(evaluateCatalog(catalog, big, '2026-03-31').map((m) => m.version), [1]);
  });

  it('a version replaced on its own first day was never in force', () => {
    assert.equal(inForceOn({ effectiveFrom: '2026-04-01', effectiveTo: '2026-04-01' }, '2026-04-01'), false);
  });
});

describe('effective dates: the catalog of a day already gone is never rewritten', () => {
  const TODAY = '2026-03-02';
  it('a rule added or changed takes effect today or later, never earlier', () => {
    assert.deepEqual(mayAdd(TODAY, TODAY), { ok: true });
    assert.deepEqual(mayAdd('2026-04-01', TODAY), { ok: true });
    const past = mayAdd('2026-03-01', TODAY);
    assert.ok(!past.ok && past.code === 'effective-date-in-past' && past.details.field === 'effectiveFrom');
    const bad = mayAdd('2026-02-30', TODAY);
    assert.ok(!bad.ok && bad.code === 'validation-failed', 'not a real date');
  });

  it('a new version starts no earlier than the latest one (a scheduled version may be replaced on its first day)', () => {
    const latest = { effectiveFrom: '2026-04-01', effectiveTo: null };
    assert.deepEqual(mayChange(latest, '2026-04-01', TODAY), { ok: true });
    const before = mayChange(latest, '2026-03-15', TODAY);
    assert.ok(!before.ok && before.code === 'validation-failed');
    const past = mayChange({ effectiveFrom: '2026-01-01', effectiveTo: null }, '2026-02-01', TODAY);
    assert.ok(!past.ok && past.code === 'effective-date-in-past');
  });

  it('a rule is retired from today or a later day, not retroactively', () => {
    const latest = { effectiveFrom: '2026-01-01', effectiveTo: null };
    assert.deepEqual(mayRetire(latest, TODAY, TODAY), { ok: true });
    const past = mayRetire(latest, '2026-03-01', TODAY);
    assert.ok(!past.ok && past.code === 'effective-date-in-past' && past.details.field === 'effectiveTo');
    const beforeStart = mayRetire({ effectiveFrom: '2026-05-01', effectiveTo: null }, '2026-04-01', TODAY);
    assert.ok(!beforeStart.ok && beforeStart.code === 'validation-failed');
  });
});

describe('what a rule must look like', () => {
  it('amounts are at least ¥0.01 for both party kinds; kinds, fields and flags are the law’s', () => {
    assert.deepEqual(ruleProblems(FINE_10K), []);
    assert.deepEqual(ruleProblems({ kind: 'fine-at-least', person: 0, organisation: 1.5 }).map((p) => p.field), ['rule.person', 'rule.organisation']);
    assert.deepEqual(ruleProblems({ kind: 'penalty-kind', kinds: [] }).map((p) => p.field), ['rule.kinds']);
    assert.deepEqual(ruleProblems({ kind: 'penalty-kind', kinds: ['fine', 'fine'] }).map((p) => p.message), ['处罚种类重复']);
    assert.deepEqual(ruleProblems({ kind: 'field', field: '  ' }).map((p) => p.field), ['rule.field']);
    assert.deepEqual(ruleProblems({ kind: 'manual-flag', flag: '领导交办' as never }).map((p) => p.field), ['rule.flag']);
    assert.deepEqual(ruleProblems({ kind: 'after-hearing' }, 'x'.repeat(201)).map((p) => p.field), ['label']);
  });

  it('a rule is stored trimmed, with kinds in the order of Art 9, and a name made from it when none is given', () => {
    assert.deepEqual(normaliseRule({ kind: 'penalty-kind', kinds: ['close', 'revoke-licence'] }), { kind: 'penalty-kind', kinds: ['revoke-licence', 'close'] });
    assert.deepEqual(normaliseRule({ kind: 'field', field: ' 文物 ' }), { kind: 'field', field: '文物' });
    assert.equal(ruleLabel(FINE_10K, '  '), '罚款：个人10,000元以上，单位10,000元以上');
    assert.equal(ruleLabel(FINE_10K, ' 较大数额罚款 '), '较大数额罚款');
  });
});

describe('facts from a case record', () => {
  const record = {
    parties: [{ kind: 'organisation' as const, name: '某网吧', idNumber: null, representative: null, address: null, phone: null, minor: false }],
    field: '文化市场',
    procedure: 'ordinary' as const,
    hearing: null,
    investigation: { closedOn: '2026-02-01', outcome: 'penalise' as const, findings: '', proposedPenalty: penalty(['fine'], { fineFen: 100 }) },
    notice: null,
    decision: null,
  } satisfies Partial<CaseRecord>;

  it('the proposal is the decision, else the notice, else the investigation report, with its date; a report may propose 不予行政处罚, a transfer proposes nothing', () => {
    assert.deepEqual(proposalOf(record), { penalty: record.investigation.proposedPenalty, on: '2026-02-01' });
    assert.equal(proposalOf({ ...record, investigation: null }), null);
    assert.deepEqual(proposalOf({ ...record, investigation: { ...record.investigation, outcome: 'no-penalty', proposedPenalty: null } }), { penalty: null, on: '2026-02-01' });
    assert.equal(proposalOf({ ...record, investigation: { ...record.investigation, outcome: 'transfer', proposedPenalty: null } }), null);
    const f = factsOfCase(record, record.investigation.proposedPenalty);
    assert.equal(f.partyKind, 'organisation');
    assert.equal(f.hearingHeld, false);
  });
});
