/**
 * 事后公开 — projection tables of `publication.*` events (agency log, subject = the publication).
 * The shapes of `record` and `public_json` are in src/shared/publications.ts.
 */
export interface PublicationsTable {
  id: string;
  agency_id: string;
  case_id: string | null;
  /** PublicationKind: penalty | licence. */
  kind: string;
  /** PublicationStatus (the console's workflow): draft | in-review | published | withdrawn | expired. */
  status: string;
  number: string;
  party_name: string;
  cause: string;
  decided_on: string;
  /** 7 working days from the decision (118号 item 六). */
  publish_due_on: string;
  /** First publication date (null until published). */
  published_on: string | null;
  /** 公示截止期 of the current public version. */
  public_until: string | null;
  /** Art 48②: the decision changed — withdraw by this date. */
  withdraw_due_on: string | null;
  withdrawn_on: string | null;
  expired_on: string | null;
  /**
   * What the portal shows: null (never published), 'public' (public_json is on the portal; a
   * correction in progress does not change it), 'withdrawn' (the notice only), 'expired'.
   */
  public_state: string | null;
  public_version: number | null;
  /** The current PublishedDecision, canonical JSON (exactly the data of its ledger event). */
  public_json: string | null;
  /** The portal's walking key: follows the decision date, publish order within a day (search-key.ts); minus it is the FTS5 rowid. */
  search_key: number | null;
  /** NFKC lower-cased searchable text (PostgreSQL LIKE recheck). PostgreSQL also has `search_tokens text[]` (raw SQL only). */
  search_text: string | null;
  fine_fen: number | null;
  /** The PublicationRecord as JSON (console only: holds the unredacted source). */
  record: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Each public version (published or corrected) with the ledger event that carries it (for 核验). */
export interface PublicationVersionsTable {
  publication_id: string;
  version: number;
  /** publication.published | publication.corrected */
  type: string;
  log: string;
  seq: number;
  published_on: string;
  /** The correction's reason (null for version 1). */
  reason: string | null;
  /** The PublishedDecision of this version, canonical JSON (the event's data). */
  data: string;
}

export interface PublicationSettingsTable {
  agency_id: string;
  settings: string;
  version: number;
  updated_at: string;
}

/** Published decisions per agency, month of decision (YYYY-MM) and kind: +1 at first publication, −1 at withdrawal. */
export interface PublicationCountsTable {
  agency_id: string;
  month: string;
  kind: string;
  count: number;
}

/** The portal's list row of each public decision (projection; exists exactly while the decision is public). */
export interface PublicationItemsTable {
  /** `publications.search_key`. */
  search_key: number;
  /** PublishedDecisionListItem JSON, from the public object (portal.rules.ts listItemOf). */
  item: string;
}

/**
 * The portal's public set changes with each publication, correction, withdrawal and expiry: its
 * generation is the ledger position (`log:seq`) of the latest such event (one row, id 1). Caches of
 * what a search found are valid for one generation.
 */
export interface PortalGenerationTable {
  id: number;
  generation: string;
}

export interface PublicationsTables {
  publications: PublicationsTable;
  portal_generation: PortalGenerationTable;
  publication_items: PublicationItemsTable;
  publication_versions: PublicationVersionsTable;
  publication_settings: PublicationSettingsTable;
  publication_counts: PublicationCountsTable;
}
