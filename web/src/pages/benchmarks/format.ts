import { PENALTY_KIND_LABELS, type PenaltyKind } from '@shared/cases.ts';
import type { TFunction } from 'i18next';
import type { BenchmarkLevel } from '../../api/benchmarks.ts';
import { currentLang, sharedKey } from '../../i18n/index.ts';
import { formatYuan } from '../../lib/money.ts';

export function kindLabel(kind: PenaltyKind | (string & {})): string {
  const labels = (PENALTY_KIND_LABELS as Record<string, { zh: string; en: string } | undefined>)[kind];
  return labels ? labels[sharedKey(currentLang())] : kind;
}

/** What a level allows in money, in words: a range, a multiple of gains, or both (with the threshold). */
export function fineText(level: BenchmarkLevel, t: TFunction): string | null {
  const fixed = level.fine ? t('benchmarks.level.fineRange', { min: formatYuan(level.fine.minFen), max: formatYuan(level.fine.maxFen) }) : null;
  const gm = level.gainsMultiple;
  if (!gm) return fixed;
  const multiple = t('benchmarks.level.gainsRange', { min: gm.min, max: gm.max });
  if (gm.minGainsFen !== null) {
    const above = t('benchmarks.level.gainsAbove', { amount: formatYuan(gm.minGainsFen), range: multiple });
    return fixed ? `${above}；${t('benchmarks.level.otherwise', { amount: formatYuan(gm.minGainsFen), range: fixed })}` : above;
  }
  return fixed ? `${multiple}；${t('benchmarks.level.noGains', { range: fixed })}` : multiple;
}
