/**
 * 事后公开 — publishing enforcement decisions (《行政处罚法》第四十八条; 118号 item 六; rules.md D).
 * A draft is made automatically in the transaction of the decision (`draftFromDecision`, called by
 * the cases module), with automatic redactions (./redaction.ts); editors edit and redact, submit;
 * another editor approves and publishes; corrections publish a new version; withdrawal within 3
 * working days of a change to the decision. One transaction per step: lock the row, access,
 * If-Match, the rule, one `publication.*` event (subject: the publication), the feed outbox.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import { checkVersion } from '../../kernel/concurrency.ts';
import { chinaDate } from '../../kernel/dates.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { ALLOWED, throwIf, type Verdict } from '../../kernel/refusal.ts';
import type { Db, Tx } from '../../store/db.ts';
import { REMEDY_OUTCOME_LABELS, REMEDY_OUTCOMES_ENDING_PUBLICATION, type CaseRecord, type Party, type RemedyOutcome } from '../../shared/cases.ts';
import {
  DEFAULT_PUBLICATION_SETTINGS,
  type PublicationAction,
  type PublicationFields,
  type PublicationListFilter,
  type PublicationListItem,
  type PublicationRecord,
  type PublicationRedaction,
  type PublicationSettings,
  type PublicationView,
  type PublishedDecision,
  type PublishedVersionRef,
  type WithdrawalNotice,
} from '../../shared/publications.ts';
import { allows, type Principal } from '../identity/access.policy.ts';
import { agenciesVisible, ancestorsOf, requireAccess } from '../identity/access.service.ts';
import { caseDayCounter } from '../cases/cases.links.ts';
import { documentSource } from '../documents/documents.service.ts';
import { specText } from '../documents/document.spec.ts';
import { applyRedactions, findRedactions, type RedactionFacts } from './redaction.ts';
import { enqueueFeed } from './feed.service.ts';
import {
  addRedaction,
  checkRedactions,
  keepsDecisionFields,
  reconcileRedactions,
  mayApprove,
  mayDoPublication,
  openActions,
  partyFields,
  penaltyFields,
  PUBLICATION_TRANSITIONS,
  publicationPeriodEnd,
  publicObject,
  publishDueDate,
  shouldPublish,
  timelinessOf,
  withdrawalDueDate,
  type PublicationEventData,
} from './publications.rules.ts';


/** The record as kept (with the redaction facts the drafted event carried: never sent to the console). */
type Stored = PublicationRecord & { redactionFacts?: RedactionFacts };

// ---- settings -------------------------------------------------------------------------------

export interface PublicationSettingsView {
  agencyId: string;
  settings: PublicationSettings;
  /** 0: the defaults, never set. */
  version: number;
}

export async function loadPublicationSettings(db: Db | Tx, agencyId: string): Promise<PublicationSettingsView> {
  const row = await db.selectFrom('publication_settings').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
  return row
    ? { agencyId, settings: { ...DEFAULT_PUBLICATION_SETTINGS, ...(JSON.parse(row.settings) as PublicationSettings) }, version: Number(row.version) }
    : { agencyId, settings: DEFAULT_PUBLICATION_SETTINGS, version: 0 };
}

export async function getPublicationSettings(ctx: Ctx, p: Principal, agencyId: string): Promise<PublicationSettingsView> {
  await requireAccess(ctx.db, p, 'publicity.read', agencyId);
  return loadPublicationSettings(ctx.db, agencyId);
}

/** The agency's publication policy (periods, 当场处罚, warnings): an event with its reason. */
export async function setPublicationSettings(ctx: Ctx, p: Principal, agencyId: string, expectedVersion: number | undefined, settings: PublicationSettings, reason: string): Promise<PublicationSettingsView> {
  await ctx.db.transaction().execute(async (trx) => {
    await requireAccess(trx, p, 'publicity.approve', agencyId);
    const current = await loadPublicationSettings(trx, agencyId);
    checkVersion(expectedVersion, current, current);
    await ctx.ledger.append(trx, { log: agencyId, actor: p.id, type: 'publication-settings.set', subject: agencyId, data: { agencyId, before: current.settings, settings: { ...settings }, reason } });
  });
  return loadPublicationSettings(ctx.db, agencyId);
}

