import type { ProjectionModule, Projector, StoredEvent } from '../../ledger/ledger.ts';
import type { Tx } from '../../store/db.ts';
import type { CaseRecord } from '../../shared/cases.ts';
import type { ReviewRecord, ReviewSettings } from '../../shared/reviews.ts';
import { applyReviewEvent, applyReviewToCase, REVIEW_EVENT_TYPES } from './reviews.rules.ts';

/**
 * A `review.*` event folds into its round's row (`reviews`) and into the case record's `review`
 * (the case row gets a new version, like a case act). Data from the event and the rows only —
 * a rebuild replays the same events in the same order (case events before the review events
 * that follow them) and gives the same rows.
 */
async function projectReview(trx: Tx, e: StoredEvent): Promise<void> {
  const reviewId = String(e.data.id);
  const row = await trx.selectFrom('reviews').select('record').where('id', '=', reviewId).executeTakeFirst();
  const prev = row ? (JSON.parse(row.record) as ReviewRecord) : null;
  const r = applyReviewEvent(prev, { type: e.type, actor: e.actor, at: e.at, data: e.data });
  const columns = {
    status: r.status,
    reviewer_user_id: r.reviewer?.userId ?? null,
    co_reviewer_user_id: r.coReviewer?.userId ?? null,
    due_on: r.dueOn,
    decided_on: r.decision?.on ?? null,
    outcome: r.decision?.outcome ?? null,
    checklist: r.decision ? JSON.stringify(r.decision.checklist) : null,
    opinion: r.decision?.opinion ?? null,
    document_id: r.decision?.documentId ?? null,
    record: JSON.stringify(r),
    version: r.version,
    updated_at: r.updatedAt,
  };
  const assigned = e.type === 'review.assigned' || e.type === 'review.reassigned' ? { assigned_at: e.at } : {};
  if (prev) await trx.updateTable('reviews').set({ ...columns, ...assigned }).where('id', '=', reviewId).execute();
  else
    await trx
      .insertInto('reviews')
      .values({ id: r.id, case_id: r.caseId, agency_id: r.agencyId, unit_id: r.unitId, round: r.round, proposal: r.proposal, submitted_on: r.submittedOn, assigned_at: null, created_at: r.createdAt, ...columns })
      .execute();

  const caseRow = await trx.selectFrom('cases').select('record').where('id', '=', r.caseId).executeTakeFirst();
  if (!caseRow) throw new Error(`${e.type} ${reviewId}: no case ${r.caseId}`);
  const c = applyReviewToCase(JSON.parse(caseRow.record) as CaseRecord, { type: e.type, actor: e.actor, at: e.at, data: e.data });
  await trx.updateTable('cases').set({ record: JSON.stringify(c), version: c.version, updated_at: c.updatedAt }).where('id', '=', r.caseId).execute();
}

const projectReviewSettings: Projector = async (trx, e) => {
  const d = e.data as { agencyId: string; settings: ReviewSettings };
  const row = await trx.selectFrom('review_settings').select('version').where('agency_id', '=', d.agencyId).executeTakeFirst();
  const settings = JSON.stringify(d.settings);
  if (row) await trx.updateTable('review_settings').set({ settings, version: Number(row.version) + 1, updated_at: e.at }).where('agency_id', '=', d.agencyId).execute();
  else await trx.insertInto('review_settings').values({ agency_id: d.agencyId, settings, version: 1, updated_at: e.at }).execute();
};

export const reviewsProjections: ProjectionModule = {
  tables: ['review_settings', 'reviews'],
  projectors: { 'review-settings.set': projectReviewSettings, ...Object.fromEntries(REVIEW_EVENT_TYPES.map((t) => [t, projectReview])) },
};
