/**
 * 执法流程图 renderer: a FlowchartContent (structured steps and branches) laid out in layers and
 * drawn as SVG text. Pure and dependency-free, so the portal draws it in the browser and the tests
 * check the same output; a flowchart is data the agency edits, never an uploaded picture.
 *
 * Layout: a step's layer is the longest path to it along forward edges (an edge to a step listed
 * later); steps of a layer sit side by side in list order. Forward edges run down with one
 * horizontal jog; an edge back to an earlier step (补正后重新提交 …) runs up a lane on the right.
 */
import type { FlowchartContent, FlowStepKind } from './disclosures.ts';

export interface FlowNodeBox {
  id: string;
  kind: FlowStepKind;
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
  noteLines: string[];
}

export interface FlowEdgePath {
  from: string;
  to: string;
  label: string | null;
  back: boolean;
  points: [number, number][];
}

export interface FlowLayout {
  width: number;
  height: number;
  nodes: FlowNodeBox[];
  edges: FlowEdgePath[];
}

const FONT = 14;
const NOTE_FONT = 12;
const LINE = 19;
const NOTE_LINE = 16;
const NODE_W = 190;
const DECISION_W = 230;
const GAP_X = 36;
const GAP_Y = 56;
const MARGIN = 24;
const LANE = 14;

/** Width of a character in em: CJK and full-width forms are one em, the rest about half. */
function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  return c >= 0x2e80 ? 1 : 0.56;
}

/** Splits `text` into lines no wider than `maxEm` em (explicit newlines kept). */
export function wrapText(text: string, maxEm: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    let width = 0;
    for (const ch of para) {
      const w = charWidth(ch);
      if (width + w > maxEm && line !== '') {
        out.push(line);
        line = '';
        width = 0;
      }
      line += ch;
      width += w;
    }
    out.push(line);
  }
  return out;
}

