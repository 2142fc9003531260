/**
 * Generates published decisions (执法决定公示: 行政处罚 and 行政许可) fast, for
 * bench/portal-search.ts — or for trying the portal with many decisions. Importable
 * (`generatePublications`) and runnable:
 *
 *   npx tsx bench/generate-publications.ts --count 1M --dir /tmp/portal      # SQLite: /tmp/portal/sanxiang.db
 *   npx tsx bench/generate-publications.ts --count 100k --url postgresql://…  # PostgreSQL
 *
 * The world is bench/generate-cases.ts's: the demo's four agencies plus county enforcement teams
 * (`prepareCaseAgencies`, through the services), their shares, trades, causes and parties
 * (`partyOf`: 网吧, 娱乐场所, 演出, 书店, 旅行社, 文物, 市场监管 …; repeat violators).
 *
 * What it writes. Each decision is made as the publication workflow makes it, in memory: the
 * 决定书 text (the template's layout: party lines, procedure, facts with a witness and a phone,
 * evidence, basis, penalty items, payment, remedies), the automatic redactions of the real
 * redaction library (`findRedactions`: a person party's ID number and home address, the witness's
 * name and phone …), the `publication.drafted → submitted → published` events folded by the
 * projector's own fold (`applyPublicationEvent`) and the public object made by `publicObject`.
 * Only the projection rows are inserted, exactly as publications.projections.ts writes them for a
 * first publication: `publications` (columns, record JSON, `public_json` = the canonical event
 * data, `search_key`, `search_text`), `publication_versions`, `publication_items` (the portal's
 * list rows), the search index (SQLite FTS5 `publication_search`, rowid = minus search_key;
 * PostgreSQL `search_tokens`) and, at the end, `publication_counts`. **The ledger events are skipped for seeding speed** (as in
 * generate-cases.ts): 核验 of these decisions fails and a projection rebuild drops them — use
 * the data for benchmarks only.
 *
 * The mix: decisions published over the last `years` (default 3 = the default long publication
 * period), one after another, each decided 1–7 working days before (3 % late: up to 20), and
 * `search_key` given as the projector gives it: by decision date, in publish order within a day
 * (src/modules/publicity/search-key.ts). What is on the portal today: a decision whose period has
 * ended would have expired, so decisions older than the short period (3 months: warnings, fines
 * up to ¥10,000 and licences, rules.md D) are the heavy ones; in the last 3 months ~20 % are
 * licences.
 * Fines in fen. Working days skip weekends only (no holidays). Deterministic for a given seed.
 */
import './env.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import { openApp, type App } from '../src/context.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { zhDate } from '../src/modules/documents/formats.ts';
import { defaultRemedy, penaltyItems } from '../src/modules/documents/templates.ts';
import { applyRedactions, findRedactions, type RedactionFacts } from '../src/modules/publicity/redaction.ts';
import { listItemOf } from '../src/modules/publicity/portal.rules.ts';
import { ftsRowid, KEYS_PER_DAY, searchKeysOfDay } from '../src/modules/publicity/search-key.ts';
import { applyPublicationEvent, partyFields, penaltyFields, portalSearchText, publicationPeriodEnd, publicObject, type PublicationEventData } from '../src/modules/publicity/publications.rules.ts';
import { searchText, searchTokens } from '../src/search/chinese.ts';
import type { Party, Penalty, PenaltyKind } from '../src/shared/cases.ts';
import { DEFAULT_PUBLICATION_SETTINGS, type PublicationFields, type PublicationKind, type PublicationRecord, type PublishedDecision } from '../src/shared/publications.ts';
import { addDays, between, chinaDay, chunksFromWorker, DAY, figure, flags, fmt, header, intFlag, log, pick, prng, progressOrLog, scratchDir, serveChunks, uuid, weighted } from './common.ts';
import { insertJsonRows, seedingSqlite } from './seeding.ts';
import { GIVEN, partyOf, prepareCaseAgencies, SURNAMES, TRADES, type CaseAgency } from './generate-cases.ts';

