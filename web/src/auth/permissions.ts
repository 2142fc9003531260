import type { Action } from '@shared/api.ts';
import type { User } from '../api/auth.ts';

/*
 * What the logged-in user may do, as the server's access policy computed it for them
 * (`permissions` in /api/auth/me). The UI only offers what the server will accept; the server
 * checks every request regardless.
 */

/** Whether the user may do `action` in `agencyId` (or, without an agency, anywhere at all). */
export function may(user: User, action: Action, agencyId?: string | null): boolean {
  const where = user.permissions[action];
  if (where === 'all') return true;
  return agencyId ? where.includes(agencyId) : where.length > 0;
}

export function isPlatformAdmin(user: User): boolean {
  return user.permissions['agency.create'] === 'all';
}

/** Whether the user administers `agencyId` (its units, users and officers). */
export function administers(user: User, agencyId: string | null | undefined): boolean {
  return !!agencyId && may(user, 'officer.manage', agencyId);
}

/** Whether the user administers at least one agency, i.e. may see create buttons at all. */
export function administersAny(user: User): boolean {
  return may(user, 'officer.manage') || may(user, 'user.manage');
}

/** The agencies (of `agencies`) the user administers. */
export function administeredAmong<T extends { id: string }>(user: User, agencies: readonly T[]): T[] {
  return agencies.filter((a) => administers(user, a.id));
}

export const canCreateAgency = (user: User) => may(user, 'agency.create');
export const canEditAgency = (user: User, agencyId?: string) => may(user, 'agency.update', agencyId);

/**
 * An account is manageable only when every one of its roles is within reach (the server refuses
 * otherwise, so that no admin can take over an account that also holds roles elsewhere).
 */
export function mayManageAccount(user: User, account: { roles: readonly { agencyId: string | null }[] }): boolean {
  if (isPlatformAdmin(user)) return true;
  return account.roles.length > 0 && account.roles.every((g) => g.agencyId !== null && may(user, 'user.manage', g.agencyId));
}

export function mayReadUsers(user: User): boolean {
  return may(user, 'user.read');
}
