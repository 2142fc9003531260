/**
 * Generates realistic penalty cases (行政处罚案件) fast, for bench/cases-list.ts — or for trying
 * the console with many cases. Importable (`prepareCaseAgencies`, `generateCases`) and runnable:
 *
 *   npx tsx bench/generate-cases.ts --cases 1M --dir /tmp/cases     # SQLite: /tmp/cases/sanxiang.db
 *   npx tsx bench/generate-cases.ts --cases 100k --url postgresql://…   # PostgreSQL
 *
 * What it writes. The agencies, units and officers go through the services (real events): the
 * demo's four agencies plus `extraAgencies` county enforcement teams, and enough registered
 * officers per agency (40 by default) for realistic handler pairs. The cases do NOT: each case's
 * events (线索登记 → 立案 → 检查 → 询问 → 调查终结 → 告知 → 陈述申辩/听证 → 集体讨论 → 决定 → 送达 →
 * 缴款/催告 → 结案 → 归档, or 不予立案, 撤销立案, 移送, 不予处罚, 当场处罚) are built in memory and folded
 * with the projector's own fold (`applyCaseEvent`), and only the projection rows — `cases` (the
 * columns exactly as `cases.projections.ts` derives them, and the whole record JSON),
 * `case_handlers` — plus the operational `case_deadlines` of open cases are inserted directly,
 * in big transactions. **The ledger events of the cases are skipped for seeding speed**: what
 * this data serves to measure is the list query, not appends (bench/cases-lifecycle.ts measures
 * the real path). The ledger still verifies (it just lacks these cases' events), but the cases
 * are not backed by events — a projection rebuild would drop them: use it for benchmarks only.
 *
 * The mix: cases registered over the last `years` years (default 6), oldest first; each walks
 * its procedure with realistic delays between acts until the run's "now", so old cases are
 * archived and recent ones open in every status; ~80 % organisations (网吧, 娱乐场所, 书店, 演出,
 * 旅行社, 文物, 市场监管 …) and ~20 % persons; parties come back (about 2.5 cases per party);
 * fields follow the agency; handlers are pairs of the agency's officers; fines in fen.
 * Deterministic for a given seed. The cases are built in a worker thread (heap capped) one chunk
 * ahead of the writer, so at most two chunks of 5,000 exist at a time: memory does not grow with N.
 */
import './env.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { sql } from 'kysely';
import { openApp, type App } from '../src/context.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { createAgency, createUnit } from '../src/modules/identity/agencies.service.ts';
import { registerOfficer } from '../src/modules/identity/officers.service.ts';
import { applyCaseEvent, type CaseEventData } from '../src/modules/cases/cases.record.ts';
import { caseEventType, type ActingOfficer, type CaseAct, type CaseRecord, type Party, type Penalty } from '../src/shared/cases.ts';
import { addDays, between, chinaDay, chunksFromWorker, DAY, figure, flags, fmt, header, intFlag, log, pick, progressBar, prng, scratchDir, serveChunks, uuid, weighted } from './common.ts';
import { insertJsonRows, seedingSqlite } from './seeding.ts';
import { searchText, searchTokens } from '../src/search/chinese.ts';

// ---- the world: agencies, units, officers ----------------------------------------------------

/** A business line: the party's trade, its enforcement field and the typical causes. */
export interface Trade {
  name: string;
  field: string;
  causes: string[];
  place: string;
}

export const TRADES: Record<string, Trade> = {
  netbar: { name: '网吧', field: '文化市场', place: '营业场所', causes: ['接纳未成年人进入营业场所', '未按规定核对、登记上网消费者的有效身份证件', '在规定的营业时间以外营业', '未在显著位置悬挂《网络文化经营许可证》'] },
  ktv: { name: '娱乐会所', field: '文化市场', place: 'KTV 包厢', causes: ['娱乐场所超时营业', '娱乐场所曲库含有禁止内容的曲目', '未按规定建立从业人员名簿', '未按规定配备安全保卫人员'] },
  arcade: { name: '游艺厅', field: '文化市场', place: '游艺大厅', causes: ['游艺娱乐场所设置含有赌博功能的游戏设备', '游艺娱乐场所接纳未成年人'] },
  show: { name: '演艺有限公司', field: '文化市场', place: '演出现场', causes: ['未经批准举办营业性演出', '营业性演出含有禁止内容', '演出举办单位变更演出内容未报批'] },
  books: { name: '图书音像店', field: '新闻出版', place: '门店', causes: ['发行违禁出版物', '未经许可从事出版物发行业务', '发行非法进口出版物'] },
  printer: { name: '印刷有限公司', field: '新闻出版', place: '印刷车间', causes: ['印刷企业未按规定验证委印单位证明文件', '印刷企业未按规定保存印刷品样本'] },
  media: { name: '广告传媒有限公司', field: '广播电视', place: '经营场所', causes: ['擅自设置卫星电视地面接收设施', '未经批准擅自开办视频点播业务', '擅自安装和使用卫星地面接收设施'] },
  travel: { name: '国际旅行社有限公司', field: '旅游', place: '门市部', causes: ['旅行社未与旅游者签订旅游合同', '安排未取得导游证的人员提供导游服务', '旅行社未按规定投保旅行社责任险'] },
  building: { name: '建筑工程有限公司', field: '文物', place: '施工现场', causes: ['擅自在文物保护单位保护范围内进行建设工程', '擅自迁移、拆除不可移动文物', '施工发现文物报告后未停止施工'] },
  antiques: { name: '古玩店', field: '文物', place: '店铺', causes: ['文物商店以外的单位从事文物经营', '经营禁止买卖的文物'] },
  market: { name: '百货超市', field: '市场监管', place: '卖场', causes: ['销售超过保质期的食品', '未按规定明码标价', '销售不符合安全标准的商品'] },
  food: { name: '餐饮店', field: '市场监管', place: '后厨', causes: ['未取得食品经营许可从事餐饮服务', '从业人员未取得健康证明'] },
  pharmacy: { name: '大药房', field: '市场监管', place: '药店', causes: ['药品未按规定储存', '未凭处方销售处方药'] },
};

