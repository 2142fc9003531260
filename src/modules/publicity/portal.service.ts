/**
 * The public portal's read side (issue 8 "The public portal"): search, detail, CSV, statistics
 * and the 核验 evidence of published decisions. It reads only what publications.projections.ts
 * publishes for the portal — `public_state`, `public_json`, `search_key`, the search index,
 * `publication_versions` and `publication_counts` — never a console record's unredacted text.
 *
 * Search never counts or sorts all hits (docs/performance.md): it walks an index in `search_key`
 * order (= decision date, search-key.ts) with LIMIT 21 and counts at most PORTAL_COUNT_CAP + 1.
 */
import { CompiledQuery } from 'kysely';
import type { Ctx } from '../../context.ts';
import { DomainError } from '../../kernel/errors.ts';
import { latestCheckpoint } from '../../ledger/checkpoints.ts';
import { inclusionProof } from '../../ledger/merkle/index.ts';
import { nodeReader } from '../../ledger/tree-store.ts';
import { pgTokens, queryTerms } from '../../search/chinese.ts';
import { ftsBigramCounts, ftsPlan, ginTokens, pgTokenDocs, plannedBigrams, RARE_DOCS } from '../../search/plan.ts';
import { ftsRowid, searchKeyBounds } from './search-key.ts';
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

/** What a search reads: the database and the clock only, so that it can also run on a read-only connection in a reading thread (src/modules/read-tasks.ts). */
export type SearchCtx = Pick<Ctx, 'db' | 'engine' | 'clock'>;

/**
 * One search as SQL: the rows it walks (`from` and `where`, parameters in order) and how to walk
 * them newest first. Written as text rather than with the query builder: this is the portal's
 * hottest path, and building and compiling the two statements cost as much as running them.
 */
interface Walk {
  /** The tables (SQLite with a query: the FTS5 index, joined to publications only for filters). */
  from: string;
  where: string[];
  params: unknown[];
  /** The publication's key in this walk. */
  key: string;
  /** Newest first: FTS5 ascending rowid (= minus the key), an index descending key. */
  order: string;
  /** The condition "older than the cursor's key", with its parameter. */
  olderThan(key: number): { cond: string; param: number };
  /**
   * PostgreSQL with words of Chinese characters only: the conditions split into the filters and
   * the text (as LIKEs), and the table's share of rows holding the rarest token asked (by the
   * statistics) — a bound of the hits' density over the whole table, not under every filter.
   */
  dense?: { density: number; filtersOnly: { where: string[]; params: unknown[] }; text: { where: string[]; params: unknown[] } };
  /** PostgreSQL with tokens asked of the GIN index, and not too many postings: the count is taken from its bitmap (cappedCount, BITMAP_MAX_POSTINGS). */
  ginCount?: boolean;
}

/**
 * The rows one search walks: the filters, the full-text condition and the key range of the
 * decision dates, with how to walk them newest first. The key follows the decision date
 * (search-key.ts), so a date range is a key range on whatever index drives the walk: SQLite with
 * a query walks the FTS5 index itself (rowid = minus the key, ascending = newest first);
 * everything else walks a publications index (public_state[, agency_id[, kind] | kind],
 * search_key) backwards. Null: nothing can match.
 */
