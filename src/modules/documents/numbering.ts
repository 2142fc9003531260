/**
 * 文号 — document numbers: per agency, per kind, per year of issue, no gaps, no duplicates.
 *
 * The serial is allocated inside the issuing transaction by an upsert on the agency/kind/year
 * counter row (`insert … on conflict do update set last = last + 1 returning last`): on
 * PostgreSQL the row stays locked until the transaction ends, so concurrent issuers queue and
 * each takes the next serial; on SQLite the transaction holds the database's single writer lock.
 * A transaction that rolls back (the case act was refused, the append failed) takes its
 * increment with it, so the number is issued again by the next one — never a gap. The counter is
 * also a projection of `document.issued` (which records year and serial), so a rebuild restores
 * it; the unique constraint on (agency, kind, year, serial) in `documents` is the last guard.
 *
 * Short name (机关代字): set by the agency admin (`document-settings.set`). Until then it is derived
 * from the agency's name — the first character of the most local place name plus the
 * conventional abbreviation of the agency's field (衡阳市文化市场综合执法局 → 衡文执,
 * 衡阳市市场监督管理局 → 衡市监). A derived name is a reasonable start, not a decision: the
 * settings API reports it as derived so the console can ask the admin to confirm it.
 */
import { sql } from 'kysely';
import { DomainError } from '../../kernel/errors.ts';
import type { Db, Tx } from '../../store/db.ts';
import { DEFAULT_NUMBER_PATTERN, DOCUMENT_KINDS, NUMBER_PLACEHOLDERS, type DocumentKind } from '../../shared/documents.ts';

export interface NumberParts {
  short: string;
  word: string;
  year: number;
  n: number;
}

/** Fills a pattern: {short}{word}〔{year}〕第{n}号 → 衡文执罚决字〔2026〕第12号. */
export function formatNumber(pattern: string, parts: NumberParts): string {
  return pattern.replace(/\{(short|word|year|n)\}/g, (_m, key: keyof NumberParts) => String(parts[key]));
}

