import type { Ctx } from '../../context.ts';
import { checkVersion } from '../../kernel/concurrency.ts';
import { diffChanges } from '../../kernel/changes.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { PLATFORM_LOG } from '../../ledger/ledger.ts';
import type { Role } from '../../shared/roles.ts';
import { lockRow, type Db, type Tx } from '../../store/db.ts';
import { allows, type Grant, type Principal } from './access.policy.ts';
import { agenciesVisible, ancestorsOf, ForbiddenError, requireGrantable } from './access.service.ts';
import { mayReview } from './certificates.rules.ts';
import type { UserCreated, UserUpdated } from './identity.projections.ts';
import { hashPassword } from './passwords.ts';
import { passwordProblem } from '../../shared/formats.ts';

export type { NewUser, User, UserPatch } from '../../shared/api.ts';
import type { NewUser, User, UserPatch } from '../../shared/api.ts';

export async function loadUser(db: Db | Tx, id: string): Promise<User> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('用户', id);
  const roles = await db.selectFrom('user_roles').selectAll().where('user_id', '=', id).execute();
  return toUser(row, roles);
}

/** The principal a user acts as. */
export async function principalOf(db: Db | Tx, userId: string): Promise<Principal> {
  const u = await loadUser(db, userId);
  return { id: u.id, kind: 'user', username: u.username, displayName: u.displayName, grants: u.roles };
}

/**
 * A user is readable where any of their roles' agencies is readable, but manageable only when
 * every one of their grants is within the manager's reach — otherwise an agency admin could take
 * over (reset the password of) an account that also holds roles elsewhere, or a platform admin.
 */
async function requireUserAccess(db: Db | Tx, p: Principal, action: 'user.read' | 'user.manage', user: User): Promise<void> {
  const isPlatformAdmin = p.grants.some((g) => g.role === 'platform-admin');
  if (action === 'user.manage') {
    for (const g of user.roles) await requireGrantable(db, p, g);
    if (user.roles.length === 0 && !isPlatformAdmin) throw new ForbiddenError(action, null);
    return;
  }
  const agencies = [...new Set(user.roles.map((g) => g.agencyId).filter((a): a is string => a !== null))];
  for (const agencyId of agencies) {
    if (allows(p, action, agencyId, await ancestorsOf(db, agencyId))) return;
  }
  if (isPlatformAdmin) return;
  throw new ForbiddenError(action, agencies[0] ?? null);
}

/** Every grant handed out must be within the granter's reach, and consistent in itself. */
async function checkGrants(trx: Tx, p: Principal | null, roles: Grant[], legalQualificationNo: string | null, displayName: string): Promise<void> {
  for (const g of roles) {
    if (g.role === 'platform-admin') {
      if (g.agencyId !== null) throw new DomainError('invalid-grant', '系统管理员角色不属于任何机构', 400, { field: 'roles' });
      if (p) await requireGrantable(trx, p, g);
      continue;
    }
    if (g.agencyId === null) throw new DomainError('invalid-grant', '该角色必须指定所属机构', 400, { field: 'roles', role: g.role });
    const agency = await trx.selectFrom('agencies').select('id').where('id', '=', g.agencyId).executeTakeFirst();
    if (!agency) throw new DomainError('invalid-grant', '角色所属机构不存在', 400, { field: 'roles', agencyId: g.agencyId });
    if (g.unitId) {
      const unit = await trx.selectFrom('units').select('agency_id').where('id', '=', g.unitId).executeTakeFirst();
      if (!unit || unit.agency_id !== g.agencyId) throw new DomainError('unit-not-in-agency', '内设机构不属于该机构', 400, { field: 'roles', unitId: g.unitId });
    } else if (g.role === 'unit-head') {
      throw new DomainError('invalid-grant', '承办机构负责人须指定内设机构', 400, { field: 'roles', role: g.role });
    }
    if (p) await requireGrantable(trx, p, g);
    if (g.role === 'legal-reviewer') {
      const v = mayReview({ displayName, legalQualificationNo });
      if (!v.ok) throw new DomainError(v.code, v.message, 400, { ...v.details, field: 'legalQualificationNo' });
    }
  }
}

/** Creates a user; `p` null means the platform itself (first admin, demo seed). */
export async function createUser(ctx: Ctx, p: Principal | null, input: NewUser): Promise<User> {
  const problem = passwordProblem(input.password);
  if (problem) throw new DomainError('weak-password', problem, 400, { field: 'password' });
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw new DomainError('username-taken', '用户名已被使用', 409, { field: 'username' });
    const legal = input.legalQualificationNo ?? null;
    await checkGrants(trx, p, input.roles, legal, input.displayName);
    const data: UserCreated = { id, username: input.username, displayName: input.displayName, legalQualificationNo: legal, roles: input.roles.map(grantData) };
    await ctx.ledger.append(trx, { log: PLATFORM_LOG, actor: p?.id ?? 'system', type: 'user.created', subject: id, data: { ...data } });
    await trx.insertInto('credentials').values({ user_id: id, password_hash: passwordHash, changed_at: ctx.clock.now().toISOString() }).execute();
  });
  return loadUser(ctx.db, id);
}

