import type { ProjectionModule, StoredEvent } from '../../ledger/ledger.ts';
import type { Tx } from '../../store/db.ts';
import type { CatalogRuleSpec } from '../../shared/review-catalog.ts';

/** review-rule.added — a new rule of the agency's catalog (agency log; subject = id); its version 1. */
export interface ReviewRuleAdded {
  id: string;
  agencyId: string;
  rule: CatalogRuleSpec;
  label: string;
  effectiveFrom: string;
  reason: string;
}

/** review-rule.changed — version `version` from `effectiveFrom`; version − 1 ends there. */
export interface ReviewRuleChanged {
  id: string;
  version: number;
  rule: CatalogRuleSpec;
  label: string;
  effectiveFrom: string;
  reason: string;
}

/** review-rule.retired — the latest version ends on `effectiveTo` (exclusive); nothing follows it. */
export interface ReviewRuleRetired {
  id: string;
  /** The version that ends (the latest). */
  version: number;
  effectiveTo: string;
  reason: string;
}

async function bump(trx: Tx, id: string, at: string, cols: { current_version?: number; status?: 'retired'; retired_reason?: string }): Promise<void> {
  await trx
    .updateTable('review_rules')
    .set({ ...cols, updated_at: at })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export const reviewCatalogProjections: ProjectionModule = {
  tables: ['review_rules', 'review_rule_versions'],
  projectors: {
    'review-rule.added': async (trx, e: StoredEvent) => {
      const d = e.data as unknown as ReviewRuleAdded;
      await trx
        .insertInto('review_rules')
        .values({ id: d.id, agency_id: d.agencyId, kind: d.rule.kind, added_seq: e.seq, status: 'active', current_version: 1, version: 1, retired_reason: null, created_at: e.at, updated_at: e.at })
        .execute();
      await trx
        .insertInto('review_rule_versions')
        .values({ rule_id: d.id, version: 1, params: JSON.stringify(d.rule), label: d.label, effective_from: d.effectiveFrom, effective_to: null, reason: d.reason, recorded_by: e.actor, recorded_at: e.at })
        .execute();
    },
    'review-rule.changed': async (trx, e) => {
      const d = e.data as unknown as ReviewRuleChanged;
      await trx.updateTable('review_rule_versions').set({ effective_to: d.effectiveFrom }).where('rule_id', '=', d.id).where('version', '=', d.version - 1).execute();
      await trx
        .insertInto('review_rule_versions')
        .values({ rule_id: d.id, version: d.version, params: JSON.stringify(d.rule), label: d.label, effective_from: d.effectiveFrom, effective_to: null, reason: d.reason, recorded_by: e.actor, recorded_at: e.at })
        .execute();
      await bump(trx, d.id, e.at, { current_version: d.version });
    },
    'review-rule.retired': async (trx, e) => {
      const d = e.data as unknown as ReviewRuleRetired;
      await trx.updateTable('review_rule_versions').set({ effective_to: d.effectiveTo }).where('rule_id', '=', d.id).where('version', '=', d.version).execute();
      await bump(trx, d.id, e.at, { status: 'retired', retired_reason: d.reason });
    },
  },
};
