import type { Ctx } from '../../context.ts';
import type { Principal } from '../identity/access.policy.ts';
import { agenciesVisible, requireAccess } from '../identity/access.service.ts';

export interface OverdueItem {
  caseId: string;
  agencyId: string;
  unitId: string | null;
  rule: string;
  label: string;
  due: string;
  status: 'open' | 'due-soon' | 'overdue';
  provisional: boolean;
  cause: string;
  partyName: string;
  caseNo: string | null;
}

/** Overdue and due-soon items of the agencies the user may read, soonest first (per agency and unit). */
export async function overdueDeadlines(ctx: Ctx, p: Principal, f: { agencyId?: string; unitId?: string }): Promise<OverdueItem[]> {
  const visible = await agenciesVisible(ctx.db, p, 'case.read');
  let q = ctx.db
    .selectFrom('case_deadlines as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select(['d.case_id', 'd.agency_id', 'd.unit_id', 'd.rule', 'd.label', 'd.due', 'd.status', 'd.provisional', 'c.cause', 'c.party_name', 'c.case_no'])
    .where('d.status', 'in', ['overdue', 'due-soon'])
    .orderBy('d.due')
    .limit(500);
  if (f.agencyId) {
    await requireAccess(ctx.db, p, 'case.read', f.agencyId);
    q = q.where('d.agency_id', '=', f.agencyId);
  } else if (visible !== 'all') {
    if (visible.size === 0) return [];
    q = q.where('d.agency_id', 'in', [...visible]);
  }
  if (f.unitId) q = q.where('d.unit_id', '=', f.unitId);
  return (await q.execute()).map((r) => ({
    caseId: r.case_id,
    agencyId: r.agency_id,
    unitId: r.unit_id,
    rule: r.rule,
    label: r.label,
    due: r.due,
    status: r.status,
    provisional: Number(r.provisional) === 1,
    cause: r.cause,
    partyName: r.party_name,
    caseNo: r.case_no,
  }));
}
