/**
 * 事后公开 — the rules of publishing enforcement decisions, as pure functions (rules.md D;
 * 《行政处罚法》第四十八条; 118号 item 六; 《政府信息公开条例》第十五条). The service
 * (publications.service.ts) loads, calls these, and appends; the projector folds events with
 * `applyPublicationEvent`.
 */
import dayjs from 'dayjs';
import type { Verdict } from '../../kernel/refusal.ts';
import { ALLOWED } from '../../kernel/refusal.ts';
import type { Party, Penalty, PenaltyKind } from '../../shared/cases.ts';
import { penaltyText } from '../documents/templates.ts';
import type {
  PublicationAction,
  PublicationFields,
  PublicationRecord,
  PublicationRedaction,
  PublicationSettings,
  PublicationStatus,
  PublicationTimeliness,
  PublishedDecision,
  PublishedParty,
  WithdrawalNotice,
} from '../../shared/publications.ts';

export const ART_PUB = {
  item6: '《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）第六项',
  a48: '《中华人民共和国行政处罚法》第四十八条',
  a48b: '《中华人民共和国行政处罚法》第四十八条第二款',
  ogi15: '《中华人民共和国政府信息公开条例》第十五条',
} as const;

/** Working/calendar day arithmetic from the platform calendar (cases.links.ts caseDayCounter). */
export type AddDays = (start: string, n: number, unit: 'working' | 'calendar') => string;

/** 118号 item 六: 行政许可、行政处罚的执法决定信息在执法决定作出之日起 7 个工作日内公开. */
export const PUBLISH_WORKING_DAYS = 7;
/** 《行政处罚法》第四十八条第二款: 决定被依法变更、撤销、确认违法或者确认无效的，应当在三日内撤回并公开说明理由 (Art 85: working days). */
export const WITHDRAW_WORKING_DAYS = 3;

/** The last day to publish a decision: 7 working days from the decision date (118号 item 六). */
export function publishDueDate(decidedOn: string, add: AddDays): string {
  return add(decidedOn, PUBLISH_WORKING_DAYS, 'working');
}

/** The last day to withdraw: 3 working days from the change, revocation or holding (Art 48②, Art 85). */
export function withdrawalDueDate(changedOn: string, add: AddDays): string {
  return add(changedOn, WITHDRAW_WORKING_DAYS, 'working');
}

/**
 * Warnings and fines at or below the agency's threshold, with no heavier kind, are "minor": the
 * short publication period applies; otherwise the long one (agency setting, rules.md D).
 */
export function isMinorPenalty(f: Pick<PublicationFields, 'penaltyKinds' | 'fineFen'>, s: PublicationSettings): boolean {
  const light: readonly PenaltyKind[] = ['warning', 'public-criticism', 'fine'];
  if (f.penaltyKinds.some((k) => !light.includes(k))) return false;
  return (f.fineFen ?? 0) <= s.lowFineThresholdFen;
}

/** 公示截止期: the last day shown — short period (months) for minor penalties, long (years) otherwise, from publication. */
export function publicationPeriodEnd(publishedOn: string, f: Pick<PublicationFields, 'penaltyKinds' | 'fineFen'>, s: PublicationSettings): string {
  const start = dayjs(publishedOn);
  const end = isMinorPenalty(f, s) ? start.add(s.shortPeriodMonths, 'month') : start.add(s.longPeriodYears, 'year');
  return end.subtract(1, 'day').format('YYYY-MM-DD');
}

/** What decides whether a decision is published at all. */
export interface PublishabilityInput {
  procedure: 'ordinary' | 'simple';
  parties: readonly Pick<Party, 'minor'>[];
  /** The case involves state secrets (涉及国家秘密): never published (信息公开条例 Art 14). */
  secret: boolean;
  decisionKind: 'penalty' | 'no-penalty';
  penaltyKinds: readonly PenaltyKind[];
}

