import type { DerivedList, DerivedListOf, ListEntryOf, ListHistoryPage } from '@shared/disclosures.ts';
import type { DecisionSearchQuery, DecisionSearchResult, PortalStatistics, PublicAgency, PublicDecisionDetail } from '@shared/portal.ts';
import type { PublicationEvidence } from '../lib/verify.ts';
import { api, withQuery } from './client.ts';

export type { DecisionSearchQuery, DecisionSearchResult, PortalStatistics, PublicAgency, PublicDecisionDetail } from '@shared/portal.ts';

const decisionPath = (id: string) => `/api/public/decisions/${encodeURIComponent(id)}`;

function searchParams(q: DecisionSearchQuery): Record<string, string | undefined> {
  return { q: q.q?.trim() || undefined, agencyId: q.agencyId, kind: q.kind, from: q.from, to: q.to, after: q.after };
}

/** The citizens' portal: none of it needs a login. */
export const portalApi = {
  search: (q: DecisionSearchQuery, signal?: AbortSignal) => api.get<DecisionSearchResult>(withQuery('/api/public/decisions', searchParams(q)), { signal }),
  csvUrl: (q: DecisionSearchQuery) => withQuery('/api/public/decisions.csv', { ...searchParams(q), after: undefined }),
  decision: (id: string, version?: number, signal?: AbortSignal) =>
    api.get<PublicDecisionDetail>(withQuery(decisionPath(id), { version: version ? String(version) : undefined }), { signal }),
  proof: (id: string, version: number, signal?: AbortSignal) =>
    api.get<PublicationEvidence>(withQuery(`${decisionPath(id)}/proof`, { version: String(version) }), { signal }),
  statistics: (signal?: AbortSignal) => api.get<PortalStatistics>('/api/public/statistics', { signal }),
  agencies: (signal?: AbortSignal) => api.get<PublicAgency[]>('/api/public/agencies', { signal }),
  /** The platform's checkpoint verifier key (text/plain, note vkey form). */
  async key(signal?: AbortSignal): Promise<string> {
    const r = await fetch('/api/public/key', { signal, headers: { accept: 'text/plain' } });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return (await r.text()).trim();
  },
};

// ---- 事前公开: the derived lists on a date, and their version history ----

const derivedPath = (agencyId: string, list: DerivedList, suffix = '') => `/api/public/agencies/${encodeURIComponent(agencyId)}/disclosures/${list}${suffix}`;

/** No login: a derived list today or as it stood on `on`, and a page of its history (newest first). */
export const derivedListsApi = {
  list: <L extends DerivedList>(agencyId: string, list: L, on: string | null, signal?: AbortSignal) =>
    api.get<DerivedListOf[L]>(withQuery(derivedPath(agencyId, list), { on: on ?? undefined }), { signal }),
  history: <L extends DerivedList>(agencyId: string, list: L, after: string | null, signal?: AbortSignal) =>
    api.get<ListHistoryPage<ListEntryOf[L]>>(withQuery(derivedPath(agencyId, list, '/history'), { after: after ?? undefined }), { signal }),
};
