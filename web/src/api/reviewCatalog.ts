import type {
  CatalogPreview,
  CatalogPreviewCase,
  CatalogRule,
  CatalogRuleChange,
  CatalogRuleDetail,
  CatalogRuleKind,
  CatalogRuleRetirement,
  CatalogRuleSpec,
  CatalogRuleVersion,
  ManualFlag,
  NewCatalogRule,
} from '@shared/review-catalog.ts';
import { api, ifMatch, withQuery } from './client.ts';

export type { CatalogPreview, CatalogPreviewCase, CatalogRule, CatalogRuleChange, CatalogRuleDetail, CatalogRuleKind, CatalogRuleRetirement, CatalogRuleSpec, CatalogRuleVersion, ManualFlag, NewCatalogRule };

const path = (id: string, suffix = '') => `/api/review-catalog/${encodeURIComponent(id)}${suffix}`;

/** 重大执法决定法制审核目录: the agency's catalog of decisions that need legal review. */
export const reviewCatalogApi = {
  /** With `on`: the catalog in force that day; without: every rule (scheduled and retired too). */
  list: (filter: { agencyId?: string | null; on?: string | null }, signal?: AbortSignal) =>
    api.get<CatalogRule[]>(withQuery('/api/review-catalog', { agencyId: filter.agencyId, on: filter.on }), { signal }),
  /** `inForce` is the version of `on` (today when absent). */
  get: (id: string, on?: string | null, signal?: AbortSignal) => api.get<CatalogRuleDetail>(withQuery(path(id), { on }), { signal }),
  add: (input: NewCatalogRule) => api.post<CatalogRuleDetail>('/api/review-catalog', input),
  /** A new version from `effectiveFrom`; the previous one ends there. */
  change: (r: Pick<CatalogRule, 'id' | 'version'>, change: CatalogRuleChange) => api.post<CatalogRuleDetail>(path(r.id, '/versions'), change, { headers: ifMatch(r.version) }),
  retire: (r: Pick<CatalogRule, 'id' | 'version'>, input: CatalogRuleRetirement) => api.post<CatalogRuleDetail>(path(r.id, '/retire'), input, { headers: ifMatch(r.version) }),
  /** Which of the agency's 20 most recent cases with a proposal the unsaved rule would catch. */
  preview: (agencyId: string, rule: CatalogRuleSpec) => api.post<CatalogPreview>('/api/review-catalog/preview', { agencyId, rule }),
  downloadExport: (agencyId: string, on: string, fallbackName: string) => api.download(withQuery('/api/review-catalog/export.xlsx', { agencyId, on }), fallbackName),
};
