/**
 * Issuing documents on both engines: the number, the stored PDF, the `document.issued` event, the
 * projections and their rebuild; numbering without gaps or duplicates, per kind and per year,
 * also under concurrent issuing; the blob store's digest check; the HTTP routes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { describeEachEngine, TEST_ADMIN, type TestApp } from '../harness/engines.ts';
import { loginAs } from '../harness/http.ts';
import { DbBlobStore } from '../../src/blobs/blob-store.ts';
import { DomainError } from '../../src/kernel/errors.ts';
import { buildServer } from '../../src/http/server.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createAgency } from '../../src/modules/identity/agencies.service.ts';
import type { DocumentSpec } from '../../src/modules/documents/document.spec.ts';
import {
  documentDocx,
  documentPdf,
  documentSource,
  getDocument,
  getDocumentSettings,
  issueDocument,
  listCaseDocuments,
  setDocumentSettings,
  type IssueDocumentInput,
} from '../../src/modules/documents/documents.service.ts';
import type { DocumentIssued } from '../../src/modules/documents/documents.projections.ts';
import { havePoppler, pdfText, POPPLER_MISSING, squash } from '../../src/modules/documents/pdf-tools.testing.ts';
import { renderPdf } from '../../src/modules/documents/render.pdf.ts';
import { buildDocument } from '../../src/modules/documents/templates.ts';
import { sampleInputs } from '../../src/modules/documents/templates.testing.ts';
import type { DocumentKind } from '../../src/shared/documents.ts';

let n = 0;
const uniq = () => `${process.pid}-${++n}`;

async function newAgency(app: TestApp, name = '衡阳市文化市场综合执法局') {
  return createAgency(app, null, { code: `doc-${uniq()}`, name });
}

/** A small spec of any kind (numbering and storage do not care what it says). */
const smallSpec = (kind: DocumentKind, agencyName: string): DocumentSpec => ({
  kind,
  agencyName,
  title: '测试文书',
  number: null,
  blocks: [{ type: 'paragraph', text: `这是一份用于测试编号的文书（${kind}）。` }],
});

async function issue(app: TestApp, input: Omit<IssueDocumentInput, 'actor'> & { actor?: string }) {
  return app.db.transaction().execute((trx) => issueDocument(app, trx, { actor: 'system', ...input }));
}

const issueSmall = (app: TestApp, agencyId: string, kind: DocumentKind, on = '2026-03-02', caseId = 'case-1') =>
  issue(app, { agencyId, caseId, kind, on, spec: smallSpec(kind, '衡阳市文化市场综合执法局') });

const poppler = havePoppler();

