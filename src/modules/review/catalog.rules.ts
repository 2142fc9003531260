/**
 * 重大执法决定法制审核目录 — an agency's catalog of the decisions that need legal review before
 * they are made (《行政处罚法》第五十八条; 国办发〔2018〕118号 item 十二: 各级行政执法机关要结合
 * 本机关行政执法行为的类别、执法层级、所属领域、涉案金额等因素，制定重大执法决定法制审核目录清单).
 *
 * Pure: the catalog is data — rules with versions in force on [effectiveFrom, effectiveTo) — and
 * this file says which rules a proposal matches on a date, what a rule must look like, and which
 * effective dates an edit may name (never one in the past: the catalog in force on any day
 * already gone stays what it was).
 */
import { ALLOWED, refuse, type Verdict } from '../../kernel/refusal.ts';
import { PENALTY_KIND_LABELS, PENALTY_KINDS, type CaseRecord, type Penalty, type PenaltyKind } from '../../shared/cases.ts';
import { CATALOG_RULE_KINDS, MANUAL_FLAGS, type CatalogRuleKind, type CatalogRuleSpec, type ManualFlag, type MatchedRule } from '../../shared/review-catalog.ts';
import { formatYuan } from '../cases/benchmarks.rules.ts';

export type { CatalogRuleKind, CatalogRuleSpec, ManualFlag, MatchedRule } from '../../shared/review-catalog.ts';
export { CATALOG_RULE_KINDS, MANUAL_FLAGS } from '../../shared/review-catalog.ts';

const ART58 = '《行政处罚法》第五十八条';

/** What the catalog looks at in a case's proposal. */
export interface CatalogFacts {
  /**
   * The proposed (or decided) penalty; null: 不予行政处罚 — rules on amounts and kinds of penalty
   * cannot match it, rules on the case (after a hearing, field, flags, every ordinary decision) do.
   */
  penalty: Penalty | null;
  partyKind: 'person' | 'organisation';
  /** 执法领域 of the case (文化市场, 文物 …). */
  field: string;
  procedure: 'ordinary' | 'simple';
  /** A hearing was held (听证笔录 recorded). */
  hearingHeld: boolean;
  /** Manual flags the case carries (MANUAL_FLAGS). */
  flags: string[];
}

/** A rule the proposal matches: which version, and why in words (for the case record and the reviewer). */
export interface CatalogMatch {
  ruleId: string;
  version: number;
  kind: CatalogRuleKind;
  /** The version's name in the catalog. */
  name: string;
  /** e.g. 拟罚款15,000元，达到目录标准10,000元（单位） */
  label: string;
}

/**
 * Why a proposal is a major decision, as recorded: the reasons in words for people (each sentence
 * once — the demo bureau's ¥10,000 rule and the Art 63 rule give the same sentence for a citizen),
 * and every matched rule by id, version and name for the record.
 */
export interface ReviewScope {
  because: string[];
  rules: MatchedRule[];
}

export function scopeOf(matches: readonly CatalogMatch[]): ReviewScope {
  return {
    because: [...new Set(matches.map((m) => m.label))],
    rules: matches.map((m) => ({ ruleId: m.ruleId, version: m.version, name: m.name, label: m.label })),
  };
}

/** One version of one rule, as the evaluation needs it. */
export interface CatalogEntry {
  ruleId: string;
  version: number;
  rule: CatalogRuleSpec;
  /** The rule's name in the catalog. */
  label: string;
  /** YYYY-MM-DD inclusive. */
  effectiveFrom: string;
  /** YYYY-MM-DD exclusive; null: open-ended. */
  effectiveTo: string | null;
}

/** Whether a version is in force on `on` (YYYY-MM-DD): effectiveFrom ≤ on < effectiveTo. */
export function inForceOn(v: Pick<CatalogEntry, 'effectiveFrom' | 'effectiveTo'>, on: string): boolean {
  return v.effectiveFrom <= on && (v.effectiveTo === null || on < v.effectiveTo);
}

const PARTY = { person: '个人', organisation: '单位' } as const;
const kindNames = (kinds: readonly PenaltyKind[]) => kinds.map((k) => PENALTY_KIND_LABELS[k]?.zh ?? k).join('、');

/** The value confiscated by a penalty (没收违法所得 + 没收非法财物), in fen. */
export function confiscatedValue(p: Penalty): number {
  return (p.confiscatedGainsFen ?? 0) + (p.confiscatedPropertyFen ?? 0);
}