export async function searchBase(ctx: SearchCtx, f: DecisionSearchQuery, tuning: SearchTuning = {}): Promise<Walk | null> {
  const q = f.q?.trim() ? f.q.trim() : null;
  const rareDocs = tuning.rareDocs ?? RARE_DOCS;
  const fts = q && ctx.engine === 'sqlite' ? ftsPlan(q, await ftsBigramCounts(ctx.db, 'publication_search').get(plannedBigrams(q), rareDocs, ctx.clock.now().getTime()), rareDocs) : null;
  const match = fts?.match ?? null;
  const terms = q && ctx.engine === 'postgres' ? queryTerms(q) : [];
  const tokens = q && ctx.engine === 'postgres' ? pgTokens(q) : null;
  if (q && ctx.engine === 'sqlite' && !match) return null; // punctuation only
  if (q && ctx.engine === 'postgres' && terms.length === 0) return null;
  // PostgreSQL asks its GIN index for the rare tokens only, by the table's statistics (pgTokenDocs).
  const stats = tokens ? await pgTokenDocs(ctx.db, 'publications', 'search_tokens', ctx.clock.now().getTime()) : null;
  const gin = tokens ? ginTokens(tokens, new Map(tokens.map((t) => [t, stats!.docs(t)])), rareDocs) : null;
  const keys = searchKeyBounds(f.from, f.to);
  if (keys.min !== null && keys.max !== null && keys.min > keys.max) return null; // from after to
  const where: string[] = [];
  const params: unknown[] = [];
  const cond = (text: string, ...values: unknown[]) => {
    where.push(text);
    params.push(...values);
  };
  // Dates before 2000 share the first day's keys: there the date itself decides.
  const dateItself = !keys.exact && (f.from || f.to);
  if (match) {
    cond('s.tokens match ?', match);
    if (keys.max !== null) cond('s.rowid >= ?', ftsRowid(keys.max));
    if (keys.min !== null) cond('s.rowid <= ?', ftsRowid(keys.min));
    // The index holds exactly the public decisions (withdrawn and expired ones leave it): the
    // publication row is joined only to filter, and then only its covering index is read.
    const filtered = !!(f.agencyId || f.kind || dateItself || fts!.confirm.length > 0);
    if (filtered) cond('p.public_state = ?', PUBLIC);
    for (const term of fts!.confirm) cond('p.search_text like ?', `%${term}%`);
    addFilters(ctx, f, keys.exact, cond);
    return {
      from: filtered ? 'publication_search s join publications p on p.search_key = -s.rowid' : 'publication_search s',
      where,
      params,
      key: '-s.rowid',
      order: 's.rowid asc',
      olderThan: (key) => ({ cond: 's.rowid > ?', param: ftsRowid(key) }),
    };
  }
  cond('p.public_state = ?', PUBLIC);
  if (keys.min !== null) cond('p.search_key >= ?', keys.min);
  if (keys.max !== null) cond('p.search_key <= ?', keys.max);
  addFilters(ctx, f, keys.exact, cond);
  // The rows the filters alone select, before the text narrows them (the dense walk's window).
  const filtersOnly = { where: [...where], params: [...params] };
  if (gin) cond('p.search_tokens @> ?::text[]', gin);
  // A 2-character word is one bigram: containing the token IS containing the word, so the LIKE
  // (a read of the whole decision text per hit) is needed only for adjacency, prefixes, and the
  // words whose token the containment left out (only the rare tokens are asked of the index).
  const contained = (t: string[], term: string) => t.length === 1 && t[0] === term && /^[\u3400-\u9fff\uf900-\ufaff]{2}$/u.test(term) && !!gin?.includes(term);
  for (const { term, tokens: t } of terms) if (!contained(t, term)) cond('p.search_text like ?', `%${term}%`);
  // How dense the hits may be (findPage decides on it): the table's share of rows holding the rarest token asked.
  const density = gin && stats && stats.rows > 0 ? Math.min(...gin.map((t) => stats.docs(t) / stats.rows)) : 0;
  // In the window each row is tested by its text alone, one read per row where the token array
  // (~900 elements) would be a second. For terms of Chinese characters only that is the same
  // test: containing the term is containing each of its bigrams. A term mixing in latin letters or
  // digits is tokenised by runs (2024年 asks for 2024 and 年, which 2024年度 lacks), so such a
  // search keeps the GIN plan.
  const sameByText = terms.every(({ term }) => /^[\u3400-\u9fff\uf900-\ufaff]{2,}$/u.test(term));
  const likes = terms.map(({ term }) => `%${term}%`);
  return {
    from: 'publications p',
    where,
    params,
    key: 'p.search_key',
    order: 'p.search_key desc',
    olderThan: (key) => ({ cond: 'p.search_key < ?', param: key }),
    ...(gin && sameByText ? { dense: { density, filtersOnly, text: { where: likes.map(() => 'p.search_text like ?'), params: likes } } } : {}),
    ...(gin && stats && gin.reduce((n, t) => n + stats.docs(t), 0) <= BITMAP_MAX_POSTINGS ? { ginCount: true } : {}),
  };
}


/** Knobs of the search plan; the defaults serve the portal, tests and benchmarks set them to see both plans on small data. */
export interface SearchTuning {
  /** A bigram in fewer decisions than this is rare (default 2,000: src/search/plan.ts). */
  rareDocs?: number;
  /** Take the capped count again even when this generation of the public set was counted before (default: remember it). */
  recount?: boolean;
  /** PostgreSQL: walk the newest rows first when the rarest token is in at least this share of them (default DENSE_SHARE; Infinity: never). */
  denseShare?: number;
  /** PostgreSQL: how many of the newest rows that walk reads (default: three pages' worth at the density, at most DENSE_WINDOW; 0 = no walk). */
  denseWindow?: number;
}

