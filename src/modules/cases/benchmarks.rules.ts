/**
 * 裁量基准 — discretion benchmarks (《行政处罚法》第三十四条: 行政机关可以依法制定行政处罚裁量基准，
 * 规范行使行政处罚裁量权；行政处罚裁量基准应当向社会公布). Pure: what an entry must look like, and
 * whether a proposed penalty stays within the level it is proposed under. Going outside is not
 * forbidden — the case module then needs a written reason and the agency head's approval.
 */
import { ALLOWED, refuse, type Verdict } from '../../kernel/refusal.ts';
import type { BenchmarkLevel, DiscretionBenchmark, NewBenchmark } from '../../shared/api.ts';
import { PENALTY_KIND_LABELS, PENALTY_KINDS, type Penalty, type PenaltyKind } from '../../shared/cases.ts';

export type { BenchmarkLevel, DiscretionBenchmark } from '../../shared/api.ts';

/** A problem with one field of an entry; `field` is the dotted path the API and the forms use. */
export interface BenchmarkProblem {
  field: string;
  message: string;
}

/** The limits both the API schema and the Excel import apply. */
export const BENCHMARK_LIMITS = {
  field: 20,
  code: 40,
  violation: 500,
  basis: 1000,
  levelName: 20,
  circumstances: 1000,
  note: 500,
  levels: 10,
  /** Multiples of illegal gains above this are a typing error, not a regulation. */
  multiple: 100,
} as const;

/** ¥ amounts as the Chinese texts write them: 15,000元, 1,234.50元. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = abs % 100;
  return `${sign}${yuan}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}元`;
}

const kindLabels = (kinds: readonly PenaltyKind[]) => kinds.map((k) => PENALTY_KIND_LABELS[k]?.zh ?? k).join('、');

/** Multiples are kept to two decimals so that a range in fen can be computed exactly. */
function hundredths(multiple: number): bigint {
  return BigInt(Math.round(multiple * 100));
}

/** The fine range one level allows, and what it was computed from. */
export interface FineRange {
  minFen: number;
  maxFen: number;
  /** Computed from the illegal gains (违法所得) rather than the fixed range. */
  fromGains: boolean;
}

/**
 * The fine range of a level for the established illegal gains. Regulations that fine by multiples
 * of gains name a fixed range for when there are none or they are small (e.g. 《营业性演出管理条例》
 * 第四十四条: 8–10 倍; 没有违法所得或者违法所得不足1万元的, 5万–10万元). Gains of 0 count as "none".
 * Returns null when the level sets no fine, and 'gains-required' when only a multiple is set and
 * the gains are not yet known.
 */
export function fineRangeOf(level: BenchmarkLevel, illegalGainsFen?: number | null): FineRange | null | 'gains-required' {
  const gm = level.gainsMultiple;
  const gains = illegalGainsFen ?? null;
  if (gm && gains !== null && gains > 0 && (gm.minGainsFen === null || gains >= gm.minGainsFen)) {
    const g = BigInt(gains);
    const lo = hundredths(gm.min) * g;
    const hi = hundredths(gm.max) * g;
    // Round inwards: a fine the benchmark allows never depends on how a fraction was rounded.
    return { minFen: Number((lo + 99n) / 100n), maxFen: Number(hi / 100n), fromGains: true };
  }
  if (level.fine) return { minFen: level.fine.minFen, maxFen: level.fine.maxFen, fromGains: false };
  if (gm) return gains === null ? 'gains-required' : { minFen: 0, maxFen: 0, fromGains: true };
  return null;
}

type Part = 'kind' | 'fine-below-min' | 'fine-above-max' | 'fine-missing';

/**
 * 《行政处罚法》第三十四条: whether `penalty`, proposed under severity level `level` of `entry`,
 * stays within the benchmark — its kinds allowed for the level, its fine inside the level's range
 * (for the illegal gains, where the level fines by multiples of them). A level whose fine minimum
 * is above 0 requires a fine: leaving it out is below the minimum. Refuses `outside-benchmark`
 * naming every part that is outside, with details {article, benchmarkId, code, level, min, max,
 * part, parts}; `benchmark-level-unknown` for a level the entry does not have;
 * `illegal-gains-required` when a fine is proposed under a level that can only compute its range
 * from gains not yet established. Whether a retired entry may still be applied is the caller's
 * decision (from-old-or-lighter, Art 37, may require it).
 */
