import type { Ctx } from '../../context.ts';
import { checkVersion } from '../../kernel/concurrency.ts';
import { diffChanges } from '../../kernel/changes.ts';
import { chinaDate } from '../../kernel/dates.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { sql } from 'kysely';
import { lockRow, type Db, type Tx } from '../../store/db.ts';
import type { Principal } from './access.policy.ts';
import { agenciesVisible, requireAccess } from './access.service.ts';
import { certificateStatus, type CertificateStatus } from './certificates.rules.ts';
import type { OfficerChanged, OfficerRegistered } from './identity.projections.ts';

export type { NewOfficer, Officer, OfficerPatch } from '../../shared/api.ts';
import type { NewOfficer, Officer, OfficerPatch } from '../../shared/api.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { CERTIFICATE_TRANSITIONS, certificateActionAllowed, type CertificateAction } from '../../shared/certificates.ts';


export type { CertificateAction } from '../../shared/certificates.ts';

export async function loadOfficer(db: Db | Tx, id: string, today: string): Promise<Officer> {
  const row = await db.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('执法人员', id);
  return toOfficer(row, today);
}

export async function getOfficer(ctx: Ctx, p: Principal, id: string): Promise<Officer> {
  const officer = await loadOfficer(ctx.db, id, chinaDate(ctx.clock));
  await requireAccess(ctx.db, p, 'officer.read', officer.agencyId);
  return officer;
}

export interface OfficerFilter {
  agencyId?: string;
  /** Name or certificate number contains. */
  q?: string;
  certificateStatus?: CertificateStatus;
}

export async function listOfficers(ctx: Ctx, p: Principal, filter: OfficerFilter = {}): Promise<Officer[]> {
  const visible = await agenciesVisible(ctx.db, p, 'officer.read');
  let q = ctx.db.selectFrom('officers').selectAll().orderBy('agency_id').orderBy('name');
  if (filter.agencyId) {
    if (visible !== 'all' && !visible.has(filter.agencyId)) return [];
    q = q.where('agency_id', '=', filter.agencyId);
  } else if (visible !== 'all') {
    if (visible.size === 0) return [];
    q = q.where('agency_id', 'in', [...visible]);
  }
  if (filter.q) {
    // Escape LIKE's wildcards and say so explicitly (SQLite has no default escape character);
    // lower() on both sides makes the match case-insensitive on both engines.
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([sql<boolean>`lower(${eb.ref('name')}) like ${like} escape '\\'`, sql<boolean>`lower(${eb.ref('certificate_no')}) like ${like} escape '\\'`]),
    );
  }
  const today = chinaDate(ctx.clock);
  const all = (await q.execute()).map((r) => toOfficer(r, today));
  return filter.certificateStatus ? all.filter((o) => o.certificateStatus === filter.certificateStatus) : all;
}

/** Registers an officer (or auxiliary staff) of an agency; recorded in that agency's log. */
export async function registerOfficer(ctx: Ctx, p: Principal | null, input: NewOfficer): Promise<Officer> {
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await registerOfficerIn(ctx, trx, p, id, input);
  });
  return loadOfficer(ctx.db, id, chinaDate(ctx.clock));
}

/** The registration itself, inside a caller's transaction (the Excel import registers many at once). */
export async function registerOfficerIn(ctx: Ctx, trx: Tx, p: Principal | null, id: string, input: NewOfficer): Promise<void> {
  if (p) await requireAccess(trx, p, 'officer.manage', input.agencyId);
  const agency = await trx.selectFrom('agencies').select('id').where('id', '=', input.agencyId).executeTakeFirst();
  if (!agency) throw new DomainError('not-found', `机构不存在：${input.agencyId}`, 404, { field: 'agencyId' });
  const data: OfficerRegistered = {
    id,
    agencyId: input.agencyId,
    unitId: input.unitId ?? null,
    userId: input.userId ?? null,
    name: input.name,
    post: input.post ?? null,
    certificateNo: input.certificateNo ?? null,
    issuingAuthority: input.issuingAuthority ?? null,
    fields: input.fields,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
    auxiliary: input.auxiliary ?? false,
  };
  await checkOfficer(trx, data, null);
  await ctx.ledger.append(trx, { log: input.agencyId, actor: p?.id ?? 'system', type: 'officer.registered', subject: id, data: { ...data } });
}

export async function updateOfficer(ctx: Ctx, p: Principal, id: string, expectedVersion: number | undefined, patch: OfficerPatch, reason: string | null): Promise<Officer> {
  return changeOfficer(ctx, p, id, expectedVersion, reason, 'officer.updated', (current) => {
    const changes = diffChanges(editable(current), patch);
    const certificateChange = ['certificateNo', 'validFrom', 'validTo', 'fields'].find((f) => f in changes);
    if (certificateChange && !reason?.trim()) {
      throw new DomainError('reason-required', '修改执法证信息须填写原因', 400, { field: 'reason', changed: certificateChange });
    }
    return changes;
  });
}

/**
 * 暂扣 / 恢复 / 吊销 / 换证: the certificate's life. Each needs a reason, which the history shows
 * beside who did it and when.
 */
