import { Type, type Static } from '@sinclair/typebox';
import type { Ctx } from '../../context.ts';
import { checkVersion } from '../../kernel/concurrency.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { Projector } from '../../ledger/ledger.ts';
import type { Db, Tx } from '../../store/db.ts';
import type { Principal } from '../identity/access.policy.ts';
import { requireAccess } from '../identity/access.service.ts';
import { DEFAULT_CASE_SETTINGS, withinStatutoryLimits, type CaseSettings } from './cases.rules.ts';

const Fen = Type.Integer({ minimum: 0, maximum: 10_000_000_000_000 });
const ByParty = Type.Object({ person: Fen, organisation: Fen }, { additionalProperties: false });

/** The thresholds an agency sets for its cases, all in fen (分). */
export const CaseSettingsSchema = Type.Object(
  {
    hearingFineFen: ByParty,
    hearingConfiscationFen: ByParty,
    discussionForMajor: Type.Boolean({ description: '重大执法决定须集体讨论' }),
    simpleCeilingFen: Type.Record(Type.String({ minLength: 1, maxLength: 20 }), ByParty, { description: "当场处罚上限，按执法领域；'*' 为默认" }),
    onTheSpotCollectFen: Fen,
    onTheSpotReportDays: Type.Integer({ minimum: 1, maximum: 30 }),
    dueSoonDays: Type.Integer({ minimum: 0, maximum: 30 }),
  },
  { additionalProperties: false, description: '案件办理设置' },
);
const _check: Static<typeof CaseSettingsSchema> extends CaseSettings ? true : never = true;
void _check;

export interface CaseSettingsView {
  agencyId: string;
  settings: CaseSettings;
  /** 0: the defaults, never set. */
  version: number;
}

/** The agency's settings: its own, or the defaults (Hunan values) until it sets them. */
export async function loadCaseSettings(db: Db | Tx, agencyId: string): Promise<CaseSettingsView> {
  const row = await db.selectFrom('case_settings').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
  return row ? { agencyId, settings: { ...DEFAULT_CASE_SETTINGS, ...(JSON.parse(row.settings) as CaseSettings) }, version: Number(row.version) } : { agencyId, settings: DEFAULT_CASE_SETTINGS, version: 0 };
}

export async function getCaseSettings(ctx: Ctx, p: Principal, agencyId: string): Promise<CaseSettingsView> {
  await requireAccess(ctx.db, p, 'case.read', agencyId);
  return loadCaseSettings(ctx.db, agencyId);
}

type SettingsListener = (ctx: Ctx, trx: Tx, agencyId: string, before: CaseSettings, after: CaseSettings) => Promise<void>;
const listeners: SettingsListener[] = [];

/**
 * Runs `listener` inside the transaction of every settings change, after the event: whoever
 * stores what was computed from the settings (the cases' deadline lists) recomputes it there.
 */
export function onCaseSettingsSet(listener: SettingsListener): void {
  listeners.push(listener);
}

/** Thresholds are the agency's decision (its head's); each change is an event with its reason. */
export async function setCaseSettings(ctx: Ctx, p: Principal, agencyId: string, expectedVersion: number | undefined, settings: CaseSettings, reason: string): Promise<CaseSettingsView> {
  await ctx.db.transaction().execute(async (trx) => {
    await requireAccess(trx, p, 'case.approve', agencyId);
    const current = await loadCaseSettings(trx, agencyId);
    checkVersion(expectedVersion, current, current);
    if (!settings.simpleCeilingFen['*']) throw new DomainError('validation-failed', "当场处罚上限须包含默认值（'*'）", 400, { field: 'simpleCeilingFen' });
    const legal = withinStatutoryLimits(settings);
    if (!legal.ok) throw new DomainError(legal.code, legal.message, 400, legal.details);
    await ctx.ledger.append(trx, { log: agencyId, actor: p.id, type: 'case-settings.set', subject: agencyId, data: { agencyId, before: current.settings, settings, reason } });
    for (const l of listeners) await l(ctx, trx, agencyId, current.settings, settings);
  });
  return loadCaseSettings(ctx.db, agencyId);
}

export const projectCaseSettings: Projector = async (trx, e) => {
  const d = e.data as { agencyId: string; settings: CaseSettings };
  const row = await trx.selectFrom('case_settings').select('version').where('agency_id', '=', d.agencyId).executeTakeFirst();
  const settings = JSON.stringify(d.settings);
  if (row) await trx.updateTable('case_settings').set({ settings, version: Number(row.version) + 1, updated_at: e.at }).where('agency_id', '=', d.agencyId).execute();
  else await trx.insertInto('case_settings').values({ agency_id: d.agencyId, settings, version: 1, updated_at: e.at }).execute();
};
