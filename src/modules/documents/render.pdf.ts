/**
 * A DocumentSpec as an A4 PDF laid out like a printed government form: agency and title centred
 * in bold, the 文号 right-aligned under them, body text justified with first-line indents,
 * bordered field tables and boxes, signature lines, the seal block, "第 N 页 共 M 页".
 *
 * Layout is our own, in two passes: the blocks become a list of items one line high (a table row
 * or a box is a run of line slices, so it can continue on the next page with its borders closed
 * and reopened), then the items are put on pages, honouring "keep with the previous item" (a
 * heading with its text, the seal with the last line of text — a seal never sits alone on a
 * page). Chinese line breaking is done here too: any character boundary is a break opportunity,
 * except that closing punctuation never starts a line and opening punctuation never ends one
 * (避头尾), and runs of ASCII (numbers, article references, amounts) stay together unless
 * longer than a line. Everything is positioned explicitly, so pdfkit never breaks a page itself.
 *
 * The output is deterministic: the same spec and issue time give the same bytes (pdfkit derives
 * the file ID from the info dictionary, which holds the issue time, never the clock).
 */
import PDFDocument from 'pdfkit';
import { listMarker, type Block, type DocumentSpec, type Field } from './document.spec.ts';
import { documentFonts, type DocumentFont, type DocumentFonts } from './fonts.ts';

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 25 * MM, bottom: 25 * MM, left: 28 * MM, right: 26 * MM };
const CONTENT = { left: MARGIN.left, right: PAGE.width - MARGIN.right, top: MARGIN.top, bottom: PAGE.height - MARGIN.bottom };
const WIDTH = CONTENT.right - CONTENT.left;

const BODY = 12;
const LINE = 21;
const CELL_LINE = 18;
const CELL_PAD = 5;
const RULE = 0.75;

type FontKey = 'R' | 'B';
type Doc = PDFKit.PDFDocument;

export interface RenderOptions {
  /** The issue time: written as the PDF's creation date (and so into its file ID). */
  issuedAt: Date;
  /** Other fonts than the process's (tests compare subsetting methods). */
  fonts?: DocumentFonts;
}

