import type {
  PublicationFields,
  PublicationListFilter,
  PublicationListItem,
  PublicationRedaction,
  PublicationSettings,
  PublicationView,
} from '@shared/publications.ts';
import { api, ifMatch, withQuery } from './client.ts';

/*
 * 事后公开 — the editors' console API (src/modules/publicity/publications.routes.ts). The shapes
 * are the shared ones (src/shared/publications.ts).
 */

export type { PublicationListFilter, PublicationListItem, PublicationView };

type Versioned = { id: string; version: number };

export interface PublicationSettingsView {
  agencyId: string;
  settings: PublicationSettings;
  version: number;
}

export interface PublicationEdit {
  fields?: Partial<Omit<PublicationFields, 'party' | 'decidedOn'>> & { party?: Partial<PublicationFields['party']> };
  redactions?: PublicationRedaction[];
  note?: string | null;
}

const path = (id: string, suffix = '') => `/api/publications/${encodeURIComponent(id)}${suffix}`;

export const publicationsApi = {
  list: (q: { filter?: PublicationListFilter; agencyId?: string | null }, signal?: AbortSignal) =>
    api.get<PublicationListItem[]>(withQuery('/api/publications', { filter: q.filter, agencyId: q.agencyId }), { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<PublicationView>(path(id), { signal }),
  edit: (p: Versioned, body: PublicationEdit) => api.patch<PublicationView>(path(p.id), body, { headers: ifMatch(p.version) }),
  redact: (p: Versioned, body: { start: number; end: number; reason: string }) => api.post<PublicationView>(path(p.id, '/redactions'), body, { headers: ifMatch(p.version) }),
  submit: (p: Versioned) => api.post<PublicationView>(path(p.id, '/submit'), undefined, { headers: ifMatch(p.version) }),
  returnToDraft: (p: Versioned, reason: string) => api.post<PublicationView>(path(p.id, '/return'), { reason }, { headers: ifMatch(p.version) }),
  approve: (p: Versioned) => api.post<PublicationView>(path(p.id, '/approve'), undefined, { headers: ifMatch(p.version) }),
  correct: (p: Versioned, reason: string) => api.post<PublicationView>(path(p.id, '/correct'), { reason }, { headers: ifMatch(p.version) }),
  requireWithdrawal: (p: Versioned, body: { on?: string; reason: string }) => api.post<PublicationView>(path(p.id, '/withdrawal-required'), body, { headers: ifMatch(p.version) }),
  withdraw: (p: Versioned, reason: string) => api.post<PublicationView>(path(p.id, '/withdraw'), { reason }, { headers: ifMatch(p.version) }),
  settings: (agencyId: string, signal?: AbortSignal) => api.get<PublicationSettingsView>(`/api/agencies/${encodeURIComponent(agencyId)}/publication-settings`, { signal }),
};
