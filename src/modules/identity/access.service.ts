import { DomainError } from '../../kernel/errors.ts';
import type { Db, Tx } from '../../store/db.ts';
import { agenciesWhere, allows, type Action, type Principal } from './access.policy.ts';

export class ForbiddenError extends DomainError {
  constructor(action: Action, agencyId: string | null) {
    super('forbidden', '无权执行此操作', 403, { action, ...(agencyId ? { agencyId } : {}) });
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
