import { sql } from 'kysely';
import { indexAllCases } from '../../modules/cases/cases.search.ts';
import type { EngineMigration } from './types.ts';

/**
 * The case list's text search at a million cases (docs/performance.md, "Penalty cases"): a
 * character-bigram index of party name, case number and cause (src/search/chinese.ts), so 2-character
 * words (网吧) are found as well as phrases, and a page walks the index instead of every row.
 */
export const caseSearch: EngineMigration = {
  async up(db, engine) {
    if (engine === 'sqlite') {
      // Contentless: the index only (the text is in `cases`); contentless_delete lets a row be re-indexed.
      await sql`create virtual table case_search using fts5(tokens, tokenize = 'unicode61', content = '', contentless_delete = 1)`.execute(db);
    } else {
      await sql`alter table cases add column search_tokens text[] not null default '{}'`.execute(db);
      await sql`create index cases_search_tokens on cases using gin (search_tokens)`.execute(db);
    }
    await indexAllCases(db);
  },
};
