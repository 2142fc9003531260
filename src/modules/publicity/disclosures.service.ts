/**
 * 事前公开 (国办发〔2018〕118号 item 四; 《行政处罚法》第三十九条) — the agency's before-enforcement
 * disclosures. Edited items go draft → in-review → published through `disclosure.*` events in the
 * agency's log (subject = the item), each in the transaction of its effect; every published
 * version stays public. The staff list, 内设机构, discretion benchmarks and review catalog are
 * derived live from their own modules, never re-typed; their public history (and the lists as on
 * a past date) are folded from those modules' events (disclosures.rules.ts).
 */
import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import { checkVersion } from '../../kernel/concurrency.ts';
import { chinaDate } from '../../kernel/dates.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Verdict } from '../../kernel/refusal.ts';
import {
  CODED_KINDS,
  disclosureCode,
  disclosureTitle,
  type DisclosureContent,
  type DisclosureDetail,
  type DisclosureDraftInput,
  type DisclosureItem,
  type DisclosureKind,
  type DisclosureStatus,
  type DisclosureVersion,
  type DisclosureVersionDetail,
  type DerivedList,
  type DraftState,
  type ListEntryOf,
  type ListHistoryPage,
  type NewDisclosure,
  type Person,
  type PublicAgencyProfile,
  type PublicBenchmark,
  type PublicCatalogRule,
  type PublicDisclosure,
  type PublicDisclosureChange,
  type PublicDisclosureHistory,
  type PublicStaffMember,
} from '../../shared/disclosures.ts';
import type { Db, Engine, Tx } from '../../store/db.ts';
import { derivedListEventsPredicate } from '../../store/migrations/0020_events_of_derived_lists.ts';
import type { Principal } from '../identity/access.policy.ts';
import { agenciesVisible, requireAccess } from '../identity/access.service.ts';
import { loadBenchmark } from '../cases/benchmarks.service.ts';
import { describeRule } from '../review/catalog.rules.ts';
import { catalogInForce } from '../review/catalog.service.ts';
import {
  AGENCY_EVENT_TYPES,
  benchmarkChanges,
  benchmarksAsOf,
  catalogAsOf,
  catalogChanges,
  contentProblems,
  endOfChinaDay,
  LIST_EVENT_TYPES,
  mayDiscard,
  mayDraft,
  mayDraftRemoval,
  mayPublish,
  mayReturn,
  maySubmit,
  normaliseContent,
  profileAsOf,
  profileChanges,
  publicBenchmark,
  sameContent,
  sortStaff,
  staffAsOf,
  staffChanges,
  staffMember,
  UnitNames,
  type FoldedChange,
  type ListEvent,
  type OfficerState,
  type WorkflowState,
} from './disclosures.rules.ts';
import type { DisclosureCreated, DisclosureDiscarded, DisclosureDrafted, DisclosurePublished, DisclosureReturned, DisclosureSubmitted } from './disclosures.projections.ts';
import type { DisclosuresTable, DisclosureVersionsTable } from './disclosures.tables.ts';

const NOTE_MAX = 500;

// ---- reading (console) --------------------------------------------------------------------------

export interface DisclosureFilter {
  agencyId?: string;
  kind?: DisclosureKind;
  /** pending: a draft or a submission waits; review: a submission waits for a reviewer. */
  pending?: 'any' | 'review';
  /** Include discarded items (never published, draft thrown away). */
  all?: boolean;
}

export async function listDisclosures(ctx: Ctx, p: Principal, filter: DisclosureFilter = {}): Promise<DisclosureItem[]> {
  const visible = await agenciesVisible(ctx.db, p, 'publicity.read');
  let q = ctx.db.selectFrom('disclosures').selectAll().orderBy('agency_id').orderBy('kind').orderBy('added_seq');
  if (filter.agencyId) {
    if (visible !== 'all' && !visible.has(filter.agencyId)) return [];
    q = q.where('agency_id', '=', filter.agencyId);
  } else if (visible !== 'all') {
    if (visible.size === 0) return [];
    q = q.where('agency_id', 'in', [...visible]);
  }
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.pending === 'any') q = q.where('draft_state', 'is not', null);
  if (filter.pending === 'review') q = q.where('draft_state', '=', 'in-review');
  if (!filter.all) q = q.where('status', '!=', 'discarded');
  return sortItems((await q.execute()).map(toItem));
}

export async function getDisclosure(ctx: Ctx, p: Principal, id: string): Promise<DisclosureDetail> {
  const d = await loadDisclosure(ctx.db, id);
  await requireAccess(ctx.db, p, 'publicity.read', d.agencyId);
  return d;
}

