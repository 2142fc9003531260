/**
 * 事前公开 rules as pure functions: what a disclosure's content must hold (the field table of
 * src/shared/disclosures.ts, the flowchart's structure), and the workflow draft → in-review →
 * published in which the drafter never approves (国办发〔2018〕118号 item 四: 公示内容经审核后发布).
 */
import { ALLOWED, refuse, type Verdict } from '../../kernel/refusal.ts';
import {
  DISCLOSURE_FIELDS,
  DISCLOSURE_LIMITS,
  FLOW_STEP_KINDS,
  type DisclosureContent,
  type DisclosureKind,
  type DraftState,
  type FlowchartContent,
  type FlowStep,
} from '../../shared/disclosures.ts';

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
