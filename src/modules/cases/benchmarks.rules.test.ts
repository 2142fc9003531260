import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BenchmarkLevel, DiscretionBenchmark } from '../../shared/api.ts';
import type { Penalty, PenaltyKind } from '../../shared/cases.ts';
import { benchmarkProblems, checkWithinBenchmark, fineRangeOf, formatYuan, normaliseBenchmark } from './benchmarks.rules.ts';

const level = (name: string, kinds: PenaltyKind[], fine: [number, number] | null = null, gains: BenchmarkLevel['gainsMultiple'] = null): BenchmarkLevel => ({
  name,
  circumstances: `${name}的情形`,
  kinds,
  fine: fine ? { minFen: fine[0], maxFen: fine[1] } : null,
  gainsMultiple: gains,
  note: null,
});

const entry = (levels: BenchmarkLevel[]): DiscretionBenchmark => ({
  id: 'b1',
  agencyId: 'a1',
  field: '文化市场',
  code: '文市-网吧-01',
  violation: '接纳未成年人进入营业场所',
  legalBasis: '《互联网上网服务营业场所管理条例》第二十一条',
  penaltyBasis: '《互联网上网服务营业场所管理条例》第三十一条第（二）项',
  levels,
  status: 'active',
  version: 1,
  createdAt: '2026-03-02T01:00:00.000Z',
  updatedAt: '2026-03-02T01:00:00.000Z',
});

