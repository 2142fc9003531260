import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOCUMENT_KIND_NAMES, DOCUMENT_KINDS } from '../../shared/documents.ts';
import type { DocumentSpec } from './document.spec.ts';
import { documentFonts, loadDocumentFont } from './fonts.ts';
import { havePoppler, pdfPages, pdfText, POPPLER_MISSING, squash } from './pdf-tools.testing.ts';
import { renderDocx } from './render.docx.ts';
import { renderPdf, wrapText } from './render.pdf.ts';
import { buildDocument } from './templates.ts';
import { sampleInputs } from './templates.testing.ts';
import { unzipSync, strFromU8 } from 'fflate';

const issuedAt = new Date('2026-03-02T01:00:00.000Z');
const poppler = havePoppler();
const skipPoppler = poppler ? false : POPPLER_MISSING;

function sampleSpecs(): DocumentSpec[] {
  const inputs = sampleInputs();
  return DOCUMENT_KIND_NAMES.map((kind) => {
    const spec = buildDocument(kind, inputs[kind] as never);
    return DOCUMENT_KINDS[kind].numbered ? { ...spec, number: `衡文执${DOCUMENT_KINDS[kind].word}〔2026〕第12号` } : spec;
  });
}

describe('Chinese line breaking', () => {
  const font = documentFonts().regular;
  const width = 12 * 20;

  it('breaks between ideographs, never wider than the measure, and loses no character', () => {
    const text = '当事人于二〇二六年一月十五日在其经营的网吧内接纳未成年人上网，经查属实。'.repeat(5);
    const lines = wrapText(text, font, 12, width, 24);
    assert.ok(lines.length > 5);
    assert.equal(lines.map((l) => l.text).join(''), text);
    for (const l of lines) assert.ok(l.width + l.indent <= width + 0.01, `${l.text} is ${l.width}`);
    assert.equal(lines.filter((l) => l.last).length, 1);
  });

  it('keeps closing punctuation off the start of a line and opening punctuation off its end (避头尾)', () => {
    const text = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉，（一）《条例》“规定”。'.repeat(12);
    for (let w = 100; w < 300; w += 7) {
      const lines = wrapText(text, font, 12, w);
      for (const [n, l] of lines.entries()) {
        if (n > 0) assert.ok(!/^[，。、；：？！）》」』”]/u.test(l.text), `line starts with punctuation at width ${w}: ${l.text}`);
        if (!l.last) assert.ok(!/[（《「『“]$/u.test(l.text), `line ends with opening punctuation at width ${w}: ${l.text}`);
      }
    }
  });

  it('keeps numbers and ASCII words whole, and breaks an ASCII run longer than a line', () => {
    const lines = wrapText('罚款人民币¥123,456.78元整，统一社会信用代码91430408MA4L12345X，详见附件。'.repeat(3), font, 12, 150);
    for (const l of lines) assert.ok(!/^[0-9A-Z,.]{1,5}[^0-9A-Z,.]/u.test(l.text) || l.text.startsWith('91430408'), l.text);
    const url = 'https://example.gov.cn/'.padEnd(200, 'abcdefghij');
    const broken = wrapText(url, font, 12, 150);
    assert.ok(broken.length > 3);
    assert.equal(broken.map((l) => l.text).join(''), url);
    for (const l of broken) assert.ok(l.width <= 150.01);
  });
});