export async function updateUser(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, patch: UserPatch, reason: string | null): Promise<User> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockRow(trx, ctx.engine, 'users', id);
    const current = await loadUser(trx, id);
    await requireUserAccess(trx, p, 'user.manage', current);
    checkVersion(expectedVersion, current, current);
    const next = { ...patch, ...(patch.roles ? { roles: patch.roles.map(grantData) } : {}) };
    const changes = diffChanges(
      { displayName: current.displayName, legalQualificationNo: current.legalQualificationNo, status: current.status, roles: current.roles.map(grantData) },
      next,
    );
    if (Object.keys(changes).length === 0) return;
    const roles = patch.roles ?? current.roles;
    if (changes.roles || changes.legalQualificationNo) {
      await checkGrants(trx, p, roles, patch.legalQualificationNo !== undefined ? patch.legalQualificationNo : current.legalQualificationNo, patch.displayName ?? current.displayName);
    }
    if (id === p.id && (changes.status || changes.roles)) {
      throw new DomainError('cannot-change-own-access', '不能停用自己的账号或修改自己的角色', 400, { field: changes.status ? 'status' : 'roles' });
    }
    const data: UserUpdated = { id, changes, reason };
    await ctx.ledger.append(trx, { log: PLATFORM_LOG, actor: p.id, type: 'user.updated', subject: id, data: { ...data } });
    // A disabled account, or one whose roles changed, starts over with a new login.
    if (changes.status || changes.roles) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  });
  return loadUser(ctx.db, id);
}

/** An administrator sets a new password for a user (who forgot theirs). */
export async function resetPassword(ctx: Ctx, p: Principal, id: string, newPassword: string, reason: string | null): Promise<void> {
  const problem = passwordProblem(newPassword);
  if (problem) throw new DomainError('weak-password', problem, 400, { field: 'newPassword' });
  const hash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    const user = await loadUser(trx, id);
    await requireUserAccess(trx, p, 'user.manage', user);
    await setPassword(ctx, trx, id, hash, p.id, 'admin', reason);
    // A reset is what one does to a compromised account: whoever holds its sessions is out.
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  });
}

export async function setPassword(ctx: Ctx, trx: Tx, userId: string, hash: string, actor: string, by: 'self' | 'admin', reason: string | null): Promise<void> {
  await trx.updateTable('credentials').set({ password_hash: hash, changed_at: ctx.clock.now().toISOString() }).where('user_id', '=', userId).execute();
  await ctx.ledger.append(trx, { log: PLATFORM_LOG, actor, type: 'user.password-changed', subject: userId, data: { id: userId, by, reason } });
}

export async function getUser(ctx: Ctx, p: Principal, id: string): Promise<User> {
  const user = await loadUser(ctx.db, id);
  await requireUserAccess(ctx.db, p, 'user.read', user);
  return user;
}

/** Users with a role in an agency `p` may read (optionally one agency). */
export async function listUsers(ctx: Ctx, p: Principal, filter: { agencyId?: string }): Promise<User[]> {
  const visible = await agenciesVisible(ctx.db, p, 'user.read');
  let q = ctx.db.selectFrom('users').selectAll().orderBy('username');
  if (filter.agencyId || visible !== 'all') {
    const agencies = filter.agencyId ? [filter.agencyId].filter((a) => visible === 'all' || visible.has(a)) : [...(visible as Set<string>)];
    if (agencies.length === 0) return [];
    q = q.where('id', 'in', (eb) => eb.selectFrom('user_roles').select('user_id').where('agency_id', 'in', agencies));
  }
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const roles = await ctx.db.selectFrom('user_roles').selectAll().where('user_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => toUser(r, roles.filter((g) => g.user_id === r.id)));
}

function grantData(g: Grant): { role: Role; agencyId: string | null; unitId: string | null } {
  return { role: g.role, agencyId: g.agencyId ?? null, unitId: g.unitId ?? null };
}

type UserRow = { id: string; username: string; display_name: string; status: 'active' | 'disabled'; legal_qualification_no: string | null; version: number; created_at: string; updated_at: string };
type RoleRow = { role: string; agency_id: string | null; unit_id: string | null };

function toUser(r: UserRow, roles: RoleRow[]): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    status: r.status,
    legalQualificationNo: r.legal_qualification_no,
    roles: roles.map((g) => ({ role: g.role as Role, agencyId: g.agency_id, unitId: g.unit_id })),
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
