/**
 * 事中公示 — officer certificate cards (issue 8, "During enforcement"): each officer has a printable
 * card whose QR code opens a public page with the certificate's LIVE status; the QR carries a
 * signed token, so a forged card shows as invalid, and a revocation takes effect immediately.
 * Also the portal's officer lookup, which shows only name, unit, post, fields, number and status.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import type { FixedClock } from '../../src/kernel/clock.ts';
import { generateSignerKey, parseSignerKey } from '../../src/ledger/note/index.ts';
import { makeCardToken } from '../../src/modules/identity/certificate-cards.ts';
import { havePoppler, pdfText, squash } from '../../src/modules/documents/pdf-tools.testing.ts';
import type { Officer } from '../../src/shared/api.ts';
import type { CardVerification, OfficerLookupItem } from '../../src/shared/officer-cards.ts';

/** The URL the card's QR code carries (the PDF also links the QR area to it). */
export function cardUrls(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]!);
}

const tokenOf = (url: string) => new URL(url).searchParams.get('t')!;

describeEachEngine('事中公示：执法证卡片与扫码核验 (officer certificate cards)', (ctx) => {
  let server: FastifyInstance;
  let admin: Session;
  let whzf = '';
  let wwj = '';
  const officers = new Map<string, Officer>();

  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    admin = await loginAs(server, 'whzf-admin');
    const agencies = await ctx().db.selectFrom('agencies').select(['id', 'code']).execute();
    whzf = agencies.find((a) => a.code === 'hy-whzf')!.id;
    wwj = agencies.find((a) => a.code === 'hy-wwj')!.id;
    const list = (await server.inject({ url: '/api/officers', headers: await loginAs(server, 'admin') })).json() as Officer[];
    for (const o of list) officers.set(o.name, o);
  });
  after(async () => {
    delete process.env.SANXIANG_PUBLIC_URL;
    await server?.close();
  });

  const printCard = (name: string, auth: Session = admin) => server.inject({ method: 'POST', url: `/api/officers/${officers.get(name)!.id}/card`, headers: auth });
  const issuedCard = async (name: string, auth: Session = admin) => {
    const res = await printCard(name, auth);
    assert.equal(res.statusCode, 200, res.body);
    const urls = cardUrls(res.rawPayload);
    assert.equal(urls.length, 1);
    return urls[0]!;
  };
  const verify = async (token: string) => {
    const res = await server.inject({ url: `/api/public/officers/verify?t=${encodeURIComponent(token)}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store', 'the status is live: never cached');
    return res.json() as CardVerification;
  };
  const cardEvents = async (subject: string) =>
    ctx().db.selectFrom('events').select(['data', 'actor', 'log_id']).where('type', '=', 'officer.card-issued').where('subject', '=', subject).orderBy('seq').execute();
  const current = async (name: string) => (await server.inject({ url: `/api/officers/${officers.get(name)!.id}`, headers: admin })).json() as Officer;
  const act = async (name: string, action: string, payload: Record<string, unknown>) => {
    const o = await current(name);
    const res = await server.inject({ method: 'POST', url: `/api/officers/${o.id}/${action}`, headers: { ...admin, 'if-match': `"${o.version}"` }, payload });
    assert.equal(res.statusCode, 200, res.body);
  };

  it('a printed card is a PDF whose QR carries a signed token that verifies: 有效, with name, unit, agency, fields, number and validity', async () => {
    const res = await printCard('刘建国');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const [url] = cardUrls(res.rawPayload);
    assert.match(url!, /^http:\/\/localhost(:\d+)?\/public\/officers\/verify\?t=[A-Za-z0-9_-]+$/, 'defaults to the request origin');
    if (havePoppler()) {
      const text = squash(pdfText(res.rawPayload));
      for (const s of ['行政执法证', '刘建国', '执法一科', '文化市场、新闻出版', '43040120001', '2028-12-31', '扫码核验']) assert.ok(text.includes(s), s);
    }
    const v = await verify(tokenOf(url!));
    assert.equal(v.verdict, 'valid');
    assert.equal(v.genuine, true);
    assert.deepEqual(v.officer, {
      name: '刘建国',
      unit: '执法一科',
      agency: '衡阳市文化市场综合执法局',
      post: '科长',
      fields: ['文化市场', '新闻出版'],
      certificateNo: '43040120001',
      status: 'valid',
      validFrom: '2024-01-01',
      validTo: '2028-12-31',
    });
    assert.deepEqual(v.card, { certificateNo: '43040120001', issuedOn: '2026-03-02' });
  });

  it('issuing a card (and every reprint) is an officer.card-issued event in the agency’s log, recording the token’s digest, not the token', async () => {
    const before = (await cardEvents(officers.get('张晓明')!.id)).length;
    const first = await issuedCard('张晓明');
    const second = await issuedCard('张晓明');
    const events = await cardEvents(officers.get('张晓明')!.id);
    assert.equal(events.length, before + 2);
    const data = JSON.parse(events.at(-1)!.data) as Record<string, unknown>;
    assert.equal(events.at(-1)!.log_id, whzf);
    assert.deepEqual(Object.keys(data).sort(), ['batch', 'certificateNo', 'issuedOn', 'keyId', 'officerId', 'tokenDigest']);
    assert.equal(data.certificateNo, '43040120002');
    assert.equal(data.keyId, ctx().keys.keyId);
    assert.ok(!events.some((e) => e.data.includes(tokenOf(first)) || e.data.includes(tokenOf(second))), 'the token itself is not in the ledger');
  });

  it('SANXIANG_PUBLIC_URL sets the address printed in the QR code', async () => {
    process.env.SANXIANG_PUBLIC_URL = 'https://zf.hengyang.example.gov.cn/';
    try {
      assert.match(await issuedCard('黄丽华'), /^https:\/\/zf\.hengyang\.example\.gov\.cn\/public\/officers\/verify\?t=/);
    } finally {
      delete process.env.SANXIANG_PUBLIC_URL;
    }
  });

  it('a forged card is 无效证件: changing any one character of the token, or signing with another key, shows nothing about anyone', async () => {
    const token = tokenOf(await issuedCard('周志强'));
    for (const i of [0, 3, 12, Math.floor(token.length / 2), token.length - 1]) {
      const forged = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      const v = await verify(forged);
      assert.equal(v.verdict, 'invalid', `position ${i}`);
      assert.equal(v.genuine, false);
      assert.equal(v.officer, null);
      assert.equal(v.card, null);
    }
    const other = parseSignerKey(generateSignerKey('sanxiang').signerKey);
    const foreign = makeCardToken(other, { officerId: officers.get('周志强')!.id, certificateNo: '43040120004', issuedOn: '2026-03-02' });
    const v = await verify(foreign);
    assert.deepEqual({ verdict: v.verdict, genuine: v.genuine, problem: v.problem, officer: v.officer }, { verdict: 'invalid', genuine: false, problem: 'unknown-key', officer: null });
    const res = await server.inject({ url: `/api/public/officers/verify?t=${foreign}` });
    assert.ok(!res.body.includes('周志强') && !res.body.includes('43040120004'));
    // an absent or oversized token is a 400, not a crash
    assert.equal((await server.inject({ url: '/api/public/officers/verify' })).statusCode, 400);
    assert.equal((await server.inject({ url: `/api/public/officers/verify?t=${'A'.repeat(2000)}` })).statusCode, 400);
  });

  it('《行政处罚法》第四十二条: a certificate suspended after the card was printed shows 已暂扣 at once; reinstated, 有效 again; revoked, 已吊销', async () => {
    const token = tokenOf(await issuedCard('周志强'));
    await act('周志强', 'suspend', { reason: '涉嫌违规执法，暂扣执法证' });
    let v = await verify(token);
    assert.equal(v.verdict, 'suspended');
    assert.equal(v.genuine, true);
    assert.equal(v.officer!.status, 'suspended');
    await act('周志强', 'reinstate', { reason: '调查结束，恢复' });
    assert.equal((await verify(token)).verdict, 'valid');
    await act('周志强', 'revoke', { reason: '严重违法，吊销执法证' });
    v = await verify(token);
    assert.equal(v.verdict, 'revoked');
    assert.equal(v.officer!.name, '周志强');
  });

  it('a card printed before the certificate was reissued under a new number shows 证件信息已变更; the new card is 有效', async () => {
    const old = tokenOf(await issuedCard('黄丽华'));
    await act('黄丽华', 'renew', { reason: '换发新证', validTo: '2031-05-31', certificateNo: '43040120103' });
    const v = await verify(old);
    assert.equal(v.verdict, 'changed');
    assert.equal(v.card!.certificateNo, '43040120003');
    assert.equal(v.officer!.certificateNo, '43040120103');
    assert.equal((await verify(tokenOf(await issuedCard('黄丽华')))).verdict, 'valid');
  });

  it('a card whose certificate has since expired shows 已过期 (status read on the day of the scan)', async () => {
    const token = tokenOf(await issuedCard('冯若兰', await loginAs(server, 'wwj-admin')));
    const clock = ctx().clock as FixedClock;
    const was = clock.now();
    try {
      clock.set('2026-07-01T02:00:00Z');
      assert.equal((await verify(token)).verdict, 'expired');
    } finally {
      clock.set(was);
    }
  });

  it('no card for a suspended, expired or auxiliary holder (409), and nothing is recorded', async () => {
    for (const name of ['郑伟', '吴海燕', '钱小芳']) {
      const before = (await cardEvents(officers.get(name)!.id)).length;
      const res = await printCard(name);
      assert.equal(res.statusCode, 409, `${name}: ${res.body}`);
      assert.equal(res.json().code, 'officer-invalid-state');
      assert.match(res.json().message, new RegExp(name));
      assert.equal((await cardEvents(officers.get(name)!.id)).length, before);
    }
  });

  it('printing needs officer.read in the officer’s agency: another agency’s officer may not print this one’s card', async () => {
    const res = await printCard('刘建国', await loginAs(server, 'wwj-officer1'));
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'forbidden');
  });

  it('an agency’s batch: one A4 sheet of cards for every officer whose certificate is in force, each card its own event', async () => {
    const res = await server.inject({ method: 'POST', url: '/api/officers/cards', headers: admin, payload: { agencyId: whzf } });
    assert.equal(res.statusCode, 200, res.body);
    // 刘建国, 张晓明, 黄丽华 (renewed); not 周志强 (revoked above), 吴海燕 (expired), 郑伟 (suspended), 钱小芳 (auxiliary)
    assert.equal(res.headers['x-cards-issued'], '3');
    const urls = cardUrls(res.rawPayload);
    assert.equal(urls.length, 3);
    const verdicts = await Promise.all(urls.map(async (u) => (await verify(tokenOf(u))).officer!.name));
    assert.deepEqual(verdicts.sort(), ['刘建国', '张晓明', '黄丽华'].sort());
    const batch = await ctx().db.selectFrom('events').select('data').where('type', '=', 'officer.card-issued').where('log_id', '=', whzf).execute();
    assert.equal(batch.filter((e) => (JSON.parse(e.data) as { batch: boolean }).batch).length, 3);
    const other = await server.inject({ method: 'POST', url: '/api/officers/cards', headers: admin, payload: { agencyId: wwj } });
    assert.equal(other.statusCode, 403);
  });

  it('the public officer lookup shows exactly name, unit, agency, post, fields, certificate number and live status — nothing else personal', async () => {
    const res = await server.inject({ url: `/api/public/officers?agencyId=${whzf}` });
    assert.equal(res.statusCode, 200, res.body);
    const { items, more } = res.json() as { items: OfficerLookupItem[]; more: boolean };
    assert.equal(more, false);
    for (const item of items) assert.deepEqual(Object.keys(item).sort(), ['agency', 'certificateNo', 'fields', 'name', 'post', 'status', 'unit']);
    assert.deepEqual(items.map((i) => i.name).sort(), ['刘建国', '吴海燕', '周志强', '张晓明', '郑伟', '黄丽华'].sort(), 'certificate holders only: not the auxiliary 钱小芳');
    assert.deepEqual(items.find((i) => i.name === '郑伟'), { name: '郑伟', unit: '执法二科', agency: '衡阳市文化市场综合执法局', post: '科员', fields: ['文化市场'], certificateNo: '43040120006', status: 'suspended' });
    for (const o of officers.values()) {
      assert.ok(!res.body.includes(o.id), 'no ids');
      if (o.userId) assert.ok(!res.body.includes(o.userId), 'no user ids');
    }
    assert.ok(!res.body.includes('涉嫌违规执法'), 'no status reasons');
    const byName = (await server.inject({ url: `/api/public/officers?q=${encodeURIComponent('孙文')}` })).json() as { items: OfficerLookupItem[] };
    assert.deepEqual(byName.items.map((i) => i.name), ['孙文博']);
    const byNumber = (await server.inject({ url: '/api/public/officers?q=43040130004' })).json() as { items: OfficerLookupItem[] };
    assert.deepEqual(byNumber.items.map((i) => [i.name, i.status]), [['冯若兰', 'valid']]);
    const wildcard = (await server.inject({ url: `/api/public/officers?q=${encodeURIComponent('%')}` })).json() as { items: OfficerLookupItem[] };
    assert.deepEqual(wildcard.items, [], 'LIKE wildcards are literal');
  });
});
