/** 执法文书 — an issued document (projection of `document.issued`). */
export interface DocumentsTable {
  id: string;
  agency_id: string;
  /** The case it belongs to (no foreign key: the cases capability owns that table). */
  case_id: string;
  kind: string;
  title: string;
  /** 文号, or null for unnumbered kinds. */
  number: string | null;
  /** Year and serial the number was allocated from (unique per agency and kind). */
  number_year: number | null;
  number_seq: number | null;
  /** China calendar date of issue. */
  issued_on: string;
  /** The issue time written into the PDF (re-rendering needs it to give the same bytes). */
  issued_at: string;
  pdf_sha256: string;
  pdf_size: number;
  /** The DocumentSpec as canonical JSON text. */
  spec: string;
  /** Sequence number of the `document.issued` event in the agency's log: the order of issue. */
  log_seq: number;
  created_at: string;
}

/** 文号设置 — an agency's short name and number patterns (projection of `document-settings.set`). */
export interface DocumentSettingsTable {
  agency_id: string;
  short_name: string;
  /** JSON object kind → pattern (overrides only). */
  patterns: string;
  version: number;
  updated_at: string;
}

/**
 * The last serial issued per agency, kind and year. A projection of `document.issued` (a rebuild
 * restores it from the events), and the row the issuing transaction locks to allocate the next.
 */
export interface DocumentCountersTable {
  agency_id: string;
  kind: string;
  year: number;
  last: number;
}

export interface DocumentTables {
  documents: DocumentsTable;
  document_settings: DocumentSettingsTable;
  document_counters: DocumentCountersTable;
}
