import type { CertificateStatus, HistoryEntry, ImportError, NewOfficer, Officer, OfficerPatch, OfficerStatus, RenewInput } from '@shared/api.ts';
import { api, ifMatch, withQuery } from './client.ts';

/** `ImportError` is the `import-invalid` detail: Excel row number, Chinese column header, message. */
export type { CertificateStatus, ImportError, NewOfficer, Officer, OfficerPatch, OfficerStatus, RenewInput };

export interface OfficerFilter {
  agencyId?: string | null;
  q?: string | null;
  certificateStatus?: CertificateStatus | null;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const path = (id: string, suffix = '') => `/api/officers/${encodeURIComponent(id)}${suffix}`;

export const officersApi = {
  list: (filter: OfficerFilter, signal?: AbortSignal) =>
    api.get<Officer[]>(withQuery('/api/officers', { agencyId: filter.agencyId, q: filter.q, certificateStatus: filter.certificateStatus }), { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<Officer>(path(id), { signal }),
  create: (input: NewOfficer) => api.post<Officer>('/api/officers', input),
  update: (officer: Pick<Officer, 'id' | 'version'>, patch: OfficerPatch & { reason?: string | null }) =>
    api.patch<Officer>(path(officer.id), patch, { headers: ifMatch(officer.version) }),
  suspend: (officer: Pick<Officer, 'id' | 'version'>, reason: string) =>
    api.post<Officer>(path(officer.id, '/suspend'), { reason }, { headers: ifMatch(officer.version) }),
  reinstate: (officer: Pick<Officer, 'id' | 'version'>, reason: string) =>
    api.post<Officer>(path(officer.id, '/reinstate'), { reason }, { headers: ifMatch(officer.version) }),
  revoke: (officer: Pick<Officer, 'id' | 'version'>, reason: string) =>
    api.post<Officer>(path(officer.id, '/revoke'), { reason }, { headers: ifMatch(officer.version) }),
  renew: (officer: Pick<Officer, 'id' | 'version'>, input: RenewInput) =>
    api.post<Officer>(path(officer.id, '/renew'), input, { headers: ifMatch(officer.version) }),
  history: (id: string, signal?: AbortSignal) => api.get<HistoryEntry[]>(path(id, '/history'), { signal }),
  downloadTemplate: (fallbackName: string) => api.download('/api/officers/template.xlsx', fallbackName),
  downloadExport: (agencyId: string, fallbackName: string) =>
    api.download(withQuery('/api/officers/export.xlsx', { agencyId }), fallbackName),
  import: (agencyId: string, file: Blob) =>
    api.upload<{ imported: number }>(withQuery('/api/officers/import', { agencyId }), file, XLSX_TYPE),
};