describe('PDF rendering', () => {
  const specs = sampleSpecs();

  it('renders every kind as an A4 PDF under 100 kB, the same bytes every time', async () => {
    for (const spec of specs) {
      const a = await renderPdf(spec, { issuedAt });
      const b = await renderPdf(spec, { issuedAt });
      assert.equal(a.subarray(0, 5).toString(), '%PDF-');
      assert.ok(a.length <= 100 * 1024, `${spec.kind}: ${a.length} bytes`);
      assert.ok(a.equals(b), `${spec.kind}: two renderings differ`);
      assert.match(a.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
    }
    const later = await renderPdf(specs[0]!, { issuedAt: new Date('2026-03-03T01:00:00.000Z') });
    assert.ok(!later.equals(await renderPdf(specs[0]!, { issuedAt })), 'the issue time is part of the file');
  });

  it('the text a reader extracts is the document’s Chinese text, with page numbers', { skip: skipPoppler }, async () => {
    const decision = specs.find((s) => s.kind === 'penalty-decision')!;
    const pdf = await renderPdf(decision, { issuedAt });
    const t = squash(pdfText(pdf));
    for (const s of ['衡阳市文化市场综合执法局', '行政处罚决定书', '衡文执罚决字〔2026〕第12号', '当事人：衡阳市极速网络科技有限公司', '罚款人民币伍仟元整（¥5,000.00）', '六十日内向衡阳市人民政府申请行政复议', '2026年3月2日', '第1页共']) {
      assert.ok(t.includes(s), `missing: ${s}`);
    }
  });

  it('a long text flows over pages, each numbered “第 N 页 共 M 页”', { skip: skipPoppler }, async () => {
    const spec: DocumentSpec = {
      kind: 'inspection-record',
      agencyName: '衡阳市文化市场综合执法局',
      title: '现场检查（勘验）笔录',
      number: null,
      blocks: [{ type: 'box', label: '检查情况', text: '执法人员对营业场所进行了检查，逐一核对上网人员身份证件。'.repeat(150) }, { type: 'seal', agencyName: '衡阳市文化市场综合执法局', date: '2026年3月2日' }],
    };
    const pdf = await renderPdf(spec, { issuedAt });
    const pages = pdfPages(pdf, 30);
    assert.ok(pages.length >= 3, `${pages.length} pages`);
    const t = squash(pdfText(pdf));
    for (let n = 1; n <= pages.length; n++) assert.ok(t.includes(`第${n}页共${pages.length}页`), `page ${n}`);
    const body = t.replace(/第\d+页共\d+页/g, '');
    assert.equal(body.match(/执法人员对营业场所进行了检查/g)?.length, 150, 'no text lost at page breaks');
  });

  it('desubroutinised subsets draw exactly what fontkit’s own subsets draw, in fewer bytes', { skip: skipPoppler }, async () => {
    const fonts = { regular: loadDocumentFont('regular', { desubroutinize: false }), bold: loadDocumentFont('bold', { desubroutinize: false }) };
    for (const spec of specs.filter((s) => ['penalty-decision', 'questioning-record', 'legal-review-opinion'].includes(s.kind))) {
      const ours = await renderPdf(spec, { issuedAt });
      const theirs = await renderPdf(spec, { issuedAt, fonts });
      assert.ok(ours.length < theirs.length * 0.7, `${spec.kind}: ${ours.length} vs ${theirs.length}`);
      const a = pdfPages(ours, 110);
      const b = pdfPages(theirs, 110);
      assert.equal(a.length, b.length);
      a.forEach((page, i) => assert.ok(page.equals(b[i]!), `${spec.kind} page ${i + 1} differs`));
    }
  });
});

describe('DOCX rendering', () => {
  it('renders an editable A4 Word document with the text in 宋体', async () => {
    const spec = sampleSpecs().find((s) => s.kind === 'penalty-decision')!;
    const docx = await renderDocx(spec, { issuedAt });
    const files = unzipSync(new Uint8Array(docx));
    const body = strFromU8(files['word/document.xml']!);
    for (const s of ['行政处罚决定书', '衡文执罚决字〔2026〕第12号', '罚款人民币伍仟元整（¥5,000.00）', '衡阳市文化市场综合执法局']) assert.ok(body.includes(s), s);
    assert.match(body, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(strFromU8(files['word/styles.xml']!), /w:eastAsia="SimSun"/);
    assert.ok(Object.keys(files).some((f) => f.startsWith('word/footer')), 'a footer with the page numbers');
  });

  it('drops control characters pasted into a form (XML cannot hold them; they have no glyph)', async () => {
    const spec: DocumentSpec = { kind: 'questioning-record', agencyName: '衡阳市文化市场综合执法局', title: '调查询问笔录', number: null, blocks: [{ type: 'paragraph', text: '问：你的姓名？\r\n答：王某\x0b某\x01。' }] };
    const body = strFromU8(unzipSync(new Uint8Array(await renderDocx(spec, { issuedAt })))['word/document.xml']!);
    assert.ok(!/[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(body));
    assert.ok(body.includes('答：王某某。'));
    const pdf = await renderPdf(spec, { issuedAt });
    if (poppler) assert.ok(squash(pdfText(pdf)).includes('问：你的姓名？答：王某某。'));
  });
});
