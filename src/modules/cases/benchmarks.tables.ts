/** 裁量基准 — one entry of an agency's discretion benchmark table (projection of `benchmark.*`). */
export interface DiscretionBenchmarksTable {
  id: string;
  agency_id: string;
  /** 执法领域 */
  field: string;
  /** The agency's number for the entry (文市-网吧-01); unique within the agency, the Excel key. */
  code: string;
  /** 违法行为 */
  violation: string;
  /** 违法依据 */
  legal_basis: string;
  /** 处罚依据 */
  penalty_basis: string;
  /** JSON array of BenchmarkLevel (src/shared/api.ts), in the agency's order. */
  levels: string;
  status: 'active' | 'retired';
  version: number;
  created_at: string;
  updated_at: string;
}

export interface BenchmarkTables {
  discretion_benchmarks: DiscretionBenchmarksTable;
}
