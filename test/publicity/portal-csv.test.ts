/**
 * 公示决定 CSV download (issue 8 "Open data: JSON API and CSV download of published decisions"):
 * one row per public decision with its 违法事实 and 处罚依据 — the published (redacted) texts,
 * never the draft's or the case's — and the licence columns; safe to open in a spreadsheet
 * (UTF-8 BOM, RFC 4180 quoting, no cell a spreadsheet runs as a formula).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import type { Ctx } from '../../src/context.ts';
import { CSV_COLUMNS } from '../../src/modules/publicity/portal.rules.ts';
import type { PublicationEventData } from '../../src/modules/publicity/publications.rules.ts';
import type { PublicationFields, PublishedDecision } from '../../src/shared/publications.ts';

/** RFC 4180: fields separated by commas, quoted fields may hold commas, CR/LF and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('the CSV does not end with CRLF');
  return rows;
}

const HEADER = CSV_COLUMNS.map(([h]) => h);
/** What a cell holding `s` reads: a text a spreadsheet would run as a formula carries a leading apostrophe. */
const guarded = (s: string) => (/^[=+\-@\t\r]/u.test(s) ? `'${s}` : s);

/**
 * Drafts (with `draft` as the unredacted fields) and publishes `pub` through the append path, as
 * approval does: what the CSV may show is the published object, never the draft's fields.
 */
async function publishRaw(ctx: Ctx, agency: { id: string; name: string }, draft: Partial<PublicationFields>, pub: Partial<PublishedDecision>): Promise<PublishedDecision> {
  const id = randomUUID();
  const fields: PublicationFields = {
    number: `衡文执罚决字〔2026〕第${Math.floor(Math.random() * 1e6)}号`,
    party: { kind: 'organisation', name: '衡阳市蒸湘区测试网络会所', creditCode: '91430400MA4L0000X1', representative: '李某' },
    cause: '接纳未成年人进入营业场所',
    facts: '经查，当事人接纳未成年人进入营业场所。',
    basis: '《互联网上网服务营业场所管理条例》第三十一条',
    penaltyKinds: ['warning', 'fine'],
    penaltyContent: '警告，并处罚款人民币5000元',
    fineFen: 500_000,
    confiscatedGainsFen: null,
    confiscatedPropertyFen: null,
    licenceSuspended: false,
    licenceRevoked: false,
    decidedOn: '2026-02-20',
    ...draft,
  };
  const published: PublishedDecision = {
    ...fields,
    id,
    kind: 'penalty',
    agencyId: agency.id,
    agencyName: agency.name,
    publishedOn: '2026-03-02',
    publicUntil: '2029-03-01',
    text: `${agency.name}\n行政处罚决定书\n${fields.number}`,
    version: 1,
    corrections: [],
    ...pub,
  };
  const drafted: PublicationEventData['publication.drafted'] = {
    id,
    agencyId: agency.id,
    agencyName: agency.name,
    caseId: null,
    kind: published.kind,
    documentId: null,
    sourceText: published.text,
    fields,
    redactions: [],
    publishDueOn: '2026-03-11',
    draftedOn: '2026-03-02',
    draftedBy: { id: 'system', name: 'system' },
  };
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.ledger.append(trx, { log: agency.id, actor: 'system', type: 'publication.drafted', subject: id, data: { ...drafted } });
    await ctx.ledger.append(trx, { log: agency.id, actor: 'system', type: 'publication.published', subject: id, data: { ...published } });
  });
  return published;
}

