import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certificateStatus, mayAct, mayActTogether, mayReview, type CertificateHolder } from './certificates.rules.ts';

const officer = (o: Partial<CertificateHolder> = {}): CertificateHolder => ({
  id: o.name ?? '刘建国',
  name: '刘建国',
  status: 'active',
  auxiliary: false,
  certificateNo: '43040120001',
  fields: ['文化市场'],
  validFrom: '2024-01-01',
  validTo: '2026-12-31',
  ...o,
});

describe('《行政处罚法》第四十二条 执法人员应当具有行政执法资格', () => {
  it('a valid certificate covering the field may act', () => {
    assert.deepEqual(mayAct(officer(), '文化市场', '2026-03-02'), { ok: true });
  });

  it('the last day of validity still counts; the day after is expired', () => {
    assert.equal(mayAct(officer(), '文化市场', '2026-12-31').ok, true);
    const v = mayAct(officer(), '文化市场', '2027-01-01');
    assert.equal(v.ok, false);
    assert.equal(!v.ok && v.code, 'certificate-expired');
    assert.equal(!v.ok && v.details.article, '《行政处罚法》第四十二条');
    assert.match(!v.ok ? v.message : '', /第四十二条/);
  });

  it('a certificate before its start date is not yet valid', () => {
    const v = mayAct(officer({ validFrom: '2026-06-01' }), '文化市场', '2026-03-02');
    assert.equal(!v.ok && v.code, 'certificate-not-yet-valid');
  });

  it('a suspended or revoked certificate may not act', () => {
    const s = mayAct(officer({ status: 'suspended' }), '文化市场', '2026-03-02');
    const r = mayAct(officer({ status: 'revoked' }), '文化市场', '2026-03-02');
    assert.equal(!s.ok && s.code, 'certificate-suspended');
    assert.equal(!r.ok && r.code, 'certificate-revoked');
  });

  it('auxiliary staff never act alone (no certificate)', () => {
    const v = mayAct(officer({ auxiliary: true, certificateNo: null }), '文化市场', '2026-03-02');
    assert.equal(!v.ok && v.code, 'officer-not-certified');
  });

  it('expiry is computed from the date, never stored: the same record is valid one day and expired the next', () => {
    const o = officer();
    assert.equal(certificateStatus(o, '2026-12-31'), 'valid');
    assert.equal(certificateStatus(o, '2027-01-01'), 'expired');
  });
});

describe('《行政处罚法》第四十二条、第五十五条 执法证须覆盖执法种类', () => {
  it('a certificate for 文化市场 does not cover 文物', () => {
    const v = mayAct(officer(), '文物', '2026-03-02');
    assert.equal(!v.ok && v.code, 'certificate-field-mismatch');
    assert.equal(!v.ok && v.details.field, '文物');
  });
});

describe('《行政处罚法》第四十二条 执法人员不得少于两人', () => {
  const a = officer({ name: '甲' });
  const b = officer({ name: '乙', certificateNo: '2' });
  const aux = officer({ name: '辅', auxiliary: true, certificateNo: null });

  it('two certified officers may act together', () => {
    assert.equal(mayActTogether([a, b], '文化市场', '2026-03-02').ok, true);
  });

  it('one officer named twice is not two officers', () => {
    const v = mayActTogether([a, a], '文化市场', '2026-03-02');
    assert.equal(!v.ok && v.code, 'two-officers-required');
  });

  it('one officer and an auxiliary are not two officers', () => {
    const v = mayActTogether([a, aux], '文化市场', '2026-03-02');
    assert.equal(!v.ok && v.code, 'two-officers-required');
  });

  it('a team with an expired member is refused naming that member', () => {
    const v = mayActTogether([a, officer({ name: '丙', validTo: '2025-12-31' })], '文化市场', '2026-03-02');
    assert.equal(!v.ok && v.code, 'certificate-expired');
    assert.equal(!v.ok && v.details.officer, '丙');
  });
});

describe('《行政处罚法》第五十八条第二款 法制审核人员应当取得法律职业资格', () => {
  it('a reviewer without a recorded qualification may not review', () => {
    const v = mayReview({ displayName: '王审核', legalQualificationNo: null });
    assert.equal(!v.ok && v.code, 'reviewer-not-qualified');
    assert.equal(!v.ok && v.details.article, '《行政处罚法》第五十八条第二款');
  });

  it('a reviewer with a qualification number may review', () => {
    assert.equal(mayReview({ displayName: '王审核', legalQualificationNo: 'A20184301001234' }).ok, true);
  });
});