/** Which trades an agency enforces, with weights. */
const CULTURE_MIX: [string, number][] = [['netbar', 30], ['ktv', 18], ['arcade', 6], ['show', 8], ['books', 10], ['printer', 5], ['media', 10], ['travel', 13]];
const MIXES: Record<string, [string, number][]> = {
  'hy-whzf': CULTURE_MIX,
  'hy-wtgx': [['travel', 50], ['show', 50]],
  'hy-wwj': [['building', 70], ['antiques', 30]],
  'hy-scjg': [['market', 45], ['food', 40], ['pharmacy', 15]],
};
/** Share of all cases per demo agency; the rest is spread over the extra county teams. */
const DEMO_SHARE: Record<string, number> = { 'hy-whzf': 0.35, 'hy-scjg': 0.17, 'hy-wwj': 0.08, 'hy-wtgx': 0.02 };
const DEMO_SHORT: Record<string, string> = { 'hy-whzf': '衡文执', 'hy-scjg': '衡市监', 'hy-wwj': '衡文物', 'hy-wtgx': '衡文旅' };
const COUNTIES = ['蒸湘区', '雁峰区', '石鼓区', '珠晖区', '南岳区', '衡阳县', '衡南县', '衡山县', '衡东县', '祁东县', '耒阳市', '常宁市'];
const BRAND = '星辰金曲华夏天悦新世纪红蓝海风云龙凤盛达鑫源嘉和豪庭翠湖银河东方长城明珠春秋锦绣雅韵乐园博文古今宏图百川康泰恒远佳音美景';
export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
export const GIVEN = ['建国', '晓明', '丽华', '志强', '海燕', '伟', '小芳', '文博', '思远', '若兰', '军', '敏', '静', '磊', '洋', '艳', '勇', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '玉兰', '红梅'];

export interface CaseAgency {
  id: string;
  code: string;
  name: string;
  /** 文书字号 prefix, e.g. 衡文执 in 衡文执罚决字〔2026〕第12号. */
  short: string;
  /** The agency's ordinal: keeps the agencies' party pools apart. */
  salt: number;
  share: number;
  mix: [string, number][];
  /** Units cases are registered in (weights), null = the agency itself. */
  units: [string | null, number][];
  officers: ActingOfficer[];
  /** Running counters: 立案号 and 决定书号 per year; the log's event seq. */
  fileNo: Map<string, number>;
  decisionNo: Map<string, number>;
  seq: number;
}

/**
 * The agencies cases are generated for: the demo's (seeded before) and `extra` county teams,
 * each with enough certified officers. Idempotent: existing extras and officers are reused.
 */
