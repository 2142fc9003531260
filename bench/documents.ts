/**
 * Documents — 行政处罚决定书 as PDF with the embedded, subsetted Chinese font: documents rendered per
 * second on one core and bytes per document. Targets: ≥ 20 documents/s, ≤ 100 kB each.
 *
 * Baselines measured in the same run, in the same process:
 *  - a plain pdfkit document: the same number of pages and lines of text, in Helvetica (a
 *    standard PDF font, nothing embedded) — what our layout and the Chinese font cost on top of
 *    pdfkit itself;
 *  - the same decision with fontkit's own CFF subsetting (every subroutine slot kept): what the
 *    desubroutinised subsets (src/modules/documents/fonts.ts) save in bytes and time.
 * Also shown: the first document of a process (fonts parsed), and issuing end to end on SQLite
 * (number allocation, PDF, blob, `document.issued` event, projection, commit) one at a time.
 *
 *   npx tsx bench/documents.ts            # 10 s per timed phase
 *   npx tsx bench/documents.ts --quick    # 3 s per phase
 */
import './env.ts';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { openApp } from '../src/context.ts';
import { createAgency } from '../src/modules/identity/agencies.service.ts';
import { issueDocument } from '../src/modules/documents/documents.service.ts';
import { documentFonts, loadDocumentFont } from '../src/modules/documents/fonts.ts';
import { renderPdf, type RenderOptions } from '../src/modules/documents/render.pdf.ts';
import { buildDocument } from '../src/modules/documents/templates.ts';
import { sampleInputs } from '../src/modules/documents/templates.testing.ts';
import type { DocumentSpec } from '../src/modules/documents/document.spec.ts';
import { figure, flags, fmt, header, intFlag, log, ms, ratio, scratchDir, summary, timedProgress } from './common.ts';

const USAGE = `
npx tsx bench/documents.ts [options]
  --quick           3 s per timed phase (default 10 s)
  --seconds S       seconds per timed phase
  --dir D           where the SQLite database of the issuing phase goes (default: OS temp dir)
  --keep            keep the scratch directory
`;
const f = flags(USAGE, { quick: { type: 'boolean' }, seconds: { type: 'string' }, dir: { type: 'string' }, keep: { type: 'boolean' } });
const seconds = intFlag(f.seconds, 'seconds', f.quick ? 3 : 10);
const issuedAt = new Date('2026-03-02T01:00:00.000Z');

header(`Documents: 行政处罚决定书 PDF per second (one core) and bytes per document, ${seconds} s per phase`);

const decision: DocumentSpec = { ...buildDocument('penalty-decision', sampleInputs()['penalty-decision']), number: '衡文执罚决字〔2026〕第12号' };

// Cold start: parsing the two 8 MB fonts and rendering the first document.
const c0 = performance.now();
documentFonts();
const parsed = performance.now() - c0;
const first = await renderPdf(decision, { issuedAt });
const cold = performance.now() - c0;

/** Runs `fn` repeatedly for the phase's duration (after a short warm-up); per-call times and the last output. */
async function timed(label: string, fn: () => Promise<Buffer>): Promise<{ perSecond: number; times: number[]; bytes: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const progress = timedProgress(label, seconds * 1000);
  const times: number[] = [];
  let bytes = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    const s = performance.now();
    bytes = (await fn()).length;
    times.push(performance.now() - s);
    progress.tick();
  }
  progress.stop();
  return { perSecond: times.length / ((performance.now() - t0) / 1000), times, bytes };
}

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
const lineCount = 60 * pages(first);

/** The baseline: pdfkit alone, the same pages and lines of text in a standard font. */
function plainPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: issuedAt } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(12);
  for (let i = 0; i < lineCount; i++) {
    if (i > 0 && i % 30 === 0) doc.addPage();
    doc.text(`Line ${i}: the party admitted minors to its internet cafe on 8 February 2026; fine CNY 5,000.00.`, { lineBreak: false });
  }
  doc.end();
  return done;
}

log('rendering the decision (desubroutinised font subsets)');
const ours = await timed('decision PDF', () => renderPdf(decision, { issuedAt }));
log('rendering the same lines with pdfkit and Helvetica (no font embedded)');
const plain = await timed('plain pdfkit', plainPdf);
log('rendering the decision with fontkit’s own subsets');
const fontkitFonts: RenderOptions['fonts'] = { regular: loadDocumentFont('regular', { desubroutinize: false }), bold: loadDocumentFont('bold', { desubroutinize: false }) };
await renderPdf(decision, { issuedAt, fonts: fontkitFonts });
const theirs = await timed('fontkit subsets', () => renderPdf(decision, { issuedAt, fonts: fontkitFonts }));

// Issuing end to end on SQLite, one document after another, each in its own transaction.
log('issuing decisions on SQLite (allocate number, render, store, append, commit)');
const dir = scratchDir(f.dir as string | undefined, !!f.keep);
const app = await openApp({ sqlitePath: path.join(dir, 'sanxiang.db') }, dir);
const agency = await createAgency(app, null, { code: 'bench-docs', name: '衡阳市文化市场综合执法局' });
let k = 0;
const issued = await timed('issue (SQLite)', async () => {
  const meta = await app.db.transaction().execute((trx) =>
    issueDocument(app, trx, { agencyId: agency.id, caseId: `case-${k++}`, kind: 'penalty-decision', actor: 'bench', on: '2026-03-02', spec: decision }),
  );
  return Buffer.alloc(meta.pdf.size);
});
await app.close();

process.stdout.write(`\n-- one core, ${pages(first)}-page decision, ${fmt(first.length)} bytes --\n`);
figure('first document of the process (fonts parsed)', ms(cold), `of which parsing the fonts ${ms(parsed)}`);
const s = summary(ours.times);
figure('decision PDFs per second', fmt(ours.perSecond, 1), `median ${ms(s.median)}, p90 ${ms(s.p90)}; target ≥ 20/s — ${ours.perSecond >= 20 ? 'met' : 'NOT met'}`);
figure('bytes per decision', fmt(ours.bytes), `target ≤ 100 kB (102,400) — ${ours.bytes <= 102_400 ? 'met' : 'NOT met'}`);
figure('baseline: plain pdfkit (Helvetica, nothing embedded), per second', fmt(plain.perSecond, 1), `${fmt(plain.bytes)} bytes`);
ratio('decision rate ÷ plain pdfkit rate', ours.perSecond, plain.perSecond, {});
figure('fontkit’s own subsets: per second', fmt(theirs.perSecond, 1), `${fmt(theirs.bytes)} bytes`);
ratio('bytes: ours ÷ fontkit’s own subsets', ours.bytes, theirs.bytes, { atMost: 1 });
ratio('rate: ours ÷ fontkit’s own subsets', ours.perSecond, theirs.perSecond, { atLeast: 1 });
figure('issued end to end on SQLite, per second', fmt(issued.perSecond, 1), `median ${ms(summary(issued.times).median)}`);
