import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { FixedClock } from '../../src/kernel/clock.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { countEvents } from '../../src/ledger/ledger.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';
import { DEMO_WHZF_POWERS, PENALTY_FLOWCHART, LICENSING_FLOWCHART } from '../../src/modules/publicity/disclosures.seed.ts';
import { flowchartProblems } from '../../src/modules/publicity/disclosures.rules.ts';
import { flowchartSvg, layoutFlowchart } from '../../src/shared/flowchart.ts';
import { PUBLIC_STAFF_KEYS, type DisclosureDetail, type FlowchartContent, type PowerContent, type PublicAgencyProfile, type PublicDisclosure, type PublicDisclosureChange, type PublicDisclosureHistory } from '../../src/shared/disclosures.ts';

const TODAY = '2026-03-02';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const POWER_HEADER = ['事项编码', '事项名称', '权力类型', '设定依据', '承办机构', '办理流程', '监督方式', '救济途径'];

async function sheet(rows: unknown[][], header = POWER_HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('权责清单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachEngine(
  '事前公开 (before-enforcement disclosures, 国办发〔2018〕118号第四项)',
  (ctx) => {
    let server: FastifyInstance;
    let editor: Session;
    let reviewer: Session;
    let officer: Session;
    let whzf = '';
    let wtgx = '';
    before(async () => {
      await seedDemo(ctx());
      server = await buildServer(ctx(), { webDir: null });
      editor = await loginAs(server, 'whzf-publicity');
      reviewer = await loginAs(server, 'whzf-publicity2');
      officer = await loginAs(server, 'whzf-officer1');
      const agencies = await ctx().db.selectFrom('agencies').select(['id', 'code']).execute();
      whzf = agencies.find((a) => a.code === 'hy-whzf')!.id;
      wtgx = agencies.find((a) => a.code === 'hy-wtgx')!.id;
    });
    const pub = async <T>(path: string): Promise<T> => {
      const res = await server.inject({ url: `/api/public/agencies/${whzf}/disclosures${path}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as T;
    };
    const get = async (id: string, auth: Session = editor) => {
      const res = await server.inject({ url: `/api/disclosures/${id}`, headers: auth });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as DisclosureDetail;
    };
    const act = (d: { id: string; version: number }, path: string, auth: Session, payload?: Record<string, unknown>) =>
      server.inject({ method: 'POST', url: `/api/disclosures/${d.id}/${path}`, headers: { ...auth, 'if-match': `"${d.version}"` }, ...(payload ? { payload } : {}) });
    const powerByCode = async (code: string) => (await pub<PublicDisclosure[]>('?kind=power')).find((p) => (p.content as PowerContent).code === code)!;

    it('the demo bureau publishes its 权责清单, 随机抽查事项, flowchart, channels and profile with its 内设机构, without logging in', async () => {
      const powers = await pub<PublicDisclosure[]>('?kind=power');
      assert.equal(powers.length, DEMO_WHZF_POWERS.length);
      assert.ok(powers.some((p) => (p.content as PowerContent).basis.includes('《互联网上网服务营业场所管理条例》第二十一条')));
      assert.deepEqual(
        powers.map((p) => (p.content as PowerContent).code),
        DEMO_WHZF_POWERS.map((p) => p.code).sort(),
        'in 事项编码 order',
      );
      assert.ok((await pub<PublicDisclosure[]>('?kind=inspection-item')).length >= 5);
      assert.deepEqual((await pub<PublicDisclosure[]>('?kind=flowchart')).map((f) => f.title), ['行政处罚一般程序流程图']);
      assert.ok((await pub<PublicDisclosure[]>('?kind=channel')).some((c) => (c.content as { contact: string }).contact === '12345'));
      const profile = await pub<PublicAgencyProfile>('/profile');
      assert.equal(profile.agency.name, '衡阳市文化市场综合执法局');
      assert.deepEqual(profile.units, ['执法一科', '执法二科', '法制科']);
      assert.match((profile.profile!.content as { summary: string }).summary, /综合执法/);
      const search = await pub<PublicDisclosure[]>(`?kind=power&q=${encodeURIComponent('未成年人')}`);
      assert.ok(search.length >= 2 && search.every((p) => JSON.stringify(p.content).includes('未成年人')));
      const licensing = await server.inject({ url: `/api/public/agencies/${wtgx}/disclosures?kind=service-guide` });
      assert.deepEqual((licensing.json() as PublicDisclosure[]).map((g) => g.title), ['娱乐场所从事娱乐场所经营活动审批']);
      assert.equal((await server.inject({ url: '/api/public/agencies/nope/disclosures' })).statusCode, 404);
    });

    it('edit → review → publish: a change is public only when a second 公示审核员 publishes it; the drafter cannot approve; both versions stay public', async () => {
      const before = await powerByCode('CF-WH-001');
      const item = await get(before.id);
      assert.equal(item.status, 'published');
      const changed: PowerContent = { ...(before.content as PowerContent), unit: '执法二科', procedure: `${(before.content as PowerContent).procedure}（2026年调整承办机构）` };

      assert.equal((await act(item, 'draft', officer, { content: changed })).statusCode, 403, 'an officer does not edit publicity');
      const drafted = await act(item, 'draft', editor, { content: changed, note: '承办机构调整为执法二科' });
      assert.equal(drafted.statusCode, 200, drafted.body);
      let d = drafted.json() as DisclosureDetail;
      assert.equal(d.draft!.state, 'draft');
      assert.equal(((await powerByCode('CF-WH-001')).content as PowerContent).unit, '执法一科', 'a draft is not public');

      // Not yet in review: nothing to publish.
      const early = await act(d, 'publish', reviewer);
      assert.equal(early.statusCode, 409);
      assert.equal(early.json().code, 'disclosure-invalid-state');

      d = (await act(d, 'submit', editor)).json() as DisclosureDetail;
      assert.equal(d.draft!.state, 'in-review');
      assert.equal((await act(d, 'draft', editor, { content: changed })).json().code, 'disclosure-invalid-state', 'what is in review is fixed');

      const eventsBefore = await countEvents(ctx().db);
      const self = await act(d, 'publish', editor);
      assert.equal(self.statusCode, 403);
      assert.equal(self.json().code, 'disclosure-drafter-cannot-approve');
      assert.equal(await countEvents(ctx().db), eventsBefore, 'a refusal records nothing');

      const stale = await act({ id: d.id, version: d.version - 1 }, 'publish', reviewer);
      assert.equal(stale.json().code, 'version-mismatch');
      const published = await act(d, 'publish', reviewer);
      assert.equal(published.statusCode, 200, published.body);
      d = published.json() as DisclosureDetail;
      assert.equal(d.publishedVersion, 2);
      assert.equal(d.draft, null);
      assert.deepEqual(d.versions[1]!.draftedBy.map((p) => p.name), ['whzf公示审核员']);
      assert.equal(d.versions[1]!.publishedBy.name, '钱公示');

      const now = await powerByCode('CF-WH-001');
      assert.equal((now.content as PowerContent).unit, '执法二科');
      assert.equal(now.version, 2);
      const history = await pub<PublicDisclosureHistory>(`/${d.id}`);
      assert.deepEqual(history.versions.map((v) => [v.version, (v.content as PowerContent).unit, v.note]), [
        [1, '执法一科', '首次公开（已公开的内容录入本平台）'],
        [2, '执法二科', '承办机构调整为执法二科'],
      ]);
      const changes = await pub<PublicDisclosureChange[]>('/changes?kind=power');
      assert.deepEqual([changes[0]!.itemId, changes[0]!.version], [d.id, 2]);

      const events = await ctx().db.selectFrom('events').select(['type', 'data']).where('subject', '=', d.id).orderBy('seq').execute();
      assert.deepEqual(events.map((e) => e.type), ['disclosure.created', 'disclosure.submitted', 'disclosure.published', 'disclosure.drafted', 'disclosure.submitted', 'disclosure.published']);
      assert.deepEqual(JSON.parse(events[5]!.data).content, changed, 'the published event carries exactly the published content');
    });

    it('the reviewer returns a draft with a reason; an unchanged draft and a change of 事项编码 are refused', async () => {
      const item = await get((await powerByCode('CF-WH-002')).id);
      const same = await act(item, 'draft', editor, { content: item.published });
      assert.equal(same.json().code, 'disclosure-unchanged');
      const recoded = await act(item, 'draft', editor, { content: { ...(item.published as PowerContent), code: 'CF-WH-999' } });
      assert.equal(recoded.json().code, 'disclosure-invalid');
      let d = (await act(item, 'draft', editor, { content: { ...(item.published as PowerContent), name: `${(item.published as PowerContent).name}（修订）` } })).json() as DisclosureDetail;
      d = (await act(d, 'submit', editor)).json() as DisclosureDetail;
      assert.equal((await act(d, 'return', reviewer, {})).statusCode, 400, 'a return needs its reason');
      const returned = await act(d, 'return', reviewer, { reason: '名称应与省级权责清单一致' });
      assert.equal(returned.statusCode, 200, returned.body);
      d = returned.json() as DisclosureDetail;
      assert.deepEqual([d.draft!.state, d.draft!.returnReason], ['draft', '名称应与省级权责清单一致']);
      d = (await act(d, 'discard', editor)).json() as DisclosureDetail;
      assert.equal(d.draft, null);
      assert.equal(d.status, 'published', 'discarding a draft leaves the public version');
    });

    it('a removal (撤下) is drafted, reviewed and published like a change: gone from the list, kept in the history with its reason', async () => {
      const item = await get((await powerByCode('CF-WH-010')).id);
      assert.equal((await act(item, 'removal', editor, { note: ' ' })).statusCode, 400);
      let d = (await act(item, 'removal', editor, { note: '该事项已划转市场监督管理部门' })).json() as DisclosureDetail;
      d = (await act(d, 'submit', editor)).json() as DisclosureDetail;
      d = (await act(d, 'publish', reviewer)).json() as DisclosureDetail;
      assert.equal(d.status, 'removed');
      assert.ok(!(await pub<PublicDisclosure[]>('?kind=power')).some((p) => p.id === d.id));
      const history = await pub<PublicDisclosureHistory>(`/${d.id}`);
      assert.equal(history.current, null);
      assert.deepEqual(history.versions.map((v) => [v.version, v.removal, v.note]).slice(1), [[2, true, '该事项已划转市场监督管理部门']]);
    });

    it('new items: content is checked against its kind (nothing recorded on a refusal); one profile per agency; unpublished drafts are not public', async () => {
      const events = await countEvents(ctx().db);
      const bad = await server.inject({ method: 'POST', url: '/api/disclosures', headers: editor, payload: { agencyId: whzf, kind: 'channel', content: { name: ' ', kind: 'complaint', contact: '', address: null, hours: null, description: null } } });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'disclosure-invalid');
      assert.match(bad.json().message, /渠道名称必填/);
      const stray = await server.inject({ method: 'POST', url: '/api/disclosures', headers: editor, payload: { agencyId: whzf, kind: 'channel', content: { name: '信箱', kind: 'complaint', contact: 'x', address: null, hours: null, description: null, phone: '1' } } });
      assert.equal(stray.statusCode, 400, 'no stray fields');
      const profile = await server.inject({
        method: 'POST',
        url: '/api/disclosures',
        headers: editor,
        payload: { agencyId: whzf, kind: 'profile', content: { summary: '简介', duties: '职责', address: '地址', hours: '时间', phone: '电话', website: null } },
      });
      assert.equal(profile.statusCode, 409);
      assert.equal(profile.json().code, 'disclosure-code-taken');
      assert.equal(await countEvents(ctx().db), events);

      const created = await server.inject({ method: 'POST', url: '/api/disclosures', headers: editor, payload: { agencyId: whzf, kind: 'channel', content: { name: '局长信箱', kind: 'supervision', contact: 'jzxx@example.gov.cn', address: null, hours: '', description: null } } });
      assert.equal(created.statusCode, 201, created.body);
      const d = created.json() as DisclosureDetail;
      assert.equal((d.draft!.content as { hours: string | null }).hours, null, 'blank optional text is stored as null');
      assert.equal((await server.inject({ url: `/api/public/agencies/${whzf}/disclosures/${d.id}` })).statusCode, 404, 'never published: not public');
      const other = await server.inject({ method: 'POST', url: '/api/disclosures', headers: editor, payload: { agencyId: wtgx, kind: 'channel', content: { name: '信箱', kind: 'complaint', contact: 'x', address: null, hours: null, description: null } } });
      assert.equal(other.statusCode, 403, 'another agency’s list is not this editor’s');
      const list = await server.inject({ url: `/api/disclosures?agencyId=${whzf}&pending=any`, headers: editor });
      assert.ok((list.json() as { id: string }[]).some((i) => i.id === d.id));
    });

    it('the staff list comes live from the officer register and shows name, unit, post, 执法种类, certificate number and status — nothing else', async () => {
      const staff = await pub<Record<string, unknown>[]>('/staff');
      assert.ok(staff.length >= 6);
      for (const m of staff) assert.deepEqual(Object.keys(m).sort(), [...PUBLIC_STAFF_KEYS].sort());
      const liu = staff.find((m) => m.name === '刘建国')!;
      assert.deepEqual(liu, { name: '刘建国', unit: '执法一科', post: '科长', fields: ['文化市场', '新闻出版'], certificateNo: '43040120001', status: 'valid' });
      assert.equal(staff.find((m) => m.name === '郑伟')!.status, 'suspended');
      assert.equal(staff.find((m) => m.name === '吴海燕')!.status, 'expired');
      const officers = await ctx().db.selectFrom('officers').select(['name', 'auxiliary']).where('agency_id', '=', whzf).execute();
      const auxiliary = officers.filter((o) => Number(o.auxiliary) === 1).map((o) => o.name);
      assert.ok(auxiliary.length > 0 && auxiliary.every((name) => !staff.some((m) => m.name === name)), 'auxiliary staff hold no certificate and are not listed');
      const text = JSON.stringify(staff);
      assert.ok(!/衡阳市人民政府|2028-12-31|userId|issuingAuthority/.test(text), 'no issuing authority, validity dates or account links');
    });

    it('the discretion benchmarks and the review catalog in force are published from their own modules', async () => {
      const benchmarks = await pub<{ code: string; levels: { standard: string }[] }[]>('/benchmarks');
      const inDb = await ctx().db.selectFrom('discretion_benchmarks').select('code').where('agency_id', '=', whzf).where('status', '=', 'active').execute();
      assert.deepEqual(benchmarks.map((b) => b.code).sort(), inDb.map((b) => b.code).sort());
      assert.ok(benchmarks.every((b) => b.levels.every((lv) => lv.standard.length > 0)));
      const catalog = await pub<{ label: string }[]>('/catalog');
      assert.ok(catalog.some((r) => r.label.includes('经过听证程序')));
    });

    it('权责清单 Excel import: new codes are created and changed entries drafted, all submitted for review; the export lists the entries', async () => {
      const existing = DEMO_WHZF_POWERS.find((p) => p.code === 'CF-WH-003')!;
      const file = await sheet([
        ['CF-WH-101', '对网络表演经营单位提供含有禁止内容的网络表演的行政处罚', '行政处罚', '《网络表演经营活动管理办法》第六条', '执法一科', '立案—调查—告知—决定—送达', '12345', '行政复议或行政诉讼'],
        [existing.code, existing.name, '行政处罚', existing.basis, '执法二科', existing.procedure, existing.supervision, existing.remedy],
        [DEMO_WHZF_POWERS[4]!.code, DEMO_WHZF_POWERS[4]!.name, '行政处罚', DEMO_WHZF_POWERS[4]!.basis, DEMO_WHZF_POWERS[4]!.unit, DEMO_WHZF_POWERS[4]!.procedure, DEMO_WHZF_POWERS[4]!.supervision, DEMO_WHZF_POWERS[4]!.remedy],
      ]);
      const res = await server.inject({ method: 'POST', url: `/api/disclosures/powers/import?agencyId=${whzf}`, headers: { ...editor, 'content-type': XLSX }, payload: file });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { created: 1, updated: 1, unchanged: 1 });
      const review = (await (await server.inject({ url: `/api/disclosures?agencyId=${whzf}&kind=power&pending=review`, headers: reviewer })).json()) as { code: string }[];
      assert.deepEqual(review.map((i) => i.code).sort(), ['CF-WH-003', 'CF-WH-101']);
      assert.ok(!(await pub<PublicDisclosure[]>('?kind=power')).some((p) => (p.content as PowerContent).code === 'CF-WH-101'), 'imported entries are public only once published');

      const exported = await server.inject({ url: `/api/disclosures/powers/export.xlsx?agencyId=${whzf}`, headers: editor });
      assert.equal(exported.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const codes: unknown[] = [];
      wb.worksheets[0]!.eachRow((r) => codes.push(r.getCell(1).value));
      assert.equal(codes[0], '事项编码');
      assert.ok(codes.includes('CF-WH-101') && codes.includes('CF-WH-001'));
      const template = await server.inject({ url: '/api/disclosures/powers/template.xlsx', headers: editor });
      assert.equal(template.statusCode, 200);
    });

    it('权责清单 Excel import with errors: every problem by row and column in Chinese, and nothing imported', async () => {
      const events = await countEvents(ctx().db);
      const file = await sheet([
        ['CF-WH-201', '新事项', '行政罚款', '依据', '执法一科', '流程', '监督', '救济'],
        ['', '无编码事项', '行政处罚', '依据', '执法一科', '流程', '监督', '救济'],
        ['CF-WH-201', '重复编码', '行政处罚', '依据', '执法一科', '流程', '监督', ''],
        ['CF-WH-202', '正确的一行', '行政检查', '依据', '执法一科', '流程', '监督', '救济'],
      ]);
      const res = await server.inject({ method: 'POST', url: `/api/disclosures/powers/import?agencyId=${whzf}`, headers: { ...editor, 'content-type': XLSX }, payload: file });
      assert.equal(res.statusCode, 400);
      const body = res.json();
      assert.equal(body.code, 'import-invalid');
      assert.match(body.message, /未导入任何数据/);
      const errors = body.details.errors as { row: number; column: string; message: string }[];
      assert.deepEqual(
        errors.map((e) => [e.row, e.column]),
        [
          [2, '权力类型'],
          [3, '事项编码'],
          [4, '救济途径'],
          [4, '事项编码'],
        ],
      );
      assert.match(errors[0]!.message, /“行政罚款”不是权力类型/);
      assert.match(errors[1]!.message, /事项编码必填/);
      assert.match(errors[3]!.message, /与第 2 行重复/);
      assert.equal(await countEvents(ctx().db), events, 'nothing imported');
      const header = await server.inject({ method: 'POST', url: `/api/disclosures/powers/import?agencyId=${whzf}`, headers: { ...editor, 'content-type': XLSX }, payload: await sheet([], ['编码', '名称']) });
      assert.equal(header.json().details.errors[0].row, 1);
    });

    it('flowcharts are structured steps rendered as SVG: every step drawn, arrows between them, text escaped; a chart that cannot be drawn is refused', async () => {
      for (const chart of [PENALTY_FLOWCHART, LICENSING_FLOWCHART]) {
        assert.deepEqual(flowchartProblems(chart), []);
        const svg = flowchartSvg(chart);
        assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        assert.equal((svg.match(/class="fc-node /g) ?? []).length, chart.steps.length);
        assert.equal((svg.match(/class="fc-edge"/g) ?? []).length, chart.steps.reduce((n, s) => n + s.next.length, 0));
        for (const s of chart.steps) assert.ok(svg.includes(`data-id="${s.id}"`));
        const layout = layoutFlowchart(chart);
        for (const a of layout.nodes) {
          for (const b of layout.nodes) {
            if (a === b) continue;
            const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
            assert.ok(!overlap, `${a.id} and ${b.id} overlap`);
          }
          assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.w <= layout.width && a.y + a.h <= layout.height, `${a.id} inside the picture`);
        }
      }
      assert.ok(layoutFlowchart(LICENSING_FLOWCHART).edges.some((e) => e.back), 'the 补正 loop runs back up');
      const xss: FlowchartContent = { title: '<script>', description: null, steps: [{ id: 'a', kind: 'start', label: '<b>&', note: null, next: [{ to: 'b', label: null }] }, { id: 'b', kind: 'end', label: '结束', note: null, next: [] }] };
      assert.ok(!flowchartSvg(xss).includes('<b>') && flowchartSvg(xss).includes('&lt;b&gt;&amp;'));

      const broken: FlowchartContent = {
        title: '不完整的流程',
        description: null,
        steps: [
          { id: 's1', kind: 'start', label: '开始', note: null, next: [{ to: 's2', label: null }] },
          { id: 's2', kind: 'decision', label: '是否受理', note: null, next: [{ to: 's3', label: null }] },
          { id: 's3', kind: 'end', label: '结束', note: null, next: [] },
          { id: 's4', kind: 'step', label: '孤立步骤', note: null, next: [{ to: 's9', label: null }] },
        ],
      };
      const res = await server.inject({ method: 'POST', url: '/api/disclosures', headers: editor, payload: { agencyId: whzf, kind: 'flowchart', content: broken } });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'disclosure-invalid');
      const messages = (res.json().details.fields as { message: string }[]).map((f) => f.message).join('\n');
      assert.match(messages, /判断“是否受理”至少需要两个分支/);
      assert.match(messages, /指向不存在的步骤“s9”/);
      const chart = await pub<PublicDisclosure[]>('?kind=flowchart');
      assert.deepEqual(chart[0]!.content, PENALTY_FLOWCHART, 'the published flowchart is the structure, not a picture');
    });

    it('the disclosure tables are projections: a rebuild from the ledger gives the same rows', async () => {
      const dump = async () => ({
        items: await ctx().db.selectFrom('disclosures').selectAll().orderBy('id').execute(),
        versions: await ctx().db.selectFrom('disclosure_versions').selectAll().orderBy('item_id').orderBy('version').execute(),
      });
      const before = await dump();
      await rebuildProjections(ctx().db, ctx().ledger);
      assert.deepEqual(await dump(), before);
    });
  },
  () => new FixedClock(`${TODAY}T01:00:00.000Z`),
);
