import type { Db, Tx } from '../../store/db.ts';
import { allows, type Principal } from '../identity/access.policy.ts';
import { ancestorsOf, ForbiddenError } from '../identity/access.service.ts';
import { REVIEW_ART } from './reviews.rules.ts';

/**
 * An external 法律顾问 holds no agency-wide grant (access.policy.ts gives it only
 * `review.co-review`): it sees exactly the cases whose review it was assigned to co-review
 * (118号 item 十一), with their documents, and nothing else of the agency.
 */
export async function isCoReviewer(db: Db | Tx, userId: string, caseId: string): Promise<boolean> {
  const row = await db.selectFrom('reviews').select('id').where('case_id', '=', caseId).where('co_reviewer_user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/** Throws 403 unless `p` may read the case: `case.read` in its agency, or its co-reviewing adviser. */
export async function requireCaseRead(db: Db | Tx, p: Principal, agencyId: string, caseId: string | null): Promise<void> {
  const ancestors = await ancestorsOf(db, agencyId);
  if (allows(p, 'case.read', agencyId, ancestors)) return;
  if (caseId && allows(p, 'review.co-review', agencyId, ancestors)) {
    if (await isCoReviewer(db, p.id, caseId)) return;
    // An adviser reaching for another case is told the rule, not just "no".
    throw new ForbiddenError('case.read', agencyId, { message: `本案未指定您共同审核：法律顾问只能查阅指定其共同审核的案件（${REVIEW_ART.g118_11}）`, article: REVIEW_ART.g118_11 });
  }
  throw new ForbiddenError('case.read', agencyId);
}