/** The item as stored, with its draft and every version, and no access check. */
export async function loadDisclosure(db: Db | Tx, id: string): Promise<DisclosureDetail> {
  const row = await loadRow(db, id);
  const versions = await db.selectFrom('disclosure_versions').selectAll().where('item_id', '=', id).orderBy('version').execute();
  const ids = new Set<string>([...(JSON.parse(row.draft_authors) as string[]), ...versions.flatMap((v) => [v.published_by, ...(JSON.parse(v.drafted_by) as string[])])]);
  const names = await namesOf(db, [...ids]);
  const person = (id: string): Person => ({ id, name: names.get(id) ?? id });
  const current = versions.find((v) => v.version === Number(row.published_version));
  return {
    ...toItem(row),
    published: current && current.content !== null && row.status === 'published' ? (JSON.parse(current.content) as DisclosureContent) : null,
    draft: row.draft_state
      ? {
          state: row.draft_state as DraftState,
          content: row.draft_content === null ? null : (JSON.parse(row.draft_content) as DisclosureContent),
          removal: Number(row.draft_removal) === 1,
          note: row.draft_note,
          revision: Number(row.draft_revision),
          authors: (JSON.parse(row.draft_authors) as string[]).map(person),
          returnReason: row.return_reason,
          updatedAt: row.draft_updated_at ?? row.updated_at,
        }
      : null,
    versions: versions.map((v): DisclosureVersionDetail => ({ ...toVersion(v), draftedBy: (JSON.parse(v.drafted_by) as string[]).map(person), publishedBy: person(v.published_by) })),
  };
}

// ---- writing ---------------------------------------------------------------------------------------

/** A new item of the agency, as a draft (publicity.edit). */
export async function createDisclosure(ctx: Ctx, p: Principal | null, input: NewDisclosure): Promise<DisclosureDetail> {
  const id = newId();
  await ctx.db.transaction().execute((trx) => createDisclosureIn(ctx, trx, p, id, input));
  return loadDisclosure(ctx.db, id);
}

export async function createDisclosureIn(ctx: Ctx, trx: Tx, p: Principal | null, id: string, input: NewDisclosure): Promise<void> {
  if (p) await requireAccess(trx, p, 'publicity.edit', input.agencyId);
  const agency = await trx.selectFrom('agencies').select('id').where('id', '=', input.agencyId).executeTakeFirst();
  if (!agency) throw new DomainError('not-found', `机构不存在：${input.agencyId}`, 404, { field: 'agencyId' });
  const content = validContent(input.kind, input.content);
  const code = disclosureCode(input.kind, content);
  if (code !== null) {
    const taken = await trx.selectFrom('disclosures').select('id').where('agency_id', '=', input.agencyId).where('kind', '=', input.kind).where('code', '=', code).executeTakeFirst();
    if (taken) {
      throw new DomainError('disclosure-code-taken', input.kind === 'profile' ? '本机构已有机关简介，请修改现有的一份' : `本机构已有编码为“${code}”的事项`, 409, { field: 'content.code', id: taken.id });
    }
  }
  const data: DisclosureCreated = { id, agencyId: input.agencyId, kind: input.kind, code, title: disclosureTitle(input.kind, content), content, note: note(input.note) };
  await ctx.ledger.append(trx, { log: input.agencyId, actor: p?.id ?? 'system', type: 'disclosure.created', subject: id, data: { ...data } });
}

/** Writes (or rewrites) the pending draft of an item with new content (publicity.edit, If-Match). */
export async function draftDisclosure(ctx: Ctx, p: Principal | null, id: string, expectedVersion: number | undefined, input: DisclosureDraftInput): Promise<DisclosureDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await begin(ctx, trx, p, id, expectedVersion, 'publicity.edit');
    await draftDisclosureIn(ctx, trx, p, current, input);
  });
  return loadDisclosure(ctx.db, id);
}

