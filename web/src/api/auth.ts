import type { Me } from '@shared/api.ts';
import { api, setCsrfToken, type RequestOptions } from './client.ts';

/** The logged-in user (`Me` in the shared types). */
export type User = Me;

/** One role the logged-in user holds; agency and unit are null for platform-wide roles. */
export type RoleAssignment = Me['roles'][number];

interface SessionResponse {
  user: User;
  csrfToken: string;
}

export async function login(username: string, password: string): Promise<User> {
  const session = await api.post<SessionResponse>('/api/auth/login', { username, password });
  setCsrfToken(session.csrfToken);
  return session.user;
}

export async function fetchMe(options?: RequestOptions): Promise<User> {
  const session = await api.get<SessionResponse>('/api/auth/me', options);
  setCsrfToken(session.csrfToken);
  return session.user;
}

export async function logout(): Promise<void> {
  await api.post<unknown>('/api/auth/logout');
  setCsrfToken(null);
}

export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  await api.post<void>('/api/auth/password', { currentPassword, newPassword });
}
