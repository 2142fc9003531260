/**
 * Group commit for SQLite: transactions that wait for the single writer connection while another
 * runs join its SQLite transaction instead of each paying its own durable COMMIT (one WAL
 * fdatasync with `synchronous=FULL`).
 *
 * - Each Kysely transaction (and each write outside one) is a *member*: `SAVEPOINT` when it gets
 *   the writer, `RELEASE` when its callback succeeds, `ROLLBACK TO` + `RELEASE` when it fails —
 *   a failure undoes that member alone. A member runs alone on the writer from its start to its
 *   end, exactly as a transaction ran alone behind Kysely's connection mutex before.
 * - When a member ends, the writer goes to the next transaction waiting for it, inside the same
 *   SQLite transaction, unless the group is full (`maxMembers`) or its first finished member has
 *   waited long enough (`maxMillis`): then the group COMMITs first. When nobody waits, the
 *   group COMMITs once the event loop has read what arrived meanwhile (see `endTurn`).
 * - A member's promise — `db.transaction().execute()`, or the write's `execute()` — settles only
 *   after that COMMIT: resolved if it succeeded, rejected for every member if it failed or if the
 *   SQLite transaction was lost (an error that rolls back the whole transaction, such as
 *   SQLITE_FULL, ends the group: every member not yet acknowledged fails with it).
 * - Plain reads outside a transaction (`select`/`with` statements SQLite reports read-only) run
 *   on a second connection, which in WAL mode sees only committed transactions: a request never
 *   shows another's released-but-uncommitted rows. Without a second connection (`:memory:`)
 *   such a read is a member too, and its rows are delivered only after their COMMIT.
 *
 * Crash safety: nothing a member wrote is durable before the group's COMMIT returns (WAL,
 * synchronous=FULL: the commit record is fdatasync'ed by then), and no member is acknowledged
 * before that. A crash before or during the COMMIT loses the whole group — none of it was
 * acknowledged — and SQLite's recovery discards the uncommitted frames, so the database is the
 * one of the previous COMMIT: every acknowledged event, with its tree nodes and projections,
 * which were written in the same member. A failed member's writes were rolled back to its
 * savepoint before anyone else ran, so a COMMIT never carries them.
 *
 * One rule follows (beside the old one, that a transaction's callback must not start another
 * transaction and wait for it): a transaction's callback must not wait for *another* transaction
 * of this process to be acknowledged, which now happens only when the group commits, after the
 * callback ends.
 */
import type Sqlite from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type SqliteDatabase,
} from 'kysely';

export interface GroupCommitOptions {
  /** Commit once a group has this many members… */
  maxMembers?: number;
  /** …or once its first member has waited this long for the COMMIT (checked when a member ends). */
  maxMillis?: number;
}

/** What the groups did so far (tests and benchmarks read it). */
export interface GroupCommitStats {
  /** COMMITs of groups (a group whose members all failed commits nothing, but counts). */
  commits: number;
  /** Members acknowledged by those COMMITs. */
  members: number;
  /** Groups whose COMMIT failed or whose transaction was lost. */
  failedGroups: number;
}

