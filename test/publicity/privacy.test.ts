/**
 * The privacy guarantee of 事后公开 (issue 8; 《政府信息公开条例》第十五条; 《行政处罚法》第五十条;
 * 国办发〔2018〕118号 item 二): many penalty cases are made with realistic personal data in every
 * field a person can type into — person parties' ID numbers, phones and home addresses; third
 * persons' names, ID numbers, phones, addresses, bank cards and health in the facts, the
 * inspection and questioning records and the penalty's description; and, in the facts, a
 * neighbour the case file does not list, named only by where they live (X住…, X居住在…,
 * X家住…: PersonalData.residence) — decided, and published
 * through the real pipeline (the draft made in the decision's transaction, automatic redaction,
 * submit, approval by another editor). Then EVERY public response is scanned for the planted
 * items: zero hits. A positive control runs the same scanner over the unredacted case files and
 * must find every planted item, so a scanner that finds nothing cannot pass.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { PersonalData, scanForPersonalData, type PlantedItem, type ScanHit } from './personal-data.ts';
import { buildServer } from '../../src/http/server.ts';
import { DEMO_AGENCIES, DEMO_OFFICERS, DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../src/demo/seed.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { makeCheckpoint } from '../../src/ledger/checkpoints.ts';
import { createUser, principalOf } from '../../src/modules/identity/users.service.ts';
import { performAct, registerClue } from '../../src/modules/cases/cases.service.ts';
import { approvePublication, getPublication, publicationOfCase, submitPublication } from '../../src/modules/publicity/publications.service.ts';
import type { Principal } from '../../src/modules/identity/access.policy.ts';
import type { Party, Penalty } from '../../src/shared/cases.ts';

/** How many decisions: 60 by default (PRIVACY_CASES overrides, e.g. for a longer soak). */
const N = Number(process.env.PRIVACY_CASES ?? 60);
const SEED = Number(process.env.PRIVACY_SEED ?? 20260601);
// A Monday: the decisions are made and published the same working day.
const clock = () => new FixedClock('2026-06-01T02:00:00.000Z');

const PLACES = ['衡阳市蒸湘区解放西路88号“极速网吧”', '衡阳市石鼓区中山北路12号“欢乐歌厅”', '衡阳市雁峰区先锋路66号“金色年华KTV”', '衡阳市珠晖区东风路9号“云端网咖”'];
const CAUSES = [
  ['互联网上网服务营业场所接纳未成年人', '《互联网上网服务营业场所管理条例》第三十一条第（二）项'],
  ['互联网上网服务营业场所未核对、登记上网消费者有效身份证件', '《互联网上网服务营业场所管理条例》第三十二条第（四）项'],
  ['娱乐场所营业时间超过规定时间', '《娱乐场所管理条例》第四十八条'],
  ['未经批准擅自举办营业性演出', '《营业性演出管理条例》第四十三条第一款'],
] as const;

interface Made {
  caseId: string;
  publicationId: string;
  party: Party;
  /** What this case planted (the unredacted case file must show each of them). */
  planted: PlantedItem[];
}

const fmt = (hits: ScanHit[]) => hits.map((h) => `${h.item.kind} ${h.item.value} … ${h.context}`).join('\n');