export async function prepareCaseAgencies(app: App, opts: { extra?: number; officersPerAgency?: number } = {}): Promise<CaseAgency[]> {
  const extra = opts.extra ?? 8;
  const perAgency = opts.officersPerAgency ?? 40;
  const rows = await app.db.selectFrom('agencies').select(['id', 'code', 'name']).execute();
  const byCode = new Map(rows.map((r) => [r.code, r]));
  for (const code of Object.keys(DEMO_SHARE)) if (!byCode.has(code)) throw new Error(`agency ${code} missing: seed the demo first (seedDemo)`);
  for (let k = 0; k < extra; k++) {
    const code = `bench-county-${k}`;
    if (byCode.has(code)) continue;
    const county = COUNTIES[k % COUNTIES.length]! + (k >= COUNTIES.length ? String(Math.floor(k / COUNTIES.length) + 1) : '');
    const a = await createAgency(app, null, { code, name: `${county}文化市场综合行政执法大队`, parentId: null });
    for (const u of ['执法一中队', '执法二中队', '法制股']) await createUnit(app, null, a.id, { name: u });
    byCode.set(code, { id: a.id, code, name: a.name });
  }
  const rest = 1 - Object.values(DEMO_SHARE).reduce((s, x) => s + x, 0);
  const plan = [
    ...Object.entries(DEMO_SHARE).map(([code, share]) => ({ code, share: extra > 0 ? share : share / (1 - rest), mix: MIXES[code]! })),
    ...Array.from({ length: extra }, (_, k) => ({ code: `bench-county-${k}`, share: rest / extra, mix: CULTURE_MIX })),
  ];
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const out: CaseAgency[] = [];
  for (const [ai, p] of plan.entries()) {
    const agency = byCode.get(p.code)!;
    const units = await app.db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agency.id).orderBy('name').execute();
    const enforcing = units.filter((u) => !/法制|办公室|审批|法规/.test(u.name));
    const unitMix: [string | null, number][] = [...enforcing.map((u): [string, number] => [u.id, 90 / Math.max(enforcing.length, 1)]), [null, 10]];
    const fields = [...new Set(p.mix.map(([t]) => TRADES[t]!.field))];
    const valid = async () =>
      (await app.db.selectFrom('officers').selectAll().where('agency_id', '=', agency.id).where('status', '=', 'active').execute()).filter(
        (o) => Number(o.auxiliary) !== 1 && o.certificate_no && (!o.valid_to || o.valid_to >= today) && (!o.valid_from || o.valid_from <= today),
      );
    let officers = await valid();
    for (let n = officers.length; n < perAgency; n++) {
      await registerOfficer(app, null, {
        agencyId: agency.id,
        unitId: enforcing[n % Math.max(enforcing.length, 1)]?.id ?? null,
        name: `${SURNAMES[(n * 7 + ai) % SURNAMES.length]}${GIVEN[(n * 11 + ai * 3) % GIVEN.length]}`,
        post: '执法队员',
        certificateNo: `4304${String(90 + ai).padStart(3, '0')}${String(n).padStart(5, '0')}`,
        issuingAuthority: '衡阳市人民政府',
        fields,
        validFrom: '2020-01-01',
        validTo: '2030-12-31',
      });
    }
    if (officers.length < perAgency) officers = await valid();
    out.push({
      id: agency.id,
      code: p.code,
      name: agency.name,
      short: DEMO_SHORT[p.code] ?? `${agency.name.slice(0, 1)}文执`,
      salt: ai,
      share: p.share,
      mix: p.mix,
      units: unitMix,
      officers: officers.map((o) => ({ officerId: o.id, name: o.name, certificateNo: o.certificate_no })),
      fileNo: new Map(),
      decisionNo: new Map(),
      seq: 1_000,
    });
  }
  return out;
}

// ---- the cases -------------------------------------------------------------------------------

export interface GenerateOptions {
  cases: number;
  /** PRNG seed (default 1): the same seed gives the same cases. */
  seed?: number;
  /** Cases are registered over this many years before `now` (default 6). */
  years?: number;
  now?: Date;
  /** Cases per transaction (default 5,000). */
  chunk?: number;
  onProgress?: (done: number, total: number) => void;
  /** Build the cases on this thread instead of a worker thread (slower: no overlap with writing). */
  inProcess?: boolean;
}

export interface Generated {
  cases: number;
  handlers: number;
  deadlines: number;
  seconds: number;
  /** Of which writing the rows (the rest: building and folding the cases in memory). */
  writeSeconds: number;
  byStatus: Record<string, number>;
  byAgency: Record<string, number>;
}

interface Row {
  search_tokens: string[];
  id: string;
  agency_id: string;
  unit_id: string | null;
  procedure: string;
  status: string;
  field: string;
  cause: string;
  party_name: string;
  case_no: string | null;
  registered_on: string;
  filed_on: string | null;
  decided_on: string | null;
  record: string;
  version: number;
  created_at: string;
  updated_at: string;
  next_due?: string | null;
}
interface DeadlineRow {
  case_id: string;
  agency_id: string;
  unit_id: string | null;
  rule: string;
  instance: string;
  label: string;
  due: string;
  provisional: number;
}