/**
 * Whether a decision is published (rules.md D): minors' cases and secret cases never (《未成年人保护法》
 * 第一百零三条, 《政府信息公开条例》第十四条); 不予处罚 decisions are not penalty decisions; 当场处罚 and
 * warning-only decisions as the agency's policy says; every other ordinary-procedure decision.
 */
export function shouldPublish(c: PublishabilityInput, s: PublicationSettings): { publish: true } | { publish: false; reason: string } {
  if (c.parties.some((p) => p.minor)) return { publish: false, reason: '当事人为未成年人，不予公开' };
  if (c.secret) return { publish: false, reason: '涉及国家秘密，不予公开' };
  if (c.decisionKind !== 'penalty') return { publish: false, reason: '不予行政处罚决定不属于处罚决定公开范围' };
  if (c.procedure === 'simple' && !s.publishOnTheSpot) return { publish: false, reason: '本机构公示政策不公开当场处罚决定' };
  if (c.penaltyKinds.length > 0 && c.penaltyKinds.every((k) => k === 'warning') && !s.publishWarningOnly) return { publish: false, reason: '本机构公示政策不公开仅予警告的决定' };
  return { publish: true };
}

/**
 * The status machine (one table: the service, the console's "what may I do" and the tests read it).
 * A correction reopens a published item as a draft while its public version stays online.
 */
export const PUBLICATION_TRANSITIONS: Record<PublicationAction, { from: readonly PublicationStatus[]; to: PublicationStatus | null; who: 'edit' | 'approve' }> = {
  edit: { from: ['draft'], to: null, who: 'edit' },
  redact: { from: ['draft'], to: null, who: 'edit' },
  submit: { from: ['draft'], to: 'in-review', who: 'edit' },
  return: { from: ['in-review'], to: 'draft', who: 'approve' },
  approve: { from: ['in-review'], to: 'published', who: 'approve' },
  correct: { from: ['published'], to: 'draft', who: 'edit' },
  'require-withdrawal': { from: ['draft', 'in-review', 'published'], to: null, who: 'edit' },
  withdraw: { from: ['draft', 'in-review', 'published'], to: 'withdrawn', who: 'approve' },
};

/** Whether an action may happen now (status); the access policy and the drafter rule are checked besides. */
export function mayDoPublication(action: PublicationAction, r: Pick<PublicationRecord, 'status' | 'current' | 'withdrawalRequired'>): Verdict {
  const t = PUBLICATION_TRANSITIONS[action];
  if (!t.from.includes(r.status)) {
    return { ok: false, code: 'publication-wrong-status', message: `当前状态（${r.status}）不能办理此事项`, details: { status: r.status, action } };
  }
  // A decision changed, revoked, held illegal or void is not published (Art 48②): its draft can only be ended.
  if ((action === 'submit' || action === 'approve') && r.withdrawalRequired) {
    return { ok: false, code: 'publication-withdrawal-required', message: `原决定已被变更、撤销或者确认违法、无效（${r.withdrawalRequired.reason}），不得公开，应予撤回（${ART_PUB.a48b}）`, details: { status: r.status, action, article: ART_PUB.a48b } };
  }
  // Withdrawal is of something public — or of a draft whose decision no longer stands, which simply ends.
  if (action === 'withdraw' && r.current === null && !r.withdrawalRequired) return { ok: false, code: 'publication-wrong-status', message: '尚未发布的决定无需撤回', details: { status: r.status, action } };
  if (action === 'require-withdrawal' && r.withdrawalRequired) return { ok: false, code: 'publication-wrong-status', message: '已登记须撤回', details: { status: r.status, action } };
  return ALLOWED;
}

/** 审核发布 by someone else: whoever drafted or submitted this version never approves it (four-eyes). */
export function mayApprove(r: Pick<PublicationRecord, 'submittedBy' | 'editors'>, userId: string): Verdict {
  if (r.submittedBy?.id === userId || r.editors.includes(userId)) {
    return { ok: false, code: 'publication-drafter-cannot-approve', message: '编辑、提交公示内容的人员不能审核发布同一内容，须由另一名审核人员审核', details: { rule: 'four-eyes' } };
  }
  return ALLOWED;
}

