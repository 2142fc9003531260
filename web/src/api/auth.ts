import type { Role } from '@shared/roles.ts';
import { api, setCsrfToken, type RequestOptions } from './client.ts';

/** One role the logged-in user holds; agency and unit are null for platform-wide roles. */
export interface RoleAssignment {
  role: Role;
  agencyId: string | null;
  agencyName: string | null;
  unitId: string | null;
  unitName: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: RoleAssignment[];
  legalQualificationNo: string | null;
}

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
