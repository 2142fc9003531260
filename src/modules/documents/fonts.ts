/**
 * The Chinese fonts of the PDF documents: Noto Sans Hans Regular and Bold from @embedpdf/fonts-sc,
 * parsed once per process (8 MB each; parsing per document would cost more than the rendering)
 * and embedded as per-document subsets.
 *
 * Subsetting: fontkit keeps every subroutine slot of a CFF font in the subset (unused ones
 * emptied), and the Hanzi part of Noto has ~22,000 local subroutines — some 40 kB per font in
 * every PDF, whatever its text. Instead we desubroutinise: each glyph's charstring is inlined
 * with the subroutines it calls and the subset carries no subroutines at all (what pyftsubset's
 * --desubroutinize does). A two-page decision drops from ~150 kB to ~63 kB and renders faster,
 * and the glyphs come out exactly as before (checked pixel for pixel by the tests).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of a fontkit font we use (fontkit ships no types). */
export interface FontkitFont {
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
  hasGlyphForCodePoint(cp: number): boolean;
  createSubset(): unknown;
  layout(text: string): unknown;
}

export interface DocumentFont {
  /** The parsed font, passed to pdfkit's registerFont as is. */
  font: FontkitFont;
  /** Advance of a code point in em (cached: line breaking measures every character). */
  advance(cp: number): number;
  /** Ascent in em (hhea), to place text in a line box. */
  ascent: number;
}

export interface DocumentFonts {
  regular: DocumentFont;
  bold: DocumentFont;
}

const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' } as const;

/** The font files, found through the package's own entry point (its exports name no font path). */
export function fontPath(which: keyof typeof FONT_FILES): string {
  const entry = fileURLToPath(import.meta.resolve('@embedpdf/fonts-sc'));
  return path.resolve(path.dirname(entry), '..', 'fonts', FONT_FILES[which]);
}

let loaded: DocumentFonts | null = null;

/** The two fonts, loaded on first use and kept for the life of the process. */
export function documentFonts(): DocumentFonts {
  if (!loaded) loaded = { regular: loadDocumentFont('regular'), bold: loadDocumentFont('bold') };
  return loaded;
}

/**
 * Parses one of the fonts. `desubroutinize: false` keeps fontkit's own subsetting (the tests
 * compare the two renderings).
 */
export function loadDocumentFont(which: keyof typeof FONT_FILES, options: { desubroutinize?: boolean } = {}): DocumentFont {
  // pdfkit's own fontkit, so the font object is the kind pdfkit expects.
  const fontkit = createRequire(fileURLToPath(import.meta.resolve('pdfkit')))('fontkit') as { create(b: Uint8Array): FontkitFont };
  const font = fontkit.create(fs.readFileSync(fontPath(which)));
  if (options.desubroutinize !== false) desubroutinizeSubsets(font);
  const widths = new Map<number, number>();
  const upm = font.unitsPerEm;
  return {
    font,
    ascent: font.ascent / upm,
    advance(cp) {
      let w = widths.get(cp);
      if (w === undefined) {
        w = font.glyphForCodePoint(cp).advanceWidth / upm;
        widths.set(cp, w);
      }
      return w;
    },
  };
}

// ---- CFF desubroutinisation --------------------------------------------------------------

interface IndexEntry {
  offset: number;
  length: number;
}
interface Cff {
  isCIDFont: boolean;
  stream: { pos: number; readBuffer(n: number): Uint8Array };
  globalSubrIndex: IndexEntry[];
  topDict: { CharStrings: IndexEntry[]; FDArray?: Array<Record<string, unknown> & { Private?: Record<string, unknown> | null }> };
  privateDictForGlyph(gid: number): { Subrs?: IndexEntry[] } | null;
  fdForGlyph(gid: number): number | null;
}
interface CffSubset {
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetFontdict(topDict: Record<string, unknown>): void;
}

/** Type 2 charstring subroutine bias (CFF spec, Technical Note #5177 §4.7). */
const bias = (count: number) => (count < 1240 ? 107 : count < 33900 ? 1131 : 32768);

/**
 * One glyph's charstring with every callsubr/callgsubr replaced by the subroutine's body. The
 * stack effect is the same (the call pops its index operand, the body continues the stream), so
 * the flat charstring draws the same outline with the same hints. Hint-mask bytes are copied by
 * counting the stems declared before them, as an interpreter would.
 */