export async function draftDisclosureIn(ctx: Ctx, trx: Tx, p: Principal | null, current: DisclosuresTable, input: DisclosureDraftInput): Promise<void> {
  const kind = current.kind as DisclosureKind;
  orThrow(mayDraft(state(current)));
  const content = validContent(kind, input.content);
  const code = disclosureCode(kind, content);
  if (CODED_KINDS.includes(kind) && code !== current.code) {
    throw new DomainError('disclosure-invalid', `事项编码不能修改（现为“${current.code}”）；如需改变编码，请撤下本事项后新建`, 400, { fields: [{ field: 'code', message: '事项编码不能修改' }] });
  }
  if (current.status === 'published' && sameContent(content, await publishedContent(trx, current))) {
    throw new DomainError('disclosure-unchanged', '草稿与现行公开内容相同，无需修改', 400, {});
  }
  const data: DisclosureDrafted = { id: current.id, revision: Number(current.draft_revision) + 1, title: disclosureTitle(kind, content), content, removal: false, note: note(input.note) };
  await ctx.ledger.append(trx, { log: current.agency_id, actor: p?.id ?? 'system', type: 'disclosure.drafted', subject: current.id, data: { ...data } });
}

/** Drafts taking a published item down (撤下), with the reason the public will read (publicity.edit, If-Match). */
export async function draftRemoval(ctx: Ctx, p: Principal | null, id: string, expectedVersion: number | undefined, input: { note: string }): Promise<DisclosureDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await begin(ctx, trx, p, id, expectedVersion, 'publicity.edit');
    orThrow(mayDraftRemoval(state(current)));
    const reason = note(input.note);
    if (!reason) throw new DomainError('reason-required', '撤下公开事项须写明原因（公众可见）', 400, { field: 'note' });
    const data: DisclosureDrafted = { id, revision: Number(current.draft_revision) + 1, title: null, content: null, removal: true, note: reason };
    await ctx.ledger.append(trx, { log: current.agency_id, actor: p?.id ?? 'system', type: 'disclosure.drafted', subject: id, data: { ...data } });
  });
  return loadDisclosure(ctx.db, id);
}

/** 送审: the draft goes to review (publicity.edit, If-Match). */
export async function submitDisclosure(ctx: Ctx, p: Principal | null, id: string, expectedVersion: number | undefined): Promise<DisclosureDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await begin(ctx, trx, p, id, expectedVersion, 'publicity.edit');
    await submitDisclosureIn(ctx, trx, p, current);
  });
  return loadDisclosure(ctx.db, id);
}

export async function submitDisclosureIn(ctx: Ctx, trx: Tx, p: Principal | null, current: DisclosuresTable): Promise<void> {
  orThrow(maySubmit(state(current)));
  const data: DisclosureSubmitted = { id: current.id, revision: Number(current.draft_revision) };
  await ctx.ledger.append(trx, { log: current.agency_id, actor: p?.id ?? 'system', type: 'disclosure.submitted', subject: current.id, data: { ...data } });
}

/** 退回: the reviewer sends the draft back with the reason (publicity.approve, If-Match). */
export async function returnDisclosure(ctx: Ctx, p: Principal | null, id: string, expectedVersion: number | undefined, input: { reason: string }): Promise<DisclosureDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await begin(ctx, trx, p, id, expectedVersion, 'publicity.approve');
    orThrow(mayReturn(state(current)));
    const reason = note(input.reason);
    if (!reason) throw new DomainError('reason-required', '退回须写明原因', 400, { field: 'reason' });
    const data: DisclosureReturned = { id, revision: Number(current.draft_revision), reason };
    await ctx.ledger.append(trx, { log: current.agency_id, actor: p?.id ?? 'system', type: 'disclosure.returned', subject: id, data: { ...data } });
  });
  return loadDisclosure(ctx.db, id);
}

/**
 * 审核发布 (publicity.approve, If-Match): the draft in review becomes the next public version;
 * nobody who wrote or submitted it may do this.
 */
export async function publishDisclosure(ctx: Ctx, p: Principal | null, id: string, expectedVersion: number | undefined): Promise<DisclosureDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await begin(ctx, trx, p, id, expectedVersion, 'publicity.approve');
    await publishDisclosureIn(ctx, trx, p, current);
  });
  return loadDisclosure(ctx.db, id);
}

export async function publishDisclosureIn(ctx: Ctx, trx: Tx, p: Principal | null, current: DisclosuresTable): Promise<void> {
  const s = state(current);
  // The system (a first load of the seed) records what the agency already published.
  orThrow(mayPublish(s, p?.id ?? '\u0000system'));
  const kind = current.kind as DisclosureKind;
  const removal = Number(current.draft_removal) === 1;
  const content = removal || current.draft_content === null ? null : (JSON.parse(current.draft_content) as DisclosureContent);
  const data: DisclosurePublished = {
    id: current.id,
    agencyId: current.agency_id,
    kind,
    version: Number(current.published_version) + 1,
    title: content ? disclosureTitle(kind, content) : current.title,
    content,
    removal,
    note: current.draft_note,
    draftedBy: [...s.draftAuthors],
  };
  await ctx.ledger.append(trx, { log: current.agency_id, actor: p?.id ?? 'system', type: 'disclosure.published', subject: current.id, data: { ...data } });
}