/**
 * PostgreSQL's GIN index returns hits in no order, so a page of a common phrase is a bitmap of
 * every hit, the LIKE on each and a sort: O(hits) (51 ms for 营业性演出 at 100,000). When the
 * rarest token asked is in DENSE_SHARE of the rows or more, the newest rows (by the filters alone,
 * on their key index; enough for three pages at that density, at most DENSE_WINDOW) are tested
 * first: a dense phrase fills its page there. The window is bounded, so words common alone but
 * rare together (网吧 演出) cost at most the window before the GIN plan takes the rows older than it.
 */
export const DENSE_SHARE = 0.04;
/** At most this many rows; fewer when the rarest token is denser (three pages' worth of its rows). */
export const DENSE_WINDOW = 1600;


function addFilters(ctx: SearchCtx, f: DecisionSearchQuery, exact: boolean, cond: (text: string, ...values: unknown[]) => void): void {
  if (f.agencyId) cond('p.agency_id = ?', f.agencyId);
  if (f.kind) cond('p.kind = ?', f.kind);
  // The public version's date, not the `decided_on` column: that one follows the editors' draft,
  // which during a correction may hold a date not yet published.
  const decidedOn = ctx.engine === 'postgres' ? "(p.public_json::json ->> 'decidedOn')" : "json_extract(p.public_json, '$.decidedOn')";
  if (!exact && f.from) cond(`${decidedOn} >= ?`, f.from);
  if (!exact && f.to) cond(`${decidedOn} <= ?`, f.to);
}

/** The statement for the engine: PostgreSQL numbers its placeholders ($1, $2 …). */
function statement(ctx: SearchCtx, text: string, params: readonly unknown[]): CompiledQuery {
  let n = 0;
  return CompiledQuery.raw(ctx.engine === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, [...params]);
}

/** `select … from <walk> [and older than the cursor] order by <newest first> limit n`. */
function walkStatement(ctx: SearchCtx, w: Walk, select: string, join: string, limit: number, after: number | null, ordered = true): CompiledQuery {
  const where = [...w.where];
  const params = [...w.params];
  if (after !== null) {
    const o = w.olderThan(after);
    where.push(o.cond);
    params.push(o.param);
  }
  const text = `select ${select} from ${w.from}${join} where ${where.join(' and ')}${ordered ? ` order by ${w.order}` : ''} limit ${limit}`;
  return statement(ctx, text, params);
}

function encodeCursor(key: number): string {
  return Buffer.from(String(key)).toString('base64url');
}