const penalty = (kinds: PenaltyKind[], fineFen: number | null = null): Penalty => ({ kinds, fineFen, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' });

// 网吧 Art 31: 一般 ¥1,000–¥5,000; 严重 ¥10,000–¥15,000 with 停业整顿 / 吊销.
const wangba = entry([
  level('轻微', []),
  level('一般', ['warning', 'fine'], [100000, 500000]),
  level('严重', ['warning', 'fine', 'suspend-business', 'revoke-licence'], [1000000, 1500000]),
]);
// 演出 Art 44: 8–10× gains; none or under ¥10,000 → ¥50,000–¥100,000.
const yanchu = entry([level('一般', ['confiscate-gains', 'fine'], [5000000, 10000000], { min: 8, max: 10, minGainsFen: 1000000 })]);

describe('《行政处罚法》第三十四条 裁量基准: a proposal stays within its level', () => {
  it('a penalty of allowed kinds with the fine inside the range is within the benchmark', () => {
    assert.deepEqual(checkWithinBenchmark(wangba, '一般', penalty(['warning', 'fine'], 300000)), { ok: true });
    assert.deepEqual(checkWithinBenchmark(wangba, '一般', penalty(['warning', 'fine'], 100000)), { ok: true }, 'the minimum itself is inside');
    assert.deepEqual(checkWithinBenchmark(wangba, '一般', penalty(['warning', 'fine'], 500000)), { ok: true }, 'the maximum itself is inside');
    assert.deepEqual(checkWithinBenchmark(wangba, '严重', penalty(['warning', 'fine', 'suspend-business'], 1200000)), { ok: true });
  });

  it('a penalty kind the level does not allow is outside, and the refusal names the kind, the level and the article', () => {
    const v = checkWithinBenchmark(wangba, '一般', penalty(['warning', 'fine', 'suspend-business'], 300000));
    assert.equal(v.ok, false);
    if (v.ok) return;
    assert.equal(v.code, 'outside-benchmark');
    assert.match(v.message, /责令停产停业/);
    assert.match(v.message, /“一般”等次/);
    assert.deepEqual(
      { ...v.details },
      { article: wangba.penaltyBasis, benchmarkId: 'b1', code: '文市-网吧-01', level: '一般', min: 100000, max: 500000, part: 'kind', parts: ['kind'] },
    );
  });

  it('a fine below the level’s minimum is outside (says 低于下限, in yuan)', () => {
    const v = checkWithinBenchmark(wangba, '一般', penalty(['warning', 'fine'], 50000));
    assert.ok(!v.ok && v.code === 'outside-benchmark');
    if (v.ok) return;
    assert.equal(v.details.part, 'fine-below-min');
    assert.match(v.message, /罚款 500元 低于.*下限 1,000元/);
  });

  it('a fine above the level’s maximum is outside (says 高于上限)', () => {
    const v = checkWithinBenchmark(wangba, '一般', penalty(['warning', 'fine'], 500001));
    assert.ok(!v.ok);
    if (v.ok) return;
    assert.equal(v.details.part, 'fine-above-max');
    assert.match(v.message, /罚款 5,000.01元 高于.*上限 5,000元/);
  });

  it('both a disallowed kind and an out-of-range fine are named in one refusal', () => {
    const v = checkWithinBenchmark(wangba, '一般', penalty(['fine', 'revoke-licence'], 2000000));
    assert.ok(!v.ok);
    if (v.ok) return;
    assert.deepEqual(v.details.parts, ['kind', 'fine-above-max']);
    assert.match(v.message, /吊销许可证件.*；罚款 20,000元 高于/);
  });

  it('leaving out the fine where the level’s minimum is above 0 is below the minimum; a minimum of 0 makes the fine optional', () => {
    const v = checkWithinBenchmark(wangba, '一般', penalty(['warning']));
    assert.ok(!v.ok);
    if (v.ok) return;
    assert.equal(v.details.part, 'fine-missing');
    const optional = entry([level('一般', ['warning', 'fine'], [0, 300000])]);
    assert.deepEqual(checkWithinBenchmark(optional, '一般', penalty(['warning'])), { ok: true });
  });

  it('《行政处罚法》第三十三条: under a 不予处罚 level any penalty is outside', () => {
    const v = checkWithinBenchmark(wangba, '轻微', penalty(['warning']));
    assert.ok(!v.ok);
    if (v.ok) return;
    assert.match(v.message, /该等次不予处罚/);
  });

  it('a level the entry does not have is refused as benchmark-level-unknown', () => {
    const v = checkWithinBenchmark(wangba, '特别严重', penalty(['warning']));
    assert.ok(!v.ok && v.code === 'benchmark-level-unknown');
  });
});

describe('《营业性演出管理条例》第四十四条: fines as multiples of illegal gains', () => {
  it('with gains of ¥10,000 or more the range is 8–10 times the gains', () => {
    assert.deepEqual(fineRangeOf(yanchu.levels[0]!, 2000000), { minFen: 16000000, maxFen: 20000000, fromGains: true });
    assert.deepEqual(checkWithinBenchmark(yanchu, '一般', penalty(['confiscate-gains', 'fine'], 18000000), 2000000), { ok: true });
    const low = checkWithinBenchmark(yanchu, '一般', penalty(['confiscate-gains', 'fine'], 10000000), 2000000);
    assert.ok(!low.ok);
    if (low.ok) return;
    assert.equal(low.details.min, 16000000);
    assert.match(low.message, /违法所得 20,000元 的 8–10 倍/);
  });

  it('with no gains, or gains under ¥10,000, the fixed ¥50,000–¥100,000 applies', () => {
    for (const gains of [undefined, null, 0, 999999]) {
      assert.deepEqual(fineRangeOf(yanchu.levels[0]!, gains), { minFen: 5000000, maxFen: 10000000, fromGains: false }, `gains ${gains}`);
    }
    assert.deepEqual(checkWithinBenchmark(yanchu, '一般', penalty(['confiscate-gains', 'fine'], 6000000), 500000), { ok: true });
  });

  it('fractional multiples give an exact range in fen, rounded inwards', () => {
    const lv = level('一般', ['fine'], null, { min: 1.5, max: 2.25, minGainsFen: null });
    assert.deepEqual(fineRangeOf(lv, 333), { minFen: 500, maxFen: 749, fromGains: true });
    assert.deepEqual(fineRangeOf(level('x', ['fine'], null, { min: 8.1, max: 8.1, minGainsFen: null }), 1000000), { minFen: 8100000, maxFen: 8100000, fromGains: true });
  });

  it('a level with only a multiple needs the gains before a fine can be checked (illegal-gains-required)', () => {
    const only = entry([level('一般', ['fine'], null, { min: 1, max: 3, minGainsFen: null })]);
    const v = checkWithinBenchmark(only, '一般', penalty(['fine'], 100000));
    assert.ok(!v.ok && v.code === 'illegal-gains-required');
    assert.deepEqual(checkWithinBenchmark(only, '一般', penalty(['fine'], 300000), 100000), { ok: true });
  });
});

describe('a benchmark entry is valid', () => {
  const base = { field: '文化市场', code: '文市-网吧-01', violation: '接纳未成年人', legalBasis: '第二十一条', penaltyBasis: '第三十一条' };
  const fields = (levels: BenchmarkLevel[], extra: Partial<typeof base> = {}) => benchmarkProblems({ ...base, ...extra, levels }).map((p) => p.field);

  it('a well-formed entry has no problems', () => {
    assert.deepEqual(benchmarkProblems({ ...base, levels: wangba.levels }), []);
    assert.deepEqual(benchmarkProblems({ ...base, levels: yanchu.levels }), []);
  });

  it('an entry needs at least one level', () => {
    assert.deepEqual(fields([]), ['levels']);
  });

  it('the fine minimum may not exceed the maximum, nor the multiple minimum its maximum', () => {
    assert.deepEqual(fields([level('一般', ['fine'], [500000, 100000])]), ['levels.0.fine.maxFen']);
    assert.deepEqual(fields([level('一般', ['fine'], null, { min: 3, max: 1, minGainsFen: null })]), ['levels.0.gainsMultiple.max']);
  });

  it('amounts are non-negative integer fen; multiples have at most two decimals', () => {
    assert.deepEqual(fields([level('一般', ['fine'], [-1, 1.5])]), ['levels.0.fine.minFen', 'levels.0.fine.maxFen']);
    assert.deepEqual(fields([level('一般', ['fine'], null, { min: 1.234, max: 2, minGainsFen: null })]), ['levels.0.gainsMultiple.min']);
  });

  it('penalty kinds must be those of Art 9, each once', () => {
    assert.deepEqual(fields([level('一般', ['warning', 'detention' as PenaltyKind])]), ['levels.0.kinds']);
    assert.deepEqual(fields([level('一般', ['warning', 'warning'])]), ['levels.0.kinds']);
  });

  it('two levels of one entry may not share a name', () => {
    assert.deepEqual(fields([level('一般', ['warning']), level(' 一般 ', ['warning'])]), ['levels.1.name']);
  });

  it('a fine range requires the kind 罚款, and the kind 罚款 requires a range or a multiple', () => {
    assert.deepEqual(fields([level('一般', ['warning'], [0, 100])]), ['levels.0.kinds']);
    assert.deepEqual(fields([level('一般', ['warning', 'fine'])]), ['levels.0.fine']);
  });

  it('a gains threshold needs the fixed range that applies below it', () => {
    assert.deepEqual(fields([level('一般', ['fine'], null, { min: 8, max: 10, minGainsFen: 1000000 })]), ['levels.0.fine']);
  });

  it('texts are required and the code has no spaces', () => {
    assert.deepEqual(fields([level('一般', ['warning'])], { field: ' ', code: '文市 01' }), ['field', 'code']);
  });

  it('normalising trims texts and turns an empty note into null', () => {
    const n = normaliseBenchmark({ ...base, code: ' 文市-01 ', levels: [{ ...level(' 一般 ', ['warning']), note: '  ' }] });
    assert.equal(n.code, '文市-01');
    assert.equal(n.levels[0]!.name, '一般');
    assert.equal(n.levels[0]!.note, null);
  });
});

describe('formatYuan', () => {
  it('writes whole yuan without decimals and fen with two', () => {
    assert.equal(formatYuan(1500000), '15,000元');
    assert.equal(formatYuan(123450), '1,234.50元');
    assert.equal(formatYuan(5), '0.05元');
  });
});