/** Places every step and routes every edge. Steps must form a valid chart (see flowchartProblems). */
export function layoutFlowchart(chart: FlowchartContent): FlowLayout {
  const steps = chart.steps;
  const index = new Map(steps.map((s, i) => [s.id, i]));
  const layer = steps.map(() => 0);
  for (let i = 0; i < steps.length; i++) {
    for (const e of steps[i]!.next) {
      const j = index.get(e.to);
      if (j !== undefined && j > i) layer[j] = Math.max(layer[j]!, layer[i]! + 1);
    }
  }
  const layers: number[][] = [];
  steps.forEach((_, i) => (layers[layer[i]!] ??= []).push(i));

  const boxes: FlowNodeBox[] = steps.map((s) => {
    const w = s.kind === 'decision' ? DECISION_W : NODE_W;
    // A diamond's text fits its middle half; a box's its width less padding.
    const textEm = (s.kind === 'decision' ? w * 0.55 : w - 24) / FONT;
    const lines = wrapText(s.label, textEm);
    const noteLines = s.note ? wrapText(s.note, (s.kind === 'decision' ? w * 0.55 : w - 20) / NOTE_FONT) : [];
    const textH = lines.length * LINE + noteLines.length * NOTE_LINE;
    const h = s.kind === 'decision' ? Math.max(84, textH * 2 + 12) : Math.max(s.kind === 'step' ? 48 : 40, textH + 20);
    return { id: s.id, kind: s.kind, x: 0, y: 0, w, h, lines, noteLines };
  });

  const rowWidths = layers.map((row) => row.reduce((sum, i) => sum + boxes[i]!.w, 0) + GAP_X * (row.length - 1));
  const contentW = Math.max(...rowWidths, NODE_W);
  const backEdges = steps.flatMap((s, i) => s.next.filter((e) => (index.get(e.to) ?? i) <= i).map(() => 1)).length;
  let y = MARGIN;
  layers.forEach((row, r) => {
    const rowH = Math.max(...row.map((i) => boxes[i]!.h));
    let x = MARGIN + (contentW - rowWidths[r]!) / 2;
    for (const i of row) {
      const b = boxes[i]!;
      b.x = x;
      b.y = y + (rowH - b.h) / 2;
      x += b.w + GAP_X;
    }
    y += rowH + GAP_Y;
  });
  const height = y - GAP_Y + MARGIN;
  const laneBase = MARGIN + contentW + 16;

  const edges: FlowEdgePath[] = [];
  let lane = 0;
  steps.forEach((s, i) => {
    const a = boxes[i]!;
    s.next.forEach((e) => {
      const j = index.get(e.to);
      if (j === undefined) return;
      const b = boxes[j]!;
      if (j > i) {
        const sx = a.x + a.w / 2;
        const sy = a.y + a.h;
        const tx = b.x + b.w / 2;
        const ty = b.y;
        const midY = ty - GAP_Y / 2;
        const points: [number, number][] = sx === tx ? [[sx, sy], [tx, ty]] : [[sx, sy], [sx, midY], [tx, midY], [tx, ty]];
        edges.push({ from: s.id, to: e.to, label: e.label, back: false, points });
      } else {
        const lx = laneBase + lane++ * LANE;
        const sy = a.y + a.h / 2;
        const ty = b.y + b.h / 2;
        edges.push({ from: s.id, to: e.to, label: e.label, back: true, points: [[a.x + a.w, sy], [lx, sy], [lx, ty], [b.x + b.w, ty]] });
      }
    });
  });
  const width = laneBase + Math.max(0, backEdges - 1) * LANE + (backEdges > 0 ? MARGIN : MARGIN - 16);
  return { width: Math.ceil(width), height: Math.ceil(height), nodes: boxes, edges };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => String(Math.round(v * 10) / 10);

/** The chart as a standalone SVG document (text escaped; scales to its container's width). */
export function flowchartSvg(chart: FlowchartContent): string {
  const L = layoutFlowchart(chart);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${L.width} ${L.height}" width="100%" style="max-width:${L.width}px" role="img" aria-label="${esc(chart.title)}" font-family="'Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif">`,
  );
  out.push(`<title>${esc(chart.title)}</title>`);
  out.push('<defs><marker id="fc-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#595959"/></marker></defs>');
  for (const e of L.edges) {
    out.push(`<polyline class="fc-edge" data-from="${esc(e.from)}" data-to="${esc(e.to)}" points="${e.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="#595959" stroke-width="1.4"${e.back ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#fc-arrow)"/>`);
    if (e.label) {
      const [x0, y0] = e.points[0]!;
      const [x1, y1] = e.points[1]!;
      const lx = e.back ? (x0 + x1) / 2 : x0 + 6;
      const ly = e.back ? y0 - 5 : (y0 + y1) / 2 + 4;
      out.push(`<text x="${n(lx)}" y="${n(ly)}" font-size="${NOTE_FONT}" fill="#d4380d"${e.back ? ' text-anchor="middle"' : ''}>${esc(e.label)}</text>`);
    }
  }
  for (const b of L.nodes) {
    const cx = b.x + b.w / 2;
    const cy = b.y + b.h / 2;
    out.push(`<g class="fc-node fc-${b.kind}" data-id="${esc(b.id)}">`);
    if (b.kind === 'decision') {
      out.push(`<polygon points="${n(cx)},${n(b.y)} ${n(b.x + b.w)},${n(cy)} ${n(cx)},${n(b.y + b.h)} ${n(b.x)},${n(cy)}" fill="#fff7e6" stroke="#fa8c16" stroke-width="1.4"/>`);
    } else {
      const r = b.kind === 'step' ? 4 : b.h / 2;
      const fill = b.kind === 'step' ? '#e6f4ff' : '#f6ffed';
      const stroke = b.kind === 'step' ? '#1677ff' : '#52c41a';
      out.push(`<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}" rx="${n(r)}" fill="${fill}" stroke="${stroke}" stroke-width="1.4"/>`);
    }
    const total = b.lines.length * LINE + b.noteLines.length * NOTE_LINE;
    let ty = cy - total / 2 + LINE - 5;
    for (const line of b.lines) {
      out.push(`<text x="${n(cx)}" y="${n(ty)}" font-size="${FONT}" text-anchor="middle" fill="#1f1f1f">${esc(line)}</text>`);
      ty += LINE;
    }
    ty -= LINE - NOTE_LINE;
    for (const line of b.noteLines) {
      out.push(`<text x="${n(cx)}" y="${n(ty)}" font-size="${NOTE_FONT}" text-anchor="middle" fill="#8c8c8c">${esc(line)}</text>`);
      ty += NOTE_LINE;
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('');
}
