import { useRouteLoaderData } from 'react-router';
import type { Role } from '@shared/roles.ts';
import type { User } from '../api/auth.ts';

/** Route id of the console shell, whose loader holds the logged-in user. */
export const SHELL_ROUTE_ID = 'shell';

export interface ShellData {
  user: User;
}

/**
 * The logged-in user. Only valid below the console shell, whose loader guarantees a user or
 * redirects to /login before any child renders.
 */
export function useCurrentUser(): User {
  const data = useRouteLoaderData(SHELL_ROUTE_ID) as ShellData | undefined;
  if (!data) throw new Error('useCurrentUser used outside the console shell');
  return data.user;
}

/** `'all'` means any logged-in user, including one without role assignments. */
export type Audience = readonly Role[] | 'all';

export function canAccess(user: User, audience: Audience): boolean {
  if (audience === 'all') return true;
  return user.roles.some((assignment) => audience.includes(assignment.role));
}

/**
 * Where to go after login. Only same-site paths are accepted so a crafted ?next= cannot send
 * the user to another site (open redirect).
 */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?')) return '/';
  return next;
}