describeEachEngine(
  '隐私保障（《政府信息公开条例》第十五条、《行政处罚法》第五十条、118号第二项）: no public response shows personal data of a case file',
  (ctx) => {
    let server: FastifyInstance;
    let agencyId = '';
    const made: Made[] = [];
    let planted: PlantedItem[] = [];
    /** Names only the facts' phrasing introduces (no role word, not a questioned person). */
    const unlistedNames: string[] = [];
    /** Every public response scanned: url → body. */
    const responses = new Map<string, string>();

    const get = async (url: string): Promise<string> => {
      const res = await server.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
      responses.set(url, res.body);
      return res.body;
    };

    before(async () => {
      const app = ctx();
      await seedDemo(app);
      const agencies = await app.db.selectFrom('agencies').select(['id', 'code']).execute();
      agencyId = agencies.find((a) => a.code === 'hy-whzf')!.id;
      const user = async (username: string) => principalOf(app.db, (await app.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
      // A second 公示审核员 (the seed may have one): whoever submits never approves.
      const existing = await app.db.selectFrom('users').select('id').where('username', '=', 'whzf-publicity2').executeTakeFirst();
      const second = existing ?? (await createUser(app, null, { username: 'whzf-publicity2', displayName: '第二公示审核员', password: DEMO_PASSWORD, legalQualificationNo: null, roles: [{ role: 'publicity-editor', agencyId, unitId: null }] }));
      const who: Record<'officer' | 'head' | 'editor' | 'approver', Principal> = {
        officer: await user('whzf-officer1'),
        head: await user('whzf-head'),
        editor: await user('whzf-publicity'),
        approver: await principalOf(app.db, second.id),
      };
      const officers = await app.db.selectFrom('officers').select(['id', 'name']).where('agency_id', '=', agencyId).execute();
      const team = ['刘建国', '张晓明'].map((n) => officers.find((o) => o.name === n)!.id);

      // Published names (officers, accounts, agencies) never collide with a planted third person.
      const gen = new PersonalData(SEED, [...DEMO_OFFICERS.map((o) => o.name), ...DEMO_USERS.map((u) => u.name), ...DEMO_AGENCIES.map((a) => a.name)]);
      for (let i = 0; i < N; i++) {
        const before = gen.planted.length;
        const person = i % 3 !== 2;
        const partyName = gen.publishedName();
        const party: Party = person
          ? gen.personParty(partyName)
          : gen.organisationParty(`衡阳市${['蒸湘区', '石鼓区', '雁峰区'][i % 3]}${partyName.slice(-1)}${i}号网络会所`, partyName, `湖南省衡阳市蒸湘区蒸湘北路${100 + i}号`);
        const place = PLACES[i % PLACES.length]!;
        const [cause, basis] = CAUSES[i % CAUSES.length]!;
        const { text: facts, persons, unlisted } = gen.factsParagraph(partyName, place);
        unlistedNames.push(...unlisted);
        const [witness, customer] = persons as [string, string, string];
        const refundTo = i % 2 === 0 ? gen.name() : null;
        const penalty: Penalty = {
          kinds: ['warning', 'fine'],
          fineFen: (5 + (i % 40)) * 10_000,
          confiscatedGainsFen: null,
          confiscatedPropertyFen: null,
          description: refundTo ? `责令退还消费者${refundTo}（银行卡${gen.bankCard()}）多收取的上网费用` : '',
        };
        const partyContact = person ? `当事人${partyName}（身份证号码${party.idNumber}，电话${party.phone}，住${party.address}）` : `当事人${party.name}（联系电话${party.phone}）`;
        let view = await registerClue(app, who.officer, { agencyId, unitId: null, field: '文化市场', source: 'complaint', cause, summary: `举报人${gen.name()}（电话${gen.mobile()}）举报：${facts}`, parties: [party] });
        const steps: [keyof typeof who, string, unknown][] = [
          ['head', 'file', { handlerIds: team, benchmark: null }],
          ['officer', 'record-inspection', { officerIds: team, place, content: `执法人员出示执法证件后进行检查。${partyContact}在场。${facts}`, evidence: [{ kind: '现场笔录', description: `现场检查笔录，见证人${witness}（电话${gen.landline()}）` }] }],
          ['officer', 'record-questioning', { officerIds: team, person: `${witness}（证人）`, content: `问：请介绍你的情况。答：我叫${witness}，身份证号码${gen.idNumber()}，住${gen.address().full}，电话${gen.mobile()}。`, evidence: [{ kind: '证人证言', description: `${witness}询问笔录` }] }],
          ['officer', 'record-questioning', { officerIds: team, person: `${customer}（消费者）`, content: `问：你如何支付？答：用我的银行卡${gen.bankCard()}支付。`, evidence: [{ kind: '证人证言', description: `${customer}询问笔录` }] }],
          ['head', 'close-investigation', { outcome: 'penalise', findings: facts, proposedPenalty: penalty }],
          ['officer', 'notify', { servedOn: '2026-06-01', proposedPenalty: penalty, facts, reasons: `${partyContact}的行为违反了相关规定。`, basis }],
          ['officer', 'record-statement', { text: `${partyContact}称：对违法事实无异议。`, adopted: false, review: '当事人未提出新的事实和理由。', waived: true }],
          ['head', 'decide', { penalty, basis }],
        ];
        for (const [role, act, input] of steps) view = await performAct(app, who[role], view.case.id, view.case.version, act as never, input as never);
        const publicationId = await publicationOfCase(app.db, view.case.id);
        assert.ok(publicationId, `case ${i}: the decision made a publication draft`);
        const draft = await getPublication(app, who.editor, publicationId);
        assert.ok(draft.publication.redactions.length > 0, 'automatic redactions on the draft');
        const v1 = await submitPublication(app, who.editor, publicationId, draft.publication.version);
        const v2 = await approvePublication(app, who.approver, publicationId, v1.publication.version);
        assert.equal(v2.publication.status, 'published');
        made.push({ caseId: view.case.id, publicationId, party, planted: gen.planted.slice(before) });
      }
      planted = gen.planted;
      await makeCheckpoint(app, agencyId);
      server = await buildServer(app, { webDir: null });
    });

    it(`positive control: the scanner finds every planted item (${N} cases) in the unredacted case files`, async () => {
      const db = ctx().db;
      for (const m of made) {
        const events = await db.selectFrom('events').select('data').where('subject', '=', m.caseId).execute();
        const caseRow = await db.selectFrom('cases').select('record').where('id', '=', m.caseId).executeTakeFirstOrThrow();
        const file = [caseRow.record, ...events.map((e) => e.data)].join('\n');
        const found = new Set(scanForPersonalData(file, m.planted).map((h) => h.item));
        const missing = m.planted.filter((p) => !found.has(p));
        assert.deepEqual(missing.map((p) => `${p.kind} ${p.value}`), [], `case ${m.caseId}`);
        assert.ok(m.planted.length >= 15, `case ${m.caseId} planted ${m.planted.length}`);
      }
      const kinds = new Set(planted.map((p) => p.kind));
      assert.deepEqual([...kinds].sort(), ['address', 'bank-account', 'health', 'id-number', 'phone', 'third-person-name']);
    });

    it('zero hits in every public JSON and CSV: search pages, keyword and filter queries, details of every version, proofs, statistics, agencies, officers, disclosures', async () => {
      // Search: every page, so every list item is seen; plus keyword queries on planted names.
      let after: string | null = null;
      let listed = 0;
      do {
        const body = JSON.parse(await get(`/api/public/decisions${after ? `?after=${encodeURIComponent(after)}` : ''}`)) as { items: { id: string }[]; next: string | null };
        listed += body.items.length;
        after = body.next;
      } while (after);
      assert.ok(listed >= N, `all ${N} published decisions are listed (${listed})`);
      for (const q of ['网吧', '未成年人', '演出', ...planted.filter((p) => p.kind === 'third-person-name').slice(0, 5).map((p) => p.value), ...unlistedNames.slice(0, 5)]) {
        await get(`/api/public/decisions?q=${encodeURIComponent(q)}`);
      }
      await get(`/api/public/decisions?agencyId=${agencyId}&kind=penalty&from=2026-01-01&to=2026-12-31`);
      await get('/api/public/decisions.csv');
      await get(`/api/public/decisions.csv?agencyId=${agencyId}`);
      await get('/api/public/statistics');
      await get('/api/public/agencies');
      for (const m of made) {
        const detail = JSON.parse(await get(`/api/public/decisions/${m.publicationId}`)) as { versions: { version: number }[]; decision: { text: string; facts: string; party: { name: string } } | null };
        assert.ok(detail.decision, 'published');
        assert.equal(detail.decision.party.name, m.party.name, 'the party’s own name is published');
        // Redacted, not emptied: the served decision's text is there, with the masks in it.
        assert.match(detail.decision.text, /行政处罚决定书[\s\S]*违法事实[\s\S]*＊＊＊/u);
        assert.match(detail.decision.facts, /＊＊＊/u);
        for (const v of detail.versions) await get(`/api/public/decisions/${m.publicationId}?version=${v.version}`);
        await get(`/api/public/decisions/${m.publicationId}/proof`);
      }
      await get('/api/public/officers');
      await get(`/api/public/officers?agencyId=${agencyId}`);
      await scanDisclosures();
      await get('/api/public/logs');
      await get(`/api/public/logs/${agencyId}/checkpoints`);

      const hits = [...responses].flatMap(([url, body]) => scanForPersonalData(body, planted).map((h) => ({ url, h })));
      assert.equal(hits.length, 0, hits.map(({ url, h }) => `${url}: ${fmt([h])}`).join('\n'));
      assert.ok(responses.size > N * 3, `${responses.size} responses scanned`);
    });

    /** The before-enforcement pages of each agency (they name staff: nothing of a case may appear). */
    async function scanDisclosures(): Promise<void> {
      const paths = Object.keys(((await server.inject('/api/openapi.json')).json() as { paths: Record<string, unknown> }).paths);
      for (const a of await ctx().db.selectFrom('agencies').select('id').execute()) {
        for (const p of paths.filter((x) => x.startsWith('/api/public/agencies/{id}/') && !x.includes('{itemId}'))) {
          const url = p.replace('{id}', a.id);
          const res = await server.inject({ method: 'GET', url });
          if (res.statusCode === 200) responses.set(url, res.body);
        }
      }
    }

    it('zero hits in the feed outbox (what the city platform receives) and in the public events the 核验 re-hashes', async () => {
      const db = ctx().db;
      const bodies = await db.selectFrom('feed_outbox').select(['subject', 'body']).execute();
      assert.ok(bodies.length >= N, `every publication was queued for the feed (${bodies.length})`);
      const events = await db.selectFrom('events').select(['subject', 'type', 'data']).where('type', 'in', ['publication.published', 'publication.corrected', 'publication.withdrawn']).execute();
      assert.equal(events.filter((e) => e.type === 'publication.published').length, N);
      const hits = [...bodies.map((b) => ({ where: `feed ${b.subject}`, text: b.body })), ...events.map((e) => ({ where: `${e.type} ${e.subject}`, text: e.data }))].flatMap((x) => scanForPersonalData(x.text, planted).map((h) => `${x.where}: ${fmt([h])}`));
      assert.deepEqual(hits, []);
    });

    it('every public GET route of the API is covered by this scan (a new public route must be added here)', async () => {
      const doc = (await server.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
      const publicGets = Object.entries(doc.paths)
        .filter(([p, ops]) => p.startsWith('/api/public/') && 'get' in ops)
        .map(([p]) => p);
      // Routes that cannot carry case data: keys and proofs of the ledger, a card token check.
      const NO_CASE_DATA = new Set(['/api/public/key', '/api/public/logs/{log}/checkpoint', '/api/public/logs/{log}/consistency', '/api/public/officers/verify']);
      const scanned = [...responses.keys()].map((u) => u.split('?')[0]!);
      const covered = (p: string) => {
        const re = new RegExp(`^${p.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
        return scanned.some((u) => re.test(u));
      };
      const missing = publicGets.filter((p) => !NO_CASE_DATA.has(p) && !covered(p) && !p.includes('{itemId}'));
      assert.deepEqual(missing, []);
    });
  },
  clock,
);
