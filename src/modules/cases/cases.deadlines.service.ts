import type { Ctx } from '../../context.ts';
import { addDays } from '../../calendar/calendar.rules.ts';
import { chinaDate } from '../../kernel/dates.ts';
import { loadCaseSettings } from './cases.settings.ts';
import type { OverdueItem } from '../../shared/cases.ts';

export type { OverdueItem };
import type { Principal } from '../identity/access.policy.ts';
import { agenciesVisible, requireAccess } from '../identity/access.service.ts';

/** Overdue and due-soon items of the agencies the user may read, soonest first (per agency and unit). */
export async function overdueDeadlines(ctx: Ctx, p: Principal, f: { agencyId?: string; unitId?: string }): Promise<OverdueItem[]> {
  const visible = await agenciesVisible(ctx.db, p, 'case.read');
  const today = chinaDate(ctx.clock);
  let q = ctx.db
    .selectFrom('case_deadlines as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select(['d.case_id', 'd.agency_id', 'd.unit_id', 'd.rule', 'd.label', 'd.due', 'd.provisional', 'c.cause', 'c.party_name', 'c.case_no'])
    .where('d.due', '<=', addDays(today, 30))
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
  const soon = new Map<string, string>();
  const dueSoonFrom = async (agencyId: string) => {
    if (!soon.has(agencyId)) soon.set(agencyId, addDays(today, (await loadCaseSettings(ctx.db, agencyId)).settings.dueSoonDays));
    return soon.get(agencyId)!;
  };
  const out: OverdueItem[] = [];
  for (const r of await q.execute()) {
    // Overdue or due soon is a matter of today's date, not of what was stored when the row was written.
    const status = r.due < today ? 'overdue' : r.due <= (await dueSoonFrom(r.agency_id)) ? 'due-soon' : null;
    if (!status) continue;
    out.push({
      caseId: r.case_id,
      agencyId: r.agency_id,
      unitId: r.unit_id,
      rule: r.rule,
      label: r.label,
      due: r.due,
      status,
      provisional: Number(r.provisional) === 1,
      cause: r.cause,
      partyName: r.party_name,
      caseNo: r.case_no,
    });
  }
  return out;
}