/** Sorted, non-overlapping, inside the text; a manual one needs a reason. */
export function checkRedactions(text: string, spans: readonly PublicationRedaction[]): Verdict {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let last = 0;
  for (const [i, s] of sorted.entries()) {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > text.length || s.end <= s.start) {
      return { ok: false, code: 'publication-redaction-invalid', message: `遮蔽范围不正确（第 ${i + 1} 处）`, details: { index: i } };
    }
    if (s.start < last) return { ok: false, code: 'publication-redaction-invalid', message: `遮蔽范围相互重叠（第 ${i + 1} 处）`, details: { index: i } };
    if (s.reason.trim() === '') return { ok: false, code: 'publication-redaction-invalid', message: `遮蔽须说明理由（第 ${i + 1} 处）`, details: { index: i } };
    last = s.end;
  }
  return ALLOWED;
}

/** The fields that are the served decision's own (文号, 依据, 处罚种类和数额, 许可证件): a publication shows them as served. */
export const DECISION_FIELDS = ['number', 'basis', 'penaltyKinds', 'penaltyContent', 'fineFen', 'confiscatedGainsFen', 'confiscatedPropertyFen', 'licenceSuspended', 'licenceRevoked', 'decidedOn'] as const satisfies readonly (keyof PublicationFields)[];

/**
 * An edit may not change what the decision itself says: the published text equals the served
 * decision except for redactions (rules.md D), and its fields with it. A wrong decision is corrected
 * by the decision's own procedure, not in its publication.
 */
export function keepsDecisionFields(before: PublicationFields, after: PublicationFields): Verdict {
  const changed = DECISION_FIELDS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (changed.length === 0) return ALLOWED;
  return { ok: false, code: 'publication-field-locked', message: `决定书文号、处罚依据、处罚种类和数额等以送达的决定书为准，不能在公示中修改（${ART_PUB.a48}）`, details: { fields: changed, article: ART_PUB.a48 } };
}

/**
 * The editor's new redaction list against the current one: spans it keeps as they were stay as
 * they were (auto ones included); every other span is the editor's, whatever the request says;
 * automatic spans it drops are returned for the record, and need a reason.
 */
export function reconcileRedactions(current: readonly PublicationRedaction[], proposed: readonly PublicationRedaction[], reason: string | null): { verdict: Verdict; redactions: PublicationRedaction[]; removedAuto: PublicationRedaction[] } {
  const same = (a: PublicationRedaction, b: PublicationRedaction) => a.start === b.start && a.end === b.end && a.kind === b.kind;
  const redactions = proposed.map((s) => current.find((c) => same(c, s)) ?? { ...s, by: 'editor' as const }).sort((a, b) => a.start - b.start);
  const removedAuto = current.filter((c) => c.by === 'auto' && !redactions.some((s) => same(s, c))).map((c) => ({ ...c, reason: reason?.trim() ?? '' }));
  if (removedAuto.length > 0 && !reason?.trim()) {
    return { verdict: { ok: false, code: 'publication-redaction-invalid', message: '撤销自动遮蔽须说明理由，审核发布人员将看到撤销的内容和理由', details: { field: 'note' } }, redactions, removedAuto };
  }
  return { verdict: ALLOWED, redactions, removedAuto };
}

/** Adds a span to a set, merging where it overlaps (the new span's kind and reason win on the merged range). */
export function addRedaction(spans: readonly PublicationRedaction[], add: PublicationRedaction): PublicationRedaction[] {
  const out: PublicationRedaction[] = [];
  let merged = { ...add };
  for (const s of spans) {
    if (s.end <= merged.start || s.start >= merged.end) out.push(s);
    else merged = { ...merged, start: Math.min(s.start, merged.start), end: Math.max(s.end, merged.end) };
  }
  out.push(merged);
  return out.sort((a, b) => a.start - b.start);
}

/** The mask of a redacted span, as the redaction library writes it (REDACTION_MASK in ./redaction.ts). */
export const MASK = '＊＊＊';

