import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { describeEachEngine } from '../harness/engines.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { makeCheckpoint } from '../../src/ledger/checkpoints.ts';
import { inclusionProof, leafHash, MemoryNodeStore, rootAt, CompactRange } from '../../src/ledger/merkle/index.ts';
import { agencyIds, correct, loadAgencies, publish, withdraw } from './portal.fixtures.ts';
import type { DecisionSearchResult, InclusionEvidence, PortalStatistics, PublicationEvidence, PublicDecisionDetail } from '../../src/shared/portal.ts';
import type { PublishedDecision } from '../../src/shared/publications.ts';
import { rootFromInclusionProof, verifyPublication } from '../../web/src/lib/verify.ts';

/**
 * 公示门户 (issue 8 "The public portal"): Chinese full-text search with 2-character words and
 * phrases, filters, keyset pages, a capped count, CSV, statistics, the detail with its version
 * history and withdrawal notice (《行政处罚法》第四十八条第二款), and 核验 — the browser's
 * verification (web/src/lib/verify.ts) of what the page shows against the signed checkpoint.
 *
 * Publications are put on the record through the one append path (drafted → published events,
 * folded by publications.projections.ts), as the publication workflow does after its review.
 */

describeEachEngine('公示门户 public portal: search, detail, CSV, statistics, 核验', (ctx) => {
  let server: FastifyInstance;
  let whzf: { id: string; name: string };
  let wwj: { id: string; name: string };
  let netbar: PublishedDecision[] = [];
  let shows: PublishedDecision[] = [];
  let relic: PublishedDecision;
  let licence: PublishedDecision;

  const get = async <T>(url: string, status = 200): Promise<T> => {
    const res = await server.inject({ url });
    assert.equal(res.statusCode, status, `${url}: ${res.body}`);
    return res.json() as T;
  };
  const search = (query: string) => get<DecisionSearchResult>(`/api/public/decisions?${query}`);

  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    await loadAgencies(ctx());
    whzf = agencyIds.get('hy-whzf')!;
    wwj = agencyIds.get('hy-wwj')!;
    netbar = await publish(
      ctx(),
      Array.from({ length: 25 }, (_, i) => ({
        agency: 'hy-whzf',
        party: `衡阳市蒸湘区星际网吧${i + 1}号店`,
        cause: '接纳未成年人进入营业场所',
        facts: `经查，当事人于2026年1月${(i % 28) + 1}日接纳未成年人进入网吧上网。`,
        decidedOn: i < 10 ? '2026-01-15' : '2026-02-20',
      })),
    );
    shows = await publish(
      ctx(),
      Array.from({ length: 22 }, (_, i) => ({
        agency: 'hy-whzf',
        party: `衡阳市雁峰区欢乐文化传播有限公司${i + 1}`,
        cause: '未经批准举办营业性演出',
        facts: '经查，当事人未经文化主管部门批准，擅自在体育馆举办营业性演出活动。',
        decidedOn: '2026-02-25',
      })),
    );
    relic = (await publish(ctx(), [
      { agency: 'hy-wwj', party: '衡阳市石鼓区某建筑工程有限公司', cause: '擅自在文物保护单位保护范围内进行建设工程', facts: '经查，当事人在石鼓书院保护范围内施工，损毁古井一处。', decidedOn: '2025-12-10', fineFen: 20_000_000 },
    ]))[0]!;
    licence = (await publish(ctx(), [
      { agency: 'hy-whzf', kind: 'licence', party: '衡阳市珠晖区金嗓子娱乐有限公司', cause: '娱乐场所经营许可', facts: '申请人符合《娱乐场所管理条例》规定的条件，准予许可。', decidedOn: '2026-02-26', fineFen: null },
    ]))[0]!;
  });

  it('a 2-character word (网吧) finds every decision containing it, newest decision first', async () => {
    const page = await search(`q=${encodeURIComponent('网吧')}`);
    assert.equal(page.count, 25);
    assert.equal(page.capped, false);
    assert.equal(page.items.length, 20);
    assert.deepEqual(
      page.items.map((i) => i.id),
      [...netbar].reverse().slice(0, 20).map((d) => d.id),
    );
    assert.ok(page.items.every((i) => i.partyName.includes('网吧')));
    const shows2 = await search(`q=${encodeURIComponent('演出')}`);
    assert.equal(shows2.count, 22);
  });

  it('a phrase of 3+ characters (接纳未成年人, 石鼓书院) matches as a substring, not as scattered characters', async () => {
    assert.equal((await search(`q=${encodeURIComponent('接纳未成年人')}`)).count, 25);
    const relicHits = await search(`q=${encodeURIComponent('石鼓书院')}`);
    assert.deepEqual(
      relicHits.items.map((i) => i.id),
      [relic.id],
    );
    // Each bigram occurs (网吧, 演出 …) but never adjacent: no hit.
    assert.equal((await search(`q=${encodeURIComponent('网吧演出')}`)).count, 0);
    // Several terms must all occur.
    assert.equal((await search(`q=${encodeURIComponent('演出 体育馆')}`)).count, 22);
    assert.equal((await search(`q=${encodeURIComponent('演出 网吧')}`)).count, 0);
  });

  it('filters: agency, kind and the decision date range narrow the search and the plain list', async () => {
    assert.equal((await search(`agencyId=${wwj.id}`)).count, 1);
    assert.equal((await search(`agencyId=${whzf.id}&q=${encodeURIComponent('网吧')}`)).count, 25);
    assert.equal((await search(`agencyId=${wwj.id}&q=${encodeURIComponent('网吧')}`)).count, 0);
    const licences = await search('kind=licence');
    assert.deepEqual(
      licences.items.map((i) => i.id),
      [licence.id],
    );
    assert.equal((await search(`q=${encodeURIComponent('网吧')}&from=2026-02-01`)).count, 15);
    assert.equal((await search(`q=${encodeURIComponent('网吧')}&to=2026-01-31`)).count, 10);
    assert.equal((await search('from=2026-02-21&to=2026-02-25')).count, 22);
    assert.equal((await search('')).count, 49);
  });

  it('keyset pages: every hit exactly once, newest decision first (the same day: newest publication first), the last page without a cursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: DecisionSearchResult = await search(`q=${encodeURIComponent('衡阳市')}${after ? `&after=${after}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      after = page.next;
      pages++;
    } while (after);
    assert.equal(pages, 3);
    assert.equal(new Set(seen).size, 49);
    // relic was published after the others but decided first (2025-12-10): it comes last.
    const order = [relic, ...netbar, ...shows, licence].map((d) => d.id).reverse();
    assert.deepEqual(seen, order);
    const bad = await server.inject({ url: '/api/public/decisions?after=bm90LWEta2V5' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'validation-failed');
    assert.equal((await server.inject({ url: '/api/public/decisions?from=2026-13-01' })).statusCode, 400);
  });

  it('the detail: the published object exactly as recorded; unknown ids are 404', async () => {
    const detail = await get<PublicDecisionDetail>(`/api/public/decisions/${relic.id}`);
    assert.equal(detail.status, 'published');
    assert.deepEqual(detail.decision, relic);
    assert.deepEqual(detail.versions, [{ version: 1, publishedOn: '2026-03-02', reason: null }]);
    assert.equal(detail.withdrawal, null);
    const missing = await server.inject({ url: '/api/public/decisions/nope' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'not-found');
  });

  it('核验: pending until a signed checkpoint covers the event; then the page object verifies, and one changed character does not', async () => {
    const pending = await get<PublicationEvidence>(`/api/public/decisions/${relic.id}/proof`);
    assert.equal(pending.pending, true);
    await makeCheckpoint(ctx(), wwj.id);
    const evidence = await get<InclusionEvidence>(`/api/public/decisions/${relic.id}/proof`);
    assert.equal(evidence.pending, false);
    assert.equal(evidence.entry.type, 'publication.published');
    const key = (await server.inject({ url: '/api/public/key' })).body;
    const shown = (await get<PublicDecisionDetail>(`/api/public/decisions/${relic.id}`)).decision!;

    const ok = await verifyPublication(shown, evidence, key);
    assert.equal(ok.ok, true, JSON.stringify(ok.steps));
    assert.deepEqual(
      ok.steps.map((s) => [s.step, s.ok]),
      [
        ['textHash', true],
        ['inclusion', true],
        ['signature', true],
      ],
    );

    const tampered = { ...shown, text: shown.text.replace('古井', '古亭') };
    const bad = await verifyPublication(tampered, evidence, key);
    assert.equal(bad.ok, false);
    assert.deepEqual(
      bad.steps.map((s) => [s.step, s.ok]),
      [
        ['textHash', false],
        ['inclusion', false],
        ['signature', true],
      ],
    );
    const fineChanged = await verifyPublication({ ...shown, fineFen: 2_000_000 }, evidence, key);
    assert.equal(fineChanged.ok, false);

    // A forged checkpoint (another root) fails the signature; another key fails it too.
    const forgedNote = evidence.checkpoint.replace(/\n(\d+)\n[^\n]+\n/, (_m, size: string) => `\n${size}\n${Buffer.alloc(32, 7).toString('base64')}\n`);
    const forged = await verifyPublication(shown, { ...evidence, checkpoint: forgedNote }, key);
    assert.equal(forged.ok, false);
    assert.equal(forged.steps.find((s) => s.step === 'signature')!.ok, false);
    const { generateSignerKey } = await import('../../src/ledger/note/keys.ts');
    const other = generateSignerKey('sanxiang').verifierKey;
    assert.equal((await verifyPublication(shown, evidence, other)).steps.find((s) => s.step === 'signature')!.ok, false);
  });

  it('a correction is a new public version with its reason; the old version stays public and verifiable', async () => {
    const v2 = await correct(ctx(), shows[0]!, { penaltyContent: '警告，并处罚款人民币4000元', fineFen: 400_000 }, '罚款金额笔误更正');
    await makeCheckpoint(ctx(), whzf.id);
    const detail = await get<PublicDecisionDetail>(`/api/public/decisions/${v2.id}`);
    assert.equal(detail.currentVersion, 2);
    assert.deepEqual(detail.decision, v2);
    assert.deepEqual(
      detail.versions.map((v) => [v.version, v.reason]),
      [
        [1, null],
        [2, '罚款金额笔误更正'],
      ],
    );
    const old = await get<PublicDecisionDetail>(`/api/public/decisions/${v2.id}?version=1`);
    assert.deepEqual(old.decision, shows[0]);
    const key = (await server.inject({ url: '/api/public/key' })).body;
    const e1 = await get<InclusionEvidence>(`/api/public/decisions/${v2.id}/proof?version=1`);
    const e2 = await get<InclusionEvidence>(`/api/public/decisions/${v2.id}/proof`);
    assert.equal(e2.entry.type, 'publication.corrected');
    assert.equal((await verifyPublication(old.decision, e1, key)).ok, true);
    assert.equal((await verifyPublication(detail.decision, e2, key)).ok, true);
    assert.equal((await verifyPublication(detail.decision, e1, key)).ok, false, 'v2 does not pass as v1');
    assert.equal((await server.inject({ url: `/api/public/decisions/${v2.id}?version=9` })).statusCode, 404);
  });

  it('《行政处罚法》第四十八条第二款 withdrawal: the notice with its reason replaces the text, and the decision leaves search and statistics', async () => {
    const before = await get<PortalStatistics>('/api/public/statistics');
    const gone = netbar[0]!;
    await withdraw(ctx(), gone, '该决定已被行政复议机关撤销');
    const detail = await get<PublicDecisionDetail>(`/api/public/decisions/${gone.id}`);
    assert.equal(detail.status, 'withdrawn');
    assert.equal(detail.decision, null);
    assert.equal(detail.withdrawal?.reason, '该决定已被行政复议机关撤销');
    assert.equal(detail.number, gone.number);
    assert.equal((await search(`q=${encodeURIComponent('网吧')}`)).count, 24);
    assert.equal((await server.inject({ url: `/api/public/decisions/${gone.id}/proof` })).statusCode, 404);
    const after = await get<PortalStatistics>('/api/public/statistics');
    assert.equal(after.total, before.total - 1);
  });

  it('statistics: counts by month of decision, kind and agency', async () => {
    const s = await get<PortalStatistics>('/api/public/statistics');
    assert.equal(s.total, 48);
    assert.deepEqual(s.byMonth, [
      { key: '2025-12', count: 1 },
      { key: '2026-01', count: 9 },
      { key: '2026-02', count: 38 },
    ]);
    assert.deepEqual(s.byKind, [
      { key: 'penalty', count: 47 },
      { key: 'licence', count: 1 },
    ]);
    assert.deepEqual(s.byAgency, [
      { key: whzf.id, name: whzf.name, count: 47 },
      { key: wwj.id, name: wwj.name, count: 1 },
    ]);
  });

  it('CSV: UTF-8 with a BOM, a Chinese header, one row per decision, the same filters', async () => {
    const res = await server.inject({ url: `/api/public/decisions.csv?q=${encodeURIComponent('演出')}` });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const bytes = res.rawPayload;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    assert.equal(lines[0]!.split(',')[0], '决定书文号');
    assert.equal(lines.length, 1 + 22);
    assert.ok(lines.slice(1).every((l) => l.includes('未经批准举办营业性演出')));
    assert.ok(lines.some((l) => l.includes('4000.00')), 'the corrected version is the one listed');
    assert.equal((await server.inject({ url: '/api/public/agencies' })).json().length, agencyIds.size);
  });

  it('the count stops at 1000: more hits show as "1000+" and a page is still 20 rows', async () => {
    for (let batch = 0; batch < 4; batch++) {
      await publish(
        ctx(),
        Array.from({ length: 250 }, (_, i) => ({
          agency: 'hy-whzf',
          party: `衡阳市某歌舞娱乐有限公司${batch * 250 + i}`,
          cause: '超时营业',
          facts: '经查，当事人在规定时间以外营业。',
          decidedOn: '2026-02-27',
        })),
      );
    }
    const all = await search('');
    assert.equal(all.count, 1000);
    assert.equal(all.capped, true);
    assert.equal(all.items.length, 20);
    const word = await search(`q=${encodeURIComponent('超时营业')}`);
    assert.deepEqual([word.count, word.capped], [1000, false]);
    const more = await search(`q=${encodeURIComponent('营业')}`);
    assert.deepEqual([more.count, more.capped], [1000, true]);
    assert.ok(more.next);
  });
});

describe('核验 Merkle step: the browser port of RFC 9162 §2.1.3.2 agrees with src/ledger/merkle', () => {
  it('every inclusion proof of trees up to 40 leaves leads to the root; a wrong index or leaf does not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.nat(), async (size, pick) => {
        const store = new MemoryNodeStore();
        const range = new CompactRange();
        const leaves = Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
        for (const l of leaves) store.put(range.append(l));
        const root = await rootAt(store, size);
        const index = pick % size;
        const proof = await inclusionProof(store, index, size);
        assert.deepEqual(Buffer.from(await rootFromInclusionProof(leaves[index]!, index, size, proof)), root);
        if (size > 1) {
          const other = (index + 1) % size;
          const wrong = await rootFromInclusionProof(leaves[other]!, index, size, proof).catch(() => null);
          assert.ok(!wrong || !Buffer.from(wrong).equals(root));
        }
      }),
      { numRuns: 60 },
    );
  });
});