// ---- the draft from a decision --------------------------------------------------------------

/** 被询问人 as recorded ("张三（收银员）", "李四，男，32岁") → the name. */
export function personName(s: string): string | null {
  const m = /^\s*([\u4e00-\u9fff·]{2,5})/u.exec(s);
  return m ? m[1]! : null;
}

/** Names of natural persons in the case other than the party: questioned persons, a person-party's representative. */
async function otherPersonsOf(trx: Tx, r: CaseRecord): Promise<string[]> {
  const rows = await trx.selectFrom('events').select(['data']).where('subject', '=', r.id).where('type', 'in', ['case.record-questioning', 'case.record-inspection']).execute();
  const names = new Set<string>();
  for (const row of rows) {
    const d = JSON.parse(row.data) as { person?: string };
    const n = d.person ? personName(d.person) : null;
    if (n) names.add(n);
  }
  for (const party of r.parties) if (party.kind === 'person' && party.representative) names.add(party.representative);
  const own = new Set(r.parties.map((x) => x.name));
  // An organisation's legal representative is published; a person party's own name too.
  for (const party of r.parties) if (party.kind === 'organisation' && party.representative) own.add(party.representative);
  return [...names].filter((n) => !own.has(n));
}

/**
 * The hook of the decision (case act `decide`, and `decide-on-the-spot` where the policy says so):
 * in the decision's own transaction, makes the publication draft from the issued 决定书 with the
 * automatic redactions, unless the case is never published (minors, secrets, policy). Returns the
 * draft's id, or null.
 */
export async function draftFromDecision(ctx: Ctx, trx: Tx, p: Principal, caseId: string): Promise<string | null> {
  const row = await trx.selectFrom('cases').select('record').where('id', '=', caseId).executeTakeFirst();
  if (!row) throw notFound('案件', caseId);
  const r = JSON.parse(row.record) as CaseRecord;
  const d = r.decision;
  if (!d) return null;
  const { settings } = await loadPublicationSettings(trx, r.agencyId);
  const verdict = shouldPublish({ procedure: r.procedure, parties: r.parties, secret: r.secret === true, decisionKind: d.kind, penaltyKinds: d.penalty?.kinds ?? [] }, settings);
  if (!verdict.publish) return null;
  const existing = await trx.selectFrom('publications').select('id').where('case_id', '=', caseId).executeTakeFirst();
  if (existing) return existing.id;
  const agency = await trx.selectFrom('agencies').select(['name']).where('id', '=', r.agencyId).executeTakeFirstOrThrow();
  const sourceText = d.documentId ? specText((await documentSource(trx, d.documentId)).spec) : '';
  const facts: RedactionFacts = { parties: r.parties, otherPersons: await otherPersonsOf(trx, r) };
  const penalty = d.penalty!;
  const party: Party = r.parties[0]!;
  const fields: PublicationFields = {
    number: d.number ?? '',
    party: partyFields(party),
    cause: r.cause,
    facts: r.notice?.facts ?? r.investigation?.findings ?? r.summary,
    basis: d.basis,
    ...penaltyFields(penalty),
    decidedOn: d.on,
  };
  const add = await caseDayCounter(trx);
  const id = newId();
  const data: PublicationEventData['publication.drafted'] & { redactionFacts: RedactionFacts } = {
    id,
    agencyId: r.agencyId,
    agencyName: agency.name,
    caseId: r.id,
    kind: 'penalty',
    documentId: d.documentId,
    sourceText,
    fields,
    redactions: findRedactions(sourceText, facts),
    publishDueOn: publishDueDate(d.on, add),
    draftedOn: chinaDate(ctx.clock),
    draftedBy: { id: p.id, name: p.displayName },
    redactionFacts: facts,
  };
  await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type: 'publication.drafted', subject: id, data: JSON.parse(JSON.stringify(data)) });
  return id;
}

