import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { PLATFORM_LOG } from '../../ledger/ledger.ts';
import type { Db, Tx } from '../../store/db.ts';
import type { FeedAttempt, FeedAttemptOutcome, FeedDelivery, FeedDeliveryPage, FeedKind, FeedStatus } from '../../shared/feed.ts';
import { agenciesVisible, requireAccess } from '../identity/access.service.ts';
import type { Principal } from '../identity/access.policy.ts';
import type { FeedOutboxTable } from './feed.tables.ts';
import type { Selectable } from 'kysely';

/*
 * The outbound feed to the city's unified platform (issue 8, "Open data").
 *
 * The outbox is OPERATIONAL state, not a projection: what was sent when, and what the receiver
 * answered, is a fact about the network, not about the agency's acts, and a rebuild must not
 * replay deliveries. Nothing is lost for that: `enqueueFeed` writes the row in the transaction
 * that appends the event it reports, so the item exists exactly when the event does (a rolled
 * back publication leaves no item; a committed one always has its item). The event itself stays
 * in the ledger as the record; the feed is a copy sent to someone else.
 */

export type FeedRow = Selectable<FeedOutboxTable>;

/** An item of the feed: what H1's publication service reports when it publishes, corrects or withdraws. */
export interface FeedItem {
  agencyId: string;
  kind: FeedKind;
  subject: string;
  payload: unknown;
}

/**
 * enqueueFeed writes an outbox row in the caller's transaction (it commits or rolls back with
 * the publication). The body is fixed now — `{id, type, agency, subject, occurredAt, data}`,
 * canonical JSON (RFC 8785) — so every attempt sends the same bytes under the same
 * `Idempotency-Key` (= `id`).
 *
 * Order per agency: the row is inserted while holding the agency log's head row (the lock every
 * append to the agency takes first; PostgreSQL `FOR UPDATE`, SQLite has one writer), so within an
 * agency outbox ids are allocated in commit order and the worker's id order is the order of events.
 */
export async function enqueueFeed(
  ctx: Ctx,
  trx: Tx,
  item: { agencyId: string; kind: 'publication.published' | 'publication.corrected' | 'publication.withdrawn'; subject: string; payload: unknown },
): Promise<void> {
  if (ctx.engine === 'postgres') await trx.selectFrom('logs').select('id').where('id', '=', item.agencyId).forUpdate().execute();
  const agency = await trx.selectFrom('agencies').select(['code', 'name']).where('id', '=', item.agencyId).executeTakeFirst();
  const key = newId();
  const now = ctx.clock.now().toISOString();
  const body = canonicalize({
    id: key,
    type: item.kind,
    agency: { id: item.agencyId, code: agency?.code ?? null, name: agency?.name ?? null },
    subject: item.subject,
    occurredAt: now,
    data: item.payload ?? null,
  });
  if (body === undefined) throw new Error('feed payload cannot be serialised');
  await trx
    .insertInto('feed_outbox')
    .values({
      idempotency_key: key,
      agency_id: item.agencyId,
      kind: item.kind,
      subject: item.subject,
      body,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      last_attempt_at: null,
      last_status_code: null,
      last_error: null,
      delivered_at: null,
      created_at: now,
    })
    .execute();
}

// ---- the worker's side ---------------------------------------------------------------------

const OPEN: FeedStatus[] = ['pending', 'delivering'];

/**
 * The head of every agency's queue (its oldest item not yet delivered or given up) that may be
 * attempted now: pending and past its backoff, or delivering with an expired claim (its worker
 * died or hung). Later items of an agency wait behind its head; a failed item no longer blocks.
 */
