/**
 * 当场处罚 → 公示 (issue 8 "After enforcement": a publication draft is created automatically from
 * the decision, with redaction; 国办发〔2018〕118号第六项; 《行政处罚法》第四十八条、第五十一条):
 * where the agency's policy publishes on-the-spot decisions, the decision made on the spot over
 * HTTP drafts its publication in the same transaction, with the 决定书's number and the person's
 * ID number, phone and home address masked; the draft goes through review like any other and
 * the decision is then found on the portal. Under the default policy none is drafted.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { idCheckDigit } from './personal-data.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { publicationOfCase } from '../../src/modules/publicity/publications.service.ts';
import type { DecisionSearchResult, PublicDecisionDetail } from '../../src/shared/portal.ts';
import type { PublicationView } from '../../src/shared/publications.ts';

const ID17 = '43040819900307123';
const ID = `${ID17}${idCheckDigit(ID17)}`;
const PHONE = '13974712345';
const HOME = '衡阳市蒸湘区解放西路88号3栋201室';
const PARTY = '欧阳芷晗';

describeEachEngine('当场处罚 decisions are published like ordinary ones when the policy says so (118号第六项)', (ctx) => {
  let server: FastifyInstance;
  let agencyId = '';
  let officer: Session;
  let editor: Session;
  let approver: Session;
  const officers: Record<string, string> = {};

  const onTheSpot = async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/api/cases/on-the-spot',
      headers: officer,
      payload: {
        agencyId,
        field: '文化市场',
        cause: '互联网上网服务营业场所未悬挂《网络文化经营许可证》',
        parties: [{ kind: 'person', name: PARTY, idNumber: ID, representative: null, address: HOME, phone: PHONE, minor: false }],
        officerIds: [officers['刘建国'], officers['张晓明']],
        place: '衡阳市蒸湘区星辰网吧',
        facts: `当事人${PARTY}（身份证号码${ID}，联系电话${PHONE}，住${HOME}）经营的星辰网吧未在营业场所显著位置悬挂《网络文化经营许可证》。`,
        basis: '《互联网上网服务营业场所管理条例》第三十二条',
        penalty: { kinds: ['warning', 'fine'], fineFen: 10_000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '警告，并处罚款100元' },
        rightsTold: true,
        partySigned: true,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { case: { id: string; decision: { number: string; on: string } } };
  };
  const call = async <T>(who: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>, version?: number): Promise<T> => {
    const res = await server.inject({ method, url, headers: { ...who, ...(version === undefined ? {} : { 'if-match': `"${version}"` }) }, ...(payload ? { payload } : {}) });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  const leaks = (text: string) => [ID, ID17, PHONE, HOME, '解放西路88号'].filter((s) => text.includes(s));

  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    officer = await loginAs(server, 'whzf-officer1');
    editor = await loginAs(server, 'whzf-publicity');
    approver = await loginAs(server, 'whzf-publicity2');
    agencyId = (await ctx().db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
    for (const o of await ctx().db.selectFrom('officers').select(['id', 'name']).where('agency_id', '=', agencyId).execute()) officers[o.name] = o.id;
  });

  it('under the default policy (当场处罚 not published) the decision drafts no publication', async () => {
    const v = await onTheSpot();
    assert.equal(await publicationOfCase(ctx().db, v.case.id), null);
  });

  it('with publishOnTheSpot on, the decision drafts its publication: its 决定书 number, the person by name only, ID number, phone and home address masked; reviewed, published and found on the portal', async () => {
    const current = await call<{ settings: Record<string, unknown>; version: number }>(editor, 'GET', `/api/agencies/${agencyId}/publication-settings`);
    await call(approver, 'PUT', `/api/agencies/${agencyId}/publication-settings`, { settings: { ...current.settings, publishOnTheSpot: true }, reason: '按照市局要求公开当场处罚决定' }, current.version);

    const v = await onTheSpot();
    assert.match(v.case.decision.number, /第\d+号/u);
    const id = await publicationOfCase(ctx().db, v.case.id);
    assert.ok(id, 'the decision drafted its publication in its own transaction');

    const draft = await call<PublicationView>(editor, 'GET', `/api/publications/${id}`);
    assert.equal(draft.publication.status, 'draft');
    assert.equal(draft.publication.caseId, v.case.id);
    assert.equal(draft.publication.fields.number, v.case.decision.number);
    assert.equal(draft.publication.fields.decidedOn, v.case.decision.on);
    const kinds = new Set(draft.publication.redactions.map((r) => r.kind));
    for (const k of ['id-number', 'phone', 'address'] as const) assert.ok(kinds.has(k), `an automatic ${k} redaction`);
    assert.deepEqual(draft.preview.party, { kind: 'person', name: PARTY, creditCode: null, representative: null });
    assert.equal(draft.preview.number, v.case.decision.number);
    assert.match(draft.preview.text, new RegExp(v.case.decision.number.replace(/[〔〕]/gu, '.')), 'the 决定书 text is published');
    assert.deepEqual(leaks(JSON.stringify(draft.preview)), [], 'the public object masks the personal data');

    const submitted = await call<PublicationView>(editor, 'POST', `/api/publications/${id}/submit`, undefined, draft.publication.version);
    const published = await call<PublicationView>(approver, 'POST', `/api/publications/${id}/approve`, undefined, submitted.publication.version);
    assert.equal(published.publication.status, 'published');

    const day = v.case.decision.on;
    const found = await call<DecisionSearchResult>(editor, 'GET', `/api/public/decisions?agencyId=${agencyId}&from=${day}&to=${day}`);
    const item = found.items.find((i) => i.id === id);
    assert.ok(item, 'listed on the portal');
    assert.deepEqual([item.number, item.partyName], [v.case.decision.number, PARTY]);
    const detailRes = await server.inject({ url: `/api/public/decisions/${id}` });
    const detail = detailRes.json() as PublicDecisionDetail;
    assert.equal(detail.status, 'published');
    assert.equal(detail.decision!.number, v.case.decision.number);
    assert.match(detail.decision!.text, /＊＊＊/u);
    assert.deepEqual(leaks(detailRes.body), [], 'the portal shows none of the personal data');
    const csv = await server.inject({ url: `/api/public/decisions.csv?agencyId=${agencyId}&from=${day}&to=${day}` });
    assert.ok(csv.body.includes(v.case.decision.number));
    assert.deepEqual(leaks(csv.body), []);
  });
});