// ---- loading --------------------------------------------------------------------------------

async function loadStored(db: Db | Tx, id: string): Promise<Stored> {
  const row = await db.selectFrom('publications').select('record').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('公示事项', id);
  const r = JSON.parse(row.record) as Stored;
  return r;
}

async function lockPublication(ctx: Ctx, trx: Tx, id: string): Promise<Stored> {
  if (ctx.engine === 'postgres') await sql`select id from publications where id = ${id} for update`.execute(trx);
  return loadStored(trx, id);
}

/** The facts the automatic redactions of fields use (stored with the draft). */
const factsOf = (r: Stored): RedactionFacts => r.redactionFacts ?? { parties: [], otherPersons: [] };

/** The public object the record would publish now. */
function previewOf(r: Stored, publishedOn: string, publicUntil: string, version: number, corrections: PublishedDecision['corrections']): PublishedDecision {
  const facts = factsOf(r);
  return publicObject(r, { publishedOn, publicUntil, version, corrections }, (s) => findRedactions(s, facts), applyRedactions);
}

/** The console's record: without the redaction facts (party ID numbers, phones …). */
function consoleRecord(r: Stored): PublicationRecord {
  const { redactionFacts: _omit, ...rest } = r;
  return rest;
}

async function versionsOf(db: Db | Tx, id: string): Promise<PublishedVersionRef[]> {
  const rows = await db.selectFrom('publication_versions').select(['version', 'published_on', 'reason', 'log', 'seq', 'type']).where('publication_id', '=', id).orderBy('version').execute();
  return rows.map((v) => ({ version: Number(v.version), publishedOn: v.published_on, reason: v.reason, log: v.log, seq: Number(v.seq), type: v.type as PublishedVersionRef['type'] }));
}

async function allowedFor(db: Db | Tx, p: Principal, r: Stored): Promise<PublicationAction[]> {
  const anc = await ancestorsOf(db, r.agencyId);
  const edit = allows(p, 'publicity.edit', r.agencyId, anc);
  const approve = allows(p, 'publicity.approve', r.agencyId, anc);
  return openActions(r).filter((a) => {
    const who = PUBLICATION_TRANSITIONS[a].who;
    if (who === 'edit' ? !edit : !approve) return false;
    if (a === 'approve') return mayApprove(r, p.id).ok;
    return true;
  });
}

export async function getPublication(ctx: Ctx, p: Principal, id: string): Promise<PublicationView> {
  const r = await loadStored(ctx.db, id);
  await requireAccess(ctx.db, p, 'publicity.read', r.agencyId);
  const today = chinaDate(ctx.clock);
  const { settings } = await loadPublicationSettings(ctx.db, r.agencyId);
  const nextVersion = r.current ? r.current.version + (r.correction ? 1 : 0) : 1;
  const corrections = r.current ? [...r.current.corrections, ...(r.correction ? [{ version: nextVersion, on: today, reason: r.correction.reason }] : [])] : [];
  const publishedOn = r.current && !r.correction ? r.current.publishedOn : today;
  const preview = r.current && !r.correction && r.status !== 'draft' && r.status !== 'in-review' ? r.current : previewOf(r, publishedOn, publicationPeriodEnd(publishedOn, r.fields, settings), nextVersion, corrections);
  const t = timelinessOf(r, today);
  return { publication: consoleRecord(r), preview, versions: await versionsOf(ctx.db, id), overdue: t.overdue, timeliness: t.timeliness, allowed: await allowedFor(ctx.db, p, r) };
}

// ---- the list -------------------------------------------------------------------------------

export interface PublicationQuery {
  filter?: PublicationListFilter;
  agencyId?: string;
  limit?: number;
}

