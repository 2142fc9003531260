import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { CompiledQuery } from 'kysely';
import { seedDemo } from '../../src/demo/seed.ts';
import { buildServer } from '../../src/http/server.ts';
import { GenerationMemo, searchDecisions, type SearchCtx } from '../../src/modules/publicity/portal.service.ts';
import type { DecisionSearchResult } from '../../src/shared/portal.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { watchStatements } from '../harness/statements.ts';
import { agencyIds, correct, loadAgencies, publish, withdraw } from './portal.fixtures.ts';

/**
 * What the portal remembers (portal.service.ts GenerationMemo): answers derived from the public
 * set, kept while its generation stays the same.
 */
describe('公示门户: a remembered answer is kept for its generation only', () => {
  const deferred = () => {
    let resolve!: (v: string) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<string>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };

  /** A memo over a generation the test moves by hand. */
  const memoAt = (max: number) => {
    const at = { generation: 'log:1' };
    return { at, memo: new GenerationMemo<string>(max, async () => at.generation) };
  };

  it('the same key in the same generation is computed once; a new generation computes it again', async () => {
    const { at, memo } = memoAt(10);
    let computed = 0;
    const compute = async () => `answer ${++computed}`;
    assert.equal(await memo.get('q=网吧', compute), 'answer 1');
    assert.equal(await memo.get('q=网吧', compute), 'answer 1');
    at.generation = 'log:2';
    assert.equal(await memo.get('q=网吧', compute), 'answer 2');
    assert.equal(await memo.get('q=网吧', compute, { refresh: true }), 'answer 3', 'refresh computes again');
    assert.equal(computed, 3);
  });

  it('the generation is read before computing: an answer that saw a later change is not kept for it', async () => {
    const { at, memo } = memoAt(10);
    let computed = 0;
    // A publication lands while the first search runs: its answer belongs to the older generation.
    const first = await memo.get('q=网吧', async () => ((at.generation = 'log:2'), `answer ${++computed}`));
    assert.equal(first, 'answer 1');
    assert.equal(await memo.get('q=网吧', async () => `answer ${++computed}`), 'answer 2', 'asked in log:2, searched again');
  });

  it('concurrent askers of one key share one computation', async () => {
    const { memo } = memoAt(10);
    const d = deferred();
    let computed = 0;
    const askers = Array.from({ length: 5 }, () => memo.get('q=演出', () => (computed++, d.promise)));
    d.resolve('page');
    assert.deepEqual(await Promise.all(askers), ['page', 'page', 'page', 'page', 'page']);
    assert.equal(computed, 1);
  });

  it('concurrent askers of a computation that fails all get its error', async () => {
    const { memo } = memoAt(10);
    const d = deferred();
    const askers = Array.from({ length: 3 }, () => memo.get('q=演出', () => d.promise));
    d.reject(new Error('服务器繁忙'));
    for (const a of askers) await assert.rejects(a, /服务器繁忙/);
  });

  it('a failed computation is not remembered: the next asker computes again', async () => {
    const { memo } = memoAt(10);
    const d = deferred();
    const first = memo.get('after=bad', () => d.promise);
    d.reject(new Error('分页游标无效'));
    await assert.rejects(first, /分页游标无效/);
    assert.equal(await memo.get('after=bad', async () => 'page'), 'page');
  });

  it('holds at most `max` answers, dropping the least recently used; max 0 remembers nothing and reads no generation', async () => {
    const { memo } = memoAt(2);
    const computed: string[] = [];
    const ask = (k: string) => memo.get(k, async () => (computed.push(k), k));
    await ask('a');
    await ask('b');
    await ask('a'); // a is now the most recently used
    await ask('c'); // drops b
    await ask('a');
    await ask('b');
    assert.deepEqual(computed, ['a', 'b', 'c', 'b']);

    let reads = 0;
    const none = new GenerationMemo<string>(0, async () => (reads++, 'log:1'));
    let n = 0;
    await none.get('a', async () => String(++n));
    await none.get('a', async () => String(++n));
    assert.equal(n, 2);
    assert.equal(reads, 0);
  });
});

/**
 * The portal's capped hit count is taken once per search and generation of the public set
 * (portal.service.ts cappedCount, migration 0023): paging through a search, or asking it again,
 * does not count the same hits again while nothing changed — and any change to what is public
 * (a publication, a correction, a withdrawal: 《行政处罚法》第四十八条第二款) is counted at once.
 */
