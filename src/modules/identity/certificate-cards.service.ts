/**
 * Officer certificate cards (事中公示): issuing printable cards (each issue — a reprint too — is an
 * `officer.card-issued` event in the agency's log, in the transaction that makes the card), the
 * public verification behind the card's QR code, and the portal's officer lookup.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import { chinaDate } from '../../kernel/dates.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { Db, Tx } from '../../store/db.ts';
import type { Officer } from '../../shared/api.ts';
import type { CardVerification, OfficerLookupItem } from '../../shared/officer-cards.ts';
import type { Principal } from './access.policy.ts';
import { requireAccess } from './access.service.ts';
import { cardVerifyUrl, makeCardToken, verifyCardToken } from './certificate-cards.ts';
import { renderCards, type CardFace } from './certificate-cards.pdf.ts';
import { certificateStatus, type CertificateStatus } from './certificates.rules.ts';
import { loadOfficer } from './officers.service.ts';

/** The data of `officer.card-issued`. The token itself is not recorded, only its digest. */
export interface CardIssued {
  officerId: string;
  certificateNo: string;
  issuedOn: string;
  keyId: string;
  /** SHA-256 (hex) of the token the card's QR code carries. */
  tokenDigest: string;
  /** Printed alone or in an agency's batch. */
  batch: boolean;
}

export interface IssuedCards {
  pdf: Buffer;
  cards: Array<{ officerId: string; token: string; url: string }>;
}

/** Only a certificate that is (or is about to be) in force gets a card. */
const ISSUABLE: readonly CertificateStatus[] = ['valid', 'not-yet-valid'];

/** One officer's card (action officer.read, like seeing the officer). */
export async function issueOfficerCard(ctx: Ctx, p: Principal, officerId: string, baseUrl: string): Promise<IssuedCards> {
  return issue(ctx, p, baseUrl, false, async (trx, today) => {
    const officer = await loadOfficer(trx, officerId, today);
    await requireAccess(trx, p, 'officer.read', officer.agencyId);
    if (!ISSUABLE.includes(officer.certificateStatus)) {
      const why = officer.auxiliary ? `${officer.name}为辅助人员，没有执法证，不能制发证卡` : `${officer.name}的执法证当前状态为“${statusLabel(officer.certificateStatus)}”，不能制发证卡`;
      throw new DomainError('officer-invalid-state', why, 409, { certificateStatus: officer.certificateStatus });
    }
    return [officer];
  });
}

/** The cards of every officer of an agency whose certificate is in force (or about to be). */
export async function issueAgencyCards(ctx: Ctx, p: Principal, agencyId: string, baseUrl: string): Promise<IssuedCards> {
  return issue(ctx, p, baseUrl, true, async (trx, today) => {
    const agency = await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
    if (!agency) throw notFound('机构', agencyId);
    await requireAccess(trx, p, 'officer.read', agencyId);
    const ids = await trx.selectFrom('officers').select('id').where('agency_id', '=', agencyId).orderBy('name').orderBy('id').execute();
    const officers: Officer[] = [];
    for (const { id } of ids) {
      const o = await loadOfficer(trx, id, today);
      if (ISSUABLE.includes(o.certificateStatus)) officers.push(o);
    }
    if (officers.length === 0) throw new DomainError('no-cards-to-print', '该机构没有可制发证卡的执法人员（执法证须有效或尚未生效）', 409, { agencyId });
    return officers;
  });
}

async function issue(ctx: Ctx, p: Principal, baseUrl: string, batch: boolean, pick: (trx: Tx, today: string) => Promise<Officer[]>): Promise<IssuedCards> {
  const issuedAt = ctx.clock.now();
  const today = chinaDate(ctx.clock);
  const keyId = ctx.keys.keyId;
  return ctx.db.transaction().execute(async (trx) => {
    const officers = await pick(trx, today);
    const names = await namesOf(trx, officers);
    const faces: CardFace[] = [];
    const cards: IssuedCards['cards'] = [];
    for (const o of officers) {
      const certificateNo = o.certificateNo!;
      const token = makeCardToken(ctx.keys.signer, { officerId: o.id, certificateNo, issuedOn: today });
      const url = cardVerifyUrl(baseUrl, token);
      const data: CardIssued = { officerId: o.id, certificateNo, issuedOn: today, keyId, tokenDigest: createHash('sha256').update(token).digest('hex'), batch };
      await ctx.ledger.append(trx, { log: o.agencyId, actor: p.id, type: 'officer.card-issued', subject: o.id, data: { ...data } });
      faces.push({
        agencyName: names.agencies.get(o.agencyId) ?? '',
        unitName: o.unitId ? (names.units.get(o.unitId) ?? null) : null,
        name: o.name,
        post: o.post,
        fields: o.fields,
        certificateNo,
        validFrom: o.validFrom,
        validTo: o.validTo,
        issuingAuthority: o.issuingAuthority,
        issuedOn: today,
        url,
      });
      cards.push({ officerId: o.id, token, url });
    }
    const title = batch ? `执法证卡片（${faces[0]!.agencyName}，${faces.length} 张）` : `执法证卡片（${officers[0]!.name}）`;
    // Rendered inside the transaction: a failure to render leaves no "issued" record behind.
    const pdf = await renderCards(faces, { issuedAt, title });
    return { pdf, cards };
  });
}

