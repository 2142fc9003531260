import type { Db } from '../../store/db.ts';

/** One change in an object's history: who, when, what (before/after) and why. */
export type { HistoryEntry } from '../../shared/api.ts';
import type { HistoryEntry } from '../../shared/api.ts';

/** The events about one aggregate (or a few), oldest first, with actors named. Read straight from the ledger. */
export async function historyOf(db: Db, subject: string | string[]): Promise<HistoryEntry[]> {
  const subjects = Array.isArray(subject) ? subject : [subject];
  const rows = await db.selectFrom('events').select(['log_id', 'seq', 'at', 'actor', 'type', 'data']).where('subject', 'in', subjects)
    // Logins and denials (with IP addresses) are security records, not the object's history.
    .where('type', 'not like', 'security.%')
    .orderBy('id')
    .execute();
  const actorIds = [...new Set(rows.map((r) => r.actor).filter((a) => a !== 'system'))];
  const names = new Map<string, string>();
  if (actorIds.length > 0) {
    for (const u of await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', actorIds).execute()) names.set(u.id, u.display_name);
  }
  return rows.map((r) => ({
    log: r.log_id,
    seq: Number(r.seq),
    at: r.at,
    actor: { id: r.actor, name: r.actor === 'system' ? '系统' : (names.get(r.actor) ?? r.actor) },
    type: r.type,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}
