/**
 * 事前公开 rules as pure functions: what a disclosure's content must hold (the field table of
 * src/shared/disclosures.ts, the flowchart's structure), and the workflow draft → in-review →
 * published in which the drafter never approves (国办发〔2018〕118号 item 四: 公示内容经审核后发布).
 */
import { ALLOWED, refuse, type Verdict } from '../../kernel/refusal.ts';
import type { BenchmarkLevel } from '../../shared/api.ts';
import { PENALTY_KIND_LABELS } from '../../shared/cases.ts';
import {
  DISCLOSURE_FIELDS,
  DISCLOSURE_LIMITS,
  FLOW_STEP_KINDS,
  type DerivedList,
  type DisclosureContent,
  type DisclosureKind,
  type DraftState,
  type FlowchartContent,
  type FlowStep,
  type ListChange,
  type ListChangeKind,
  type PublicBenchmark,
  type PublicCatalogRule,
  type PublicProfileEntry,
  type PublicStaffMember,
} from '../../shared/disclosures.ts';
import type { CatalogRuleSpec } from '../../shared/review-catalog.ts';
import { formatYuan } from '../cases/benchmarks.rules.ts';
import { certificateStatus } from '../identity/certificates.rules.ts';
import { describeRule } from '../review/catalog.rules.ts';

export interface ContentProblem {
  field: string;
  message: string;
}

const ITEM_118 = '国办发〔2018〕118号第四项';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Trims every text, turns blank optional texts into null and drops blank lines of a list; keys
 * in the field table's order (so equal contents serialise equally). Unknown keys are kept for
 * contentProblems to report.
 */
export function normaliseContent<C extends DisclosureContent>(kind: DisclosureKind, content: C): C {
  if (!isObject(content)) return content;
  const src = content as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of DISCLOSURE_FIELDS[kind]) {
    const v = src[f.key];
    if (f.type === 'lines') out[f.key] = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x.trim() : x)).filter((x) => x !== '') : v;
    else if (f.type === 'optional') out[f.key] = typeof v === 'string' ? v.trim() || null : (v ?? null);
    else out[f.key] = typeof v === 'string' ? v.trim() : v;
  }
  if (kind === 'flowchart') out.steps = Array.isArray(src.steps) ? src.steps.map(normaliseStep) : src.steps;
  for (const k of Object.keys(src)) if (!(k in out)) out[k] = src[k];
  return out as C;
}

function normaliseStep(s: unknown): unknown {
  if (!isObject(s)) return s;
  const next = Array.isArray(s.next) ? s.next.map((e) => (isObject(e) ? { to: typeof e.to === 'string' ? e.to.trim() : e.to, label: typeof e.label === 'string' ? e.label.trim() || null : (e.label ?? null) } : e)) : s.next;
  return {
    id: typeof s.id === 'string' ? s.id.trim() : s.id,
    kind: s.kind,
    label: typeof s.label === 'string' ? s.label.trim() : s.label,
    note: typeof s.note === 'string' ? s.note.trim() || null : (s.note ?? null),
    next,
  };
}