describeEachEngine('documents: issuing, numbering, storage, rebuild', (ctx, engine) => {
  it('issues a decision: number, PDF in the blob store, a document.issued event about the case, and its row', async () => {
    const app = ctx();
    const agency = await newAgency(app);
    const spec = buildDocument('penalty-decision', sampleInputs()['penalty-decision']);
    const meta = await issue(app, { agencyId: agency.id, caseId: 'case-decision', kind: 'penalty-decision', on: '2026-03-02', spec, actor: 'user-1' });
    assert.equal(meta.number, '衡文执罚决字〔2026〕第1号');
    assert.equal(meta.title, '行政处罚决定书');
    assert.equal(meta.agencyId, agency.id);
    assert.equal(meta.issuedOn, '2026-03-02');

    const event = await app.db.selectFrom('events').selectAll().where('type', '=', 'document.issued').where('log_id', '=', agency.id).executeTakeFirstOrThrow();
    assert.equal(event.subject, 'case-decision');
    assert.equal(event.actor, 'user-1');
    const data = JSON.parse(event.data) as DocumentIssued;
    assert.equal(data.id, meta.id);
    assert.equal(data.caseId, 'case-decision');
    assert.equal(data.kind, 'penalty-decision');
    assert.equal(data.number, meta.number);
    assert.deepEqual(data.serial, { year: 2026, seq: 1 });
    assert.equal(data.on, '2026-03-02');
    assert.deepEqual(data.pdf, meta.pdf);
    assert.equal(data.spec.number, meta.number, 'the recorded text carries the number');
    assert.deepEqual(data.spec.blocks, spec.blocks);

    const { bytes } = await documentPdf(app, TEST_ADMIN, meta.id);
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    assert.equal(createHash('sha256').update(bytes).digest('hex'), meta.pdf.sha256);
    assert.equal(bytes.length, meta.pdf.size);
    assert.ok(bytes.length <= 100 * 1024, `${bytes.length} bytes`);

    // The record reproduces the PDF byte for byte.
    const source = await documentSource(app.db, meta.id);
    assert.ok((await renderPdf(source.spec, { issuedAt: source.issuedAt })).equals(bytes));

    const docx = await documentDocx(app, TEST_ADMIN, meta.id);
    assert.ok(strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!).includes('衡文执罚决字〔2026〕第1号'));

    assert.deepEqual(await getDocument(app, TEST_ADMIN, meta.id), meta);
    assert.deepEqual(await listCaseDocuments(app.db, 'case-decision'), [meta]);
  });

  it('the PDF holds the Chinese text of the decision, number included', { skip: poppler ? false : POPPLER_MISSING }, async () => {
    const app = ctx();
    const agency = await newAgency(app);
    const meta = await issue(app, { agencyId: agency.id, caseId: 'case-text', kind: 'penalty-decision', on: '2026-03-02', spec: buildDocument('penalty-decision', sampleInputs()['penalty-decision']) });
    const text = squash(pdfText((await documentPdf(app, TEST_ADMIN, meta.id)).bytes));
    for (const s of ['行政处罚决定书', meta.number!, '衡阳市极速网络科技有限公司', '人民币伍仟元整', '申请行政复议']) assert.ok(text.includes(s), s);
  });

  it('numbers per agency, per kind and per year, from 1 and without gaps; unnumbered kinds get none', async () => {
    const app = ctx();
    const a = await newAgency(app);
    const b = await newAgency(app, '衡阳市市场监督管理局');
    const numbers: Array<string | null> = [];
    for (let i = 0; i < 3; i++) numbers.push((await issueSmall(app, a.id, 'penalty-decision')).number);
    assert.deepEqual(numbers, ['衡文执罚决字〔2026〕第1号', '衡文执罚决字〔2026〕第2号', '衡文执罚决字〔2026〕第3号']);
    assert.equal((await issueSmall(app, a.id, 'prior-notice')).number, '衡文执告字〔2026〕第1号');
    assert.equal((await issueSmall(app, b.id, 'penalty-decision')).number, '衡市监罚决字〔2026〕第1号');
    assert.equal((await issueSmall(app, a.id, 'inspection-record')).number, null);
    // The year is the issue date's; a new year starts again at 1, the old one continues.
    assert.equal((await issueSmall(app, a.id, 'penalty-decision', '2027-01-04')).number, '衡文执罚决字〔2027〕第1号');
    assert.equal((await issueSmall(app, a.id, 'penalty-decision', '2026-12-31')).number, '衡文执罚决字〔2026〕第4号');
  });

  it('lists a case’s documents in the order they were issued, also within one transaction', async () => {
    const app = ctx();
    const a = await newAgency(app);
    const kinds: DocumentKind[] = ['inspection-record', 'questioning-record', 'prior-notice', 'statement-review', 'penalty-decision', 'service-receipt'];
    await app.db.transaction().execute(async (trx) => {
      for (const kind of kinds) await issueDocument(app, trx, { agencyId: a.id, caseId: 'case-order', kind, on: '2026-03-02', actor: 'system', spec: smallSpec(kind, '衡阳市文化市场综合执法局') });
    });
    assert.deepEqual((await listCaseDocuments(app.db, 'case-order')).map((d) => d.kind), kinds);
  });

  it('a refused or failed act gives its number back: the rollback takes the serial, the PDF and the event with it', async () => {
    const app = ctx();
    const a = await newAgency(app);
    await issueSmall(app, a.id, 'penalty-decision');
    const events = async () => Number((await app.db.selectFrom('events').select(sql<number>`count(*)`.as('c')).where('log_id', '=', a.id).executeTakeFirstOrThrow()).c);
    const before = await events();
    const blobs = Number((await app.db.selectFrom('blobs').select(sql<number>`count(*)`.as('c')).executeTakeFirstOrThrow()).c);
    let issued: string | null = null;
    await assert.rejects(
      app.db.transaction().execute(async (trx) => {
        issued = (await issueDocument(app, trx, { agencyId: a.id, caseId: 'case-x', kind: 'penalty-decision', on: '2026-03-02', actor: 'system', spec: smallSpec('penalty-decision', '衡阳市文化市场综合执法局') })).number;
        throw new DomainError('legal-review-required', '未经法制审核', 409);
      }),
      (e: unknown) => e instanceof DomainError && e.code === 'legal-review-required',
    );
    assert.equal(issued, '衡文执罚决字〔2026〕第2号');
    assert.equal(await events(), before);
    assert.equal(Number((await app.db.selectFrom('blobs').select(sql<number>`count(*)`.as('c')).executeTakeFirstOrThrow()).c), blobs);
    assert.deepEqual(await listCaseDocuments(app.db, 'case-x'), []);
    assert.equal((await issueSmall(app, a.id, 'penalty-decision')).number, '衡文执罚决字〔2026〕第2号');
  });

  it(`50 documents issued at once get 1 to 50, each once (${engine})`, async () => {
    const app = ctx();
    const a = await newAgency(app);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => issueSmall(app, a.id, 'penalty-decision', '2026-03-02', `case-c${i}`)));
    const serials = results.map((r) => Number(/第(\d+)号/.exec(r.number!)![1])).sort((x, y) => x - y);
    assert.deepEqual(serials, Array.from({ length: 50 }, (_, i) => i + 1));
    const rows = await app.db.selectFrom('documents').select(['number_seq']).where('agency_id', '=', a.id).where('kind', '=', 'penalty-decision').execute();
    assert.equal(rows.length, 50);
    assert.equal(new Set(rows.map((r) => r.number_seq)).size, 50);
    const counter = await app.db.selectFrom('document_counters').select('last').where('agency_id', '=', a.id).where('kind', '=', 'penalty-decision').where('year', '=', 2026).executeTakeFirstOrThrow();
    assert.equal(Number(counter.last), 50);
    // The events' serials match their order in the log.
    const events = await app.db.selectFrom('events').select(['seq', 'data']).where('log_id', '=', a.id).where('type', '=', 'document.issued').orderBy('seq').execute();
    assert.deepEqual(
      events.map((e) => (JSON.parse(e.data) as DocumentIssued).serial!.seq),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it('short name and pattern overrides apply to the next number; the serial continues', async () => {
    const app = ctx();
    const a = await newAgency(app, '衡阳市文物局');
    const initial = await getDocumentSettings(app, TEST_ADMIN, a.id);
    assert.equal(initial.shortName, '衡文物');
    assert.equal(initial.shortNameDerived, true);
    assert.equal(initial.version, 0);
    assert.equal(initial.effective.find((e) => e.kind === 'penalty-decision')?.example, '衡文物罚决字〔2026〕第1号');
    assert.equal((await issueSmall(app, a.id, 'penalty-decision')).number, '衡文物罚决字〔2026〕第1号');

    const set = await setDocumentSettings(app, TEST_ADMIN, a.id, 0, { shortName: '衡文物执', patterns: { 'penalty-decision': '{short}罚〔{year}〕{n}号' }, reason: '统一文号格式' });
    assert.equal(set.version, 1);
    assert.equal(set.shortNameDerived, false);
    assert.equal((await issueSmall(app, a.id, 'penalty-decision')).number, '衡文物执罚〔2026〕2号');
    assert.equal((await issueSmall(app, a.id, 'hearing-notice')).number, '衡文物执听通字〔2026〕第1号');

    await assert.rejects(setDocumentSettings(app, TEST_ADMIN, a.id, 0, { shortName: '衡', patterns: {} }), (e: unknown) => e instanceof DomainError && e.code === 'version-mismatch');
    await assert.rejects(setDocumentSettings(app, TEST_ADMIN, a.id, undefined, { shortName: '衡', patterns: {} }), (e: unknown) => e instanceof DomainError && e.code === 'precondition-required');
    await assert.rejects(
      setDocumentSettings(app, TEST_ADMIN, a.id, 1, { shortName: '衡', patterns: { 'penalty-decision': '{short}罚第{n}号' } }),
      (e: unknown) => e instanceof DomainError && e.code === 'invalid-number-pattern',
    );
    await assert.rejects(
      setDocumentSettings(app, TEST_ADMIN, a.id, 1, { shortName: '衡', patterns: { 'inspection-record': '{short}〔{year}〕{n}号' } as never }),
      (e: unknown) => e instanceof DomainError && e.code === 'invalid-number-pattern',
    );
    const event = await app.db.selectFrom('events').select(['subject', 'data']).where('type', '=', 'document-settings.set').where('log_id', '=', a.id).executeTakeFirstOrThrow();
    assert.equal(event.subject, a.id);
    assert.deepEqual(JSON.parse(event.data), { agencyId: a.id, shortName: '衡文物执', patterns: { 'penalty-decision': '{short}罚〔{year}〕{n}号' }, reason: '统一文号格式' });
  });

  it('the blob store stores bytes once by digest and refuses bytes that no longer match it', async () => {
    const app = ctx();
    const store = new DbBlobStore(app.db);
    const bytes = Buffer.from('证据文件内容 evidence bytes');
    const ref = await store.put(bytes, 'text/plain');
    assert.equal(ref.digest, createHash('sha256').update(bytes).digest('hex'));
    assert.deepEqual(await store.put(bytes, 'text/plain'), ref);
    assert.equal(Number((await app.db.selectFrom('blobs').select(sql<number>`count(*)`.as('c')).where('digest', '=', ref.digest).executeTakeFirstOrThrow()).c), 1);
    assert.ok(await store.has(ref.digest));
    assert.ok((await store.get(ref.digest))!.equals(bytes));
    assert.equal(await store.get('0'.repeat(64)), null);
    assert.equal(await store.has('not-a-digest'), false);

    const agency = await newAgency(app);
    const meta = await issueSmall(app, agency.id, 'penalty-decision');
    const tampered = Buffer.from((await documentPdf(app, TEST_ADMIN, meta.id)).bytes);
    tampered[tampered.length - 10] = tampered[tampered.length - 10]! ^ 1;
    await app.db.updateTable('blobs').set({ bytes: tampered }).where('digest', '=', meta.pdf.sha256).execute();
    await assert.rejects(documentPdf(app, TEST_ADMIN, meta.id), (e: unknown) => e instanceof DomainError && e.code === 'blob-corrupt');
    await assert.rejects(store.get(meta.pdf.sha256), (e: unknown) => e instanceof DomainError && e.code === 'blob-corrupt');
  });

  it('a rebuild restores documents, settings and counters from the events and leaves the blobs alone', async () => {
    const app = ctx();
    const a = await newAgency(app);
    await setDocumentSettings(app, TEST_ADMIN, a.id, 0, { shortName: '衡文执', patterns: { 'prior-notice': '{short}告〔{year}〕{n}号' } });
    await issueSmall(app, a.id, 'penalty-decision');
    await issueSmall(app, a.id, 'prior-notice', '2027-02-01');
    const dump = async () => {
      const out: Record<string, string[]> = {};
      for (const table of ['documents', 'document_settings', 'document_counters', 'blobs'] as const) {
        out[table] = (await app.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r, (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('hex') : v))).sort();
      }
      return out;
    };
    const before = await dump();
    assert.ok(before.documents!.length >= 2);
    await rebuildProjections(app.db, app.ledger);
    assert.deepEqual(await dump(), before);
    // Numbering continues where the events say it was.
    assert.match((await issueSmall(app, a.id, 'prior-notice', '2027-02-02')).number!, /〔2027〕2号$/);
  });
});