export async function listPublications(ctx: Ctx, p: Principal, q: PublicationQuery): Promise<PublicationListItem[]> {
  const visible = await agenciesVisible(ctx.db, p, 'publicity.read');
  if (visible !== 'all' && visible.size === 0) return [];
  if (q.agencyId && visible !== 'all' && !visible.has(q.agencyId)) return [];
  const today = chinaDate(ctx.clock);
  let query = ctx.db
    .selectFrom('publications as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.record', 'a.name as agency_name', 'p.updated_at'])
    .orderBy('p.publish_due_on', 'asc')
    .orderBy('p.id')
    .limit(Math.min(q.limit ?? 200, 500));
  if (q.agencyId) query = query.where('p.agency_id', '=', q.agencyId);
  else if (visible !== 'all') query = query.where('p.agency_id', 'in', [...visible]);
  const f = q.filter ?? 'all';
  if (f === 'draft' || f === 'in-review' || f === 'published' || f === 'withdrawn') query = query.where('p.status', '=', f);
  if (f === 'overdue') {
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('p.status', 'in', ['draft', 'in-review']), eb('p.published_on', 'is', null), eb('p.publish_due_on', '<', today)]),
        eb.and([eb('p.withdraw_due_on', 'is not', null), eb('p.withdraw_due_on', '<', today)]),
      ]),
    );
  }
  const rows = await query.execute();
  return rows.map((row) => {
    const r = JSON.parse(row.record) as Stored;
    const t = timelinessOf(r, today);
    return {
      id: r.id,
      agencyId: r.agencyId,
      agencyName: row.agency_name,
      caseId: r.caseId,
      kind: r.kind,
      status: r.status,
      number: r.fields.number,
      partyName: r.fields.party.name,
      cause: r.fields.cause,
      decidedOn: r.fields.decidedOn,
      publishDueOn: r.publishDueOn,
      publishedOn: r.publishedOn,
      withdrawDueOn: r.withdrawalRequired && !r.withdrawal ? r.withdrawalRequired.dueOn : null,
      overdue: t.overdue,
      timeliness: t.timeliness,
      pendingCorrection: r.correction !== null,
      publicVersion: r.current?.version ?? null,
      updatedAt: r.updatedAt,
    };
  });
}

// ---- steps ----------------------------------------------------------------------------------

type StepFn = (trx: Tx, r: Stored, today: string) => Promise<void>;

/** One step: lock, access, If-Match, the status rule, then `body` appends. */
async function step(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, action: PublicationAction, body: StepFn): Promise<PublicationView> {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockPublication(ctx, trx, id);
    await requireAccess(trx, p, PUBLICATION_TRANSITIONS[action].who === 'edit' ? 'publicity.edit' : 'publicity.approve', r.agencyId);
    checkVersion(expectedVersion, r, { status: r.status, version: r.version });
    throwIf(mayDoPublication(action, r));
    await body(trx, r, chinaDate(ctx.clock));
  });
  return getPublication(ctx, p, id);
}

const by = (p: Principal) => ({ id: p.id, name: p.displayName });

export interface EditInput {
  fields?: Partial<Omit<PublicationFields, 'party'>> & { party?: Partial<PublicationFields['party']> };
  redactions?: PublicationRedaction[];
  note?: string | null;
}

/** Edits the draft's fields and/or its redaction list (auto ones may be removed with care; each kept or added needs a reason). */
export async function editPublication(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, input: EditInput): Promise<PublicationView> {
  return step(ctx, p, id, expectedVersion, 'edit', async (trx, r, today) => {
    const fields: PublicationFields = { ...r.fields, ...input.fields, party: { ...r.fields.party, ...input.fields?.party } } as PublicationFields;
    throwIf(keepsDecisionFields(r.fields, fields), 400);
    const { verdict, redactions, removedAuto } = input.redactions ? reconcileRedactions(r.redactions, input.redactions, input.note ?? null) : { verdict: ALLOWED, redactions: r.redactions, removedAuto: [] };
    throwIf(verdict, 400);
    throwIf(checkRedactions(r.sourceText, redactions), 400);
    const data: PublicationEventData['publication.edited'] = { id, on: today, by: by(p), fields, redactions, note: input.note ?? null, ...(removedAuto.length ? { removedAuto } : {}) };
    await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type: 'publication.edited', subject: id, data: JSON.parse(JSON.stringify(data)) });
  });
}