/** Renders the spec; resolves to the PDF bytes. */
export async function renderPdf(spec: DocumentSpec, options: RenderOptions): Promise<Buffer> {
  const fonts = options.fonts ?? documentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: spec.number ? `${spec.title}（${spec.number}）` : spec.title,
      Author: spec.agencyName,
      Creator: '三项 Sanxiang',
      Producer: '三项 Sanxiang (pdfkit)',
      CreationDate: options.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('R', fonts.regular.font as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('B', fonts.bold.font as unknown as PDFKit.Mixins.PDFFontSource);

  const layout = new Layout({ R: fonts.regular, B: fonts.bold });
  layout.title(spec);
  for (const block of spec.blocks) layout.block(block);
  const pages = paginate(layout.items);
  pages.forEach((page, n) => {
    doc.addPage({ size: 'A4', margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    doc.lineWidth(RULE).strokeColor('black').fillColor('black');
    page.forEach((p, i) => p.item.draw(doc, p.y, { first: i === 0, last: i === page.length - 1 }));
    const footer = `第 ${n + 1} 页 共 ${pages.length} 页`;
    const w = layout.measure(footer, 'R', 9);
    layout.text(doc, footer, 'R', 9, (PAGE.width - w) / 2, PAGE.height - MARGIN.bottom / 2 - 8, 16);
  });
  doc.end();
  return done;
}

// ---- line breaking ---------------------------------------------------------------------------

/** Never at the start of a line (closing punctuation and the like). */
const NO_START = new Set([...'，。、；：？！）》」』】〕〉〗”’…—·％‰℃,.;:?!)]}%']);
/** Never at the end of a line (opening punctuation). */
const NO_END = new Set([...'（《「『【〔〈〖“‘([{']);

export interface WrappedLine {
  text: string;
  width: number;
  indent: number;
  /** The last line of its paragraph (not justified). */
  last: boolean;
}

interface Unit {
  text: string;
  width: number;
  space: boolean;
}

/**
 * Breaks one paragraph (no newlines) into lines of at most `width` points; the first line is
 * indented by `firstIndent`.
 */
export function wrapText(text: string, font: DocumentFont, size: number, width: number, firstIndent = 0): WrappedLine[] {
  const measure = (s: string) => {
    let w = 0;
    for (const ch of s) w += font.advance(ch.codePointAt(0)!);
    return w * size;
  };
  const units: Unit[] = [];
  for (const m of text.matchAll(/[\x21-\x7e]+|[ \t]+|./gsu)) {
    const t = m[0];
    const space = t[0] === ' ' || t[0] === '\t';
    const w = space ? measure(' ') : measure(t);
    // An ASCII run longer than a line (a URL, a long account number) breaks anywhere.
    if (!space && t.length > 1 && w > width - firstIndent) for (const ch of t) units.push({ text: ch, width: measure(ch), space: false });
    else units.push({ text: space ? ' ' : t, width: w, space });
  }
  const lines: WrappedLine[] = [];
  let cur: Unit[] = [];
  let curWidth = 0;
  const avail = () => width - (lines.length === 0 ? firstIndent : 0);
  const flush = (last: boolean) => {
    while (cur.length > 0 && cur[cur.length - 1]!.space) cur.pop();
    lines.push({ text: cur.map((u) => u.text).join(''), width: cur.reduce((a, u) => a + u.width, 0), indent: lines.length === 0 ? firstIndent : 0, last });
    cur = [];
    curWidth = 0;
  };
  for (const u of units) {
    if (u.space && cur.length === 0 && lines.length > 0) continue;
    if (curWidth + u.width <= avail() + 0.01) {
      cur.push(u);
      curWidth += u.width;
      continue;
    }
    if (u.space) {
      flush(false);
      continue;
    }
    const carry: Unit[] = [];
    // The new line may not start with closing punctuation: take characters down with it
    // (”。 both move, and the character before them), as long as something stays behind.
    if (NO_START.has(u.text[0]!)) {
      while (cur.length > 1 && !cur[cur.length - 1]!.space && (carry.length === 0 || NO_START.has(carry[0]!.text[0]!))) carry.unshift(cur.pop()!);
    }
    while (cur.length > 1 && NO_END.has(cur[cur.length - 1]!.text.at(-1)!)) carry.unshift(cur.pop()!);
    if (cur.length > 0) flush(false);
    cur = [...carry, u];
    curWidth = cur.reduce((a, x) => a + x.width, 0);
  }
  flush(true);
  return lines;
}

// ---- items and pagination ---------------------------------------------------------------------

interface Item {
  h: number;
  /** Must be on the same page as the item before it. */
  glue?: boolean;
  /** Vertical space: dropped at the top of a page. */
  spacer?: boolean;
  draw(doc: Doc, y: number, edge: { first: boolean; last: boolean }): void;
}

interface Placed {
  item: Item;
  y: number;
}

function paginate(items: Item[]): Placed[][] {
  const height = CONTENT.bottom - CONTENT.top;
  const pages: Placed[][] = [[]];
  let y = CONTENT.top;
  const place = (item: Item) => {
    const page = pages[pages.length - 1]!;
    if (item.spacer && page.length === 0) return;
    page.push({ item, y });
    y += item.h;
  };
  for (const item of items) {
    const page = pages[pages.length - 1]!;
    if (y + item.h <= CONTENT.bottom + 0.01 || page.length === 0) {
      place(item);
      continue;
    }
    if (item.spacer) continue;
    // Carry the items this one is glued to, as long as something stays behind and the group fits a page.
    let start = page.length;
    let link = item;
    // A spacer between glued items does not separate them.
    while ((link.glue || link.spacer) && start > 1) {
      start--;
      link = page[start]!.item;
    }
    const group = page.slice(start).map((p) => p.item);
    if (group.reduce((a, g) => a + g.h, item.h) > height) start = page.length;
    const moved = page.splice(start).map((p) => p.item);
    while (page.length > 0 && page[page.length - 1]!.item.spacer) page.pop();
    pages.push([]);
    y = CONTENT.top;
    for (const m of [...moved, item]) place(m);
  }
  return pages.filter((p) => p.length > 0);
}

// ---- blocks to items ------------------------------------------------------------------------

interface CellLine {
  text: string;
  font: FontKey;
  size: number;
  indent: number;
  width: number;
  align: 'left' | 'center' | 'right';
  /** Width to justify to (null: do not justify). */
  justify: number | null;
}

interface Cell {
  x: number;
  w: number;
  lines: CellLine[];
  /** Centre the lines vertically in the row (labels). */
  middle?: boolean;
}

class Layout {
  readonly items: Item[] = [];
  private glueNext = false;

  constructor(private readonly fonts: Record<FontKey, DocumentFont>) {}

  measure(s: string, font: FontKey, size: number): number {
    let w = 0;
    for (const ch of s) w += this.fonts[font].advance(ch.codePointAt(0)!);
    return w * size;
  }

  /** Draws one line of text in a line box of height `lineHeight` whose top is `top`. */
  text(doc: Doc, s: string, font: FontKey, size: number, x: number, top: number, lineHeight: number, spacing = 0): void {
    if (s === '') return;
    // Centre the ideographic em box (0.88 em above the baseline, 0.12 below) in the line box;
    // pdfkit puts the baseline one ascent below the y it is given.
    const y = top + lineHeight / 2 + 0.38 * size - this.fonts[font].ascent * size;
    doc.font(font).fontSize(size).text(s, x, y, { lineBreak: false, characterSpacing: spacing });
  }

  private push(item: Item): void {
    if (this.glueNext && !item.spacer) {
      item.glue = true;
      this.glueNext = false;
    }
    this.items.push(item);
  }

  private space(h: number): void {
    this.push({ h, spacer: true, draw: () => {} });
  }

  private lines(text: string, font: FontKey, size: number, width: number, indent: number, align: 'left' | 'center' | 'right'): CellLine[] {
    const out: CellLine[] = [];
    // Text typed into forms brings CR LF and stray control characters; neither has a glyph.
    const clean = text.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
    for (const para of clean.split('\n')) {
      for (const l of wrapText(para, this.fonts[font], size, width, align === 'left' ? indent : 0)) {
        // Justify full lines, but leave a line ragged rather than visibly letter-spaced (a narrow
        // cell, or a line cut short by a long ASCII run or a kept-together punctuation pair).
        const slack = width - l.indent - l.width;
        const gaps = [...l.text].length - 1;
        const justify = align === 'left' && !l.last && slack > 0 && gaps > 0 && slack / gaps <= size * 0.25 ? width - l.indent : null;
        out.push({ text: l.text, font, size, indent: l.indent, width: l.width, align, justify });
      }
    }
    return out;
  }

  private drawLine(doc: Doc, l: CellLine, x: number, w: number, top: number, lh: number): void {
    let lx = x + l.indent;
    if (l.align === 'center') lx = x + (w - l.width) / 2;
    if (l.align === 'right') lx = x + w - l.width;
    const glyphs = [...l.text].length;
    const spacing = l.justify !== null && glyphs > 1 ? (l.justify - l.width) / (glyphs - 1) : 0;
    this.text(doc, l.text, l.font, l.size, lx, top, lh, spacing);
  }

  /** Lines of running text, one item each. */
  private flow(lines: CellLine[], lh: number, x = CONTENT.left, w = WIDTH, glueAll = false): void {
    lines.forEach((l, i) => {
      const item: Item = { h: lh, draw: (doc, y) => this.drawLine(doc, l, x, w, y, lh) };
      if (glueAll && i > 0) item.glue = true;
      this.push(item);
    });
  }

  title(spec: DocumentSpec): void {
    const center = (text: string, size: number, lh: number) => this.flow(this.lines(text, 'B', size, WIDTH, 0, 'center'), lh, CONTENT.left, WIDTH, true);
    center(spec.agencyName, 18, 30);
    this.glueNext = true;
    center(spec.title, 22, 38);
    if (spec.number) {
      this.glueNext = true;
      this.flow(this.lines(spec.number, 'R', BODY, WIDTH, 0, 'right'), 24);
    }
    this.space(10);
  }

  /** Tables and boxes that follow each other share their borders, like one printed form; text keeps its distance. */
  private lastWasTable = false;

  block(b: Block): void {
    const table = b.type === 'fields' || b.type === 'box';
    if (table !== this.lastWasTable && this.items.length > 0) this.space(8);
    this.lastWasTable = table;
    switch (b.type) {
      case 'heading':
        this.space(4);
        this.flow(this.lines(b.text, 'B', BODY, WIDTH, 0, 'left'), LINE);
        this.glueNext = true;
        return;
      case 'paragraph': {
        const align = b.align ?? 'left';
        const indent = align === 'left' && b.indent !== false ? 2 * BODY : 0;
        this.flow(this.lines(b.text, 'R', BODY, WIDTH, indent, align), LINE);
        // A paragraph that announces what follows (…如下：) is not left alone at the foot of a page.
        if (/[：:]$/u.test(b.text.trim())) this.glueNext = true;
        return;
      }
      case 'fields':
        this.fields(b.rows);
        return;
      case 'box':
        this.box(b.label, b.text, b.minLines ?? 0, b.signature);
        return;
      case 'list':
        this.list(b.items, b.style ?? 'chinese');
        return;
      case 'signatures':
        this.space(6);
        b.lines.forEach((l, i) => this.signature(l, i > 0));
        return;
      case 'seal':
        this.seal(b.agencyName, b.date);
        return;
      case 'note':
        // Small print stays on the page of what it annotates (never a page of its own).
        this.space(8);
        this.glueNext = true;
        this.flow(this.lines(b.text, 'R', 9, WIDTH, 0, 'left'), 14, CONTENT.left, WIDTH, true);
        return;
    }
  }

  private fields(rows: Array<Field | [Field, Field]>): void {
    // Each label column as wide as its longest label (4 to 8 characters), the values share the rest.
    const labelWidth = (labels: string[]) => Math.min(Math.max(0, ...labels.map((l) => this.measure(l, 'R', BODY))), 8 * BODY) + 2 * CELL_PAD;
    const first = Math.max(labelWidth(rows.map((r) => (Array.isArray(r) ? r[0] : r).label)), 4 * BODY + 2 * CELL_PAD);
    const paired = rows.filter((r): r is [Field, Field] => Array.isArray(r));
    const second = Math.max(labelWidth(paired.map((r) => r[1].label)), 4 * BODY + 2 * CELL_PAD);
    // The two value columns of paired rows share the rest in proportion to what they hold, so an
    // 18-character credit code is not broken while a short name leaves room to spare.
    const natural = (values: string[]) => Math.max(4 * BODY, ...values.flatMap((v) => v.split('\n')).map((v) => this.measure(v, 'R', BODY))) + 2 * CELL_PAD;
    const rest = WIDTH - first - second;
    const n1 = natural(paired.map((r) => r[0].value));
    const n2 = natural(paired.map((r) => r[1].value));
    // …but never narrower than its longest unbreakable run (a credit code, an ID number).
    const unbreakable = (values: string[]) => Math.max(0, ...values.flatMap((v) => v.match(/[\x21-\x7e]+/g) ?? []).map((t) => this.measure(t, 'R', BODY))) + 2 * CELL_PAD + 1;
    const m1 = unbreakable(paired.map((r) => r[0].value));
    const m2 = unbreakable(paired.map((r) => r[1].value));
    let v1 = n1 + n2 <= rest ? n1 + (rest - n1 - n2) / 2 : Math.min(Math.max((rest * n1) / (n1 + n2), rest * 0.35), rest * 0.65);
    if (m1 + m2 <= rest) v1 = Math.min(Math.max(v1, m1), rest - m2);
    for (const r of rows) {
      const pairs = Array.isArray(r) ? r : [r];
      const columns = pairs.length === 2 ? [first, v1, second, rest - v1] : [first, WIDTH - first];
      const cells: Cell[] = [];
      let x = CONTENT.left;
      pairs.forEach((f, i) => {
        const lw = columns[2 * i]!;
        const vw = columns[2 * i + 1]!;
        cells.push({ x, w: lw, lines: this.lines(f.label, 'R', BODY, lw - 2 * CELL_PAD, 0, 'center'), middle: true });
        x += lw;
        cells.push({ x, w: vw, lines: this.lines(f.value, 'R', BODY, vw - 2 * CELL_PAD, 0, 'left') });
        x += vw;
      });
      this.row(cells);
    }
  }

  private box(label: string, text: string, minLines: number, signature: string | undefined): void {
    const inner = WIDTH - 2 * CELL_PAD;
    const lines = [...this.lines(`${label}：`, 'B', BODY, inner, 0, 'left'), ...(text.trim() ? this.lines(text, 'R', BODY, inner, 2 * BODY, 'left') : [])];
    while (lines.length < minLines + 1) lines.push({ text: '', font: 'R', size: BODY, indent: 0, width: 0, align: 'left', justify: null });
    if (signature) {
      const s = `${signature}：　　　　　　　　　　　　　年　　月　　日`;
      lines.push({ text: s, font: 'R', size: BODY, indent: 0, width: this.measure(s, 'R', BODY), align: 'right', justify: null });
    }
    this.row([{ x: CONTENT.left, w: WIDTH, lines }]);
  }

  /** A bordered row of cells as one slice per line, so it can continue on the next page. */
  private row(cells: Cell[]): void {
    const n = Math.max(1, ...cells.map((c) => c.lines.length));
    const right = CONTENT.left + WIDTH;
    for (let k = 0; k < n; k++) {
      const firstSlice = k === 0;
      const lastSlice = k === n - 1;
      const h = CELL_LINE + (firstSlice ? CELL_PAD : 0) + (lastSlice ? CELL_PAD : 0);
      this.push({
        h,
        // A short row or box is not split; a long one keeps at least its label with its first line.
        glue: k > 0 && (n <= 8 || k === 1),
        draw: (doc, y, edge) => {
          const top = y + (firstSlice ? CELL_PAD : 0);
          for (const c of cells) {
            const offset = c.middle ? Math.floor((n - c.lines.length) / 2) : 0;
            const l = c.lines[k - offset];
            if (l) this.drawLine(doc, l, c.x + CELL_PAD, c.w - 2 * CELL_PAD, top, CELL_LINE);
          }
          for (const c of cells) doc.moveTo(c.x, y).lineTo(c.x, y + h);
          doc.moveTo(right, y).lineTo(right, y + h);
          if (firstSlice || edge.first) doc.moveTo(CONTENT.left, y).lineTo(right, y);
          if (lastSlice || edge.last) doc.moveTo(CONTENT.left, y + h).lineTo(right, y + h);
          doc.stroke();
        },
      });
    }
  }

  private list(items: string[], style: 'chinese' | 'decimal' | 'plain'): void {
    items.forEach((text, i) => {
      const prefix = listMarker(style, i);
      const pw = this.measure(prefix, 'R', BODY);
      const indent = 2 * BODY;
      const lines = this.lines(text, 'R', BODY, WIDTH - indent - pw, 0, 'left');
      lines.forEach((l, j) => {
        this.push({
          h: LINE,
          draw: (doc, y) => {
            if (j === 0) this.text(doc, prefix, 'R', BODY, CONTENT.left + indent, y, LINE);
            this.drawLine(doc, l, CONTENT.left + indent + pw, WIDTH - indent - pw, y, LINE);
          },
        });
      });
    });
  }

  private signature(l: { label: string; name?: string; date?: boolean }, glue: boolean): void {
    const h = 34;
    this.push({
      h,
      glue,
      draw: (doc, y) => {
        const label = `${l.label}：`;
        const lw = this.measure(label, 'R', BODY);
        const date = l.date === false ? '' : '　　　　年　　月　　日';
        const dw = this.measure(date, 'R', BODY);
        const x0 = CONTENT.left;
        const lineEnd = date ? CONTENT.right - dw - 2 * BODY : CONTENT.left + WIDTH * 0.75;
        const baseTop = y + h - LINE;
        this.text(doc, label, 'R', BODY, x0, baseTop, LINE);
        if (l.name) this.text(doc, l.name, 'R', BODY, x0 + lw + 4, baseTop, LINE);
        const underline = y + h - 3;
        const from = x0 + lw + (l.name ? this.measure(l.name, 'R', BODY) + 12 : 2);
        if (lineEnd > from + 20) doc.moveTo(from, underline).lineTo(lineEnd, underline).stroke();
        if (date) this.text(doc, date, 'R', BODY, CONTENT.right - dw, baseTop, LINE);
      },
    });
  }

  private seal(agencyName: string, date: string): void {
    const nameW = this.measure(agencyName, 'B', 13);
    const dateW = this.measure(date, 'R', BODY);
    const blockW = Math.max(nameW, dateW);
    // 成文日期右空四字, the agency's name centred over it (GB/T 9704-2012 §7.3.5).
    const blockRight = CONTENT.right - (nameW > dateW + 2 * BODY ? 1 : 4) * BODY;
    const x = Math.max(CONTENT.left, blockRight - blockW);
    this.push({
      h: LINE * 2 + 30 + LINE * 2,
      glue: true,
      draw: (doc, y) => {
        const top = y + LINE * 2;
        this.text(doc, agencyName, 'B', 13, x + (blockW - nameW) / 2, top, 30);
        this.text(doc, date, 'R', BODY, x + (blockW - dateW) / 2, top + 30, LINE);
      },
    });
  }
}

