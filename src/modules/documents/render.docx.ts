/**
 * A DocumentSpec as an editable Word document (A4, the same margins and blocks as the PDF),
 * for the cases where an agency must adapt a form by hand. East Asian text is set in 宋体
 * (SimSun), which every Chinese Word installation has; the PDF, not this file, is the record.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { listMarker, type Block, type DocumentSpec, type Field } from './document.spec.ts';

const TWIPS_PER_MM = 1440 / 25.4;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(25 * TWIPS_PER_MM), bottom: Math.round(25 * TWIPS_PER_MM), left: Math.round(28 * TWIPS_PER_MM), right: Math.round(26 * TWIPS_PER_MM) };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Body size in half-points (小四, 12 pt). */
const BODY = 24;
const FONT = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: 'SimSun', cs: 'SimSun' };
const LINE = { line: 360 };

export async function renderDocx(input: DocumentSpec, options: { issuedAt: Date }): Promise<Buffer> {
  // Control characters typed into a form are not allowed in XML at all: one would make the file unreadable.
  const spec = JSON.parse(JSON.stringify(input, (_k, v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '') : v))) as DocumentSpec;
  const children: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 60 }, children: [new TextRun({ text: spec.agencyName, bold: true, size: 36 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: spec.title, bold: true, size: 44 })] }),
  ];
  if (spec.number) children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 200 }, children: [new TextRun({ text: spec.number, size: BODY })] }));
  for (const b of spec.blocks) children.push(...block(b));
  const doc = new Document({
    title: spec.number ? `${spec.title}（${spec.number}）` : spec.title,
    creator: spec.agencyName,
    description: `签发时间 ${options.issuedAt.toISOString()}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'], size: 18 })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function paragraphs(text: string, opts: { indent?: boolean; align?: 'left' | 'center' | 'right'; bold?: boolean; size?: number } = {}): Paragraph[] {
  const alignment = opts.align === 'center' ? AlignmentType.CENTER : opts.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED;
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        alignment,
        spacing: LINE,
        ...(opts.indent ? { indent: { firstLine: 2 * BODY * 10 } } : {}),
        children: [new TextRun({ text: line, ...(opts.bold ? { bold: true } : {}), ...(opts.size ? { size: opts.size } : {}) })],
      }),
  );
}

const cell = (children: Paragraph[], width: number, middle = false) =>
  new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(middle ? { verticalAlign: VerticalAlignTable.CENTER } : {}),
  });

function fieldsTable(rows: Array<Field | [Field, Field]>): Table {
  const label = 1700;
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: [label, (CONTENT_WIDTH - 2 * label) / 2, label, (CONTENT_WIDTH - 2 * label) / 2],
    rows: rows.map((r) => {
      const pairs = Array.isArray(r) ? r : [r];
      const value = pairs.length === 2 ? (CONTENT_WIDTH - 2 * label) / 2 : CONTENT_WIDTH - label;
      return new TableRow({
        children: pairs.flatMap((f) => [
          cell(paragraphs(f.label, { align: 'center' }), label, true),
          new TableCell({
            children: paragraphs(f.value),
            width: { size: value, type: WidthType.DXA },
            margins: { top: 60, bottom: 60, left: 100, right: 100 },
            ...(pairs.length === 1 ? { columnSpan: 3 } : {}),
          }),
        ]),
      });
    }),
  });
}

function box(label: string, text: string, minLines: number, signature: string | undefined): Table {
  const content = [new Paragraph({ spacing: LINE, children: [new TextRun({ text: `${label}：`, bold: true })] }), ...(text.trim() ? paragraphs(text, { indent: true }) : [])];
  while (content.length < minLines + 1) content.push(new Paragraph({ spacing: LINE, children: [] }));
  if (signature) content.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, children: [new TextRun(`${signature}：　　　　　　　　　　　　　年　　月　　日`)] }));
  return new Table({ width: { size: CONTENT_WIDTH, type: WidthType.DXA }, layout: TableLayoutType.FIXED, columnWidths: [CONTENT_WIDTH], rows: [new TableRow({ children: [cell(content, CONTENT_WIDTH)] })] });
}

const spacer = (after = 120) => new Paragraph({ spacing: { after }, children: [] });

function block(b: Block): Array<Paragraph | Table> {
  switch (b.type) {
    case 'heading':
      return [new Paragraph({ spacing: { before: 80, ...LINE }, children: [new TextRun({ text: b.text, bold: true })] })];
    case 'paragraph':
      return paragraphs(b.text, { indent: (b.align ?? 'left') === 'left' && b.indent !== false, align: b.align ?? 'left' });
    case 'fields':
      return [fieldsTable(b.rows), spacer()];
    case 'box':
      return [box(b.label, b.text, b.minLines ?? 0, b.signature), spacer()];
    case 'list':
      return b.items.map((text, i) => {
        return new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: LINE, indent: { left: 2 * BODY * 10 }, children: [new TextRun(`${listMarker(b.style, i)}${text}`)] });
      });
    case 'signatures':
      return [
        spacer(60),
        ...b.lines.map(
          (l) =>
            new Paragraph({
              spacing: { before: 200, ...LINE },
              tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
              children: [
                new TextRun(`${l.label}：`),
                new TextRun({ text: l.name ? `${l.name}　` : '', underline: {} }),
                new TextRun({ text: '　'.repeat(l.name ? 6 : 12), underline: {} }),
                ...(l.date === false ? [] : [new TextRun('\t　　　　年　　月　　日')]),
              ],
            }),
        ),
      ];
    case 'seal':
      return [
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 720, ...LINE }, indent: { right: 2 * BODY * 10 }, children: [new TextRun({ text: b.agencyName, bold: true })] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 4 * BODY * 10 }, children: [new TextRun(b.date)] }),
      ];
    case 'note':
      return [new Paragraph({ spacing: { before: 160 }, children: [new TextRun({ text: b.text, size: 18 })] })];
  }
}