describeEachEngine('公示门户: the capped count is remembered until the public set changes', (ctx) => {
  /** The search's statements pass through here, so the test sees when a count is taken. */
  let counts = 0;
  let search: SearchCtx;

  before(async () => {
    await seedDemo(ctx());
    await loadAgencies(ctx());
    search = { db: watchStatements(ctx().db, (q) => (counts += q.sql.startsWith('select count(*) as n') ? 1 : 0)), engine: ctx().engine, clock: ctx().clock };
  });

  const netbar = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({
      agency: 'hy-whzf',
      party: `衡阳市石鼓区云端网吧${from + i + 1}号店`,
      cause: '擅自停止实施经营管理技术措施',
      facts: '经查，当事人擅自停止实施网吧经营管理技术措施。',
      decidedOn: '2026-02-10',
    }));

  it('paging through a search takes one count; a new publication, a correction that drops the word, a withdrawal each take a new one', async () => {
    const published = await publish(ctx(), netbar(30));
    const taken = () => {
      const n = counts;
      counts = 0;
      return n;
    };
    const first = await searchDecisions(search, { q: '网吧' });
    assert.equal(first.count, 30);
    assert.equal(taken(), 1);
    const second = await searchDecisions(search, { q: '网吧', after: first.next! });
    assert.equal(second.count, 30);
    assert.equal(second.items.length, 30 - first.items.length);
    assert.equal((await searchDecisions(search, { q: '网吧' })).count, 30);
    assert.equal(taken(), 0, 'the same generation: no second count');

    await publish(ctx(), netbar(1, 30));
    assert.equal((await searchDecisions(search, { q: '网吧', after: first.next! })).count, 31);
    assert.equal(taken(), 1);

    await correct(ctx(), published[0]!, { party: { ...published[0]!.party, name: '衡阳市石鼓区云端网络会所' }, facts: '经查，当事人擅自停止实施经营管理技术措施。', text: '衡阳市石鼓区云端网络会所 擅自停止实施经营管理技术措施' }, '当事人名称更正');
    assert.equal((await searchDecisions(search, { q: '网吧' })).count, 30);
    assert.equal(taken(), 1);

    await withdraw(ctx(), published[1]!, '该决定已被人民法院判决撤销');
    assert.equal((await searchDecisions(search, { q: '网吧' })).count, 29);
    assert.equal(taken(), 1);
  });

  it('PostgreSQL counts a GIN search from bitmap scans, in its own transaction, and the pooled connection keeps its settings', async () => {
    const sent: string[] = [];
    const engine = ctx().engine;
    await ctx().db.connection().execute(async (conn) => {
      const one = { db: watchStatements(conn, (q) => sent.push(q.sql)), engine, clock: ctx().clock };
      assert.ok((await searchDecisions(one, { q: '网吧' }, { recount: true })).count > 0);
      if (engine === 'postgres') {
        const setting = await conn.executeQuery<{ s: string }>(CompiledQuery.raw("select current_setting('enable_seqscan') as s"));
        assert.equal(setting.rows[0]!.s, 'on', 'the settings ended with the count');
      }
    });
    const count = sent.findIndex((q) => q.startsWith('select count(*) as n'));
    assert.ok(count > 0);
    if (engine === 'postgres') assert.match(sent[count - 1]!, /set_config\('enable_seqscan', 'off', true\)/);
    else assert.ok(!sent.some((q) => q.includes('set_config')), 'SQLite has no such settings');
  });

  it('a recount is taken on request (the benchmark times the whole search)', async () => {
    counts = 0;
    await searchDecisions(search, { q: '网吧' }, { recount: true });
    assert.equal(counts, 1);
  });
});

/**
 * The portal remembers whole result pages per generation of the public set (portal.routes.ts,
 * rememberedPage): what a citizen sees is never older than the last publication, correction or
 * withdrawal (《行政处罚法》第四十八条第二款: a withdrawn decision leaves the portal at once).
 */
