/**
 * Seeding a store with rows written directly, for the generators (generate-cases.ts,
 * generate-publications.ts). Apart from common.ts so that light benchmarks do not load the drivers.
 */
import Sqlite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';

/**
 * A second connection to a SQLite store for seeding (WAL, no fsync while seeding), with a
 * prepared INSERT per table and column list.
 */
export function seedingSqlite(file: string, cacheMb: number): { raw: Sqlite.Database; insert(table: string, cols: readonly string[]): Sqlite.Statement } {
  const raw = new Sqlite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  raw.pragma(`cache_size = -${cacheMb * 1024}`);
  raw.pragma('busy_timeout = 5000');
  return { raw, insert: (table, cols) => raw.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`) };
}

/**
 * PostgreSQL: one INSERT … SELECT FROM json_populate_recordset for a table's rows, sent as one
 * JSON text parameter (node-pg's text[] parameters are several times slower to build and parse).
 */
export async function insertJsonRows(trx: Kysely<any>, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
  await sql`INSERT INTO ${sql.table(table)} (${cols}) SELECT ${cols} FROM json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(trx);
}
