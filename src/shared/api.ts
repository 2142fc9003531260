/**
 * The shapes the API sends, shared by server and web so a field the UI forgets is a type error.
 * The server's route schemas (TypeBox) describe the same shapes for validation and OpenAPI.
 */
import type { CERTIFICATE_STATUS_LABELS, Role } from './roles.ts';

/** 内设机构 */
export interface Unit {
  id: string;
  agencyId: string;
  name: string;
  version: number;
}

/** 行政机关（执法主体） with its units. */
export interface Agency {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  creditCode: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  units: Unit[];
}

/** One role held in one agency (null: platform-wide) and, for unit heads, one unit. */
export interface Grant {
  role: Role;
  agencyId: string | null;
  unitId: string | null;
}

/** A login account. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
  /** 法律职业资格证书编号 */
  legalQualificationNo: string | null;
  roles: Grant[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Actions of the access policy (src/modules/identity/access.policy.ts). */
export type Action =
  | 'agency.read'
  | 'agency.create'
  | 'agency.update'
  | 'unit.manage'
  | 'user.read'
  | 'user.manage'
  | 'officer.read'
  | 'officer.manage'
  | 'token.manage'
  | 'ledger.checkpoint'
  | 'calendar.manage'
  | 'case.read'
  | 'case.handle'
  | 'case.approve'
  | 'case.review'
  | 'benchmark.read'
  | 'benchmark.manage'
  | 'document.settings'
  | 'review.catalog.read'
  | 'review.catalog.manage'
  | 'review.assign'
  | 'review.co-review'
  | 'publicity.read'
  | 'publicity.edit'
  | 'publicity.approve'
  | 'feed.read';

/** The logged-in user, with agency and unit names for display. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  legalQualificationNo: string | null;
  roles: Array<Grant & { agencyName: string | null; unitName: string | null }>;
  /**
   * Where the user may do each action, decided by the server's policy: 'all' agencies, or a list
   * of agency ids (empty: nowhere). The UI shows only what this allows; the server checks anyway.
   */
  permissions: Record<Action, 'all' | string[]>;
}

export type CertificateStatus = keyof typeof CERTIFICATE_STATUS_LABELS;
export type OfficerStatus = 'active' | 'suspended' | 'revoked';

/** 执法人员 and their 执法证; `certificateStatus` is computed by the server for today (China date). */
export interface Officer {
  id: string;
  agencyId: string;
  unitId: string | null;
  userId: string | null;
  name: string;
  post: string | null;
  certificateNo: string | null;
  issuingAuthority: string | null;
  fields: string[];
  /** YYYY-MM-DD, inclusive. */
  validFrom: string | null;
  validTo: string | null;
  status: OfficerStatus;
  statusReason: string | null;
  auxiliary: boolean;
  certificateStatus: CertificateStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One change in an object's history, read from the ledger: who, when, what (before/after) and why. */
export interface HistoryEntry {
  log: string;
  seq: number;
  at: string;
  actor: { id: string; name: string };
  /** e.g. `officer.suspended`, `user.updated`, `agency.created`. */
  type: string;
  data: {
    changes?: Record<string, { before: unknown; after: unknown }>;
    reason?: string | null;
    [key: string]: unknown;
  };
}

/** A problem in an imported Excel file: Excel row number, Chinese column header, message. */
export interface ImportError {
  row: number;
  column: string;
  message: string;
}

// ---- Request bodies (the route schemas validate the same shapes) ------------------------------

/** A change reason, recorded in the ledger with the change. */
export interface Reasoned {
  reason?: string | null;
}

export interface NewAgency {
  code: string;
  name: string;
  parentId?: string | null;
  creditCode?: string | null;
}

export interface AgencyPatch extends Reasoned {
  name?: string;
  parentId?: string | null;
  creditCode?: string | null;
}

export interface UnitPatch extends Reasoned {
  name?: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Grant[];
  legalQualificationNo?: string | null;
}

export interface UserPatch extends Reasoned {
  displayName?: string;
  legalQualificationNo?: string | null;
  status?: User['status'];
  roles?: Grant[];
}

/** The fields an administrator edits after registration. */
export interface OfficerPatch extends Reasoned {
  unitId?: string | null;
  userId?: string | null;
  name?: string;
  post?: string | null;
  certificateNo?: string | null;
  issuingAuthority?: string | null;
  fields?: string[];
  validFrom?: string | null;
  validTo?: string | null;
}

export interface NewOfficer extends Omit<OfficerPatch, 'reason'> {
  agencyId: string;
  name: string;
  fields: string[];
  auxiliary?: boolean;
}

/** 换证: a later validity, optionally a new number. */
export interface RenewInput {
  validTo: string;
  validFrom?: string;
  certificateNo?: string;
  reason: string;
}

// ---- 裁量基准 — discretion benchmarks (src/modules/cases/benchmarks.*) ---------------------------

/**
 * 裁量等次 — one severity level of a benchmark entry (轻微 / 一般 / 较重 / 严重 …): the
 * circumstances (情形) it covers, the penalty kinds allowed in it, and the fine. Money is integer
 * fen. Where the regulation fixes the fine as a multiple of illegal gains (违法所得), `gainsMultiple`
 * gives the multiples; `fine` is then the range used when there are no gains or they are below
 * `gainsMultiple.minGainsFen` (e.g. 《营业性演出管理条例》第四十四条: 8–10 倍, or ¥50,000–¥100,000
 * when there are none or less than ¥10,000).
 */
export interface BenchmarkLevel {
  name: string;
  circumstances: string;
  /** Empty: the level is 不予处罚 (e.g. 首违不罚, 《行政处罚法》第三十三条). */
  kinds: import('./cases.ts').PenaltyKind[];
  /** A fixed fine range; a minimum above 0 means the level requires a fine of at least that. */
  fine: { minFen: number; maxFen: number } | null;
  gainsMultiple: { min: number; max: number; minGainsFen: number | null } | null;
  /** 处罚标准 as the published table words it (e.g. 责令停业整顿1个月至3个月), beyond kinds and amounts. */
  note: string | null;
}

export type BenchmarkStatus = 'active' | 'retired';

/** 裁量基准 — one entry of an agency's discretion benchmark table. */
export interface DiscretionBenchmark {
  id: string;
  agencyId: string;
  /** 执法领域 (文化市场, 文物 …) */
  field: string;
  /** The agency's own number for the entry (e.g. 文市-网吧-01); unique within the agency. */
  code: string;
  /** 违法行为 */
  violation: string;
  /** 违法依据 — the provision the act breaches. */
  legalBasis: string;
  /** 处罚依据 — the provision that sets the penalty. */
  penaltyBasis: string;
  levels: BenchmarkLevel[];
  status: BenchmarkStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewBenchmark {
  agencyId: string;
  field: string;
  code: string;
  violation: string;
  legalBasis: string;
  penaltyBasis: string;
  levels: BenchmarkLevel[];
}

/** An edit of an entry: only the changed fields, and the reason (required: the table is published). */
export interface BenchmarkPatch {
  field?: string;
  code?: string;
  violation?: string;
  legalBasis?: string;
  penaltyBasis?: string;
  levels?: BenchmarkLevel[];
}

/** What an Excel import did, by entry code. */
export interface BenchmarkImportResult {
  created: number;
  updated: number;
  unchanged: number;
}
