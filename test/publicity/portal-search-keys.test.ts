import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../harness/engines.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { searchBase, searchDecisions } from '../../src/modules/publicity/portal.service.ts';
import { keyOnDay } from '../../src/modules/publicity/search-key.ts';
import { searchText } from '../../src/search/chinese.ts';
import { forgetTokenStats } from '../../src/search/plan.ts';
import { portalSearchByDecisionDate } from '../../src/store/migrations/0018_portal_search_by_decision_date.ts';
import { portalListItems } from '../../src/store/migrations/0019_portal_list_items.ts';
import type { DecisionSearchQuery } from '../../src/shared/portal.ts';
import type { PublishedDecision } from '../../src/shared/publications.ts';
import { correct, loadAgencies, publish, withdraw } from './portal.fixtures.ts';

/**
 * The portal walks `search_key`, which follows the decision date (src/modules/publicity/search-key.ts),
 * so a decision-date range is a key range (issue 8 "Performance"). These specify what keeps that
 * true: a correction that moves the decision date moves the key (and its list row), and the
 * migrations re-key publications made before (keyed in publish order) and give them list rows.
 */
describeEachEngine('公示门户 search key by decision date', (ctx, engine) => {
  let jan: PublishedDecision;
  let feb: PublishedDecision;
  let dec: PublishedDecision;
  let gone: PublishedDecision;

  const ids = async (q: DecisionSearchQuery) => (await searchDecisions(ctx(), q)).items.map((i) => i.id);

  before(async () => {
    await seedDemo(ctx());
    await loadAgencies(ctx());
    // Published in this order; decided in another.
    [jan, feb, dec, gone] = await publish(ctx(), [
      { agency: 'hy-whzf', party: '衡阳市石鼓区晨星网吧', cause: '接纳未成年人进入营业场所', facts: '经查，当事人接纳未成年人上网。', decidedOn: '2026-01-20' },
      { agency: 'hy-whzf', party: '衡阳市蒸湘区飞扬网吧', cause: '接纳未成年人进入营业场所', facts: '经查，当事人接纳未成年人上网。', decidedOn: '2026-02-05' },
      { agency: 'hy-whzf', party: '衡阳市雁峰区远航网吧', cause: '接纳未成年人进入营业场所', facts: '经查，当事人接纳未成年人上网。', decidedOn: '2025-12-30' },
      { agency: 'hy-whzf', party: '衡阳市珠晖区畅想网吧', cause: '接纳未成年人进入营业场所', facts: '经查，当事人接纳未成年人上网。', decidedOn: '2026-01-25' },
    ]) as [PublishedDecision, PublishedDecision, PublishedDecision, PublishedDecision];
    await withdraw(ctx(), gone, '该决定已被撤销');
  });

  it('newest decision first, with and without a keyword; a date range is exactly its decisions', async () => {
    assert.deepEqual(await ids({ q: '网吧' }), [feb.id, jan.id, dec.id]);
    assert.deepEqual(await ids({}), [feb.id, jan.id, dec.id], 'the withdrawn decision is not listed');
    assert.deepEqual(await ids({ q: '网吧', from: '2026-01-01', to: '2026-01-31' }), [jan.id]);
    assert.deepEqual(await ids({ from: '2026-01-20', to: '2026-02-05' }), [feb.id, jan.id]);
    assert.deepEqual(await ids({ q: '网吧', to: '2025-12-31' }), [dec.id]);
    assert.deepEqual(await ids({ q: '网吧', from: '2026-02-06' }), []);
    assert.deepEqual(await ids({ from: '2026-02-01', to: '2026-01-01' }), []);
  });

  it('a correction that moves the decision date moves the decision to its new place in the search', async () => {
    const moved = await correct(ctx(), jan, { decidedOn: '2026-02-10', fineFen: 300_000 }, '决定日期笔误更正');
    const row = await ctx().db.selectFrom('publications').select('search_key').where('id', '=', moved.id).executeTakeFirstOrThrow();
    assert.ok(keyOnDay(Number(row.search_key), '2026-02-10'));
    assert.deepEqual(await ids({ q: '网吧', from: '2026-01-01', to: '2026-01-31' }), []);
    assert.deepEqual(await ids({ from: '2026-02-01', to: '2026-02-28' }), [jan.id, feb.id]);
    assert.deepEqual(await ids({ q: '网吧' }), [jan.id, feb.id, dec.id], 'found once, at its new date');
    const listed = (await searchDecisions(ctx(), { q: '晨星网吧' })).items;
    assert.deepEqual(listed.map((i) => [i.version, i.fineFen, i.decidedOn]), [[2, 300_000, '2026-02-10']], 'the list shows the corrected version');
    jan = moved;
  });

  it('a long name with rare and common bigrams is found by its rare bigrams and confirmed as a substring: the same hits as the phrase', async () => {
    // Holds every bigram of 石鼓区晨星网吧 but not the name: found by the rare bigrams, refused by the text.
    const [decoy] = await publish(ctx(), [
      { agency: 'hy-whzf', party: '衡阳市石鼓区晨星网络会所', cause: '接纳未成年人进入营业场所', facts: '经查，当事人在网吧旁经营，接纳未成年人。', decidedOn: '2026-02-12' },
    ]);
    // PostgreSQL plans by its statistics of the tokens (pg_stats): as autovacuum would keep them.
    if (engine === 'postgres') await sql`analyze publications`.execute(ctx().db);
    forgetTokenStats(ctx().db);
    const q = { q: '石鼓区晨星网吧' };
    // 网吧 is in four decisions: "common" at a threshold of 3; 石鼓, 鼓区, 区晨 … are rare.
    const rarePlan = await searchDecisions(ctx(), q, { rareDocs: 3 });
    const phrasePlan = await searchDecisions(ctx(), q);
    assert.deepEqual(rarePlan.items.map((i) => i.id), [jan.id]);
    assert.deepEqual(rarePlan, phrasePlan);
    assert.equal((await searchDecisions(ctx(), { q: '石鼓区晨星网络' }, { rareDocs: 3 })).items[0]?.id, decoy!.id);
    // PostgreSQL asks its GIN index for the rare tokens only: a common 2-character word left out
    // of the containment is then checked by its text.
    const two = { q: '网吧 晨星' };
    assert.deepEqual(await searchDecisions(ctx(), two, { rareDocs: 3 }), await searchDecisions(ctx(), two));
    const walk = (await searchBase(ctx(), two, { rareDocs: 3 }))!;
    if (engine === 'postgres') {
      assert.ok(walk.params.some((p) => JSON.stringify(p) === '["晨星"]'), `the GIN index is asked for the rare token only: ${JSON.stringify(walk.params)}`);
      assert.ok(walk.params.includes('%网吧%'), 'the common word checked in the text');
    }
  });

  it('the migrations re-key publications keyed in publish order (rebuilding the SQLite index) and give them list rows, without changing what is found', async () => {
    const queries: DecisionSearchQuery[] = [{ q: '网吧' }, {}, { q: '接纳未成年人', from: '2026-01-01' }, { to: '2025-12-31' }, { agencyId: jan.agencyId, from: '2026-02-01' }];
    const expected = await Promise.all(queries.map(ids));
    // The state before: keys 1, 2, 3 … in publish order; FTS5 rowid = the key.
    const rows = await ctx().db.selectFrom('publications').select(['id', 'public_state', 'public_json']).where('search_key', 'is not', null).orderBy('created_at').orderBy('id').execute();
    await sql`update publications set search_key = -search_key where search_key is not null`.execute(ctx().db);
    if (engine === 'sqlite') await sql`delete from publication_search`.execute(ctx().db);
    for (const [i, r] of rows.entries()) {
      await sql`update publications set search_key = ${i + 1} where id = ${r.id}`.execute(ctx().db);
      if (engine === 'sqlite' && r.public_state === 'public') {
        const d = JSON.parse(r.public_json!) as PublishedDecision;
        await sql`insert into publication_search (rowid, tokens) values (${i + 1}, ${searchText(d.number, d.agencyName, d.party.name, d.cause, d.text)})`.execute(ctx().db);
      }
    }

    await ctx().db.transaction().execute((trx) => portalSearchByDecisionDate.up(trx, engine));

    const after = await ctx().db.selectFrom('publications').select(['search_key', 'public_json']).where('search_key', 'is not', null).execute();
    for (const r of after) assert.ok(keyOnDay(Number(r.search_key), (JSON.parse(r.public_json!) as PublishedDecision).decidedOn));
    // The list rows, as the next migration makes them for the re-keyed publications.
    await ctx().db.schema.dropTable('publication_items').execute();
    await ctx().db.transaction().execute((trx) => portalListItems.up(trx, engine));
    assert.deepEqual(await Promise.all(queries.map(ids)), expected);
    const items = await ctx().db.selectFrom('publication_items').select('item').execute();
    assert.equal(items.length, 4, 'one list row per public decision (the withdrawn one has none)');
  });
});
