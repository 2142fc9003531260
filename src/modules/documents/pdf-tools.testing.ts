/**
 * poppler-utils (pdftotext, pdftoppm) for tests that look inside the PDFs: the text a reader
 * extracts, and the pages as pixels. CI installs them (.ci/run); elsewhere a test without them is
 * skipped with a message, never silently passed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function havePoppler(): boolean {
  const ok = ['pdftotext', 'pdftoppm'].every((t) => spawnSync(t, ['-v'], { encoding: 'utf8' }).error === undefined);
  if (!ok && process.env.CI === 'true') throw new Error('CI=true but poppler-utils (pdftotext, pdftoppm) is not installed');
  return ok;
}

export const POPPLER_MISSING = 'poppler-utils (pdftotext, pdftoppm) is not installed';

/** The text of a PDF as pdftotext extracts it (reading order, CJK as Unicode via the ToUnicode maps). */
export function pdfText(pdf: Uint8Array): string {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr.toString()}`);
  return r.stdout.toString('utf8');
}

/** Each page as PNG bytes at `dpi`. */
export function pdfPages(pdf: Uint8Array, dpi = 100): Buffer[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    const r = spawnSync('pdftoppm', ['-r', String(dpi), '-png', file, path.join(dir, 'page')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => fs.readFileSync(path.join(dir, f)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Text with all whitespace removed (pdftotext breaks lines where the layout does). */
export const squash = (s: string) => s.replace(/\s+/g, '');
