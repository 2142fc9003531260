/** 行政机关 / 执法主体 — an agency: acts in its own name, owns a log, a document numbering, a catalog. */
export interface AgenciesTable {
  id: string;
  /** Short stable code; names the agency's log (`sanxiang/<code>`). */
  code: string;
  name: string;
  /** The agency that oversees this one (agency tree), or null for a root. */
  parent_id: string | null;
  /** 统一社会信用代码 — unified social credit code, where known. */
  credit_code: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** 内设机构 — a unit inside an agency (执法一科, 法制科 …). */
export interface UnitsTable {
  id: string;
  agency_id: string;
  name: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface IdentityTables {
  agencies: AgenciesTable;
  units: UnitsTable;
}