/** The party behind pool index `i` of an agency: the same index is the same business (repeat violators). */
export function partyOf(a: CaseAgency, i: number): { party: Party; trade: Trade } {
  const h = prng(i * 2654435761 + a.salt * 7919);
  // Agencies draw from disjoint name ranges (an agency's pool index i is name number j):
  // 县区 × a 字号 of two characters (3,600), then of three (216,000), then numbered branches.
  const j = i * 16 + (a.salt % 16);
  const trade = TRADES[weighted(h, a.mix)]!;
  const county = COUNTIES[j % COUNTIES.length]!;
  const b = Math.floor(j / COUNTIES.length);
  const n = BRAND.length;
  const c = b < n * n ? b : (b - n * n) % (n * n * n);
  const brand = BRAND[c % n]! + BRAND[Math.floor(c / n) % n]! + (b < n * n ? '' : BRAND[Math.floor(c / (n * n)) % n]!);
  const branch = b < n * n ? 0 : Math.floor((b - n * n) / (n * n * n));
  const person = h() < 0.2;
  const owner = `${SURNAMES[Math.floor(h() * SURNAMES.length)]}${pick(h, GIVEN)}`;
  const street = `${county}${pick(h, ['解放大道', '蒸湘北路', '船山大道', '先锋路', '红湘路', '延安路', '中山北路', '雁城路'])}${between(h, 1, 400)}号`;
  const code = String(i).padStart(9, '0');
  return {
    trade,
    party: person
      ? { kind: 'person', name: owner, idNumber: `430404${between(h, 1960, 2004)}${String(between(h, 101, 1228)).padStart(4, '0')}${code.slice(-4)}`, representative: null, address: street, phone: `139${code.slice(-8)}`, minor: false }
      : { kind: 'organisation', name: `${county}${brand}${trade.name}${branch ? `第${branch + 1}分店` : ''}`, idNumber: `914304${code}X${String(a.salt % 100).padStart(2, '0')}`, representative: owner, address: street, phone: `0734-${code.slice(-7)}`, minor: false },
  };
}

const PERSON_CEILING = 20_000;
const ORG_CEILING = 300_000;

/**
 * Inserts `opts.cases` cases into the app's store (SQLite: through a second connection to the
 * same file, `synchronous=OFF` while seeding; PostgreSQL: multi-row `unnest` inserts through the
 * app's pool), oldest first, `chunk` cases per transaction.
 */
export async function generateCases(app: App, agencies: CaseAgency[], opts: GenerateOptions): Promise<Generated> {
  const t0 = performance.now();
  const plan: Plan = { agencies, cases: opts.cases, seed: opts.seed ?? 1, years: opts.years ?? 6, now: (opts.now ?? new Date()).getTime(), chunk: opts.chunk ?? 5_000 };
  const byStatus: Record<string, number> = {};
  const byAgency: Record<string, number> = {};
  let handlers = 0;
  let deadlines = 0;
  let writeMs = 0;
  // The cases are built in a worker thread (the other core) while this thread writes the
  // previous chunk: at most two chunks exist at a time.
  const source = opts.inProcess ? inProcessChunks(plan) : chunksFromWorker<Chunk>(import.meta.url, CHUNK_TAG, plan, 192);
  const writer = await openWriter(app);
  try {
    for await (const c of source) {
      const w0 = performance.now();
      await writer.write(c.rows, c.handlers, c.deadlines);
      writeMs += performance.now() - w0;
      handlers += c.handlers.length;
      deadlines += c.deadlines.length;
      for (const [k, v] of Object.entries(c.byStatus)) byStatus[k] = (byStatus[k] ?? 0) + v;
      for (const [k, v] of Object.entries(c.byAgency)) byAgency[k] = (byAgency[k] ?? 0) + v;
      opts.onProgress?.(c.to, opts.cases);
    }
    const w0 = performance.now();
    await writer.finish();
    writeMs += performance.now() - w0;
  } finally {
    writer.close();
  }
  return { cases: opts.cases, handlers, deadlines, seconds: (performance.now() - t0) / 1000, writeSeconds: writeMs / 1000, byStatus, byAgency };
}

/** What the case builder needs (structured-cloneable: it is sent to the worker). */
interface Plan {
  agencies: CaseAgency[];
  cases: number;
  seed: number;
  years: number;
  now: number;
  chunk: number;
}

interface Chunk {
  to: number;
  rows: Row[];
  handlers: { case_id: string; officer_id: string; created_at: string }[];
  deadlines: DeadlineRow[];
  byStatus: Record<string, number>;
  byAgency: Record<string, number>;
}

