/**
 * The case acts that end a review round still owing an opinion. Kept apart from reviews.service.ts
 * so the case service can call it in the act's own transaction without importing the review
 * service (which imports the case service).
 */
import type { Ctx } from '../../context.ts';
import type { Tx } from '../../store/db.ts';
import type { CaseAct } from '../../shared/cases.ts';
import { OPEN_REVIEW_STATUSES } from '../../shared/reviews.ts';
import type { Principal } from '../identity/access.policy.ts';
import type { ReviewEventData } from './reviews.rules.ts';
import { REVIEW_ART } from './reviews.rules.ts';

/** Why each act ends an open round: the case no longer awaits this opinion, or a hearing made its materials stale. */
export const ROUND_ENDED_BY: Partial<Record<CaseAct, string>> = {
  decide: '案件已作出行政处罚决定',
  'decide-no-penalty': '案件已作出不予行政处罚决定',
  transfer: '案件已移送',
  'revoke-filing': '已撤销立案',
  'record-hearing': `本轮送审后已举行听证，听证笔录须作为送审材料，应当重新送审（${REVIEW_ART.a58}、《行政处罚法》第六十五条）`,
};

/** Appends `review.withdrawn` for the case's open rounds, if `act` ends them. */
export async function endOpenRounds(ctx: Ctx, trx: Tx, p: Principal, act: CaseAct, caseId: string, on: string): Promise<void> {
  const reason = ROUND_ENDED_BY[act];
  if (!reason) return;
  const open = await trx.selectFrom('reviews').select(['id', 'agency_id']).where('case_id', '=', caseId).where('status', 'in', [...OPEN_REVIEW_STATUSES]).execute();
  for (const r of open) {
    const data: ReviewEventData['review.withdrawn'] = { id: r.id, caseId, reason, on };
    await ctx.ledger.append(trx, { log: r.agency_id, actor: p.id, type: 'review.withdrawn', subject: caseId, data: { ...data } });
  }
}
