/**
 * How amounts and dates are written in enforcement documents. Money is integer fen (分)
 * everywhere; a document states a fine both in capital numerals (大写, which cannot be altered by
 * adding a stroke) and in figures.
 */

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const UNITS = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿', '万亿'];

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`amount must be a non-negative integer number of fen: ${fen}`);
}

/** 1–9999 in capitals, with 零 for a gap inside it (壹仟零伍) and none for trailing zeros. */
function section(n: number): string {
  let out = '';
  let gap = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      gap = out !== '';
      continue;
    }
    if (gap) out += '零';
    gap = false;
    out += DIGITS[d]! + UNITS[pos]!;
  }
  return out;
}

function yuanInWords(yuan: number): string {
  const sections: number[] = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10000)) sections.push(rest % 10000);
  let out = '';
  let gap = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const n = sections[i]!;
    if (n === 0) {
      gap = out !== '';
      continue;
    }
    // A gap across sections is read as one 零 (壹万零伍元, 壹拾万零伍佰元, 壹亿零伍万元).
    if (out !== '' && (gap || n < 1000)) out += '零';
    gap = false;
    out += section(n) + SECTIONS[i]!;
  }
  return out;
}

/**
 * 人民币伍仟元整 — the amount in capital numerals as 《支付结算办法》 writes them: 整 after 元 when
 * there are no 角/分, 零 for a gap, 壹拾 (never bare 拾) for a leading ten.
 */
export function amountInWords(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const f = fen % 10;
  if (fen === 0) return '人民币零元整';
  let out = yuanInWords(yuan);
  if (out !== '') out += '元';
  if (jiao === 0 && f === 0) return `人民币${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (out !== '') out += '零';
  if (f > 0) out += `${DIGITS[f]}分`;
  return `人民币${out}`;
}

/** ¥5,000.00 */
export function amountInFigures(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

/** 人民币伍仟元整（¥5,000.00） — how a document states a sum. */
export function amount(fen: number): string {
  return `${amountInWords(fen)}（${amountInFigures(fen)}）`;
}

/** 2026-03-02 → 2026年3月2日 (GB/T 9704-2012 writes dates in Arabic numerals). */
export function zhDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`not a date: ${iso}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/**
 * 2026-03-02T09:30 (China local time, as the officer entered it) → 2026年3月2日9时30分. A value
 * with a zone (Z, +08:00) is converted to China time first.
 */
export function zhDateTime(value: string): string {
  let local = value;
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const t = new Date(value);
    if (Number.isNaN(t.getTime())) throw new RangeError(`not a date-time: ${value}`);
    local = new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(local);
  if (!m) throw new RangeError(`not a date-time: ${value}`);
  const date = `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  return m[4] === undefined ? date : `${date}${Number(m[4])}时${m[5]}分`;
}

/** The blank date line of a form: "    年    月    日". */
export const BLANK_DATE = '　　　　年　　月　　日';