/** Why one rule catches the facts, in words; null when it does not. */
export function matchRule(rule: CatalogRuleSpec, f: CatalogFacts): string | null {
  const p = f.penalty;
  switch (rule.kind) {
    case 'fine-at-least': {
      const threshold = rule[f.partyKind];
      if (!p || p.fineFen === null || !p.kinds.includes('fine') || p.fineFen < threshold) return null;
      return `拟罚款${formatYuan(p.fineFen)}，达到目录标准${formatYuan(threshold)}（${PARTY[f.partyKind]}）`;
    }
    case 'penalty-kind': {
      const hit = p ? PENALTY_KINDS.filter((k) => p.kinds.includes(k) && rule.kinds.includes(k)) : [];
      if (hit.length === 0) return null;
      return `拟作出${kindNames(hit)}，属于目录所列处罚种类`;
    }
    case 'confiscation-at-least': {
      const threshold = rule[f.partyKind];
      const value = p ? confiscatedValue(p) : 0;
      if (value === 0 || value < threshold) return null;
      return `拟没收违法所得、非法财物合计${formatYuan(value)}，达到目录标准${formatYuan(threshold)}（${PARTY[f.partyKind]}）`;
    }
    case 'after-hearing':
      return f.hearingHeld ? '本案已举行听证，听证后作出的决定须经法制审核' : null;
    case 'field':
      return f.field === rule.field ? `本案属于“${rule.field}”领域，该领域案件的决定须经法制审核` : null;
    case 'manual-flag':
      return f.flags.includes(rule.flag) ? `本案经标记为“${rule.flag}”` : null;
    case 'all-ordinary':
      return f.procedure === 'ordinary' ? '按普通程序作出的决定均须经法制审核' : null;
  }
}

/**
 * The rules of the catalog in force on `on` (the proposal date) that the facts match, in the
 * order given. Versions not in force on that date — not yet effective, superseded, retired — are
 * not looked at, so a proposal is measured against the catalog of its own day.
 */
export function evaluateCatalog(rules: readonly CatalogEntry[], facts: CatalogFacts, on: string): CatalogMatch[] {
  const out: CatalogMatch[] = [];
  for (const r of rules) {
    if (!inForceOn(r, on)) continue;
    const label = matchRule(r.rule, facts);
    if (label !== null) out.push({ ruleId: r.ruleId, version: r.version, kind: r.rule.kind, name: r.label, label });
  }
  return out;
}

/** The rule in words, for a name when the editor gives none. */
export function describeRule(rule: CatalogRuleSpec): string {
  switch (rule.kind) {
    case 'fine-at-least':
      return `罚款：个人${formatYuan(rule.person)}以上，单位${formatYuan(rule.organisation)}以上`;
    case 'penalty-kind':
      return `处罚种类：${kindNames(rule.kinds)}`;
    case 'confiscation-at-least':
      return `没收违法所得、非法财物价值：个人${formatYuan(rule.person)}以上，单位${formatYuan(rule.organisation)}以上`;
    case 'after-hearing':
      return '经过听证程序作出的决定';
    case 'field':
      return `“${rule.field}”领域的案件`;
    case 'manual-flag':
      return `经标记为“${rule.flag}”的案件`;
    case 'all-ordinary':
      return '按普通程序作出的全部决定';
  }
}

/** The limits the API schema and these checks share. */
export const CATALOG_LIMITS = { label: 200, field: 20, reason: 500, maxFen: 10_000_000_000_000 } as const;

export interface CatalogRuleProblem {
  field: string;
  message: string;
}

const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= CATALOG_LIMITS.maxFen;

/** Everything wrong with a rule, each on its field (`rule.person`), as the form names them. */
export function ruleProblems(rule: CatalogRuleSpec, label?: string | null): CatalogRuleProblem[] {
  const out: CatalogRuleProblem[] = [];
  const bad = (field: string, message: string) => out.push({ field, message });
  if (!(CATALOG_RULE_KINDS as string[]).includes(rule.kind)) {
    bad('rule.kind', `目录规则类型不正确：${String(rule.kind)}`);
    return out;
  }
  switch (rule.kind) {
    case 'fine-at-least':
    case 'confiscation-at-least':
      for (const who of ['person', 'organisation'] as const) {
        if (!isAmount(rule[who])) bad(`rule.${who}`, `${PARTY[who]}的标准金额应为不小于 0.01 元的金额（分）`);
      }
      break;
    case 'penalty-kind': {
      if (rule.kinds.length === 0) bad('rule.kinds', '至少选择一种处罚种类');
      const unknown = rule.kinds.filter((k) => !(PENALTY_KINDS as string[]).includes(k));
      if (unknown.length > 0) bad('rule.kinds', `不是《行政处罚法》第九条规定的处罚种类：${unknown.join('、')}`);
      if (new Set(rule.kinds).size !== rule.kinds.length) bad('rule.kinds', '处罚种类重复');
      break;
    }
    case 'field':
      if (!rule.field.trim()) bad('rule.field', '执法领域必填');
      else if (rule.field.trim().length > CATALOG_LIMITS.field) bad('rule.field', `执法领域不超过 ${CATALOG_LIMITS.field} 个字`);
      break;
    case 'manual-flag':
      if (!(MANUAL_FLAGS as readonly string[]).includes(rule.flag)) bad('rule.flag', `人工标记应为：${MANUAL_FLAGS.join('／')}`);
      break;
    case 'after-hearing':
    case 'all-ordinary':
      break;
  }
  if (label && label.trim().length > CATALOG_LIMITS.label) bad('label', `规则名称不超过 ${CATALOG_LIMITS.label} 个字`);
  return out;
}

