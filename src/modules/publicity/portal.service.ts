/**
 * The public portal's read side (issue 8 "The public portal"): search, detail, CSV, statistics
 * and the 核验 evidence of published decisions. It reads only what publications.projections.ts
 * publishes for the portal — `public_state`, `public_json`, `search_key`, the search index,
 * `publication_versions` and `publication_counts` — never a console record's unredacted text.
 *
 * Search never counts or sorts all hits (docs/performance.md): it walks the index in
 * `search_key` order (= publish order) with LIMIT 21 and counts at most PORTAL_COUNT_CAP + 1.
 */
import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../../context.ts';
import { DomainError } from '../../kernel/errors.ts';
import { latestCheckpoint } from '../../ledger/checkpoints.ts';
import { inclusionProof } from '../../ledger/merkle/index.ts';
import { nodeReader } from '../../ledger/tree-store.ts';
import { ftsMatch, likePatterns, pgTokens } from '../../search/chinese.ts';
import {
  PORTAL_COUNT_CAP,
  PORTAL_PAGE_SIZE,
  type DecisionSearchQuery,
  type DecisionSearchResult,
  type InclusionEvidence,
  type PendingEvidence,
  type PortalStatistics,
  type PublicAgency,
  type PublicDecisionDetail,
} from '../../shared/portal.ts';
import type { PublishedDecision, PublishedDecisionListItem, WithdrawalNotice } from '../../shared/publications.ts';

const PUBLIC = 'public';

/**
 * The rows one search walks: the filters and the full-text condition, no order or limit yet, and
 * the key to walk them by. SQLite with a query walks the FTS5 index itself (rowid = search_key)
 * newest first, so neither the page nor the count ever sorts the hits; everything else walks the
 * publications indexes (public_state[, agency_id | kind], search_key). Null: nothing searchable.
 */
export function searchBase(ctx: Ctx, f: DecisionSearchQuery) {
  const q = f.q?.trim() ? f.q.trim() : null;
  const match = q && ctx.engine === 'sqlite' ? ftsMatch(q) : null;
  const likes = q && ctx.engine === 'postgres' ? likePatterns(q) : [];
  const tokens = q && ctx.engine === 'postgres' ? pgTokens(q) : null;
  if (q && ctx.engine === 'sqlite' && !match) return null; // punctuation only
  if (q && ctx.engine === 'postgres' && likes.length === 0) return null;
  let base = match
    ? ftsBase(ctx).where(sql<boolean>`s.tokens match ${match}`)
    : (ctx.db.selectFrom('publications as p') as unknown as ReturnType<typeof ftsBase>);
  base = base.where('p.public_state', '=', PUBLIC); // public rows always have their search_key
  if (tokens) base = base.where(sql<SqlBool>`p.search_tokens @> ${tokens}::text[]`);
  for (const like of likes) base = base.where(sql<SqlBool>`p.search_text like ${like}`);
  if (f.agencyId) base = base.where('p.agency_id', '=', f.agencyId);
  if (f.kind) base = base.where('p.kind', '=', f.kind);
  if (f.from) base = base.where('p.decided_on', '>=', f.from);
  if (f.to) base = base.where('p.decided_on', '<=', f.to);
  return { base, key: match ? sql<number>`s.rowid` : sql<number>`p.search_key` };
}

// Only for its type: the FTS join's builder (both branches name only `p.*` columns).
function ftsBase(ctx: Ctx) {
  return ctx.db.selectFrom(sql`publication_search`.as('s')).innerJoin('publications as p', (j) => j.on(sql<boolean>`p.search_key = s.rowid`));
}

function encodeCursor(key: number): string {
  return Buffer.from(String(key)).toString('base64url');
}