export function flattenCharstring(cff: Cff, gid: number): Uint8Array {
  const read = (e: IndexEntry): Uint8Array => {
    cff.stream.pos = e.offset;
    return cff.stream.readBuffer(e.length);
  };
  const gsubrs = cff.globalSubrIndex ?? [];
  const lsubrs = cff.privateDictForGlyph(gid)?.Subrs ?? [];
  const gBias = bias(gsubrs.length);
  const lBias = bias(lsubrs.length);
  const out: number[] = [];
  let stems = 0;
  let operands = 0;
  let lastNumberAt = -1;
  let lastNumber = 0;
  let ended = false;

  const run = (cs: Uint8Array, depth: number): void => {
    // The spec limits nesting to 10; deeper means a malformed font, not a legitimate glyph.
    if (depth > 10) throw new Error('charstring subroutines nested too deep');
    let i = 0;
    while (i < cs.length && !ended) {
      const b = cs[i]!;
      if (b >= 32 || b === 28) {
        let len: number;
        let value: number;
        if (b === 28) [len, value] = [3, ((cs[i + 1]! << 24) >> 16) | cs[i + 2]!];
        else if (b <= 246) [len, value] = [1, b - 139];
        else if (b <= 250) [len, value] = [2, (b - 247) * 256 + cs[i + 1]! + 108];
        else if (b <= 254) [len, value] = [2, -(b - 251) * 256 - cs[i + 1]! - 108];
        else [len, value] = [5, Number.NaN];
        lastNumberAt = out.length;
        lastNumber = value;
        for (let k = 0; k < len; k++) out.push(cs[i + k]!);
        operands++;
        i += len;
        continue;
      }
      switch (b) {
        case 10: // callsubr
        case 29: {
          // callgsubr: the index is the number just pushed; it is dropped, the body inlined.
          if (lastNumberAt < 0 || Number.isNaN(lastNumber)) throw new Error('subroutine index is not a literal');
          out.length = lastNumberAt;
          operands--;
          lastNumberAt = -1;
          const entry = b === 10 ? lsubrs[lastNumber + lBias] : gsubrs[lastNumber + gBias];
          if (!entry) throw new Error('subroutine index out of range');
          run(read(entry), depth + 1);
          i++;
          continue;
        }
        case 11: // return
          return;
        case 14: // endchar: nothing after it is drawn
          out.push(b);
          ended = true;
          return;
        case 1: // hstem
        case 3: // vstem
        case 18: // hstemhm
        case 23: // vstemhm
          stems += operands >> 1;
          break;
        case 19: // hintmask
        case 20: {
          // cntrmask: operands left on the stack are an implicit vstemhm.
          stems += operands >> 1;
          const n = (stems + 7) >> 3;
          for (let k = 0; k <= n; k++) out.push(cs[i + k]!);
          i += n + 1;
          operands = 0;
          lastNumberAt = -1;
          continue;
        }
        case 12: {
          const op = cs[i + 1]!;
          // Only the flex operators are used by outline fonts; the arithmetic ones would make
          // the subroutine index a computed value, which this flattening does not follow.
          if (op < 34 || op > 37) throw new Error(`unsupported charstring operator 12 ${op}`);
          out.push(b, op);
          i += 2;
          operands = 0;
          lastNumberAt = -1;
          continue;
        }
      }
      out.push(b);
      operands = 0;
      lastNumberAt = -1;
      i++;
    }
  };
  const charstring = cff.topDict.CharStrings[gid];
  if (!charstring) throw new Error(`no glyph ${gid}`);
  run(read(charstring), 0);
  return Uint8Array.from(out);
}

/**
 * Makes the font's subsets carry flattened charstrings and no subroutines. Falls back to fontkit's
 * own subsetting, per subset, if any glyph cannot be flattened, so an unusual font costs bytes,
 * never a broken PDF.
 */
function desubroutinizeSubsets(font: FontkitFont & { 'CFF '?: Cff }): void {
  const cff = font['CFF '];
  if (!cff?.isCIDFont) return;
  const flat = new Map<number, Uint8Array>();
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset() as CffSubset;
    const original = { charstrings: subset.subsetCharstrings, fontdict: subset.subsetFontdict };
    let flattened = false;
    subset.subsetCharstrings = function (this: CffSubset) {
      try {
        this.charstrings = this.glyphs.map((gid) => {
          let c = flat.get(gid);
          if (!c) flat.set(gid, (c = flattenCharstring(cff, gid)));
          return c;
        });
        this.gsubrs = [];
        flattened = true;
      } catch {
        original.charstrings.call(this);
      }
    };
    subset.subsetFontdict = function (this: CffSubset, topDict: Record<string, unknown>) {
      if (!flattened) return original.fontdict.call(this, topDict);
      const fdArray: Array<Record<string, unknown>> = [];
      const fds: number[] = [];
      const index = new Map<number, number>();
      for (const gid of this.glyphs) {
        const fd = cff.fdForGlyph(gid) ?? 0;
        let i = index.get(fd);
        if (i === undefined) {
          const { FontName: _name, ...dict } = cff.topDict.FDArray?.[fd] ?? {};
          if (dict.Private) {
            const { Subrs: _subrs, ...priv } = dict.Private as Record<string, unknown>;
            dict.Private = priv;
          }
          fdArray.push(dict);
          index.set(fd, (i = fdArray.length - 1));
        }
        fds.push(i);
      }
      topDict.FDArray = fdArray;
      topDict.FDSelect = { version: 0, fds };
    };
    return subset;
  };
}