/** Replaces each span of a text with the mask (a fixed mask: the length of what was removed is not shown). */
export function maskSpans(text: string, spans: readonly Pick<PublicationRedaction, 'start' | 'end'>[]): string {
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + MASK;
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * Masks in a field every string the source text's redactions cover (a name or number masked in the
 * 决定书 is masked wherever a field repeats it), plus the field's own automatic findings.
 */
export function redactField(value: string, maskedStrings: readonly string[], own: readonly Pick<PublicationRedaction, 'start' | 'end'>[]): string {
  let v = maskSpans(value, own);
  for (const m of [...maskedStrings].sort((a, b) => b.length - a.length)) {
    if (m.trim().length === 0) continue;
    v = v.split(m).join(MASK);
  }
  return v;
}

/** The strings the redactions cover in the source text. */
export function maskedStrings(text: string, spans: readonly PublicationRedaction[]): string[] {
  return [...new Set(spans.map((s) => text.slice(s.start, s.end)).filter((x) => x.trim().length > 0))];
}

/** The public party: organisations with credit code and representative, natural persons by name only. */
export function publicParty(p: PublishedParty): PublishedParty {
  return p.kind === 'organisation' ? { kind: 'organisation', name: p.name, creditCode: p.creditCode, representative: p.representative } : { kind: 'person', name: p.name, creditCode: null, representative: null };
}

/** Party (case) → the party fields a publication keeps (ID number only for organisations, as the credit code). */
export function partyFields(p: Party): PublishedParty {
  return p.kind === 'organisation'
    ? { kind: 'organisation', name: p.name, creditCode: p.idNumber, representative: p.representative }
    : { kind: 'person', name: p.name, creditCode: null, representative: null };
}

/** A penalty (case) → the penalty fields a publication keeps, as the 决定书 states them. */
export function penaltyFields(penalty: Penalty): Pick<PublicationFields, 'penaltyKinds' | 'penaltyContent' | 'fineFen' | 'confiscatedGainsFen' | 'confiscatedPropertyFen' | 'licenceSuspended' | 'licenceRevoked'> {
  return {
    penaltyKinds: [...penalty.kinds],
    penaltyContent: penaltyText(penalty),
    fineFen: penalty.fineFen,
    confiscatedGainsFen: penalty.confiscatedGainsFen,
    confiscatedPropertyFen: penalty.confiscatedPropertyFen,
    licenceSuspended: penalty.kinds.includes('suspend-licence'),
    licenceRevoked: penalty.kinds.includes('revoke-licence'),
  };
}

/** The normalised text the portal's substring checks read (`publications.search_text`): as the index sees it. */
export function portalSearchText(d: Pick<PublishedDecision, 'number' | 'agencyName' | 'party' | 'cause' | 'text'>): string {
  return [d.number, d.agencyName, d.party.name, d.cause, d.text].join('\n').normalize('NFKC').toLowerCase();
}

/**
 * The public object of a version: fields and text with the redactions applied. `redactText`
 * applies the redaction library's masks to the source text; fields repeat the masked strings.
 */
export function publicObject(
  r: Pick<PublicationRecord, 'id' | 'kind' | 'agencyId' | 'agencyName' | 'sourceText' | 'fields' | 'redactions'>,
  v: { publishedOn: string; publicUntil: string; version: number; corrections: PublishedDecision['corrections'] },
  fieldFindings: (value: string) => Pick<PublicationRedaction, 'start' | 'end'>[],
  redactText: (text: string, spans: readonly PublicationRedaction[]) => string,
): PublishedDecision {
  const masked = maskedStrings(r.sourceText, r.redactions);
  const red = (s: string) => redactField(s, masked, fieldFindings(s));
  const f = r.fields;
  const party = publicParty(f.party);
  return {
    id: r.id,
    kind: r.kind,
    number: f.number,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    party: { ...party, representative: party.representative },
    cause: red(f.cause),
    facts: red(f.facts),
    basis: red(f.basis),
    penaltyKinds: [...f.penaltyKinds],
    penaltyContent: red(f.penaltyContent),
    fineFen: f.fineFen,
    confiscatedGainsFen: f.confiscatedGainsFen,
    confiscatedPropertyFen: f.confiscatedPropertyFen,
    licenceSuspended: f.licenceSuspended,
    licenceRevoked: f.licenceRevoked,
    decidedOn: f.decidedOn,
    publishedOn: v.publishedOn,
    publicUntil: v.publicUntil,
    text: redactText(r.sourceText, r.redactions),
    version: v.version,
    corrections: v.corrections.map((c) => ({ version: c.version, on: c.on, reason: c.reason })),
  };
}

