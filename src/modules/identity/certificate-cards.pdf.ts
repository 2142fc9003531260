/**
 * Printable officer certificate cards: A4 sheets of ID-1 cards (85.6 × 54 mm, the size of a bank
 * card), two columns by five rows, each with a light cut line. A card shows the agency, a photo
 * placeholder, name, unit, post, 执法种类, certificate number and validity, and the QR code of its
 * verify URL (drawn as vector modules, and also a link annotation, so the digital PDF is clickable).
 * Same fonts as the documents (Noto Sans Hans subsets); deterministic for the same input.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { documentFonts } from '../documents/fonts.ts';
import { wrapText } from '../documents/render.pdf.ts';

/** The part of the `qrcode` package we use (it ships no types). */
interface QrCodeLib {
  create(text: string, options: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' }): { modules: { size: number; get(row: number, col: number): number | boolean } };
}
const QRCode = createRequire(import.meta.url)('qrcode') as QrCodeLib;

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
const CARD = { width: 85.6 * MM, height: 54 * MM };
const COLS = 2;
const ROWS = 5;
const ORIGIN = { x: (PAGE.width - COLS * CARD.width) / 2, y: (PAGE.height - ROWS * CARD.height) / 2 };
const RED = '#b3261e';
const GREY = '#666666';

export interface CardFace {
  agencyName: string;
  unitName: string | null;
  name: string;
  post: string | null;
  fields: readonly string[];
  certificateNo: string;
  validFrom: string | null;
  validTo: string | null;
  issuingAuthority: string | null;
  issuedOn: string;
  /** What the QR code carries: the verify URL with the signed token. */
  url: string;
}

/** The modules of the QR code of `text` (error correction M: survives a worn card). */
export function qrModules(text: string): boolean[][] {
  const m = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  return Array.from({ length: m.size }, (_, r) => Array.from({ length: m.size }, (_, c) => Boolean(m.get(r, c))));
}

export async function renderCards(cards: readonly CardFace[], options: { issuedAt: Date; title: string }): Promise<Buffer> {
  const fonts = documentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: options.title, Creator: '三项 Sanxiang', Producer: '三项 Sanxiang (pdfkit)', CreationDate: options.issuedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('R', fonts.regular.font as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('B', fonts.bold.font as unknown as PDFKit.Mixins.PDFFontSource);

  const perPage = COLS * ROWS;
  for (let i = 0; i < cards.length; i++) {
    if (i % perPage === 0) {
      doc.addPage({ size: 'A4', margins: { top: 0, bottom: 0, left: 0, right: 0 } });
      const note = '沿灰色线裁切，塑封后使用。卡片上的二维码用于公众扫码核验执法证的真伪和实时状态。';
      doc.font('R').fontSize(7).fillColor(GREY).text(note, ORIGIN.x, ORIGIN.y - 14, { lineBreak: false });
    }
    const k = i % perPage;
    drawCard(doc, cards[i]!, ORIGIN.x + (k % COLS) * CARD.width, ORIGIN.y + Math.floor(k / COLS) * CARD.height, fonts.regular);
  }
  doc.end();
  return done;
}

type Doc = PDFKit.PDFDocument;

function drawCard(doc: Doc, c: CardFace, x0: number, y0: number, regular: ReturnType<typeof documentFonts>['regular']): void {
  const at = (mmX: number, mmY: number) => [x0 + mmX * MM, y0 + mmY * MM] as const;
  // cut line
  doc.save().lineWidth(0.3).strokeColor('#bbbbbb').rect(x0, y0, CARD.width, CARD.height).stroke().restore();
  // header band
  doc.save().rect(x0, y0, CARD.width, 11 * MM).fill(RED).restore();
  const centred = (text: string, font: 'R' | 'B', size: number, mmY: number, color: string) => {
    doc.font(font).fontSize(size);
    const w = doc.widthOfString(text);
    doc.fillColor(color).text(text, x0 + (CARD.width - w) / 2, y0 + mmY * MM, { lineBreak: false });
  };
  centred('行政执法证', 'B', 11, 1.2, 'white');
  centred(shorten(c.agencyName, 28), 'R', 6.5, 6.4, 'white');

  // photo placeholder
  const [px, py] = at(4, 14);
  doc.save().lineWidth(0.5).dash(2, { space: 1.5 }).strokeColor('#999999').rect(px, py, 20 * MM, 26 * MM).stroke().undash().restore();
  doc.font('R').fontSize(8).fillColor('#999999');
  const pw = doc.widthOfString('照片');
  doc.text('照片', px + (20 * MM - pw) / 2, py + 11 * MM, { lineBreak: false });

  // fields
  const tx = x0 + 26.5 * MM;
  const width = 29.5 * MM;
  let y = y0 + 13.2 * MM;
  doc.font('B').fontSize(10).fillColor('black').text(shorten(c.name, 12), tx, y, { lineBreak: false });
  y += 5.2 * MM;
  const rows: Array<[string, string]> = [
    ['单位', c.unitName ? c.unitName : c.agencyName],
    ['职务', c.post ?? '—'],
    ['执法种类', c.fields.join('、')],
    ['证号', c.certificateNo],
    ['有效期', `${c.validFrom ?? '—'} 至 ${c.validTo ?? '—'}`],
  ];
  const size = 6;
  const lineHeight = 2.9 * MM;
  for (const [label, value] of rows) {
    doc.font('B').fontSize(size).fillColor(GREY).text(label, tx, y, { lineBreak: false });
    const labelW = 10 * MM;
    const lines = wrapText(value, regular, size, width - labelW).slice(0, 2);
    for (const line of lines) {
      doc.font('R').fontSize(size).fillColor('black').text(line.text, tx + labelW, y, { lineBreak: false });
      y += lineHeight;
    }
  }

  // QR code with its quiet zone on the white card
  const modules = qrModules(c.url);
  const qrSize = 25 * MM;
  const n = modules.length + 8;
  const cell = qrSize / n;
  const qx = x0 + CARD.width - 2.5 * MM - qrSize;
  const qy = y0 + 12 * MM;
  doc.save().fillColor('black');
  modules.forEach((row, r) => {
    let c0 = -1;
    for (let col = 0; col <= row.length; col++) {
      const dark = col < row.length && row[col];
      if (dark && c0 < 0) c0 = col;
      if (!dark && c0 >= 0) {
        // a hair taller than a module, so no seam shows between rows when rasterised
        doc.rect(qx + (4 + c0) * cell, qy + (4 + r) * cell, (col - c0) * cell, cell + 0.05);
        c0 = -1;
      }
    }
  });
  doc.fill('black').restore();
  doc.link(qx, qy, qrSize, qrSize, c.url);
  doc.font('R').fontSize(5.5).fillColor(GREY);
  const cap = '扫码核验真伪与实时状态';
  doc.text(cap, qx + (qrSize - doc.widthOfString(cap)) / 2, qy + qrSize - 0.6 * MM, { lineBreak: false });

  // footer
  const footer = `发证机关：${c.issuingAuthority ?? c.agencyName}　制卡日期：${c.issuedOn}`;
  doc.font('R').fontSize(5).fillColor(GREY).text(shorten(footer, 60), x0 + 4 * MM, y0 + CARD.height - 4.2 * MM, { lineBreak: false });
}

function shorten(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}