function decodeCursor(after: string): number {
  const n = Number(Buffer.from(after, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(n) || n < 0) throw new DomainError('validation-failed', '分页游标无效', 400, { fields: [{ field: 'after', message: '分页游标无效' }] });
  return n;
}

/**
 * One page of published decisions, newest decision first (the same day: newest publication
 * first), with the hit count capped at PORTAL_COUNT_CAP ("1000+"). Keyword: Chinese bigram full
 * text (2-character words and longer phrases, src/search/chinese.ts); filters: agency, kind,
 * decision date range. Both statements walk one index range and stop early: the page after 21
 * rows (each read from the small `publication_items`, not the decision), the count after
 * PORTAL_COUNT_CAP + 1 — and the count only when this generation of the public set has not been
 * counted for the same search before (cappedCount).
 */
async function findPage(ctx: SearchCtx, f: DecisionSearchQuery, tuning: SearchTuning): Promise<FoundPage> {
  const walk = await searchBase(ctx, f, tuning);
  if (!walk) return { items: [], next: null, count: 0, capped: false };
  const after = f.after ? decodeCursor(f.after) : null;
  const pageOlderThan = (key: number | null) => {
    if (ctx.engine === 'sqlite') return walkStatement(ctx, walk, `${walk.key} as k, i.item as item`, ` join publication_items i on i.search_key = ${walk.key}`, PORTAL_PAGE_SIZE + 1, key);
    // PostgreSQL: the page's keys first, then their list rows. Joined in one step it merged the
    // key range with a walk of every list row from the newest down to it (32,548 rows, 12.7 ms
    // for a month a year ago at 100,000 decisions).
    const keys = walkStatement(ctx, walk, `${walk.key} as k`, '', PORTAL_PAGE_SIZE + 1, key);
    return CompiledQuery.raw(`select x.k, i.item from (${keys.sql}) x join publication_items i on i.search_key = x.k order by x.k desc`, [...keys.parameters]);
  };
  // The count stops one past the cap. SQLite: in the page's order, so on the index the page walks;
  // PostgreSQL: in any order, so that a bitmap scan of the GIN index stops early too.
  const hits = walkStatement(ctx, walk, '1 as one', '', PORTAL_COUNT_CAP + 1, null, ctx.engine === 'sqlite');
  const counted = CompiledQuery.raw(`select count(*) as n from (${hits.sql}) hits`, [...hits.parameters]);
  const dense = walk.dense && walk.dense.density >= (tuning.denseShare ?? DENSE_SHARE) ? walk.dense : null;
  const window = Math.floor(tuning.denseWindow ?? (dense ? Math.min(DENSE_WINDOW, Math.ceil((3 * (PORTAL_PAGE_SIZE + 1)) / Math.max(dense.density, 1e-9))) : 0));
  const rows = dense && window > 0 ? await denseFirst(ctx, walk, dense, window, after, pageOlderThan) : await ctx.db.executeQuery<{ k: number; item: string }>(pageOlderThan(after));
  // A first page that is not full holds every hit: it is the count (rare names, no second walk).
  const n = after === null && rows.rows.length <= PORTAL_PAGE_SIZE ? rows.rows.length : await cappedCount(ctx, counted, !!tuning.recount, !!walk.ginCount);
  const items = rows.rows.slice(0, PORTAL_PAGE_SIZE);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => r.item),
    next: rows.rows.length > PORTAL_PAGE_SIZE && last ? encodeCursor(Number(last.k)) : null,
    count: Math.min(n, PORTAL_COUNT_CAP),
    capped: n > PORTAL_COUNT_CAP,
  };
}

/**
 * A page of a dense search on PostgreSQL (DENSE_SHARE): the hits among the newest `window` rows of
 * the filters (after the cursor), walked on their key index, and — when those are fewer than a
 * page and the window was full — the rest from the GIN plan below the window's oldest key. The
 * same rows in the same order as the GIN plan alone (`pageOlderThan(after)`).
 */
async function denseFirst(
  ctx: SearchCtx,
  walk: Walk,
  dense: NonNullable<Walk['dense']>,
  window: number,
  after: number | null,
  pageOlderThan: (key: number | null) => CompiledQuery,
): Promise<{ rows: { k: number; item: string }[] }> {
  const scope = [...dense.filtersOnly.where];
  const params = [...dense.filtersOnly.params];
  if (after !== null) {
    const o = walk.olderThan(after);
    scope.push(o.cond);
    params.push(o.param);
  }
  // The test is computed inside the window's own scan (its rows, newest first, on the filters' key
  // index): left as a join condition, the planner estimated the hits at one and answered with a
  // bitmap of every hit of the GIN index instead.
  const text = statement(
    ctx,
    `with w as materialized (select p.search_key, (${dense.text.where.join(' and ')}) as hit from publications p where ${scope.join(' and ')} order by p.search_key desc limit ${window}),
          e as (select min(w.search_key) as edge, count(*) as seen from w)
     select e.edge, e.seen, h.k, h.item from e left join lateral (
       select w.search_key as k, i.item as item from w join publication_items i on i.search_key = w.search_key
       where w.hit order by w.search_key desc limit ${PORTAL_PAGE_SIZE + 1}) h on true
     order by h.k desc`,
    [...dense.text.params, ...params],
  );
  const got = (await ctx.db.executeQuery<{ edge: number | null; seen: number | string; k: number | null; item: string | null }>(text)).rows;
  const hits = got.filter((r) => r.k !== null).map((r) => ({ k: Number(r.k), item: r.item! }));
  // `e` is one row whatever the window held; a window not full held every row of the filters.
  const { edge, seen } = got[0]!;
  if (hits.length > PORTAL_PAGE_SIZE || Number(seen) < window) return { rows: hits };
  // The window was full and held less than a page: the GIN plan for the rows older than it.
  const rest = (await ctx.db.executeQuery<{ k: number; item: string }>(pageOlderThan(Number(edge)))).rows;
  return { rows: [...hits, ...rest].slice(0, PORTAL_PAGE_SIZE + 1) };
}

/** A page as found: its list rows as stored (PublishedDecisionListItem JSON text). */
interface FoundPage {
  items: string[];
  next: string | null;
  count: number;
  capped: boolean;
}