function decodeCursor(after: string): number {
  const n = Number(Buffer.from(after, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(n) || n < 0) throw new DomainError('validation-failed', '分页游标无效', 400, { fields: [{ field: 'after', message: '分页游标无效' }] });
  return n;
}

function listItem(d: PublishedDecision): PublishedDecisionListItem {
  return {
    id: d.id,
    kind: d.kind,
    number: d.number,
    agencyId: d.agencyId,
    agencyName: d.agencyName,
    partyName: d.party.name,
    cause: d.cause,
    penaltyKinds: d.penaltyKinds,
    fineFen: d.fineFen,
    decidedOn: d.decidedOn,
    publishedOn: d.publishedOn,
    version: d.version,
  };
}

/**
 * One page of published decisions, newest publication first, with the hit count capped at
 * PORTAL_COUNT_CAP ("1000+"). Keyword: Chinese bigram full text (2-character words and longer
 * phrases, src/search/chinese.ts); filters: agency, kind, decision date range.
 */
export async function searchDecisions(ctx: Ctx, f: DecisionSearchQuery): Promise<DecisionSearchResult> {
  const walk = searchBase(ctx, f);
  if (!walk) return { items: [], next: null, count: 0, capped: false };
  const { base, key } = walk;
  let page = base.select(['p.search_key', 'p.public_json']).orderBy(key, 'desc').limit(PORTAL_PAGE_SIZE + 1);
  if (f.after) page = page.where(key, '<', decodeCursor(f.after));
  // The count walks the same index and stops one past the cap.
  const capped = sql<{ n: number }>`select count(*) as n from (${base.select(sql`1`.as('one')).limit(PORTAL_COUNT_CAP + 1)}) as hits`;
  const [rows, counted] = await Promise.all([page.execute(), capped.execute(ctx.db)]);
  const n = Number(counted.rows[0]?.n ?? 0);
  const items = rows.slice(0, PORTAL_PAGE_SIZE);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => listItem(JSON.parse(r.public_json!) as PublishedDecision)),
    next: rows.length > PORTAL_PAGE_SIZE && last ? encodeCursor(Number(last.search_key)) : null,
    count: Math.min(n, PORTAL_COUNT_CAP),
    capped: n > PORTAL_COUNT_CAP,
  };
}

/**
 * Every match of the filters, newest first, in batches (the CSV download): at most `max` rows,
 * one index range per batch, so memory stays flat whatever the count.
 */
export async function* streamDecisions(ctx: Ctx, f: DecisionSearchQuery, max: number): AsyncGenerator<PublishedDecision> {
  const walk = searchBase(ctx, { ...f, after: undefined });
  if (!walk) return;
  const { base, key } = walk;
  const BATCH = 500;
  let cursor: number | null = null;
  let sent = 0;
  while (sent < max) {
    let q = base.select(['p.search_key', 'p.public_json']).orderBy(key, 'desc').limit(Math.min(BATCH, max - sent));
    if (cursor !== null) q = q.where(key, '<', cursor);
    const rows = await q.execute();
    for (const r of rows) yield JSON.parse(r.public_json!) as PublishedDecision;
    sent += rows.length;
    if (rows.length < BATCH) return;
    cursor = Number(rows[rows.length - 1]!.search_key);
  }
}

function notFound(id: string): DomainError {
  return new DomainError('not-found', `未找到公示的执法决定：${id}`, 404, { id });
}

/**
 * The detail page: the current public version (or `version`, an earlier one), the public version
 * history, and — once withdrawn (Art 48②) — the withdrawal notice instead of the text.
 */
export async function getDecision(ctx: Ctx, id: string, version?: number): Promise<PublicDecisionDetail> {
  const row = await ctx.db
    .selectFrom('publications as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.public_state', 'p.public_version', 'p.public_json', 'p.number', 'p.record', 'a.name as agency_name'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row || !row.public_state || row.public_version === null) throw notFound(id);
  const versions = await ctx.db
    .selectFrom('publication_versions')
    .select(['version', 'published_on', 'reason'])
    .where('publication_id', '=', id)
    .orderBy('version', 'asc')
    .execute();
  const state = row.public_state === PUBLIC ? 'published' : row.public_state === 'withdrawn' ? 'withdrawn' : 'expired';
  let decision: PublishedDecision | null = null;
  if (state === 'published') {
    if (version === undefined || version === row.public_version) decision = JSON.parse(row.public_json!) as PublishedDecision;
    else {
      const v = await ctx.db.selectFrom('publication_versions').select('data').where('publication_id', '=', id).where('version', '=', version).executeTakeFirst();
      if (!v) throw new DomainError('not-found', `该决定没有第 ${version} 版`, 404, { id, version });
      decision = JSON.parse(v.data) as PublishedDecision;
    }
  }
  // The notice is the public data of `publication.withdrawn`; only it is read from the record.
  const withdrawal = state === 'withdrawn' ? ((JSON.parse(row.record) as { withdrawal?: WithdrawalNotice | null }).withdrawal ?? null) : null;
  const current = row.public_json ? (JSON.parse(row.public_json) as PublishedDecision) : null;
  return {
    status: state,
    decision,
    currentVersion: Number(row.public_version),
    versions: versions.map((v) => ({ version: Number(v.version), publishedOn: v.published_on, reason: v.reason })),
    withdrawal,
    number: current?.number ?? row.number,
    agencyName: current?.agencyName ?? row.agency_name,
  };
}