export function checkWithinBenchmark(entry: DiscretionBenchmark, level: string, penalty: Penalty, illegalGainsFen?: number | null): Verdict {
  const where = `裁量基准“${entry.code}”“${level}”等次`;
  const lv = entry.levels.find((l) => l.name === level);
  if (!lv) {
    return refuse('benchmark-level-unknown', `裁量基准“${entry.code}”没有“${level}”这一裁量等次（现有：${entry.levels.map((l) => l.name).join('、')}）`, {
      article: entry.penaltyBasis,
      benchmarkId: entry.id,
      level,
    });
  }
  const range = fineRangeOf(lv, illegalGainsFen);
  const fine = penalty.kinds.includes('fine') ? (penalty.fineFen ?? 0) : null;
  if (range === 'gains-required' && fine !== null) {
    return refuse('illegal-gains-required', `${where}按违法所得的 ${lv.gainsMultiple!.min}–${lv.gainsMultiple!.max} 倍计罚，须先认定违法所得数额`, {
      article: entry.penaltyBasis,
      benchmarkId: entry.id,
      level,
    });
  }
  const r = range === 'gains-required' ? null : range;
  const basis = r?.fromGains ? `（违法所得 ${formatYuan(illegalGainsFen ?? 0)} 的 ${lv.gainsMultiple!.min}–${lv.gainsMultiple!.max} 倍）` : '';

  const parts: Array<{ part: Part; message: string }> = [];
  const disallowed = penalty.kinds.filter((k) => !lv.kinds.includes(k));
  if (disallowed.length > 0) {
    const allowed = lv.kinds.length > 0 ? `允许的处罚种类（${kindLabels(lv.kinds)}）` : '（该等次不予处罚）';
    parts.push({ part: 'kind', message: `处罚种类“${kindLabels(disallowed)}”不在${where}${allowed}之内` });
  }
  if (r && fine !== null && fine < r.minFen) {
    parts.push({ part: 'fine-below-min', message: `罚款 ${formatYuan(fine)} 低于${where}的下限 ${formatYuan(r.minFen)}${basis}` });
  } else if (r && fine !== null && fine > r.maxFen) {
    parts.push({ part: 'fine-above-max', message: `罚款 ${formatYuan(fine)} 高于${where}的上限 ${formatYuan(r.maxFen)}${basis}` });
  } else if (r && fine === null && r.minFen > 0 && lv.kinds.includes('fine')) {
    parts.push({ part: 'fine-missing', message: `未并处罚款：${where}须并处 ${formatYuan(r.minFen)} 以上 ${formatYuan(r.maxFen)} 以下的罚款${basis}` });
  }
  if (parts.length === 0) return ALLOWED;
  return refuse('outside-benchmark', parts.map((p) => p.message).join('；'), {
    article: entry.penaltyBasis,
    benchmarkId: entry.id,
    code: entry.code,
    level,
    min: r?.minFen ?? null,
    max: r?.maxFen ?? null,
    part: parts[0]!.part,
    parts: parts.map((p) => p.part),
  });
}

const blank = (s: string | null | undefined) => !s || s.trim() === '';
const isMoney = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Everything wrong with an entry, each problem on its field (`levels.1.fine.maxFen`): the API
 * answers with all of them, and the Excel import maps each back to its row and column.
 */