/** The statute each trade's decisions cite, and the licences its agency grants. */
const LAW: Record<string, { law: string; licences: string[] }> = {
  netbar: { law: '《互联网上网服务营业场所管理条例》', licences: ['互联网上网服务营业场所经营单位设立审批', '网络文化经营许可证变更登记'] },
  ktv: { law: '《娱乐场所管理条例》', licences: ['娱乐场所经营活动审批'] },
  arcade: { law: '《娱乐场所管理条例》', licences: ['游艺娱乐场所经营活动审批'] },
  show: { law: '《营业性演出管理条例》', licences: ['营业性演出审批', '演出经纪机构设立审批'] },
  books: { law: '《出版管理条例》', licences: ['出版物零售业务经营许可'] },
  printer: { law: '《印刷业管理条例》', licences: ['印刷经营许可证核发'] },
  media: { law: '《卫星电视广播地面接收设施管理规定》', licences: ['卫星电视广播地面接收设施安装许可'] },
  travel: { law: '《旅行社条例》', licences: ['旅行社业务经营许可', '出境旅游业务经营许可'] },
  building: { law: '《中华人民共和国文物保护法》', licences: ['文物保护单位保护范围内其他建设工程审批', '文物保护单位建设控制地带内建设工程设计方案审批'] },
  antiques: { law: '《中华人民共和国文物保护法》', licences: ['文物商店设立审批', '文物拍卖许可'] },
  market: { law: '《中华人民共和国食品安全法》', licences: ['食品经营许可'] },
  food: { law: '《中华人民共和国食品安全法》', licences: ['食品经营许可'] },
  pharmacy: { law: '《中华人民共和国药品管理法》', licences: ['药品经营许可证核发'] },
};
const TRADE_KEY = new Map(Object.entries(TRADES).map(([k, t]) => [t, k]));

const ZH_DIGITS = '零一二三四五六七八九';
/** 1 … 99 in Chinese numerals (第三十一条). */
const zhNumber = (n: number) => (n < 10 ? ZH_DIGITS[n]! : `${n >= 20 ? ZH_DIGITS[Math.floor(n / 10)] : ''}十${n % 10 ? ZH_DIGITS[n % 10] : ''}`);

