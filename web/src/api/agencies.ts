import type { Agency, HistoryEntry, Unit } from '@shared/api.ts';
import { api, ifMatch } from './client.ts';

export type { Agency, Unit };

export interface NewAgency {
  code: string;
  name: string;
  parentId?: string | null;
  creditCode?: string | null;
}

export interface AgencyPatch {
  name?: string;
  parentId?: string | null;
  creditCode?: string | null;
  reason?: string | null;
}

export interface UnitPatch {
  name?: string;
  reason?: string | null;
}

/** 机构编码: lower-case letters, digits and hyphens (the server's AGENCY_CODE_PATTERN). */
export const AGENCY_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,31}$/;

/** 统一社会信用代码 (GB 32100-2015), as the server checks it. */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const agenciesApi = {
  list: (signal?: AbortSignal) => api.get<Agency[]>('/api/agencies', { signal }),
  create: (input: NewAgency) => api.post<Agency>('/api/agencies', input),
  update: (agency: Pick<Agency, 'id' | 'version'>, patch: AgencyPatch) =>
    api.patch<Agency>(`/api/agencies/${encodeURIComponent(agency.id)}`, patch, { headers: ifMatch(agency.version) }),
  createUnit: (agencyId: string, name: string) => api.post<Unit>(`/api/agencies/${encodeURIComponent(agencyId)}/units`, { name }),
  updateUnit: (unit: Pick<Unit, 'id' | 'version'>, patch: UnitPatch) =>
    api.patch<Unit>(`/api/units/${encodeURIComponent(unit.id)}`, patch, { headers: ifMatch(unit.version) }),
  history: (id: string, signal?: AbortSignal) => api.get<HistoryEntry[]>(`/api/agencies/${encodeURIComponent(id)}/history`, { signal }),
};
