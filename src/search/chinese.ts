/**
 * Chinese full-text search without a dictionary: every run of CJK characters is indexed as its
 * overlapping character bigrams, every latin/digit run as a lower-cased word. A query term of n
 * characters then needs all of its n−1 bigrams; on SQLite an FTS5 phrase makes them adjacent
 * (an exact substring match), on PostgreSQL a GIN `text[]` containment narrows the rows and a
 * LIKE on the text confirms them.
 *
 * Why bigrams rather than FTS5's `trigram` tokenizer or jieba: trigrams cannot find the
 * 2-character words people actually type (网吧, 演出), and a segmenter finds only the words its
 * dictionary cuts the same way in text and query (皮影戏 vs 皮影). Bigrams find every substring of
 * two or more characters, whatever the dictionary; a single character is served by a prefix query.
 */

/** A run of CJK ideographs (including extension A and compatibility ideographs). */
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
/** A run of letters or digits that is not CJK (latin words, numbers, credit codes). */
const WORD_RUN = /[\p{L}\p{N}]+/gu;
const IS_CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** The most terms a query may have; the rest are ignored (a search box, not a document). */
const MAX_TERMS = 8;

function cjkTokens(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** One field's tokens in order (a CJK run's bigrams, then the next run's…). */
function tokensOf(text: string): string[] {
  const out: string[] = [];
  // Normalise full-width latin/digits (ＡＢＣ１２３) to half-width first, as people type either.
  const normal = text.normalize('NFKC').toLowerCase();
  for (const m of normal.matchAll(WORD_RUN)) {
    const run = m[0];
    if (!IS_CJK.test(run)) {
      out.push(run);
      continue;
    }
    // A mixed run (网吧A区): CJK parts as bigrams, the rest as words.
    let last = 0;
    for (const c of run.matchAll(CJK_RUN)) {
      if (c.index! > last) out.push(run.slice(last, c.index));
      out.push(...cjkTokens(c[0]));
      last = c.index! + c[0].length;
    }
    if (last < run.length) out.push(run.slice(last));
  }
  return out;
}

/** The distinct tokens of a document's fields: what the index stores (FTS5 text joined by spaces, or a PostgreSQL text[]). */
export function searchTokens(...fields: (string | null | undefined)[]): string[] {
  const all = new Set<string>();
  for (const f of fields) if (f) for (const t of tokensOf(f)) all.add(t);
  return [...all];
}

/**
 * The indexed text for SQLite FTS5 (tokenize 'unicode61'): tokens in document order, fields
 * separated, so a phrase matches only characters that are adjacent in one field.
 */
export function searchText(...fields: (string | null | undefined)[]): string {
  return fields
    .filter((f): f is string => !!f)
    .map((f) => tokensOf(f).join(' '))
    .join(' \u0001 ');
}

/** The query's terms (split on whitespace and punctuation), each with its tokens. */
export function queryTerms(q: string): { term: string; tokens: string[] }[] {
  const terms = q
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, MAX_TERMS);
  return terms.map((term) => ({ term, tokens: tokensOf(term) })).filter((t) => t.tokens.length > 0);
}

const quote = (token: string) => `"${token.replaceAll('"', '""')}"`;

/**
 * The FTS5 MATCH expression for a query: each term a phrase of its tokens (adjacent = substring),
 * all terms required; a lone CJK character or a short word becomes a prefix query. Null when the
 * query has nothing to search for.
 */
export function ftsMatch(q: string): string | null {
  const parts = queryTerms(q).map(({ term, tokens }) => {
    if (tokens.length === 1 && [...term].length === 1) return `${quote(tokens[0]!)}*`;
    if (tokens.length === 1 && !IS_CJK.test(term)) return `${quote(tokens[0]!)}*`;
    return tokens.map(quote).join(' + ');
  });
  return parts.length === 0 ? null : parts.join(' AND ');
}

/**
 * The tokens a PostgreSQL row's `text[]` must contain for a query (GIN `@>`); single characters
 * and latin prefixes cannot be looked up exactly and are left to the LIKE recheck. Null when no
 * token narrows the search.
 */
export function pgTokens(q: string): string[] | null {
  const out = new Set<string>();
  for (const { term, tokens } of queryTerms(q)) {
    if ([...term].length === 1) continue;
    if (tokens.length === 1 && !IS_CJK.test(term)) continue; // latin words match as prefixes
    for (const t of tokens) out.add(t);
  }
  return out.size === 0 ? null : [...out];
}

/**
 * `%term%` patterns that a matching text contains, for the recheck. Terms hold only letters and
 * digits (queryTerms split on everything else), so nothing needs LIKE-escaping.
 */
export function likePatterns(q: string): string[] {
  return queryTerms(q).map(({ term }) => `%${term}%`);
}
