import ExcelJS from 'exceljs';
import { cellText, importInvalid, importSheet } from '../../kernel/excel.ts';
import type { Ctx } from '../../context.ts';
import { DomainError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Principal } from './access.policy.ts';
import { requireAccess } from './access.service.ts';
import { listOfficers, registerOfficerIn, type NewOfficer, type Officer } from './officers.service.ts';
import { CERTIFICATE_STATUS_LABELS } from '../../shared/roles.ts';
import type { ImportError } from '../../shared/api.ts';

/** The columns of the officer list as agencies keep it in Excel, in order. */
export const OFFICER_COLUMNS = ['姓名', '内设机构', '职务', '执法证号', '发证机关', '执法种类', '有效期起', '有效期止', '辅助人员', '关联用户名'] as const;
type Column = (typeof OFFICER_COLUMNS)[number];


/** One import is one transaction; bigger lists go in batches. */
const MAX_ROWS = 5000;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
function isDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The API's limits, applied to the same fields when they arrive by Excel. */
const MAX_LENGTH: Partial<Record<Column, number>> = { 姓名: 50, 职务: 50, 执法证号: 64, 发证机关: 100 };

function sheetHeader(ws: ExcelJS.Worksheet, withExample: boolean) {
  ws.columns = OFFICER_COLUMNS.map((c) => ({ header: c, key: c, width: c === '执法种类' ? 20 : 14 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  if (withExample) {
    ws.getCell('A1').note = '每行一名执法人员；执法种类可填多个，用顿号或逗号分隔；日期格式 2026-01-31；辅助人员填“是”或“否”（辅助人员不填执法证号与有效期）';
  }
}

/**
 * The blank template agencies fill in. The example lives on a second sheet, so an unedited
 * template imports nothing (the import reads only the first sheet).
 */
export async function officerTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  sheetHeader(wb.addWorksheet('执法人员'), true);
  const help = wb.addWorksheet('填写说明');
  help.columns = OFFICER_COLUMNS.map((c) => ({ header: c, key: c, width: c === '执法种类' ? 20 : 14 }));
  help.getRow(1).font = { bold: true };
  help.addRow(['张三', '执法一科', '科员', '43040000000', '衡阳市人民政府', '文化市场、文物', '2025-01-01', '2027-12-31', '否', '']);
  help.addRow(['李四', '执法二科', '协管员', '', '', '', '', '', '是', '']);
  help.addRow([]);
  help.addRow(['说明：在“执法人员”工作表中每行填写一人（本表仅为示例，不会导入）。执法种类可填多个，用顿号或逗号分隔；日期格式 2026-01-31；辅助人员填“是”或“否”，辅助人员不填执法证号与有效期；内设机构须与系统中的名称一致；关联用户名可留空。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The officers of an agency as an Excel file, in the template's layout plus their status. */
export async function exportOfficers(ctx: Ctx, p: Principal, agencyId: string): Promise<Buffer> {
  await requireAccess(ctx.db, p, 'officer.read', agencyId);
  const officers = await listOfficers(ctx, p, { agencyId });
  const units = new Map((await ctx.db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agencyId).execute()).map((u) => [u.id, u.name]));
  const usernames = new Map((await ctx.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.id, u.username]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执法人员');
  sheetHeader(ws, false);
  ws.getColumn(OFFICER_COLUMNS.length + 1).header = '证件状态';
  ws.getColumn(OFFICER_COLUMNS.length + 1).width = 18;
  for (const o of officers) ws.addRow(exportRow(o, units, usernames));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function exportRow(o: Officer, units: Map<string, string>, usernames: Map<string, string>) {
  return [
    o.name,
    o.unitId ? (units.get(o.unitId) ?? '') : '',
    o.post ?? '',
    o.certificateNo ?? '',
    o.issuingAuthority ?? '',
    o.fields.join('、'),
    o.validFrom ?? '',
    o.validTo ?? '',
    o.auxiliary ? '是' : '否',
    o.userId ? (usernames.get(o.userId) ?? '') : '',
    CERTIFICATE_STATUS_LABELS[o.certificateStatus].zh,
  ];
}

/**
 * Imports an officer list. Every row is checked first; a file with any bad row imports nothing
 * and gets the full list of problems (row, column, message). A good file is imported in one
 * transaction, each row an `officer.registered` event. `onProgress` drives the CLI's bar.
 */
export async function importOfficers(
  ctx: Ctx,
  p: Principal | null,
  agencyId: string,
  file: Buffer,
  onProgress?: (done: number, total: number) => void,
): Promise<{ imported: number }> {
  if (p) await requireAccess(ctx.db, p, 'officer.manage', agencyId);
  const agency = await ctx.db.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw new DomainError('not-found', `机构不存在：${agencyId}`, 404, { field: 'agencyId' });

  const ws = await importSheet(file, OFFICER_COLUMNS);

  const units = new Map((await ctx.db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agencyId).execute()).map((u) => [u.name, u.id]));
  const users = new Map((await ctx.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const taken = new Set((await ctx.db.selectFrom('officers').select('certificate_no').where('certificate_no', 'is not', null).execute()).map((r) => r.certificate_no!));
  const linked = new Set((await ctx.db.selectFrom('officers').select('user_id').where('user_id', 'is not', null).execute()).map((r) => r.user_id!));

  const errors: ImportError[] = [];
  const rows: Array<{ row: number; officer: NewOfficer }> = [];
  const seenCert = new Map<string, number>();
  const seenUser = new Map<string, number>();
  const members = new Set((await ctx.db.selectFrom('user_roles').select('user_id').where('agency_id', '=', agencyId).execute()).map((r) => r.user_id));
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const v = Object.fromEntries(OFFICER_COLUMNS.map((c, i) => [c, cellText(r.getCell(i + 1).value)])) as Record<Column, string>;
    if (OFFICER_COLUMNS.every((c) => v[c] === '')) return;
    const err = (column: Column, message: string) => errors.push({ row: rowNumber, column, message });
    const auxiliary = v['辅助人员'] === '是';
    if (v['辅助人员'] !== '' && v['辅助人员'] !== '是' && v['辅助人员'] !== '否') err('辅助人员', '应填“是”或“否”');
    if (!v['姓名']) err('姓名', '必填');
    for (const [c, max] of Object.entries(MAX_LENGTH) as Array<[Column, number]>) {
      if (v[c].length > max) err(c, `不超过 ${max} 个字`);
    }
    const unitId = v['内设机构'] ? units.get(v['内设机构']) : undefined;
    if (v['内设机构'] && !unitId) err('内设机构', `本机构没有名为“${v['内设机构']}”的内设机构`);
    const fields = v['执法种类'].split(/[、,，;；\s]+/).filter(Boolean);
    if (fields.some((f) => f.length > 20)) err('执法种类', '每个执法种类不超过 20 个字');
    for (const c of ['有效期起', '有效期止'] as const) {
      if (v[c] && !isDate(v[c])) err(c, '不是有效日期，格式应为 2026-01-31');
    }
    if (auxiliary) {
      if (v['执法证号']) err('执法证号', '辅助人员不持有执法证，请留空');
    } else {
      if (!v['执法证号']) err('执法证号', '执法人员必填');
      if (!v['有效期起']) err('有效期起', '执法人员必填');
      if (!v['有效期止']) err('有效期止', '执法人员必填');
      if (fields.length === 0) err('执法种类', '执法人员必填');
    }
    if (v['有效期起'] && v['有效期止'] && v['有效期止'] < v['有效期起']) err('有效期止', '不能早于有效期起');
    if (v['执法证号']) {
      if (taken.has(v['执法证号'])) err('执法证号', `执法证号 ${v['执法证号']} 已被登记`);
      const first = seenCert.get(v['执法证号']);
      if (first) err('执法证号', `与第 ${first} 行的执法证号重复`);
      else seenCert.set(v['执法证号'], rowNumber);
    }
    const userId = v['关联用户名'] ? users.get(v['关联用户名']) : undefined;
    if (v['关联用户名'] && !userId) err('关联用户名', `用户 ${v['关联用户名']} 不存在`);
    if (userId && !members.has(userId)) err('关联用户名', '该用户不属于本机构');
    if (userId && linked.has(userId)) err('关联用户名', '该用户已关联其他执法人员');
    if (userId) {
      const first = seenUser.get(userId);
      if (first) err('关联用户名', `与第 ${first} 行关联了同一用户`);
      else seenUser.set(userId, rowNumber);
    }
    rows.push({
      row: rowNumber,
      officer: {
        agencyId,
        unitId: unitId ?? null,
        userId: userId ?? null,
        name: v['姓名'],
        post: v['职务'] || null,
        certificateNo: v['执法证号'] || null,
        issuingAuthority: v['发证机关'] || null,
        fields,
        validFrom: v['有效期起'] || null,
        validTo: v['有效期止'] || null,
        auxiliary,
      },
    });
  });
  if (errors.length > 0) throw importInvalid(errors);
  if (rows.length > MAX_ROWS) throw importInvalid([{ row: MAX_ROWS + 2, column: '', message: `一次最多导入 ${MAX_ROWS} 行，请分批导入` }]);
  if (rows.length === 0) throw importInvalid([{ row: 2, column: '', message: '文件中没有数据行' }]);

  await ctx.db.transaction().execute(async (trx) => {
    let done = 0;
    for (const { row, officer } of rows) {
      try {
        await registerOfficerIn(ctx, trx, p, newId(), officer);
      } catch (e) {
        if (e instanceof DomainError) throw importInvalid([{ row, column: '', message: e.message }]);
        throw e;
      }
      onProgress?.(++done, rows.length);
    }
  });
  return { imported: rows.length };
}

