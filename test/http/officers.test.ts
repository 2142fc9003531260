import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { countEvents } from '../../src/ledger/ledger.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执法人员');
  ws.addRow(['姓名', '内设机构', '职务', '执法证号', '发证机关', '执法种类', '有效期起', '有效期止', '辅助人员', '关联用户名']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachEngine('officers and their certificates (执法人员与执法证)', (ctx) => {
  let server: FastifyInstance;
  let admin: Session;
  let agencyId = '';
  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    admin = await loginAs(server, 'whzf-admin');
    agencyId = (await server.inject({ url: '/api/auth/me', headers: admin })).json().user.roles[0].agencyId;
  });
  const officers = async (q = '') => (await server.inject({ url: `/api/officers?agencyId=${agencyId}${q}`, headers: admin })).json() as Array<Record<string, any>>;

  it('the demo agency lists its officers with the expired and suspended certificates flagged (clock 2026-03-02)', async () => {
    const list = await officers();
    const status = Object.fromEntries(list.map((o) => [o.name, o.certificateStatus]));
    assert.equal(status['吴海燕'], 'expired');
    assert.equal(status['郑伟'], 'suspended');
    assert.equal(status['钱小芳'], 'none');
    assert.equal(status['刘建国'], 'valid');
    assert.deepEqual((await officers('&certificateStatus=expired')).map((o) => o.name), ['吴海燕']);
  });

  it('registering an officer without certificate data is refused (Art 42) and changes nothing', async () => {
    const before = await countEvents(ctx().db);
    const res = await server.inject({ method: 'POST', url: '/api/officers', payload: { agencyId, name: '无证人员', fields: ['文化市场'] }, headers: admin });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'certificate-required');
    const badDate = await server.inject({ method: 'POST', url: '/api/officers', payload: { agencyId, name: '日期错', fields: ['文化市场'], certificateNo: 'X1', validFrom: '2026-02-30x', validTo: '2027-01-01' }, headers: admin });
    assert.equal(badDate.statusCode, 400);
    assert.equal(badDate.json().details.fields[0].field, 'validFrom');
    assert.equal(await countEvents(ctx().db), before);
  });

  it('suspend with a reason, reinstate, renew, revoke — each in the history with who, when, why, before and after', async () => {
    const created = await server.inject({
      method: 'POST',
      url: '/api/officers',
      payload: { agencyId, name: '测试员', fields: ['文化市场'], certificateNo: 'T-0001', validFrom: '2024-01-01', validTo: '2026-12-31', issuingAuthority: '衡阳市人民政府' },
      headers: admin,
    });
    assert.equal(created.statusCode, 201);
    let o = created.json();
    const act = async (action: string, payload: object) => {
      const res = await server.inject({ method: 'POST', url: `/api/officers/${o.id}/${action}`, payload, headers: { ...admin, 'if-match': `"${o.version}"` } });
      return res;
    };
    let res = await act('suspend', { reason: '涉嫌违规，暂扣接受调查' });
    assert.equal(res.statusCode, 200);
    o = res.json();
    assert.equal(o.certificateStatus, 'suspended');
    assert.equal((await act('suspend', { reason: '再次暂扣' })).json().code, 'officer-invalid-state');
    o = (await act('reinstate', { reason: '调查结束' })).json();
    assert.equal(o.certificateStatus, 'valid');
    o = (await act('renew', { reason: '换发新证', validTo: '2030-12-31', certificateNo: 'T-0002' })).json();
    assert.equal(o.validTo, '2030-12-31');
    o = (await act('revoke', { reason: '调离执法岗位' })).json();
    assert.equal(o.certificateStatus, 'revoked');
    assert.equal((await act('reinstate', { reason: '误操作' })).statusCode, 409);

    const history = (await server.inject({ url: `/api/officers/${o.id}/history`, headers: admin })).json();
    assert.deepEqual(history.map((h: { type: string }) => h.type), ['officer.registered', 'officer.suspended', 'officer.reinstated', 'officer.renewed', 'officer.revoked']);
    const suspended = history[1];
    assert.equal(suspended.actor.name, 'whzf机构管理员');
    assert.equal(suspended.data.reason, '涉嫌违规，暂扣接受调查');
    assert.deepEqual(suspended.data.changes.status, { before: 'active', after: 'suspended' });
    assert.deepEqual(history[3].data.changes.certificateNo, { before: 'T-0001', after: 'T-0002' });
  });

  it('a stale version is refused with 409 and the current state', async () => {
    const [first] = await officers('&q=刘建国');
    const ok = await server.inject({ method: 'PATCH', url: `/api/officers/${first!.id}`, payload: { post: '副局长', reason: '职务调整' }, headers: { ...admin, 'if-match': `"${first!.version}"` } });
    assert.equal(ok.statusCode, 200);
    const stale = await server.inject({ method: 'PATCH', url: `/api/officers/${first!.id}`, payload: { post: '局长' }, headers: { ...admin, 'if-match': `"${first!.version}"` } });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().details.state.post, '副局长');
  });

  it('simultaneous edits with the same version: exactly one wins, the others get 409 (no lost update)', async () => {
    const [o] = await officers('&q=黄丽华');
    const results = await Promise.all(
      ['副科长', '科长', '主任科员', '四级主任科员'].map((post) =>
        server.inject({ method: 'PATCH', url: `/api/officers/${o!.id}`, payload: { post, reason: '并发' }, headers: { ...admin, 'if-match': `"${o!.version}"` } }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [200, 409, 409, 409]);
    const [after] = await officers('&q=黄丽华');
    assert.equal(after!.version, o!.version + 1);
  });

  it('an Excel file with any bad row imports nothing and lists every problem by row and column', async () => {
    const before = await countEvents(ctx().db);
    const file = await workbook([
      ['赵一', '执法一科', '科员', 'IMP-001', '衡阳市人民政府', '文化市场', '2025-01-01', '2027-12-31', '否', ''],
      ['', '不存在的科', '', '', '', '', '2025-13-01', '', '也许', ''],
      ['钱二', '执法二科', '科员', 'IMP-001', '衡阳市人民政府', '文化市场', '2025-01-01', '2024-12-31', '否', ''],
    ]);
    const res = await server.inject({ method: 'POST', url: `/api/officers/import?agencyId=${agencyId}`, payload: file, headers: { ...admin, 'content-type': XLSX } });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.code, 'import-invalid');
    const errs = body.details.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    for (const expected of ['3:姓名', '3:内设机构', '3:有效期起', '3:辅助人员', '3:执法证号', '4:有效期止', '4:执法证号']) {
      assert.ok(errs.includes(expected), `expected an error at ${expected}, got ${errs.join(', ')}`);
    }
    assert.ok(!errs.some((e: string) => e.startsWith('2:')), 'the good row has no errors');
    assert.equal(await countEvents(ctx().db), before, 'nothing was imported');
  });

  it('a good Excel file is imported in one go, each row an officer.registered event; export gives it back', async () => {
    const before = await countEvents(ctx().db);
    const file = await workbook([
      ['赵一', '执法一科', '科员', 'IMP-101', '衡阳市人民政府', '文化市场、旅游', '2025-01-01', '2027-12-31', '否', ''],
      ['钱二', '执法二科', '协管员', '', '', '', '', '', '是', ''],
    ]);
    const res = await server.inject({ method: 'POST', url: `/api/officers/import?agencyId=${agencyId}`, payload: file, headers: { ...admin, 'content-type': XLSX } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { imported: 2 });
    assert.equal(await countEvents(ctx().db), before + 2);
    const zhao = (await officers('&q=IMP-101'))[0]!;
    assert.deepEqual(zhao.fields, ['文化市场', '旅游']);

    const exported = await server.inject({ url: `/api/officers/export.xlsx?agencyId=${agencyId}`, headers: admin });
    assert.equal(exported.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0]!.eachRow((r, n) => n > 1 && names.push(String(r.getCell(1).value)));
    assert.ok(names.includes('赵一') && names.includes('吴海燕'));
    const template = await server.inject({ url: '/api/officers/template.xlsx', headers: admin });
    assert.equal(template.headers['content-type'], XLSX);
  });

  it('《行政处罚法》第五十八条 a legal-reviewer role needs a recorded legal qualification', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'new-reviewer', displayName: '新审核员', password: 'Review2026', roles: [{ role: 'legal-reviewer', agencyId }] },
      headers: admin,
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'reviewer-not-qualified');
    assert.equal(res.json().details.article, '《行政处罚法》第五十八条第二款');
    const ok = await server.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'new-reviewer', displayName: '新审核员', password: 'Review2026', roles: [{ role: 'legal-reviewer', agencyId }], legalQualificationNo: 'A20214301009999' },
      headers: admin,
    });
    assert.equal(ok.statusCode, 201);
  });
});