export function benchmarkProblems(entry: Pick<NewBenchmark, 'field' | 'code' | 'violation' | 'legalBasis' | 'penaltyBasis' | 'levels'>): BenchmarkProblem[] {
  const out: BenchmarkProblem[] = [];
  const bad = (field: string, message: string) => out.push({ field, message });
  const text = (field: string, value: string, max: number, label: string) => {
    if (blank(value)) bad(field, `${label}必填`);
    else if (value.length > max) bad(field, `${label}不超过 ${max} 个字`);
  };
  text('field', entry.field, BENCHMARK_LIMITS.field, '执法领域');
  text('code', entry.code, BENCHMARK_LIMITS.code, '编码');
  if (!blank(entry.code) && /\s/.test(entry.code)) bad('code', '编码不能含空格');
  text('violation', entry.violation, BENCHMARK_LIMITS.violation, '违法行为');
  text('legalBasis', entry.legalBasis, BENCHMARK_LIMITS.basis, '违法依据');
  text('penaltyBasis', entry.penaltyBasis, BENCHMARK_LIMITS.basis, '处罚依据');

  if (entry.levels.length === 0) bad('levels', '至少须有一个裁量等次');
  if (entry.levels.length > BENCHMARK_LIMITS.levels) bad('levels', `裁量等次不超过 ${BENCHMARK_LIMITS.levels} 个`);
  const seen = new Map<string, number>();
  entry.levels.forEach((lv, i) => {
    const at = (f: string) => `levels.${i}.${f}`;
    text(at('name'), lv.name, BENCHMARK_LIMITS.levelName, '裁量等次');
    const name = lv.name.trim();
    if (name) {
      const first = seen.get(name);
      if (first !== undefined) bad(at('name'), `裁量等次“${name}”与第 ${first + 1} 个等次重名`);
      else seen.set(name, i);
    }
    text(at('circumstances'), lv.circumstances, BENCHMARK_LIMITS.circumstances, '适用情形');
    if ((lv.note ?? '').length > BENCHMARK_LIMITS.note) bad(at('note'), `处罚标准说明不超过 ${BENCHMARK_LIMITS.note} 个字`);
    const unknown = lv.kinds.filter((k) => !(PENALTY_KINDS as string[]).includes(k));
    if (unknown.length > 0) bad(at('kinds'), `不是《行政处罚法》第九条规定的处罚种类：${unknown.join('、')}`);
    if (new Set(lv.kinds).size !== lv.kinds.length) bad(at('kinds'), '处罚种类重复');

    if (lv.fine) {
      if (!isMoney(lv.fine.minFen)) bad(at('fine.minFen'), '罚款下限应为不小于 0 的金额（分）');
      if (!isMoney(lv.fine.maxFen)) bad(at('fine.maxFen'), '罚款上限应为不小于 0 的金额（分）');
      if (isMoney(lv.fine.minFen) && isMoney(lv.fine.maxFen) && lv.fine.minFen > lv.fine.maxFen) {
        bad(at('fine.maxFen'), `罚款上限 ${formatYuan(lv.fine.maxFen)} 低于下限 ${formatYuan(lv.fine.minFen)}`);
      }
    }
    const gm = lv.gainsMultiple;
    if (gm) {
      const okMultiple = (m: number) => Number.isFinite(m) && m >= 0 && m <= BENCHMARK_LIMITS.multiple && Math.abs(m * 100 - Math.round(m * 100)) < 1e-9;
      if (!okMultiple(gm.min)) bad(at('gainsMultiple.min'), `违法所得倍数应为 0–${BENCHMARK_LIMITS.multiple} 之间、最多两位小数的数`);
      if (!okMultiple(gm.max)) bad(at('gainsMultiple.max'), `违法所得倍数应为 0–${BENCHMARK_LIMITS.multiple} 之间、最多两位小数的数`);
      if (okMultiple(gm.min) && okMultiple(gm.max) && gm.min > gm.max) bad(at('gainsMultiple.max'), `倍数上限 ${gm.max} 低于下限 ${gm.min}`);
      if (gm.minGainsFen !== null && !isMoney(gm.minGainsFen)) bad(at('gainsMultiple.minGainsFen'), '按倍数计罚的违法所得起点应为不小于 0 的金额（分）');
      // Below the threshold the regulation names a fixed range; without it the level could not be applied.
      if (gm.minGainsFen !== null && !lv.fine) bad(at('fine'), '违法所得不足起点时按固定数额罚款，须填写罚款数额范围');
    }
    if ((lv.fine || gm) && !lv.kinds.includes('fine')) bad(at('kinds'), '设定了罚款数额，处罚种类须包含“罚款”');
    if (lv.kinds.includes('fine') && !lv.fine && !gm) bad(at('fine'), '处罚种类含“罚款”，须填写罚款数额范围或违法所得倍数');
  });
  return out;
}

/** The same entry with its texts trimmed, as it is stored and compared. */
export function normaliseBenchmark<T extends Pick<NewBenchmark, 'field' | 'code' | 'violation' | 'legalBasis' | 'penaltyBasis' | 'levels'>>(entry: T): T {
  return {
    ...entry,
    field: entry.field.trim(),
    code: entry.code.trim(),
    violation: entry.violation.trim(),
    legalBasis: entry.legalBasis.trim(),
    penaltyBasis: entry.penaltyBasis.trim(),
    levels: entry.levels.map(normaliseLevel),
  };
}

function normaliseLevel(lv: BenchmarkLevel): BenchmarkLevel {
  const note = lv.note?.trim() ?? '';
  return {
    name: lv.name.trim(),
    circumstances: lv.circumstances.trim(),
    kinds: lv.kinds,
    fine: lv.fine ? { minFen: lv.fine.minFen, maxFen: lv.fine.maxFen } : null,
    gainsMultiple: lv.gainsMultiple ? { min: lv.gainsMultiple.min, max: lv.gainsMultiple.max, minGainsFen: lv.gainsMultiple.minGainsFen ?? null } : null,
    note: note === '' ? null : note,
  };
}
