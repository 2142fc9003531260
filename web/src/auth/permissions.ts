import type { User } from '../api/auth.ts';

/*
 * What the logged-in user may change, mirroring the server's access policy
 * (src/modules/identity/access.policy.ts) so the UI only offers what the server will accept:
 *
 * - agencies: only a platform admin creates or edits them;
 * - units, users and officers: a platform admin anywhere, an agency admin in their own agency.
 *
 * Everyone else who can open these pages (supervisors, agency and unit heads…) only reads.
 * The server checks every request regardless; this only hides buttons that would be refused.
 */

export function isPlatformAdmin(user: User): boolean {
  return user.roles.some((r) => r.role === 'platform-admin');
}

/** Whether the user administers `agencyId` (its units, users and officers). */
export function administers(user: User, agencyId: string | null | undefined): boolean {
  if (isPlatformAdmin(user)) return true;
  return !!agencyId && user.roles.some((r) => r.role === 'agency-admin' && r.agencyId === agencyId);
}

/** Whether the user administers at least one agency, i.e. may see create buttons at all. */
export function administersAny(user: User): boolean {
  return user.roles.some((r) => r.role === 'platform-admin' || r.role === 'agency-admin');
}

/** The agencies (of `ids`) the user administers. */
export function administeredAmong<T extends { id: string }>(user: User, agencies: readonly T[]): T[] {
  return agencies.filter((a) => administers(user, a.id));
}

export const canCreateAgency = isPlatformAdmin;
export const canEditAgency = isPlatformAdmin;

/** A user account is manageable where any of its roles is (platform-only accounts by platform admins). */
export function mayManageAccount(user: User, account: { roles: readonly { agencyId: string | null }[] }): boolean {
  if (isPlatformAdmin(user)) return true;
  return account.roles.some((g) => administers(user, g.agencyId));
}

/** Roles that may list user accounts (the policy's `user.read`); others are not even asked. */
const USER_READERS = new Set(['platform-admin', 'agency-admin', 'agency-head', 'legal-review-head', 'supervisor']);

export function mayReadUsers(user: User): boolean {
  return user.roles.some((r) => USER_READERS.has(r.role));
}