export async function searchDecisions(ctx: SearchCtx, f: DecisionSearchQuery, tuning: SearchTuning = {}): Promise<DecisionSearchResult> {
  const page = await findPage(ctx, f, tuning);
  return { ...page, items: page.items.map((i) => JSON.parse(i) as PublishedDecisionListItem) };
}

/**
 * The same page as the JSON text the route sends (a DecisionSearchResult): the stored list rows
 * are spliced in as they are, not parsed and written again — on the portal's hottest path that
 * was a sixth of a search's time.
 */
export async function searchDecisionsJson(ctx: SearchCtx, f: DecisionSearchQuery, tuning: SearchTuning = {}): Promise<string> {
  const p = await findPage(ctx, f, tuning);
  return `{"items":[${p.items.join(',')}],"next":${JSON.stringify(p.next)},"count":${p.count},"capped":${p.capped}}`;
}

/**
 * Values derived from the public set, remembered while its generation stays the same
 * (portal_generation: the ledger position of the latest publication, correction, withdrawal or
 * expiry — migration 0023). The generation is read (`generationNow`) *before* computing, so a
 * value is never filed under a generation newer than the data it saw (one that saw a newer change
 * is filed under the older generation, which the next caller finds replaced and drops). Concurrent callers of
 * one key share one computation; a failed one is not kept. At most `max` values, least recently
 * used dropped first; `max` 0 remembers nothing.
 *
 * Concurrent callers may bring generations out of order (an older read resolving after a newer
 * one): each change of generation starts afresh, so that costs work, never a stale answer. A
 * generation is a ledger position of some agency's log, so generations cannot be ordered to
 * ignore the older one instead.
 */
export class GenerationMemo<V> {
  #generation: string | null = null;
  #values = new Map<string, Promise<V>>();

  constructor(
    readonly max: number,
    private readonly generationNow: () => Promise<string>,
  ) {}

  async get(key: string, compute: () => Promise<V>, options: { refresh?: boolean } = {}): Promise<V> {
    if (this.max === 0) return compute();
    const generation = await this.generationNow();
    if (generation !== this.#generation) {
      this.#generation = generation;
      this.#values = new Map();
    }
    const values = this.#values;
    const known = options.refresh ? undefined : values.get(key);
    if (known) {
      values.delete(key);
      values.set(key, known);
      return known;
    }
    const computed = compute();
    values.set(key, computed);
    if (values.size > this.max) values.delete(values.keys().next().value!);
    computed.catch(() => {
      if (values.get(key) === computed) values.delete(key);
    });
    return computed;
  }
}

const GENERATION = CompiledQuery.raw('select generation from portal_generation where id = 1');

/** The public set's generation as of now (portal_generation; '' before anything was published). */
async function publicGeneration(ctx: Pick<SearchCtx, 'db'>): Promise<string> {
  return (await ctx.db.executeQuery<{ generation: string }>(GENERATION)).rows[0]?.generation ?? '';
}

/** How many capped counts a connection's memo holds (each keyed by its SQL and parameters, under 2 KB). */
const COUNT_CACHE_SIZE = 5000;
/** Capped hit counts taken, per database connection (each reading thread has its own). */
const countMemos = new WeakMap<object, GenerationMemo<number>>();

/**
 * The capped count of a walk, remembered until the public set changes. Counting is most of a
 * search's cost for common words and phrases (1,001 hits, each checked for the phrase), while the
 * answer is the same for every page of a search and for everyone who asks it until a decision
 * changes. `fromBitmap`: PostgreSQL counts from the GIN index's bitmap (BITMAP_ONLY).
 */
async function cappedCount(ctx: SearchCtx, counted: CompiledQuery, recount: boolean, fromBitmap: boolean): Promise<number> {
  const db = ctx.db;
  let memo = countMemos.get(db);
  if (!memo) countMemos.set(db, (memo = new GenerationMemo(COUNT_CACHE_SIZE, () => publicGeneration({ db }))));
  const key = `${counted.sql}\u0000${JSON.stringify(counted.parameters)}`;
  const count = async () => {
    const rows = fromBitmap && !ctx.db.isTransaction
      ? await ctx.db.transaction().execute(async (trx) => {
          await trx.executeQuery(BITMAP_ONLY);
          return (await trx.executeQuery<{ n: number | string }>(counted)).rows;
        })
      : (await ctx.db.executeQuery<{ n: number | string }>(counted)).rows;
    return Number(rows[0]?.n ?? 0);
  };
  return memo.get(key, count, { refresh: recount });
}

