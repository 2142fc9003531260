import { passwordProblem, USERNAME_PATTERN as SHARED_USERNAME_PATTERN } from '@shared/formats.ts';
import type { Grant, HistoryEntry, NewUser, User as UserAccount, UserPatch } from '@shared/api.ts';
import { api, ifMatch, withQuery } from './client.ts';

/** A login account as administrators manage it (`User` in the shared types; see auth.ts for the logged-in user). */
export type { Grant, NewUser, UserAccount, UserPatch };

export type UserStatus = UserAccount['status'];

/** The server's username rule. */
export const USERNAME_PATTERN = new RegExp(SHARED_USERNAME_PATTERN);

/** The server's password rule (at least 8 characters, letters and digits). */
export function passwordAcceptable(password: string): boolean {
  return passwordProblem(password) === null;
}

export const usersApi = {
  list: (agencyId: string | null, signal?: AbortSignal) => api.get<UserAccount[]>(withQuery('/api/users', { agencyId }), { signal }),
  create: (input: NewUser) => api.post<UserAccount>('/api/users', input),
  update: (user: Pick<UserAccount, 'id' | 'version'>, patch: UserPatch) =>
    api.patch<UserAccount>(`/api/users/${encodeURIComponent(user.id)}`, patch, { headers: ifMatch(user.version) }),
  resetPassword: (id: string, newPassword: string, reason: string | null) =>
    api.post<void>(`/api/users/${encodeURIComponent(id)}/password`, { newPassword, reason }),
  history: (id: string, signal?: AbortSignal) => api.get<HistoryEntry[]>(`/api/users/${encodeURIComponent(id)}/history`, { signal }),
};
