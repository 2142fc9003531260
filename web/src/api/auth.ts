import type { Role } from '@shared/roles.ts';
import { api, setCsrfToken, type RequestOptions } from './client.ts';

export interface RoleAssignment {
  role: Role;
  agencyId: string;
  agencyName: string;
  unitId?: string;
  unitName?: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: RoleAssignment[];
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
