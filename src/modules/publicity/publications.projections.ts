import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import type { ProjectionModule, Projector, StoredEvent } from '../../ledger/ledger.ts';
import { engineOf, type Tx } from '../../store/db.ts';
import { searchText, searchTokens } from '../../search/chinese.ts';
import type { PublicationRecord, PublishedDecision, PublicationSettings } from '../../shared/publications.ts';
import { applyPublicationEvent, portalSearchText, PUBLICATION_EVENT_TYPES } from './publications.rules.ts';
import { listItemOf } from './portal.rules.ts';
import { ftsRowid, keyOnDay, searchKeysOfDay } from './search-key.ts';

/**
 * A `publication.*` event (agency log, subject = the publication) folds into its row. On first
 * publication the row gets the next `search_key` of its decision date (search-key.ts; PostgreSQL
 * takes an advisory lock so two agencies publishing at once do not pick the same key). Published/corrected versions go
 * to `publication_versions` with their event's log and seq (the portal's 核验 proof), into the
 * search index and the portal's list rows (`publication_items`); a withdrawal or expiry takes the
 * item out of both.
 */
async function projectPublication(trx: Tx, e: StoredEvent): Promise<void> {
  const id = String(e.data.id);
  const row = await trx.selectFrom('publications').select(['record', 'search_key']).where('id', '=', id).executeTakeFirst();
  const prev = row ? (JSON.parse(row.record) as PublicationRecord) : null;
  const actorName = (await trx.selectFrom('users').select('display_name').where('id', '=', e.actor).executeTakeFirst())?.display_name ?? e.actor;
  const r = applyPublicationEvent(prev, { type: e.type, actor: e.actor, at: e.at, actorName, data: e.data });
  const columns = {
    status: r.status,
    number: r.fields.number,
    party_name: r.fields.party.name,
    cause: r.fields.cause,
    decided_on: r.fields.decidedOn,
    publish_due_on: r.publishDueOn,
    published_on: r.publishedOn,
    public_until: r.publicUntil,
    withdraw_due_on: r.withdrawalRequired && !r.withdrawal ? r.withdrawalRequired.dueOn : null,
    withdrawn_on: r.withdrawal?.withdrawnOn ?? null,
    expired_on: r.expiredOn,
    fine_fen: r.fields.fineFen,
    record: JSON.stringify(r),
    version: r.version,
    updated_at: r.updatedAt,
  };
  if (!prev) {
    await trx
      .insertInto('publications')
      .values({ id: r.id, agency_id: r.agencyId, case_id: r.caseId, kind: r.kind, public_state: null, public_version: null, public_json: null, search_key: null, search_text: null, created_at: r.createdAt, ...columns })
      .execute();
    return;
  }
  await trx.updateTable('publications').set(columns).where('id', '=', id).execute();

  if (e.type === 'publication.published' || e.type === 'publication.corrected') {
    const d = e.data as unknown as PublishedDecision;
    const json = canonicalize(e.data)!;
    const old = row!.search_key === null ? null : Number(row!.search_key);
    // The key follows the decision date (search-key.ts); a correction that moves the date moves it.
    let key = old !== null && keyOnDay(old, d.decidedOn) ? old : null;
    if (key === null) {
      if (engineOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(7140014)`.execute(trx);
      const day = searchKeysOfDay(d.decidedOn);
      const max = await trx.selectFrom('publications').select((eb) => eb.fn.max('search_key').as('m')).where('search_key', '>=', day.first).where('search_key', '<=', day.last).executeTakeFirst();
      key = max?.m === null || max?.m === undefined ? day.first : Number(max.m) + 1;
      if (key > day.last) throw new Error(`more than ${day.last - day.first + 1} publications decided on ${d.decidedOn}: the search key is exhausted`);
    }
    const text = searchText(d.number, d.agencyName, d.party.name, d.cause, d.text);
    const normal = portalSearchText(d);
    await trx.updateTable('publications').set({ public_state: 'public', public_version: d.version, public_json: json, search_key: key, search_text: normal }).where('id', '=', id).execute();
    await trx
      .insertInto('publication_versions')
      .values({ publication_id: id, version: d.version, type: e.type, log: e.log, seq: e.seq, published_on: d.publishedOn, reason: d.corrections.find((c) => c.version === d.version)?.reason ?? null, data: json })
      .execute();
    if (old !== null) await trx.deleteFrom('publication_items').where('search_key', '=', old).execute();
    await trx.insertInto('publication_items').values({ search_key: key, item: JSON.stringify(listItemOf(d)) }).execute();
    if (engineOf(trx) === 'postgres') {
      await sql`update publications set search_tokens = ${searchTokens(d.number, d.agencyName, d.party.name, d.cause, d.text)} where id = ${id}`.execute(trx);
    } else {
      if (old !== null) await sql`delete from publication_search where rowid = ${ftsRowid(old)}`.execute(trx);
      await sql`insert into publication_search (rowid, tokens) values (${ftsRowid(key)}, ${text})`.execute(trx);
    }
    if (e.type === 'publication.published') await bumpCount(trx, r.agencyId, d.decidedOn.slice(0, 7), d.kind, 1);
    await nextGeneration(trx, e);
    return;
  }

  if ((e.type === 'publication.withdrawn' || e.type === 'publication.expired') && row!.search_key !== null && prev.current) {
    const state = e.type === 'publication.withdrawn' ? 'withdrawn' : 'expired';
    await trx.updateTable('publications').set({ public_state: state }).where('id', '=', id).execute();
    await unindex(trx, id, Number(row!.search_key));
    // The statistics count what is public now: a withdrawn or expired decision leaves them.
    await bumpCount(trx, r.agencyId, prev.current.decidedOn.slice(0, 7), prev.current.kind, -1);
    await nextGeneration(trx, e);
  }
}

/** The public set changed: its generation becomes this event's position (unique, and the same after a rebuild). */
async function nextGeneration(trx: Tx, e: StoredEvent): Promise<void> {
  const generation = `${e.log}:${e.seq}`;
  await trx.insertInto('portal_generation').values({ id: 1, generation }).onConflict((oc) => oc.column('id').doUpdateSet({ generation })).execute();
}

async function unindex(trx: Tx, id: string, key: number): Promise<void> {
  await trx.deleteFrom('publication_items').where('search_key', '=', key).execute();
  if (engineOf(trx) === 'postgres') await sql`update publications set search_tokens = '{}' where id = ${id}`.execute(trx);
  else await sql`delete from publication_search where rowid = ${ftsRowid(key)}`.execute(trx);
}

async function bumpCount(trx: Tx, agencyId: string, month: string, kind: string, by: number): Promise<void> {
  const row = await trx.selectFrom('publication_counts').select('count').where('agency_id', '=', agencyId).where('month', '=', month).where('kind', '=', kind).executeTakeFirst();
  if (row) await trx.updateTable('publication_counts').set({ count: Number(row.count) + by }).where('agency_id', '=', agencyId).where('month', '=', month).where('kind', '=', kind).execute();
  else await trx.insertInto('publication_counts').values({ agency_id: agencyId, month, kind, count: by }).execute();
}

const projectPublicationSettings: Projector = async (trx, e) => {
  const d = e.data as { agencyId: string; settings: PublicationSettings };
  const row = await trx.selectFrom('publication_settings').select('version').where('agency_id', '=', d.agencyId).executeTakeFirst();
  const settings = JSON.stringify(d.settings);
  if (row) await trx.updateTable('publication_settings').set({ settings, version: Number(row.version) + 1, updated_at: e.at }).where('agency_id', '=', d.agencyId).execute();
  else await trx.insertInto('publication_settings').values({ agency_id: d.agencyId, settings, version: 1, updated_at: e.at }).execute();
};

/** Empties the SQLite index before a rebuild (PostgreSQL's tokens live in the rows). */
async function resetPublicationSearch(trx: Tx): Promise<void> {
  if (engineOf(trx) === 'sqlite') await sql`delete from publication_search`.execute(trx);
}

export const publicationsProjections: ProjectionModule = {
  tables: ['publication_settings', 'publications', 'publication_versions', 'publication_counts', 'publication_items', 'portal_generation'],
  reset: resetPublicationSearch,
  projectors: { 'publication-settings.set': projectPublicationSettings, ...Object.fromEntries(PUBLICATION_EVENT_TYPES.map((t) => [t, projectPublication])) },
};
