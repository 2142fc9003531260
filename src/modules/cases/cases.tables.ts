/**
 * 行政处罚案件 — one row per case: the columns the case list filters and sorts on, and the whole
 * case record (src/shared/cases.ts CaseRecord) as JSON, folded from the case's events.
 */
export interface CasesTable {
  id: string;
  agency_id: string;
  unit_id: string | null;
  procedure: 'ordinary' | 'simple';
  status: string;
  field: string;
  cause: string;
  /** The first party's name, for the list and its search. */
  party_name: string;
  case_no: string | null;
  registered_on: string;
  filed_on: string | null;
  decided_on: string | null;
  record: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** The earliest due date among its open deadlines (`case_deadlines`), null if none: the overdue list's order. */
  next_due: string | null;
}

/** 承办人 of a case, for "my cases" and the handler filter. */
export interface CaseHandlersTable {
  case_id: string;
  officer_id: string;
  /** The case's created_at: the list's order, so an officer's cases page by index. */
  created_at: string | null;
}

/**
 * The open deadlines of every case (due date known, not yet met), recomputed after each act and
 * whenever the calendar changes. Operational (a cache of the deadline engine), not a projection: the due dates depend
 * on the calendar in force, which events alone do not fix.
 */
export interface CaseDeadlinesTable {
  case_id: string;
  agency_id: string;
  unit_id: string | null;
  rule: string;
  instance: string;
  label: string;
  /** Last day (inclusive); overdue and due-soon are decided against today's date when read. */
  due: string;
  provisional: number;
}

/** An agency's own thresholds for its cases (CaseSettings as JSON); absent: the defaults. */
export interface CaseSettingsTable {
  agency_id: string;
  settings: string;
  version: number;
  updated_at: string;
}

export interface CasesTables {
  case_settings: CaseSettingsTable;
  cases: CasesTable;
  case_handlers: CaseHandlersTable;
  case_deadlines: CaseDeadlinesTable;
}
