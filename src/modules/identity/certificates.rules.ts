import { ALLOWED, refuse, type Verdict } from '../../kernel/refusal.ts';

/** 执法证 status as the law sees it on a given day. "expired" is computed, never stored. */
export type CertificateStatus = 'valid' | 'not-yet-valid' | 'expired' | 'suspended' | 'revoked' | 'none';

export interface CertificateHolder {
  id: string;
  name: string;
  status: 'active' | 'suspended' | 'revoked';
  auxiliary: boolean;
  certificateNo: string | null;
  fields: readonly string[];
  /** ISO dates (YYYY-MM-DD), inclusive. */
  validFrom: string | null;
  validTo: string | null;
}

const ART_42 = '《行政处罚法》第四十二条';
const ART_55 = '《行政处罚法》第五十五条';
const ART_58 = '《行政处罚法》第五十八条第二款';

/** certificateStatus is the status of the officer's certificate on the date `on` (YYYY-MM-DD). */
export function certificateStatus(o: CertificateHolder, on: string): CertificateStatus {
  if (o.auxiliary || !o.certificateNo) return 'none';
  if (o.status === 'revoked') return 'revoked';
  if (o.status === 'suspended') return 'suspended';
  if (o.validFrom && on < o.validFrom) return 'not-yet-valid';
  if (o.validTo && on > o.validTo) return 'expired';
  return 'valid';
}

/**
 * 《行政处罚法》第四十二条、第五十五条：执法人员应当具有行政执法资格，主动出示执法证件。
 * mayAct refuses an officer whose certificate is missing (auxiliary staff), expired, not yet
 * valid, suspended or revoked, or does not cover the enforcement field.
 */
export function mayAct(o: CertificateHolder, field: string, on: string): Verdict {
  const status = certificateStatus(o, on);
  const details = { article: ART_42, officer: o.name, certificateStatus: status };
  switch (status) {
    case 'none':
      return refuse('officer-not-certified', `${o.name}为辅助人员或未持有执法证，不得独立从事执法活动（${ART_42}）`, details);
    case 'revoked':
      return refuse('certificate-revoked', `${o.name}的执法证已被吊销，不得从事执法活动（${ART_42}）`, details);
    case 'suspended':
      return refuse('certificate-suspended', `${o.name}的执法证已被暂扣，不得从事执法活动（${ART_42}）`, details);
    case 'expired':
      return refuse('certificate-expired', `${o.name}的执法证已于 ${o.validTo} 过期，不得从事执法活动（${ART_42}）`, details);
    case 'not-yet-valid':
      return refuse('certificate-not-yet-valid', `${o.name}的执法证自 ${o.validFrom} 起生效，此前不得从事执法活动（${ART_42}）`, details);
    case 'valid':
      break;
  }
  if (!o.fields.includes(field)) {
    return refuse('certificate-field-mismatch', `${o.name}的执法证执法种类不含“${field}”（${ART_42}、${ART_55}）`, {
      ...details,
      article: `${ART_42}、${ART_55}`,
      field,
      fields: o.fields,
    });
  }
  return ALLOWED;
}

/**
 * 《行政处罚法》第四十二条：执法人员不得少于两人。Inspection, questioning, coercive measures,
 * on-the-spot penalties and service need two officers who may each act; auxiliary staff may come
 * along but do not count.
 */
export function mayActTogether(team: readonly CertificateHolder[], field: string, on: string): Verdict {
  const refusals: Verdict[] = [];
  const certified = new Set<string>();
  for (const o of team) {
    if (o.auxiliary) continue;
    const v = mayAct(o, field, on);
    if (v.ok) certified.add(o.id);
    else refusals.push(v);
  }
  const firstRefusal = refusals.find((r) => !r.ok);
  if (firstRefusal) return firstRefusal;
  // One person named twice is still one officer.
  if (certified.size < 2) {
    return refuse('two-officers-required', `执法人员不得少于两人，且须持有有效执法证（${ART_42}）`, { article: ART_42, certified: certified.size });
  }
  return ALLOWED;
}

/**
 * 《行政处罚法》第五十八条第二款：初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格。
 */
export function mayReview(reviewer: { displayName: string; legalQualificationNo: string | null }): Verdict {
  if (!reviewer.legalQualificationNo) {
    return refuse('reviewer-not-qualified', `${reviewer.displayName}未登记法律职业资格，不得从事法制审核（${ART_58}）`, { article: ART_58 });
  }
  return ALLOWED;
}