/** Adds a manual redaction (a span of the source text selected by the editor, with a reason). */
export async function addManualRedaction(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, input: { start: number; end: number; reason: string }): Promise<PublicationView> {
  return step(ctx, p, id, expectedVersion, 'redact', async (trx, r, today) => {
    const span: PublicationRedaction = { start: input.start, end: input.end, kind: 'manual', reason: input.reason.trim(), by: 'editor' };
    throwIf(checkRedactions(r.sourceText, [span]), 400);
    const redactions = addRedaction(r.redactions, span);
    const data: PublicationEventData['publication.edited'] = { id, on: today, by: by(p), fields: r.fields, redactions, note: `人工遮蔽：${span.reason}` };
    await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type: 'publication.edited', subject: id, data: JSON.parse(JSON.stringify(data)) });
  });
}

export async function submitPublication(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined): Promise<PublicationView> {
  return step(ctx, p, id, expectedVersion, 'submit', async (trx, r, today) => {
    if (!r.fields.number.trim()) throw new DomainError('validation-failed', '决定书文号不能为空', 400, { field: 'number' });
    const data: PublicationEventData['publication.submitted'] = { id, on: today, by: by(p) };
    await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type: 'publication.submitted', subject: id, data: { ...data } });
  });
}

export async function returnPublication(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, reason: string): Promise<PublicationView> {
  return step(ctx, p, id, expectedVersion, 'return', async (trx, r, today) => {
    const data: PublicationEventData['publication.returned'] = { id, on: today, by: by(p), reason };
    await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type: 'publication.returned', subject: id, data: { ...data } });
  });
}

/**
 * 审核发布: another editor approves; the event's data is exactly the public object (version 1:
 * `publication.published`; a correction: `publication.corrected`, version n+1 with its reason
 * in the public correction history). The feed outbox gets the same object.
 */
export async function approvePublication(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined): Promise<PublicationView> {
  return step(ctx, p, id, expectedVersion, 'approve', async (trx, r, today) => {
    throwIf(mayApprove(r, p.id), 403);
    const { settings } = await loadPublicationSettings(trx, r.agencyId);
    const version = r.current ? r.current.version + 1 : 1;
    const corrections = r.current ? [...r.current.corrections, { version, on: today, reason: r.correction?.reason ?? '更正' }] : [];
    const obj = previewOf(r, today, publicationPeriodEnd(today, r.fields, settings), version, corrections);
    const type = r.current ? 'publication.corrected' : 'publication.published';
    await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type, subject: id, data: { ...obj } });
    await enqueueFeed(ctx, trx, { agencyId: r.agencyId, kind: type, subject: id, payload: obj });
  });
}

/** 更正: reopens a published item as a draft with a visible reason; the public version stays online until the corrected one is approved. */
export async function startCorrection(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, reason: string): Promise<PublicationView> {
  return step(ctx, p, id, expectedVersion, 'correct', async (trx, r, today) => {
    const data: PublicationEventData['publication.correction-started'] = { id, on: today, by: by(p), reason };
    await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type: 'publication.correction-started', subject: id, data: { ...data } });
  });
}

/**
 * Records that the decision was changed, revoked, held illegal or void (复议/诉讼 outcome, 自行纠正):
 * the item must be withdrawn within 3 working days (Art 48②); the list tracks the due date.
 */
export async function requireWithdrawal(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, input: { on?: string; reason: string }): Promise<PublicationView> {
  return step(ctx, p, id, expectedVersion, 'require-withdrawal', async (trx, r, today) => {
    const on = input.on ?? today;
    if (on > today) throw new DomainError('validation-failed', '变更、撤销决定的日期不能晚于今天', 400, { field: 'on' });
    const add = await caseDayCounter(trx);
    const data: PublicationEventData['publication.withdrawal-required'] = { id, on, by: by(p), reason: input.reason, dueOn: withdrawalDueDate(on, add) };
    await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type: 'publication.withdrawal-required', subject: id, data: { ...data } });
  });
}

