import type { ProjectionModule, StoredEvent } from '../../ledger/ledger.ts';
import type { Tx } from '../../store/db.ts';

/** Field changes recorded in an `*.updated` event: before and after for every changed field. */
export type Changes = Record<string, { before: unknown; after: unknown }>;

export interface AgencyCreated {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  creditCode: string | null;
}
export interface AgencyUpdated {
  id: string;
  changes: Changes;
  reason: string | null;
}
export interface UnitCreated {
  id: string;
  agencyId: string;
  name: string;
}
export interface UnitUpdated {
  id: string;
  changes: Changes;
  reason: string | null;
}

const AGENCY_COLUMNS: Record<string, string> = { name: 'name', parentId: 'parent_id', creditCode: 'credit_code' };
const UNIT_COLUMNS: Record<string, string> = { name: 'name' };

function columnsOf(changes: Changes, map: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, { after }] of Object.entries(changes)) {
    const column = map[field];
    if (!column) throw new Error(`unknown field in event: ${field}`);
    out[column] = after;
  }
  return out;
}

function data<T>(e: StoredEvent): T {
  return e.data as unknown as T;
}

export const identityProjections: ProjectionModule = {
  tables: ['agencies', 'units'],
  projectors: {
    'platform.initialised': null,
    'agency.created': async (trx: Tx, e) => {
      const d = data<AgencyCreated>(e);
      await trx
        .insertInto('agencies')
        .values({
          id: d.id,
          code: d.code,
          name: d.name,
          parent_id: d.parentId,
          credit_code: d.creditCode,
          version: 1,
          created_at: e.at,
          updated_at: e.at,
        })
        .execute();
    },
    'agency.updated': async (trx, e) => {
      const d = data<AgencyUpdated>(e);
      await trx
        .updateTable('agencies')
        .set({ ...columnsOf(d.changes, AGENCY_COLUMNS), updated_at: e.at })
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', d.id)
        .execute();
    },
    'unit.created': async (trx, e) => {
      const d = data<UnitCreated>(e);
      await trx
        .insertInto('units')
        .values({ id: d.id, agency_id: d.agencyId, name: d.name, version: 1, created_at: e.at, updated_at: e.at })
        .execute();
    },
    'unit.updated': async (trx, e) => {
      const d = data<UnitUpdated>(e);
      await trx
        .updateTable('units')
        .set({ ...columnsOf(d.changes, UNIT_COLUMNS), updated_at: e.at })
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', d.id)
        .execute();
    },
  },
};
