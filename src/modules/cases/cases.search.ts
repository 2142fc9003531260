import { sql, type Kysely } from 'kysely';
import { engineOf, type Tx } from '../../store/db.ts';
import { ftsMatch, likePatterns, pgTokens, searchText, searchTokens } from '../../search/chinese.ts';

/**
 * The case list's `q` (party name, case number, cause): a bigram index kept beside the case row
 * (src/search/chinese.ts). SQLite: the FTS5 table `case_search`, rowid = the case row's rowid, so
 * walking the index newest-first is walking the cases newest-first. PostgreSQL: `cases.search_tokens`
 * (text[], GIN) narrows, a LIKE on the columns confirms.
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
  const rowid = sql`(select rowid from cases where id = ${id})`;
  if (replacing) await sql`delete from case_search where rowid = ${rowid}`.execute(trx);
  await sql`insert into case_search (rowid, tokens) values (${rowid}, ${searchText(...fieldsOf(f))})`.execute(trx);
}

/** Empties the SQLite index before a projection rebuild (PostgreSQL's lives in the cases rows). */
export async function resetCaseSearch(trx: Tx): Promise<void> {
  if (engineOf(trx) === 'sqlite') await sql`delete from case_search`.execute(trx);
}

/** Builds the index for every existing case (the migration that introduced it). */
export async function indexAllCases(db: Kysely<any>): Promise<void> {
  const pg = engineOf(db) === 'postgres';
  const BATCH = 2000;
  let last = '';
  for (;;) {
    const rows = (await sql<{ id: string; party_name: string; case_no: string | null; cause: string }>`select id, party_name, case_no, cause from cases where id > ${last} order by id limit ${BATCH}`.execute(db)).rows;
    for (const r of rows) {
      const f = { partyName: r.party_name, caseNo: r.case_no, cause: r.cause };
      if (pg) await sql`update cases set search_tokens = ${searchTokens(...fieldsOf(f))} where id = ${r.id}`.execute(db);
      else await sql`insert into case_search (rowid, tokens) values ((select rowid from cases where id = ${r.id}), ${searchText(...fieldsOf(f))})`.execute(db);
    }
    if (rows.length < BATCH) return;
    last = rows[rows.length - 1]!.id;
  }
}

/** What a `q` needs from the list query on each engine; null when the query has nothing searchable. */
export type CaseSearch = { engine: 'sqlite'; match: string } | { engine: 'postgres'; tokens: string[] | null; likes: string[] };

export function caseSearchOf(engine: 'sqlite' | 'postgres', q: string): CaseSearch | null {
  if (engine === 'sqlite') {
    const match = ftsMatch(q);
    return match === null ? null : { engine, match };
  }
  const likes = likePatterns(q);
  return likes.length === 0 ? null : { engine, tokens: pgTokens(q), likes };
}
