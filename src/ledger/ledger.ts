import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import type { Clock } from '../kernel/clock.ts';
import type { Engine, Tx } from '../store/db.ts';
import { chainHash, entryLeaf, ZERO_HASH, type Envelope } from './envelope.ts';
import { CompactRange } from './merkle/index.ts';
import { nodeReader, storeNodes } from './tree-store.ts';

/** An event as stored: the envelope plus its leaf and chain hash. */
export interface StoredEvent extends Envelope {
  leaf: Buffer;
  hash: Buffer;
}

export interface AppendInput {
  log: string;
  actor: string;
  type: string;
  subject: string | null;
  data: Record<string, unknown>;
}

/**
 * Applies one event's effect to the projection tables, inside the append's transaction.
 * Must depend on nothing but the event and the tables (no clock, no randomness), because
 * rebuilding the projections replays the same events through the same function.
 */
export type Projector = (trx: Tx, event: StoredEvent) => Promise<void>;

/**
 * What a capability contributes to the ledger: its projection tables (in the order they may be
 * filled: parents first) and a projector for every event type it appends. `null` marks an event
 * that changes no projection (security events such as a failed login).
 */
export interface ProjectionModule {
  tables: readonly string[];
  projectors: Readonly<Record<string, Projector | null>>;
  /**
   * Empties what the projectors maintain besides `tables` — search indexes, which are not tables
   * on every engine — before a rebuild replays the events.
   */
  reset?: (trx: Tx) => Promise<void>;
}

export const PLATFORM_LOG = 'platform';
export const PLATFORM_ORIGIN = 'sanxiang/platform';

/** The checkpoint origin line of an agency's log. */
export function agencyOrigin(code: string): string {
  return `sanxiang/${code}`;
}

export class UnknownEventTypeError extends Error {
  constructor(type: string) {
    super(`No projector is registered for event type "${type}"`);
  }
}

/**
 * The single append path. Every state change of the platform goes through `append`, in the same
 * transaction as its effect on the projections, so the record and what the UI shows never part.
 */
export class Ledger {
  private readonly projectors = new Map<string, Projector | null>();
  /**
   * The peaks of each log's tree as of the head that produced them, so that an append need not
   * read popcount(size) nodes back (on PostgreSQL, round trips inside the head-row lock). An
   * entry is used only when the locked head row shows exactly its `seq` and `hash`. The chain
   * hash commits to every leaf before it, so equal (seq, hash) means an equal history and equal
   * peaks: an entry written by a transaction that later rolled back, by an append that another
   * instance has since overtaken, or before a rollback to a savepoint, can only match a head with
   * that same history — anything else reads the stored nodes as before (and refreshes the entry).
   */
  private readonly frontiers = new Map<string, { seq: number; hash: Buffer; peaks: Buffer[] }>();
  readonly projectionTables: readonly string[];
  readonly projectionResets: readonly ((trx: Tx) => Promise<void>)[];

  constructor(
    private readonly engine: Engine,
    private readonly clock: Clock,
    modules: readonly ProjectionModule[],
  ) {
    for (const m of modules) {
      for (const [type, p] of Object.entries(m.projectors)) {
        if (this.projectors.has(type)) throw new Error(`Event type "${type}" registered twice`);
        this.projectors.set(type, p);
      }
    }
    this.projectionTables = modules.flatMap((m) => m.tables);
    this.projectionResets = modules.flatMap((m) => (m.reset ? [m.reset] : []));
  }

  /** Creates a log (the platform log, or an agency's at its creation). */
  async openLog(trx: Tx, log: { id: string; origin: string; agencyId: string | null }): Promise<void> {
    await trx
      .insertInto('logs')
      .values({
        id: log.id,
        origin: log.origin,
        agency_id: log.agencyId,
        created_at: this.clock.now().toISOString(),
        head_seq: 0,
        head_hash: ZERO_HASH,
      })
      .execute();
  }

  /**
   * Appends an event to its log and applies it to the projections. The log's head row is locked
   * for the rest of the transaction (PostgreSQL `FOR UPDATE`; SQLite has one writer anyway), so
   * `seq` has no gaps and appends to different logs never wait on each other.
   */
  async append(trx: Tx, input: AppendInput): Promise<StoredEvent> {
    const projector = this.projectors.get(input.type);
    if (projector === undefined) throw new UnknownEventTypeError(input.type);

    let headQuery = trx.selectFrom('logs').select(['head_seq', 'head_hash']).where('id', '=', input.log);
    if (this.engine === 'postgres') headQuery = headQuery.forUpdate();
    const head = await headQuery.executeTakeFirst();
    if (!head) throw new Error(`No such log: ${input.log}`);

    // The data is stored canonically and projected from its parsed form, so what the projector
    // sees now is exactly what a rebuild will see later.
    const dataText = canonicalize(input.data);
    if (dataText === undefined) throw new Error('event data cannot be serialised');
    const size = Number(head.head_seq);
    const headHash = Buffer.from(head.head_hash);
    const envelope: Envelope = {
      v: 1,
      log: input.log,
      seq: size + 1,
      at: this.clock.now().toISOString(),
      actor: input.actor,
      type: input.type,
      subject: input.subject,
      data: JSON.parse(dataText) as Record<string, unknown>,
    };
    const leaf = entryLeaf(envelope, dataText);
    const link = chainHash(headHash, leaf);

    await trx
      .insertInto('events')
      .values({
        log_id: envelope.log,
        seq: envelope.seq,
        at: envelope.at,
        actor: envelope.actor,
        type: envelope.type,
        subject: envelope.subject,
        data: dataText,
        leaf,
        hash: link,
      })
      .execute();
    await trx
      .updateTable('logs')
      .set({ head_seq: envelope.seq, head_hash: link })
      .where('id', '=', envelope.log)
      .execute();
    // The leaf joins the log's Merkle tree (leaf index = seq − 1); the perfect subtrees it
    // completes are stored now, so roots and proofs never need the whole tree recomputed.
    const known = this.frontiers.get(envelope.log);
    const range =
      known && known.seq === size && known.hash.equals(headHash)
        ? new CompactRange(size, known.peaks)
        : await CompactRange.fromReader(nodeReader(trx, envelope.log), size);
    await storeNodes(trx, envelope.log, range.append(leaf));
    this.frontiers.set(envelope.log, { seq: envelope.seq, hash: link, peaks: range.peaks() });

    const event: StoredEvent = { ...envelope, leaf, hash: link };
    if (projector) await projector(trx, event);
    return event;
  }

  /** Replays one stored event through its projector (used by the rebuild). */
  async project(trx: Tx, event: StoredEvent): Promise<void> {
    const projector = this.projectors.get(event.type);
    if (projector === undefined) throw new UnknownEventTypeError(event.type);
    if (projector) await projector(trx, event);
  }
}

/** Reads a stored row back into an event. */
export function rowToEvent(row: {
  log_id: string;
  seq: number;
  at: string;
  actor: string;
  type: string;
  subject: string | null;
  data: string;
  leaf: Buffer;
  hash: Buffer;
}): StoredEvent {
  return {
    v: 1,
    log: row.log_id,
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    type: row.type,
    subject: row.subject,
    data: JSON.parse(row.data) as Record<string, unknown>,
    leaf: Buffer.from(row.leaf),
    hash: Buffer.from(row.hash),
  };
}

/** Number of events in all logs (a cheap "is this database empty?" check). */
export async function countEvents(trx: Tx | import('../store/db.ts').Db): Promise<number> {
  const r = await trx.selectFrom('events').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