/** Throws the pending draft away (publicity.edit, If-Match); the published version stays. */
export async function discardDraft(ctx: Ctx, p: Principal | null, id: string, expectedVersion: number | undefined): Promise<DisclosureDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await begin(ctx, trx, p, id, expectedVersion, 'publicity.edit');
    orThrow(mayDiscard(state(current)));
    const data: DisclosureDiscarded = { id, revision: Number(current.draft_revision) };
    await ctx.ledger.append(trx, { log: current.agency_id, actor: p?.id ?? 'system', type: 'disclosure.discarded', subject: id, data: { ...data } });
  });
  return loadDisclosure(ctx.db, id);
}

/**
 * Records content the agency already publishes (the demo seed, a first load): created,
 * submitted and published by the system in one transaction.
 */
export async function publishInitial(ctx: Ctx, input: NewDisclosure): Promise<string> {
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await createDisclosureIn(ctx, trx, null, id, input);
    await submitDisclosureIn(ctx, trx, null, await loadRow(trx, id));
    await publishDisclosureIn(ctx, trx, null, await loadRow(trx, id));
  });
  return id;
}

// ---- the public read side (no login) --------------------------------------------------------------

/** The agency's published items of one kind (or all), in list order; `q` searches titles and contents. */
export async function publicDisclosures(ctx: Ctx, agencyId: string, filter: { kind?: DisclosureKind; q?: string } = {}): Promise<PublicDisclosure[]> {
  await requireAgency(ctx.db, agencyId);
  let q = ctx.db
    .selectFrom('disclosures as d')
    .innerJoin('disclosure_versions as v', (j) => j.onRef('v.item_id', '=', 'd.id').onRef('v.version', '=', 'd.published_version'))
    .select(['d.id', 'd.kind', 'd.code', 'd.added_seq', 'v.title', 'v.version', 'v.content', 'v.published_at'])
    .where('d.agency_id', '=', agencyId)
    .where('d.status', '=', 'published');
  if (filter.kind) q = q.where('d.kind', '=', filter.kind);
  const rows = sortItems((await q.execute()).map((r) => ({ ...r, addedSeq: Number(r.added_seq) })));
  const items = rows.map(
    (r): PublicDisclosure => ({ id: r.id, kind: r.kind as DisclosureKind, title: r.title, version: Number(r.version), content: JSON.parse(r.content!) as DisclosureContent, publishedAt: r.published_at }),
  );
  const needle = filter.q?.trim().toLowerCase();
  if (!needle) return items;
  // Lists are hundreds of entries at most: match the visible texts, not the JSON keys.
  return items.filter((i) => textsOf(i.content).some((t) => t.toLowerCase().includes(needle)));
}

/** One published item with its whole public history (404 if it was never published). */
export async function publicDisclosure(ctx: Ctx, agencyId: string, id: string): Promise<PublicDisclosureHistory> {
  const row = await ctx.db.selectFrom('disclosures').selectAll().where('id', '=', id).where('agency_id', '=', agencyId).executeTakeFirst();
  if (!row || Number(row.published_version) === 0) throw notFound('公开事项', id);
  const versions = (await ctx.db.selectFrom('disclosure_versions').selectAll().where('item_id', '=', id).orderBy('version').execute()).map(toVersion);
  const latest = versions[versions.length - 1]!;
  return {
    id,
    agencyId,
    kind: row.kind as DisclosureKind,
    current: row.status === 'published' && latest.content ? { id, kind: row.kind as DisclosureKind, title: latest.title, version: latest.version, content: latest.content, publishedAt: latest.publishedAt } : null,
    versions,
  };
}