/** Weekdays only (the platform calendar's holidays are not modelled). */
function addWorkdays(d: string, n: number): string {
  let day = Date.parse(`${d}T00:00:00Z`) / DAY;
  for (let k = 0; k < Math.abs(n); ) {
    day += Math.sign(n);
    const wd = (day + 4) % 7; // 1970-01-01 was a Thursday
    if (wd !== 0 && wd !== 6) k++;
  }
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export interface GeneratePublicationsOptions {
  count: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Published over this many years before `now` (default 3; at most the long period, 3). */
  years?: number;
  now?: Date;
  /** Decisions per transaction (default 2,000). */
  chunk?: number;
  onProgress?: (done: number, total: number) => void;
  /** Build the decisions on this thread instead of a worker thread (one core; slower). */
  inProcess?: boolean;
}

export interface GeneratedPublications {
  publications: number;
  seconds: number;
  /** Of which inserting the rows (the rest: building the decisions in memory). */
  writeSeconds: number;
  byKind: Record<string, number>;
  byAgency: Record<string, number>;
  /** The lowest and highest search key given. */
  keys: [number, number];
  /** Average length of the published 决定书 text (characters). */
  textChars: number;
}

interface Row {
  id: string;
  agency_id: string;
  case_id: string | null;
  kind: string;
  status: string;
  number: string;
  party_name: string;
  cause: string;
  decided_on: string;
  publish_due_on: string;
  published_on: string;
  public_until: string;
  withdraw_due_on: null;
  withdrawn_on: null;
  expired_on: null;
  public_state: string;
  public_version: number;
  public_json: string;
  search_key: number;
  search_text: string;
  fine_fen: number | null;
  record: string;
  version: number;
  created_at: string;
  updated_at: string;
}
interface VersionRow {
  publication_id: string;
  version: number;
  type: string;
  log: string;
  seq: number;
  published_on: string;
  reason: null;
  data: string;
}
interface Built {
  row: Row;
  version: VersionRow;
  /** The portal's list row (`publication_items`). */
  item: string;
  /** The FTS5 text (SQLite) or the text[] (PostgreSQL) of the search index. */
  ftsText: string;
  textChars: number;
  tokens: string[];
}

const ROW_COLUMNS = [
  'id', 'agency_id', 'case_id', 'kind', 'status', 'number', 'party_name', 'cause', 'decided_on', 'publish_due_on', 'published_on', 'public_until', 'withdraw_due_on',
  'withdrawn_on', 'expired_on', 'public_state', 'public_version', 'public_json', 'search_key', 'search_text', 'fine_fen', 'record', 'version', 'created_at', 'updated_at',
] as const;
const VERSION_COLUMNS = ['publication_id', 'version', 'type', 'log', 'seq', 'published_on', 'reason', 'data'] as const;

/**
 * Inserts `opts.count` published decisions into the app's store, in publish order, `chunk` per
 * transaction (SQLite: a second connection to the same file, `synchronous=OFF` while seeding;
 * PostgreSQL: `json_populate_recordset` inserts through the app's pool). The decisions are built
 * in a worker thread one chunk ahead of the writer (`inProcess`: on this thread).
 */
export async function generatePublications(app: App, agencies: CaseAgency[], opts: GeneratePublicationsOptions): Promise<GeneratedPublications> {
  const t0 = performance.now();
  // Keys already given, per decision date (a store may hold publications): each day continues from its highest.
  const taken = await sql<{ m: number }>`select max(search_key) as m from publications where search_key is not null group by search_key / ${KEYS_PER_DAY}`.execute(app.db);
  const plan: Plan = {
    agencies,
    count: opts.count,
    seed: opts.seed ?? 1,
    years: Math.min(opts.years ?? 3, DEFAULT_PUBLICATION_SETTINGS.longPeriodYears),
    now: (opts.now ?? new Date()).getTime(),
    chunk: opts.chunk ?? 2_000,
    taken: taken.rows.map((r) => Number(r.m)),
    engine: app.engine,
  };
  const byKind: Record<string, number> = {};
  const byAgency: Record<string, number> = {};
  const codes = new Map(agencies.map((a) => [a.id, a.code]));
  let textChars = 0;
  let minKey = Infinity;
  let maxKey = -Infinity;
  let done = 0;
  let writeMs = 0;
  const source = opts.inProcess ? buildChunks(plan) : chunksFromWorker<Built[]>(import.meta.url, 'generatePublications', plan);
  const writer = await openWriter(app);
  try {
    for await (const rows of source) {
      const w0 = performance.now();
      await writer.write(rows);
      writeMs += performance.now() - w0;
      for (const b of rows) {
        minKey = Math.min(minKey, b.row.search_key);
        maxKey = Math.max(maxKey, b.row.search_key);
        byKind[b.row.kind] = (byKind[b.row.kind] ?? 0) + 1;
        const code = codes.get(b.row.agency_id)!;
        byAgency[code] = (byAgency[code] ?? 0) + 1;
        textChars += b.textChars;
      }
      done += rows.length;
      opts.onProgress?.(done, plan.count);
    }
    const w0 = performance.now();
    await writer.finish();
    writeMs += performance.now() - w0;
  } finally {
    writer.close();
  }
  return { publications: done, seconds: (performance.now() - t0) / 1000, writeSeconds: writeMs / 1000, byKind, byAgency, keys: [minKey, maxKey], textChars: textChars / done };
}

/** What the builder needs (structured-cloneable: it is sent to the worker). */
interface Plan {
  agencies: CaseAgency[];
  count: number;
  seed: number;
  years: number;
  now: number;
  chunk: number;
  /** The highest search key already given on each decision date that has one. */
  taken: number[];
  engine: App['engine'];
}

serveChunks('generatePublications', buildChunks);

/** The decisions chunk by chunk, oldest publication first (deterministic: one PRNG stream). */
function* buildChunks(plan: Plan): Generator<Built[]> {
  const { agencies, count, now } = plan;
  const today = chinaDay(now);
  const rnd = prng(plan.seed);
  // Publication moments from `years` ago (plus a day, so that the oldest is still public today) to an hour ago.
  const start = now - plan.years * 365 * DAY + DAY;
  const span = now - 3600_000 - start;
  const agencyMix = agencies.map((a) => [a, a.share] as const);
  const pools = new Map(agencies.map((a) => [a.id, Math.max(50, Math.round((count * a.share) / 2.5))]));
  const numbers = new Map<string, number>();
  const seqs = new Map<string, number>();
  const staff = new Map(agencies.map((a) => [a.id, { head: { id: uuid(rnd), name: '机关负责人' }, editor: { id: uuid(rnd), name: '公示审核员' }, approver: { id: uuid(rnd), name: '公示审核员（复核）' } }]));
  /** The next key of each decision date (by its first key). */
  const next = new Map(plan.taken.map((k) => [k - (k % KEYS_PER_DAY), k + 1]));
  const shortFrom = shortPeriodStart(today);
  /** The ledger hands projectors the data in its canonical form (RFC 8785: sorted keys): so does this. */
  const canonical = (x: object): Record<string, unknown> => sortedKeys(x) as Record<string, unknown>;
  const build = (i: number): Built => {
    const at = Math.floor(start + ((i + rnd()) / count) * span);
    const publishedOn = chinaDay(at);
    const a = weighted(rnd, agencyMix);
    const { party, trade } = partyOf(a, Math.floor(rnd() * pools.get(a.id)!));
    const law = LAW[TRADE_KEY.get(trade)!]!;
    // Still inside the short period today: a warning, a small fine or a licence may be public.
    const recent = publishedOn >= shortFrom;
    const kind: PublicationKind = recent && rnd() < 0.2 ? 'licence' : 'penalty';
    const lag = rnd() < 0.03 ? between(rnd, 8, 20) : between(rnd, 1, 7);
    const decidedOn = addWorkdays(publishedOn, -lag);
    const year = decidedOn.slice(0, 4);
    const numKey = `${a.id}/${kind}/${year}`;
    const n = (numbers.get(numKey) ?? 0) + 1;
    numbers.set(numKey, n);
    const number = `${a.short}${kind === 'licence' ? '许字' : '罚决字'}〔${year}〕第${n}号`;
    const witness = `${pick(rnd, [...SURNAMES])}${pick(rnd, GIVEN)}`;
    const witnessPhone = `1${pick(rnd, ['39', '58', '87', '77', '35'])}${String(between(rnd, 0, 99_999_999)).padStart(8, '0')}`;
    const org = party.kind === 'organisation';
    const you = org ? '你单位' : '你';
    const article = `第${zhNumber(between(rnd, 18, 60))}条`;

    let fields: PublicationFields;
    let sourceText: string;
    if (kind === 'penalty') {
      const cause = pick(rnd, trade.causes);
      const penalty = penaltyFor(rnd, org, !recent);
      const actOn = addDays(decidedOn, -between(rnd, 30, 90));
      const place = `${party.address}${org ? party.name : ''}${trade.place}`;
      const facts = `${zhDate(actOn)}，执法人员在${place}检查时发现，当事人${cause}。现场负责人${witness}（联系电话 ${witnessPhone}）在现场检查笔录上签字确认，当事人对上述事实无异议。`;
      const basis = `${law.law}${article}`;
      fields = {
        number,
        party: partyFields(party),
        cause,
        facts,
        basis,
        ...penaltyFields(penalty),
        decidedOn,
      };
      const filedOn = addDays(actOn, between(rnd, 1, 7));
      const noticeOn = addDays(decidedOn, -between(rnd, 5, 15));
      const remedy = defaultRemedy(a.name);
      sourceText = [
        a.name,
        '行政处罚决定书',
        number,
        partyLines(party),
        `${you}涉嫌${cause}一案，本机关于${zhDate(filedOn)}立案并依法进行了调查。本机关于${zhDate(noticeOn)}向${you}送达了《行政处罚事先告知书》，告知了拟作出行政处罚的事实、理由、依据及${you}依法享有的陈述、申辩的权利。${you}明确表示放弃陈述、申辩的权利。`,
        '一、违法事实和证据',
        facts,
        '以上事实有下列证据证明：',
        '现场笔录：现场检查笔录',
        `视听资料：执法记录仪视频 ${between(rnd, 1, 4)} 段`,
        '当事人陈述：询问笔录',
        '二、行政处罚的理由、依据和内容',
        `${you}的上述行为违反了${law.law}的有关规定。依据${basis}的规定，本机关决定对${you}作出如下行政处罚：`,
        ...penaltyItems(penalty),
        '三、履行方式和期限',
        penalty.fineFen
          ? `${you}应当自收到本决定书之日起十五日内，到指定银行或者通过电子支付系统缴纳罚款。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（《中华人民共和国行政处罚法》第六十七条、第七十二条）。`
          : '本决定自送达之日起生效。',
        '四、申请行政复议或者提起行政诉讼的途径和期限',
        `${you}如不服本决定，可以自收到本决定书之日起六十日内向${remedy.reconsiderationBody}申请行政复议，或者自收到本决定书之日起六个月内向${remedy.court}提起行政诉讼。`,
        '当事人对行政处罚决定不服，申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外（《中华人民共和国行政处罚法》第七十三条）。',
        `${you}逾期不申请行政复议、不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院强制执行。本决定将依法向社会公开。`,
        a.name,
        zhDate(decidedOn),
        '注：本决定书一式两份，一份送达当事人，一份附卷。',
      ].join('\n');
    } else {
      const item = pick(rnd, law.licences);
      const appliedOn = addWorkdays(decidedOn, -between(rnd, 3, 18));
      const validTo = addDays(addDays(decidedOn, between(rnd, 2, 6) * 365), -1);
      const basis = `《中华人民共和国行政许可法》第三十八条第一款、${law.law}${article}`;
      fields = {
        number,
        party: org ? { kind: 'organisation', name: party.name, creditCode: party.idNumber, representative: party.representative } : { kind: 'person', name: party.name, creditCode: null, representative: null },
        cause: item,
        facts: `申请人于${zhDate(appliedOn)}提出${item}申请，经审查，申请材料齐全，符合法定形式，经现场核查，符合法定条件。`,
        basis,
        penaltyKinds: [],
        penaltyContent: `准予行政许可，有效期至${zhDate(validTo)}`,
        fineFen: null,
        confiscatedGainsFen: null,
        confiscatedPropertyFen: null,
        licenceSuspended: false,
        licenceRevoked: false,
        decidedOn,
      };
      sourceText = [
        a.name,
        '准予行政许可决定书',
        number,
        partyLines(party),
        `${party.name}：`,
        `${you}于${zhDate(appliedOn)}提出的${item}申请，本机关已于当日受理。经审查，申请材料齐全、符合法定形式；经现场核查（核查人员${witness}，联系电话 ${witnessPhone}），经营场所、设施设备及管理制度符合法定条件。`,
        `根据${basis}的规定，本机关决定准予${you}行政许可，有效期自${zhDate(decidedOn)}至${zhDate(validTo)}。`,
        `请${you}自收到本决定之日起十日内，持本决定书到本机关领取许可证件，并依法从事经营活动。`,
        `${you}如对本决定不服，可以自收到本决定书之日起六十日内向${defaultRemedy(a.name).reconsiderationBody}申请行政复议，或者自收到本决定书之日起六个月内依法提起行政诉讼。`,
        a.name,
        zhDate(decidedOn),
      ].join('\n');
    }

    // The workflow, folded as the projector folds it: drafted (at the decision) → submitted → published.
    const id = uuid(rnd);
    const who = staff.get(a.id)!;
    const facts: RedactionFacts = { parties: [party], otherPersons: [witness] };
    const decidedAt = `${decidedOn}T0${between(rnd, 1, 8)}:${String(between(rnd, 0, 59)).padStart(2, '0')}:00.000Z`;
    const drafted: PublicationEventData['publication.drafted'] & { redactionFacts: RedactionFacts } = {
      id,
      agencyId: a.id,
      agencyName: a.name,
      caseId: kind === 'penalty' ? uuid(rnd) : null,
      kind,
      documentId: uuid(rnd),
      sourceText,
      fields,
      redactions: findRedactions(sourceText, facts),
      publishDueOn: addWorkdays(decidedOn, 7),
      draftedOn: decidedOn,
      draftedBy: who.head,
      redactionFacts: facts,
    };
    const publishedAt = new Date(at).toISOString();
    let r: PublicationRecord = applyPublicationEvent(null, { type: 'publication.drafted', actor: who.head.id, actorName: who.head.name, at: decidedAt, data: canonical(drafted) });
    r = applyPublicationEvent(r, { type: 'publication.submitted', actor: who.editor.id, actorName: who.editor.name, at: publishedAt, data: canonical({ id, on: publishedOn, by: who.editor }) });
    const publicUntil = publicationPeriodEnd(publishedOn, fields, DEFAULT_PUBLICATION_SETTINGS);
    if (publicUntil < today) throw new Error(`generator bug: ${number} (${publishedOn}) would have expired on ${publicUntil}`);
    const obj: PublishedDecision = publicObject(r, { publishedOn, publicUntil, version: 1, corrections: [] }, (s) => findRedactions(s, facts), applyRedactions);
    r = applyPublicationEvent(r, { type: 'publication.published', actor: who.approver.id, actorName: who.approver.name, at: publishedAt, data: canonical(obj) });

    const json = JSON.stringify(sortedKeys(obj));
    // The fast form must be the ledger's RFC 8785 form, byte for byte: checked now and then.
    if (i % 997 === 0 && json !== canonicalize(obj)) throw new Error(`generator bug: canonical JSON differs for ${number}`);
    const seq = (seqs.get(a.id) ?? 1_000_000) + 3;
    seqs.set(a.id, seq);
    const day = searchKeysOfDay(decidedOn).first;
    const key = next.get(day) ?? day;
    next.set(day, key + 1);
    // The columns exactly as publications.projections.ts writes them after `publication.published`.
    return {
      row: {
        id,
        agency_id: a.id,
        case_id: r.caseId,
        kind,
        status: r.status,
        number: r.fields.number,
        party_name: r.fields.party.name,
        cause: r.fields.cause,
        decided_on: r.fields.decidedOn,
        publish_due_on: r.publishDueOn,
        published_on: r.publishedOn!,
        public_until: r.publicUntil!,
        withdraw_due_on: null,
        withdrawn_on: null,
        expired_on: null,
        public_state: 'public',
        public_version: obj.version,
        public_json: json,
        search_key: key,
        search_text: portalSearchText(obj),
        fine_fen: r.fields.fineFen,
        record: JSON.stringify(r),
        version: r.version,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      },
      version: { publication_id: id, version: 1, type: 'publication.published', log: a.id, seq, published_on: publishedOn, reason: null, data: json },
      item: JSON.stringify(listItemOf(obj)),
      textChars: obj.text.length,
      ftsText: plan.engine === 'sqlite' ? searchText(obj.number, obj.agencyName, obj.party.name, obj.cause, obj.text) : '',
      tokens: plan.engine === 'postgres' ? searchTokens(obj.number, obj.agencyName, obj.party.name, obj.cause, obj.text) : [],
    };
  };

  for (let from = 0; from < count; from += plan.chunk) {
    const rows: Built[] = [];
    for (let i = from; i < Math.min(count, from + plan.chunk); i++) rows.push(build(i));
    yield rows;
  }
}

/**
 * The object with every object's keys sorted (arrays kept in order). For this data — strings,
 * integers, booleans, null, no lone surrogates — JSON.stringify of it is RFC 8785's form
 * (`canonicalize`, which is several times slower on texts of a thousand characters).
 */
function sortedKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortedKeys);
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(x).sort()) out[k] = sortedKeys((x as Record<string, unknown>)[k]);
  return out;
}

