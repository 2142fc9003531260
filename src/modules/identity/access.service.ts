import { DomainError } from '../../kernel/errors.ts';
import type { Db, Tx } from '../../store/db.ts';
import { agenciesWhere, allows, POLICY, type Action, type Grant, type Principal } from './access.policy.ts';

export class ForbiddenError extends DomainError {
  /** `why`: where the law itself reserves the act (e.g. to the agency head, Art 57), say so. */
  constructor(action: Action, agencyId: string | null, why?: { message: string; article: string }) {
    super('forbidden', why?.message ?? '无权执行此操作', 403, { action, ...(agencyId ? { agencyId } : {}), ...(why ? { article: why.article } : {}) });
  }
}

/** The agencies that oversee `agencyId` (its ancestors in the tree). */
export async function ancestorsOf(db: Db | Tx, agencyId: string): Promise<Set<string>> {
  const out = new Set<string>();
  let current: string | null = agencyId;
  // The tree is shallow (province → city → bureau → agency); walk the parent pointers.
  for (let depth = 0; current && depth < 32; depth++) {
    const row: { parent_id: string | null } | undefined = await db.selectFrom('agencies').select('parent_id').where('id', '=', current).executeTakeFirst();
    current = row?.parent_id ?? null;
    if (current) out.add(current);
  }
  return out;
}

/** Throws 403 unless `p` may do `action` on an object of `agencyId`. */
export async function requireAccess(db: Db | Tx, p: Principal, action: Action, agencyId: string): Promise<void> {
  if (!allows(p, action, agencyId, await ancestorsOf(db, agencyId))) throw new ForbiddenError(action, agencyId);
}

/** Throws 403 unless `p` holds `action` everywhere (platform-wide acts such as creating an agency). */
export function requirePlatform(p: Principal, action: Action): void {
  if (!p.grants.some((g) => g.role === 'platform-admin')) throw new ForbiddenError(action, null);
}

/** The agency ids where `p` may do `action` ('all' for platform roles). */
export async function agenciesVisible(db: Db | Tx, p: Principal, action: Action): Promise<'all' | Set<string>> {
  const rows = await db.selectFrom('agencies').select(['id', 'parent_id']).execute();
  const children = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.parent_id) continue;
    const list = children.get(r.parent_id) ?? [];
    list.push(r.id);
    children.set(r.parent_id, list);
  }
  return agenciesWhere(p, action, children);
}

/** The agencies below `agencyId` in the tree. */
export async function descendantsOf(db: Db | Tx, agencyId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('agencies').select(['id', 'parent_id']).execute();
  const out = new Set<string>();
  const stack = [agencyId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const r of rows) if (r.parent_id === id && !out.has(r.id)) (out.add(r.id), stack.push(r.id));
  }
  return out;
}

/**
 * No one hands out more than they hold: a grant (to a user or an API token) must lie within
 * the granter's `user.manage` reach — including, for roles that reach into overseen agencies
 * (supervisor, head of legal review), every agency below the grant's agency.
 */
export async function requireGrantable(db: Db | Tx, p: Principal, g: Grant): Promise<void> {
  if (g.role === 'platform-admin' || g.agencyId === null) {
    if (!p.grants.some((x) => x.role === 'platform-admin')) throw new ForbiddenError('user.manage', null);
    return;
  }
  const reach = [g.agencyId];
  if (Object.values(POLICY[g.role]).some((scopes) => scopes?.includes('overseen'))) reach.push(...(await descendantsOf(db, g.agencyId)));
  for (const agencyId of reach) {
    if (!allows(p, 'user.manage', agencyId, await ancestorsOf(db, agencyId))) throw new ForbiddenError('user.manage', agencyId);
  }
}
