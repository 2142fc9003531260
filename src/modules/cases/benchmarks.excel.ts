/**
 * 裁量基准 in Excel, the way agencies draft and circulate them: one row per severity level, the
 * entry's own columns repeated (or left blank) on its further rows. An import matches entries by
 * code: a new code creates an entry, a known one is updated when its content differs.
 */
import ExcelJS from 'exceljs';
import { cellText, importInvalid, importSheet } from '../../kernel/excel.ts';
import type { Ctx } from '../../context.ts';
import { DomainError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { BenchmarkImportResult, BenchmarkLevel, DiscretionBenchmark, ImportError, NewBenchmark } from '../../shared/api.ts';
import { PENALTY_KIND_LABELS, PENALTY_KINDS, type PenaltyKind } from '../../shared/cases.ts';
import type { Principal } from '../identity/access.policy.ts';
import { requireAccess } from '../identity/access.service.ts';
import { benchmarkProblems, normaliseBenchmark } from './benchmarks.rules.ts';
import { diffChanges } from '../../kernel/changes.ts';
import { createBenchmarkIn, editable, listBenchmarks, loadBenchmark, updateBenchmarkIn } from './benchmarks.service.ts';

/** The columns, in order. The first five describe the entry, the rest one severity level. */
export const BENCHMARK_COLUMNS = [
  '编码',
  '执法领域',
  '违法行为',
  '违法依据',
  '处罚依据',
  '裁量等次',
  '适用情形',
  '处罚种类',
  '罚款下限（元）',
  '罚款上限（元）',
  '违法所得倍数下限',
  '违法所得倍数上限',
  '按倍数计罚的违法所得起点（元）',
  '处罚标准说明',
] as const;
type Column = (typeof BENCHMARK_COLUMNS)[number];
const ENTRY_COLUMNS = ['编码', '执法领域', '违法行为', '违法依据', '处罚依据'] as const satisfies readonly Column[];

/** One import is one transaction; bigger tables go in batches. */
const MAX_ROWS = 5000;

const XLSX_WIDTHS: Partial<Record<Column, number>> = { 违法行为: 30, 违法依据: 30, 处罚依据: 30, 适用情形: 36, 处罚种类: 20, 处罚标准说明: 24 };

const KIND_BY_LABEL = new Map<string, PenaltyKind>(PENALTY_KINDS.map((k) => [PENALTY_KIND_LABELS[k].zh, k]));
const kindsText = (kinds: readonly PenaltyKind[]) => kinds.map((k) => PENALTY_KIND_LABELS[k].zh).join('、');

/** Where each field of an entry lives in the sheet, for mapping a rule's problem back to a cell. */
const PROBLEM_COLUMN: Record<string, Column> = {
  field: '执法领域',
  code: '编码',
  violation: '违法行为',
  legalBasis: '违法依据',
  penaltyBasis: '处罚依据',
  levels: '裁量等次',
  name: '裁量等次',
  circumstances: '适用情形',
  kinds: '处罚种类',
  fine: '罚款下限（元）',
  'fine.minFen': '罚款下限（元）',
  'fine.maxFen': '罚款上限（元）',
  gainsMultiple: '违法所得倍数下限',
  'gainsMultiple.min': '违法所得倍数下限',
  'gainsMultiple.max': '违法所得倍数上限',
  'gainsMultiple.minGainsFen': '按倍数计罚的违法所得起点（元）',
  note: '处罚标准说明',
};

/** Yuan as typed (15000, 15,000, 1234.5) to integer fen; null when not an amount. */
function parseYuan(text: string): number | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.replace(/[,，]/g, '').replace(/元$/, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function parseMultiple(text: string): number | null {
  const m = /^\d{1,3}(?:\.\d{1,2})?$/.exec(text.replace(/倍$/, ''));
  return m ? Number(m[0]) : null;
}

const yuan = (fen: number) => fen / 100;

function sheetHeader(ws: ExcelJS.Worksheet) {
  ws.columns = BENCHMARK_COLUMNS.map((c) => ({ header: c, key: c, width: XLSX_WIDTHS[c] ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function levelRow(b: Pick<NewBenchmark, 'code' | 'field' | 'violation' | 'legalBasis' | 'penaltyBasis'>, lv: BenchmarkLevel): unknown[] {
  return [
    b.code,
    b.field,
    b.violation,
    b.legalBasis,
    b.penaltyBasis,
    lv.name,
    lv.circumstances,
    lv.kinds.length > 0 ? kindsText(lv.kinds) : '不予处罚',
    lv.fine ? yuan(lv.fine.minFen) : '',
    lv.fine ? yuan(lv.fine.maxFen) : '',
    lv.gainsMultiple ? lv.gainsMultiple.min : '',
    lv.gainsMultiple ? lv.gainsMultiple.max : '',
    lv.gainsMultiple?.minGainsFen != null ? yuan(lv.gainsMultiple.minGainsFen) : '',
    lv.note ?? '',
  ];
}

const HELP =
  '说明：在“裁量基准”工作表中每个裁量等次填一行（本表仅为示例，不会导入）。同一条目的各等次编码相同，' +
  '条目的执法领域、违法行为、违法依据、处罚依据可只在第一行填写。处罚种类按《行政处罚法》第九条的名称填写，' +
  '多个用顿号分隔，填“不予处罚”表示该等次不予处罚。金额以元为单位，最多两位小数。按违法所得倍数计罚的，' +
  '填写倍数；违法所得不足“起点”或没有违法所得时按罚款下限、上限计罚。已有编码的条目按导入内容更新。';

/** The blank template; the example lives on a second sheet, so an unedited template imports nothing. */
export async function benchmarkTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('裁量基准');
  sheetHeader(ws);
  ws.getCell('A1').note = HELP;
  const help = wb.addWorksheet('填写说明');
  sheetHeader(help);
  const example = {
    code: '文市-示例-01',
    field: '文化市场',
    violation: '互联网上网服务营业场所接纳未成年人进入营业场所',
    legalBasis: '《互联网上网服务营业场所管理条例》第二十一条',
    penaltyBasis: '《互联网上网服务营业场所管理条例》第三十一条第（二）项',
  };
  const levels: BenchmarkLevel[] = [
    { name: '一般', circumstances: '接纳未成年人1至2人次', kinds: ['warning', 'fine'], fine: { minFen: 100000, maxFen: 500000 }, gainsMultiple: null, note: null },
    { name: '严重', circumstances: '接纳未成年人6人次以上，或一年内再次违法', kinds: ['warning', 'fine', 'suspend-business', 'revoke-licence'], fine: { minFen: 1000000, maxFen: 1500000 }, gainsMultiple: null, note: '责令停业整顿，直至吊销《网络文化经营许可证》' },
  ];
  levels.forEach((lv, i) => help.addRow(i === 0 ? levelRow(example, lv) : ['文市-示例-01', '', '', '', '', ...levelRow(example, lv).slice(5)]));
  help.addRow([]);
  help.addRow([HELP]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The agency's table as an Excel file, in the template's layout plus each entry's status. */
export async function exportBenchmarks(ctx: Ctx, p: Principal, agencyId: string): Promise<Buffer> {
  await requireAccess(ctx.db, p, 'benchmark.read', agencyId);
  const entries = await listBenchmarks(ctx, p, { agencyId });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('裁量基准');
  sheetHeader(ws);
  const status = ws.getColumn(BENCHMARK_COLUMNS.length + 1);
  status.header = '状态';
  status.width = 10;
  for (const b of entries) {
    for (const lv of b.levels) ws.addRow([...levelRow(b, lv), b.status === 'active' ? '有效' : '已废止']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Draft {
  entry: NewBenchmark;
  /** The sheet row of each level, in order; the first is the entry's row. */
  rows: number[];
}

/**
 * Imports an agency's table. Every row is checked first; a file with any problem imports nothing
 * and gets the full list (row, column, message). A good file is applied in one transaction: new
 * codes become `benchmark.created`, changed entries `benchmark.updated` with `reason`.
 */
export async function importBenchmarks(
  ctx: Ctx,
  p: Principal | null,
  agencyId: string,
  file: Buffer,
  reason: string | null = null,
  onProgress?: (done: number, total: number) => void,
): Promise<BenchmarkImportResult> {
  if (p) await requireAccess(ctx.db, p, 'benchmark.manage', agencyId);
  const agency = await ctx.db.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw new DomainError('not-found', `机构不存在：${agencyId}`, 404, { field: 'agencyId' });

  const ws = await importSheet(file, BENCHMARK_COLUMNS);

  const errors: ImportError[] = [];
  const drafts = new Map<string, Draft>();
  let dataRows = 0;
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const v = Object.fromEntries(BENCHMARK_COLUMNS.map((c, i) => [c, cellText(r.getCell(i + 1).value)])) as Record<Column, string>;
    if (BENCHMARK_COLUMNS.every((c) => v[c] === '')) return;
    dataRows++;
    const err = (column: Column, message: string) => errors.push({ row: rowNumber, column, message });
    const code = v['编码'];
    if (!code) {
      err('编码', '必填：同一条目的各等次填写相同的编码');
      return;
    }

    let draft = drafts.get(code);
    if (!draft) {
      draft = {
        entry: { agencyId, code, field: v['执法领域'], violation: v['违法行为'], legalBasis: v['违法依据'], penaltyBasis: v['处罚依据'], levels: [] },
        rows: [],
      };
      drafts.set(code, draft);
    } else {
      // Further rows of an entry may repeat its columns or leave them blank, but not contradict them.
      const first = draft.rows[0]!;
      const keyOf: Record<(typeof ENTRY_COLUMNS)[number], keyof NewBenchmark> = { 编码: 'code', 执法领域: 'field', 违法行为: 'violation', 违法依据: 'legalBasis', 处罚依据: 'penaltyBasis' };
      for (const c of ENTRY_COLUMNS) {
        if (v[c] && v[c] !== draft.entry[keyOf[c]]) err(c, `与第 ${first} 行（同一编码“${code}”）不一致`);
      }
    }
    draft.rows.push(rowNumber);

    const kindsCell = v['处罚种类'];
    const kinds: PenaltyKind[] = [];
    if (kindsCell && kindsCell !== '不予处罚') {
      for (const label of kindsCell.split(/[、,，;；\s]+/).filter(Boolean)) {
        const kind = KIND_BY_LABEL.get(label);
        if (kind) kinds.push(kind);
        else err('处罚种类', `“${label}”不是《行政处罚法》第九条规定的处罚种类（可填：${[...KIND_BY_LABEL.keys()].join('、')}）`);
      }
    }
    const money = (c: Column): number | null => {
      if (!v[c]) return null;
      const fen = parseYuan(v[c]);
      if (fen === null) err(c, '应为金额（元），最多两位小数，如 15000 或 1234.50');
      return fen;
    };
    const multiple = (c: Column): number | null => {
      if (!v[c]) return null;
      const m = parseMultiple(v[c]);
      if (m === null) err(c, '应为倍数，最多两位小数，如 8 或 1.5');
      return m;
    };
    const min = money('罚款下限（元）');
    const max = money('罚款上限（元）');
    if ((v['罚款下限（元）'] === '') !== (v['罚款上限（元）'] === '')) err(v['罚款下限（元）'] ? '罚款上限（元）' : '罚款下限（元）', '罚款下限与上限须同时填写');
    const gMin = multiple('违法所得倍数下限');
    const gMax = multiple('违法所得倍数上限');
    if ((v['违法所得倍数下限'] === '') !== (v['违法所得倍数上限'] === '')) err(v['违法所得倍数下限'] ? '违法所得倍数上限' : '违法所得倍数下限', '倍数下限与上限须同时填写');
    const threshold = money('按倍数计罚的违法所得起点（元）');
    if (v['按倍数计罚的违法所得起点（元）'] && !v['违法所得倍数下限']) err('按倍数计罚的违法所得起点（元）', '只有按违法所得倍数计罚时才填写起点');
    draft.entry.levels.push({
      name: v['裁量等次'],
      circumstances: v['适用情形'],
      kinds,
      fine: min !== null && max !== null ? { minFen: min, maxFen: max } : null,
      gainsMultiple: gMin !== null && gMax !== null ? { min: gMin, max: gMax, minGainsFen: threshold } : null,
      note: v['处罚标准说明'] || null,
    });
  });
  if (dataRows > MAX_ROWS) throw importInvalid([{ row: MAX_ROWS + 2, column: '', message: `一次最多导入 ${MAX_ROWS} 行，请分批导入` }]);
  if (dataRows === 0) throw importInvalid([{ row: 2, column: '', message: '文件中没有数据行' }]);

  const existing = new Map((await ctx.db.selectFrom('discretion_benchmarks').select(['id', 'code']).where('agency_id', '=', agencyId).execute()).map((r) => [r.code, r.id]));
  const current = new Map<string, DiscretionBenchmark>();
  for (const [code, id] of existing) current.set(code, await loadBenchmark(ctx.db, id));
  type Plan = { draft: Draft; action: 'create' } | { draft: Draft; action: 'update'; entry: DiscretionBenchmark } | { draft: Draft; action: 'unchanged' };
  const plans: Plan[] = [];
  for (const draft of drafts.values()) {
    const entry = normaliseBenchmark(draft.entry);
    draft.entry = entry;
    for (const problem of benchmarkProblems(entry)) errors.push(cellOf(problem.field, problem.message, draft));
    const before = current.get(entry.code);
    if (!before) {
      plans.push({ draft, action: 'create' });
      continue;
    }
    const { agencyId: _agency, ...content } = entry;
    const same = Object.keys(diffChanges(normaliseBenchmark(editable(before)), content)).length === 0;
    if (same) plans.push({ draft, action: 'unchanged' });
    else if (before.status === 'retired') errors.push({ row: draft.rows[0]!, column: '编码', message: `编码“${entry.code}”的裁量基准已废止，不能修改` });
    else plans.push({ draft, action: 'update', entry: before });
  }
  if (errors.length > 0) throw importInvalid(errors.sort((a, b) => a.row - b.row));

  const result: BenchmarkImportResult = { created: 0, updated: 0, unchanged: 0 };
  const why = reason?.trim() || '通过 Excel 导入更新';
  await ctx.db.transaction().execute(async (trx) => {
    let done = 0;
    for (const plan of plans) {
      try {
        if (plan.action === 'create') {
          await createBenchmarkIn(ctx, trx, p, newId(), plan.draft.entry);
          result.created++;
        } else if (plan.action === 'update') {
          const { agencyId: _agency, ...patch } = plan.draft.entry;
          const changed = await updateBenchmarkIn(ctx, trx, p, plan.entry.id, plan.entry.version, patch, why);
          if (changed) result.updated++;
          else result.unchanged++;
        } else {
          result.unchanged++;
        }
      } catch (e) {
        if (e instanceof DomainError) throw importInvalid([{ row: plan.draft.rows[0]!, column: '', message: e.message }]);
        throw e;
      }
      onProgress?.(++done, plans.length);
    }
  });
  return result;
}

/** A rule's problem (`levels.2.fine.maxFen`) as the cell it is about. */
function cellOf(field: string, message: string, draft: Draft): ImportError {
  const m = /^levels\.(\d+)\.(.+)$/.exec(field);
  if (m) return { row: draft.rows[Number(m[1])] ?? draft.rows[0]!, column: PROBLEM_COLUMN[m[2]!] ?? '', message };
  return { row: draft.rows[0]!, column: PROBLEM_COLUMN[field] ?? '', message };
}