/** What is wrong with a number pattern, or null: it must contain {n} once and only known placeholders. */
export function patternProblem(pattern: string): string | null {
  const used = [...pattern.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  const unknown = used.filter((p) => !(NUMBER_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0) return `未知的占位符：${unknown.map((u) => `{${u}}`).join('、')}（可用：{short} {word} {year} {n}）`;
  if (used.filter((p) => p === 'n').length !== 1) return '文号格式须包含一次 {n}（序号）';
  // Without the year a serial restarting each January would repeat last year's numbers.
  if (!used.includes('year')) return '文号格式须包含 {year}（年份），序号每年从 1 开始';
  if (/[{}]/.test(pattern.replace(/\{(short|word|year|n)\}/g, ''))) return '文号格式中的花括号不成对';
  return null;
}

const PROVINCES: Record<string, string> = {
  北京: '京', 天津: '津', 河北: '冀', 山西: '晋', 内蒙古: '蒙', 辽宁: '辽', 吉林: '吉', 黑龙江: '黑',
  上海: '沪', 江苏: '苏', 浙江: '浙', 安徽: '皖', 福建: '闽', 江西: '赣', 山东: '鲁', 河南: '豫',
  湖北: '鄂', 湖南: '湘', 广东: '粤', 广西: '桂', 海南: '琼', 重庆: '渝', 四川: '川', 贵州: '黔',
  云南: '滇', 西藏: '藏', 陕西: '陕', 甘肃: '甘', 青海: '青', 宁夏: '宁', 新疆: '新', 香港: '港', 澳门: '澳',
};

/** Conventional abbreviations of agency fields, longest first. */
const FIELDS: Array<[string, string]> = [
  ['文化市场综合行政执法', '文执'],
  ['文化市场综合执法', '文执'],
  ['文化广电和旅游', '文旅'],
  ['文化和旅游', '文旅'],
  ['文化旅游', '文旅'],
  ['文体广电新闻出版', '文广新'],
  ['文化广电新闻出版', '文广新'],
  ['市场监督管理', '市监'],
  ['综合行政执法', '综执'],
  ['城市管理', '城管'],
  ['生态环境', '环'],
  ['交通运输', '交'],
  ['自然资源', '自然资源'],
  ['应急管理', '应急'],
  ['卫生健康', '卫健'],
  ['新闻出版', '新出'],
  ['广播电视', '广电'],
  ['文物', '文物'],
  ['旅游', '旅'],
  ['文化', '文'],
];

/**
 * The administrative divisions an agency's name starts with: 湖南省衡阳市文化市场综合执法局 →
 * {province: 湖南, places: [衡阳市], rest: 文化市场综合执法局}. A segment that is part of the
 * field (文化市场 is not a 市) ends the search.
 */
export function placeOf(agencyName: string): { province: string | null; places: string[]; rest: string } {
  let rest = agencyName.trim();
  const province = Object.keys(PROVINCES).find((p) => rest.startsWith(p)) ?? null;
  const places: string[] = [];
  if (province) {
    const m = /^(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)/u.exec(rest.slice(province.length));
    places.push(province + (m?.[0] ?? ''));
    rest = rest.slice(places[0]!.length);
  }
  for (;;) {
    const m = /^(.{1,6}?)(市|自治州|州|地区|盟|自治县|县|区|旗)/u.exec(rest);
    if (!m || FIELDS.some(([f]) => m[0].includes(f)) || rest[m[0].length] === '场') break;
    places.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  return { province, places, rest };
}

/** A short name from the agency's name (see the module comment); never empty. */
export function deriveShortName(agencyName: string): string {
  const { province, places, rest } = placeOf(agencyName);
  const local = places.length > (province ? 1 : 0) ? places[places.length - 1]![0]! : province ? PROVINCES[province]! : '';
  const field = FIELDS.find(([f]) => rest.includes(f));
  const body = field ? field[1] : (rest.replace(/(局|厅|委员会|委|办公室|中心|支队|大队)$/u, '')[0] ?? '');
  const enforcement = field && !field[1].endsWith('执') && /执法(局|支队|大队)$/u.test(rest) ? '执' : '';
  const short = `${local}${body}${enforcement}`;
  return short || agencyName.trim().slice(0, 2);
}

export interface AgencyNumbering {
  shortName: string;
  /** The short name was derived, not set by the agency. */
  derived: boolean;
  patterns: Partial<Record<DocumentKind, string>>;
  version: number;
}

/** The agency's settings, or the defaults (derived short name, default patterns). */
export async function loadNumbering(db: Db | Tx, agencyId: string): Promise<AgencyNumbering> {
  const row = await db.selectFrom('document_settings').select(['short_name', 'patterns', 'version']).where('agency_id', '=', agencyId).executeTakeFirst();
  if (row) return { shortName: row.short_name, derived: false, patterns: JSON.parse(row.patterns) as AgencyNumbering['patterns'], version: Number(row.version) };
  const agency = await db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw new DomainError('not-found', `机构不存在：${agencyId}`, 404, { id: agencyId });
  return { shortName: deriveShortName(agency.name), derived: true, patterns: {}, version: 0 };
}

export function patternFor(numbering: Pick<AgencyNumbering, 'patterns'>, kind: DocumentKind): string {
  return numbering.patterns[kind] ?? DEFAULT_NUMBER_PATTERN;
}

/**
 * Takes the next serial of (agency, kind, year) in the caller's transaction. Only the issuing
 * path calls it, right before it appends the `document.issued` event that records the serial.
 */
export async function allocateSerial(trx: Tx, agencyId: string, kind: DocumentKind, year: number): Promise<number> {
  const row = await trx
    .insertInto('document_counters')
    .values({ agency_id: agencyId, kind, year, last: 1 })
    .onConflict((oc) => oc.columns(['agency_id', 'kind', 'year']).doUpdateSet({ last: sql<number>`document_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

export interface AllocatedNumber {
  number: string;
  year: number;
  seq: number;
}

/** The next number of a numbered kind for a document dated `on` (YYYY-MM-DD, China calendar). */
export async function allocateNumber(trx: Tx, agencyId: string, kind: DocumentKind, on: string): Promise<AllocatedNumber> {
  const info = DOCUMENT_KINDS[kind];
  if (!info.numbered || !info.word) throw new Error(`${kind} is not a numbered kind`);
  const numbering = await loadNumbering(trx, agencyId);
  const year = Number(on.slice(0, 4));
  const seq = await allocateSerial(trx, agencyId, kind, year);
  return { number: formatNumber(patternFor(numbering, kind), { short: numbering.shortName, word: info.word, year, n: seq }), year, seq };
}
