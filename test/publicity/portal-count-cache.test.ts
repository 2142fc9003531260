import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { CompiledQuery } from 'kysely';
import { seedDemo } from '../../src/demo/seed.ts';
import { searchDecisions, type SearchCtx } from '../../src/modules/publicity/portal.service.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { correct, loadAgencies, publish, withdraw } from './portal.fixtures.ts';

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
    const db = ctx().db;
    const counting = {
      executeQuery(q: CompiledQuery) {
        if (q.sql.startsWith('select count(*) as n')) counts++;
        return db.executeQuery(q);
      },
    } as unknown as typeof db;
    search = { db: counting, engine: ctx().engine, clock: ctx().clock };
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

  it('a recount is taken on request (the benchmark times the whole search)', async () => {
    counts = 0;
    await searchDecisions(search, { q: '网吧' }, { recount: true });
    assert.equal(counts, 1);
  });
});
