/**
 * The case list's text search (`q`): party name, case number or cause, through a character-bigram
 * index (src/search/chinese.ts) so that a 2-character word (网吧) is found as well as a phrase, and a
 * page walks the index rather than every case (issue 6, "Performance": the list must not slow
 * down as cases accumulate).
 */
import assert from 'node:assert/strict';
import { before, after, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';
import { listCases } from '../../src/modules/cases/cases.service.ts';
import { caseSearchOf } from '../../src/modules/cases/cases.search.ts';
import { principalOf } from '../../src/modules/identity/users.service.ts';
import { forgetTokenStats } from '../../src/search/plan.ts';
import { sql } from 'kysely';

describeEachEngine('case list search (q)', (ctx, engine) => {
  let server: FastifyInstance;
  let head: Session;
  let agencyId: string;

  before(async () => {
    await seedDemo(ctx(), { cases: true });
    server = await buildServer(ctx(), { webDir: null });
    head = await loginAs(server, 'whzf-head');
    agencyId = (await ctx().db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
  });
  after(() => server.close());

  const list = async (query: string) => {
    const res = await server.inject({ url: `/api/cases?agencyId=${agencyId}&${query}`, headers: head });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: { id: string; partyName: string; cause: string; caseNo: string | null }[]; next: string | null };
  };
  const q = (text: string, more = '') => list(`q=${encodeURIComponent(text)}${more}`);

  it('finds a 2-character word anywhere in the cause or the party name (网吧, 演出)', async () => {
    const all = (await list('limit=100')).items;
    for (const word of ['网吧', '演出']) {
      const want = all.filter((c) => c.cause.includes(word) || c.partyName.includes(word)).map((c) => c.id).sort();
      assert.ok(want.length > 0, `the demo has ${word} cases`);
      assert.deepEqual((await q(word, '&limit=100')).items.map((c) => c.id).sort(), want, word);
    }
  });

  it('finds a phrase only where its characters are adjacent, and needs every term', async () => {
    const all = (await list('limit=100')).items;
    const where = (test: (text: string) => boolean) => all.filter((c) => test(`${c.partyName} ${c.cause}`)).map((c) => c.id).sort();
    const ids = async (text: string) => (await q(text, '&limit=100')).items.map((c) => c.id).sort();
    const phrase = await q('接纳未成年人', '&limit=100');
    assert.ok(phrase.items.some((c) => c.partyName === '衡阳市蒸湘区星辰网络会所'), 'the demo 星辰 case is found');
    assert.deepEqual(phrase.items.map((c) => c.id).sort(), where((t) => t.includes('接纳未成年人')));
    assert.deepEqual(await ids('星辰 接纳'), where((t) => t.includes('星辰') && t.includes('接纳')));
    assert.ok((await ids('星辰 接纳')).length < phrase.items.length, 'a second term narrows the hits');
    assert.deepEqual(await ids('星辰 演出'), where((t) => t.includes('星辰') && t.includes('演出')));
    assert.deepEqual((await q('接纳成年人')).items, [], 'not a substring of any cause');
  });

  it('finds a case by its number', async () => {
    const numbered = (await list('limit=100')).items.find((c) => c.caseNo);
    assert.ok(numbered, 'a demo case has a number');
    assert.deepEqual((await q(numbered.caseNo!)).items.map((c) => c.id), [numbered.id]);
  });

  it('pages through the hits newest first with the cursor, combined with the other filters', async () => {
    const all = (await q('网吧', '&limit=100')).items;
    const pages: string[] = [];
    let next: string | null = null;
    do {
      const page = await q('网吧', `&limit=1${next ? `&after=${next}` : ''}`);
      pages.push(...page.items.map((c) => c.id));
      next = page.next;
    } while (next);
    assert.deepEqual(pages, all.map((c) => c.id));
    const mine = (await q('网吧', '&handler=me')).items;
    assert.ok(mine.every((c) => all.some((a) => a.id === c.id)));
  });

  it('a long name mixing rare and common bigrams is found by its rare bigrams and confirmed as a substring of one field: the same hits as the phrase', async () => {
    const user = await ctx().db.selectFrom('users').select('id').where('username', '=', 'whzf-head').executeTakeFirstOrThrow();
    const me = await principalOf(ctx().db, user.id);
    const ids = async (text: string, rareDocs?: number) => (await listCases(ctx(), me, { agencyId, q: text, limit: 100 }, { rareDocs })).items.map((c) => c.id);
    const holding = async (word: string) => (await ctx().db.selectFrom('cases').select('id').where((eb) => eb.or([eb('party_name', 'like', `%${word}%`), eb('cause', 'like', `%${word}%`)])).execute()).length;
    // "Rare" below the number of 网吧 cases: 网吧 is common, the bigrams of 蒸湘区星辰 are rare.
    // (PostgreSQL counts by its statistics of the tokens, kept by (auto)analyze.)
    if (engine === 'postgres') await sql`analyze cases`.execute(ctx().db);
    forgetTokenStats(ctx().db);
    const rareDocs = await holding('网吧');
    for (const w of ['蒸湘', '星辰', '辰网']) assert.ok((await holding(w)) < rareDocs, `${w} is rarer than 网吧 in the demo`);
    for (const text of ['蒸湘区星辰网络会所', '星辰网络', '接纳未成年人', '蒸湘区星辰网吧', '网吧']) {
      assert.deepEqual(await ids(text, rareDocs), await ids(text), text);
    }
    assert.ok((await ids('蒸湘区星辰网络会所', rareDocs)).length > 0, 'the demo 星辰 case is found');
    // Its rare bigrams (蒸湘 … 辰网) find the 星辰网络会所 case; the text refuses it.
    const plan = await caseSearchOf(ctx().db, '蒸湘区星辰网吧', rareDocs);
    if (plan?.engine === 'sqlite') assert.deepEqual(plan.confirm, ['蒸湘区星辰网吧'], 'planned by its rare bigrams');
    assert.deepEqual(await ids('蒸湘区星辰网吧', rareDocs), []);
  });

  it('a name pasted with Kangxi radicals (⽹, ⽂) is found as the characters people type, whichever plan runs', async () => {
    const officer = await loginAs(server, 'whzf-officer1');
    const agency = (await server.inject({ url: `/api/agencies/${agencyId}`, headers: head })).json() as { units: { id: string; name: string }[] };
    const party = { kind: 'organisation', name: '衡阳市石鼓区⽹络⽂化会所', idNumber: null, representative: '赵某', address: null, phone: null, minor: false };
    const res = await server.inject({ method: 'POST', url: '/api/cases', headers: officer, payload: { agencyId, unitId: agency.units[0]!.id, field: '文化市场', source: 'inspection', cause: '接纳未成年人', summary: '检查发现', parties: [party] } });
    assert.equal(res.statusCode, 201, res.body);
    const id = (res.json() as { case: { id: string } }).case.id;
    const user = await ctx().db.selectFrom('users').select('id').where('username', '=', 'whzf-head').executeTakeFirstOrThrow();
    const me = await principalOf(ctx().db, user.id);
    // At 2, the bigrams only this case has (络文, 文化 …) are rare and 会所, 网络 common: the rare plan, confirmed by the text.
    const plan = await caseSearchOf(ctx().db, '石鼓区网络文化会所', 2);
    if (plan?.engine === 'sqlite') assert.deepEqual(plan.confirm, ['石鼓区网络文化会所']);
    for (const rareDocs of [2, 2_000]) {
      const found = (await listCases(ctx(), me, { agencyId, q: '石鼓区网络文化会所' }, { rareDocs })).items.map((c) => c.id);
      assert.deepEqual(found, [id], `rareDocs ${rareDocs}`);
    }
  });

  it('a query of punctuation only searches nothing rather than failing', async () => {
    assert.equal((await q('%_"*')).items.length, (await list('')).items.length);
  });

  it('the index is rebuilt with the projections and answers the same', async () => {
    const before = (await q('网吧', '&limit=100')).items.map((c) => c.id);
    await rebuildProjections(ctx().db, ctx().ledger);
    assert.deepEqual((await q('网吧', '&limit=100')).items.map((c) => c.id), before);
  });
});