/** Everything wrong with `content` as an item of `kind` (empty: publishable). Expects normalised content. */
export function contentProblems(kind: DisclosureKind, content: unknown): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (!isObject(content)) return [{ field: '', message: '内容应为对象' }];
  const fields = DISCLOSURE_FIELDS[kind];
  const known = new Set([...fields.map((f) => f.key), ...(kind === 'flowchart' ? ['steps'] : [])]);
  for (const k of Object.keys(content)) if (!known.has(k)) problems.push({ field: k, message: `“${k}”不是${kind}的字段` });
  for (const f of fields) {
    const v = content[f.key];
    const p = (message: string) => problems.push({ field: f.key, message: `${f.zh}${message}` });
    switch (f.type) {
      case 'text':
      case 'long':
        if (typeof v !== 'string' || v === '') p('必填');
        else if (v.length > f.max) p(`不能超过 ${f.max} 个字`);
        break;
      case 'optional':
        if (v !== null && typeof v !== 'string') p('应为文字或空');
        else if (typeof v === 'string' && v.length > f.max) p(`不能超过 ${f.max} 个字`);
        break;
      case 'enum':
        if (typeof v !== 'string' || !f.options!.includes(v)) p(`应为以下之一：${f.options!.map((o) => f.optionLabels?.[o]?.zh ?? o).join('、')}`);
        break;
      case 'lines':
        if (!Array.isArray(v) || v.length === 0) p('至少填写一项');
        else if (v.length > DISCLOSURE_LIMITS.lines) p(`最多 ${DISCLOSURE_LIMITS.lines} 项`);
        else if (v.some((x) => typeof x !== 'string' || x.length > f.max)) p(`每项应为不超过 ${f.max} 个字的文字`);
        break;
    }
  }
  if (kind === 'flowchart') problems.push(...flowchartProblems(content as unknown as FlowchartContent));
  return problems;
}

/**
 * A flowchart is publishable when it can be drawn and read: one 开始, at least one 结束, unique
 * step ids, every arrow to an existing step, every step reachable from 开始, 结束 with no arrow
 * out and every other step with one, a 判断 with at least two labelled branches.
 */
export function flowchartProblems(chart: FlowchartContent): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const p = (field: string, message: string) => problems.push({ field, message });
  const steps = chart.steps as unknown;
  if (!Array.isArray(steps) || steps.length < 2) return [{ field: 'steps', message: '流程图至少需要“开始”和“结束”两个步骤' }];
  if (steps.length > DISCLOSURE_LIMITS.steps) return [{ field: 'steps', message: `流程图最多 ${DISCLOSURE_LIMITS.steps} 个步骤` }];
  const ids = new Set<string>();
  (steps as FlowStep[]).forEach((s, i) => {
    const at = `steps.${i}`;
    if (!isObject(s)) return p(at, `第 ${i + 1} 步格式不正确`);
    const extra = Object.keys(s).filter((k) => !['id', 'kind', 'label', 'note', 'next'].includes(k));
    if (extra.length > 0) p(at, `第 ${i + 1} 步有多余的字段：${extra.join('、')}`);
    if (typeof s.id !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(s.id)) p(`${at}.id`, `第 ${i + 1} 步的编号应为 1–32 位字母、数字、下划线或连字符`);
    else if (ids.has(s.id)) p(`${at}.id`, `步骤编号“${s.id}”重复`);
    else ids.add(s.id);
    if (!FLOW_STEP_KINDS.includes(s.kind)) p(`${at}.kind`, `第 ${i + 1} 步的类型应为开始、步骤、判断或结束`);
    if (typeof s.label !== 'string' || s.label === '' || s.label.length > 100) p(`${at}.label`, `第 ${i + 1} 步的名称必填，不超过 100 个字`);
    if (s.note !== null && (typeof s.note !== 'string' || s.note.length > 200)) p(`${at}.note`, `第 ${i + 1} 步的说明不超过 200 个字`);
    if (!Array.isArray(s.next) || s.next.length > DISCLOSURE_LIMITS.edges || s.next.some((e) => !isObject(e) || typeof e.to !== 'string' || (e.label !== null && (typeof e.label !== 'string' || e.label.length > 20)) || Object.keys(e).some((k) => k !== 'to' && k !== 'label'))) {
      p(`${at}.next`, `第 ${i + 1} 步的后续步骤格式不正确（最多 ${DISCLOSURE_LIMITS.edges} 个，箭头文字不超过 20 个字）`);
    }
  });
  if (problems.length > 0) return problems;
  const list = steps as FlowStep[];
  const byId = new Map(list.map((s) => [s.id, s]));
  const starts = list.filter((s) => s.kind === 'start');
  if (starts.length !== 1) p('steps', '流程图应有且只有一个“开始”');
  if (!list.some((s) => s.kind === 'end')) p('steps', '流程图至少需要一个“结束”');
  list.forEach((s, i) => {
    const at = `steps.${i}.next`;
    for (const e of s.next) if (!byId.has(e.to)) p(at, `“${s.label}”指向不存在的步骤“${e.to}”`);
    if (s.next.some((e) => e.to === s.id)) p(at, `“${s.label}”不能指向自己`);
    if (s.kind === 'end' && s.next.length > 0) p(at, `“结束”步骤“${s.label}”不能再有后续步骤`);
    if (s.kind !== 'end' && s.next.length === 0) p(at, `“${s.label}”没有后续步骤（流程应走到“结束”）`);
    if (s.kind === 'decision' && (s.next.length < 2 || s.next.some((e) => !e.label))) p(at, `判断“${s.label}”至少需要两个分支，每个分支须标明条件（如“是”“否”）`);
    if (s.kind === 'start' && i !== 0) p(`steps.${i}.kind`, '“开始”应是第一个步骤');
  });
  if (problems.length > 0 || starts.length !== 1) return problems;
  const seen = new Set<string>([starts[0]!.id]);
  const stack = [starts[0]!.id];
  while (stack.length > 0) {
    for (const e of byId.get(stack.pop()!)!.next) if (!seen.has(e.to)) (seen.add(e.to), stack.push(e.to));
  }
  list.forEach((s, i) => {
    if (!seen.has(s.id)) p(`steps.${i}`, `步骤“${s.label}”从“开始”无法到达`);
  });
  return problems;
}