export async function dueHeads(db: Db, now: Date, limit: number): Promise<FeedRow[]> {
  const at = now.toISOString();
  const heads = db.selectFrom('feed_outbox').select(sql<number>`min(id)`.as('head')).where('status', 'in', OPEN).groupBy('agency_id');
  return db
    .selectFrom('feed_outbox')
    .selectAll()
    .where('id', 'in', heads)
    .where((eb) => eb.or([eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]), eb.and([eb('status', '=', 'delivering'), eb('lease_until', '<', at)])]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

export interface Claim {
  row: FeedRow;
  /** The attempt number in the current round (1-based); the claim's token. */
  attempt: number;
}

/**
 * claimDelivery marks `row` delivering for `leaseMs` and counts the attempt, unless someone else
 * claimed it first (then null). A row taken over from an expired claim gets an `interrupted`
 * attempt logged for the attempt that never reported, and fails if that was its last.
 */
export async function claimDelivery(db: Db, row: FeedRow, now: Date, leaseMs: number, maxAttempts: number): Promise<Claim | null> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const takeover = row.status === 'delivering';
    const exhausted = takeover && row.attempts >= maxAttempts;
    const r = await trx
      .updateTable('feed_outbox')
      .set(
        exhausted
          ? { status: 'failed', lease_until: null, last_error: INTERRUPTED }
          : { status: 'delivering', attempts: row.attempts + 1, last_attempt_at: at, lease_until: new Date(now.getTime() + leaseMs).toISOString() },
      )
      .where('id', '=', row.id)
      .where('attempts', '=', row.attempts)
      .where('status', '=', row.status)
      .where((eb) => (takeover ? eb('lease_until', '<', at) : eb('next_attempt_at', '<=', at)))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return null;
    if (takeover) await logAttempt(trx, row.id, row.attempts, row.last_attempt_at ?? at, null, null, INTERRUPTED, exhausted ? 'failed' : 'interrupted');
    return exhausted ? null : { row, attempt: row.attempts + 1 };
  });
}

const INTERRUPTED = '投递中断：进程在等待应答时退出或未按时回报';

export interface AttemptReport {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  outcome: FeedAttemptOutcome;
  /** For `retry` and `interrupted`: when to try again. */
  nextAttemptAt?: Date;
}

/**
 * completeDelivery logs the attempt and moves the item on (delivered, back to pending with its
 * backoff, or failed) — if the claim still holds; a claim taken over in the meantime keeps the
 * row as its new owner left it, and this attempt is only logged.
 */
export async function completeDelivery(db: Db, claim: Claim, report: AttemptReport, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await logAttempt(trx, claim.row.id, claim.attempt, report.startedAt.toISOString(), report.durationMs, report.statusCode, report.error, report.outcome);
    const common = { lease_until: null, last_status_code: report.statusCode, last_error: report.error };
    const next =
      report.outcome === 'delivered'
        ? { ...common, status: 'delivered', delivered_at: now.toISOString() }
        : report.outcome === 'retry' || report.outcome === 'interrupted'
          ? { ...common, status: 'pending', next_attempt_at: (report.nextAttemptAt ?? now).toISOString() }
          : { ...common, status: 'failed' };
    await trx.updateTable('feed_outbox').set(next).where('id', '=', claim.row.id).where('status', '=', 'delivering').where('attempts', '=', claim.attempt).execute();
  });
}

async function logAttempt(trx: Tx, deliveryId: number, attempt: number, startedAt: string, durationMs: number | null, statusCode: number | null, error: string | null, outcome: FeedAttemptOutcome) {
  await trx
    .insertInto('feed_attempts')
    .values({ delivery_id: deliveryId, attempt, started_at: startedAt, duration_ms: durationMs, status_code: statusCode, error: error?.slice(0, 500) ?? null, outcome })
    .execute();
}

// ---- the console's side (GET /api/feed/deliveries, POST …/retry) ---------------------------

export interface DeliveryQuery {
  status?: FeedStatus;
  agencyId?: string;
  /** The `next` of the previous page. */
  after?: string;
  limit?: number;
}

