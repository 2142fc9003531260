/**
 * The demo's 事后公开 (issue 8, "The public portal"): `npm start` seeds at least 30 published
 * decisions from realistic cases whose case files hold personal data — person parties' ID
 * numbers, phones and home addresses; witnesses' names and phones; a natural person's bank card —
 * and no public response may show any of it (《政府信息公开条例》第十五条; 《行政处罚法》第五十条;
 * 118号 item 二). The personal data is read from the case files themselves (parties as recorded,
 * questioned persons, and every mobile, valid ID and card number in the file), so a new demo
 * template is covered without touching this test. A positive control runs the same scanner over
 * the unredacted case files: it must find every item, and every kind must be present.
 */
import assert from 'node:assert/strict';
import { before, after, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { addressNeedles, plantedItem, scanForPersonalData, type PlantedItem, type PlantedKind } from './personal-data.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { personName } from '../../src/modules/publicity/publications.service.ts';
import { idChecksumValid, luhnValid } from '../../src/modules/publicity/redaction.ts';
import type { CaseRecord } from '../../src/shared/cases.ts';

interface Published {
  publicationId: string;
  caseId: string;
  /** The unredacted case file: the case record and every event of the case. */
  file: string;
  items: PlantedItem[];
}

// Bounded by anything but letters, digits and dashes, so no run inside a UUID or a hex digest counts.
const MOBILE = /(?<![0-9A-Za-z-])1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9A-Za-z-])/gu;
const ID = /(?<![0-9A-Za-z-])[0-9]{17}[0-9Xx](?![0-9A-Za-z-])/gu;
const CARD = /(?<![0-9A-Za-z-])[0-9]{4}(?:[ -]?[0-9]){12,15}(?![0-9A-Za-z-])/gu;
const digits = (s: string) => s.replace(/[^0-9Xx]/g, '').toUpperCase();

/** The personal data of one case file, as the scanner's items. */
function personalDataOf(record: CaseRecord, file: string): PlantedItem[] {
  const items = new Map<string, PlantedItem>();
  const add = (kind: PlantedKind, value: string, needles: string[]) => {
    if (!items.has(`${kind} ${value}`)) items.set(`${kind} ${value}`, plantedItem(kind, value, needles));
  };
  // Published: a person party's own name; an organisation's name, credit code, representative, 住所.
  const published = new Set(record.parties.flatMap((p) => [p.name, ...(p.kind === 'organisation' && p.representative ? [p.representative] : [])]));
  for (const p of record.parties) {
    if (p.kind !== 'person') continue;
    if (p.idNumber) add('id-number', p.idNumber, [p.idNumber, digits(p.idNumber).slice(0, 17)]);
    if (p.phone) add('phone', p.phone, [p.phone]);
    if (p.address) add('address', p.address, addressNeedles(p.address));
    if (p.representative) add('third-person-name', p.representative, [p.representative]);
  }
  // Witnesses and other questioned persons (被询问人), as the record names them.
  for (const m of file.matchAll(/"person":"([^"]+)"/gu)) {
    const n = personName(m[1]!);
    if (n && !published.has(n)) add('third-person-name', n, [n]);
  }
  for (const m of file.matchAll(MOBILE)) add('phone', m[0], [m[0]]);
  for (const m of file.matchAll(ID)) {
    const d = digits(m[0]);
    if (d.length === 18 && idChecksumValid(d)) add('id-number', m[0], [d, d.slice(0, 17)]);
  }
  for (const m of file.matchAll(CARD)) {
    const d = digits(m[0]);
    if (!(d.length === 18 && idChecksumValid(d)) && luhnValid(d)) add('bank-account', m[0], [d]);
  }
  return [...items.values()];
}

describeEachEngine('演示数据 demo seed: ≥ 30 published decisions, and no public response shows the personal data of their case files', (ctx) => {
  let server: FastifyInstance;
  const published: Published[] = [];
  /** Every public response scanned: url → body. */
  const responses = new Map<string, string>();

  const get = async (url: string): Promise<string> => {
    const res = await server.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    responses.set(url, res.body);
    return res.body;
  };

  before(async () => {
    const app = ctx();
    await seedDemo(app, { cases: true });
    server = await buildServer(app, { webDir: null });
    let next: string | null = null;
    do {
      const page = JSON.parse(await get(`/api/public/decisions${next ? `?after=${encodeURIComponent(next)}` : ''}`)) as { items: { id: string }[]; next: string | null };
      for (const item of page.items) {
        const pub = await app.db.selectFrom('publications').select(['id', 'case_id']).where('id', '=', item.id).executeTakeFirstOrThrow();
        assert.ok(pub.case_id, `publication ${pub.id} has its case`);
        const row = await app.db.selectFrom('cases').select('record').where('id', '=', pub.case_id).executeTakeFirstOrThrow();
        const events = await app.db.selectFrom('events').select('data').where('subject', '=', pub.case_id).execute();
        const file = [row.record, ...events.map((e) => e.data)].join('\n');
        published.push({ publicationId: pub.id, caseId: pub.case_id, file, items: personalDataOf(JSON.parse(row.record) as CaseRecord, file) });
      }
      next = page.next;
    } while (next);
  });
  after(() => server?.close());

  it('the demo publishes at least 30 decisions (issue 8: the portal is alive on first start)', () => {
    assert.ok(published.length >= 30, `${published.length} published decisions`);
  });

  it('positive control: the scanner finds every item in the unredacted case files, and the files hold every kind', () => {
    for (const p of published) {
      const found = new Set(scanForPersonalData(p.file, p.items).map((h) => h.item));
      assert.deepEqual(p.items.filter((i) => !found.has(i)).map((i) => `${i.kind} ${i.value}`), [], `case ${p.caseId}`);
    }
    const all = published.flatMap((p) => p.items);
    const count = (kind: PlantedKind) => new Set(all.filter((i) => i.kind === kind).map((i) => i.value)).size;
    assert.ok(count('third-person-name') >= 30, `witness names: ${count('third-person-name')}`);
    for (const kind of ['id-number', 'phone', 'address', 'bank-account'] as const) assert.ok(count(kind) > 0, `the demo case files hold ${kind}`);
  });

  it('《政府信息公开条例》第十五条: zero hits in the decision list pages, every decision’s detail and the CSV', async () => {
    for (const p of published) await get(`/api/public/decisions/${p.publicationId}`);
    await get('/api/public/decisions.csv');
    const items = published.flatMap((p) => p.items);
    // Every item against every response: a witness of one case must not be another case's party.
    const hits = [...responses].flatMap(([url, body]) => scanForPersonalData(body, items).map((h) => `${url}: ${h.item.kind} ${h.item.value} … ${h.context}`));
    assert.deepEqual(hits, []);
    assert.ok(responses.size > published.length, `${responses.size} responses scanned`);
  });
});
