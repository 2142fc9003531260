/**
 * A document as data: what both renderers (PDF, DOCX) draw, and what the `document.issued` event
 * keeps, so the record holds the text and the Word file can be made again at any time. The block
 * vocabulary is the one the printed forms need, nothing more: it is plain JSON (strings, arrays,
 * booleans, small integers) because it is canonicalised into the ledger.
 */
import type { DocumentKind } from '../../shared/documents.ts';

/** One label/value cell pair of a field table (当事人 | 衡阳市某某网络有限公司). */
export interface Field {
  label: string;
  value: string;
}

export type Block =
  /** A section heading inside the body (一、违法事实). */
  | { type: 'heading'; text: string }
  /**
   * Body text. Line breaks start new paragraphs. `indent` (default true) indents the first line by
   * two characters, as Chinese body text is set; `align` right is for closing lines.
   */
  | { type: 'paragraph'; text: string; indent?: boolean; align?: 'left' | 'center' | 'right' }
  /** A bordered table of label/value rows; a row holds one pair or two side by side. */
  | { type: 'fields'; rows: Array<Field | [Field, Field]> }
  /**
   * A bordered box with a label (检查情况, 承办人意见 …) and free text; `minLines` keeps room to
   * write by hand (e.g. an approver's opinion), `signature` adds a 签名/日期 line at its foot.
   */
  | { type: 'box'; label: string; text: string; minLines?: number; signature?: string }
  /** A list; `style` chinese numbers items （一）（二）…, decimal 1. 2. …, plain leaves them as given. */
  | { type: 'list'; items: string[]; style?: 'chinese' | 'decimal' | 'plain' }
  /**
   * Lines to sign by hand: label, an optional typed name (officers' names and certificate numbers
   * are printed, the signature is still by hand), and a date to fill in.
   */
  | { type: 'signatures'; lines: Array<{ label: string; name?: string; date?: boolean }> }
  /** The issuing agency and the date, right-aligned, with room above for the seal (印章). */
  | { type: 'seal'; agencyName: string; date: string }
  /** Small print at the end (注：本文书一式两份 …). */
  | { type: 'note'; text: string };

export interface DocumentSpec {
  kind: DocumentKind;
  /** Printed above the title (the issuing agency's full name). */
  agencyName: string;
  title: string;
  /** 文号; filled in at issue for numbered kinds, null otherwise. */
  number: string | null;
  blocks: Block[];
}

/** Every text a spec prints, in order (for tests and for search). */
export function specText(spec: DocumentSpec): string {
  const out: string[] = [spec.agencyName, spec.title, spec.number ?? ''];
  for (const b of spec.blocks) {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
      case 'note':
        out.push(b.text);
        break;
      case 'fields':
        for (const r of b.rows) for (const f of Array.isArray(r) ? r : [r]) out.push(f.label, f.value);
        break;
      case 'box':
        out.push(b.label, b.text, b.signature ?? '');
        break;
      case 'list':
        out.push(...b.items.map((text, i) => `${listMarker(b.style, i)}${text}`));
        break;
      case 'signatures':
        for (const l of b.lines) out.push(l.label, l.name ?? '');
        break;
      case 'seal':
        out.push(b.agencyName, b.date);
        break;
    }
  }
  return out.filter((s) => s !== '').join('\n');
}

const CHINESE_DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 23 → 二十三 (list numbering （一）（二）…). */
export function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CHINESE_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CHINESE_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CHINESE_DIGITS[n % 10] : ''}`;
  return String(n);
}

/** A list item's marker as printed — （一） by default, "1. " or none — the same in the PDF, the DOCX and `specText`. */
export function listMarker(style: 'chinese' | 'decimal' | 'plain' | undefined, i: number): string {
  const s = style ?? 'chinese';
  return s === 'chinese' ? `（${chineseNumber(i + 1)}）` : s === 'decimal' ? `${i + 1}. ` : '';
}