/** Equal contents (normalised), whatever their key order — a draft that changes nothing is refused. */
export function sameContent(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

// ---- the workflow ------------------------------------------------------------------------------------

export interface WorkflowState {
  status: 'unpublished' | 'published' | 'removed' | 'discarded';
  draftState: DraftState | null;
  draftAuthors: readonly string[];
}

/** A draft may be written while none is in review (an item in review is fixed until returned). */
export function mayDraft(s: WorkflowState): Verdict {
  if (s.status === 'discarded') return refuse('disclosure-invalid-state', '该公开事项的草稿已放弃，请新建事项', { status: s.status });
  if (s.draftState === 'in-review') return refuse('disclosure-invalid-state', '该公开事项正在审核中，审核退回后才能修改', { draftState: s.draftState });
  return ALLOWED;
}

/** Only a draft goes to review. */
export function maySubmit(s: WorkflowState): Verdict {
  if (s.draftState !== 'draft') return refuse('disclosure-invalid-state', '没有待送审的草稿', { draftState: s.draftState });
  return ALLOWED;
}

/** A reviewer returns what is in review. */
export function mayReturn(s: WorkflowState): Verdict {
  if (s.draftState !== 'in-review') return refuse('disclosure-invalid-state', '该公开事项不在审核中', { draftState: s.draftState });
  return ALLOWED;
}

/**
 * 审核发布: only what is in review, and never by anyone who wrote or submitted the draft — the
 * same separation as for decisions (编辑与审核分离, 118号 item 四).
 */
export function mayPublish(s: WorkflowState, reviewerId: string): Verdict {
  if (s.draftState !== 'in-review') return refuse('disclosure-invalid-state', '该公开事项不在审核中，须先送审', { draftState: s.draftState });
  if (s.draftAuthors.includes(reviewerId)) {
    return refuse('disclosure-drafter-cannot-approve', '起草或送审该公开内容的人员不能审核发布（编辑与审核须由不同人员承担）', { article: ITEM_118 });
  }
  return ALLOWED;
}

/** A draft may be thrown away while it is not in review. */
export function mayDiscard(s: WorkflowState): Verdict {
  if (s.draftState === null) return refuse('disclosure-invalid-state', '没有可放弃的草稿', { draftState: s.draftState });
  if (s.draftState === 'in-review') return refuse('disclosure-invalid-state', '审核中的草稿不能放弃，请先由审核人员退回', { draftState: s.draftState });
  return ALLOWED;
}

/** A removal is drafted only for what is published. */
export function mayDraftRemoval(s: WorkflowState): Verdict {
  const v = mayDraft(s);
  if (!v.ok) return v;
  if (s.status !== 'published') return refuse('disclosure-invalid-state', '只有已公开的事项才能撤下', { status: s.status });
  return ALLOWED;
}

// ---- the derived lists' public history ---------------------------------------------------------------
//
// 执法人员名单, 裁量基准, 法制审核目录 and 内设机构 are not disclosure items: they are read live from
// their own modules. Their public history is folded here from those modules' ledger events, and
// shows only what the live list shows (staff: name, unit, post, 执法种类, certificate number,
// status — never an account, the issuing authority, validity dates or a status reason).

/** The event types each derived list is folded from (agency events are read by subject, the rest from the agency's log). */
export const LIST_EVENT_TYPES: Record<DerivedList, readonly string[]> = {
  staff: ['officer.registered', 'officer.updated', 'officer.renewed', 'officer.suspended', 'officer.reinstated', 'officer.revoked'],
  benchmarks: ['benchmark.created', 'benchmark.updated', 'benchmark.retired'],
  catalog: ['review-rule.added', 'review-rule.changed', 'review-rule.retired'],
  profile: ['unit.created', 'unit.updated'],
};
/** Events of the agency itself (platform log, subject = the agency): its name, credit code and parent. */
export const AGENCY_EVENT_TYPES = ['agency.created', 'agency.updated'] as const;

/** A ledger event as the folds read it: `id` is its place in the whole ledger (insertion order). */
export interface ListEvent {
  id: number;
  at: string;
  type: string;
  subject: string;
  data: Record<string, unknown>;
}

/** A change as folded from its event: with the event's place in the whole ledger (the next page's cursor). */
export interface FoldedChange<T> extends ListChange<T> {
  eventId: number;
}

/** China calendar date (UTC+8) of an ISO time. */
export function chinaDayOf(at: string): string {
  return new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The first instant after China date `day` ends, as ISO text: events before it happened on or before `day`. */
export function endOfChinaDay(day: string): string {
  return new Date(new Date(`${day}T00:00:00.000+08:00`).getTime() + 24 * 3600_000).toISOString();
}

type Changes = Record<string, { before: unknown; after: unknown }>;
const changesOf = (e: ListEvent) => (e.data.changes ?? {}) as Changes;
const afterOf = <T extends object>(prev: T, changes: Changes): T => {
  const next = { ...prev } as Record<string, unknown>;
  for (const [k, v] of Object.entries(changes)) if (k in next) next[k] = v.after;
  return next as T;
};
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** UTF-16 code unit order (SQLite's BINARY collation), the same on both engines whatever PostgreSQL's collation. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function diff<T extends object>(before: T, after: T): { changed: string[]; before: Partial<T> } {
  const changed = (Object.keys(after) as (keyof T & string)[]).filter((k) => !same(before[k], after[k]));
  return { changed, before: Object.fromEntries(changed.map((k) => [k, before[k]])) as Partial<T> };
}

/** The change one event makes to a public entry (null → listed, listed → null, or fields), or null when nothing public changed. */
function entryChange<T extends object>(e: ListEvent, prev: T | null, next: T | null, kind: ListChangeKind, version: number | null, reason: string | null): FoldedChange<T> | null {
  if (!prev && !next) return null;
  if (!prev) return { at: e.at, change: 'added', version, entry: next!, changed: [], before: null, reason, eventId: e.id };
  if (!next) return { at: e.at, change: kind === 'retired' || kind === 'revoked' ? kind : 'removed', version, entry: prev, changed: [], before: null, reason, eventId: e.id };
  const d = diff(prev, next);
  if (d.changed.length === 0) return null;
  return { at: e.at, change: kind, version, entry: next, changed: d.changed, before: d.before, reason, eventId: e.id };
}

/**
 * Folds each subject's events in ledger order (the events may come in any order), calling `step`
 * with the subject's state before and after each event that leaves one; returns the final states.
 */
function foldEach<S>(events: readonly ListEvent[], fold: (prev: S | null, e: ListEvent) => S | null, step?: (e: ListEvent, prev: S | null, next: S) => void): Map<string, S> {
  const state = new Map<string, S>();
  for (const e of [...events].sort((a, b) => a.id - b.id)) {
    const prev = state.get(e.subject) ?? null;
    const next = fold(prev, e);
    if (!next) continue;
    state.set(e.subject, next);
    step?.(e, prev, next);
  }
  return state;
}

// ---- 内设机构 (and the agency) ----

/** Unit names through time: what a unit was called at a ledger position (a staff entry names the unit as it was then). */
export class UnitNames {
  private readonly names = new Map<string, { id: number; name: string }[]>();
  constructor(events: readonly ListEvent[]) {
    for (const e of [...events].sort((a, b) => a.id - b.id)) {
      const name = e.type === 'unit.created' ? (e.data.name as string) : (changesOf(e).name?.after as string | undefined);
      if (typeof name === 'string') this.names.set(e.subject, [...(this.names.get(e.subject) ?? []), { id: e.id, name }]);
    }
  }
  /** The unit's name just after event `eventId` (null: no unit). */
  at(unitId: string | null, eventId: number): string | null {
    if (!unitId) return null;
    const list = this.names.get(unitId) ?? [];
    let name: string | null = null;
    for (const n of list) if (n.id <= eventId) name = n.name;
    return name ?? list[0]?.name ?? null;
  }
}

interface AgencyState {
  name: string;
  creditCode: string | null;
  parentId: string | null;
}

const agencyEntry = (a: AgencyState, agencyNames: ReadonlyMap<string, string>): PublicProfileEntry => ({ kind: 'agency', name: a.name, creditCode: a.creditCode, parentName: a.parentId ? (agencyNames.get(a.parentId) ?? null) : null });
const unitEntry = (name: string): PublicProfileEntry => ({ kind: 'unit', name, creditCode: null, parentName: null });

/** Folds the agency's and its units' events in ledger order, calling `step` with each entry before and after. */
function foldProfile(
  agencyEvents: readonly ListEvent[],
  unitEvents: readonly ListEvent[],
  agencyNames: ReadonlyMap<string, string>,
  step: (e: ListEvent, prev: PublicProfileEntry | null, next: PublicProfileEntry) => void,
): { agency: AgencyState | null; units: Map<string, { name: string; at: string }> } {
  let agency: AgencyState | null = null;
  const units = new Map<string, { name: string; at: string }>();
  for (const e of [...agencyEvents, ...unitEvents].sort((a, b) => a.id - b.id)) {
    if (e.type === 'agency.created' || e.type === 'agency.updated') {
      const prev: AgencyState | null = agency;
      const next: AgencyState =
        e.type === 'agency.created'
          ? { name: e.data.name as string, creditCode: (e.data.creditCode as string | null) ?? null, parentId: (e.data.parentId as string | null) ?? null }
          : afterOf(prev ?? { name: '', creditCode: null, parentId: null }, changesOf(e));
      agency = next;
      step(e, prev ? agencyEntry(prev, agencyNames) : null, agencyEntry(next, agencyNames));
    } else if (e.type === 'unit.created' || e.type === 'unit.updated') {
      const prev = units.get(e.subject) ?? null;
      const name = e.type === 'unit.created' ? (e.data.name as string) : ((changesOf(e).name?.after as string | undefined) ?? prev?.name);
      if (name === undefined) continue;
      units.set(e.subject, { name, at: prev?.at ?? e.at });
      step(e, prev ? unitEntry(prev.name) : null, unitEntry(name));
    }
  }
  return { agency, units };
}

/**
 * The profile list's changes: the agency registered or changed (name, credit code, parent) and
 * its units added or renamed. `agencyNames` names a parent agency (today's name).
 */
export function profileChanges(agencyEvents: readonly ListEvent[], unitEvents: readonly ListEvent[], agencyNames: ReadonlyMap<string, string>): FoldedChange<PublicProfileEntry>[] {
  const out: FoldedChange<PublicProfileEntry>[] = [];
  foldProfile(agencyEvents, unitEvents, agencyNames, (e, prev, next) => {
    const c = entryChange(e, prev, next, 'changed', null, null);
    if (c) out.push(c);
  });
  return out;
}

/** The agency and its units after `events` (those before a day's end), units in the live page's order (created, then name). */
export function profileAsOf(agencyEvents: readonly ListEvent[], unitEvents: readonly ListEvent[], agencyNames: ReadonlyMap<string, string>): { agency: PublicProfileEntry | null; units: string[] } {
  const { agency, units } = foldProfile(agencyEvents, unitEvents, agencyNames, () => {});
  const ordered = [...units.values()].sort((a, b) => cmp(a.at, b.at) || cmp(a.name, b.name));
  return { agency: agency ? agencyEntry(agency, agencyNames) : null, units: ordered.map((u) => u.name) };
}

// ---- 执法人员 ----

/** An officer as the public staff list needs them (from the officers table, or folded from their events). */
export interface OfficerState {
  name: string;
  unitId: string | null;
  post: string | null;
  certificateNo: string | null;
  fields: string[];
  validFrom: string | null;
  validTo: string | null;
  status: 'active' | 'suspended' | 'revoked';
  auxiliary: boolean;
}

const OFFICER_KIND: Record<string, ListChangeKind> = {
  'officer.updated': 'changed',
  'officer.renewed': 'renewed',
  'officer.suspended': 'suspended',
  'officer.reinstated': 'reinstated',
  'officer.revoked': 'revoked',
};

/** The staff list's entry of an officer on `day` (null: not listed — auxiliary staff, no certificate). Exactly the six public fields. */
/** The officer's line in the public staff list on `day` (118号 item 四: exactly these fields); null for auxiliary staff or without a certificate. */
export function staffMember(o: OfficerState, unit: string | null, day: string): PublicStaffMember | null {
  if (o.auxiliary || !o.certificateNo) return null;
  const status = certificateStatus({ id: '', name: o.name, status: o.status, auxiliary: false, certificateNo: o.certificateNo, fields: o.fields, validFrom: o.validFrom, validTo: o.validTo }, day);
  return { name: o.name, unit, post: o.post, fields: [...o.fields], certificateNo: o.certificateNo, status: status as PublicStaffMember['status'] };
}

function foldOfficer(prev: OfficerState | null, e: ListEvent): OfficerState | null {
  if (e.type === 'officer.registered') {
    const d = e.data;
    return { name: d.name as string, unitId: (d.unitId as string | null) ?? null, post: (d.post as string | null) ?? null, certificateNo: (d.certificateNo as string | null) ?? null, fields: (d.fields as string[]) ?? [], validFrom: (d.validFrom as string | null) ?? null, validTo: (d.validTo as string | null) ?? null, status: 'active', auxiliary: d.auxiliary === true };
  }
  return prev ? afterOf(prev, changesOf(e)) : null;
}

/**
 * The staff list's changes from officer events (each officer's events, any order: folded per
 * officer in ledger order). Each entry is the officer's public line just before and just after
 * the event, both on the event's day, so a renewal shows "expired → valid" and a rename of the
 * unit is not an officer change. Events that change nothing public (an account link, the
 * issuing authority) are left out.
 */
export function staffChanges(officerEvents: readonly ListEvent[], units: UnitNames): FoldedChange<PublicStaffMember>[] {
  const out: FoldedChange<PublicStaffMember>[] = [];
  foldEach(officerEvents, foldOfficer, (e, prev, next) => {
    const day = chinaDayOf(e.at);
    const c = entryChange(e, prev ? staffMember(prev, units.at(prev.unitId, e.id), day) : null, staffMember(next, units.at(next.unitId, e.id), day), OFFICER_KIND[e.type] ?? 'changed', null, null);
    if (c) out.push(c);
  });
  return out;
}

/** The staff list as it stood on `day` (events: those before the day's end), in the live list's order. */
export function staffAsOf(officerEvents: readonly ListEvent[], units: UnitNames, day: string): PublicStaffMember[] {
  const members = [...foldEach(officerEvents, foldOfficer).values()].map((o) => staffMember(o, units.at(o.unitId, Number.MAX_SAFE_INTEGER), day)).filter((m): m is PublicStaffMember => m !== null);
  return sortStaff(members);
}

/** The published order of the staff list: by unit (none last), then certificate number. */
export function sortStaff(members: PublicStaffMember[]): PublicStaffMember[] {
  return members.sort((a, b) => (a.unit ?? '\uffff').localeCompare(b.unit ?? '\uffff', 'zh') || a.certificateNo.localeCompare(b.certificateNo));
}

// ---- 裁量基准 ----

interface BenchmarkState {
  code: string;
  field: string;
  violation: string;
  legalBasis: string;
  penaltyBasis: string;
  levels: BenchmarkLevel[];
  status: 'active' | 'retired';
  version: number;
}

/** A benchmark level's 处罚标准 in words: kinds, fine range, multiples of gains, the table's note. */
export function levelStandard(lv: BenchmarkLevel): string {
  if (lv.kinds.length === 0) return lv.note ? `不予处罚；${lv.note}` : '不予处罚';
  const parts = [lv.kinds.map((k) => PENALTY_KIND_LABELS[k]?.zh ?? k).join('、')];
  if (lv.fine) parts.push(`罚款${formatYuan(lv.fine.minFen)}至${formatYuan(lv.fine.maxFen)}`);
  if (lv.gainsMultiple) parts.push(`违法所得${lv.gainsMultiple.min}倍至${lv.gainsMultiple.max}倍罚款`);
  if (lv.note) parts.push(lv.note);
  return parts.join('；');
}

/** A benchmark as the public list shows it. */
export function publicBenchmark(b: Pick<BenchmarkState, 'code' | 'field' | 'violation' | 'legalBasis' | 'penaltyBasis' | 'levels'>): PublicBenchmark {
  return { code: b.code, field: b.field, violation: b.violation, legalBasis: b.legalBasis, penaltyBasis: b.penaltyBasis, levels: b.levels.map((lv) => ({ name: lv.name, circumstances: lv.circumstances, standard: levelStandard(lv) })) };
}

function foldBenchmark(prev: BenchmarkState | null, e: ListEvent): BenchmarkState | null {
  if (e.type === 'benchmark.created') {
    const d = e.data;
    return { code: d.code as string, field: d.field as string, violation: d.violation as string, legalBasis: d.legalBasis as string, penaltyBasis: d.penaltyBasis as string, levels: d.levels as BenchmarkLevel[], status: 'active', version: 1 };
  }
  return prev ? { ...afterOf(prev, changesOf(e)), version: prev.version + 1 } : null;
}

/** The benchmark table's changes (《行政处罚法》第三十四条): 第 n 版 of an entry, with its published reason. */
export function benchmarkChanges(events: readonly ListEvent[]): FoldedChange<PublicBenchmark>[] {
  const out: FoldedChange<PublicBenchmark>[] = [];
  const shown = (b: BenchmarkState | null) => (b && b.status === 'active' ? publicBenchmark(b) : null);
  foldEach(events, foldBenchmark, (e, prev, next) => {
    const reason = typeof e.data.reason === 'string' ? e.data.reason : null;
    const c = entryChange(e, shown(prev), shown(next), e.type === 'benchmark.retired' ? 'retired' : 'changed', next.version, reason);
    if (c) out.push(c);
  });
  return out;
}

/** The benchmarks in force after `events` (those before the day's end), by field and code as the live list. */
export function benchmarksAsOf(events: readonly ListEvent[]): PublicBenchmark[] {
  return [...foldEach(events, foldBenchmark).values()]
    .filter((b) => b.status === 'active')
    .sort((a, b) => cmp(a.field, b.field) || cmp(a.code, b.code))
    .map(publicBenchmark);
}

// ---- 法制审核目录 ----

interface RuleVersion {
  version: number;
  rule: CatalogRuleSpec;
  label: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

const publicRule = (v: RuleVersion): PublicCatalogRule => ({ label: v.label, description: describeRule(v.rule), effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo, version: v.version });

function foldRule(prev: RuleVersion[] | null, e: ListEvent): RuleVersion[] | null {
  const d = e.data;
  if (e.type === 'review-rule.added') return [{ version: 1, rule: d.rule as CatalogRuleSpec, label: d.label as string, effectiveFrom: d.effectiveFrom as string, effectiveTo: null }];
  if (!prev) return null;
  if (e.type === 'review-rule.changed') {
    const v = d.version as number;
    return [...prev.map((x) => (x.version === v - 1 ? { ...x, effectiveTo: d.effectiveFrom as string } : x)), { version: v, rule: d.rule as CatalogRuleSpec, label: d.label as string, effectiveFrom: d.effectiveFrom as string, effectiveTo: null }];
  }
  if (e.type === 'review-rule.retired') return prev.map((x) => (x.version === (d.version as number) ? { ...x, effectiveTo: d.effectiveTo as string } : x));
  return prev;
}

/**
 * The catalog's changes (《行政处罚法》第五十八条): a rule added (version 1), a new version with the
 * date it takes effect, a rule's end date — each with its published reason.
 */
export function catalogChanges(events: readonly ListEvent[]): FoldedChange<PublicCatalogRule>[] {
  const out: FoldedChange<PublicCatalogRule>[] = [];
  foldEach(events, foldRule, (e, prev, next) => {
    const reason = typeof e.data.reason === 'string' ? e.data.reason : null;
    const latest = publicRule(next[next.length - 1]!);
    if (e.type === 'review-rule.added') out.push({ at: e.at, change: 'added', version: 1, entry: latest, changed: [], before: null, reason, eventId: e.id });
    else if (e.type === 'review-rule.changed') {
      const before = publicRule(prev![prev!.length - 1]!);
      const d = diff({ ...before, version: 0, effectiveTo: null }, { ...latest, version: 0, effectiveTo: null });
      out.push({ at: e.at, change: 'changed', version: latest.version, entry: latest, changed: d.changed, before: d.before, reason, eventId: e.id });
    } else if (e.type === 'review-rule.retired') {
      const ended = publicRule(next.find((x) => x.version === (e.data.version as number)) ?? next[next.length - 1]!);
      out.push({ at: e.at, change: 'retired', version: ended.version, entry: ended, changed: ['effectiveTo'], before: { effectiveTo: null }, reason, eventId: e.id });
    }
  });
  return out;
}

/** The catalog as recorded by the end of `day` (events before it) and in force on `day`, in the order rules were added (as catalogInForce). */
export function catalogAsOf(events: readonly ListEvent[], day: string): PublicCatalogRule[] {
  return [...foldEach(events, foldRule).values()].flatMap((versions) => versions.filter((v) => v.effectiveFrom <= day && (v.effectiveTo === null || v.effectiveTo > day)).map(publicRule));
}
