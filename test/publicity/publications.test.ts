/**
 * 事后公开 (《行政处罚法》第四十八条; 国办发〔2018〕118号 item 六; rules.md D) on both engines: the
 * draft made in the decision's own transaction with automatic redactions, the four-eyes rule, the
 * published event whose data is exactly the public object, the published text equal to the served
 * decision except for redactions, correction with public history, withdrawal within 3 working days,
 * the 7-working-day deadline across National Day 2026, minors' cases never drafted, and rebuild.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';
import { principalOf } from '../../src/modules/identity/users.service.ts';
import { performAct, registerClue } from '../../src/modules/cases/cases.service.ts';
import { documentSource } from '../../src/modules/documents/documents.service.ts';
import { specText } from '../../src/modules/documents/document.spec.ts';
import { havePoppler, pdfText, POPPLER_MISSING } from '../../src/modules/documents/pdf-tools.testing.ts';
import { applyRedactions } from '../../src/modules/publicity/redaction.ts';
import { expireDuePublications } from '../../src/modules/publicity/publications.service.ts';
import type { Party, Penalty } from '../../src/shared/cases.ts';
import type { PublicationRecord, PublicationView, PublishedDecision } from '../../src/shared/publications.ts';

const clock = new FixedClock('2026-09-21T02:00:00.000Z');

const PERSON: Party = { kind: 'person', name: '欧阳明', idNumber: '430408198805121237', representative: null, address: '衡阳市蒸湘区红湘路 18 号 3 栋 2 单元 501 室', phone: '13973412345', minor: false };
const WITNESS = '罗小军';
const FINE: Penalty = { kinds: ['warning', 'fine'], fineFen: 150_000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' };
const SESSIONS = ['whzf-publicity', 'whzf-publicity2', 'whzf-officer1', 'wtgx-supervisor'];

describeEachEngine(
  'publications (事后公开, Art 48; 118号 item 六): decide → draft → redact → review → publish → correct → withdraw',
  (ctx, engine) => {
    let server: FastifyInstance;
    const s: Record<string, Session> = {};
    let agencyId = '';
    let pubId = '';
    let pubVersion = 0;
    let caseId = '';

    const day = async (d: string) => {
      clock.set(`${d}T02:00:00.000Z`);
      for (const u of SESSIONS) s[u] = await loginAs(server, u);
    };
    const events = async () => Number((await ctx().db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('type', 'not like', 'security.%').executeTakeFirstOrThrow()).n);
    const send = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, ifMatch?: number) =>
      server.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }), headers: { ...s[who]!, ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }) } });
    const ok = async <T = PublicationView>(res: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
      const r = await res;
      assert.equal(r.statusCode, status, r.body);
      return r.json() as T;
    };
    const pub = async (who: string, method: 'POST' | 'PATCH', path: string, payload?: unknown) => {
      const v = await ok(send(who, method, `/api/publications/${pubId}${path}`, payload, pubVersion));
      pubVersion = v.publication.version;
      return v;
    };
    const refused = async (run: () => Promise<LightMyRequestResponse>, status: number, code: string) => {
      const n = await events();
      const res = await run();
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.json().code, code, res.body);
      assert.equal(await events(), n, 'a refusal appends nothing');
    };
    const lastEvent = async () => ctx().db.selectFrom('events').select(['type', 'data', 'seq', 'log_id', 'subject']).where('type', 'like', 'publication.%').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

    /** Walks a case of 执法一科 to 决定 on `decideOn` (clue a week before), with a questioned third person. */
    const decidedCase = async (party: Party, decideOn: string, facts: string, investigation: Record<string, unknown> = {}): Promise<string> => {
      const app = ctx();
      const uid = async (u: string) => (await app.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
      const officer = await principalOf(app.db, await uid('whzf-officer1'));
      const head = await principalOf(app.db, await uid('whzf-head'));
      const team = (await app.db.selectFrom('officers').select(['id', 'name']).where('agency_id', '=', agencyId).where('name', 'in', ['刘建国', '张晓明']).execute()).map((o) => o.id);
      const start = new Date(`${decideOn}T02:00:00.000Z`);
      start.setUTCDate(start.getUTCDate() - 7);
      clock.set(start.toISOString());
      let v = await registerClue(app, officer, { agencyId, unitId: null, field: '文化市场', source: 'complaint', cause: '互联网上网服务营业场所接纳未成年人', summary: facts, parties: [party] });
      const act = async (p: typeof officer, a: string, input: Record<string, unknown>) => {
        v = await performAct(app, p, v.case.id, v.case.version, a as never, input as never);
      };
      await act(head, 'file', { handlerIds: team, benchmark: null });
      await act(officer, 'record-inspection', { officerIds: team, place: '蒸湘区某网吧', content: `检查发现：${facts}`, evidence: [{ kind: '现场笔录', description: '现场检查笔录' }] });
      await act(officer, 'record-questioning', { officerIds: team, person: `${WITNESS}（网吧收银员，电话 13807345678）`, content: '问：当晚是否核验身份证件？答：没有。', evidence: [{ kind: '证人证言', description: '询问笔录' }] });
      await act(head, 'close-investigation', { outcome: 'penalise', findings: facts, proposedPenalty: FINE, ...investigation });
      await act(officer, 'notify', { servedOn: start.toISOString().slice(0, 10), proposedPenalty: FINE, facts, reasons: '违反《互联网上网服务营业场所管理条例》第二十一条', basis: '《互联网上网服务营业场所管理条例》第三十一条' });
      await act(officer, 'record-statement', { text: '放弃陈述申辩', adopted: false, review: '无新的事实和理由', waived: true });
      clock.set(`${decideOn}T02:00:00.000Z`);
      await act(head, 'decide', { penalty: FINE, basis: '《互联网上网服务营业场所管理条例》第三十一条' });
      return v.case.id;
    };

    /** One more act on a case, by a demo user, on the clock's day. */
    const caseAct = async (username: string, id: string, a: string, input: Record<string, unknown>) => {
      const app = ctx();
      const user = await app.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      const { version } = await app.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      return performAct(app, await principalOf(app.db, user.id), id, Number(version), a as never, input as never);
    };

    before(async () => {
      const app = ctx();
      await seedDemo(app);
      server = await buildServer(app, { webDir: null });
      agencyId = (await app.db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
    });

    it('118号 item 六: the decision makes the draft in its own transaction, with automatic redactions, due 7 working days on (across National Day 2026)', async (t) => {
      const facts = `经查，当事人${PERSON.name}（身份证号 ${PERSON.idNumber}，住${PERSON.address}，电话 ${PERSON.phone}）经营的网吧于 2026 年 9 月 12 日接纳未成年人上网，收银员${WITNESS}未核验身份证件。`;
      caseId = await decidedCase(PERSON, '2026-09-29', facts);
      const decide = await ctx().db.selectFrom('events').select(['seq', 'log_id', 'data']).where('subject', '=', caseId).where('type', '=', 'case.decide').executeTakeFirstOrThrow();
      const drafted = await ctx().db.selectFrom('events').select(['seq', 'subject', 'data']).where('type', '=', 'publication.drafted').where('log_id', '=', decide.log_id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      // The decision's documents come first in the same transaction; nothing else in between.
      assert.ok(Number(drafted.seq) > Number(decide.seq));
      const between = await ctx().db.selectFrom('events').select('type').where('log_id', '=', decide.log_id).where('seq', '>', decide.seq).where('seq', '<', drafted.seq).execute();
      assert.deepEqual(between, []);
      pubId = drafted.subject!;
      await day('2026-09-29');
      const v = await ok(send('whzf-publicity', 'GET', `/api/publications/${pubId}`));
      pubVersion = v.publication.version;
      const r = v.publication;
      assert.equal(r.status, 'draft');
      assert.equal(r.caseId, caseId);
      // 2026-09-29 (Tue) + 7 WD: 9-30; National Day 10-1…10-7 off; 10-8, 10-9, 10-10 (调休 Saturday), 10-12, 10-13, 10-14.
      assert.equal(r.publishDueOn, '2026-10-14');
      const documentId = (JSON.parse(decide.data) as { documentId: string }).documentId;
      assert.equal(r.sourceText, specText((await documentSource(ctx().db, documentId)).spec), 'the source is the issued 决定书');
      if (havePoppler()) {
        // …as printed: every line of the source, list markers included, in the served PDF's text, in order.
        const pdf = await server.inject({ url: `/api/documents/${documentId}/pdf`, headers: s['whzf-publicity']! });
        const printed = pdfText(pdf.rawPayload).replace(/\s+/g, '').replace(/第\d+页共\d+页/g, '');
        let at = 0;
        for (const line of r.sourceText.split('\n').map((l) => l.replace(/\s+/g, '')).filter(Boolean)) {
          const found = printed.indexOf(line, at);
          assert.ok(found >= 0, `printed in the served 决定书: ${line}`);
          at = found + line.length;
        }
      } else t.diagnostic(POPPLER_MISSING);
      const kinds = new Set(r.redactions.map((x) => x.kind));
      for (const k of ['id-number', 'phone', 'third-person-name'] as const) assert.ok(kinds.has(k), `auto redaction of ${k}: ${JSON.stringify(r.redactions)}`);
      assert.ok(r.redactions.every((x) => x.by === 'auto' && x.reason.length > 0));
      const shown = JSON.stringify(v.preview);
      for (const secret of [PERSON.idNumber!, PERSON.phone!, WITNESS]) assert.ok(!shown.includes(secret), `preview leaks ${secret}`);
      assert.ok(shown.includes(PERSON.name), 'the party (a natural person) is named');
      assert.equal(v.preview.party.creditCode, null);
      assert.ok(!JSON.stringify(v).includes('"redactionFacts"'), 'the console never receives the redaction facts');
    });

    it('a minor party\'s case is never drafted (《未成年人保护法》; rules.md D)', async () => {
      const before = await ctx().db.selectFrom('publications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const minorCase = await decidedCase({ ...PERSON, name: '小明', idNumber: '430408201105121230', minor: true }, '2026-09-30', '未成年人小明在网吧内上网。');
      assert.equal((await ctx().db.selectFrom('publications').select('id').where('case_id', '=', minorCase).execute()).length, 0);
      const after = await ctx().db.selectFrom('publications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
    });

    it('editors add a manual redaction with a reason, submit; the drafter cannot approve (four-eyes, own error code)', async () => {
      await day('2026-10-08');
      const v0 = await ok(send('whzf-publicity', 'GET', `/api/publications/${pubId}`));
      const text = v0.publication.sourceText;
      const at = text.indexOf('收银员');
      assert.ok(at >= 0);
      await refused(() => send('whzf-publicity', 'POST', `/api/publications/${pubId}/redactions`, { start: at, end: at + 2, reason: '   ' }, pubVersion), 400, 'validation-failed');
      const v1 = await pub('whzf-publicity', 'POST', '/redactions', { start: at, end: at + 3, reason: '可识别证人身份的岗位' });
      assert.ok(v1.publication.redactions.some((x) => x.by === 'editor' && x.kind === 'manual' && x.start <= at && x.end >= at + 3));
      // Taking back an automatic redaction needs a reason, which is kept for the approver; a span the
      // client calls "auto" is the editor's all the same.
      const auto = v1.publication.redactions.find((x) => x.by === 'auto' && x.kind === 'phone')!;
      const others = v1.publication.redactions.filter((x) => x !== auto);
      await refused(() => send('whzf-publicity', 'PATCH', `/api/publications/${pubId}`, { redactions: others }, pubVersion), 400, 'publication-redaction-invalid');
      const v1b = await pub('whzf-publicity', 'PATCH', '', { redactions: others, note: '经核对为执法机关办公电话' });
      assert.deepEqual(v1b.publication.removedAuto?.map((x) => [x.start, x.reason]), [[auto.start, '经核对为执法机关办公电话']]);
      const v1c = await pub('whzf-publicity', 'PATCH', '', { redactions: [...others, { ...auto, by: 'auto', reason: '恢复' }] });
      assert.equal(v1c.publication.redactions.find((x) => x.start === auto.start)?.by, 'editor');
      await refused(() => send('whzf-officer1', 'POST', `/api/publications/${pubId}/submit`, undefined, pubVersion), 403, 'forbidden');
      await pub('whzf-publicity', 'POST', '/submit');
      const v2 = await ok(send('whzf-publicity', 'GET', `/api/publications/${pubId}`));
      assert.equal(v2.publication.status, 'in-review');
      assert.ok(!v2.allowed.includes('approve'));
      await refused(() => send('whzf-publicity', 'POST', `/api/publications/${pubId}/approve`, undefined, pubVersion), 403, 'publication-drafter-cannot-approve');
    });

    it('publish: publication.published carries exactly the public object; the text equals the served decision except for redactions; indexed for search', async () => {
      const v = await pub('whzf-publicity2', 'POST', '/approve');
      const r = v.publication;
      assert.equal(r.status, 'published');
      const e = await lastEvent();
      assert.equal(e.type, 'publication.published');
      assert.equal(e.subject, pubId);
      const data = JSON.parse(e.data) as PublishedDecision;
      assert.deepEqual(data, r.current);
      assert.deepEqual(v.preview, r.current);
      assert.equal(e.data, canonicalize(r.current), 'the event data is the canonical public object, byte for byte');
      assert.equal(data.publishedOn, '2026-10-08');
      assert.equal(data.version, 1);
      assert.deepEqual(data.corrections, []);
      assert.equal(data.publicUntil, '2027-01-07', 'a warning with a low fine: 3 months');
      // Text = served decision with exactly the redacted spans masked.
      assert.equal(data.text, applyRedactions(r.sourceText, r.redactions));
      let cursor = 0;
      for (const span of [...r.redactions, { start: r.sourceText.length, end: r.sourceText.length }]) {
        const kept = r.sourceText.slice(cursor, span.start);
        assert.ok(data.text.includes(kept), `unredacted text kept verbatim: ${kept}`);
        cursor = span.end;
      }
      const all = JSON.stringify(data);
      for (const secret of [PERSON.idNumber!, PERSON.phone!, WITNESS, '13807345678']) assert.ok(!all.includes(secret), `published object leaks ${secret}`);
      const row = await ctx().db.selectFrom('publications').select(['public_state', 'public_json', 'search_key']).where('id', '=', pubId).executeTakeFirstOrThrow();
      assert.equal(row.public_state, 'public');
      assert.equal(row.public_json, e.data);
      const key = Number(row.search_key);
      assert.ok(key >= 1);
      const found =
        engine === 'sqlite'
          ? (await sql<{ key: number }>`select -rowid as key from publication_search where tokens match ${'"网吧"'}`.execute(ctx().db)).rows.map((x) => Number(x.key))
          : (await sql<{ search_key: number }>`select search_key from publications where search_tokens @> ${['网吧']}::text[]`.execute(ctx().db)).rows.map((x) => Number(x.search_key));
      assert.ok(found.includes(key), 'found by a 2-character word');
      assert.ok(!data.text.includes('收银员') && !data.facts.includes('收银员'), 'a manual redaction masks the text and every field repeating it');
      const versions = await ctx().db.selectFrom('publication_versions').selectAll().where('publication_id', '=', pubId).execute();
      assert.equal(versions.length, 1);
      assert.equal(versions[0]!.data, e.data);
      const feed = await ctx().db.selectFrom('feed_outbox').select(['kind', 'subject']).where('subject', '=', pubId).execute();
      assert.deepEqual(feed.map((f) => f.kind), ['publication.published']);
    });

    it('correction: a new version with a visible reason; the old version stays in public history', async () => {
      await day('2026-10-09');
      await pub('whzf-publicity', 'POST', '/correct', { reason: '更正违法行为类型的表述' });
      const before = await ctx().db.selectFrom('publications').select(['public_json', 'public_state']).where('id', '=', pubId).executeTakeFirstOrThrow();
      assert.equal(before.public_state, 'public', 'the published version stays online while the correction is prepared');
      // What the decision itself states (文号, 依据, 处罚) is published as served: not editable here.
      await refused(() => send('whzf-publicity', 'PATCH', `/api/publications/${pubId}`, { fields: { basis: '《互联网上网服务营业场所管理条例》第三十一条第（二）项' } }, pubVersion), 400, 'publication-field-locked');
      await pub('whzf-publicity', 'PATCH', '', { fields: { cause: '互联网上网服务营业场所经营单位接纳未成年人进入营业场所' } });
      await pub('whzf-publicity', 'POST', '/submit');
      const v = await pub('whzf-publicity2', 'POST', '/approve');
      const cur = v.publication.current!;
      assert.equal(cur.version, 2);
      assert.equal(cur.cause, '互联网上网服务营业场所经营单位接纳未成年人进入营业场所');
      assert.deepEqual(cur.corrections, [{ version: 2, on: '2026-10-09', reason: '更正违法行为类型的表述' }]);
      const e = await lastEvent();
      assert.equal(e.type, 'publication.corrected');
      assert.equal(e.data, canonicalize(cur));
      assert.deepEqual(v.versions.map((x) => [x.version, x.type, x.reason]), [
        [1, 'publication.published', null],
        [2, 'publication.corrected', '更正违法行为类型的表述'],
      ]);
      const old = await ctx().db.selectFrom('publication_versions').select('data').where('publication_id', '=', pubId).where('version', '=', 1).executeTakeFirstOrThrow();
      assert.equal(old.data, before.public_json, 'version 1 kept byte for byte');
    });

    it('《行政处罚法》第四十八条第二款: a revoked decision is withdrawn within 3 working days with a public reason; overdue flagged to the agency and the supervisor', async () => {
      await pub('whzf-publicity', 'POST', '/withdrawal-required', { on: '2026-10-09', reason: '行政复议决定撤销原处罚决定' });
      const v = await ok(send('whzf-publicity', 'GET', `/api/publications/${pubId}`));
      // 10-09 (Fri) + 3 WD: 10-10 (调休 Saturday), 10-12, 10-13.
      assert.equal(v.publication.withdrawalRequired?.dueOn, '2026-10-13');
      await day('2026-10-14');
      for (const who of ['whzf-publicity', 'wtgx-supervisor']) {
        const list = await ok<{ id: string; overdue: boolean; timeliness: string }[]>(send(who, 'GET', '/api/publications?filter=overdue'));
        const item = list.find((x) => x.id === pubId);
        assert.ok(item, `${who} sees the overdue withdrawal`);
        assert.equal(item.timeliness, 'withdrawal-overdue');
      }
      await refused(() => send('wtgx-supervisor', 'POST', `/api/publications/${pubId}/withdraw`, { reason: 'x' }, pubVersion), 403, 'forbidden');
      const w = await pub('whzf-publicity2', 'POST', '/withdraw', { reason: '原处罚决定已被行政复议机关撤销' });
      assert.equal(w.publication.status, 'withdrawn');
      const e = await lastEvent();
      assert.equal(e.type, 'publication.withdrawn');
      assert.deepEqual(JSON.parse(e.data), { id: pubId, number: w.publication.current!.number, agencyId, agencyName: w.publication.agencyName, withdrawnOn: '2026-10-14', reason: '原处罚决定已被行政复议机关撤销' });
      const row = await ctx().db.selectFrom('publications').select(['public_state', 'search_key']).where('id', '=', pubId).executeTakeFirstOrThrow();
      assert.equal(row.public_state, 'withdrawn');
      const still =
        engine === 'sqlite'
          ? (await sql<{ key: number }>`select -rowid as key from publication_search where tokens match ${'"网吧"'}`.execute(ctx().db)).rows.map((x) => Number(x.key))
          : (await sql<{ search_key: number }>`select search_key from publications where search_tokens @> ${['网吧']}::text[]`.execute(ctx().db)).rows.map((x) => Number(x.search_key));
      assert.ok(!still.includes(Number(row.search_key)), 'a withdrawn item leaves the search index');
      const list = await ok<{ id: string }[]>(send('whzf-publicity', 'GET', '/api/publications?filter=overdue'));
      assert.ok(!list.some((x) => x.id === pubId));
    });

    it('118号 item 六: a draft past 7 working days is flagged overdue in the list', async () => {
      const other = await decidedCase({ ...PERSON, name: '刘某某', idNumber: '430408199002031232' }, '2026-10-15', '网吧接纳未成年人上网。');
      const id = (await ctx().db.selectFrom('publications').select('id').where('case_id', '=', other).executeTakeFirstOrThrow()).id;
      await day('2026-10-26');
      let list = await ok<{ id: string; publishDueOn: string; timeliness: string }[]>(send('wtgx-supervisor', 'GET', '/api/publications?filter=overdue'));
      assert.ok(!list.some((x) => x.id === id), 'due 2026-10-26: not yet overdue');
      await day('2026-10-27');
      list = await ok(send('wtgx-supervisor', 'GET', '/api/publications?filter=overdue'));
      const item = list.find((x) => x.id === id);
      assert.equal(item?.publishDueOn, '2026-10-26');
      assert.equal(item?.timeliness, 'overdue');
    });

    it('a case whose core facts are secret (marked at 调查终结) is never drafted (rules.md D; 118号 item 二)', async () => {
      const secretCase = await decidedCase({ ...PERSON, name: '赵某某', idNumber: '430408199103041238' }, '2026-10-28', '网吧接纳未成年人上网。', { secret: true });
      assert.equal((await ctx().db.selectFrom('publications').select('id').where('case_id', '=', secretCase).execute()).length, 0);
      const filed = await ctx().db.selectFrom('cases').select('record').where('id', '=', secretCase).executeTakeFirstOrThrow();
      assert.equal(JSON.parse(filed.record).secret, true);
    });

    it('《行政处罚法》第四十八条第二款: a 复议 that revokes the decision requires its withdrawal within 3 working days, without waiting for an editor', async () => {
      const revoked = await decidedCase({ ...PERSON, name: '钱某某', idNumber: '430408199204051233' }, '2026-10-29', '网吧接纳未成年人上网。');
      const id = (await ctx().db.selectFrom('publications').select('id').where('case_id', '=', revoked).executeTakeFirstOrThrow()).id;
      const team = (await ctx().db.selectFrom('officers').select('id').where('agency_id', '=', agencyId).where('name', 'in', ['刘建国', '张晓明']).execute()).map((o) => o.id);
      await caseAct('whzf-officer1', revoked, 'serve', { method: 'direct', recipient: '钱某某', officerIds: team });
      clock.set('2026-11-06T02:00:00.000Z');
      // Ended without an outcome, or an outcome without an end: refused, nothing recorded.
      const n = await events();
      await assert.rejects(caseAct('whzf-officer1', revoked, 'record-remedy', { kind: 'reconsideration', from: '2026-10-30', to: '2026-11-06' }), { code: 'validation-failed' });
      await assert.rejects(caseAct('whzf-officer1', revoked, 'record-remedy', { kind: 'reconsideration', from: '2026-10-30', outcome: 'revoked' }), { code: 'validation-failed' });
      assert.equal(await events(), n);
      // An upheld decision stays public.
      await caseAct('whzf-officer1', revoked, 'record-remedy', { kind: 'litigation', from: '2026-10-30', to: '2026-11-05', outcome: 'upheld' });
      await day('2026-11-06');
      let v = await ok(send('whzf-publicity', 'GET', `/api/publications/${id}`));
      assert.equal(v.publication.withdrawalRequired, null);
      await caseAct('whzf-officer1', revoked, 'record-remedy', { kind: 'reconsideration', from: '2026-10-30', to: '2026-11-06', outcome: 'revoked' });
      v = await ok(send('whzf-publicity', 'GET', `/api/publications/${id}`));
      // 11-06 (Fri) + 3 WD: 11-09, 11-10, 11-11.
      assert.deepEqual({ ...v.publication.withdrawalRequired, by: undefined }, { on: '2026-11-06', by: undefined, reason: '行政复议结果：原处罚决定撤销', dueOn: '2026-11-11' });
      const list = await ok<{ id: string; withdrawDueOn: string | null }[]>(send('whzf-publicity', 'GET', '/api/publications?filter=all'));
      assert.equal(list.find((x) => x.id === id)?.withdrawDueOn, '2026-11-11');
      // The draft of a revoked decision is never published: it can only be ended, and nothing goes to the feed.
      await refused(() => send('whzf-publicity', 'POST', `/api/publications/${id}/submit`, undefined, v.publication.version), 409, 'publication-withdrawal-required');
      const feedBefore = Number((await ctx().db.selectFrom('feed_outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const ended = await ok(send('whzf-publicity2', 'POST', `/api/publications/${id}/withdraw`, { reason: '原处罚决定已被行政复议机关撤销' }, v.publication.version));
      assert.equal(ended.publication.status, 'withdrawn');
      assert.equal(ended.overdue, false);
      assert.equal(Number((await ctx().db.selectFrom('feed_outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), feedBefore);
    });

    it('公示截止期: a publication leaves the portal the day after its period ends, by the system (once)', async () => {
      const ended = await decidedCase({ ...PERSON, name: '孙某某', idNumber: '430408199305061239' }, '2026-11-09', '网吧接纳未成年人上网。');
      const withdrawnId = pubId;
      pubId = (await ctx().db.selectFrom('publications').select('id').where('case_id', '=', ended).executeTakeFirstOrThrow()).id;
      await day('2026-11-09');
      pubVersion = (await ok(send('whzf-publicity', 'GET', `/api/publications/${pubId}`))).publication.version;
      await pub('whzf-publicity', 'POST', '/submit');
      const published = await pub('whzf-publicity2', 'POST', '/approve');
      const until = published.publication.publicUntil!;
      const portal = async () => (await ok<{ items: { id: string }[] }>(server.inject({ url: `/api/public/decisions?q=${encodeURIComponent('孙某某')}` }))).items.map((x) => x.id);
      assert.ok((await portal()).includes(pubId));
      const total = async () => (await ok<{ total: number }>(server.inject({ url: '/api/public/statistics' }))).total;
      const before = await total();
      clock.set(`${until}T02:00:00.000Z`);
      assert.equal(await expireDuePublications(ctx()), 0, 'still public on its last day');
      const next = new Date(`${until}T02:00:00.000Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      clock.set(next.toISOString());
      assert.equal(await expireDuePublications(ctx()), 1);
      assert.equal(await expireDuePublications(ctx()), 0, 'idempotent');
      const e = await lastEvent();
      assert.equal(e.type, 'publication.expired');
      assert.deepEqual(JSON.parse(e.data), { id: pubId, on: next.toISOString().slice(0, 10) });
      assert.ok(!(await portal()).includes(pubId), 'no longer found in the portal');
      assert.equal(await total(), before - 1, 'nor counted in the statistics of what is public');
      pubId = withdrawnId;
    });

    it('a rebuild replays the publication events into the same rows and the same search index', async () => {
      const app = ctx();
      const snap = async () => ({
        pubs: await app.db.selectFrom('publications').selectAll().orderBy('id').execute(),
        versions: await app.db.selectFrom('publication_versions').selectAll().orderBy('publication_id').orderBy('version').execute(),
        counts: await app.db.selectFrom('publication_counts').selectAll().orderBy('agency_id').orderBy('month').execute(),
      });
      const before = await snap();
      await rebuildProjections(app.db, app.ledger);
      const after = await snap();
      const norm = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));
      assert.deepEqual(norm(after), norm(before));
      const rec = JSON.parse(after.pubs.find((p) => p.id === pubId)!.record) as PublicationRecord;
      assert.equal(rec.status, 'withdrawn');
    });
  },
  () => clock,
);
