import type { ProjectionModule, StoredEvent } from '../../ledger/ledger.ts';
import type { Tx } from '../../store/db.ts';
import type { BenchmarkLevel } from '../../shared/api.ts';

/** Field changes recorded in an `*.updated` event: before and after for every changed field. */
export type Changes = Record<string, { before: unknown; after: unknown }>;

/** benchmark.created — the whole entry, in the agency's log; subject = id. */
export interface BenchmarkCreated {
  id: string;
  agencyId: string;
  field: string;
  code: string;
  violation: string;
  legalBasis: string;
  penaltyBasis: string;
  levels: BenchmarkLevel[];
}

/** benchmark.updated (field changes) and benchmark.retired (status active → retired), each with its reason. */
export interface BenchmarkChanged {
  id: string;
  changes: Changes;
  reason: string;
}

const COLUMNS: Record<string, string> = {
  field: 'field',
  code: 'code',
  violation: 'violation',
  legalBasis: 'legal_basis',
  penaltyBasis: 'penalty_basis',
  levels: 'levels',
  status: 'status',
};

async function applyChange(trx: Tx, e: StoredEvent): Promise<void> {
  const d = e.data as unknown as BenchmarkChanged;
  const cols: Record<string, unknown> = {};
  for (const [field, { after }] of Object.entries(d.changes)) {
    const column = COLUMNS[field];
    if (!column) throw new Error(`unknown field in event: ${field}`);
    cols[column] = field === 'levels' ? JSON.stringify(after) : after;
  }
  await trx
    .updateTable('discretion_benchmarks')
    .set({ ...cols, updated_at: e.at })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', d.id)
    .execute();
}

export const benchmarkProjections: ProjectionModule = {
  tables: ['discretion_benchmarks'],
  projectors: {
    'benchmark.created': async (trx, e) => {
      const d = e.data as unknown as BenchmarkCreated;
      await trx
        .insertInto('discretion_benchmarks')
        .values({
          id: d.id,
          agency_id: d.agencyId,
          field: d.field,
          code: d.code,
          violation: d.violation,
          legal_basis: d.legalBasis,
          penalty_basis: d.penaltyBasis,
          levels: JSON.stringify(d.levels),
          status: 'active',
          version: 1,
          created_at: e.at,
          updated_at: e.at,
        })
        .execute();
    },
    'benchmark.updated': applyChange,
    'benchmark.retired': applyChange,
  },
};
