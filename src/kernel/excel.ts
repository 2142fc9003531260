/**
 * Reading an agency's Excel import (officers, discretion benchmarks, powers list): the same file
 * checks and the same all-or-nothing error for every list, so each importer only maps its rows.
 */
import ExcelJS from 'exceljs';
import type { ImportError } from '../shared/api.ts';
import { DomainError } from './errors.ts';

/** A cell as the person typed it: rich text joined, formulas by their result, dates as YYYY-MM-DD. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v).trim();
}

/** The import's refusal: every error listed, nothing imported. */
export function importInvalid(errors: ImportError[]): DomainError {
  return new DomainError('import-invalid', `导入文件有 ${errors.length} 处错误，未导入任何数据`, 400, { errors });
}

/** The first sheet of an uploaded .xlsx whose first row is exactly `columns` (the downloaded template's). */
export async function importSheet(file: Buffer, columns: readonly string[]): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw importInvalid([{ row: 0, column: '', message: '文件不是有效的 Excel (.xlsx) 文件' }]);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw importInvalid([{ row: 0, column: '', message: '文件中没有工作表' }]);
  const header = columns.map((_, i) => cellText(ws.getRow(1).getCell(i + 1).value));
  const wrong = columns.filter((c, i) => header[i] !== c);
  if (wrong.length > 0) throw importInvalid(wrong.map((c) => ({ row: 1, column: c, message: `表头应为“${c}”，请使用下载的模板` })));
  return ws;
}
