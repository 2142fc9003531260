/*
 * Money travels as integer fen (分); people read and type yuan (元). The conversion works on the
 * decimal text itself, never through a float: "0.29" is 29 fen, not 28.999….
 */

/** Yuan as typed: digits, optionally a point and one or two decimals (¥1 to ¥100 billion range checked by callers). */
const YUAN_PATTERN = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** The largest amount the API accepts: ¥100 billion. */
export const MAX_FEN = 10_000_000_000_000;

/** "5000", "5,000.5", "¥50" → fen; null when the text is not an amount. */
export function yuanToFen(text: string | null | undefined): number | null {
  if (typeof text !== 'string') return null;
  const cleaned = text.trim().replace(/^[¥￥]/, '').replace(/[,，\s]/g, '');
  const m = YUAN_PATTERN.exec(cleaned);
  if (!m) return null;
  const whole = Number(m[1]);
  const cents = Number((m[2] ?? '').padEnd(2, '0'));
  const fen = whole * 100 + cents;
  return Number.isSafeInteger(fen) && fen <= MAX_FEN ? fen : null;
}

/** Fen as the text a yuan field starts with: 500000 → "5000", 12345 → "123.45", 1230 → "12.3". */
export function fenToYuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const whole = Math.floor(fen / 100);
  const cents = fen % 100;
  if (cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Fen for reading: ¥5,000.00. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${GROUPED.format(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}