/** Timeliness against today: publish by the due date (118号 item 六), withdraw within 3 WD (Art 48②). */
export function timelinessOf(r: Pick<PublicationRecord, 'status' | 'publishDueOn' | 'publishedOn' | 'withdrawalRequired' | 'withdrawal'>, today: string): { timeliness: PublicationTimeliness; overdue: boolean } {
  if (r.withdrawalRequired && !r.withdrawal) {
    return today > r.withdrawalRequired.dueOn ? { timeliness: 'withdrawal-overdue', overdue: true } : { timeliness: 'withdrawal-due', overdue: false };
  }
  if (r.publishedOn === null && (r.status === 'draft' || r.status === 'in-review')) {
    if (today > r.publishDueOn) return { timeliness: 'overdue', overdue: true };
    // Due soon: the last two days before the deadline (calendar days — a hint, not a rule).
    return dayjs(r.publishDueOn).diff(dayjs(today), 'day') <= 2 ? { timeliness: 'due-soon', overdue: false } : { timeliness: 'on-time', overdue: false };
  }
  if (r.publishedOn !== null && r.publishedOn > r.publishDueOn) return { timeliness: 'late', overdue: false };
  return { timeliness: 'on-time', overdue: false };
}

/** The actions open now (status only; the service intersects with access and the drafter rule). */
export function openActions(r: Pick<PublicationRecord, 'status' | 'current' | 'withdrawalRequired'>): PublicationAction[] {
  return (Object.keys(PUBLICATION_TRANSITIONS) as PublicationAction[]).filter((a) => mayDoPublication(a, r).ok);
}

// ---------------------------------------------------------------------------------------------
// Events → record (the projector's fold; data only from the event and the previous record).

export const PUBLICATION_EVENT_TYPES = [
  'publication.drafted',
  'publication.edited',
  'publication.submitted',
  'publication.returned',
  'publication.published',
  'publication.correction-started',
  'publication.corrected',
  'publication.withdrawal-required',
  'publication.withdrawn',
  'publication.expired',
] as const;
export type PublicationEventType = (typeof PUBLICATION_EVENT_TYPES)[number];

export interface PublicationEventData {
  'publication.drafted': {
    id: string;
    agencyId: string;
    agencyName: string;
    caseId: string | null;
    kind: PublicationRecord['kind'];
    documentId: string | null;
    sourceText: string;
    fields: PublicationFields;
    redactions: PublicationRedaction[];
    publishDueOn: string;
    draftedOn: string;
    draftedBy: { id: string; name: string };
  };
  'publication.edited': { id: string; on: string; by: { id: string; name: string }; fields: PublicationFields; redactions: PublicationRedaction[]; note: string | null; removedAuto?: PublicationRedaction[] };
  'publication.submitted': { id: string; on: string; by: { id: string; name: string } };
  'publication.returned': { id: string; on: string; by: { id: string; name: string }; reason: string };
  'publication.published': PublishedDecision;
  'publication.correction-started': { id: string; on: string; by: { id: string; name: string }; reason: string };
  'publication.corrected': PublishedDecision;
  'publication.withdrawal-required': { id: string; on: string; by: { id: string; name: string }; reason: string; dueOn: string };
  'publication.withdrawn': WithdrawalNotice;
  'publication.expired': { id: string; on: string };
}