interface Group {
  members: number;
  /** When its first member ended: the longest any member has waited for the COMMIT. */
  firstDone: number | null;
  done: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

type Prepare = SqliteDatabase['prepare'];

export class GroupCommitSqliteDialect implements Dialect {
  readonly driver: GroupCommitDriver;
  constructor(writer: Sqlite.Database, writerPrepare: Prepare, reader: { db: Sqlite.Database; prepare: Prepare } | null, options: GroupCommitOptions = {}) {
    this.driver = new GroupCommitDriver(writer, writerPrepare, reader, options);
  }
  createDriver(): Driver {
    return this.driver;
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

const PLAIN_READ = /^\s*(select|with)\b/i;

export class GroupCommitDriver implements Driver {
  readonly stats: GroupCommitStats = { commits: 0, members: 0, failedGroups: 0 };
  readonly #maxMembers: number;
  readonly #maxMillis: number;
  #turnHeld = false;
  readonly #waiting: Array<() => void> = [];
  #group: Group | null = null;
  #commitScheduled = false;

  constructor(
    private readonly writer: Sqlite.Database,
    private readonly writerPrepare: Prepare,
    private readonly reader: { db: Sqlite.Database; prepare: Prepare } | null,
    options: GroupCommitOptions,
  ) {
    this.#maxMembers = options.maxMembers ?? 64;
    this.#maxMillis = options.maxMillis ?? 20;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new MemberConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as MemberConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as MemberConnection).commit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as MemberConnection).rollback();
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${ident(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${ident(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${ident(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // Kysely releases after commit or rollback; a member still open here never got either.
    (connection as MemberConnection).rollback();
  }

  async destroy(): Promise<void> {
    // A group whose members have all ended commits; one still running (unacknowledged) is
    // rolled back by SQLite when the connection closes, as with Kysely's own driver.
    if (this.#group && !this.#turnHeld) this.#endGroup();
    this.writer.close();
    this.reader?.db.close();
  }

  /** Runs a statement on the writer (the caller holds the turn) or, for a plain read outside a transaction, on the reader. */
  run(query: CompiledQuery, onWriter: boolean): QueryResult<unknown> {
    // After an error that made SQLite roll back the whole transaction, a member's next statement
    // would run in autocommit, outside the group; refuse it (the member then fails).
    if (onWriter && !this.writer.inTransaction) throw new Error('the SQLite transaction of this group was lost');
    const stmt = onWriter ? this.writerPrepare(query.sql) : this.reader!.prepare(query.sql);
    if (stmt.reader) return { rows: stmt.all(query.parameters) };
    const { changes, lastInsertRowid } = stmt.run(query.parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  /** Streams a select: on the writer inside a transaction, else on the reader (or the writer without one). */
  *iterate(query: CompiledQuery, onWriter: boolean): Generator<unknown> {
    const stmt = onWriter ? this.writerPrepare(query.sql) : this.reader!.prepare(query.sql);
    yield* stmt.iterate(query.parameters);
  }

  /** Whether a statement outside a transaction can run on the reader. */
  readsOnly(query: CompiledQuery): boolean {
    return this.reader !== null && PLAIN_READ.test(query.sql) && (this.reader.prepare(query.sql) as Sqlite.Statement).readonly;
  }

  /** Waits for the writer (first come, first served). */
  takeTurn(): Promise<void> {
    if (!this.#turnHeld) {
      this.#turnHeld = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /**
   * Starts a member: opens the group's SQLite transaction if none is open, then the member's
   * savepoint. Members never overlap, so one savepoint name serves them all (and the statements
   * stay in the statement cache).
   */
  startMember(): { savepoint: string; group: Group } {
    if (!this.#group) {
      this.exec('begin');
      let resolve!: () => void;
      let reject!: (err: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // A group may fail before any member awaits it; the members that do still get the error.
      done.catch(() => {});
      this.#group = { members: 0, firstDone: null, done, resolve, reject };
    }
    const savepoint = 'sanxiang_member';
    this.exec(`savepoint ${savepoint}`);
    return { savepoint, group: this.#group };
  }

  /** A member succeeded: its savepoint is folded into the group, which it then waits for. */
  memberDone(savepoint: string, group: Group): void {
    this.exec(`release ${savepoint}`);
    group.members++;
    group.firstDone ??= performance.now();
  }

  /** A member failed: undo it alone, unless SQLite already rolled the whole transaction back. */
  memberFailed(savepoint: string, group: Group): void {
    if (this.#group !== group) return;
    if (this.writer.inTransaction) {
      try {
        this.exec(`rollback to ${savepoint}`);
        this.exec(`release ${savepoint}`);
        return;
      } catch (err) {
        this.#failGroup(err);
        return;
      }
    }
    this.#failGroup(new Error('SQLite rolled back the whole transaction after an error; every transaction in it is lost'));
  }

  /**
   * The turn holder is done. A full or old group commits now; otherwise the writer goes to the
   * next transaction in line, inside the same group. With nobody in line the COMMIT waits for
   * the event loop's next check phase: better-sqlite3 runs a whole transaction without yielding,
   * so the requests that arrived meanwhile only start theirs once the loop has read them — and
   * they then join this group instead of each waiting for a COMMIT of its own.
   */
  endTurn(): void {
    const g = this.#group;
    if (g && (g.members >= this.#maxMembers || (g.firstDone !== null && performance.now() - g.firstDone >= this.#maxMillis))) this.#endGroup();
    const next = this.#waiting.shift();
    if (next) {
      next();
      return;
    }
    this.#turnHeld = false;
    if (this.#group && !this.#commitScheduled) {
      this.#commitScheduled = true;
      setImmediate(() => {
        this.#commitScheduled = false;
        // A transaction that took the writer meanwhile ends the group later (its own endTurn).
        if (this.#group && !this.#turnHeld && this.writer.open) this.#endGroup();
      });
    }
  }

  #endGroup(): void {
    const g = this.#group!;
    this.#group = null;
    try {
      if (!this.writer.inTransaction) throw new Error('the SQLite transaction of this group was lost');
      this.exec('commit');
    } catch (err) {
      this.#rollbackQuietly();
      this.stats.failedGroups++;
      g.reject(err);
      return;
    }
    this.stats.commits++;
    this.stats.members += g.members;
    g.resolve();
  }

  #failGroup(err: unknown): void {
    const g = this.#group!;
    this.#group = null;
    this.#rollbackQuietly();
    this.stats.failedGroups++;
    g.reject(err);
  }

  #rollbackQuietly(): void {
    try {
      if (this.writer.inTransaction) this.exec('rollback');
    } catch {
      // Nothing more to undo: SQLite ended the transaction itself.
    }
  }

  exec(sql: string): void {
    this.writerPrepare(sql).run([]);
  }
}

/** One Kysely connection: a transaction at a time on the writer, or single statements. */
class MemberConnection implements DatabaseConnection {
  #member: { savepoint: string; group: Group } | null = null;

  constructor(private readonly driver: GroupCommitDriver) {}

  async begin(): Promise<void> {
    await this.driver.takeTurn();
    try {
      this.#member = this.driver.startMember();
    } catch (err) {
      this.driver.endTurn();
      throw err;
    }
  }

  /** Ends the member and waits until its group is durably committed (or failed). */
  async commit(): Promise<void> {
    const m = this.#member;
    if (!m) throw new Error('commit outside a transaction');
    this.#member = null;
    try {
      this.driver.memberDone(m.savepoint, m.group);
    } catch (err) {
      this.driver.memberFailed(m.savepoint, m.group);
      this.driver.endTurn();
      throw err;
    }
    this.driver.endTurn();
    await m.group.done;
  }

  rollback(): void {
    const m = this.#member;
    if (!m) return; // already ended (e.g. its group's COMMIT failed: Kysely then rolls back)
    this.#member = null;
    this.driver.memberFailed(m.savepoint, m.group);
    this.driver.endTurn();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#member) return this.driver.run(query, true) as QueryResult<R>;
    if (this.driver.readsOnly(query)) return this.driver.run(query, false) as QueryResult<R>;
    // Anything else outside a transaction is a one-statement member.
    await this.begin();
    let result: QueryResult<unknown>;
    try {
      result = this.driver.run(query, true);
    } catch (err) {
      this.rollback();
      throw err;
    }
    await this.commit();
    return result as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!this.#member && !this.driver.readsOnly(query)) {
      // A stream outside a transaction that cannot use the reader: its rows come after their COMMIT.
      const rows = (await this.executeQuery<R>(query)).rows;
      for (const row of rows) yield { rows: [row] };
      return;
    }
    for (const row of this.driver.iterate(query, !!this.#member)) yield { rows: [row as R] };
  }
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
