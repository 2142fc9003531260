import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { seedDemo } from '../../src/demo/seed.ts';
import { searchDecisions, type SearchTuning } from '../../src/modules/publicity/portal.service.ts';
import type { DecisionSearchQuery, DecisionSearchResult } from '../../src/shared/portal.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { watchStatements } from '../harness/statements.ts';
import { agencyIds, loadAgencies, publish } from './portal.fixtures.ts';

/**
 * On PostgreSQL a search whose tokens are all common first tests the newest rows of its filters
 * (portal.service.ts DENSE_SHARE, DENSE_WINDOW) and takes the rest from the GIN index below them.
 * Forced here with a window of 5 rows, so that pages cross the window's edge: every page, every
 * cursor and every count equals the GIN plan's alone. (SQLite walks its FTS5 index in key order
 * and has no such plan: both tunings give its one answer.)
 */
describeEachEngine('公示门户: the dense walk finds the same pages as the GIN index', (ctx, engine) => {
  before(async () => {
    await seedDemo(ctx());
    await loadAgencies(ctx());
    const day = (i: number) => `2026-02-${String((i % 27) + 1).padStart(2, '0')}`;
    await publish(ctx(), [
      ...Array.from({ length: 26 }, (_, i) => ({ agency: 'hy-whzf', party: `衡阳市珠晖区风行网吧${i + 1}号店`, cause: '接纳未成年人进入营业场所', facts: '经查，当事人接纳未成年人进入网吧上网。', decidedOn: day(i) })),
      ...Array.from({ length: 9 }, (_, i) => ({ agency: 'hy-whzf', party: `衡阳市石鼓区新声文化传播有限公司${i + 1}`, cause: '未经批准举办营业性演出', facts: '经查，当事人擅自举办营业性演出。', decidedOn: day(i * 3) })),
      ...Array.from({ length: 3 }, (_, i) => ({ agency: 'hy-wwj', party: `衡阳市南岳区某工程公司${i + 1}`, cause: '擅自在文物保护单位保护范围内进行建设工程', facts: '经查，当事人在保护范围内施工，附近有网吧一处。', decidedOn: day(i * 7) })),
    ]);
  });

  const ginOnly: SearchTuning = { denseShare: Infinity };
  /** Windows of 1 and 5 rows make pages cross the edge; 21, 22 and 40 hold a page or more (the lateral limit, the full page). */
  const WINDOWS = [1, 5, 21, 22, 40];

  /** Windows walked so far (the statements the walk sends). */
  let windows = 0;
  /** Every page of a search, following the cursors. */
  async function allPages(q: DecisionSearchQuery, tuning: SearchTuning): Promise<DecisionSearchResult[]> {
    const watched = { ...ctx(), db: watchStatements(ctx().db, (c) => (windows += c.sql.startsWith('with w as materialized') ? 1 : 0)) };
    const pages: DecisionSearchResult[] = [];
    let after: string | undefined;
    do {
      const page = await searchDecisions(watched, { ...q, ...(after ? { after } : {}) }, { ...tuning, recount: true });
      pages.push(page);
      after = page.next ?? undefined;
    } while (after && pages.length < 10);
    return pages;
  }

  it('words, phrases, words common alone but rare together, and filters: the same pages, cursors and counts', async () => {
    const wwj = agencyIds.get('hy-wwj')!.id;
    const queries: DecisionSearchQuery[] = [
      { q: '网吧1', from: '2026-02-15', to: '2026-02-19' },
      { q: '网吧', from: '2030-01-01' },
      { q: '网吧' },
      { q: '接纳未成年人' },
      { q: '营业性演出' },
      { q: '网吧 文物' },
      { q: '网吧', agencyId: wwj },
      { q: '网吧', from: '2026-02-10', to: '2026-02-20' },
      { q: '接纳未成年人', kind: 'penalty' },
      { q: '演出 网吧' },
    ];
    for (const q of queries) {
      windows = 0;
      const b = await allPages(q, ginOnly);
      assert.equal(windows, 0);
      // A term mixing digits in (网吧1) is tokenised by runs: it keeps the GIN plan.
      const walks = engine === 'postgres' && !/\d/.test(q.q ?? '');
      for (const denseWindow of WINDOWS) {
        windows = 0;
        const a = await allPages(q, { denseShare: 0, denseWindow });
        assert.equal(windows > 0, walks, `${JSON.stringify(q)}, window ${denseWindow}: walked on PostgreSQL only, words of Chinese characters only`);
        assert.deepEqual(a, b, `${JSON.stringify(q)}, window ${denseWindow}`);
      }
    }
    const walked: SearchTuning = { denseShare: 0, denseWindow: 5 };
    assert.equal((await allPages({ q: '网吧1', from: '2026-02-15', to: '2026-02-19' }, ginOnly)).flatMap((p) => p.items).length, 0, '网吧1 is not in 网吧17号店: its token 1 is not 17');
    const netbars = await allPages({ q: '网吧' }, walked);
    assert.equal(netbars.length, 2, 'two pages: the walk crosses its window on both');
    assert.equal(netbars.flatMap((p) => p.items).length, 29);
    assert.equal(netbars[0]!.count, 29);
    assert.deepEqual((await allPages({ q: '网吧 文物' }, walked)).flatMap((p) => p.items.map((i) => i.partyName)).sort(), ['衡阳市南岳区某工程公司1', '衡阳市南岳区某工程公司2', '衡阳市南岳区某工程公司3']);
  });
});
