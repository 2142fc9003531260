import type { Role } from '../../shared/roles.ts';

/**
 * Who may do what, and where (DESIGN "Agencies and roles"). The one place access is decided;
 * routes declare an action, services name the agency an object belongs to, and this table says
 * yes or no. `docs/permissions.csv` states the expected outcomes independently, by hand, and a
 * test walks every route against it.
 */
export const ACTIONS: readonly import('../../shared/api.ts').Action[] = [
  'agency.read',
  'agency.create',
  'agency.update',
  'unit.manage',
  'user.read',
  'user.manage',
  'officer.read',
  'officer.manage',
  'token.manage',
  'ledger.checkpoint',
  'calendar.manage',
  'case.read',
  'case.handle',
  'case.approve',
  'case.review',
  'benchmark.read',
  'benchmark.manage',
  'document.settings',
  'review.catalog.read',
  'review.catalog.manage',
  'review.assign',
  'review.co-review',
  'publicity.read',
  'publicity.edit',
  'publicity.approve',
  'feed.read',
];
export type { Action } from '../../shared/api.ts';
import type { Action } from '../../shared/api.ts';

/**
 * Where a grant reaches, relative to the grant's agency: `own` — the agency itself; `overseen`
 * — agencies below it in the tree; `other` — every other agency (platform roles only).
 */
export type Scope = 'own' | 'overseen' | 'other';

const OWN: readonly Scope[] = ['own'];
const OWN_AND_OVERSEEN: readonly Scope[] = ['own', 'overseen'];
const EVERYWHERE: readonly Scope[] = ['own', 'overseen', 'other'];

export const POLICY: Readonly<Record<Role, Partial<Record<Action, readonly Scope[]>>>> = {
  // The platform admin runs the platform and reads everything; acting in a case is for the
  // agency's own officers and head (Art 57), so no case.handle / case.approve / case.review here.
  'platform-admin': Object.fromEntries(
    (['agency.read', 'agency.create', 'agency.update', 'unit.manage', 'user.read', 'user.manage', 'officer.read', 'officer.manage', 'token.manage', 'ledger.checkpoint', 'calendar.manage', 'case.read', 'benchmark.read', 'benchmark.manage', 'document.settings', 'review.catalog.read', 'review.catalog.manage', 'publicity.read', 'feed.read'] as const).map((a) => [a, EVERYWHERE]),
  ),
  'agency-admin': {
    'agency.read': OWN,
    'unit.manage': OWN,
    'user.read': OWN,
    'user.manage': OWN,
    'officer.read': OWN,
    'officer.manage': OWN,
    'token.manage': OWN,
    // The agency's document numbering (short name, number patterns) is set up like its staff.
    'document.settings': OWN,
    // The outbound feed to the city's platform: its delivery log, for the agency's own items.
    'feed.read': OWN,
  },
  // 承办人: handles the agency's cases (field acts); the law reserves filing and deciding to the head.
  officer: { 'agency.read': OWN, 'officer.read': OWN, 'case.read': OWN, 'case.handle': OWN, 'benchmark.read': OWN, 'review.catalog.read': OWN },
  'unit-head': { 'agency.read': OWN, 'officer.read': OWN, 'case.read': OWN, 'case.handle': OWN, 'benchmark.read': OWN, 'review.catalog.read': OWN },
  // Art 57: 立案, 先行登记保存, extensions and the decision are the head's.
  'agency-head': { 'agency.read': OWN, 'officer.read': OWN, 'user.read': OWN, 'case.read': OWN, 'case.handle': OWN, 'case.approve': OWN, 'benchmark.read': OWN, 'benchmark.manage': OWN, 'review.catalog.read': OWN, 'publicity.read': OWN },
  'legal-reviewer': { 'agency.read': OWN, 'officer.read': OWN, 'case.read': OWN, 'case.review': OWN, 'benchmark.read': OWN, 'review.catalog.read': OWN },
  'legal-review-head': { 'agency.read': OWN_AND_OVERSEEN, 'officer.read': OWN_AND_OVERSEEN, 'user.read': OWN_AND_OVERSEEN, 'case.read': OWN_AND_OVERSEEN, 'case.review': OWN_AND_OVERSEEN, 'benchmark.read': OWN_AND_OVERSEEN, 'benchmark.manage': OWN_AND_OVERSEEN, 'review.catalog.read': OWN_AND_OVERSEEN, 'review.catalog.manage': OWN_AND_OVERSEEN, 'review.assign': OWN_AND_OVERSEEN },
  // An external adviser co-reviews; the service limits it to the reviews it is assigned to
  // (review/co-review.access.ts), so it sees those cases and nothing else of the agency.
  'legal-adviser': { 'review.co-review': OWN },
  // 公示审核员: drafts and approves publications (the drafter of an item never approves it).
  'publicity-editor': { 'agency.read': OWN, 'officer.read': OWN, 'case.read': OWN, 'benchmark.read': OWN, 'review.catalog.read': OWN, 'publicity.read': OWN, 'publicity.edit': OWN, 'publicity.approve': OWN },
  // Supervisors read everything in the agencies they oversee and write only supervision records.
  supervisor: { 'agency.read': OWN_AND_OVERSEEN, 'officer.read': OWN_AND_OVERSEEN, 'user.read': OWN_AND_OVERSEEN, 'case.read': OWN_AND_OVERSEEN, 'benchmark.read': OWN_AND_OVERSEEN, 'review.catalog.read': OWN_AND_OVERSEEN, 'publicity.read': OWN_AND_OVERSEEN },
};

