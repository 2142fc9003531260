/**
 * 事前公开的历史版本 of the derived lists (issue 8 "Before enforcement": every version kept and
 * publicly viewable as history) — 执法人员名单, 裁量基准 (《行政处罚法》第三十四条), 法制审核目录
 * (第五十八条), 机关与内设机构. The lists are read live from their own modules; their history is
 * folded from those modules' ledger events, paged newest first, and shows only the public fields
 * (staff: name, unit, post, 执法种类, certificate number, status — 国办发〔2018〕118号第四项). A
 * citizen can also read each list as it stood on a past date.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { CompiledQuery } from 'kysely';
import { LIST_HISTORY_PAGE, listEventsQuery } from '../../src/modules/publicity/disclosures.service.ts';
import { LIST_EVENT_TYPES } from '../../src/modules/publicity/disclosures.rules.ts';
import { DERIVED_LIST_EVENT_TYPES } from '../../src/store/migrations/0020_events_of_derived_lists.ts';
import { PUBLIC_STAFF_KEYS, type ListHistoryPage, type PublicAgencyProfile, type PublicBenchmark, type PublicCatalogRule, type PublicProfileEntry, type PublicStaffMember } from '../../src/shared/disclosures.ts';

const SEEDED = '2026-03-02';
/** Officers registered at once: more changes than one page. */
const BULK = 24;
const CHANGED = '2026-03-05';
/** Each engine's platform gets its own clock, moved from the seed day to the day of the changes. */
let clock: FixedClock;