/** The rule as stored: texts trimmed, kinds in the order of 《行政处罚法》第九条, no stray fields. */
export function normaliseRule(rule: CatalogRuleSpec): CatalogRuleSpec {
  switch (rule.kind) {
    case 'fine-at-least':
    case 'confiscation-at-least':
      return { kind: rule.kind, person: rule.person, organisation: rule.organisation };
    case 'penalty-kind':
      return { kind: rule.kind, kinds: PENALTY_KINDS.filter((k) => rule.kinds.includes(k)) };
    case 'field':
      return { kind: rule.kind, field: rule.field.trim() };
    case 'manual-flag':
      return { kind: rule.kind, flag: rule.flag };
    case 'after-hearing':
    case 'all-ordinary':
      return { kind: rule.kind };
  }
}

/** The name a version is listed under: the editor's, or one made from the rule. */
export function ruleLabel(rule: CatalogRuleSpec, label?: string | null): string {
  const given = label?.trim();
  return given ? given : describeRule(rule);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * A new rule takes effect today or later: a catalog in force on a past day is never changed
 * after the fact (decisions made on that day were measured against it).
 */
export function mayAdd(effectiveFrom: string, today: string): Verdict {
  if (!isIsoDate(effectiveFrom)) return refuse('validation-failed', '生效日期应为 YYYY-MM-DD 格式的日期', { field: 'effectiveFrom' });
  if (effectiveFrom < today) {
    return refuse('effective-date-in-past', `生效日期 ${effectiveFrom} 早于今天（${today}）：已经过去的日子适用的目录不能追溯修改`, { field: 'effectiveFrom', today, article: ART58 });
  }
  return ALLOWED;
}

/**
 * A new version starts today or later, and not before the latest version starts (versions follow
 * each other; a version replaced on its own first day — before it took effect — is never in force).
 */
export function mayChange(latest: Pick<CatalogEntry, 'effectiveFrom' | 'effectiveTo'>, effectiveFrom: string, today: string): Verdict {
  const added = mayAdd(effectiveFrom, today);
  if (!added.ok) return added;
  if (effectiveFrom < latest.effectiveFrom) {
    return refuse('validation-failed', `新版本的生效日期不能早于现行版本的生效日期（${latest.effectiveFrom}）`, { field: 'effectiveFrom', latestFrom: latest.effectiveFrom });
  }
  return ALLOWED;
}

/** Retirement ends the latest version on `effectiveTo` (the first day it no longer applies), today or later. */
export function mayRetire(latest: Pick<CatalogEntry, 'effectiveFrom' | 'effectiveTo'>, effectiveTo: string, today: string): Verdict {
  if (!isIsoDate(effectiveTo)) return refuse('validation-failed', '废止日期应为 YYYY-MM-DD 格式的日期', { field: 'effectiveTo' });
  if (effectiveTo < today) {
    return refuse('effective-date-in-past', `废止日期 ${effectiveTo} 早于今天（${today}）：已经过去的日子适用的目录不能追溯修改`, { field: 'effectiveTo', today, article: ART58 });
  }
  if (effectiveTo < latest.effectiveFrom) {
    return refuse('validation-failed', `废止日期不能早于现行版本的生效日期（${latest.effectiveFrom}）`, { field: 'effectiveTo', latestFrom: latest.effectiveFrom });
  }
  return ALLOWED;
}

/**
 * The proposal a case stands on, with its date: the decision, else the notice, else the
 * investigation report — whose proposal may be 不予行政处罚 (penalty null; Art 57①). A transfer
 * proposes no decision of the agency's own.
 */
export function proposalOf(r: Pick<CaseRecord, 'decision' | 'notice' | 'investigation'>): { penalty: Penalty | null; on: string } | null {
  if (r.decision) return { penalty: r.decision.penalty, on: r.decision.on };
  if (r.notice) return { penalty: r.notice.proposedPenalty, on: r.notice.on };
  const i = r.investigation;
  if (i?.outcome === 'penalise' && i.proposedPenalty) return { penalty: i.proposedPenalty, on: i.closedOn };
  if (i?.outcome === 'no-penalty') return { penalty: null, on: i.closedOn };
  return null;
}

/** The facts the catalog looks at, read from a case record (manual flags are the caller's). */
export function factsOfCase(r: Pick<CaseRecord, 'parties' | 'field' | 'procedure' | 'hearing'>, penalty: Penalty | null, flags: readonly string[] = []): CatalogFacts {
  return {
    penalty,
    partyKind: r.parties[0]?.kind ?? 'person',
    field: r.field,
    procedure: r.procedure,
    hearingHeld: !!r.hearing?.heldOn,
    flags: [...flags],
  };
}

/** For callers that hold a flag as text: whether it is one of the catalog's manual flags. */
export const isManualFlag = (s: string): s is ManualFlag => (MANUAL_FLAGS as readonly string[]).includes(s);
