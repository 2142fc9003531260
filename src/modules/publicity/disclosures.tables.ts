/**
 * 事前公开 — projections of `disclosure.*` events (agency log, subject = the item id).
 * Content columns hold the JSON of src/shared/disclosures.ts DisclosureContentOf[kind].
 */

/** One disclosed item of an agency: its published state and its pending draft, if any. */
export interface DisclosuresTable {
  id: string;
  agency_id: string;
  /** DisclosureKind. */
  kind: string;
  /** 事项编码 of coded kinds, 'profile' for the profile (so an agency has one), else null; unique per agency and kind. */
  code: string | null;
  /** Sequence number of the `disclosure.created` event in the agency's log: the list's order after the code. */
  added_seq: number;
  /** DisclosureStatus: unpublished | published | removed | discarded. */
  status: string;
  /** Number of the latest published version (0: never published). */
  published_version: number;
  /** Title of the latest published version, or of the draft while never published. */
  title: string;
  /** DraftState (draft | in-review), or null when nothing is pending. */
  draft_state: string | null;
  /** The draft's content JSON; null for a removal or no draft. */
  draft_content: string | null;
  /** 0/1: the draft removes the item from publication. */
  draft_removal: number;
  draft_note: string | null;
  /** JSON array of the user ids who wrote or submitted the pending draft. */
  draft_authors: string;
  draft_revision: number;
  draft_updated_at: string | null;
  return_reason: string | null;
  /** Record version for If-Match: one per event. */
  version: number;
  created_at: string;
  updated_at: string;
}

/** One published version of an item (publicly readable, removals included). */
export interface DisclosureVersionsTable {
  item_id: string;
  version: number;
  agency_id: string;
  kind: string;
  title: string;
  /** The published content JSON; null for a removal. */
  content: string | null;
  removal: number;
  note: string | null;
  /** JSON array of user ids who drafted it. */
  drafted_by: string;
  published_by: string;
  published_at: string;
  /** Sequence number of the `disclosure.published` event in the agency's log: the change log's order. */
  published_seq: number;
}

export interface DisclosureTables {
  disclosures: DisclosuresTable;
  disclosure_versions: DisclosureVersionsTable;
}
