import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';
import { seedDemoCases } from '../../src/modules/cases/cases.seed.ts';
import { DEMO_CATALOG } from '../../src/modules/review/catalog.seed.ts';
import { catalogInForce, catalogMatches, changeCatalogRule } from '../../src/modules/review/catalog.service.ts';
import type { CatalogFacts } from '../../src/modules/review/catalog.rules.ts';
import type { Penalty } from '../../src/shared/cases.ts';
import type { CatalogPreview, CatalogRule, CatalogRuleDetail } from '../../src/shared/review-catalog.ts';

const TODAY = '2026-03-02';
const fine = (yuan: number): Penalty => ({ kinds: ['warning', 'fine'], fineFen: yuan * 100, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' });
const facts = (f: Partial<CatalogFacts>): CatalogFacts => ({ penalty: null, partyKind: 'person', field: '文化市场', procedure: 'ordinary', hearingHeld: false, flags: [], ...f });

describeEachEngine(
  '重大执法决定法制审核目录 (review catalog)',
  (ctx) => {
    let server: FastifyInstance;
    let legalHead: Session;
    let officer: Session;
    let whzf = '';
    let wwj = '';
    const clock = () => ctx().clock as FixedClock;
    before(async () => {
      await seedDemo(ctx());
      server = await buildServer(ctx(), { webDir: null });
      legalHead = await loginAs(server, 'whzf-legalhead');
      officer = await loginAs(server, 'whzf-officer1');
      const agencies = await ctx().db.selectFrom('agencies').select(['id', 'code']).execute();
      whzf = agencies.find((a) => a.code === 'hy-whzf')!.id;
      wwj = agencies.find((a) => a.code === 'hy-wwj')!.id;
    });
    const get = (url: string, auth: Session = legalHead) => server.inject({ url, headers: auth });
    const list = async (query: string, auth: Session = legalHead) => {
      const res = await get(`/api/review-catalog?${query}`, auth);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as CatalogRule[];
    };
    const add = (payload: Record<string, unknown>, auth: Session = legalHead) =>
      server.inject({ method: 'POST', url: '/api/review-catalog', headers: auth, payload: { agencyId: whzf, effectiveFrom: TODAY, reason: '测试新增', ...payload } });
    const change = (r: { id: string; version: number }, payload: Record<string, unknown>, auth: Session = legalHead) =>
      server.inject({ method: 'POST', url: `/api/review-catalog/${r.id}/versions`, headers: { ...auth, 'if-match': `"${r.version}"` }, payload: { reason: '测试修改', ...payload } });
    const retire = (r: { id: string; version: number }, payload: Record<string, unknown>, auth: Session = legalHead) =>
      server.inject({ method: 'POST', url: `/api/review-catalog/${r.id}/retire`, headers: { ...auth, 'if-match': `"${r.version}"` }, payload: { reason: '测试废止', ...payload } });

    it('the demo catalogs follow rules.md E: hearing-eligible penalties, 吊销/停业/关闭, after a hearing, the three manual flags; 文物 at the 文物局; the built-in ¥10,000 at the enforcement bureau', async () => {
      const whzfRules = await list(`agencyId=${whzf}&on=${TODAY}`);
      const wwjRules = await list(`agencyId=${wwj}&on=${TODAY}`, await loginAs(server, 'wwj-legalhead'));
      assert.equal(whzfRules.length, DEMO_CATALOG.filter((r) => r.agencies.includes('hy-whzf')).length);
      assert.equal(wwjRules.length, DEMO_CATALOG.filter((r) => r.agencies.includes('hy-wwj')).length);
      assert.deepEqual(whzfRules.filter((r) => r.kind === 'manual-flag').map((r) => (r.inForce!.rule as { flag: string }).flag), ['重大公共利益', '情节复杂、涉及多个法律关系', '可能引发社会风险']);
      assert.ok(wwjRules.some((r) => r.kind === 'field' && r.inForce!.label === '文物行政处罚案件'));
      assert.ok(!whzfRules.some((r) => r.kind === 'field'));
      assert.ok(whzfRules.every((r) => r.status === 'active' && r.inForce!.effectiveFrom === '2024-01-01' && r.inForce!.recordedBy.name === '系统'));
    });

    it('catalogMatches: the demo bureau’s proposals need review exactly as under the built-in gate (a fine of ¥10,000, 吊销/停业/关闭)', async () => {
      const db = ctx().db;
      assert.deepEqual((await catalogMatches(db, whzf, facts({ penalty: fine(9_999) }), TODAY)).map((m) => m.label), []);
      const ten = await catalogMatches(db, whzf, facts({ partyKind: 'organisation', penalty: fine(10_000) }), TODAY);
      assert.deepEqual(ten.map((m) => m.label), ['拟罚款10,000元，达到目录标准10,000元（单位）']);
      const revoke = await catalogMatches(db, whzf, facts({ partyKind: 'organisation', penalty: { ...fine(5_000), kinds: ['fine', 'revoke-licence'] } }), TODAY);
      assert.deepEqual(revoke.map((m) => m.label), ['拟作出吊销许可证件，属于目录所列处罚种类']);
      // The 文物局 has no ¥10,000 rule: its organisations are caught at the Art 63 amount, its relics cases always.
      assert.deepEqual(await catalogMatches(db, wwj, facts({ partyKind: 'organisation', penalty: fine(50_000), field: '文化市场' }), TODAY), []);
      assert.deepEqual((await catalogMatches(db, wwj, facts({ penalty: { kinds: ['warning'], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' }, field: '文物' }), TODAY)).map((m) => m.kind), ['field']);
      assert.deepEqual((await catalogMatches(db, whzf, facts({ hearingHeld: true, flags: ['可能引发社会风险'] }), TODAY)).map((m) => m.kind), ['after-hearing', 'manual-flag']);
    });

    it('the catalog in force on the proposal date is used: a rule that takes effect the next day does not match', async () => {
      const res = await add({ rule: { kind: 'all-ordinary' }, label: '全部普通程序决定', effectiveFrom: '2026-03-03' });
      assert.equal(res.statusCode, 201, res.body);
      const rule = res.json() as CatalogRuleDetail;
      assert.equal(rule.inForce, null, 'not in force today');
      assert.equal(rule.latest.recordedBy.name, '李法制');
      const warning = facts({ penalty: { kinds: ['warning'], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' } });
      assert.ok(!(await catalogMatches(ctx().db, whzf, warning, '2026-03-02')).some((m) => m.ruleId === rule.id));
      assert.deepEqual((await catalogMatches(ctx().db, whzf, warning, '2026-03-03')).filter((m) => m.ruleId === rule.id), [{ ruleId: rule.id, version: 1, kind: 'all-ordinary', name: '全部普通程序决定', label: '按普通程序作出的决定均须经法制审核' }]);
      assert.ok(!(await list(`agencyId=${whzf}&on=2026-03-02`)).some((r) => r.id === rule.id));
      assert.ok((await list(`agencyId=${whzf}&on=2026-03-03`)).some((r) => r.id === rule.id));
      assert.ok((await list(`agencyId=${whzf}`)).some((r) => r.id === rule.id && r.inForce === null), 'the full list shows scheduled rules too');
    });

    it('a rule takes effect today or later: an effective date in the past is refused, and nothing is recorded', async () => {
      const before = (await list(`agencyId=${whzf}`)).length;
      const res = await add({ rule: { kind: 'field', field: '旅游' }, effectiveFrom: '2026-03-01' });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'effective-date-in-past');
      assert.equal((await list(`agencyId=${whzf}`)).length, before);
      const invalid = await add({ rule: { kind: 'penalty-kind', kinds: ['close', 'close'] } });
      assert.equal(invalid.statusCode, 400, 'the schema refuses duplicate kinds');
      const extra = await add({ rule: { kind: 'after-hearing', field: '文物' } });
      assert.equal(extra.statusCode, 400, 'no stray fields on a rule');
    });

    it('a change is a new version from its own date; the previous version ends there and earlier days keep it (If-Match, reason)', async () => {
      const created = (await add({ rule: { kind: 'confiscation-at-least', person: 500_000, organisation: 5_000_000 }, label: '没收较大数额' })).json() as CatalogRuleDetail;
      assert.equal((await server.inject({ method: 'POST', url: `/api/review-catalog/${created.id}/versions`, headers: legalHead, payload: { rule: created.latest.rule, effectiveFrom: TODAY, reason: 'x' } })).statusCode, 428);
      const stale = await change({ id: created.id, version: 99 }, { rule: { kind: 'confiscation-at-least', person: 1, organisation: 1 }, effectiveFrom: '2026-04-01' });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().code, 'version-mismatch');
      const kind = await change(created, { rule: { kind: 'fine-at-least', person: 1, organisation: 1 }, effectiveFrom: '2026-04-01' });
      assert.equal(kind.json().code, 'review-rule-kind-fixed');
      const past = await change(created, { rule: { kind: 'confiscation-at-least', person: 300_000, organisation: 3_000_000 }, effectiveFrom: '2026-03-01' });
      assert.equal(past.json().code, 'effective-date-in-past');
      const same = await change(created, { rule: created.latest.rule, label: '没收较大数额', effectiveFrom: '2026-04-01' });
      assert.equal(same.statusCode, 400, 'a version that says nothing new is refused');

      const res = await change(created, { rule: { kind: 'confiscation-at-least', person: 300_000, organisation: 3_000_000 }, label: '没收较大数额（下调）', effectiveFrom: '2026-04-01', reason: '市局通知下调标准' });
      assert.equal(res.statusCode, 200, res.body);
      const changed = res.json() as CatalogRuleDetail;
      assert.equal(changed.currentVersion, 2);
      assert.equal(changed.version, 2);
      assert.deepEqual(changed.versions.map((v) => [v.version, v.effectiveFrom, v.effectiveTo, v.reason]), [
        [1, TODAY, '2026-04-01', '测试新增'],
        [2, '2026-04-01', null, '市局通知下调标准'],
      ]);
      assert.equal(changed.inForce!.version, 1, 'today the old version is in force');
      const confiscated = (yuan: number) => facts({ penalty: { kinds: ['confiscate-gains'], fineFen: null, confiscatedGainsFen: yuan * 100, confiscatedPropertyFen: null, description: '' } });
      const mine = async (f: CatalogFacts, on: string) => (await catalogMatches(ctx().db, whzf, f, on)).filter((m) => m.ruleId === created.id);
      assert.deepEqual(await mine(confiscated(4_000), '2026-03-31'), []);
      assert.deepEqual(await mine(confiscated(4_000), '2026-04-01'), [{ ruleId: created.id, version: 2, kind: 'confiscation-at-least', name: '没收较大数额（下调）', label: '拟没收违法所得、非法财物合计4,000元，达到目录标准3,000元（个人）' }]);
      const onDay = (await get(`/api/review-catalog/${created.id}?on=2026-04-01`)).json() as CatalogRuleDetail;
      assert.equal(onDay.inForce!.label, '没收较大数额（下调）');
      // A scheduled version may still be replaced on its own first day: it is then never in force.
      const again = (await change(changed, { rule: { kind: 'confiscation-at-least', person: 200_000, organisation: 2_000_000 }, effectiveFrom: '2026-04-01' })).json() as CatalogRuleDetail;
      assert.deepEqual(again.versions.map((v) => [v.version, v.effectiveFrom, v.effectiveTo]), [
        [1, TODAY, '2026-04-01'],
        [2, '2026-04-01', '2026-04-01'],
        [3, '2026-04-01', null],
      ]);
      const earlier = await change(again, { rule: { kind: 'confiscation-at-least', person: 100_000, organisation: 1_000_000 }, effectiveFrom: '2026-03-20' });
      assert.equal(earlier.statusCode, 400, 'not before the latest version starts');
    });

    it('retiring ends the rule on its date (exclusive); until then it applies, and a retired rule is final', async () => {
      const created = (await add({ rule: { kind: 'field', field: '新闻出版' } })).json() as CatalogRuleDetail;
      assert.equal(created.latest.label, '“新闻出版”领域的案件', 'a name made from the rule');
      assert.equal((await retire(created, { effectiveTo: '2026-02-01' })).json().code, 'effective-date-in-past');
      const res = await retire(created, { effectiveTo: '2026-05-01', reason: '机构改革，新闻出版执法划转' });
      assert.equal(res.statusCode, 200, res.body);
      const retired = res.json() as CatalogRuleDetail;
      assert.equal(retired.status, 'retired');
      assert.equal(retired.retiredReason, '机构改革，新闻出版执法划转');
      assert.equal(retired.inForce?.version, 1, 'still in force today');
      const press = facts({ field: '新闻出版' });
      const mine = async (on: string) => (await catalogMatches(ctx().db, whzf, press, on)).filter((m) => m.ruleId === created.id).length;
      assert.equal(await mine('2026-04-30'), 1);
      assert.equal(await mine('2026-05-01'), 0);
      assert.equal((await retire(retired, { effectiveTo: '2026-04-01' })).json().code, 'review-rule-retired');
      assert.equal((await change(retired, { rule: { kind: 'field', field: '出版' }, effectiveFrom: '2026-04-01' })).json().code, 'review-rule-retired');
    });

    it('once a day has passed its catalog stays as it was: with the clock moved on, the old versions still answer for their days', async () => {
      const created = (await add({ rule: { kind: 'fine-at-least', person: 2_000_000, organisation: 2_000_000 }, effectiveFrom: TODAY })).json() as CatalogRuleDetail;
      const at = clock().now().toISOString();
      try {
        // Three months on (the morning's sessions have expired by then: the service is called directly).
        clock().set('2026-06-01T01:00:00.000Z');
        const next = { rule: { kind: 'fine-at-least' as const, person: 3_000_000, organisation: 3_000_000 }, reason: '提高标准' };
        await assert.rejects(changeCatalogRule(ctx(), null, created.id, created.version, { ...next, effectiveFrom: '2026-05-01' }), { code: 'effective-date-in-past' }, 'a date before the new today is refused');
        const ok = await changeCatalogRule(ctx(), null, created.id, created.version, { ...next, effectiveFrom: '2026-06-01' });
        assert.equal(ok.inForce!.version, 2);
        const march = (await catalogInForce(ctx().db, whzf, '2026-03-15')).find((v) => v.ruleId === created.id)!;
        assert.deepEqual([march.version, march.effectiveTo], [1, '2026-06-01']);
        const big = facts({ penalty: fine(25_000) });
        assert.equal((await catalogMatches(ctx().db, whzf, big, '2026-03-15')).filter((m) => m.ruleId === created.id).length, 1, 'in March ¥25,000 reached the ¥20,000 standard');
        assert.equal((await catalogMatches(ctx().db, whzf, big, '2026-06-01')).filter((m) => m.ruleId === created.id).length, 0, 'from June the standard is ¥30,000');
      } finally {
        clock().set(at);
      }
    });

    it('who may: staff read their own agency’s catalog; only the head of legal review (own + overseen) edits it', async () => {
      const seen = await list('', officer);
      assert.ok(seen.length > 0 && seen.every((r) => r.agencyId === whzf));
      assert.deepEqual(await list(`agencyId=${wwj}`, officer), []);
      const denied = await add({ rule: { kind: 'all-ordinary' } }, officer);
      assert.equal(denied.statusCode, 403);
      const head = await add({ rule: { kind: 'all-ordinary' } }, await loginAs(server, 'whzf-head'));
      assert.equal(head.statusCode, 403, 'the agency head, whose decisions the catalog gates, does not edit it');
      const other = await add({ rule: { kind: 'all-ordinary' } }, await loginAs(server, 'wwj-legalhead'));
      assert.equal(other.statusCode, 403, 'another agency’s head of legal review does not either');
      const bureau = await add({ rule: { kind: 'field', field: '体育' } }, await loginAs(server, 'wtgx-legalhead'));
      assert.equal(bureau.statusCode, 201, 'the bureau’s head of legal review edits the catalogs of the agencies it oversees');
      const foreign = (await list(`agencyId=${wwj}`, await loginAs(server, 'admin')))[0]!;
      assert.equal((await get(`/api/review-catalog/${foreign.id}`, officer)).statusCode, 403);
    });

    it('the catalog in force on a date exports as an Excel 目录清单', async () => {
      const res = await get(`/api/review-catalog/export.xlsx?agencyId=${whzf}&on=${TODAY}`);
      assert.equal(res.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const names: unknown[] = [];
      wb.worksheets[0]!.eachRow((row, n) => n > 2 && names.push(row.getCell(2).value));
      assert.deepEqual(names, (await list(`agencyId=${whzf}&on=${TODAY}`)).map((r) => r.inForce!.label));
    });

    it('the preview shows which of the 20 most recent cases with a proposal an unsaved rule would have caught, and saves nothing', async () => {
      await seedDemoCases(ctx(), new Map([['hy-whzf', whzf]]));
      const domainEvents = async () => (await ctx().db.selectFrom('events').select('id').where('type', 'not like', 'security.%').execute()).length;
      const events = await domainEvents();
      const preview = async (rule: Record<string, unknown>) => {
        const res = await server.inject({ method: 'POST', url: '/api/review-catalog/preview', headers: legalHead, payload: { agencyId: whzf, rule } });
        assert.equal(res.statusCode, 200, res.body);
        return res.json() as CatalogPreview;
      };
      const ordinary = await preview({ kind: 'all-ordinary' });
      // Demo cases with a proposal: four ordinary-procedure cases (report, notice or decision) and one on-the-spot penalty.
      assert.equal(ordinary.cases.length, 5);
      assert.equal(ordinary.matchedCount, 4);
      assert.ok(ordinary.cases.every((c) => (c.procedure === 'ordinary') === (c.matched !== null)));
      const fiveThousand = await preview({ kind: 'fine-at-least', person: 500_000, organisation: 500_000 });
      assert.deepEqual(fiveThousand.cases.filter((c) => c.matched).map((c) => c.matched).sort(), ['拟罚款5,000元，达到目录标准5,000元（单位）', '拟罚款6,000元，达到目录标准5,000元（单位）']);
      const flag = await preview({ kind: 'manual-flag', flag: '重大公共利益' });
      assert.equal(flag.matchedCount, 0);
      assert.ok(flag.note);
      assert.equal((await server.inject({ method: 'POST', url: '/api/review-catalog/preview', headers: officer, payload: { agencyId: whzf, rule: { kind: 'all-ordinary' } } })).statusCode, 403);
      assert.equal(await domainEvents(), events, 'a preview records nothing (a refused one only its security record)');
    });

    it('the catalog tables are a pure function of the events (rebuild gives the same rows)', async () => {
      const dump = async () => ({
        rules: (await ctx().db.selectFrom('review_rules').selectAll().execute()).map((r) => JSON.stringify(r)).sort(),
        versions: (await ctx().db.selectFrom('review_rule_versions').selectAll().execute()).map((r) => JSON.stringify(r)).sort(),
      });
      const before = await dump();
      assert.ok(before.versions.length > before.rules.length, 'some rules have several versions');
      await rebuildProjections(ctx().db, ctx().ledger);
      assert.deepEqual(await dump(), before);
    });
  },
  () => new FixedClock(`${TODAY}T01:00:00.000Z`),
);
