import { useRouteLoaderData } from 'react-router';
import type { Action } from '@shared/api.ts';
import { may } from './permissions.ts';
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

/**
 * Who may open an area: `'all'` (any logged-in user), or the actions of the server's access
 * policy of which the user must hold at least one somewhere (from `permissions` in /api/auth/me).
 */
export type Audience = readonly Action[] | 'all';

export function canAccess(user: User, audience: Audience): boolean {
  if (audience === 'all') return true;
  return audience.some((action) => may(user, action));
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