describeEachEngine(
  '事前公开的历史版本: the staff list, benchmarks, review catalog and units keep a public history from their modules’ events',
  (ctx, engine) => {
    let server: FastifyInstance;
    let whzf = '';
    let admin: Session;
    let legal: Session;
    /** The lists as the portal showed them on the seed day. */
    let seeded: { staff: PublicStaffMember[]; benchmarks: PublicBenchmark[]; catalog: PublicCatalogRule[]; profile: PublicAgencyProfile };
    /** Everything the ledger recorded that a public page must never show. */
    const secrets = ['涉嫌违规，暂停执法资格，正在核查', '衡阳市人民政府法制办公室', '2031-06-30', 'userId', 'issuingAuthority', 'validTo', 'statusReason'];

    const pub = async <T>(path: string, status = 200): Promise<T> => {
      const res = await server.inject({ url: `/api/public/agencies/${whzf}/disclosures${path}` });
      assert.equal(res.statusCode, status, `${path}: ${res.body}`);
      return res.json() as T;
    };
    const send = async (who: Session, method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>, version?: number) => {
      const res = await server.inject({ method, url, payload, headers: { ...who, ...(version === undefined ? {} : { 'if-match': `"${version}"` }) } });
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    /** Every page of a list's history, newest first; each page's raw body is checked for the secrets. */
    const history = async <T>(list: string): Promise<ListHistoryPage<T>['items']> => {
      const all: ListHistoryPage<T>['items'] = [];
      let after: string | null = null;
      do {
        const res: LightMyRequestResponse = await server.inject({ url: `/api/public/agencies/${whzf}/disclosures/${list}/history${after ? `?after=${after}` : ''}` });
        assert.equal(res.statusCode, 200, res.body);
        for (const s of secrets) assert.ok(!res.body.includes(s), `${list} history shows ${s}`);
        const page = res.json() as ListHistoryPage<T>;
        assert.ok(page.items.length <= LIST_HISTORY_PAGE);
        if (page.next) assert.equal(page.items.length, LIST_HISTORY_PAGE, 'only a full page has a next one');
        all.push(...page.items);
        after = page.next;
      } while (after);
      for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.at >= all[i]!.at, 'newest first');
      return all;
    };

    before(async () => {
      await seedDemo(ctx());
      server = await buildServer(ctx(), { webDir: null });
      whzf = (await ctx().db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
      seeded = { staff: await pub('/staff'), benchmarks: await pub('/benchmarks'), catalog: await pub('/catalog'), profile: await pub('/profile') };

      // Three days later the bureau changes its lists, through the modules that keep them.
      clock.set(`${CHANGED}T02:00:00.000Z`);
      admin = await loginAs(server, 'whzf-admin');
      legal = await loginAs(server, 'whzf-legalhead');
      const unitOne = await ctx().db.selectFrom('units').select(['id', 'version']).where('agency_id', '=', whzf).where('name', '=', '执法一科').executeTakeFirstOrThrow();
      // More changes than a page, and some the public list never shows: an auxiliary (no
      // certificate) and an edit of the issuing authority alone.
      for (let i = 0; i < BULK; i++) {
        await send(admin, 'POST', '/api/officers', { agencyId: whzf, unitId: null, name: `新进人员${i + 1}`, post: null, certificateNo: `430401209${String(i).padStart(2, '0')}`, issuingAuthority: null, fields: ['文化市场'], validFrom: '2026-03-01', validTo: '2031-02-28' });
      }
      await send(admin, 'POST', '/api/officers', { agencyId: whzf, unitId: unitOne.id, name: '辅助人员甲', post: '协管员', certificateNo: null, issuingAuthority: null, fields: [], validFrom: null, validTo: null, auxiliary: true });
      const zhang = await ctx().db.selectFrom('officers').select(['id', 'version']).where('agency_id', '=', whzf).where('name', '=', '张晓明').executeTakeFirstOrThrow();
      await send(admin, 'PATCH', `/api/officers/${zhang.id}`, { issuingAuthority: '衡阳市人民政府法制办公室', reason: '发证机关名称更正' }, Number(zhang.version));
      await send(admin, 'POST', '/api/officers', {
        agencyId: whzf,
        unitId: unitOne.id,
        name: '欧阳芷晗',
        post: '科员',
        certificateNo: '43040120099',
        issuingAuthority: '衡阳市人民政府法制办公室',
        fields: ['文化市场'],
        validFrom: '2026-03-01',
        validTo: '2031-06-30',
      });
      const liu = await ctx().db.selectFrom('officers').select(['id', 'version']).where('agency_id', '=', whzf).where('name', '=', '刘建国').executeTakeFirstOrThrow();
      await send(admin, 'POST', `/api/officers/${liu.id}/suspend`, { reason: '涉嫌违规，暂停执法资格，正在核查' }, Number(liu.version));
      await send(admin, 'PATCH', `/api/units/${unitOne.id}`, { name: '执法一大队', reason: '机构改革' }, Number(unitOne.version));

      const [first, second] = (await ctx().db.selectFrom('discretion_benchmarks').select(['id', 'version', 'penalty_basis']).where('agency_id', '=', whzf).where('status', '=', 'active').orderBy('code').execute()) as { id: string; version: number; penalty_basis: string }[];
      await send(legal, 'PATCH', `/api/benchmarks/${first!.id}`, { penaltyBasis: `${first!.penalty_basis}（2026年修订）`, reason: '依据修订后的条例调整' }, Number(first!.version));
      await send(legal, 'POST', `/api/benchmarks/${second!.id}/retire`, { reason: '该违法行为已并入其他条目' }, Number(second!.version));

      const rule = await ctx().db.selectFrom('review_rules as r').innerJoin('review_rule_versions as v', (j) => j.onRef('v.rule_id', '=', 'r.id').onRef('v.version', '=', 'r.current_version')).select(['r.id', 'r.version', 'v.params']).where('r.agency_id', '=', whzf).where('r.kind', '=', 'fine-at-least').executeTakeFirstOrThrow();
      const spec = JSON.parse(rule.params) as { kind: 'fine-at-least'; person: number; organisation: number };
      await send(legal, 'POST', `/api/review-catalog/${rule.id}/versions`, { rule: { ...spec, person: spec.person * 2 }, effectiveFrom: '2026-03-10', reason: '省级标准调整' }, Number(rule.version));
    });

    it('执法人员: an officer added and a certificate suspended show with exactly the six public fields — never the status reason, issuing authority, validity or account', async () => {
      const items = await history<PublicStaffMember>('staff');
      const [suspended, added] = items;
      assert.equal(suspended!.change, 'suspended');
      assert.deepEqual(suspended!.entry, { name: '刘建国', unit: '执法一科', post: '科长', fields: ['文化市场', '新闻出版'], certificateNo: '43040120001', status: 'suspended' });
      assert.deepEqual([suspended!.changed, suspended!.before, suspended!.reason], [['status'], { status: 'valid' }, null]);
      assert.equal(added!.change, 'added');
      assert.deepEqual(added!.entry, { name: '欧阳芷晗', unit: '执法一科', post: '科员', fields: ['文化市场'], certificateNo: '43040120099', status: 'valid' });
      for (const i of items) assert.deepEqual(Object.keys(i.entry).sort(), [...PUBLIC_STAFF_KEYS].sort());
      // Every certified officer listed on the seed day was added then, once; the bulk after it.
      const adds = items.filter((i) => i.change === 'added');
      assert.deepEqual(adds.filter((i) => i.at < CHANGED).map((i) => i.entry.certificateNo).sort(), seeded.staff.map((m) => m.certificateNo).sort());
      assert.equal(adds.length, seeded.staff.length + BULK + 1);
      assert.ok(items.length > LIST_HISTORY_PAGE, 'more than one page');
      assert.ok(!items.some((i) => i.entry.name === '辅助人员甲'), 'auxiliary staff are not listed, so not in its history');
      assert.deepEqual(items.filter((i) => i.entry.name === '张晓明').map((i) => i.change), ['added'], 'an edit of nothing public is no change of the list');
    });

    it('内设机构: a unit renamed shows before and after; the staff list’s earlier changes keep the name the unit had then', async () => {
      const items = await history<PublicProfileEntry>('profile');
      assert.deepEqual(items[0]!.entry, { kind: 'unit', name: '执法一大队', creditCode: null, parentName: null });
      assert.deepEqual([items[0]!.change, items[0]!.changed, items[0]!.before, items[0]!.reason], ['changed', ['name'], { name: '执法一科' }, null]);
      const agency = items.at(-1)!;
      assert.deepEqual([agency.change, agency.entry.kind, agency.entry.name], ['added', 'agency', '衡阳市文化市场综合执法局']);
      assert.deepEqual(
        items.filter((i) => i.entry.kind === 'unit' && i.change === 'added').map((i) => i.entry.name),
        [...seeded.profile.units].reverse(),
      );
      const live = await pub<PublicStaffMember[]>('/staff');
      assert.equal(live.find((m) => m.name === '刘建国')!.unit, '执法一大队', 'today: the new name');
      const registered = (await history<PublicStaffMember>('staff')).find((i) => i.change === 'added' && i.entry.name === '刘建国')!;
      assert.equal(registered.entry.unit, '执法一科', 'then: the name it had');
    });

    it('裁量基准 (《行政处罚法》第三十四条): 第 2 版 with the changed field, its earlier value and the published reason; a retired entry with its reason', async () => {
      const items = await history<PublicBenchmark>('benchmarks');
      const [retired, changed] = items;
      assert.deepEqual([retired!.change, retired!.version, retired!.reason], ['retired', 2, '该违法行为已并入其他条目']);
      assert.deepEqual([changed!.change, changed!.version, changed!.changed, changed!.reason], ['changed', 2, ['penaltyBasis'], '依据修订后的条例调整']);
      assert.match(changed!.entry.penaltyBasis, /（2026年修订）$/);
      assert.equal(changed!.before!.penaltyBasis, seeded.benchmarks.find((b) => b.code === changed!.entry.code)!.penaltyBasis);
      assert.ok(changed!.entry.levels.every((lv) => lv.standard.length > 0), 'levels as the live list words them');
      assert.equal(items.filter((i) => i.change === 'added').length, seeded.benchmarks.length);
    });

    it('法制审核目录 (《行政处罚法》第五十八条): a new version with the date it takes effect and its reason', async () => {
      const items = await history<PublicCatalogRule>('catalog');
      const [v2] = items;
      assert.deepEqual([v2!.change, v2!.version, v2!.entry.effectiveFrom, v2!.reason], ['changed', 2, '2026-03-10', '省级标准调整']);
      assert.ok(v2!.changed.includes('description') && v2!.changed.includes('effectiveFrom'));
      assert.notEqual(v2!.before!.description, v2!.entry.description);
      assert.equal(items.filter((i) => i.change === 'added').length, seeded.catalog.length);
    });

    it('a list as it stood on a past date equals what the portal showed that day; today’s equals the live list', async () => {
      assert.deepEqual(await pub(`/staff?on=${SEEDED}`), seeded.staff);
      assert.deepEqual(await pub(`/benchmarks?on=${SEEDED}`), seeded.benchmarks);
      assert.deepEqual(await pub(`/catalog?on=${SEEDED}`), seeded.catalog);
      assert.deepEqual(await pub(`/profile?on=${SEEDED}`), seeded.profile);
      for (const list of ['staff', 'benchmarks', 'catalog', 'profile']) assert.deepEqual(await pub(`/${list}?on=${CHANGED}`), await pub(`/${list}`), list);
      // The new catalog version is recorded but not yet in force: version 1 still applies, now ending on 10 March.
      const onChange = await pub<PublicCatalogRule[]>(`/catalog?on=${CHANGED}`);
      assert.deepEqual(
        onChange.map((r) => ({ ...r, effectiveTo: null })),
        seeded.catalog,
      );
      assert.deepEqual(onChange.filter((r) => r.effectiveTo !== null).map((r) => [r.version, r.effectiveTo]), [[1, '2026-03-10']]);
      assert.deepEqual(await pub(`/staff?on=2020-01-01`), [], 'before anyone was registered');
      const future = await server.inject({ url: `/api/public/agencies/${whzf}/disclosures/staff?on=2026-03-06` });
      assert.equal(future.statusCode, 400);
      assert.equal(future.json().code, 'validation-failed');
    });

    it('a page walks the partial index of the derived lists’ events (migration 0020), not the whole log', async () => {
      // A list type missing from the frozen index predicate would silently drop out of its history.
      const indexed = new Set<string>(DERIVED_LIST_EVENT_TYPES);
      assert.deepEqual(Object.values(LIST_EVENT_TYPES).flat().filter((t) => !indexed.has(t)), []);
      const q = listEventsQuery(ctx().db, whzf, 'staff', { before: 1_000_000, limit: 100, newestFirst: true }).compile();
      const explain = `${engine === 'sqlite' ? 'explain query plan' : 'explain'} ${q.sql}`;
      if (engine === 'sqlite') {
        const plan = (await ctx().db.executeQuery<{ detail: string }>(CompiledQuery.raw(explain, [...q.parameters]))).rows.map((r) => r.detail).join('\n');
        assert.match(plan, /events_derived_lists/, plan);
      } else {
        // PostgreSQL may prefer a scan on a small table: ask with the alternatives off.
        await ctx().db.transaction().execute(async (trx) => {
          await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
          await trx.executeQuery(CompiledQuery.raw('set local enable_indexscan = off'));
          const plan = (await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(explain, [...q.parameters]))).rows.map((r) => r['QUERY PLAN']).join('\n');
          assert.match(plan, /events_derived_lists/, plan);
        });
      }
    });

    it('a bad cursor is refused (400); an unknown agency is 404', async () => {
      const bad = await server.inject({ url: `/api/public/agencies/${whzf}/disclosures/staff/history?after=bm9wZQ` });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'validation-failed');
      assert.equal((await server.inject({ url: '/api/public/agencies/nope/disclosures/benchmarks/history' })).statusCode, 404);
    });
  },
  () => (clock = new FixedClock(`${SEEDED}T01:00:00.000Z`)),
);
