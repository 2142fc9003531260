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

/** A login account. Passwords live apart, in the operational `credentials` table. */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  status: 'active' | 'disabled';
  /** 法律职业资格证书编号 — legal professional qualification (Art 58②), for legal reviewers. */
  legal_qualification_no: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** One role a user holds in one agency (and, for unit heads, one unit). */
export interface UserRolesTable {
  user_id: string;
  role: string;
  agency_id: string | null;
  unit_id: string | null;
}

/** 执法人员 — an enforcement officer and their 行政执法证 (certificate). */
export interface OfficersTable {
  id: string;
  agency_id: string;
  unit_id: string | null;
  user_id: string | null;
  name: string;
  /** 职务 */
  post: string | null;
  /** 执法证号; null for auxiliary staff, who hold none. */
  certificate_no: string | null;
  /** 发证机关 */
  issuing_authority: string | null;
  /** 执法种类 / 执法领域, JSON array of strings. */
  fields: string;
  valid_from: string | null;
  valid_to: string | null;
  /** Stored status; "expired" is computed from the clock, never stored. */
  status: 'active' | 'suspended' | 'revoked';
  status_reason: string | null;
  /** 辅助人员 — may assist, never act alone. 0/1. */
  auxiliary: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Operational: password hashes (never in the ledger). */
export interface CredentialsTable {
  user_id: string;
  password_hash: string;
  changed_at: string;
}

/** Operational: login sessions; the cookie holds the token, the table its SHA-256. */
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** Operational: failed logins per username, for back-off and temporary lockout. */
export interface LoginThrottleTable {
  username: string;
  failures: number;
  lockouts: number;
  locked_until: string | null;
  last_failure_at: string;
}

/** Operational: API tokens for system-to-system calls, hashed at rest, scoped to one agency. */
export interface ApiTokensTable {
  id: string;
  token_hash: string;
  name: string;
  agency_id: string;
  role: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

export interface IdentityTables {
  agencies: AgenciesTable;
  units: UnitsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  officers: OfficersTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  api_tokens: ApiTokensTable;
}