/** The delivery log, newest first, of the agencies where `p` holds feed.read. */
export async function listDeliveries(ctx: Ctx, p: Principal, q: DeliveryQuery): Promise<FeedDeliveryPage> {
  const visible = await agenciesVisible(ctx.db, p, 'feed.read');
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  let query = ctx.db.selectFrom('feed_outbox').selectAll().orderBy('id', 'desc').limit(limit + 1);
  if (q.agencyId) {
    if (visible !== 'all' && !visible.has(q.agencyId)) return { items: [], next: null };
    query = query.where('agency_id', '=', q.agencyId);
  } else if (visible !== 'all') {
    if (visible.size === 0) return { items: [], next: null };
    query = query.where('agency_id', 'in', [...visible]);
  }
  if (q.status) query = query.where('status', '=', q.status);
  if (q.after !== undefined) {
    if (!/^\d{1,15}$/.test(q.after)) throw new DomainError('validation-failed', '分页游标不正确', 400, { fields: [{ field: 'after', message: '格式不正确' }] });
    query = query.where('id', '<', Number(q.after));
  }
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  return { items: await views(ctx.db, page), next: rows.length > limit ? String(page[page.length - 1]!.id) : null };
}

async function views(db: Db | Tx, rows: FeedRow[]): Promise<FeedDelivery[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [attempts, agencies] = await Promise.all([
    db.selectFrom('feed_attempts').selectAll().where('delivery_id', 'in', ids).orderBy('id', 'desc').execute(),
    db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', [...new Set(rows.map((r) => r.agency_id))]).execute(),
  ]);
  const logs = new Map<number, FeedAttempt[]>();
  for (const a of attempts) {
    const list = logs.get(Number(a.delivery_id)) ?? [];
    if (list.length < 20) list.push({ attempt: a.attempt, startedAt: a.started_at, durationMs: a.duration_ms, statusCode: a.status_code, error: a.error, outcome: a.outcome as FeedAttemptOutcome });
    logs.set(Number(a.delivery_id), list);
  }
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  return rows.map((r) => ({
    id: String(r.id),
    idempotencyKey: r.idempotency_key,
    agencyId: r.agency_id,
    agencyName: names.get(r.agency_id) ?? null,
    kind: r.kind as FeedKind,
    subject: r.subject,
    status: r.status as FeedStatus,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastAttemptAt: r.last_attempt_at,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
    log: logs.get(r.id) ?? [],
  }));
}

/**
 * retryDelivery sends a failed item again (a new round of attempts), or a pending one now rather
 * than after its backoff. The admin's act is recorded (`feed.delivery-retried`, platform log).
 * A delivered item or one in flight is refused (409 feed-not-retryable).
 */
export async function retryDelivery(ctx: Ctx, p: Principal, id: string): Promise<FeedDelivery> {
  if (!/^\d{1,15}$/.test(id)) throw notFound('推送记录', id);
  return ctx.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('feed_outbox').selectAll().where('id', '=', Number(id));
    if (ctx.engine === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw notFound('推送记录', id);
    await requireAccess(trx, p, 'feed.read', row.agency_id);
    if (row.status !== 'failed' && row.status !== 'pending') {
      throw new DomainError('feed-not-retryable', row.status === 'delivered' ? '该条目已推送成功，无需重试' : '该条目正在推送中，请稍后刷新', 409, { status: row.status });
    }
    const now = ctx.clock.now().toISOString();
    const round = row.status === 'failed' ? { attempts: 0 } : {};
    await trx.updateTable('feed_outbox').set({ status: 'pending', next_attempt_at: now, ...round }).where('id', '=', row.id).execute();
    await ctx.ledger.append(trx, {
      log: PLATFORM_LOG,
      actor: p.id,
      type: 'feed.delivery-retried',
      subject: null,
      data: { deliveryId: String(row.id), idempotencyKey: row.idempotency_key, agencyId: row.agency_id, kind: row.kind, subject: row.subject, previousStatus: row.status, previousAttempts: row.attempts },
    });
    const fresh = await trx.selectFrom('feed_outbox').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return (await views(trx, [fresh]))[0]!;
  });
}
