import type { Ctx } from '../../context.ts';
import { checkVersion } from '../../kernel/concurrency.ts';
import { diffChanges } from '../../kernel/changes.ts';
import { DomainError, fail, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { agencyOrigin, PLATFORM_LOG } from '../../ledger/ledger.ts';
import { lockRow, type Db, type Tx } from '../../store/db.ts';
import type { Principal } from './access.policy.ts';
import { agenciesVisible, requireAccess, requirePlatform } from './access.service.ts';
import { wouldCreateCycle } from './agencies.rules.ts';
import type { AgencyCreated, AgencyUpdated, UnitCreated, UnitUpdated } from './identity.projections.ts';


export type { Agency, AgencyPatch, NewAgency, Unit } from '../../shared/api.ts';
import type { Agency, AgencyPatch, NewAgency, Unit } from '../../shared/api.ts';

/** Creates an agency with its own log; the creation is recorded in the platform log. */
export async function createAgency(ctx: Ctx, p: Principal | null, input: NewAgency): Promise<Agency> {
  if (p) requirePlatform(p, 'agency.create');
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('agencies').select('id').where('code', '=', input.code).executeTakeFirst();
    if (taken) throw fail('agency-code-taken', 409, { field: 'code', code: input.code });
    if (input.parentId) await requireParent(trx, input.parentId);
    const data: AgencyCreated = {
      id,
      code: input.code,
      name: input.name,
      parentId: input.parentId ?? null,
      creditCode: input.creditCode ?? null,
    };
    await ctx.ledger.openLog(trx, { id, origin: agencyOrigin(input.code), agencyId: id });
    await ctx.ledger.append(trx, { log: PLATFORM_LOG, actor: p?.id ?? 'system', type: 'agency.created', subject: id, data: { ...data } });
  });
  return getAgency(ctx.db, id);
}

/** Edits an agency (name, parent in the tree, credit code); the code is fixed because it names the log. */
export async function updateAgency(
  ctx: Ctx,
  p: Principal,
  id: string,
  expectedVersion: number | undefined,
  patch: AgencyPatch,
  reason: string | null,
): Promise<Agency> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockRow(trx, ctx.engine, 'agencies', id);
    const current = await getAgency(trx, id);
    await requireAccess(trx, p, 'agency.update', id);
    checkVersion(expectedVersion, current, current);
    const changes = diffChanges({ name: current.name, parentId: current.parentId, creditCode: current.creditCode }, patch);
    if (Object.keys(changes).length === 0) return;
    if ('parentId' in changes) {
      const parentId = patch.parentId ?? null;
      if (parentId) await requireParent(trx, parentId);
      const tree = await trx.selectFrom('agencies').select(['id', 'parent_id as parentId']).execute();
      if (wouldCreateCycle(tree, id, parentId)) {
        throw new DomainError('agency-tree-cycle', '上级机构不能是本机构或其下级机构', 400, { field: 'parentId' });
      }
    }
    const data: AgencyUpdated = { id, changes, reason };
    await ctx.ledger.append(trx, { log: PLATFORM_LOG, actor: p?.id ?? 'system', type: 'agency.updated', subject: id, data: { ...data } });
  });
  return getAgency(ctx.db, id);
}

export async function createUnit(ctx: Ctx, p: Principal | null, agencyId: string, input: { name: string }): Promise<Unit> {
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    // Existence only: loading the agency would read all its units on every creation.
    const agency = await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
    if (!agency) throw notFound('机构', agencyId);
    if (p) await requireAccess(trx, p, 'unit.manage', agencyId);
    await requireUnitNameFree(trx, agencyId, input.name);
    const data: UnitCreated = { id, agencyId, name: input.name };
    await ctx.ledger.append(trx, { log: agencyId, actor: p?.id ?? 'system', type: 'unit.created', subject: id, data: { ...data } });
  });
  return getUnit(ctx.db, id);
}

export async function updateUnit(
  ctx: Ctx,
  p: Principal,
  id: string,
  expectedVersion: number | undefined,
  patch: { name?: string },
  reason: string | null,
): Promise<Unit> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockRow(trx, ctx.engine, 'units', id);
    const current = await getUnit(trx, id);
    await requireAccess(trx, p, 'unit.manage', current.agencyId);
    checkVersion(expectedVersion, current, current);
    const changes = diffChanges({ name: current.name }, patch);
    if (Object.keys(changes).length === 0) return;
    if (patch.name) await requireUnitNameFree(trx, current.agencyId, patch.name);
    const data: UnitUpdated = { id, changes, reason };
    await ctx.ledger.append(trx, { log: current.agencyId, actor: p?.id ?? 'system', type: 'unit.updated', subject: id, data: { ...data } });
  });
  return getUnit(ctx.db, id);
}

/** The agencies `p` may read (all of them for the platform itself). */
export async function listAgencies(db: Db | Tx, p: Principal | null = null): Promise<Agency[]> {
  const visible = p ? await agenciesVisible(db, p, 'agency.read') : 'all';
  if (visible !== 'all' && visible.size === 0) return [];
  let q = db.selectFrom('agencies').selectAll().orderBy('created_at').orderBy('code');
  if (visible !== 'all') q = q.where('id', 'in', [...visible]);
  const rows = await q.execute();
  const units = await db.selectFrom('units').selectAll().orderBy('created_at').orderBy('name').execute();
  return rows.map((r) => toAgency(r, units.filter((u) => u.agency_id === r.id)));
}

export async function getAgency(db: Db | Tx, id: string): Promise<Agency> {
  const row = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('机构', id);
  const units = await db.selectFrom('units').selectAll().where('agency_id', '=', id).orderBy('created_at').orderBy('name').execute();
  return toAgency(row, units);
}

export async function readAgency(ctx: Ctx, p: Principal, id: string): Promise<Agency> {
  const agency = await getAgency(ctx.db, id);
  await requireAccess(ctx.db, p, 'agency.read', id);
  return agency;
}

export async function getUnit(db: Db | Tx, id: string): Promise<Unit> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('内设机构', id);
  return toUnit(row);
}

async function requireParent(trx: Tx, parentId: string): Promise<void> {
  const parent = await trx.selectFrom('agencies').select('id').where('id', '=', parentId).executeTakeFirst();
  if (!parent) throw fail('parent-agency-not-found', 400, { field: 'parentId', parentId });
}

async function requireUnitNameFree(trx: Tx, agencyId: string, name: string): Promise<void> {
  const dup = await trx
    .selectFrom('units')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (dup) throw fail('unit-name-taken', 409, { field: 'name', name });
}

type AgencyRow = { id: string; code: string; name: string; parent_id: string | null; credit_code: string | null; version: number; created_at: string; updated_at: string };
type UnitRow = { id: string; agency_id: string; name: string; version: number };

function toAgency(r: AgencyRow, units: UnitRow[]): Agency {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    parentId: r.parent_id,
    creditCode: r.credit_code,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    units: units.map(toUnit),
  };
}

function toUnit(r: UnitRow): Unit {
  return { id: r.id, agencyId: r.agency_id, name: r.name, version: Number(r.version) };
}
