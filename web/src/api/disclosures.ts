import type {
  DisclosureContent,
  DisclosureDetail,
  DisclosureImportResult,
  DisclosureItem,
  DisclosureKind,
  NewDisclosure,
  PublicAgencyProfile,
  PublicBenchmark,
  PublicCatalogRule,
  PublicDisclosure,
  PublicDisclosureChange,
  PublicDisclosureHistory,
  PublicStaffMember,
} from '@shared/disclosures.ts';
import { api, ifMatch, withQuery } from './client.ts';
import { XLSX_TYPE } from './officers.ts';

export type { DisclosureContent, DisclosureDetail, DisclosureItem, DisclosureKind, PublicAgencyProfile, PublicBenchmark, PublicCatalogRule, PublicDisclosure, PublicDisclosureChange, PublicDisclosureHistory, PublicStaffMember };

const path = (id: string, suffix = '') => `/api/disclosures/${encodeURIComponent(id)}${suffix}`;
type Ref = Pick<DisclosureItem, 'id' | 'version'>;

/** 事前公开, the 公示审核员's console: draft → 送审 → 审核发布 (the drafter never publishes). */
export const disclosuresApi = {
  list: (filter: { agencyId?: string | null; kind?: DisclosureKind | null; pending?: 'any' | 'review' | null }, signal?: AbortSignal) =>
    api.get<DisclosureItem[]>(withQuery('/api/disclosures', { agencyId: filter.agencyId, kind: filter.kind, pending: filter.pending }), { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<DisclosureDetail>(path(id), { signal }),
  create: (input: NewDisclosure) => api.post<DisclosureDetail>('/api/disclosures', input),
  draft: (d: Ref, content: DisclosureContent, note: string | null) => api.post<DisclosureDetail>(path(d.id, '/draft'), { content, note }, { headers: ifMatch(d.version) }),
  removal: (d: Ref, note: string) => api.post<DisclosureDetail>(path(d.id, '/removal'), { note }, { headers: ifMatch(d.version) }),
  submit: (d: Ref) => api.post<DisclosureDetail>(path(d.id, '/submit'), undefined, { headers: ifMatch(d.version) }),
  returnDraft: (d: Ref, reason: string) => api.post<DisclosureDetail>(path(d.id, '/return'), { reason }, { headers: ifMatch(d.version) }),
  publish: (d: Ref) => api.post<DisclosureDetail>(path(d.id, '/publish'), undefined, { headers: ifMatch(d.version) }),
  discard: (d: Ref) => api.post<DisclosureDetail>(path(d.id, '/discard'), undefined, { headers: ifMatch(d.version) }),
  downloadPowers: (agencyId: string, fallbackName: string) => api.download(withQuery('/api/disclosures/powers/export.xlsx', { agencyId }), fallbackName),
  downloadPowersTemplate: (fallbackName: string) => api.download('/api/disclosures/powers/template.xlsx', fallbackName),
  importPowers: (agencyId: string, file: Blob) => api.upload<DisclosureImportResult>(withQuery('/api/disclosures/powers/import', { agencyId }), file, XLSX_TYPE),
};

const pub = (agencyId: string, suffix = '') => `/api/public/agencies/${encodeURIComponent(agencyId)}/disclosures${suffix}`;

/** 事前公开 as the public reads it: no login. */
export const publicDisclosuresApi = {
  list: (agencyId: string, filter: { kind?: DisclosureKind; q?: string }, signal?: AbortSignal) =>
    api.get<PublicDisclosure[]>(withQuery(pub(agencyId), { kind: filter.kind, q: filter.q?.trim() || undefined }), { signal }),
  item: (agencyId: string, itemId: string, signal?: AbortSignal) => api.get<PublicDisclosureHistory>(pub(agencyId, `/${encodeURIComponent(itemId)}`), { signal }),
  changes: (agencyId: string, kind?: DisclosureKind, signal?: AbortSignal) => api.get<PublicDisclosureChange[]>(withQuery(pub(agencyId, '/changes'), { kind }), { signal }),
};
