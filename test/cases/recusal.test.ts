/**
 * 《行政处罚法》第四十三条 回避: the head removes a conflicted handler (with a replacement so two
 * remain); the recused officer can no longer act on the case, alone or named in a team.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';

describeEachEngine('recusal (回避, 第四十三条)', (ctx) => {
  let server: FastifyInstance;
  const s: Record<string, Session> = {};
  const officers: Record<string, string> = {};
  let caseId = '';
  let version = 0;
  const act = async (who: string, name: string, body: Record<string, unknown>) => {
    const res = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/${name}`, headers: { ...s[who]!, 'if-match': `"${version}"` }, payload: body });
    if (res.statusCode === 200) version = res.json().case.version;
    return res;
  };

  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    for (const u of ['whzf-head', 'whzf-officer1', 'whzf-officer2']) s[u] = await loginAs(server, u);
    const agencyId = (await server.inject({ url: '/api/auth/me', headers: s['whzf-head']! })).json().user.roles[0].agencyId;
    for (const o of (await server.inject({ url: `/api/officers?agencyId=${agencyId}`, headers: s['whzf-head']! })).json()) officers[o.name] = o.id;
    const party = { kind: 'person', name: '某人', idNumber: null, representative: null, address: null, phone: null, minor: false };
    const res = await server.inject({ method: 'POST', url: '/api/cases', headers: s['whzf-officer1']!, payload: { agencyId, field: '文化市场', source: 'complaint', cause: '擅自从事营业性演出经营活动', summary: '举报', parties: [party] } });
    caseId = res.json().case.id;
    version = res.json().case.version;
    assert.equal((await act('whzf-head', 'file', { handlerIds: [officers['刘建国'], officers['张晓明']] })).statusCode, 200);
  });

  it('an officer may not decide their own recusal: the head does, and a replacement keeps two certified handlers', async () => {
    assert.equal((await act('whzf-officer2', 'recuse', { officerId: officers['张晓明'], reason: '与当事人系近亲属' })).statusCode, 403);
    const alone = await act('whzf-head', 'recuse', { officerId: officers['张晓明'], reason: '与当事人系近亲属', replacementOfficerId: officers['吴海燕'] });
    assert.equal(alone.json().code, 'certificate-expired', 'the replacement must hold a valid certificate');
    const ok = await act('whzf-head', 'recuse', { officerId: officers['张晓明'], reason: '与当事人系近亲属', replacementOfficerId: officers['黄丽华'] });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().case.handlers.map((h: { name: string }) => h.name).sort(), ['刘建国', '黄丽华'].sort());
    assert.equal(ok.json().case.recused[0].name, '张晓明');
  });

  it('the recused officer can no longer act on the case, nor be named in a team', async () => {
    const own = await act('whzf-officer2', 'record-inspection', { officerIds: [officers['张晓明'], officers['刘建国']], place: '现场', content: '检查' });
    assert.equal(own.statusCode, 403);
    assert.equal(own.json().code, 'officer-recused');
    assert.match(own.json().message, /第四十三条/);
    const named = await act('whzf-officer1', 'record-inspection', { officerIds: [officers['刘建国'], officers['张晓明']], place: '现场', content: '检查' });
    assert.equal(named.json().code, 'officer-recused');
    const team = await act('whzf-officer1', 'record-inspection', { officerIds: [officers['刘建国'], officers['黄丽华']], place: '现场', content: '检查' });
    assert.equal(team.statusCode, 200, team.body);
  });
});
