import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { countEvents } from '../../src/ledger/ledger.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';
import { DEMO_BENCHMARKS } from '../../src/modules/cases/benchmarks.seed.ts';
import { BENCHMARK_COLUMNS } from '../../src/modules/cases/benchmarks.excel.ts';
import { checkWithinBenchmark } from '../../src/modules/cases/benchmarks.rules.ts';
import { loadBenchmark } from '../../src/modules/cases/benchmarks.service.ts';
import type { BenchmarkLevel, DiscretionBenchmark } from '../../src/shared/api.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: unknown[][], header: readonly string[] = BENCHMARK_COLUMNS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('裁量基准');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const LEVELS: BenchmarkLevel[] = [
  { name: '一般', circumstances: '首次违法', kinds: ['warning', 'fine'], fine: { minFen: 100000, maxFen: 500000 }, gainsMultiple: null, note: null },
  { name: '严重', circumstances: '一年内再次违法', kinds: ['warning', 'fine', 'suspend-business'], fine: { minFen: 500000, maxFen: 1500000 }, gainsMultiple: null, note: '责令停业整顿' },
];

describeEachEngine('discretion benchmarks (裁量基准)', (ctx) => {
  let server: FastifyInstance;
  let head: Session;
  let officer: Session;
  let whzf = '';
  let wwj = '';
  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    head = await loginAs(server, 'whzf-head');
    officer = await loginAs(server, 'whzf-officer1');
    const agencies = await ctx().db.selectFrom('agencies').select(['id', 'code']).execute();
    whzf = agencies.find((a) => a.code === 'hy-whzf')!.id;
    wwj = agencies.find((a) => a.code === 'hy-wwj')!.id;
  });
  const get = (url: string, auth: Session = head) => server.inject({ url, headers: auth });
  const list = async (query: string, auth: Session = head) => (await get(`/api/benchmarks?${query}`, auth)).json() as DiscretionBenchmark[];
  let n = 0;
  const create = (payload: Record<string, unknown>, auth: Session = head) =>
    server.inject({ method: 'POST', url: '/api/benchmarks', headers: auth, payload: { agencyId: whzf, field: '文化市场', code: `测试-${++n}`, violation: '测试违法行为', legalBasis: '第一条', penaltyBasis: '第二条', levels: LEVELS, ...payload } });

  it('the demo tables hold every seeded entry, each valid, and list by agency, field, text and status', async () => {
    const all = await list(`agencyId=${whzf}`);
    assert.equal(all.length, DEMO_BENCHMARKS.filter((b) => b.agency === 'hy-whzf').length);
    assert.ok(all.every((b) => b.status === 'active' && b.levels.length >= 2 && b.levels.length <= 4));
    const admin = await loginAs(server, 'admin');
    assert.deepEqual((await list(`agencyId=${wwj}&field=${encodeURIComponent('文物')}`, admin)).map((b) => b.code).sort(), ['文物-修缮-01', '文物-建设-01']);
    assert.deepEqual(await list(`agencyId=${wwj}`), [], 'whzf’s head does not see wwj’s table');
    assert.deepEqual((await list(`q=${encodeURIComponent('第四十四条')}`)).map((b) => b.code).sort(), ['文市-演出-01', '文市-演出-02']);
    assert.deepEqual(await list('q=%25'), [], 'a LIKE wildcard in q matches literally');
    assert.deepEqual(await list('status=retired'), []);
  });

  it('an officer reads only the own agency’s table', async () => {
    const seen = await list('', officer);
    assert.ok(seen.length > 0 && seen.every((b) => b.agencyId === whzf));
    assert.deepEqual(await list(`agencyId=${wwj}`, officer), [], 'filtering by another agency lists nothing');
    const foreign = (await list(`agencyId=${wwj}`, await loginAs(server, 'admin')))[0]!;
    assert.equal((await get(`/api/benchmarks/${foreign.id}`, officer)).statusCode, 403);
  });

  it('the case module’s check works on a seeded entry: 《营业性演出管理条例》第四十四条, 8–10 倍违法所得', async () => {
    const [entry] = await list(`q=${encodeURIComponent('文市-演出-01')}`);
    const b = await loadBenchmark(ctx().db, entry!.id);
    const penalty = { kinds: ['confiscate-gains', 'fine'] as const, fineFen: 16000000, confiscatedGainsFen: 2000000, confiscatedPropertyFen: null, description: '' };
    assert.deepEqual(checkWithinBenchmark(b, '一般', { ...penalty, kinds: [...penalty.kinds] }, 2000000), { ok: true });
    const v = checkWithinBenchmark(b, '一般', { ...penalty, kinds: [...penalty.kinds], fineFen: 4000000 });
    assert.ok(!v.ok && v.code === 'outside-benchmark' && v.details.article === '《营业性演出管理条例》第四十四条第一款');
  });

  it('an invalid entry is refused with every problem on its field, and nothing is recorded', async () => {
    const before = await countEvents(ctx().db);
    const res = await create({ levels: [{ ...LEVELS[0]!, fine: { minFen: 500000, maxFen: 100000 } }, { ...LEVELS[1]!, name: '一般' }] });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'benchmark-invalid');
    assert.deepEqual(res.json().details.fields.map((f: { field: string }) => f.field), ['levels.0.fine.maxFen', 'levels.1.name']);
    const schema = await create({ levels: [{ ...LEVELS[0]!, kinds: ['拘留'] }] });
    assert.equal(schema.statusCode, 400);
    assert.equal(schema.json().code, 'validation-failed');
    const extra = await create({ status: 'retired' });
    assert.equal(extra.statusCode, 400, 'unknown fields are refused, not dropped');
    assert.equal(await countEvents(ctx().db), before);
  });

  it('a code is unique within the agency (409), but another agency may use it', async () => {
    const first = await create({ code: '唯一-01' });
    assert.equal(first.statusCode, 201);
    const dup = await create({ code: '唯一-01' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().code, 'benchmark-code-taken');
    const admin = await loginAs(server, 'admin');
    assert.equal((await create({ code: '唯一-01', agencyId: wwj }, admin)).statusCode, 201);
  });

  it('an edit needs If-Match and a reason; a stale version gets 409 with the current state; the history keeps before, after and why', async () => {
    const b = (await create({})).json() as DiscretionBenchmark;
    const patch = (payload: object, version?: number) =>
      server.inject({ method: 'PATCH', url: `/api/benchmarks/${b.id}`, headers: { ...head, ...(version ? { 'if-match': `"${version}"` } : {}) }, payload });
    assert.equal((await patch({ violation: '改', reason: '修订' })).statusCode, 428);
    const noReason = await patch({ violation: '改' }, b.version);
    assert.equal(noReason.statusCode, 400, 'the schema requires the reason');
    const events = await countEvents(ctx().db);
    const same = await patch({ violation: b.violation, levels: b.levels, reason: '无变化' }, b.version);
    assert.equal(same.statusCode, 200);
    assert.equal(same.json().version, b.version, 'an edit that changes nothing appends nothing');
    assert.equal(await countEvents(ctx().db), events);

    const levels = [{ ...LEVELS[0]!, fine: { minFen: 200000, maxFen: 500000 } }, LEVELS[1]!];
    const ok = await patch({ levels, reason: '提高一般等次罚款下限' }, b.version);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.headers.etag, `"${b.version + 1}"`);
    assert.equal(ok.json().levels[0].fine.minFen, 200000);
    const stale = await patch({ violation: '再改', reason: '并发' }, b.version);
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().details.state.levels[0].fine.minFen, 200000);

    const history = (await get(`/api/benchmarks/${b.id}/history`)).json();
    assert.deepEqual(history.map((h: { type: string }) => h.type), ['benchmark.created', 'benchmark.updated']);
    assert.equal(history[1].data.reason, '提高一般等次罚款下限');
    assert.equal(history[1].data.changes.levels.before[0].fine.minFen, 100000);
    assert.equal(history[1].data.changes.levels.after[0].fine.minFen, 200000);
    assert.deepEqual(Object.keys(history[1].data.changes), ['levels']);
  });

  it('simultaneous edits with the same version: exactly one wins, the others get 409', async () => {
    const b = (await create({})).json() as DiscretionBenchmark;
    const results = await Promise.all(
      ['甲', '乙', '丙', '丁'].map((v) =>
        server.inject({ method: 'PATCH', url: `/api/benchmarks/${b.id}`, headers: { ...head, 'if-match': `"${b.version}"` }, payload: { violation: `并发修改${v}`, reason: '并发' } }),
      ),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409, 409, 409]);
    assert.equal((await get(`/api/benchmarks/${b.id}`)).json().version, b.version + 1);
  });

  it('retiring needs a reason; a retired entry stays listed as retired and can no longer be edited or retired', async () => {
    const b = (await create({})).json() as DiscretionBenchmark;
    const retire = (payload: object, version: number) => server.inject({ method: 'POST', url: `/api/benchmarks/${b.id}/retire`, headers: { ...head, 'if-match': `"${version}"` }, payload });
    assert.equal((await retire({}, b.version)).statusCode, 400);
    const done = await retire({ reason: '上位法修改，本条废止' }, b.version);
    assert.equal(done.statusCode, 200);
    assert.equal(done.json().status, 'retired');
    assert.ok((await list('status=retired')).some((x) => x.id === b.id));
    assert.ok(!(await list('status=active')).some((x) => x.id === b.id));
    const again = await retire({ reason: '再次' }, b.version + 1);
    assert.equal(again.json().code, 'benchmark-retired');
    const edit = await server.inject({ method: 'PATCH', url: `/api/benchmarks/${b.id}`, headers: { ...head, 'if-match': `"${b.version + 1}"` }, payload: { violation: '改', reason: '改' } });
    assert.equal(edit.statusCode, 409);
    assert.equal(edit.json().code, 'benchmark-retired');
    const history = (await get(`/api/benchmarks/${b.id}/history`)).json();
    assert.deepEqual(history[1].data, { id: b.id, changes: { status: { before: 'active', after: 'retired' } }, reason: '上位法修改，本条废止' });
  });

  it('an officer may read but not manage; the head of legal review manages an overseen agency’s table', async () => {
    assert.equal((await create({}, officer)).statusCode, 403);
    const legalHead = await loginAs(server, 'wtgx-legalhead');
    assert.equal((await create({}, legalHead)).statusCode, 201, 'hy-whzf is overseen by hy-wtgx');
  });

  it('Excel: exporting and re-importing the table changes nothing; an edited row updates its entry and a new code creates one', async () => {
    const wwjHead = await loginAs(server, 'wwj-head');
    const exported = await get(`/api/benchmarks/export.xlsx?agencyId=${wwj}`, wwjHead);
    assert.equal(exported.statusCode, 200);
    assert.equal(exported.headers['content-type'], XLSX);
    const entries = (await list(`agencyId=${wwj}`, wwjHead)).length;
    const upload = (file: Buffer, query = '') => server.inject({ method: 'POST', url: `/api/benchmarks/import?agencyId=${wwj}${query}`, payload: file, headers: { ...wwjHead, 'content-type': XLSX } });
    const events = await countEvents(ctx().db);
    const same = await upload(exported.rawPayload);
    assert.equal(same.statusCode, 200, same.body);
    assert.deepEqual(same.json(), { created: 0, updated: 0, unchanged: entries });
    assert.equal(await countEvents(ctx().db), events);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((r, i) => {
      if (i > 1) rows.push((r.values as unknown[]).slice(1, BENCHMARK_COLUMNS.length + 1));
    });
    // Raise one level's ceiling, and add a new two-level entry whose further row leaves the entry columns blank.
    const target = rows.find((r) => r[0] === '文物-修缮-01' && r[5] === '较重（个人）')!;
    target[9] = 600000;
    rows.push(['文物-新增-01', '文物', '未按规定报告文物险情', '第一条', '第二条', '一般', '首次', '警告', '', '', '', '', '', '']);
    rows.push(['文物-新增-01', '', '', '', '', '较重', '造成文物损毁', '警告、罚款', 10000, 50000, '', '', '', '责令改正']);
    const res = await upload(await workbook(rows), `&reason=${encodeURIComponent('年度修订')}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { created: 1, updated: 1, unchanged: entries - 1 });
    const [fixed] = await list(`agencyId=${wwj}&q=${encodeURIComponent('文物-修缮-01')}`, wwjHead);
    assert.equal(fixed!.levels.find((l) => l.name === '较重（个人）')!.fine!.maxFen, 60000000);
    const history = (await get(`/api/benchmarks/${fixed!.id}/history`, wwjHead)).json();
    assert.equal(history.at(-1).data.reason, '年度修订');
    const [added] = await list(`agencyId=${wwj}&q=${encodeURIComponent('文物-新增-01')}`, wwjHead);
    assert.deepEqual(added!.levels.map((l) => [l.name, l.kinds, l.fine]), [
      ['一般', ['warning'], null],
      ['较重', ['warning', 'fine'], { minFen: 1000000, maxFen: 5000000 }],
    ]);
  });

  it('Excel: a file with any bad row imports nothing and lists every problem by row and column', async () => {
    const before = await countEvents(ctx().db);
    const file = await workbook([
      ['导入-01', '文化市场', '行为甲', '依据甲', '处罚甲', '一般', '首次', '警告、罚款', 5000, 1000, '', '', '', ''],
      ['导入-01', '文物', '', '', '', '一般', '再次', '警告、拘留', '', '', '', '', '', ''],
      ['', '文化市场', '行为乙', '依据乙', '处罚乙', '一般', '首次', '警告', '', '', '', '', '', ''],
      ['导入-02', '文化市场', '行为丙', '依据丙', '处罚丙', '一般', '首次', '罚款', '一万', '', '8', '', '', ''],
    ]);
    const res = await server.inject({ method: 'POST', url: `/api/benchmarks/import?agencyId=${whzf}`, payload: file, headers: { ...head, 'content-type': XLSX } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'import-invalid');
    const cells = (res.json().details.errors as Array<{ row: number; column: string }>).map((e) => `${e.row}:${e.column}`);
    for (const want of ['2:罚款上限（元）', '3:执法领域', '3:处罚种类', '3:裁量等次', '4:编码', '5:罚款下限（元）', '5:罚款上限（元）', '5:违法所得倍数上限']) {
      assert.ok(cells.includes(want), `expected a problem at ${want}; got ${cells.join(', ')}`);
    }
    assert.equal(await countEvents(ctx().db), before);
    const header = await server.inject({ method: 'POST', url: `/api/benchmarks/import?agencyId=${whzf}`, payload: await workbook([], ['编号']), headers: { ...head, 'content-type': XLSX } });
    assert.equal(header.json().details.errors[0].column, '编码');
  });

  it('Excel: the template downloads with the columns the import reads', async () => {
    const res = await get('/api/benchmarks/template.xlsx', officer);
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1), [...BENCHMARK_COLUMNS]);
    assert.equal(wb.worksheets[0]!.rowCount, 1, 'the entry sheet is blank; the example is on the help sheet');
  });

  it('rebuilding the projection from the ledger gives the same rows (created, updated, retired)', async () => {
    const types = new Set((await ctx().db.selectFrom('events').select('type').where('type', 'like', 'benchmark.%').execute()).map((e) => e.type));
    assert.deepEqual([...types].sort(), ['benchmark.created', 'benchmark.retired', 'benchmark.updated']);
    const dump = async () => (await ctx().db.selectFrom('discretion_benchmarks').selectAll().execute()).map((r) => JSON.stringify(r)).sort();
    const before = await dump();
    await rebuildProjections(ctx().db, ctx().ledger);
    assert.deepEqual(await dump(), before);
  });
});
