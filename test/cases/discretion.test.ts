/**
 * 裁量基准 in a case: a penalty outside the benchmark's range for the level applied needs a written
 * reason and the agency head's approval, both recorded as events, before it may be decided.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';

const party = { kind: 'organisation', name: '蒸湘区星辰网吧', idNumber: null, representative: '陈某', address: null, phone: null, minor: false };
const fine = (yuan: number) => ({ kinds: ['warning', 'fine'], fineFen: yuan * 100, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: `警告，罚款${yuan}元` });

describeEachEngine('discretion benchmarks applied to a case (裁量基准)', (ctx) => {
  let server: FastifyInstance;
  let head: Session;
  let officer: Session;
  let caseId = '';
  let version = 0;
  let benchmarkId = '';
  const act = async (who: Session, name: string, body: Record<string, unknown>) => {
    const res = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/${name}`, headers: { ...who, 'if-match': `"${version}"` }, payload: body });
    if (res.statusCode === 200) version = res.json().case.version;
    return res;
  };

  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    head = await loginAs(server, 'whzf-head');
    officer = await loginAs(server, 'whzf-officer1');
    const agencyId = (await server.inject({ url: '/api/auth/me', headers: head })).json().user.roles[0].agencyId;
    const officers: Record<string, string> = {};
    for (const o of (await server.inject({ url: `/api/officers?agencyId=${agencyId}`, headers: head })).json()) officers[o.name] = o.id;
    benchmarkId = (await server.inject({ url: `/api/benchmarks?agencyId=${agencyId}&q=${encodeURIComponent('接纳未成年人')}`, headers: head })).json().find((b: { code: string }) => b.code === '文市-网吧-01').id;
    const res = await server.inject({ method: 'POST', url: '/api/cases', headers: officer, payload: { agencyId, field: '文化市场', source: 'inspection', cause: '网吧接纳未成年人', summary: '检查发现 1 名未成年人', parties: [party] } });
    caseId = res.json().case.id;
    version = res.json().case.version;
    const unknownLevel = await act(head, 'file', { handlerIds: [officers['刘建国'], officers['张晓明']], benchmark: { id: benchmarkId, level: '特别严重' } });
    assert.equal(unknownLevel.statusCode, 400);
    assert.equal((await act(head, 'file', { handlerIds: [officers['刘建国'], officers['张晓明']], benchmark: { id: benchmarkId, level: '一般' } })).statusCode, 200);
    assert.equal((await act(head, 'close-investigation', { outcome: 'penalise', findings: '接纳 1 名未成年人', proposedPenalty: fine(8000) })).statusCode, 200);
    assert.equal((await act(officer, 'notify', { servedOn: '2026-03-02', proposedPenalty: fine(8000), facts: '事实', reasons: '理由', basis: '条例第三十一条' })).statusCode, 200);
    assert.equal((await act(officer, 'record-statement', { text: '无异议', adopted: false, review: '无', waived: true })).statusCode, 200);
  });

  it('a fine above the level’s range (一般: ¥1,000–¥5,000) cannot be decided without the head’s approval', async () => {
    const res = await act(head, 'decide', { penalty: fine(8000), basis: '条例第三十一条' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'discretion-approval-required');
    assert.match(res.json().message, /裁量基准/);
  });

  it('the head’s written approval is recorded as an event and covers exactly the penalty it names; then the decision may be made', async () => {
    const approve = await act(head, 'approve-discretion', { penalty: fine(8000), reason: '接纳未成年人时间长达 5 小时，且拒不配合检查，从重处罚' });
    assert.equal(approve.statusCode, 200, approve.body);
    assert.match(approve.json().case.discretionApproval.reason, /从重处罚/);
    const other = await act(head, 'decide', { penalty: fine(7000), basis: '条例第三十一条' });
    assert.equal(other.json().code, 'discretion-approval-required', 'an approval covers only the penalty it names');
    const decided = await act(head, 'decide', { penalty: fine(8000), basis: '《互联网上网服务营业场所管理条例》第三十一条' });
    assert.equal(decided.statusCode, 200, decided.body);
    const types = (await ctx().db.selectFrom('events').select('type').where('subject', '=', caseId).orderBy('id').execute()).map((e) => e.type);
    assert.ok(types.indexOf('case.approve-discretion') < types.indexOf('case.decide'));
  });
});