export async function changeCertificate(
  ctx: Ctx,
  p: Principal | null,
  id: string,
  expectedVersion: number | undefined,
  action: CertificateAction,
  input: { reason: string; validFrom?: string; validTo?: string; certificateNo?: string },
): Promise<Officer> {
  const t = CERTIFICATE_TRANSITIONS[action];
  return changeOfficer(ctx, p, id, expectedVersion, input.reason, t.event, (current) => {
    if (!certificateActionAllowed(action, current)) {
      const why = current.auxiliary ? '辅助人员没有执法证' : `执法证当前状态为“${current.status}”，不能${t.label}`;
      throw new DomainError('officer-invalid-state', why, 409, { status: current.status, action });
    }
    if (action !== 'renew') {
      return { status: { before: current.status, after: t.to }, statusReason: { before: current.statusReason, after: input.reason } };
    }
    if (!input.validTo) throw new DomainError('validation-failed', '换证须填写新的有效期截止日期', 400, { fields: [{ field: 'validTo', message: '必填' }] });
    if (current.validTo && input.validTo <= current.validTo) {
      throw new DomainError('invalid-validity', `换证后的有效期须晚于原有效期（${current.validTo}）`, 400, { field: 'validTo' });
    }
    return diffChanges(editable(current), {
      validTo: input.validTo,
      ...(input.validFrom ? { validFrom: input.validFrom } : {}),
      ...(input.certificateNo ? { certificateNo: input.certificateNo } : {}),
    });
  });
}

async function changeOfficer(
  ctx: Ctx,
  p: Principal | null,
  id: string,
  expectedVersion: number | undefined,
  reason: string | null,
  type: string,
  changesOf: (current: Officer) => Record<string, { before: unknown; after: unknown }>,
): Promise<Officer> {
  const today = chinaDate(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    await lockRow(trx, ctx.engine, 'officers', id);
    const current = await loadOfficer(trx, id, today);
    if (p) await requireAccess(trx, p, 'officer.manage', current.agencyId);
    checkVersion(expectedVersion, current, current);
    const changes = changesOf(current);
    if (Object.keys(changes).length === 0) return;
    const next = { ...current } as Record<string, unknown>;
    for (const [k, v] of Object.entries(changes)) next[k] = v.after;
    await checkOfficer(trx, next as unknown as OfficerRegistered, id);
    const data: OfficerChanged = { id, changes, reason };
    await ctx.ledger.append(trx, { log: current.agencyId, actor: p?.id ?? 'system', type, subject: id, data: { ...data } });
  });
  return loadOfficer(ctx.db, id, today);
}

function editable(o: Officer) {
  return {
    unitId: o.unitId,
    userId: o.userId,
    name: o.name,
    post: o.post,
    certificateNo: o.certificateNo,
    issuingAuthority: o.issuingAuthority,
    fields: o.fields,
    validFrom: o.validFrom,
    validTo: o.validTo,
  };
}

/** The record rules every officer satisfies, whether registered, edited, renewed or imported. */
export async function checkOfficer(trx: Tx, o: OfficerRegistered, self: string | null): Promise<void> {
  const bad = (code: ErrorCode, message: string, field: string, status = 400) => new DomainError(code, message, status, { field });
  if (o.auxiliary) {
    if (o.certificateNo) throw bad('auxiliary-has-certificate', '辅助人员不持有执法证，请勿填写执法证号', 'certificateNo');
  } else {
    if (!o.certificateNo) throw bad('certificate-required', '执法人员须填写执法证号', 'certificateNo');
    if (!o.validFrom || !o.validTo) throw bad('certificate-required', '执法人员须填写执法证有效期', o.validFrom ? 'validTo' : 'validFrom');
    if (o.fields.length === 0) throw bad('certificate-required', '执法人员须填写执法种类', 'fields');
  }
  if (o.validFrom && o.validTo && o.validTo < o.validFrom) throw bad('invalid-validity', '有效期截止日期不能早于起始日期', 'validTo');
  if (o.certificateNo) {
    const dup = await trx.selectFrom('officers').select('id').where('certificate_no', '=', o.certificateNo).executeTakeFirst();
    if (dup && dup.id !== self) throw bad('certificate-no-taken', `执法证号 ${o.certificateNo} 已被登记`, 'certificateNo', 409);
  }
  if (o.unitId) {
    const unit = await trx.selectFrom('units').select('agency_id').where('id', '=', o.unitId).executeTakeFirst();
    if (!unit || unit.agency_id !== o.agencyId) throw bad('unit-not-in-agency', '内设机构不属于该机构', 'unitId');
  }
  if (o.userId) {
    const user = await trx.selectFrom('users').select('id').where('id', '=', o.userId).executeTakeFirst();
    if (!user) throw bad('not-found', '关联的用户不存在', 'userId', 404);
    const member = await trx.selectFrom('user_roles').select('user_id').where('user_id', '=', o.userId).where('agency_id', '=', o.agencyId).executeTakeFirst();
    if (!member) throw bad('officer-user-other-agency', '关联的用户不属于该机构', 'userId');
    const linked = await trx.selectFrom('officers').select('id').where('user_id', '=', o.userId).executeTakeFirst();
    if (linked && linked.id !== self) throw bad('officer-user-taken', '该用户已关联其他执法人员', 'userId', 409);
  }
}

type OfficerRow = {
  id: string; agency_id: string; unit_id: string | null; user_id: string | null; name: string; post: string | null;
  certificate_no: string | null; issuing_authority: string | null; fields: string; valid_from: string | null; valid_to: string | null;
  status: 'active' | 'suspended' | 'revoked'; status_reason: string | null; auxiliary: number; version: number; created_at: string; updated_at: string;
};

function toOfficer(r: OfficerRow, today: string): Officer {
  const o = {
    id: r.id,
    agencyId: r.agency_id,
    unitId: r.unit_id,
    userId: r.user_id,
    name: r.name,
    post: r.post,
    certificateNo: r.certificate_no,
    issuingAuthority: r.issuing_authority,
    fields: JSON.parse(r.fields) as string[],
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status,
    statusReason: r.status_reason,
    auxiliary: Number(r.auxiliary) === 1,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  return { ...o, certificateStatus: certificateStatus(o, today) };
}
