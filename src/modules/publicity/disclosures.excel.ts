/**
 * 权责清单 in Excel, the way agencies draft and circulate it: one row per power, the columns of
 * the field table (src/shared/disclosures.ts). An import matches entries by 事项编码: a new code
 * creates an entry, a known one gets a new draft when its content differs; every imported
 * change is submitted for review at once (the import is the editor's submission), so the list
 * goes public only when a reviewer publishes each entry. A file with any problem imports nothing
 * and gets every problem by row and column, in Chinese.
 */
import ExcelJS from 'exceljs';
import { cellText, importInvalid, importSheet } from '../../kernel/excel.ts';
import type { Ctx } from '../../context.ts';
import { DomainError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { ImportError } from '../../shared/api.ts';
import { DISCLOSURE_FIELDS, POWER_TYPE_LABELS, POWER_TYPES, type DisclosureImportResult, type PowerContent, type PowerType } from '../../shared/disclosures.ts';
import type { Principal } from '../identity/access.policy.ts';
import { requireAccess } from '../identity/access.service.ts';
import { contentProblems, normaliseContent, sameContent } from './disclosures.rules.ts';
import { createDisclosureIn, draftDisclosureIn, submitDisclosureIn } from './disclosures.service.ts';

const FIELDS = DISCLOSURE_FIELDS.power;
export const POWER_COLUMNS = FIELDS.map((f) => f.zh);
const MAX_ROWS = 2000;
const WIDTHS: Record<string, number> = { code: 18, name: 36, type: 12, basis: 48, unit: 16, procedure: 40, supervision: 30, remedy: 36 };
const TYPE_BY_LABEL = new Map<string, PowerType>(POWER_TYPES.map((t) => [POWER_TYPE_LABELS[t].zh, t]));

function sheetHeader(ws: ExcelJS.Worksheet): void {
  ws.columns = FIELDS.map((f) => ({ header: f.zh, key: f.key, width: WIDTHS[f.key] ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

const rowOf = (c: PowerContent) => FIELDS.map((f) => (f.key === 'type' ? POWER_TYPE_LABELS[c.type].zh : String((c as unknown as Record<string, unknown>)[f.key] ?? '')));

const HELP =
  `说明：在“权责清单”工作表中每项权力填一行（本表仅为示例，不会导入）。全部列必填。权力类型填：${POWER_TYPES.map((t) => POWER_TYPE_LABELS[t].zh).join('、')}。` +
  '事项编码是条目的标识：已有编码的条目按导入内容生成新的草稿，新编码新增条目；导入的条目一并送审，经审核发布后公开。';

export async function powersTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('权责清单');
  sheetHeader(ws);
  ws.getCell('A1').note = HELP;
  const help = wb.addWorksheet('填写说明');
  sheetHeader(help);
  help.addRow(
    rowOf({
      code: 'CF-WH-001',
      name: '对互联网上网服务营业场所经营单位接纳未成年人进入营业场所的行政处罚',
      type: 'penalty',
      basis: '《互联网上网服务营业场所管理条例》第二十一条、第三十一条',
      unit: '执法一科',
      procedure: '立案—调查取证—审查—告知—决定—送达—执行',
      supervision: '衡阳市文体广电新闻出版局法规科：0734-0000000',
      remedy: '对处罚决定不服的，可在收到决定书之日起六十日内申请行政复议，或六个月内提起行政诉讼',
    }),
  );
  help.addRow([]);
  help.addRow([HELP]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The agency's powers list (each entry's published content, or its first draft if never published), with its status. */
export async function exportPowers(ctx: Ctx, p: Principal, agencyId: string): Promise<Buffer> {
  await requireAccess(ctx.db, p, 'publicity.read', agencyId);
  const rows = await ctx.db
    .selectFrom('disclosures as d')
    .leftJoin('disclosure_versions as v', (j) => j.onRef('v.item_id', '=', 'd.id').onRef('v.version', '=', 'd.published_version'))
    .select(['d.code', 'd.status', 'd.draft_state', 'd.draft_content', 'v.content'])
    .where('d.agency_id', '=', agencyId)
    .where('d.kind', '=', 'power')
    .where('d.status', 'in', ['published', 'unpublished'])
    .execute();
  rows.sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '', 'zh', { numeric: true }));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('权责清单');
  sheetHeader(ws);
  const status = ws.getColumn(FIELDS.length + 1);
  status.header = '状态';
  status.width = 14;
  for (const r of rows) {
    const json = r.status === 'published' ? r.content : r.draft_content;
    if (!json) continue;
    const label = r.status === 'published' ? (r.draft_state ? '已公开（有待发布的修改）' : '已公开') : '未公开（草稿）';
    ws.addRow([...rowOf(JSON.parse(json) as PowerContent), label]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function importPowers(ctx: Ctx, p: Principal | null, agencyId: string, file: Buffer, note: string | null = null): Promise<DisclosureImportResult> {
  if (p) await requireAccess(ctx.db, p, 'publicity.edit', agencyId);
  const agency = await ctx.db.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw new DomainError('not-found', `机构不存在：${agencyId}`, 404, { field: 'agencyId' });

  const ws = await importSheet(file, FIELDS.map((f) => f.zh));

  const errors: ImportError[] = [];
  const entries: { row: number; content: PowerContent }[] = [];
  const seen = new Map<string, number>();
  let dataRows = 0;
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const v = Object.fromEntries(FIELDS.map((f, i) => [f.key, cellText(r.getCell(i + 1).value)]));
    if (FIELDS.every((f) => v[f.key] === '')) return;
    dataRows++;
    const err = (key: string, message: string) => errors.push({ row: rowNumber, column: FIELDS.find((f) => f.key === key)?.zh ?? '', message });
    const type = TYPE_BY_LABEL.get(v.type!) ?? null;
    if (v.type && !type) err('type', `“${v.type}”不是权力类型（可填：${[...TYPE_BY_LABEL.keys()].join('、')}）`);
    const content = normaliseContent('power', { ...v, type: type ?? v.type } as unknown as PowerContent);
    for (const problem of contentProblems('power', content)) if (!(problem.field === 'type' && v.type && !type)) err(problem.field, problem.message);
    if (v.code) {
      const first = seen.get(v.code);
      if (first) err('code', `事项编码“${v.code}”与第 ${first} 行重复`);
      else seen.set(v.code, rowNumber);
    }
    entries.push({ row: rowNumber, content });
  });
  if (dataRows > MAX_ROWS) throw importInvalid([{ row: MAX_ROWS + 2, column: '', message: `一次最多导入 ${MAX_ROWS} 行，请分批导入` }]);
  if (dataRows === 0) throw importInvalid([{ row: 2, column: '', message: '文件中没有数据行' }]);

  const existing = new Map(
    (await ctx.db.selectFrom('disclosures').selectAll().where('agency_id', '=', agencyId).where('kind', '=', 'power').execute()).map((r) => [r.code!, r]),
  );
  type Plan = { row: number; content: PowerContent; action: 'create' | 'draft' | 'unchanged'; id: string };
  const plans: Plan[] = [];
  for (const e of entries) {
    const before = existing.get(e.content.code);
    if (!before) {
      plans.push({ ...e, action: 'create', id: newId() });
      continue;
    }
    const current = before.draft_content ?? (await ctx.db.selectFrom('disclosure_versions').select('content').where('item_id', '=', before.id).where('version', '=', Number(before.published_version)).executeTakeFirst())?.content ?? null;
    if (before.status === 'discarded' || before.status === 'removed') {
      errors.push({ row: e.row, column: '事项编码', message: `编码“${e.content.code}”的条目已${before.status === 'removed' ? '撤下' : '放弃'}，请改用新的事项编码` });
    } else if (current && sameContent(JSON.parse(current), e.content)) {
      plans.push({ ...e, action: 'unchanged', id: before.id });
    } else if (before.draft_state === 'in-review') {
      errors.push({ row: e.row, column: '事项编码', message: `编码“${e.content.code}”的条目正在审核中，审核退回或发布后才能再次导入修改` });
    } else {
      plans.push({ ...e, action: 'draft', id: before.id });
    }
  }
  if (errors.length > 0) throw importInvalid(errors.sort((a, b) => a.row - b.row));

  const result: DisclosureImportResult = { created: 0, updated: 0, unchanged: 0 };
  const why = note?.trim() || '通过 Excel 导入';
  await ctx.db.transaction().execute(async (trx) => {
    for (const plan of plans) {
      if (plan.action === 'unchanged') {
        result.unchanged++;
        continue;
      }
      try {
        if (plan.action === 'create') {
          await createDisclosureIn(ctx, trx, p, plan.id, { agencyId, kind: 'power', content: plan.content, note: why });
          result.created++;
        } else {
          const row = await trx.selectFrom('disclosures').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow();
          await draftDisclosureIn(ctx, trx, p, row, { content: plan.content, note: why });
          result.updated++;
        }
        await submitDisclosureIn(ctx, trx, p, await trx.selectFrom('disclosures').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow());
      } catch (e) {
        if (e instanceof DomainError) throw importInvalid([{ row: plan.row, column: '', message: e.message }]);
        throw e;
      }
    }
  });
  return result;
}

