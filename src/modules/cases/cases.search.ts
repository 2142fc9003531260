import { sql, type Kysely } from 'kysely';
import { engineOf, type Db, type Tx } from '../../store/db.ts';
import { likePatterns, pgTokens, searchText, searchTokens } from '../../search/chinese.ts';
import { ftsBigramCounts, ftsPlan, ginTokens, pgTokenDocs, plannedBigrams, RARE_DOCS } from '../../search/plan.ts';

/**
 * The case list's `q` (party name, case number, cause): a bigram index kept beside the case row
 * (src/search/chinese.ts). SQLite: the FTS5 table `case_search`, rowid = MINUS the case row's
 * rowid, so walking the index in ascending order is walking the cases newest-first. Ascending, because
 * FTS5 walks a doclist backwards only by loading it whole: a phrase of common bigrams (衡阳, 阳市 …)
 * read in descending order cost 12 ms at 300k rows against 0.8 ms ascending (measured here).
 * PostgreSQL: `cases.search_tokens` (text[], GIN) narrows, a LIKE on the columns confirms.
 */
export interface CaseSearchFields {
  partyName: string;
  caseNo: string | null;
  cause: string;
}

const fieldsOf = (f: CaseSearchFields) => [f.partyName, f.caseNo, f.cause] as const;

/** Indexes (or re-indexes) one case row after its searched columns changed. */
export async function indexCase(trx: Tx, id: string, f: CaseSearchFields, replacing: boolean): Promise<void> {
  if (engineOf(trx) === 'postgres') {
    await sql`update cases set search_tokens = ${searchTokens(...fieldsOf(f))} where id = ${id}`.execute(trx);
    return;
  }
  const rowid = sql`(select -rowid from cases where id = ${id})`;
  if (replacing) await sql`delete from case_search where rowid = ${rowid}`.execute(trx);
  await sql`insert into case_search (rowid, tokens) values (${rowid}, ${searchText(...fieldsOf(f))})`.execute(trx);
}

/** Empties the SQLite index before a projection rebuild (PostgreSQL's lives in the cases rows). */
export async function resetCaseSearch(trx: Tx): Promise<void> {
  if (engineOf(trx) === 'sqlite') await sql`delete from case_search`.execute(trx);
}

/** Builds the index for every existing case (the migrations that introduced and re-keyed it). */
export async function indexAllCases(db: Kysely<any>): Promise<void> {
  const BATCH = 2000;
  if (engineOf(db) === 'postgres') {
    let last = '';
    for (;;) {
      const rows = (await sql<{ id: string; party_name: string; case_no: string | null; cause: string }>`select id, party_name, case_no, cause from cases where id > ${last} order by id limit ${BATCH}`.execute(db)).rows;
      for (const r of rows) await sql`update cases set search_tokens = ${searchTokens(r.party_name, r.case_no, r.cause)} where id = ${r.id}`.execute(db);
      if (rows.length < BATCH) return;
      last = rows[rows.length - 1]!.id;
    }
  }
  // Newest case first, so the index's rowids (minus the cases') arrive ascending: FTS5 keeps
  // appending to one pending segment instead of flushing at every step back.
  let below = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = (await sql<{ rowid: number; party_name: string; case_no: string | null; cause: string }>`select rowid, party_name, case_no, cause from cases where rowid < ${below} order by rowid desc limit ${BATCH}`.execute(db)).rows;
    for (const r of rows) await sql`insert into case_search (rowid, tokens) values (${-Number(r.rowid)}, ${searchText(r.party_name, r.case_no, r.cause)})`.execute(db);
    if (rows.length < BATCH) return;
    below = Number(rows[rows.length - 1]!.rowid);
  }
}

/**
 * What a `q` needs from the list query on each engine; null when the query has nothing searchable.
 * SQLite: the FTS5 condition, planned by rare bigrams where a long name mixes rare and common ones
 * (src/search/plan.ts), and the terms a hit must then contain in one of its fields. PostgreSQL:
 * the tokens for the GIN index (the rare ones, by the table's statistics) and the LIKE rechecks.
 */
export type CaseSearch = { engine: 'sqlite'; match: string; confirm: string[] } | { engine: 'postgres'; tokens: string[] | null; likes: string[] };

export async function caseSearchOf(db: Db, q: string, rareDocs = RARE_DOCS): Promise<CaseSearch | null> {
  if (engineOf(db) === 'sqlite') {
    const plan = ftsPlan(q, await ftsBigramCounts(db, 'case_search').get(plannedBigrams(q), rareDocs, Date.now()), rareDocs);
    return plan === null ? null : { engine: 'sqlite', ...plan };
  }
  const likes = likePatterns(q);
  if (likes.length === 0) return null;
  const tokens = pgTokens(q);
  if (!tokens) return { engine: 'postgres', tokens, likes };
  const stats = await pgTokenDocs(db, 'cases', 'search_tokens', Date.now());
  return { engine: 'postgres', tokens: ginTokens(tokens, new Map(tokens.map((t) => [t, stats.docs(t)])), rareDocs), likes };
}
