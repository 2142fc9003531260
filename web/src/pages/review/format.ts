import { CATALOG_RULE_KIND_LABELS } from '@shared/review-catalog.ts';
import type { TFunction } from 'i18next';
import type { CatalogRule, CatalogRuleKind, CatalogRuleSpec, CatalogRuleVersion } from '../../api/reviewCatalog.ts';
import { currentLang, sharedKey } from '../../i18n/index.ts';
import { formatYuan } from '../../lib/money.ts';
import { kindLabel } from '../benchmarks/format.ts';

export function ruleKindLabel(kind: CatalogRuleKind | (string & {})): string {
  const labels = (CATALOG_RULE_KIND_LABELS as Record<string, { zh: string; en: string } | undefined>)[kind];
  return labels ? labels[sharedKey(currentLang())] : kind;
}

/** What a rule catches, in the user's language. */
export function ruleText(rule: CatalogRuleSpec, t: TFunction): string {
  switch (rule.kind) {
    case 'fine-at-least':
      return t('reviewCatalog.standard.fine', { person: formatYuan(rule.person), organisation: formatYuan(rule.organisation) });
    case 'confiscation-at-least':
      return t('reviewCatalog.standard.confiscation', { person: formatYuan(rule.person), organisation: formatYuan(rule.organisation) });
    case 'penalty-kind':
      return t('reviewCatalog.standard.kinds', { kinds: rule.kinds.map(kindLabel).join('、') });
    case 'after-hearing':
      return t('reviewCatalog.standard.afterHearing');
    case 'field':
      return t('reviewCatalog.standard.field', { field: rule.field });
    case 'manual-flag':
      return t('reviewCatalog.standard.flag', { flag: rule.flag });
    case 'all-ordinary':
      return t('reviewCatalog.standard.allOrdinary');
  }
}


export type RuleState = { key: 'inForce' | 'retiring' | 'scheduled' | 'ended'; date?: string; color: string };

/** Where a rule stands on the day `on`: in force (perhaps until its end date), not yet, or no longer. */
export function ruleState(r: CatalogRule, on: string): RuleState {
  const v = r.inForce;
  if (v) return v.effectiveTo ? { key: 'retiring', date: v.effectiveTo, color: 'gold' } : { key: 'inForce', color: 'green' };
  if (r.latest.effectiveFrom > on && !neverInForce(r.latest)) return { key: 'scheduled', date: r.latest.effectiveFrom, color: 'blue' };
  return { key: 'ended', color: 'default' };
}

/** A version replaced on its own first day was never in force. */
export const neverInForce = (v: CatalogRuleVersion) => v.effectiveTo !== null && v.effectiveTo <= v.effectiveFrom;