/** The change log of the agency's lists (one kind or all), newest first. */
export async function publicDisclosureChanges(ctx: Ctx, agencyId: string, filter: { kind?: DisclosureKind; limit?: number } = {}): Promise<PublicDisclosureChange[]> {
  await requireAgency(ctx.db, agencyId);
  let q = ctx.db.selectFrom('disclosure_versions').select(['item_id', 'kind', 'title', 'version', 'removal', 'note', 'published_at']).where('agency_id', '=', agencyId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q
    .orderBy('published_seq', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
  return rows.map((r) => ({ itemId: r.item_id, kind: r.kind as DisclosureKind, title: r.title, version: Number(r.version), removal: Number(r.removal) === 1, note: r.note, publishedAt: r.published_at }));
}

/** 机关简介 and 内设机构: the agency as registered, its units, its published profile — today, or as they stood on the China date `on`. */
export async function publicAgencyProfile(ctx: Ctx, agencyId: string, on?: string): Promise<PublicAgencyProfile> {
  const agency = await requireAgency(ctx.db, agencyId);
  if (on !== undefined) return profileOn(ctx, agency, pastDay(ctx, on));
  const parent = agency.parent_id ? await ctx.db.selectFrom('agencies').select('name').where('id', '=', agency.parent_id).executeTakeFirst() : undefined;
  // In order of creation, then name, sorted here: the engines' collations order Chinese names differently.
  const units = (await ctx.db.selectFrom('units').select(['name', 'created_at']).where('agency_id', '=', agencyId).execute()).sort((a, b) => byCodeUnits(a.created_at, b.created_at) || byCodeUnits(a.name, b.name));
  const [profile] = await publicDisclosures(ctx, agencyId, { kind: 'profile' });
  return { agency: { id: agency.id, name: agency.name, creditCode: agency.credit_code, parentName: parent?.name ?? null }, units: units.map((u) => u.name), profile: profile ?? null };
}

/**
 * 执法人员名单: the agency's certified officers, live from the officer register — name, unit,
 * post, 执法种类, certificate number and today's status, and nothing else (auxiliary staff hold
 * no certificate and are not listed). Only those columns are read. With `on`: the list as it
 * stood that day, folded from the officer events recorded by its end, statuses on that day.
 */
export async function publicStaff(ctx: Ctx, agencyId: string, on?: string): Promise<PublicStaffMember[]> {
  await requireAgency(ctx.db, agencyId);
  if (on !== undefined) {
    const day = pastDay(ctx, on);
    const until = endOfChinaDay(day);
    return staffAsOf(await listEvents(ctx.db, agencyId, 'staff', { until }), new UnitNames(await listEvents(ctx.db, agencyId, 'profile', { until })), day);
  }
  const today = chinaDate(ctx.clock);
  const rows = await ctx.db
    .selectFrom('officers as o')
    .leftJoin('units as u', 'u.id', 'o.unit_id')
    .select(['o.name', 'u.name as unit', 'o.post', 'o.fields', 'o.certificate_no', 'o.status', 'o.valid_from', 'o.valid_to', 'o.auxiliary'])
    .where('o.agency_id', '=', agencyId)
    .where('o.auxiliary', '=', 0)
    .where('o.certificate_no', 'is not', null)
    .execute();
  // The same line the history folds from events (staffMember), so the two cannot drift apart.
  const members = rows.flatMap((r) => {
    const o = { name: r.name, unitId: null, post: r.post, certificateNo: r.certificate_no, fields: JSON.parse(r.fields) as string[], validFrom: r.valid_from, validTo: r.valid_to, status: r.status as OfficerState['status'], auxiliary: r.auxiliary === 1 };
    return staffMember(o, r.unit, today) ?? [];
  });
  return sortStaff(members);
}

/** 裁量基准 in force (《行政处罚法》第三十四条: 行政处罚裁量基准应当向社会公布), from the benchmark module — today, or on the date `on`. */
export async function publicBenchmarks(ctx: Ctx, agencyId: string, on?: string): Promise<PublicBenchmark[]> {
  await requireAgency(ctx.db, agencyId);
  if (on !== undefined) return benchmarksAsOf(await listEvents(ctx.db, agencyId, 'benchmarks', { until: endOfChinaDay(pastDay(ctx, on)) }));
  const ids = await ctx.db.selectFrom('discretion_benchmarks').select('id').where('agency_id', '=', agencyId).where('status', '=', 'active').execute();
  const out: PublicBenchmark[] = [];
  for (const { id } of ids) out.push(publicBenchmark(await loadBenchmark(ctx.db, id)));
  // Sorted here, not by the database: the engines' collations order Chinese text differently.
  return out.sort((a, b) => byCodeUnits(a.field, b.field) || byCodeUnits(a.code, b.code));
}

/**
 * 重大执法决定法制审核目录 in force today (《行政处罚法》第五十八条), from the review module; with
 * `on`: as recorded by the end of that day and in force on it.
 */
export async function publicCatalog(ctx: Ctx, agencyId: string, on?: string): Promise<PublicCatalogRule[]> {
  await requireAgency(ctx.db, agencyId);
  if (on !== undefined) {
    const day = pastDay(ctx, on);
    return catalogAsOf(await listEvents(ctx.db, agencyId, 'catalog', { until: endOfChinaDay(day) }), day);
  }
  const rules = await catalogInForce(ctx.db, agencyId, chinaDate(ctx.clock));
  return rules.map((r) => ({ label: r.label, description: describeRule(r.rule), effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, version: r.version }));
}

// ---- the derived lists' public history (历史版本) -------------------------------------------------

/** Changes per page of a list's history. */
export const LIST_HISTORY_PAGE = 20;
/** Events read per round while filling a page (changes that show nothing public are skipped). */
const LIST_HISTORY_BATCH = 100;

/**
 * The public history of a derived list (执法人员, 裁量基准, 法制审核目录, 内设机构 and the agency
 * itself), newest first, folded from the events of the modules that keep them — only the fields
 * the live list shows. A page walks the list's events in the agency's log backwards (the partial
 * index `events_derived_lists`, migration 0020) and folds each touched entry's own events up to
 * there (by subject), so its cost follows the page, not the log.
 */
export async function publicListHistory<L extends DerivedList>(ctx: Ctx, agencyId: string, list: L, after?: string): Promise<ListHistoryPage<ListEntryOf[L]>> {
  await requireAgency(ctx.db, agencyId);
  let cursor = after ? decodeListCursor(after) : null;
  const found: FoldedChange<ListEntryOf[L]>[] = [];
  const agencyNames = list === 'profile' ? new Map((await ctx.db.selectFrom('agencies').select(['id', 'name']).execute()).map((a) => [a.id, a.name])) : null;
  const units = list === 'staff' ? new UnitNames(await listEvents(ctx.db, agencyId, 'profile', {})) : null;
  for (;;) {
    const batch = await listEvents(ctx.db, agencyId, list, { before: cursor, limit: LIST_HISTORY_BATCH, newestFirst: true });
    // The agency's own events live in the platform log (subject = the agency): walked beside the units.
    const own = list === 'profile' ? await agencyEvents(ctx.db, agencyId, { before: cursor, limit: LIST_HISTORY_BATCH, newestFirst: true }) : [];
    const walked = [...batch, ...own].sort((a, b) => b.id - a.id).slice(0, LIST_HISTORY_BATCH);
    if (walked.length === 0) break;
    const newest = walked[0]!.id;
    const ids = new Set(walked.map((e) => e.id));
    const subjects = [...new Set(walked.filter((e) => !AGENCY_EVENT_TYPES.includes(e.type as never)).map((e) => e.subject))];
    const timeline = await subjectEvents(ctx.db, subjects, LIST_EVENT_TYPES[list], newest);
    let changes: FoldedChange<unknown>[];
    if (list === 'staff') changes = staffChanges(timeline, units!);
    else if (list === 'benchmarks') changes = benchmarkChanges(timeline);
    else if (list === 'catalog') changes = catalogChanges(timeline);
    else changes = profileChanges(await agencyEvents(ctx.db, agencyId, { upTo: newest }), timeline, agencyNames!);
    found.push(...(changes.filter((c) => ids.has(c.eventId)).sort((a, b) => b.eventId - a.eventId) as FoldedChange<ListEntryOf[L]>[]));
    cursor = walked[walked.length - 1]!.id;
    if (found.length > LIST_HISTORY_PAGE || walked.length < LIST_HISTORY_BATCH) break;
  }
  const items = found.slice(0, LIST_HISTORY_PAGE);
  return {
    items: items.map(({ eventId: _place, ...c }) => c),
    next: found.length > LIST_HISTORY_PAGE ? encodeListCursor(items[items.length - 1]!.eventId) : null,
  };
}

/** The SQL of the partial index's predicate, word for word (a partial index is used only when the query repeats it). */
const INDEXED = sql.raw(derivedListEventsPredicate);
const typeIn = (types: readonly string[]) => sql.join(types.map((t) => sql.lit(t)));

function toListEvent(r: { id: number | string; at: string; type: string; subject: string | null; data: string }): ListEvent {
  return { id: Number(r.id), at: r.at, type: r.type, subject: r.subject ?? '', data: JSON.parse(r.data) as Record<string, unknown> };
}

/**
 * The events of one derived list in the agency's log: older than `before`, or recorded before
 * `until` (ISO), oldest first unless `newestFirst`.
 */
async function listEvents(db: Db, agencyId: string, list: DerivedList, o: ListEventsOptions): Promise<ListEvent[]> {
  return (await listEventsQuery(db, agencyId, list, o).execute()).map(toListEvent);
}

interface ListEventsOptions {
  before?: number | null;
  until?: string;
  limit?: number;
  newestFirst?: boolean;
}

/** The query of `listEvents` (exported so a test can see that it walks the partial index). */
export function listEventsQuery(db: Db, agencyId: string, list: DerivedList, o: ListEventsOptions) {
  let q = db
    .selectFrom('events')
    .select(['id', 'at', 'type', 'subject', 'data'])
    .where('log_id', '=', agencyId)
    .where(sql<boolean>`${INDEXED}`)
    .where(sql<boolean>`type in (${typeIn(LIST_EVENT_TYPES[list])})`)
    .orderBy('id', o.newestFirst ? 'desc' : 'asc');
  if (o.before != null) q = q.where('id', '<', o.before);
  if (o.until) q = q.where('at', '<', o.until);
  if (o.limit) q = q.limit(o.limit);
  return q;
}

/** The agency's own events (platform log, subject = the agency). */
async function agencyEvents(db: Db, agencyId: string, o: { before?: number | null; upTo?: number; until?: string; limit?: number; newestFirst?: boolean }): Promise<ListEvent[]> {
  let q = db
    .selectFrom('events')
    .select(['id', 'at', 'type', 'subject', 'data'])
    .where('subject', '=', agencyId)
    .where('type', 'in', [...AGENCY_EVENT_TYPES])
    .orderBy('id', o.newestFirst ? 'desc' : 'asc');
  if (o.before != null) q = q.where('id', '<', o.before);
  if (o.upTo !== undefined) q = q.where('id', '<=', o.upTo);
  if (o.until) q = q.where('at', '<', o.until);
  if (o.limit) q = q.limit(o.limit);
  return (await q.execute()).map(toListEvent);
}

/** Every event of these entries (by subject) up to ledger place `upTo`, oldest first: what their changes are folded from. */
async function subjectEvents(db: Db, subjects: string[], types: readonly string[], upTo: number): Promise<ListEvent[]> {
  if (subjects.length === 0) return [];
  const rows = await db.selectFrom('events').select(['id', 'at', 'type', 'subject', 'data']).where('subject', 'in', subjects).where('type', 'in', [...types]).where('id', '<=', upTo).orderBy('id').execute();
  return rows.map(toListEvent);
}

async function profileOn(ctx: Ctx, agency: { id: string }, day: string): Promise<PublicAgencyProfile> {
  const until = endOfChinaDay(day);
  const names = new Map((await ctx.db.selectFrom('agencies').select(['id', 'name']).execute()).map((a) => [a.id, a.name]));
  const p = profileAsOf(await agencyEvents(ctx.db, agency.id, { until }), await listEvents(ctx.db, agency.id, 'profile', { until }), names);
  // The 机关简介 item's version in force at the day's end (a removal: none).
  const row = await ctx.db
    .selectFrom('disclosure_versions')
    .selectAll()
    .where('agency_id', '=', agency.id)
    .where('kind', '=', 'profile')
    .where('published_at', '<', until)
    .orderBy('published_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const profile: PublicDisclosure | null = row && row.content !== null ? { id: row.item_id, kind: 'profile', title: row.title, version: Number(row.version), content: JSON.parse(row.content) as DisclosureContent, publishedAt: row.published_at } : null;
  return { agency: { id: agency.id, name: p.agency?.name ?? '', creditCode: p.agency?.creditCode ?? null, parentName: p.agency?.parentName ?? null }, units: p.units, profile };
}

/** A past (or today's) China date; a later one is refused — the lists are not known ahead. */
function pastDay(ctx: Ctx, on: string): string {
  const today = chinaDate(ctx.clock);
  if (on > today) throw new DomainError('validation-failed', `查询日期（${on}）不能晚于今天（${today}）`, 400, { fields: [{ field: 'on', message: '查询日期不能晚于今天' }] });
  return on;
}

function encodeListCursor(eventId: number): string {
  return Buffer.from(String(eventId)).toString('base64url');
}

function decodeListCursor(after: string): number {
  const n = Number(Buffer.from(after, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(n) || n <= 0) throw new DomainError('validation-failed', '分页游标无效', 400, { fields: [{ field: 'after', message: '分页游标无效' }] });
  return n;
}

/** UTF-16 code unit order (what SQLite's BINARY collation gives): the same on both engines. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---- helpers -------------------------------------------------------------------------------------

async function requireAgency(db: Db | Tx, agencyId: string) {
  const agency = await db.selectFrom('agencies').select(['id', 'name', 'parent_id', 'credit_code']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw notFound('机构', agencyId);
  return agency;
}

async function loadRow(db: Db | Tx, id: string): Promise<DisclosuresTable> {
  const row = await db.selectFrom('disclosures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('公开事项', id);
  return row;
}

/** Lock, load, access check, If-Match: the start of every write on an item. */
async function begin(ctx: Ctx, trx: Tx, p: Principal | null, id: string, expectedVersion: number | undefined, action: 'publicity.edit' | 'publicity.approve'): Promise<DisclosuresTable> {
  await lockItem(trx, ctx.engine, id);
  const current = await loadRow(trx, id);
  if (p) await requireAccess(trx, p, action, current.agency_id);
  checkVersion(expectedVersion, { version: Number(current.version) }, toItem(current));
  return current;
}

async function lockItem(trx: Tx, engine: Engine, id: string): Promise<void> {
  if (engine !== 'postgres') return;
  await trx.selectFrom('disclosures').select('id').where('id', '=', id).forUpdate().execute();
}

function state(row: DisclosuresTable): WorkflowState {
  return { status: row.status as WorkflowState['status'], draftState: row.draft_state as DraftState | null, draftAuthors: JSON.parse(row.draft_authors) as string[] };
}

async function publishedContent(db: Db | Tx, row: DisclosuresTable): Promise<DisclosureContent | null> {
  const v = await db.selectFrom('disclosure_versions').select('content').where('item_id', '=', row.id).where('version', '=', Number(row.published_version)).executeTakeFirst();
  return v?.content ? (JSON.parse(v.content) as DisclosureContent) : null;
}

function validContent<C extends DisclosureContent>(kind: DisclosureKind, content: C): C {
  const normal = normaliseContent(kind, content);
  const problems = contentProblems(kind, normal);
  if (problems.length > 0) {
    throw new DomainError('disclosure-invalid', `公开内容有 ${problems.length} 处不符合要求：${problems.map((x) => x.message).join('；')}`, 400, { fields: problems });
  }
  return normal;
}

function note(text: string | null | undefined): string | null {
  const t = text?.trim();
  if (!t) return null;
  if (t.length > NOTE_MAX) throw new DomainError('validation-failed', `说明不能超过 ${NOTE_MAX} 个字`, 400, { field: 'note' });
  return t;
}

function orThrow(v: Verdict): void {
  if (!v.ok) throw new DomainError(v.code, v.message, v.code === 'disclosure-drafter-cannot-approve' ? 403 : v.code === 'disclosure-invalid-state' ? 409 : 400, v.details);
}

async function namesOf(db: Db | Tx, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>([['system', '系统']]);
  const users = ids.filter((i) => i !== 'system');
  if (users.length > 0) for (const u of await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', users).execute()) names.set(u.id, u.display_name);
  return names;
}

function toItem(r: DisclosuresTable): DisclosureItem {
  return {
    id: r.id,
    agencyId: r.agency_id,
    kind: r.kind as DisclosureKind,
    code: r.kind === 'profile' ? null : r.code,
    title: r.title,
    status: r.status as DisclosureStatus,
    publishedVersion: Number(r.published_version),
    draftState: r.draft_state as DraftState | null,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toVersion(v: DisclosureVersionsTable): DisclosureVersion {
  return { version: Number(v.version), title: v.title, content: v.content === null ? null : (JSON.parse(v.content) as DisclosureContent), removal: Number(v.removal) === 1, note: v.note, publishedAt: v.published_at };
}

/** List order: by kind, then 事项编码 (numbers compared as numbers), then the order items were added. */
function sortItems<T extends { kind: string; code: string | null } & ({ addedSeq: number } | { createdAt: string })>(items: T[]): T[] {
  const seq = (t: T) => ('addedSeq' in t ? t.addedSeq : 0);
  return items.sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) ||
      (a.code ?? '').localeCompare(b.code ?? '', 'zh', { numeric: true }) ||
      seq(a) - seq(b) ||
      ('createdAt' in a && 'createdAt' in b ? a.createdAt.localeCompare(b.createdAt) : 0),
  );
}

/** The texts a reader sees in a content (for the list search). */
function textsOf(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (Array.isArray(content)) return content.flatMap(textsOf);
  if (content && typeof content === 'object') return Object.entries(content).flatMap(([k, v]) => (k === 'id' || k === 'to' ? [] : textsOf(v)));
  return [];
}
