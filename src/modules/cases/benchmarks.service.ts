/**
 * 裁量基准 — the agency's discretion benchmark table: kept through the ledger (`benchmark.created /
 * updated / retired` in the agency's log, subject = the entry id), read from its projection.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import { checkVersion } from '../../kernel/concurrency.ts';
import { diffChanges } from '../../kernel/changes.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Db, Engine, Tx } from '../../store/db.ts';
import type { BenchmarkPatch, BenchmarkStatus, DiscretionBenchmark, NewBenchmark } from '../../shared/api.ts';
import type { Principal } from '../identity/access.policy.ts';
import { agenciesVisible, requireAccess } from '../identity/access.service.ts';
import { benchmarkProblems, normaliseBenchmark, type BenchmarkProblem } from './benchmarks.rules.ts';
import type { BenchmarkChanged, BenchmarkCreated } from './benchmarks.projections.ts';
import type { DiscretionBenchmarksTable } from './benchmarks.tables.ts';

export type { BenchmarkPatch, DiscretionBenchmark, NewBenchmark } from '../../shared/api.ts';

export interface BenchmarkFilter {
  agencyId?: string;
  field?: string;
  /** Code, violation or either basis contains. */
  q?: string;
  status?: BenchmarkStatus;
}

/** The entry as stored, with no access check: the case module loads the entry a case names. */
export async function loadBenchmark(db: Db | Tx, id: string): Promise<DiscretionBenchmark> {
  const row = await db.selectFrom('discretion_benchmarks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('裁量基准', id);
  return toBenchmark(row);
}

export async function getBenchmark(ctx: Ctx, p: Principal, id: string): Promise<DiscretionBenchmark> {
  const b = await loadBenchmark(ctx.db, id);
  await requireAccess(ctx.db, p, 'benchmark.read', b.agencyId);
  return b;
}

export async function listBenchmarks(ctx: Ctx, p: Principal, filter: BenchmarkFilter = {}): Promise<DiscretionBenchmark[]> {
  const visible = await agenciesVisible(ctx.db, p, 'benchmark.read');
  let q = ctx.db.selectFrom('discretion_benchmarks').selectAll().orderBy('agency_id').orderBy('field').orderBy('code');
  if (filter.agencyId) {
    if (visible !== 'all' && !visible.has(filter.agencyId)) return [];
    q = q.where('agency_id', '=', filter.agencyId);
  } else if (visible !== 'all') {
    if (visible.size === 0) return [];
    q = q.where('agency_id', 'in', [...visible]);
  }
  if (filter.field) q = q.where('field', '=', filter.field);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.q) {
    // Escape LIKE's wildcards and name the escape character (SQLite has no default one).
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or(
        (['code', 'violation', 'legal_basis', 'penalty_basis'] as const).map((c) => sql<boolean>`lower(${eb.ref(c)}) like ${like} escape '\\'`),
      ),
    );
  }
  return (await q.execute()).map(toBenchmark);
}

/** Creates an entry in the agency's table. */
export async function createBenchmark(ctx: Ctx, p: Principal | null, input: NewBenchmark): Promise<DiscretionBenchmark> {
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await createBenchmarkIn(ctx, trx, p, id, input);
  });
  return loadBenchmark(ctx.db, id);
}

/** The creation itself, inside a caller's transaction (the Excel import creates many at once). */
export async function createBenchmarkIn(ctx: Ctx, trx: Tx, p: Principal | null, id: string, input: NewBenchmark): Promise<void> {
  if (p) await requireAccess(trx, p, 'benchmark.manage', input.agencyId);
  const agency = await trx.selectFrom('agencies').select('id').where('id', '=', input.agencyId).executeTakeFirst();
  if (!agency) throw new DomainError('not-found', `机构不存在：${input.agencyId}`, 404, { field: 'agencyId' });
  const entry = normaliseBenchmark(input);
  requireValid(entry);
  await requireCodeFree(trx, input.agencyId, entry.code, null);
  const data: BenchmarkCreated = {
    id,
    agencyId: input.agencyId,
    field: entry.field,
    code: entry.code,
    violation: entry.violation,
    legalBasis: entry.legalBasis,
    penaltyBasis: entry.penaltyBasis,
    levels: entry.levels,
  };
  await ctx.ledger.append(trx, { log: input.agencyId, actor: p?.id ?? 'system', type: 'benchmark.created', subject: id, data: { ...data } });
}

/**
 * Edits an entry. The table is published and cases are measured against it, so every change
 * needs a reason, recorded with the before/after of each changed field. A retired entry is final.
 */
export async function updateBenchmark(
  ctx: Ctx,
  p: Principal | null,
  id: string,
  expectedVersion: number | undefined,
  patch: BenchmarkPatch,
  reason: string | null,
): Promise<DiscretionBenchmark> {
  await ctx.db.transaction().execute(async (trx) => {
    await updateBenchmarkIn(ctx, trx, p, id, expectedVersion, patch, reason);
  });
  return loadBenchmark(ctx.db, id);
}