/** The first publication date whose short period (3 months) still runs today. */
function shortPeriodStart(today: string): string {
  let lo = addDays(today, -200);
  // publicationPeriodEnd is monotone in the date: walk forward to the first one still public.
  const minor = { penaltyKinds: ['warning'] as PenaltyKind[], fineFen: null };
  while (publicationPeriodEnd(lo, minor, DEFAULT_PUBLICATION_SETTINGS) < today) lo = addDays(lo, 1);
  return lo;
}

/** A penalty as generate-cases.ts fines (organisations ¥2,000–200,000, persons ¥500–20,000); `heavy`: above the short-period threshold. */
function penaltyFor(rnd: () => number, org: boolean, heavy: boolean): Penalty {
  const threshold = DEFAULT_PUBLICATION_SETTINGS.lowFineThresholdFen;
  let fine = org ? between(rnd, 2, 200) * 100_000 : between(rnd, 1, 40) * 50_000;
  if (heavy && fine <= threshold) fine = org ? between(rnd, 11, 200) * 100_000 : between(rnd, 21, 40) * 50_000;
  const x = rnd();
  if (!heavy && x < 0.1) return { kinds: ['warning'], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' };
  if (x < 0.2) return { kinds: ['fine', 'confiscate-gains'], fineFen: fine, confiscatedGainsFen: between(rnd, 5, 300) * 10_000, confiscatedPropertyFen: null, description: '' };
  if (x < 0.25) return { kinds: ['warning', 'fine', 'suspend-business'], fineFen: fine, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '责令停业整顿十五日' };
  if (x < 0.27) return { kinds: ['fine', 'revoke-licence'], fineFen: fine, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '吊销许可证' };
  return { kinds: ['warning', 'fine'], fineFen: fine, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' };
}

/** The party as a decision names it (templates.ts partyLines: name and address, no phone). */
function partyLines(p: Party): string {
  return p.kind === 'organisation'
    ? [`当事人：${p.name}`, `统一社会信用代码：${p.idNumber ?? ''}`, `法定代表人（负责人）：${p.representative ?? ''}`, `住所：${p.address ?? ''}`].join('\n')
    : [`当事人：${p.name}`, `身份证号码：${p.idNumber ?? ''}`, `住址：${p.address ?? ''}`].join('\n');
}

interface Writer {
  write(rows: Built[]): Promise<void>;
  finish(): Promise<void>;
  close(): void;
}

/** publication_counts as the projector keeps them: +1 at first publication (expired ones stay), −1 at withdrawal. */
const RECOUNT = sql`INSERT INTO publication_counts (agency_id, month, kind, count)
  SELECT agency_id, substr(decided_on, 1, 7), kind, count(*) FROM publications WHERE public_state IN ('public', 'expired') GROUP BY agency_id, substr(decided_on, 1, 7), kind`;

async function openWriter(app: App): Promise<Writer> {
  if (app.engine === 'sqlite') {
    // A second connection to the same file (WAL): prepared statements, no fsync while seeding.
    const { raw, insert: ins } = seedingSqlite(app.store.location, 128); // 128 MiB: FTS5 segment merges
    const insRow = ins('publications', ROW_COLUMNS);
    const insVersion = ins('publication_versions', VERSION_COLUMNS);
    const insSearch = raw.prepare('INSERT INTO publication_search (rowid, tokens) VALUES (?, ?)');
    const insItem = raw.prepare('INSERT INTO publication_items (search_key, item) VALUES (?, ?)');
    const tx = raw.transaction((rows: Built[]) => {
      for (const b of rows) {
        insRow.run(ROW_COLUMNS.map((c) => b.row[c]));
        insVersion.run(VERSION_COLUMNS.map((c) => b.version[c]));
        insItem.run(b.row.search_key, b.item);
      }
      // In ascending rowid order: FTS5 flushes its pending segment whenever a rowid steps back.
      for (const b of [...rows].sort((x, y) => ftsRowid(x.row.search_key) - ftsRowid(y.row.search_key))) insSearch.run(ftsRowid(b.row.search_key), b.ftsText);
    });
    return {
      async write(rows) {
        tx(rows);
      },
      async finish() {
        raw.transaction(() => {
          raw.exec('DELETE FROM publication_counts');
          raw.prepare(RECOUNT.compile(app.db).sql).run();
        })();
        raw.pragma('wal_checkpoint(TRUNCATE)');
      },
      close: () => raw.close(),
    };
  }
  // PostgreSQL: one JSON bulk insert per table and chunk.
  const insert = insertJsonRows;
  return {
    async write(rows) {
      await app.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        await insert(trx, 'publications', rows.map((b) => ({ ...b.row, search_tokens: b.tokens })));
        await insert(trx, 'publication_versions', rows.map((b) => b.version));
        await insert(trx, 'publication_items', rows.map((b) => ({ search_key: b.row.search_key, item: b.item })));
      });
    },
    async finish() {
      await app.db.transaction().execute(async (trx) => {
        await sql`DELETE FROM publication_counts`.execute(trx);
        await RECOUNT.execute(trx);
      });
      // What autovacuum would do soon after a bulk load: statistics and the visibility map.
      await sql`VACUUM (ANALYZE) publications`.execute(app.db);
      await sql`VACUUM (ANALYZE) publication_versions`.execute(app.db);
      await sql`VACUUM (ANALYZE) publication_items`.execute(app.db);
    },
    close() {},
  };
}