export interface FoldContext {
  type: string;
  actor: string;
  at: string;
  /** The actor's display name (the projector looks it up in users). */
  actorName: string;
}

/** Folds one event into the record. */
export function applyPublicationEvent(prev: PublicationRecord | null, e: FoldContext & { data: Record<string, unknown> }): PublicationRecord {
  const type = e.type as PublicationEventType;
  if (type === 'publication.drafted') {
    const d = e.data as unknown as PublicationEventData['publication.drafted'] & { redactionFacts?: unknown };
    const record: PublicationRecord = {
      id: d.id,
      agencyId: d.agencyId,
      agencyName: d.agencyName,
      caseId: d.caseId,
      kind: d.kind,
      status: 'draft',
      documentId: d.documentId,
      sourceText: d.sourceText,
      fields: d.fields,
      redactions: d.redactions,
      publishDueOn: d.publishDueOn,
      draftedOn: d.draftedOn,
      draftedBy: d.draftedBy,
      editors: [],
      submittedBy: null,
      submittedOn: null,
      returned: null,
      approvedBy: null,
      publishedOn: null,
      publicUntil: null,
      current: null,
      correction: null,
      withdrawalRequired: null,
      withdrawal: null,
      expiredOn: null,
      version: 1,
      createdAt: e.at,
      updatedAt: e.at,
    };
    // The facts the automatic redactions used (the case's parties, other persons) stay with the
    // record for redacting edited fields; the console never receives them.
    return d.redactionFacts ? ({ ...record, redactionFacts: d.redactionFacts } as PublicationRecord) : record;
  }
  if (!prev) throw new Error(`${e.type}: no publication`);
  const r: PublicationRecord = { ...prev, version: prev.version + 1, updatedAt: e.at };
  switch (type) {
    case 'publication.edited': {
      const d = e.data as unknown as PublicationEventData['publication.edited'];
      const removedAuto = d.removedAuto?.length ? [...(r.removedAuto ?? []), ...d.removedAuto] : r.removedAuto;
      return { ...r, fields: d.fields, redactions: d.redactions, ...(removedAuto ? { removedAuto } : {}), editors: r.editors.includes(d.by.id) ? r.editors : [...r.editors, d.by.id] };
    }
    case 'publication.submitted': {
      const d = e.data as unknown as PublicationEventData['publication.submitted'];
      return { ...r, status: 'in-review', submittedBy: d.by, submittedOn: d.on };
    }
    case 'publication.returned': {
      const d = e.data as unknown as PublicationEventData['publication.returned'];
      return { ...r, status: 'draft', returned: { on: d.on, by: d.by.name, reason: d.reason } };
    }
    case 'publication.published':
    case 'publication.corrected': {
      const d = e.data as unknown as PublishedDecision;
      return {
        ...r,
        status: 'published',
        approvedBy: { id: e.actor, name: e.actorName },
        publishedOn: r.publishedOn ?? d.publishedOn,
        publicUntil: d.publicUntil,
        current: d,
        correction: null,
        editors: [],
        submittedBy: null,
        submittedOn: null,
        returned: null,
      };
    }
    case 'publication.correction-started': {
      const d = e.data as unknown as PublicationEventData['publication.correction-started'];
      return { ...r, status: 'draft', correction: { reason: d.reason }, editors: [d.by.id] };
    }
    case 'publication.withdrawal-required': {
      const d = e.data as unknown as PublicationEventData['publication.withdrawal-required'];
      return { ...r, withdrawalRequired: { on: d.on, reason: d.reason, dueOn: d.dueOn } };
    }
    case 'publication.withdrawn': {
      const d = e.data as unknown as WithdrawalNotice;
      return { ...r, status: 'withdrawn', withdrawal: d, correction: null };
    }
    case 'publication.expired': {
      const d = e.data as unknown as PublicationEventData['publication.expired'];
      return { ...r, status: 'expired', expiredOn: d.on };
    }
    default:
      throw new Error(`unknown publication event ${e.type}`);
  }
}