/** The edit inside a caller's transaction; false when the patch changes nothing (nothing is appended). */
export async function updateBenchmarkIn(
  ctx: Ctx,
  trx: Tx,
  p: Principal | null,
  id: string,
  expectedVersion: number | undefined,
  patch: BenchmarkPatch,
  reason: string | null,
): Promise<boolean> {
  await lockBenchmark(trx, ctx.engine, id);
  const current = await loadBenchmark(trx, id);
  if (p) await requireAccess(trx, p, 'benchmark.manage', current.agencyId);
  checkVersion(expectedVersion, current, current);
  if (current.status === 'retired') throw new DomainError('benchmark-retired', `裁量基准“${current.code}”已废止，不能修改`, 409, { status: current.status });
  // Both sides normalised: stored levels come back with the ledger's canonical (sorted) key order.
  const before = normaliseBenchmark(editable(current));
  const next = normaliseBenchmark({ ...before, ...definedOnly(patch) });
  const changes = diffChanges(before, next);
  if (Object.keys(changes).length === 0) return false;
  if (!reason?.trim()) throw new DomainError('reason-required', '修改裁量基准须填写原因', 400, { field: 'reason' });
  requireValid(next);
  if ('code' in changes) await requireCodeFree(trx, current.agencyId, next.code, id);
  const data: BenchmarkChanged = { id, changes, reason: reason.trim() };
  await ctx.ledger.append(trx, { log: current.agencyId, actor: p?.id ?? 'system', type: 'benchmark.updated', subject: id, data: { ...data } });
  return true;
}

/** 废止: the entry stays on record (cases decided under it still name it) but is no longer applied. */
export async function retireBenchmark(ctx: Ctx, p: Principal | null, id: string, expectedVersion: number | undefined, reason: string): Promise<DiscretionBenchmark> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockBenchmark(trx, ctx.engine, id);
    const current = await loadBenchmark(trx, id);
    if (p) await requireAccess(trx, p, 'benchmark.manage', current.agencyId);
    checkVersion(expectedVersion, current, current);
    if (current.status === 'retired') throw new DomainError('benchmark-retired', `裁量基准“${current.code}”已废止`, 409, { status: current.status });
    if (!reason.trim()) throw new DomainError('reason-required', '废止裁量基准须填写原因', 400, { field: 'reason' });
    const data: BenchmarkChanged = { id, changes: { status: { before: 'active', after: 'retired' } }, reason: reason.trim() };
    await ctx.ledger.append(trx, { log: current.agencyId, actor: p?.id ?? 'system', type: 'benchmark.retired', subject: id, data: { ...data } });
  });
  return loadBenchmark(ctx.db, id);
}

/** The fields an edit may change, in the shape of the patch. */
export function editable(b: DiscretionBenchmark): Required<BenchmarkPatch> {
  return { field: b.field, code: b.code, violation: b.violation, legalBasis: b.legalBasis, penaltyBasis: b.penaltyBasis, levels: b.levels };
}

function definedOnly(patch: BenchmarkPatch): BenchmarkPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as BenchmarkPatch;
}

function requireValid(entry: Parameters<typeof benchmarkProblems>[0]): void {
  const problems: BenchmarkProblem[] = benchmarkProblems(entry);
  if (problems.length > 0) {
    throw new DomainError('benchmark-invalid', `裁量基准有 ${problems.length} 处不符合要求：${problems.map((p) => p.message).join('；')}`, 400, { fields: problems });
  }
}

async function requireCodeFree(trx: Tx, agencyId: string, code: string, self: string | null): Promise<void> {
  const dup = await trx.selectFrom('discretion_benchmarks').select(['id', 'status']).where('agency_id', '=', agencyId).where('code', '=', code).executeTakeFirst();
  if (dup && dup.id !== self) {
    const retired = dup.status === 'retired' ? '（已废止的条目也保留其编码）' : '';
    throw new DomainError('benchmark-code-taken', `本机构已有编码为“${code}”的裁量基准${retired}`, 409, { field: 'code' });
  }
}

/** Locks the entry's row so the version check that follows is not raced (PostgreSQL; SQLite has one writer). */
async function lockBenchmark(trx: Tx, engine: Engine, id: string): Promise<void> {
  if (engine !== 'postgres') return;
  await trx.selectFrom('discretion_benchmarks').select('id').where('id', '=', id).forUpdate().execute();
}

function toBenchmark(r: DiscretionBenchmarksTable): DiscretionBenchmark {
  return {
    id: r.id,
    agencyId: r.agency_id,
    field: r.field,
    code: r.code,
    violation: r.violation,
    legalBasis: r.legal_basis,
    penaltyBasis: r.penalty_basis,
    levels: JSON.parse(r.levels) as DiscretionBenchmark['levels'],
    status: r.status,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
