import { sql } from 'kysely';
import type { ProjectionModule, StoredEvent } from '../../ledger/ledger.ts';
import type { Tx } from '../../store/db.ts';
import { CASE_ACT_NAMES, caseEventType, type CaseRecord } from '../../shared/cases.ts';
import { applyCaseEvent } from './cases.record.ts';
import { projectCaseSettings } from './cases.settings.ts';
import { indexCase, resetCaseSearch } from './cases.search.ts';

/** Folds a `case.*` event into the case row (and its handler index). */
async function projectCase(trx: Tx, e: StoredEvent): Promise<void> {
  const id = e.subject!;
  const row = await trx.selectFrom('cases').select('record').where('id', '=', id).executeTakeFirst();
  const prev = row ? (JSON.parse(row.record) as CaseRecord) : null;
  const r = applyCaseEvent(prev, { type: e.type, seq: e.seq, at: e.at, data: e.data });
  const columns = {
    unit_id: r.unitId,
    procedure: r.procedure,
    status: r.status,
    field: r.field,
    cause: r.cause,
    party_name: r.parties[0]?.name ?? '',
    case_no: r.caseNo ?? r.decision?.number ?? null,
    registered_on: r.registeredOn,
    filed_on: r.filedOn,
    decided_on: r.decision?.on ?? null,
    record: JSON.stringify(r),
    version: r.version,
    updated_at: r.updatedAt,
  };
  if (prev) await trx.updateTable('cases').set(columns).where('id', '=', id).execute();
  // next_due is kept with case_deadlines (cases.links.ts storeDeadlines), which a rebuild keeps.
  else await trx.insertInto('cases').values({ id, agency_id: r.agencyId, created_at: r.createdAt, next_due: sql<string | null>`(select min(d.due) from case_deadlines d where d.case_id = ${id})`, ...columns }).execute();
  const searched = { partyName: columns.party_name, caseNo: columns.case_no, cause: columns.cause };
  const prevCaseNo = prev ? (prev.caseNo ?? prev.decision?.number ?? null) : null;
  if (!prev || prev.parties[0]?.name !== searched.partyName || prevCaseNo !== searched.caseNo || prev.cause !== searched.cause) await indexCase(trx, id, searched, prev !== null);
  const before = new Set(prev?.handlers.map((h) => h.officerId) ?? []);
  const after = new Set(r.handlers.map((h) => h.officerId));
  const gone = [...before].filter((x) => !after.has(x));
  const added = [...after].filter((x) => !before.has(x));
  if (gone.length > 0) await trx.deleteFrom('case_handlers').where('case_id', '=', id).where('officer_id', 'in', gone).execute();
  if (added.length > 0) {
    await trx.insertInto('case_handlers').values(added.map((officerId) => ({ case_id: id, officer_id: officerId, created_at: r.createdAt }))).execute();
  }
}

export const casesProjections: ProjectionModule = {
  tables: ['case_settings', 'cases', 'case_handlers'],
  reset: resetCaseSearch,
  projectors: { 'case-settings.set': projectCaseSettings, ...Object.fromEntries(CASE_ACT_NAMES.map((act) => [caseEventType(act), projectCase])) },
};