describeEachEngine('公示决定 CSV: 违法事实、处罚依据 and licence columns from the published text, safe for spreadsheets', (ctx) => {
  let server: FastifyInstance;
  let agency: { id: string; name: string };
  let redacted: PublishedDecision;
  let tricky: PublishedDecision;
  let suspended: PublishedDecision;
  let licence: PublishedDecision;
  const unredactedFacts = '经查，当事人接纳未成年人张芷晗（身份证号码430405200801011234，电话13812345678）进入网吧上网。';

  const csv = async (query = '') => {
    const res = await server.inject({ url: `/api/public/decisions.csv${query}` });
    assert.equal(res.statusCode, 200, res.body);
    const bytes = res.rawPayload;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const text = bytes.subarray(3).toString('utf8');
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], HEADER);
    const byNumber = new Map(rows.slice(1).map((r) => [r[0]!, Object.fromEntries(HEADER.map((h, i) => [h, r[i]!]))]));
    return { text, rows, byNumber };
  };

  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
    const a = await ctx().db.selectFrom('agencies').select(['id', 'name']).where('code', '=', 'hy-whzf').executeTakeFirstOrThrow();
    agency = { id: a.id, name: a.name };
    redacted = await publishRaw(ctx(), agency, { facts: unredactedFacts }, { facts: '经查，当事人接纳未成年人＊＊＊（身份证号码＊＊＊，电话＊＊＊）进入网吧上网。' });
    tricky = await publishRaw(
      ctx(),
      agency,
      {},
      {
        party: { kind: 'organisation', name: '@SUM(1+1)*cmd|" /C calc"!A0', creditCode: '-2+3', representative: '+李某' },
        cause: '=HYPERLINK("http://evil.example","点击")',
        facts: '经查：\r\n一、当事人于2026年2月1日接纳未成年人，"情节较轻"；\n二、已责令改正。',
        basis: '\t=1+1，《互联网上网服务营业场所管理条例》第三十一条',
        decidedOn: '2026-02-21',
      },
    );
    suspended = await publishRaw(ctx(), agency, { penaltyKinds: ['fine', 'suspend-licence'], penaltyContent: '罚款人民币2万元，暂扣《网络文化经营许可证》三个月', fineFen: 2_000_000, licenceSuspended: true, decidedOn: '2026-02-22' }, {});
    licence = await publishRaw(
      ctx(),
      agency,
      { cause: '娱乐场所经营许可', facts: '申请人符合《娱乐场所管理条例》规定的条件。', basis: '《娱乐场所管理条例》第九条', penaltyKinds: [], penaltyContent: '准予许可', fineFen: null, decidedOn: '2026-02-23' },
      { kind: 'licence' },
    );
  });

  it('the header names every column: 违法事实, 处罚依据 and the licence columns among them', async () => {
    const { rows } = await csv();
    for (const h of ['违法事实', '处罚依据', '暂扣许可证件', '吊销许可证件']) assert.ok(rows[0]!.includes(h), h);
  });

  it('违法事实 and 处罚依据 are the published (redacted) texts, never the unredacted ones of the draft', async () => {
    const { text, byNumber } = await csv();
    const row = byNumber.get(redacted.number)!;
    assert.equal(row['违法事实'], redacted.facts);
    assert.equal(row['处罚依据'], redacted.basis);
    for (const secret of ['张芷晗', '430405200801011234', '13812345678']) assert.ok(!text.includes(secret), `${secret} is not in the CSV`);
  });

  it('every demo decision’s row holds its public facts and basis as the detail page shows them', async () => {
    const { byNumber } = await csv();
    type Page = { items: { id: string; number: string }[]; next: string | null };
    let next: string | null = null;
    let checked = 0;
    do {
      const page: Page = (await server.inject({ url: `/api/public/decisions${next ? `?after=${next}` : ''}` })).json();
      for (const item of page.items) {
        const d = ((await server.inject({ url: `/api/public/decisions/${item.id}` })).json() as { decision: PublishedDecision }).decision;
        const row = byNumber.get(d.number)!;
        assert.ok(row, d.number);
        assert.deepEqual([row['违法事实'], row['处罚依据'], row['版本']], [guarded(d.facts), guarded(d.basis), String(d.version)]);
        checked++;
      }
      next = page.next;
    } while (next);
    assert.equal(checked, byNumber.size);
  });

  it('CSV injection: a cell starting with = + - @ or a tab gets a leading apostrophe; commas, quotes and line breaks stay inside their quoted cell', async () => {
    const { rows, byNumber } = await csv();
    const row = byNumber.get(tricky.number)!;
    assert.equal(row['当事人'], `'${tricky.party.name}`);
    assert.equal(row['统一社会信用代码'], `'${tricky.party.creditCode}`);
    assert.equal(row['法定代表人（负责人）'], `'${tricky.party.representative}`);
    assert.equal(row['违法行为类型'], `'${tricky.cause}`);
    assert.equal(row['处罚依据'], `'${tricky.basis}`);
    assert.equal(row['违法事实'], tricky.facts, 'line breaks and quotes round-trip');
    const unguarded = rows.flat().filter((cell) => /^[=+\-@\t\r]/u.test(cell));
    assert.deepEqual(unguarded, [], 'no cell of the file starts with a formula character');
  });

  it('licence columns: 暂扣／吊销许可证件 as 是／否 on penalty decisions, empty on licensing decisions', async () => {
    const { byNumber } = await csv();
    assert.deepEqual([byNumber.get(suspended.number)!['暂扣许可证件'], byNumber.get(suspended.number)!['吊销许可证件']], ['是', '否']);
    assert.deepEqual([byNumber.get(redacted.number)!['暂扣许可证件'], byNumber.get(redacted.number)!['吊销许可证件']], ['否', '否']);
    const l = byNumber.get(licence.number)!;
    assert.deepEqual([l['决定类别'], l['暂扣许可证件'], l['吊销许可证件'], l['处罚依据']], ['行政许可', '', '', '《娱乐场所管理条例》第九条']);
    const only = await csv('?kind=licence');
    assert.deepEqual([...only.byNumber.keys()], [licence.number]);
  });
});