describeEachEngine('documents over HTTP', (ctx) => {
  it('serves metadata, the PDF inline with its Chinese file name, the Word file, and the numbering settings', async () => {
    const app = ctx();
    await seedDemo(app);
    const server = await buildServer(app, { webDir: null });
    const whzf = (await app.db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
    const spec = buildDocument('penalty-decision', sampleInputs()['penalty-decision']);
    const meta = await app.db.transaction().execute((trx) => issueDocument(app, trx, { agencyId: whzf, caseId: 'case-http', kind: 'penalty-decision', on: '2026-03-02', actor: 'system', spec }));
    const officer = await loginAs(server, 'whzf-officer1');

    const got = await server.inject({ url: `/api/documents/${meta.id}`, headers: officer });
    assert.equal(got.statusCode, 200, got.body);
    assert.deepEqual(got.json(), meta);

    const pdf = await server.inject({ url: `/api/documents/${meta.id}/pdf`, headers: officer });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['content-disposition'], `inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(`行政处罚决定书（${meta.number}）.pdf`)}`);
    assert.equal(pdf.headers.etag, `"${meta.pdf.sha256}"`);
    assert.equal(createHash('sha256').update(pdf.rawPayload).digest('hex'), meta.pdf.sha256);

    const docx = await server.inject({ url: `/api/documents/${meta.id}/docx`, headers: officer });
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');

    assert.equal((await server.inject({ url: '/api/documents/no-such-id', headers: officer })).statusCode, 404);
    // Another agency's officer may not read it.
    const other = await loginAs(server, 'scjg-officer1');
    assert.equal((await server.inject({ url: `/api/documents/${meta.id}/pdf`, headers: other })).statusCode, 403);

    const admin = await loginAs(server, 'whzf-admin');
    const settings = await server.inject({ url: `/api/agencies/${whzf}/document-settings`, headers: admin });
    assert.equal(settings.statusCode, 200, settings.body);
    assert.equal(settings.headers.etag, '"0"');
    assert.equal(settings.json().shortName, '衡文执');
    const put = (body: unknown, ifMatch?: string) =>
      server.inject({ method: 'PUT', url: `/api/agencies/${whzf}/document-settings`, headers: { ...admin, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload: body as Record<string, unknown> });
    assert.equal((await put({ shortName: '衡文综执', patterns: {} })).statusCode, 428);
    assert.equal((await put({ shortName: '衡文综执', patterns: {}, extra: 1 }, '"0"')).statusCode, 400);
    assert.equal((await put({ shortName: '衡文综执', patterns: { 'penalty-decision': '{short}{n}' } }, '"0"')).json().code, 'invalid-number-pattern');
    const ok = await put({ shortName: '衡文综执', patterns: { 'penalty-decision': '{short}罚决〔{year}〕{n}号' } }, '"0"');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.headers.etag, '"1"');
    assert.equal(ok.json().effective.find((e: { kind: string }) => e.kind === 'penalty-decision').example, '衡文综执罚决〔2026〕1号');
    assert.equal((await put({ shortName: '衡', patterns: {} }, '"0"')).statusCode, 409);
    // Officers do not set numbering.
    assert.equal((await server.inject({ url: `/api/agencies/${whzf}/document-settings`, headers: officer })).statusCode, 403);
    await server.close();
  });
});