/** The agencies decisions are generated for (generate-cases.ts's world; the demo seeded before). */
export async function agenciesForPublications(app: App): Promise<CaseAgency[]> {
  // Officers are not needed for publications: none are registered beyond the demo's.
  return prepareCaseAgencies(app, { extra: 8, officersPerAgency: 0 });
}

// ---- command line ----------------------------------------------------------------------------

if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const USAGE = `
npx tsx bench/generate-publications.ts [options]
  --count N            how many published decisions (default 1M; accepts 100k, 1e6)
  --dir D              SQLite: the data directory (D/sanxiang.db; default a kept scratch dir)
  --url URL            PostgreSQL instead of SQLite
  --seed S             PRNG seed (default 1)
  --years Y            published over the last Y years (default 3, at most 3: the long period)
  --in-process         build the decisions on the main thread (one core) instead of a worker thread
`;
  const f = flags(USAGE, { count: { type: 'string' }, dir: { type: 'string' }, url: { type: 'string' }, seed: { type: 'string' }, years: { type: 'string' }, 'in-process': { type: 'boolean' } });
  const count = intFlag(f.count, 'count', 1_000_000);
  const dir = (f.dir as string | undefined) ?? scratchDir(undefined, true);
  header(`generate ${fmt(count)} published decisions`);
  const app = await openApp(f.url ? { databaseUrl: f.url as string } : { sqlitePath: path.join(dir, 'sanxiang.db') }, dir);
  try {
    const seeded = await seedDemo(app);
    if (!seeded.seeded) log(`demo not seeded: ${seeded.reason}`);
    const agencies = await agenciesForPublications(app);
    const bar = progressOrLog('decisions');
    const g = await generatePublications(app, agencies, { count, seed: intFlag(f.seed, 'seed', 1), years: intFlag(f.years, 'years', 3), inProcess: !!f['in-process'], onProgress: (d, t) => bar.update(d, t) });
    bar.stop();
    figure('store', app.store.location);
    figure('published decisions (search keys)', `${fmt(g.publications)}`, `keys ${fmt(g.keys[0])}–${fmt(g.keys[1])}; text ${fmt(g.textChars)} chars on average`);
    figure('seconds (decisions/s)', `${fmt(g.seconds, 1)} s`, `${fmt(g.publications / g.seconds)} /s; writing ${fmt(g.writeSeconds, 1)} s`);
    figure('by kind', Object.entries(g.byKind).map(([k, v]) => `${k} ${fmt(v)}`).join(', '));
    figure('by agency', Object.entries(g.byAgency).map(([k, v]) => `${k} ${fmt(v)}`).join(', '));
  } finally {
    await app.close();
  }
}
