import type { BenchmarkImportResult, BenchmarkLevel, BenchmarkPatch, BenchmarkStatus, DiscretionBenchmark, HistoryEntry, NewBenchmark } from '@shared/api.ts';
import { api, ifMatch, withQuery } from './client.ts';
import { XLSX_TYPE } from './officers.ts';

export type { BenchmarkImportResult, BenchmarkLevel, BenchmarkPatch, BenchmarkStatus, DiscretionBenchmark, NewBenchmark };

export interface BenchmarkFilter {
  agencyId?: string | null;
  field?: string | null;
  q?: string | null;
  status?: BenchmarkStatus | null;
}

const path = (id: string, suffix = '') => `/api/benchmarks/${encodeURIComponent(id)}${suffix}`;

/** 裁量基准: the agency's discretion benchmark table. */
export const benchmarksApi = {
  list: (filter: BenchmarkFilter, signal?: AbortSignal) =>
    api.get<DiscretionBenchmark[]>(withQuery('/api/benchmarks', { agencyId: filter.agencyId, field: filter.field, q: filter.q, status: filter.status }), { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<DiscretionBenchmark>(path(id), { signal }),
  create: (input: NewBenchmark) => api.post<DiscretionBenchmark>('/api/benchmarks', input),
  /** Every edit carries a reason: the table is published and cases are measured against it. */
  update: (b: Pick<DiscretionBenchmark, 'id' | 'version'>, patch: BenchmarkPatch & { reason: string }) =>
    api.patch<DiscretionBenchmark>(path(b.id), patch, { headers: ifMatch(b.version) }),
  retire: (b: Pick<DiscretionBenchmark, 'id' | 'version'>, reason: string) =>
    api.post<DiscretionBenchmark>(path(b.id, '/retire'), { reason }, { headers: ifMatch(b.version) }),
  history: (id: string, signal?: AbortSignal) => api.get<HistoryEntry[]>(path(id, '/history'), { signal }),
  downloadTemplate: (fallbackName: string) => api.download('/api/benchmarks/template.xlsx', fallbackName),
  downloadExport: (agencyId: string, fallbackName: string) => api.download(withQuery('/api/benchmarks/export.xlsx', { agencyId }), fallbackName),
  import: (agencyId: string, file: Blob) => api.upload<BenchmarkImportResult>(withQuery('/api/benchmarks/import', { agencyId }), file, XLSX_TYPE),
};
