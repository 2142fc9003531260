/**
 * Planning a bigram search over a large index (the portal's decisions, the case list).
 *
 * FTS5 evaluates a phrase by stepping through every one of its bigrams' doclists, and a long term
 * mixes rare bigrams (衡东县天新曲国际旅行社 → 天新, 新曲) with very common ones (衡阳, 国际, 公司): at a
 * million rows that walk costs 5–25 ms and grows with the index. So a long all-CJK term with both
 * rare and common bigrams is looked up by its rare bigrams alone, and the few candidates are
 * confirmed by the term as a substring of the row's text: the same hits, in ~1 ms. The counts that
 * tell rare from common are capped and remembered for a while (`BigramCounts`).
 *
 * "The same hits", with one exception either way round: the FTS5 phrase ignores what separates
 * two runs of characters (星辰·辰网吧 holds the phrase 星辰网吧), the substring check does not. A row
 * like that is found by the phrase plan only; so which plan runs can decide it, never anything else.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { ftsMatch, queryTerms } from './chinese.ts';

/** A bigram in fewer rows than this is rare (counted with this cap, so common ones stop early). */
export const RARE_DOCS = 2_000;
/** Terms of this many characters or more (a party's name, a long phrase) are planned by their rare bigrams. */
const LONG_TERM = 4;
const CJK_WORD = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/u;

const isLong = (term: string) => [...term].length >= LONG_TERM && CJK_WORD.test(term);

/** The bigrams whose counts decide how `q` is searched: those of its long all-CJK terms. */
export function plannedBigrams(q: string): string[] {
  return [...new Set(queryTerms(q).filter((t) => isLong(t.term)).flatMap((t) => t.tokens))];
}

/** An FTS5 condition, and the terms each hit must also contain as a substring (empty: the condition is exact). */
export interface FtsPlan {
  match: string;
  confirm: string[];
}

/**
 * The FTS5 condition of `q` given its planned bigrams' counts (`docs`, from `plannedBigrams`):
 * each term as its exact phrase, except a long term with both rare and common bigrams, which is
 * its rare bigrams (any order) plus the term to confirm. Null when `q` has nothing searchable.
 */
export function ftsPlan(q: string, docs: ReadonlyMap<string, number>, rareDocs = RARE_DOCS): FtsPlan | null {
  const terms = queryTerms(q);
  if (terms.length === 0) return null;
  const parts: string[] = [];
  const confirm: string[] = [];
  for (const t of terms) {
    const rare = isLong(t.term) ? t.tokens.filter((b) => (docs.get(b) ?? 0) < rareDocs) : [];
    // Only where common bigrams make the phrase walk long; among rare ones it is cheap and exact.
    if (rare.length > 0 && rare.length < t.tokens.length) {
      parts.push([...new Set(rare)].map(phrase).join(' AND '));
      confirm.push(t.term);
    } else {
      parts.push(ftsMatch(t.term)!);
    }
  }
  return { match: parts.join(' AND '), confirm };
}

/**
 * The tokens a PostgreSQL GIN containment (`@>`) needs: the rare ones when there are any. A GIN
 * index reads the whole posting list of every token asked for, and a common one (衡阳, 公司) holds
 * a good share of the table; the LIKE recheck that follows confirms every term anyway.
 */
export function ginTokens(tokens: readonly string[], docs: ReadonlyMap<string, number>, rareDocs = RARE_DOCS): string[] {
  const rare = tokens.filter((t) => (docs.get(t) ?? 0) < rareDocs);
  return rare.length > 0 ? rare : [...tokens];
}

/** What the planner needs of a database: to run a written statement (a Kysely instance, or a wrapper that records them). */
type Queries = Pick<Kysely<any>, 'executeQuery'>;

/** A bigram as an FTS5 phrase (quoted, quotes doubled). */
export const phrase = (token: string) => `"${token.replaceAll('"', '""')}"`;

/** Counts rows holding each bigram, up to `cap`: one statement for them all. */
export type BigramProbe = (bigrams: string[], cap: number) => Promise<number[]>;

const TTL_MS = 10 * 60_000;
const KEPT = 20_000;

/**
 * How many rows of one index hold each bigram, counted up to a cap and remembered for a few
 * minutes: the common bigrams (公司, 有限, 网吧 …) are few and asked again and again, and their
 * capped count is the probe's cost. A stale count can only make a plan slower (but for the
 * exception at the top of this file). One per index and database.
 */
