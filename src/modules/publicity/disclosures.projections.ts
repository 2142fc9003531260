import type { ProjectionModule, StoredEvent } from '../../ledger/ledger.ts';
import type { Tx } from '../../store/db.ts';
import type { DisclosureContent, DisclosureKind } from '../../shared/disclosures.ts';

/** disclosure.created — a new item of the agency with its first draft (agency log; subject = id). */
export interface DisclosureCreated {
  id: string;
  agencyId: string;
  kind: DisclosureKind;
  code: string | null;
  title: string;
  content: DisclosureContent;
  note: string | null;
}

/** disclosure.drafted — the pending draft replaced: new content, or (removal) taking the item down. */
export interface DisclosureDrafted {
  id: string;
  revision: number;
  /** The draft's title (null for a removal). */
  title: string | null;
  content: DisclosureContent | null;
  removal: boolean;
  note: string | null;
}

/** disclosure.submitted — the draft of `revision` goes to review. */
export interface DisclosureSubmitted {
  id: string;
  revision: number;
}

/** disclosure.returned — the reviewer sends the draft back, with the reason. */
export interface DisclosureReturned {
  id: string;
  revision: number;
  reason: string;
}

/**
 * disclosure.published — version `version` is public from the event's time: exactly the
 * published title and content (null for a removal), the change note and who drafted it.
 */
export interface DisclosurePublished {
  id: string;
  agencyId: string;
  kind: DisclosureKind;
  version: number;
  title: string;
  content: DisclosureContent | null;
  removal: boolean;
  note: string | null;
  draftedBy: string[];
}

/** disclosure.discarded — the pending draft is thrown away (an item never published is then discarded). */
export interface DisclosureDiscarded {
  id: string;
  revision: number;
}

const bumpVersion = (trx: Tx, id: string, at: string, cols: Record<string, unknown>) =>
  trx
    .updateTable('disclosures')
    .set({ ...cols, updated_at: at })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();

async function authorsWith(trx: Tx, id: string, actor: string): Promise<string> {
  const row = await trx.selectFrom('disclosures').select(['draft_authors', 'draft_state']).where('id', '=', id).executeTakeFirstOrThrow();
  const authors = row.draft_state ? (JSON.parse(row.draft_authors) as string[]) : [];
  return JSON.stringify(authors.includes(actor) ? authors : [...authors, actor]);
}

export const disclosureProjections: ProjectionModule = {
  tables: ['disclosures', 'disclosure_versions'],
  projectors: {
    'disclosure.created': async (trx, e: StoredEvent) => {
      const d = e.data as unknown as DisclosureCreated;
      await trx
        .insertInto('disclosures')
        .values({
          id: d.id,
          agency_id: d.agencyId,
          kind: d.kind,
          code: d.code,
          added_seq: e.seq,
          status: 'unpublished',
          published_version: 0,
          title: d.title,
          draft_state: 'draft',
          draft_content: JSON.stringify(d.content),
          draft_removal: 0,
          draft_note: d.note,
          draft_authors: JSON.stringify([e.actor]),
          draft_revision: 1,
          draft_updated_at: e.at,
          return_reason: null,
          version: 1,
          created_at: e.at,
          updated_at: e.at,
        })
        .execute();
    },
    'disclosure.drafted': async (trx, e) => {
      const d = e.data as unknown as DisclosureDrafted;
      const authors = await authorsWith(trx, d.id, e.actor);
      const row = await trx.selectFrom('disclosures').select('status').where('id', '=', d.id).executeTakeFirstOrThrow();
      await bumpVersion(trx, d.id, e.at, {
        draft_state: 'draft',
        draft_content: d.content === null ? null : JSON.stringify(d.content),
        draft_removal: d.removal ? 1 : 0,
        draft_note: d.note,
        draft_authors: authors,
        draft_revision: d.revision,
        draft_updated_at: e.at,
        return_reason: null,
        // A never-published item is listed under its draft's title.
        ...(row.status === 'unpublished' && d.title ? { title: d.title } : {}),
      });
    },
    'disclosure.submitted': async (trx, e) => {
      const d = e.data as unknown as DisclosureSubmitted;
      await bumpVersion(trx, d.id, e.at, { draft_state: 'in-review', draft_authors: await authorsWith(trx, d.id, e.actor), return_reason: null });
    },
    'disclosure.returned': async (trx, e) => {
      const d = e.data as unknown as DisclosureReturned;
      await bumpVersion(trx, d.id, e.at, { draft_state: 'draft', return_reason: d.reason });
    },
    'disclosure.published': async (trx, e) => {
      const d = e.data as unknown as DisclosurePublished;
      await trx
        .insertInto('disclosure_versions')
        .values({
          item_id: d.id,
          version: d.version,
          agency_id: d.agencyId,
          kind: d.kind,
          title: d.title,
          content: d.content === null ? null : JSON.stringify(d.content),
          removal: d.removal ? 1 : 0,
          note: d.note,
          drafted_by: JSON.stringify(d.draftedBy),
          published_by: e.actor,
          published_at: e.at,
          published_seq: e.seq,
        })
        .execute();
      await bumpVersion(trx, d.id, e.at, {
        status: d.removal ? 'removed' : 'published',
        published_version: d.version,
        title: d.title,
        draft_state: null,
        draft_content: null,
        draft_removal: 0,
        draft_note: null,
        draft_authors: '[]',
        draft_updated_at: null,
        return_reason: null,
      });
    },
    'disclosure.discarded': async (trx, e) => {
      const d = e.data as unknown as DisclosureDiscarded;
      const row = await trx.selectFrom('disclosures').select('status').where('id', '=', d.id).executeTakeFirstOrThrow();
      await bumpVersion(trx, d.id, e.at, {
        ...(row.status === 'unpublished' ? { status: 'discarded' } : {}),
        draft_state: null,
        draft_content: null,
        draft_removal: 0,
        draft_note: null,
        draft_authors: '[]',
        draft_updated_at: null,
        return_reason: null,
      });
    },
  },
};