/**
 * What the browser needs to verify a public version (web/src/lib/verify.ts): the envelope of its
 * `publication.*` event less the data (the page supplies the data as shown), its inclusion
 * proof (RFC 9162 §2.1.3) to the log's LATEST signed checkpoint, and that checkpoint's note.
 * No checkpoint is signed here: until the scheduled one covers the event, `{pending: true}`.
 */
export async function decisionProof(ctx: Ctx, id: string, version?: number): Promise<InclusionEvidence | PendingEvidence> {
  const pub = await ctx.db.selectFrom('publications').select(['public_state', 'public_version']).where('id', '=', id).executeTakeFirst();
  if (!pub || pub.public_state !== PUBLIC || pub.public_version === null) throw notFound(id);
  const v = await ctx.db
    .selectFrom('publication_versions')
    .select(['log', 'seq'])
    .where('publication_id', '=', id)
    .where('version', '=', version ?? Number(pub.public_version))
    .executeTakeFirst();
  if (!v) throw new DomainError('not-found', `该决定没有第 ${version} 版`, 404, { id, version });
  const seq = Number(v.seq);
  const event = await ctx.db
    .selectFrom('events')
    .select(['at', 'actor', 'type', 'subject', 'leaf'])
    .where('log_id', '=', v.log)
    .where('seq', '=', seq)
    .executeTakeFirst();
  if (!event) throw notFound(id);
  const cp = await latestCheckpoint(ctx.db, v.log);
  if (!cp || cp.size < seq) return { pending: true, log: v.log, seq };
  const proof = await inclusionProof(nodeReader(ctx.db, v.log), seq - 1, cp.size);
  return {
    pending: false,
    entry: { v: 1, log: v.log, seq, at: event.at, actor: event.actor, type: event.type, subject: event.subject },
    origin: cp.origin,
    index: seq - 1,
    size: cp.size,
    leafHash: Buffer.from(event.leaf).toString('base64'),
    proof: proof.map((h) => h.toString('base64')),
    checkpoint: cp.note,
  };
}

/** How many months the statistics show. */
const MONTHS_SHOWN = 24;

/**
 * Counts of published decisions by month of decision, kind and agency, from the small
 * `publication_counts` aggregate (agencies × months × kinds rows, kept by the projections):
 * nothing scans the publications themselves.
 */
export async function portalStatistics(ctx: Ctx): Promise<PortalStatistics> {
  const rows = await ctx.db
    .selectFrom('publication_counts as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select(['c.agency_id', 'a.name', 'c.month', 'c.kind', 'c.count'])
    .where('c.count', '>', 0)
    .execute();
  const months = new Map<string, number>();
  const kinds = new Map<string, number>();
  const agencies = new Map<string, { name: string; count: number }>();
  let total = 0;
  for (const r of rows) {
    const n = Number(r.count);
    total += n;
    months.set(r.month, (months.get(r.month) ?? 0) + n);
    kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + n);
    const a = agencies.get(r.agency_id) ?? { name: r.name, count: 0 };
    a.count += n;
    agencies.set(r.agency_id, a);
  }
  return {
    total,
    byMonth: [...months].sort(([a], [b]) => a.localeCompare(b)).slice(-MONTHS_SHOWN).map(([key, count]) => ({ key, count })),
    byKind: [...kinds].sort(([, a], [, b]) => b - a).map(([key, count]) => ({ key, count })),
    byAgency: [...agencies].sort(([, a], [, b]) => b.count - a.count).map(([key, a]) => ({ key, name: a.name, count: a.count })),
    asOf: ctx.clock.now().toISOString(),
  };
}

/** Every agency (id and name) for the portal's filter. */
export async function publicAgencies(ctx: Ctx): Promise<PublicAgency[]> {
  return ctx.db.selectFrom('agencies').select(['id', 'name']).orderBy('code').execute();
}