/** Builds the plan's cases chunk by chunk (deterministic: one PRNG stream, oldest case first). */
function* buildChunks(plan: Plan): Generator<Chunk> {
  const rnd = prng(plan.seed);
  const span = plan.years * 365 * DAY;
  const start = plan.now - span;
  const agencyMix = plan.agencies.map((a) => [a, a.share] as const);
  const pools = new Map(plan.agencies.map((a) => [a.id, Math.max(50, Math.round((plan.cases * a.share) / 2.5))]));
  for (let from = 0; from < plan.cases; from += plan.chunk) {
    const to = Math.min(plan.cases, from + plan.chunk);
    const c: Chunk = { to, rows: [], handlers: [], deadlines: [], byStatus: {}, byAgency: {} };
    for (let i = from; i < to; i++) {
      const a = weighted(rnd, agencyMix);
      const created = Math.floor(start + ((i + rnd()) / plan.cases) * (span - DAY));
      const r = walkCase(rnd, a, pools.get(a.id)!, created, plan.now);
      c.rows.push({
        id: r.id,
        agency_id: r.agencyId,
        // The columns exactly as src/modules/cases/cases.projections.ts derives them.
        unit_id: r.unitId,
        procedure: r.procedure,
        status: r.status,
        field: r.field,
        cause: r.cause,
        party_name: r.parties[0]?.name ?? '',
        case_no: r.caseNo ?? r.decision?.number ?? null,
        registered_on: r.registeredOn,
        filed_on: r.filedOn,
        decided_on: r.decision?.on ?? null,
        record: JSON.stringify(r),
        version: r.version,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
        // The search index exactly as src/modules/cases/cases.search.ts keeps it (PostgreSQL's column; SQLite's FTS text is made from it at write time).
        search_tokens: searchTokens(r.parties[0]?.name ?? '', r.caseNo ?? r.decision?.number ?? null, r.cause),
      });
      for (const h of r.handlers) c.handlers.push({ case_id: r.id, officer_id: h.officerId, created_at: r.createdAt });
      const ds = deadlinesOf(r);
      for (const d of ds) c.deadlines.push(d);
      // As cases.links.ts storeDeadlines keeps it: the earliest open due date.
      c.rows[c.rows.length - 1]!.next_due = ds.reduce<string | null>((min, d) => (min === null || d.due < min ? d.due : min), null);
      c.byStatus[r.status] = (c.byStatus[r.status] ?? 0) + 1;
      c.byAgency[a.code] = (c.byAgency[a.code] ?? 0) + 1;
    }
    yield c;
  }
}

async function* inProcessChunks(plan: Plan): AsyncGenerator<Chunk> {
  yield* buildChunks(plan);
}

// The chunks, built one ahead in a worker thread running this module (bench/common.ts).
const CHUNK_TAG = 'generate-cases';
serveChunks(CHUNK_TAG, (plan: Plan) => buildChunks(plan));

