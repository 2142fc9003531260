import * as formats from '@shared/formats.ts';
import type { Agency, AgencyPatch, HistoryEntry, NewAgency, Unit, UnitPatch } from '@shared/api.ts';
import { api, ifMatch } from './client.ts';

export type { Agency, AgencyPatch, NewAgency, Unit, UnitPatch };

/** 机构编码 and 统一社会信用代码, exactly as the server checks them. */
export const AGENCY_CODE_PATTERN = new RegExp(formats.AGENCY_CODE_PATTERN);
export const CREDIT_CODE_PATTERN = new RegExp(formats.CREDIT_CODE_PATTERN);

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