export class BigramCounts {
  readonly #probe: BigramProbe;
  readonly #known = new Map<string, { docs: number; cap: number; at: number }>();

  constructor(probe: BigramProbe) {
    this.#probe = probe;
  }

  async get(bigrams: readonly string[], cap: number, now: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const probe: string[] = [];
    for (const b of bigrams) {
      const k = this.#known.get(b);
      // A count below its cap is exact; one at its cap says "at least", enough for a cap no higher.
      if (k && now - k.at < TTL_MS && (k.docs < k.cap || k.cap >= cap)) out.set(b, k.docs);
      else probe.push(b);
    }
    if (probe.length === 0) return out;
    const counts = await this.#probe(probe, cap);
    for (const [i, b] of probe.entries()) {
      const docs = counts[i] ?? 0;
      out.set(b, docs);
      this.#known.delete(b);
      this.#known.set(b, { docs, cap, at: now });
    }
    while (this.#known.size > KEPT) this.#known.delete(this.#known.keys().next().value!);
    return out;
  }
}

/**
 * The `BigramCounts` of an FTS5 table (column `tokens`) of one SQLite database, made on first use:
 * all the bigrams asked at once go in one statement, each counted up to the cap.
 */
export function ftsBigramCounts(db: Queries, table: string): BigramCounts {
  let byTable = COUNTS.get(db);
  if (!byTable) COUNTS.set(db, (byTable = new Map()));
  let counts = byTable.get(table);
  if (!counts) {
    counts = new BigramCounts(async (bigrams, cap) => {
      const each = bigrams.map((_, i) => `(select count(*) from (select 1 from "${table}" where tokens match ? limit ${Number(cap)}) t) as c${i}`);
      const row = (await db.executeQuery<Record<string, number | string>>(CompiledQuery.raw(`select ${each.join(', ')}`, bigrams.map(phrase)))).rows[0] ?? {};
      return bigrams.map((_, i) => Number(row[`c${i}`] ?? 0));
    });
    byTable.set(table, counts);
  }
  return counts;
}

const COUNTS = new WeakMap<object, Map<string, BigramCounts>>();

/**
 * PostgreSQL's own statistics of a `text[]` token column (`pg_stats.most_common_elems`, kept by
 * ANALYZE and autovacuum): roughly how many rows hold each common token. Counting a common token
 * through its GIN posting list costs tens of milliseconds at a million rows; these cost one small
 * query per ten minutes. A token absent from the list is rarer than every one in it, so it counts
 * as rare; with no statistics yet (a new table) every token does, and the plan is the plain GIN one.
 */
export async function pgTokenDocs(db: Queries, table: string, column: string, now: number): Promise<{ rows: number; docs: (token: string) => number }> {
  let byTable = PG_STATS.get(db);
  if (!byTable) PG_STATS.set(db, (byTable = new Map()));
  const key = `${table}.${column}`;
  let known = byTable.get(key);
  if (!known || now - known.at >= TTL_MS) {
    const row = (
      await db.executeQuery<{ elems: string[] | null; freqs: number[] | null; rows: number | string | null }>(
        CompiledQuery.raw(
          `select s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs as freqs,
                  (select c.reltuples from pg_class c where c.oid = to_regclass(quote_ident(s.schemaname) || '.' || quote_ident(s.tablename))) as rows
           from pg_stats s where s.schemaname = current_schema() and s.tablename = $1 and s.attname = $2`,
          [table, column],
        ),
      )
    ).rows[0];
    const rows = Math.max(0, Number(row?.rows ?? 0));
    const docs = new Map<string, number>();
    // The frequencies end with three more: the least and greatest frequency, and that of nulls.
    for (const [i, e] of (row?.elems ?? []).entries()) docs.set(e, Math.round(Number(row!.freqs![i] ?? 0) * rows));
    known = { at: now, rows, docs };
    byTable.set(key, known);
  }
  const { rows, docs } = known;
  return { rows, docs: (t) => docs.get(t) ?? 0 };
}

const PG_STATS = new WeakMap<object, Map<string, { at: number; rows: number; docs: Map<string, number> }>>();

/** Forgets what was read of a database's statistics (after an ANALYZE that should count now). */
export function forgetTokenStats(db: object): void {
  PG_STATS.delete(db);
}