/** One case's events, from its registration until `now` (or the end of its procedure), folded into its record. */
function walkCase(rnd: () => number, a: CaseAgency, pool: number, created: number, now: number): CaseRecord {
  const id = uuid(rnd);
  const { party, trade } = partyOf(a, Math.floor(rnd() * pool));
  const cause = pick(rnd, trade.causes);
  const unitId = weighted(rnd, a.units);
  let at = created;
  const s: { r: CaseRecord | null } = { r: null };
  let stopped = false;
  /** Appends the act after `days` (if that is still before now), folding it into the record. */
  const act = <A extends CaseAct>(name: A, days: number, data: (on: string) => Omit<CaseEventData[A], 'id' | 'on'>): boolean => {
    if (stopped) return false;
    const next = at + days * DAY + Math.floor(rnd() * 6 * 3600_000);
    if (next > now) {
      stopped = true;
      return false;
    }
    at = next;
    const on = chinaDay(at);
    s.r = applyCaseEvent(s.r, { type: caseEventType(name), seq: ++a.seq, at: new Date(at).toISOString(), data: { id, on, ...data(on) } as unknown as Record<string, unknown> });
    return true;
  };
  const year = () => chinaDay(at).slice(0, 4);
  const number = (m: Map<string, number>, kind: string) => {
    const y = year();
    const n = (m.get(y) ?? 0) + 1;
    m.set(y, n);
    return `${a.short}${kind}〔${y}〕第${n}号`;
  };
  const team = (): ActingOfficer[] => {
    const x = Math.floor(rnd() * a.officers.length);
    let y = Math.floor(rnd() * (a.officers.length - 1));
    if (y >= x) y++;
    return [a.officers[x]!, a.officers[y]!];
  };
  const place = `${party.address}${party.kind === 'organisation' ? party.name : ''}${trade.place}`;
  const org = party.kind === 'organisation';
  const base = { agencyId: a.id, unitId, field: trade.field, cause, parties: [party] };

  if (rnd() < 0.05) {
    // 简易程序：当场处罚 → 备案 → 结案 → 归档.
    const fine = Math.round(between(rnd, 1, org ? ORG_CEILING / 5_000 : PERSON_CEILING / 5_000)) * 5_000;
    const officers = team();
    const penalty: Penalty =
      rnd() < 0.3
        ? { kinds: ['warning'], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '警告' }
        : { kinds: ['fine'], fineFen: fine, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: `罚款${fine / 100}元` };
    act('decide-on-the-spot', 0, (on) => ({
      ...base,
      officers,
      place,
      facts: `${on}，执法人员在${place}检查时发现当事人${cause}。`,
      basis: '《中华人民共和国行政处罚法》第五十一条',
      penalty,
      rightsTold: true,
      partyStatement: null,
      partySigned: rnd() < 0.9,
      collected: null,
      dueOn: null,
      number: number(a.decisionNo, '当罚字'),
      documentId: null,
      decidedBy: officers[0]!.name,
    }));
    act('report-on-the-spot', between(rnd, 0, 3), () => ({}));
    act('close', between(rnd, 1, 10), () => ({ ground: 'performed', documentId: null }));
    act('archive', between(rnd, 5, 60), () => ({}));
    return s.r!;
  }

  act('register-clue', 0, () => ({
    ...base,
    source: weighted(rnd, [['inspection', 55], ['complaint', 35], ['referral', 6], ['assignment', 4]] as const),
    summary: `群众举报或日常检查发现：${party.name}（${party.address}）涉嫌${cause}。线索来源已登记，拟报请负责人审批是否立案。`,
    actOn: chinaDay(created - between(rnd, 0, 20) * DAY),
    seriousHarm: false,
  }));
  if (rnd() < 0.08) {
    act('decline', between(rnd, 1, 7), () => ({ reason: '经核查，违法事实不能成立，不予立案。' }));
    return s.r!;
  }
  const handlers = team();
  act('file', between(rnd, 1, 7), () => ({ handlers, caseNo: number(a.fileNo, '立字'), benchmark: null, documentId: null }));
  act('record-inspection', between(rnd, 1, 5), (on) => ({
    officers: handlers,
    place,
    content: `执法人员${handlers.map((h) => h.name).join('、')}出示执法证件后，对${place}进行现场检查。经查，当事人于${on}前存在${cause}的行为，现场制作笔录并拍照取证，当事人在场并签字确认。`,
    evidence: [
      { id: uuid(rnd), kind: '现场笔录', description: '现场检查（勘验）笔录一份' },
      { id: uuid(rnd), kind: '视听资料', description: `执法记录仪视频 ${between(rnd, 1, 4)} 段` },
    ],
    documentId: null,
  }));
  if (rnd() < 0.6) {
    act('record-questioning', between(rnd, 1, 10), () => ({
      officers: handlers,
      person: `${party.representative ?? party.name}（当事人${org ? '负责人' : ''}）`,
      content: `问：我们是衡阳市${a.name.slice(3)}的执法人员，现依法向你了解有关情况，你有如实回答的义务，听清楚了吗？答：听清楚了。问：${cause}的情况是否属实？答：属实。`,
      evidence: [{ id: uuid(rnd), kind: '当事人陈述', description: '询问笔录一份' }],
      documentId: null,
    }));
  }
  if (rnd() < 0.03) {
    act('revoke-filing', between(rnd, 10, 30), () => ({ reason: '立案后发现不属于本机关管辖，撤销立案并移交有权机关。' }));
    return s.r!;
  }
  const outcome = weighted(rnd, [['penalise', 85], ['no-penalty', 10], ['transfer', 5]] as const);
  const fine = org ? between(rnd, 2, 200) * 100_000 : between(rnd, 1, 40) * 50_000;
  const major = fine >= 1_000_000 || rnd() < 0.03;
  const penalty: Penalty = {
    kinds: major && fine < 1_000_000 ? ['warning', 'fine', 'suspend-business'] : ['warning', 'fine'],
    fineFen: fine,
    confiscatedGainsFen: null,
    confiscatedPropertyFen: null,
    description: `警告，并处罚款${fine / 100}元${major && fine < 1_000_000 ? '，责令停业整顿十五日' : ''}`,
  };
  act('close-investigation', between(rnd, 5, 40), () => ({
    outcome,
    findings: `经调查，当事人${party.name}存在${cause}的违法事实，有现场检查笔录、询问笔录、视听资料等证据证实，事实清楚，证据确凿。`,
    proposedPenalty: outcome === 'penalise' ? penalty : null,
    firstViolation: false,
    benchmark: null,
    requiredBecause: outcome === 'penalise' && major ? ['罚款数额达到重大执法决定标准'] : [],
    documentId: null,
  }));
  if (outcome === 'transfer') {
    act('transfer', between(rnd, 1, 5), () => ({ to: '衡阳市公安局', reason: '涉嫌犯罪，依法移送公安机关。', documentId: null }));
    act('close', between(rnd, 1, 10), () => ({ ground: 'transferred', documentId: null }));
    act('archive', between(rnd, 5, 60), () => ({}));
    return s.r!;
  }
  if (outcome === 'no-penalty') {
    act('decide-no-penalty', between(rnd, 1, 7), () => ({ reason: '违法行为轻微并及时改正，没有造成危害后果。', basis: '《中华人民共和国行政处罚法》第三十三条第一款', number: number(a.decisionNo, '不罚字'), documentId: null, decidedBy: '机关负责人' }));
    act('serve', between(rnd, 1, 5), () => ({ method: 'direct', recipient: party.representative ?? party.name, officers: handlers, dueOn: null, documentId: null }));
    act('close', between(rnd, 1, 10), () => ({ ground: 'no-penalty', documentId: null }));
    act('archive', between(rnd, 5, 60), () => ({}));
    return s.r!;
  }
  const hearingRight = major || fine >= (org ? 10_000_000 : 1_000_000);
  act('notify', between(rnd, 1, 5), (on) => ({
    servedOn: on,
    proposedPenalty: penalty,
    facts: `当事人${party.name}${cause}。`,
    reasons: `违反了相关法律法规的规定，依据${trade.field}领域行政处罚裁量基准，拟从轻处罚。`,
    basis: '相关法律法规的罚则条款',
    hearingRight,
    requiredBecause: major ? ['罚款数额达到重大执法决定标准'] : [],
    documentId: null,
  }));
  if (hearingRight && rnd() < 0.3) {
    act('request-hearing', between(rnd, 1, 4), () => ({}));
    const hearingDate = chinaDay(at + between(rnd, 12, 20) * DAY);
    act('schedule-hearing', between(rnd, 1, 2), (on) => ({ date: hearingDate, place: '执法局听证室', presiderUserId: 'presider', presiderName: '李法制', noticeServedOn: on, documentId: null }));
    act('record-hearing', Math.max(0, Math.round((Date.parse(hearingDate) - at) / DAY)), () => ({ partyAbsent: false, record: '当事人对违法事实无异议，请求从轻处罚。', documentId: null }));
  } else {
    const waived = rnd() < 0.5;
    act('record-statement', between(rnd, 1, 7), () => ({
      text: waived ? '当事人明确表示放弃陈述申辩和听证。' : '当事人称系初次违法，请求从轻处罚。',
      adopted: false,
      review: '经复核，当事人提出的理由不足以改变拟处罚意见。',
      waived,
      documentId: null,
    }));
  }
  if (major) {
    // 法制审核 (Art 58) is the review module's (`review.*` events), not a case act: not generated here.
    act('record-discussion', between(rnd, 1, 5), () => ({ participants: ['局长', '副局长', '法制科长'], conclusion: '同意拟处罚意见', documentId: null }));
  }
  act('decide', between(rnd, 1, 10), () => ({ penalty, basis: '相关法律法规的罚则条款', number: number(a.decisionNo, '罚决字'), documentId: null, decidedBy: '机关负责人' }));
  act('serve', between(rnd, 1, 5), (on) => ({ method: 'direct', recipient: party.representative ?? party.name, officers: handlers, dueOn: addDays(on, 15), documentId: null }));
  if (rnd() < 0.95) {
    act('record-payment', between(rnd, 1, 15), () => ({ amountFen: fine, receiptNo: `HN${String(a.seq).padStart(8, '0')}`, settled: true }));
    act('close', between(rnd, 1, 10), () => ({ ground: 'performed', documentId: null }));
  } else {
    // Not paid: 催告 after the due date, then 申请人民法院强制执行 and closed as enforced.
    act('send-reminder', between(rnd, 16, 30), () => ({ documentId: null }));
    act('close', between(rnd, 60, 180), () => ({ ground: 'enforced', documentId: null }));
  }
  act('archive', between(rnd, 5, 60), () => ({}));
  return s.r!;
}