async function namesOf(db: Db | Tx, officers: readonly Officer[]): Promise<{ agencies: Map<string, string>; units: Map<string, string> }> {
  const agencyIds = [...new Set(officers.map((o) => o.agencyId))];
  const unitIds = [...new Set(officers.flatMap((o) => (o.unitId ? [o.unitId] : [])))];
  const agencies = agencyIds.length ? await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', agencyIds).execute() : [];
  const units = unitIds.length ? await db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute() : [];
  return { agencies: new Map(agencies.map((a) => [a.id, a.name])), units: new Map(units.map((u) => [u.id, u.name])) };
}

function statusLabel(s: CertificateStatus): string {
  return { valid: '有效', 'not-yet-valid': '未生效', expired: '已过期', suspended: '已暂扣', revoked: '已吊销', none: '无执法证' }[s];
}

// ---- public: verify a card, look officers up ---------------------------------------------------

/** The public columns of an officer, with unit and agency names: nothing else is ever selected. */
function publicOfficers(db: Db) {
  return db
    .selectFrom('officers as o')
    .innerJoin('agencies as a', 'a.id', 'o.agency_id')
    .leftJoin('units as u', 'u.id', 'o.unit_id')
    .select(['o.id', 'o.name', 'o.post', 'o.fields', 'o.certificate_no', 'o.valid_from', 'o.valid_to', 'o.status', 'o.auxiliary', 'a.name as agency', 'u.name as unit']);
}

type PublicRow = {
  id: string; name: string; post: string | null; fields: string; certificate_no: string | null; valid_from: string | null; valid_to: string | null;
  status: 'active' | 'suspended' | 'revoked'; auxiliary: number; agency: string; unit: string | null;
};

function liveStatus(r: PublicRow, today: string): CertificateStatus {
  return certificateStatus(
    { id: r.id, name: r.name, status: r.status, auxiliary: Number(r.auxiliary) === 1, certificateNo: r.certificate_no, fields: JSON.parse(r.fields) as string[], validFrom: r.valid_from, validTo: r.valid_to },
    today,
  );
}

/**
 * What the QR code's page shows. A forged or altered token shows nothing about anyone. A genuine
 * card shows the certificate's status as it is NOW — a suspension or revocation recorded a
 * second ago is shown — and a card printed before the certificate number changed is "changed".
 */
export async function verifyCard(ctx: Ctx, token: string): Promise<CardVerification> {
  const checkedAt = ctx.clock.now().toISOString();
  const check = verifyCardToken(ctx.keys.verifier, token);
  if (!check.ok) return { verdict: 'invalid', genuine: false, problem: check.problem, officer: null, card: null, checkedAt };
  const { claims } = check;
  const row = (await publicOfficers(ctx.db).where('o.id', '=', claims.officerId).executeTakeFirst()) as PublicRow | undefined;
  if (!row) return { verdict: 'invalid', genuine: true, problem: 'unknown-officer', officer: null, card: null, checkedAt };
  const status = liveStatus(row, chinaDate(ctx.clock));
  const card = { certificateNo: claims.certificateNo, issuedOn: claims.issuedOn };
  const officer = {
    name: row.name,
    unit: row.unit,
    agency: row.agency,
    post: row.post,
    fields: JSON.parse(row.fields) as string[],
    certificateNo: row.certificate_no ?? '',
    status,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
  const changed = row.certificate_no !== claims.certificateNo || status === 'none';
  return { verdict: changed ? 'changed' : (status as Exclude<CertificateStatus, 'none'>), genuine: true, problem: null, officer, card, checkedAt };
}

export const LOOKUP_LIMIT = 50;

/**
 * The portal's officer lookup (事前公开 staff / 事中 check of a certificate number): holders of a
 * certificate, by agency and/or a name or certificate number fragment. Exactly name, unit, agency,
 * post, fields, certificate number and live status — nothing else personal.
 */
export async function lookupOfficers(ctx: Ctx, filter: { agencyId?: string; q?: string }): Promise<{ items: OfficerLookupItem[]; more: boolean }> {
  let q = publicOfficers(ctx.db).where('o.certificate_no', 'is not', null).where('o.auxiliary', '=', 0);
  if (filter.agencyId) q = q.where('o.agency_id', '=', filter.agencyId);
  const text = filter.q?.trim();
  if (text) {
    const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([sql<boolean>`lower(${eb.ref('o.name')}) like ${like} escape '\\'`, sql<boolean>`lower(${eb.ref('o.certificate_no')}) like ${like} escape '\\'`]));
  }
  const rows = (await q.orderBy('a.name').orderBy('o.name').orderBy('o.id').limit(LOOKUP_LIMIT + 1).execute()) as PublicRow[];
  const today = chinaDate(ctx.clock);
  const items = rows.slice(0, LOOKUP_LIMIT).map(
    (r): OfficerLookupItem => ({
      name: r.name,
      unit: r.unit,
      agency: r.agency,
      post: r.post,
      fields: JSON.parse(r.fields) as string[],
      certificateNo: r.certificate_no!,
      status: liveStatus(r, today),
    }),
  );
  return { items, more: rows.length > LOOKUP_LIMIT };
}