/**
 * The most postings (rows holding each token asked, summed, by the statistics) for which the count
 * is taken from the GIN bitmap. The bitmap costs ~0.2 µs a posting whatever the cap, while the
 * table walk it replaces stops after ~1,001 ÷ density rows at ~70 µs each (the detoast): at
 * 100,000 decisions a word in 98 % of them counted in 22 ms from the bitmap against 72 ms by the
 * walk, but at a million the bitmap of such a word would cost ~200 ms and the walk still ~72.
 */
const BITMAP_MAX_POSTINGS = 250_000;

/**
 * For one transaction, PostgreSQL plans with bitmap scans only. Counting a common word to the cap,
 * it chose a walk of the table (or of the date range's key index) that tests every row's token
 * array — each a detoast of ~900 elements: 95 ms for q=网吧, 34–42 ms for a word in a month, at
 * 100,000 decisions. From the GIN bitmap (ANDed with the key range's) it reads only hits, and
 * stops at the cap: 1–4 ms. Only for counts: a page of a dense word must come in key order,
 * which the bitmap cannot give (DENSE_SHARE).
 */
const BITMAP_ONLY = CompiledQuery.raw("select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)");

/**
 * How many result pages the portal's memo holds: ~10 KB each (20 list rows of ~400 bytes), so
 * ~20 MB at most — the searches people repeat (网吧, a month's decisions, an agency's list).
 */
export const PAGE_MEMO_SIZE = 2000;

/**
 * A search's result page, remembered until the public set changes (searchDecisionsJson's text, as
 * the route sends it). Portal searches repeat — the same words, the same agency, the first page
 * far more than the rest — and their answer changes only when a decision does; a remembered page
 * costs one read of the generation instead of two index walks, and concurrent askers of a page
 * not yet known wait for one search instead of each running it. `search` does the search when
 * the page is not known (on SQLite in a reading thread).
 */
export function rememberedPage(memo: GenerationMemo<string>, f: DecisionSearchQuery, search: (f: DecisionSearchQuery) => Promise<string>): Promise<string> {
  return memo.get(pageKey(f), () => search(f));
}

/** A server's memo of result pages (rememberedPage): `max` pages of the public set's current generation. */
export function pageMemo(ctx: Pick<SearchCtx, 'db'>, max = PAGE_MEMO_SIZE): GenerationMemo<string> {
  return new GenerationMemo(max, () => publicGeneration(ctx));
}

/** Every parameter of a search, in this order: a parameter added to DecisionSearchQuery and not here fails the type check below. */
const PAGE_KEY_FIELDS = ['q', 'agencyId', 'kind', 'from', 'to', 'after'] as const;
const pageKeyIsComplete: Exclude<keyof DecisionSearchQuery, (typeof PAGE_KEY_FIELDS)[number]> extends never ? true : never = true;
void pageKeyIsComplete;

/** A search's memo key: its parameters, the words as searchBase reads them (trimmed; blank = none). */
function pageKey(f: DecisionSearchQuery): string {
  return JSON.stringify(PAGE_KEY_FIELDS.map((k) => (k === 'q' ? f.q?.trim() || null : f[k] || null)));
}

/**
 * Every match of the filters, newest first, in batches (the CSV download): at most `max` rows,
 * one index range per batch, so memory stays flat whatever the count.
 */
export async function* streamDecisions(ctx: SearchCtx, f: DecisionSearchQuery, max: number): AsyncGenerator<PublishedDecision> {
  const walk = await searchBase(ctx, { ...f, after: undefined });
  if (!walk) return;
  const BATCH = 500;
  // The whole decision: from the publication row (the FTS walk joins it here).
  const join = walk.from.includes('publications p') ? '' : ' join publications p on p.search_key = -s.rowid';
  let cursor: number | null = null;
  let sent = 0;
  while (sent < max) {
    const batch = walkStatement(ctx, walk, `${walk.key} as k, p.public_json`, join, Math.min(BATCH, max - sent), cursor);
    const rows: { k: number; public_json: string }[] = (await ctx.db.executeQuery<{ k: number; public_json: string }>(batch)).rows;
    for (const r of rows) yield JSON.parse(r.public_json) as PublishedDecision;
    sent += rows.length;
    if (rows.length < BATCH) return;
    cursor = Number(rows[rows.length - 1]!.k);
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