/**
 * The open deadlines of a case, simplified for seeding (calendar days throughout): 90 days from
 * 立案 to a decision (Art 60), service 7 working days (≈ 9 calendar days) after it (Art 61),
 * payment by the served due date (Art 67), 备案 of an on-the-spot penalty within 3 days.
 */
function deadlinesOf(r: CaseRecord): DeadlineRow[] {
  const out: [string, string, string][] = [];
  if (r.filedOn && ['investigating', 'investigation-closed', 'notified'].includes(r.status)) out.push(['decision', '作出行政处罚决定', addDays(r.filedOn, 90)]);
  if (r.status === 'decided' && r.decision) out.push(['service', '送达行政处罚决定书', addDays(r.decision.on, 9)]);
  if (r.status === 'served' && r.execution?.dueOn && r.execution.paidFen === 0) out.push(['payment', '当事人缴纳罚款', r.execution.dueOn]);
  if (r.status === 'served' && r.procedure === 'simple' && !r.reportedOn && r.decision) out.push(['on-the-spot-report', '当场处罚决定备案', addDays(r.decision.on, 3)]);
  return out.map(([rule, label, due]) => ({
    case_id: r.id,
    agency_id: r.agencyId,
    unit_id: r.unitId,
    rule,
    instance: '',
    label,
    due,
    provisional: 0,
  }));
}

// ---- writing ---------------------------------------------------------------------------------

const CASE_COLUMNS = ['id', 'agency_id', 'unit_id', 'procedure', 'status', 'field', 'cause', 'party_name', 'case_no', 'registered_on', 'filed_on', 'decided_on', 'record', 'version', 'created_at', 'updated_at', 'next_due'] as const;
const DEADLINE_COLUMNS = ['case_id', 'agency_id', 'unit_id', 'rule', 'instance', 'label', 'due', 'provisional'] as const;

interface Writer {
  write(rows: Row[], handlers: { case_id: string; officer_id: string; created_at: string }[], deadlines: DeadlineRow[]): Promise<void>;
  finish(): Promise<void>;
  close(): void;
}