/** 撤回 with a public reason (Art 48②): the item leaves the portal's list and search; its page shows the notice. */
export async function withdrawPublication(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, reason: string): Promise<PublicationView> {
  return step(ctx, p, id, expectedVersion, 'withdraw', async (trx, r, today) => {
    const notice: WithdrawalNotice = { id, number: r.current?.number ?? r.fields.number, agencyId: r.agencyId, agencyName: r.agencyName, withdrawnOn: today, reason };
    await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type: 'publication.withdrawn', subject: id, data: { ...notice } });
    // Never published: nothing public to take back, nothing to tell the city's platform.
    if (r.current) await enqueueFeed(ctx, trx, { agencyId: r.agencyId, kind: 'publication.withdrawn', subject: id, payload: notice });
  });
}

/**
 * The hook of the case act `record-remedy`, in its transaction: when 复议 or 诉讼 ended by changing,
 * revoking, holding illegal or void the decision, its publication must be withdrawn within 3
 * working days (Art 48②) — recorded here, so the editors' list and the supervisor see it due
 * without anyone having to remember. The handler who records the outcome need not hold
 * publicity.edit: the duty follows from the case, not from a publicity decision.
 */
export async function withdrawalFromRemedy(ctx: Ctx, trx: Tx, p: Principal, caseId: string, remedy: { on: string; kind: 'reconsideration' | 'litigation'; to: string | null; outcome?: RemedyOutcome | null }): Promise<void> {
  if (!remedy.outcome || !remedy.to || !REMEDY_OUTCOMES_ENDING_PUBLICATION.includes(remedy.outcome)) return;
  const pub = await trx.selectFrom('publications').select('id').where('case_id', '=', caseId).executeTakeFirst();
  if (!pub) return;
  const r = await lockPublication(ctx, trx, pub.id);
  if (!mayDoPublication('require-withdrawal', r).ok) return;
  const add = await caseDayCounter(trx);
  const reason = `${remedy.kind === 'reconsideration' ? '行政复议' : '行政诉讼'}结果：原处罚决定${REMEDY_OUTCOME_LABELS[remedy.outcome].zh}`;
  const data: PublicationEventData['publication.withdrawal-required'] = { id: r.id, on: remedy.to, by: by(p), reason, dueOn: withdrawalDueDate(remedy.to, add) };
  await ctx.ledger.append(trx, { log: r.agencyId, actor: p.id, type: 'publication.withdrawal-required', subject: r.id, data: { ...data } });
}

/**
 * Ends publication periods that ran out (公示截止期 before today): one `publication.expired` each,
 * by the system. Called at start and by the server's timer; idempotent.
 */
export async function expireDuePublications(ctx: Ctx, limit = 500): Promise<number> {
  const today = chinaDate(ctx.clock);
  const due = await ctx.db.selectFrom('publications').select(['id', 'agency_id']).where('public_state', '=', 'public').where('public_until', '<', today).limit(limit).execute();
  let n = 0;
  for (const d of due) {
    await ctx.db.transaction().execute(async (trx) => {
      const r = await lockPublication(ctx, trx, d.id);
      if (r.status === 'withdrawn' || r.status === 'expired' || !r.publicUntil || r.publicUntil >= today) return;
      await ctx.ledger.append(trx, { log: r.agencyId, actor: 'system', type: 'publication.expired', subject: r.id, data: { id: r.id, on: today } });
      n++;
    });
  }
  return n;
}

/** The publication of a case, if any (the case page links to it). */
export async function publicationOfCase(db: Db | Tx, caseId: string): Promise<string | null> {
  return (await db.selectFrom('publications').select('id').where('case_id', '=', caseId).executeTakeFirst())?.id ?? null;
}