describeEachEngine('公示门户: a remembered result page never outlives a change to the public set', (ctx) => {
  let app: FastifyInstance;
  /** The written statements the server sends (the search's, and the generation's read). */
  const sent: string[] = [];

  before(async () => {
    await seedDemo(ctx());
    await loadAgencies(ctx());
    app = await buildServer({ ...ctx(), db: watchStatements(ctx().db, (q) => sent.push(q.sql)) }, { webDir: null });
  });
  after(() => app.close());

  const search = async (q: string, after?: string): Promise<DecisionSearchResult> => {
    const res = await app.inject({ method: 'GET', url: '/api/public/decisions', query: after ? { q, after } : { q } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const parties = (r: DecisionSearchResult) => r.items.map((i) => i.partyName).sort();
  const karaoke = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({
      agency: 'hy-whzf',
      party: `衡阳市雁峰区金嗓子歌厅${from + i + 1}号店`,
      cause: '歌舞娱乐场所播放含有禁止内容的曲目',
      facts: '经查，当事人的歌厅曲库中含有禁止内容的曲目。',
      decidedOn: '2026-03-02',
    }));

  it('the same search answers the same page until a publication, a correction or a withdrawal, each seen by the next search', async () => {
    const published = await publish(ctx(), karaoke(22));
    const first = await search('歌厅');
    assert.equal(first.count, 22);
    sent.length = 0;
    assert.deepEqual(await search('歌厅'), first);
    assert.deepEqual(sent, ['select generation from portal_generation where id = 1'], 'the page is remembered: only the generation is read');
    const second = await search('歌厅', first.next!);
    assert.equal(second.items.length, 22 - first.items.length);

    await publish(ctx(), karaoke(1, 22));
    assert.equal((await search('歌厅')).count, 23);
    assert.equal((await search('歌厅', first.next!)).count, 23);

    await correct(ctx(), published[0]!, { party: { ...published[0]!.party, name: '衡阳市雁峰区金嗓子量贩KTV' }, text: '衡阳市雁峰区金嗓子量贩KTV 歌舞娱乐场所播放含有禁止内容的曲目' }, '当事人名称更正');
    const corrected = await search('歌厅');
    assert.equal(corrected.count, 22);
    assert.ok(!parties(corrected).includes(published[0]!.party.name));

    await withdraw(ctx(), published[1]!, '该决定已被复议机关撤销');
    const withdrawn = await search('歌厅');
    assert.equal(withdrawn.count, 21);
    assert.ok(!parties(withdrawn).includes(published[1]!.party.name));
  });

  it('each filter is its own search: agency, kind and dates are answered apart, and blanks around the words change nothing', async () => {
    const whzf = agencyIds.get('hy-whzf')!.id;
    const inMarch = { q: '歌厅', from: '2026-03-01', to: '2026-03-31' };
    const all = await search('歌厅');
    assert.ok(all.count > 0);
    assert.deepEqual(await search('  歌厅 '), all, 'the words as the search reads them');
    const get = async (query: Record<string, string>) => {
      const res = await app.inject({ method: 'GET', url: '/api/public/decisions', query });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as DecisionSearchResult;
    };
    assert.equal((await get({ q: '歌厅', agencyId: whzf })).count, all.count);
    assert.equal((await get({ q: '歌厅', kind: 'licence' })).count, 0, 'not the page of the same words without the kind');
    assert.equal((await get(inMarch)).count, all.count);
    assert.equal((await get({ ...inMarch, from: '2026-04-01', to: '2026-04-30' })).count, 0, 'not the page of another month');
    const other = [...agencyIds.values()].find((a) => a.id !== whzf)!;
    assert.equal((await get({ q: '歌厅', agencyId: other.id })).count, 0, 'not the page of another agency');
  });

  it('an expired publication (its publication period over, by the policy) leaves the remembered pages at once', async () => {
    const [d] = await publish(ctx(), [{ agency: 'hy-whzf', party: '衡阳市珠晖区夜莺歌厅', cause: '歌舞娱乐场所播放含有禁止内容的曲目', facts: '经查，夜莺歌厅曲库中含有禁止内容的曲目。', decidedOn: '2026-03-05' }]);
    assert.equal((await search('夜莺歌厅')).count, 1);
    assert.equal((await search('夜莺歌厅')).count, 1);
    await ctx().db.transaction().execute(async (trx) => {
      await ctx().ledger.append(trx, { log: d!.agencyId, actor: 'system', type: 'publication.expired', subject: d!.id, data: { id: d!.id, on: '2026-06-05' } });
    });
    assert.equal((await search('夜莺歌厅')).count, 0);
  });

  it('a date range before 2000 reads the published decision date, never a correction draft not yet published', async () => {
    const [d] = await publish(ctx(), [{ agency: 'hy-whzf', party: '衡阳市南岳区古镇歌厅', cause: '歌舞娱乐场所播放含有禁止内容的曲目', facts: '经查，古镇歌厅曲库中含有禁止内容的曲目。', decidedOn: '1999-06-01' }]);
    const in1999 = { q: '古镇歌厅', from: '1999-01-01', to: '1999-12-31' };
    const in1998 = { q: '古镇歌厅', from: '1998-01-01', to: '1998-12-31' };
    const count = async (query: Record<string, string>) => {
      const res = await app.inject({ method: 'GET', url: '/api/public/decisions', query });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as DecisionSearchResult).count;
    };
    assert.equal(await count(in1999), 1);
    // An editor starts a correction and changes the date in the draft; nothing is published yet.
    const row = await ctx().db.selectFrom('publications').select('record').where('id', '=', d!.id).executeTakeFirstOrThrow();
    const fields = (JSON.parse(row.record) as { fields: Record<string, unknown> }).fields;
    await ctx().db.transaction().execute(async (trx) => {
      const by = { id: 'system', name: 'system' };
      await ctx().ledger.append(trx, { log: d!.agencyId, actor: 'system', type: 'publication.correction-started', subject: d!.id, data: { id: d!.id, on: '2026-03-06', by, reason: '决定日期有误' } });
      await ctx().ledger.append(trx, { log: d!.agencyId, actor: 'system', type: 'publication.edited', subject: d!.id, data: { id: d!.id, on: '2026-03-06', by, fields: { ...fields, decidedOn: '1998-03-01' }, redactions: [], note: null } });
    });
    assert.equal(await count(in1999), 1, 'the public version still says 1999');
    assert.equal(await count(in1998), 0, "the draft's date is not public");
  });

  it('a bad cursor is refused each time it is sent, not remembered as an answer', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'GET', url: '/api/public/decisions', query: { q: '歌厅', after: 'LTE' } });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'validation-failed');
    }
  });
});