async function openWriter(app: App): Promise<Writer> {
  if (app.engine === 'sqlite') {
    // A second connection to the same file (WAL): prepared statements, no fsync while seeding.
    const { raw, insert: ins } = seedingSqlite(app.store.location, 64);
    const insCase = ins('cases', CASE_COLUMNS);
    const insHandler = ins('case_handlers', ['case_id', 'officer_id', 'created_at']);
    const insDeadline = ins('case_deadlines', DEADLINE_COLUMNS);
    const insSearch = raw.prepare('INSERT INTO case_search (rowid, tokens) VALUES (?, ?)');
    const tx = raw.transaction((rows: Row[], hs: { case_id: string; officer_id: string; created_at: string }[], ds: DeadlineRow[]) => {
      const indexed = rows.map((r) => [-Number(insCase.run(CASE_COLUMNS.map((c) => r[c])).lastInsertRowid), r] as const);
      // The index's rowids are minus the cases' (cases.search.ts): ascending within the transaction,
      // or FTS5 flushes a segment per row.
      for (const [rowid, r] of indexed.reverse()) insSearch.run(rowid, searchText(r.party_name, r.case_no, r.cause));
      for (const h of hs) insHandler.run(h.case_id, h.officer_id, h.created_at);
      for (const d of ds) insDeadline.run(DEADLINE_COLUMNS.map((c) => d[c]));
    });
    return {
      async write(rows, hs, ds) {
        tx(rows, hs, ds);
      },
      async finish() {
        raw.pragma('wal_checkpoint(TRUNCATE)');
      },
      close: () => raw.close(),
    };
  }
  // PostgreSQL: one JSON bulk insert per table and chunk.
  const insert = insertJsonRows;
  return {
    async write(rows, hs, ds) {
      await app.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        await insert(trx, 'cases', rows);
        await insert(trx, 'case_handlers', hs);
        await insert(trx, 'case_deadlines', ds);
      });
    },
    async finish() {
      // What autovacuum would do soon after a bulk load: statistics and the visibility map.
      await sql`VACUUM (ANALYZE) cases`.execute(app.db);
      await sql`VACUUM (ANALYZE) case_handlers`.execute(app.db);
      await sql`VACUUM (ANALYZE) case_deadlines`.execute(app.db);
    },
    close() {},
  };
}

// ---- command line ----------------------------------------------------------------------------

if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const USAGE = `
npx tsx bench/generate-cases.ts [options]
  --cases N            how many cases (default 100k; accepts 1M, 250k)
  --dir D              SQLite: the data directory (D/sanxiang.db; default a kept scratch dir)
  --url URL            PostgreSQL instead of SQLite
  --extra-agencies N   county enforcement teams besides the demo's agencies (default 8)
  --officers N         certified officers per agency (default 40)
  --seed S             PRNG seed (default 1)
  --years Y            registered over the last Y years (default 6)
`;
  const f = flags(USAGE, { cases: { type: 'string' }, dir: { type: 'string' }, url: { type: 'string' }, 'extra-agencies': { type: 'string' }, officers: { type: 'string' }, seed: { type: 'string' }, years: { type: 'string' } });
  const count = intFlag(f.cases, 'cases', 100_000);
  const dir = (f.dir as string | undefined) ?? scratchDir(undefined, true);
  header(`generate ${fmt(count)} penalty cases`);
  const app = await openApp(f.url ? { databaseUrl: f.url as string } : { sqlitePath: path.join(dir, 'sanxiang.db') }, dir);
  try {
    const seeded = await seedDemo(app);
    if (!seeded.seeded) log(`demo not seeded: ${seeded.reason}`);
    const agencies = await prepareCaseAgencies(app, { extra: f['extra-agencies'] === '0' ? 0 : intFlag(f['extra-agencies'], 'extra-agencies', 8), officersPerAgency: intFlag(f.officers, 'officers', 40) });
    const bar = progressBar('cases');
    const g = await generateCases(app, agencies, { cases: count, seed: intFlag(f.seed, 'seed', 1), years: intFlag(f.years, 'years', 6), onProgress: (d, t) => bar.update(d, t) });
    bar.stop();
    figure('store', app.store.location);
    figure('cases / handler rows / deadline rows', `${fmt(g.cases)} / ${fmt(g.handlers)} / ${fmt(g.deadlines)}`);
    figure('seconds (cases/s)', `${fmt(g.seconds, 1)} s`, `${fmt(g.cases / g.seconds)} cases/s; writing ${fmt(g.writeSeconds, 1)} s`);
    figure('by status', Object.entries(g.byStatus).map(([k, v]) => `${k} ${fmt(v)}`).join(', '));
    figure('by agency', Object.entries(g.byAgency).map(([k, v]) => `${k} ${fmt(v)}`).join(', '));
  } finally {
    await app.close();
  }
}
