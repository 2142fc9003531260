import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import type { Config } from '../kernel/config.ts';
import type { Database } from './schema.ts';
import { GroupCommitSqliteDialect, type GroupCommitOptions, type GroupCommitStats } from './group-commit.ts';

/** The two engines we run on: SQLite embedded by default, PostgreSQL in production. */
export type Engine = 'sqlite' | 'postgres';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/** The engine behind a connection or transaction (for the few statements spelled per engine, such as search indexes). */
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

export interface Store {
  db: Db;
  engine: Engine;
  /** Where the SQLite file lives, or the PostgreSQL URL (password removed). */
  location: string;
  /** PostgreSQL schema the store works in, when not the default search_path. */
  schema?: string;
  /** SQLite with group commit: what the groups did so far. */
  groupCommit?: GroupCommitStats;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A PostgreSQL connection string; absent means SQLite at `sqlitePath`. */
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  /** PostgreSQL only: run every query with this search_path (tests use one schema each). */
  pgSchema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * SQLite: transactions waiting for the writer share one durable COMMIT (group-commit.ts);
   * default on. `false` runs each transaction alone, as Kysely's own SQLite driver does.
   */
  groupCommit?: boolean | GroupCommitOptions;
  /** SQLite in a file: threads with read-only connections for the portal's reads (read-pool.ts); default 0, reads on the event loop. */
  readThreads?: number;
  /** SQLite: page cache per connection in KiB (the server: PAGE_CACHE_KIB); default SQLite's own (2 MiB). */
  pageCacheKiB?: number;
}

/** Where the platform's data lives: PostgreSQL if configured, else `sanxiang.db` in the data directory. */
export function storeOptionsFor(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'readThreads'>): StoreOptions {
  return { databaseUrl: config.databaseUrl, sqlitePath: path.join(config.dataDir, 'sanxiang.db'), readThreads: config.readThreads };
}

// int8 (sequence numbers, counters) as JS numbers: every value we store is far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function openStore(options: StoreOptions): Store {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      engine: 'postgres',
      location: redactUrl(options.databaseUrl),
      ...(options.pgSchema ? { schema: options.pgSchema } : {}),
      close: () => db.destroy(),
    };
  }
  const file = options.sqlitePath ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Sqlite(file);
  // WAL lets readers (the console, `sanxiang verify`) run beside the writer; FULL makes an
  // acknowledged event survive power loss, which the full-process record promises.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  if (options.pageCacheKiB) sqlite.pragma(`cache_size = -${options.pageCacheKiB}`);
  withSearchFunctions(sqlite);
  if (options.groupCommit === false) {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }) });
    return { db, engine: 'sqlite', location: file, close: () => db.destroy() };
  }
  // Reads outside transactions get a connection of their own, which sees only committed data
  // (a second connection to `:memory:` would be another database: there, none).
  const reader = file === ':memory:' ? null : openReader(file, options.pageCacheKiB);
  const dialect = new GroupCommitSqliteDialect(
    sqlite,
    cachedStatements(sqlite).prepare,
    reader && { db: reader, prepare: cachedStatements(reader).prepare },
    options.groupCommit === true ? {} : options.groupCommit,
  );
  const db = new Kysely<Database>({ dialect });
  return { db, engine: 'sqlite', location: file, groupCommit: dialect.driver.stats, close: () => db.destroy() };
}

/**
 * The server's SQLite page cache per connection, in KiB (`sanxiang start`: its two connections
 * and each reading thread's): 64 MiB where SQLite's default is 2 MiB. Pages are taken only as
 * they are read, so a small store uses little; a large one keeps its hot index pages instead of
 * fetching them from the OS on every query (the portal's searches at a million decisions: ~3,400
 * → ~5,100 a second, docs/performance.md). The one-pass commands (`verify`, imports) keep the
 * default: a cache would only hold pages they never read again, against verify's memory bound.
 */
export const PAGE_CACHE_KIB = 64 * 1024;

/** A read-only connection to the store's file: the one beside the writer, and each reading thread's (read-pool.ts). */
export function openReader(file: string, pageCacheKiB?: number): Sqlite.Database {
  // readonly: the file refuses writes whatever the code says (query_only is a pragma the connection could undo).
  const reader = new Sqlite(file, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  reader.pragma('query_only = ON');
  if (pageCacheKiB) reader.pragma(`cache_size = -${pageCacheKiB}`);
  withSearchFunctions(reader);
  return reader;
}

/** How many prepared statements a SQLite store keeps: `IN (…)` lists of varying length make the SQL text vary. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew, and better-sqlite3 then parses and plans the
 * SQL each time — about 40 % of an append's CPU. Statements are reused by their SQL text instead
 * (least recently used dropped beyond `max`). Reuse is safe because a connection runs one
 * statement at a time (better-sqlite3 is synchronous; Kysely's mutex or the group-commit writer's
 * turn keeps transactions apart); the one exception is a statement still open in `iterate()` (a
 * streamed query), which is busy until its iterator finishes, so a fresh one is prepared beside it.
 */
export function cachedStatements(sqlite: Sqlite.Database, max = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, Sqlite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached) {
        if (cached.busy) return sqlite.prepare(sql);
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://…';
  }
}

/**
 * Locks an aggregate's row for the rest of the transaction, so that the version check that
 * follows is not raced by a concurrent writer (PostgreSQL `FOR UPDATE`; SQLite runs one write
 * transaction at a time already).
 */
export async function lockRow(trx: Tx, engine: Engine, table: 'agencies' | 'units' | 'users' | 'officers', id: string): Promise<void> {
  if (engine !== 'postgres') return;
  await trx.selectFrom(table as 'agencies').select('id').where('id', '=', id).forUpdate().execute();
}

/** A unique constraint refused the write (a concurrent request won the race). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * `search_norm(text)`: the text as the search index sees it (NFKC, lower case — src/search/chinese.ts),
 * so that a substring check of a stored column agrees with the index: a name pasted from a PDF with
 * Kangxi radicals (⽹) is indexed as 网 and must be confirmed as 网. PostgreSQL has `normalize(…, NFKC)`.
 */
function withSearchFunctions(sqlite: Sqlite.Database): void {
  sqlite.function('search_norm', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.normalize('NFKC').toLowerCase() : text));
}