export type { Grant } from '../../shared/api.ts';
import type { Grant } from '../../shared/api.ts';

/** Who is asking: a logged-in user or an API token, with the grants it holds. */
export interface Principal {
  id: string;
  kind: 'user' | 'token';
  username: string;
  displayName: string;
  grants: readonly Grant[];
}

/** The scope `target` falls in for a grant at `grantAgency`; `ancestors` are target's overseers. */
export function scopeOf(grantAgency: string | null, target: string, ancestors: ReadonlySet<string>): Scope {
  if (grantAgency === target) return 'own';
  if (grantAgency !== null && ancestors.has(grantAgency)) return 'overseen';
  return 'other';
}

/** allows answers whether `p` may do `action` on an object of agency `target`. */
export function allows(p: Principal, action: Action, target: string, ancestors: ReadonlySet<string>): boolean {
  return p.grants.some((g) => {
    const scopes = POLICY[g.role]?.[action];
    if (!scopes) return false;
    if (g.agencyId === null) return g.role === 'platform-admin';
    return scopes.includes(scopeOf(g.agencyId, target, ancestors));
  });
}

/** Whether `p` may do `action` anywhere at all (the cheap check made before loading anything). */
export function mayEver(p: Principal, action: Action): boolean {
  return p.grants.some((g) => (POLICY[g.role]?.[action]?.length ?? 0) > 0);
}

/**
 * The agencies where `p` may do `action`, for filtering lists: 'all', or a set of ids computed
 * from the tree's child lists.
 */
export function agenciesWhere(p: Principal, action: Action, children: ReadonlyMap<string, readonly string[]>): 'all' | Set<string> {
  const out = new Set<string>();
  for (const g of p.grants) {
    const scopes = POLICY[g.role]?.[action];
    if (!scopes) continue;
    if (g.agencyId === null) {
      if (g.role === 'platform-admin') return 'all';
      continue;
    }
    if (scopes.includes('other')) return 'all';
    if (scopes.includes('own')) out.add(g.agencyId);
    if (scopes.includes('overseen')) {
      const stack = [...(children.get(g.agencyId) ?? [])];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (out.has(id) && id !== g.agencyId) continue;
        out.add(id);
        stack.push(...(children.get(id) ?? []));
      }
    }
  }
  return out;
}
