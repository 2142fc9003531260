/**
 * Redaction of decisions before publication (作适当处理后公开): 118号 item 二;
 * 《政府信息公开条例》第十五条; 《行政处罚法》第五十条. Pure functions over the decision text.
 *
 * What is masked (rules.md D "Redaction"):
 * - natural persons' ID numbers (公民身份号码): every 18-digit number with a valid GB 11643 check
 *   digit; and, where a natural person is concerned (a person party, an ID keyword nearby, or a
 *   third person named in the same sentence), every ID-like 15/18-digit number — we prefer
 *   over-masking. An organisation's 统一社会信用代码 (its recorded idNumber) is never masked.
 * - telephone numbers: mobiles (1[3-9]x, with or without +86, spaces, dashes) and landlines
 *   (0xx(x)-xxxxxxx(x), with or without brackets), whoever's they are;
 * - bank accounts: Luhn-valid 16–19 digit card numbers (also grouped by spaces or dashes), and any
 *   10–30 digit number next to 账号/账户/卡号/银行/开户 — organisations' accounts included;
 * - home addresses: a person party's recorded address verbatim (and its tails without the
 *   province/city prefix), plus address-like sequences (…市…区…路…号…栋…单元…室) in a person
 *   context (a residence word 住/户籍/家 just before — also after a name the text introduces no
 *   other way, 钱某某住衡阳市… — or a natural person's name in the same sentence). An
 *   organisation's recorded address (its 住所) is published and not masked.
 * - health information: a clause (text between ， 。 ； ！ ？ and line breaks) containing a health
 *   keyword (病, 症, 诊断, 住院, 残疾, 精神, 怀孕, 抑郁 … see HEALTH_WORDS) is masked whole. Keywords
 *   inside a 《title》 (a statute's name) and the idioms of official prose (文件精神, 精神文明 …)
 *   do not count.
 * - names of natural persons other than the party, every occurrence: those the case file records
 *   (facts.otherPersons) and those the text introduces by their role (证人赵某某, 消费者钱某,
 *   网管孙某 — see ROLE_WORDS: a common surname and one or two more characters after a role word)
 *   and by where they live (钱某某住…, 钱某某居住在…, 钱某某家住… followed by an address — see
 *   namesByResidence);
 *   except where the name is a person party's own name or an organisation's legal representative,
 *   which are published, and except occurrences inside a longer published name.
 * The party's own name (person) and an organisation's name, credit code and legal representative
 * are published unmasked.
 *
 * Matching runs on a copy of the text in which full-width digits, letters, spaces, brackets and
 * dashes are folded to ASCII; every such fold keeps one UTF-16 unit per character, so offsets
 * into the copy are offsets into the original.
 */
import { PUBLICATION_REDACTION_KIND_LABELS } from '../../shared/publications.ts';
import type { Party } from '../../shared/cases.ts';

export type RedactionKind = 'id-number' | 'phone' | 'bank-account' | 'address' | 'health' | 'third-person-name' | 'manual';

/** A masked range of the text: [start, end) in UTF-16 units. */
export interface RedactionSpan {
  start: number;
  end: number;
  kind: RedactionKind;
  reason: string;
  by: 'auto' | 'editor';
}

/** What the case file knows about the people in it. */
export interface RedactionFacts {
  parties: Party[];
  /** Names of natural persons other than the party (witnesses, questioned persons …). */
  otherPersons: string[];
}

/** One set of labels, shared with the console and the portal (src/shared/publications.ts). */
export const REDACTION_LABELS: Record<RedactionKind, { zh: string; en: string }> = PUBLICATION_REDACTION_KIND_LABELS;

const BASIS = '《政府信息公开条例》第十五条、《行政处罚法》第五十条';

/** Why each kind is masked, as recorded on an automatic span. */
export const REDACTION_REASONS: Record<Exclude<RedactionKind, 'manual'>, string> = {
  'id-number': `自然人身份证号码属于个人隐私（${BASIS}）`,
  phone: `电话号码属于个人隐私（${BASIS}）`,
  'bank-account': `银行账号不予公开（${BASIS}）`,
  address: `自然人住址属于个人隐私（${BASIS}）`,
  health: `健康信息属于个人隐私（${BASIS}）`,
  'third-person-name': `当事人以外自然人的姓名不予公开（${BASIS}）`,
};

/** What a masked range becomes: a fixed mask, so the length of what was masked is not revealed. */
export const REDACTION_MASK = '＊＊＊';

/** applyRedactions: the text with every span (overlapping spans merged) replaced by REDACTION_MASK. */
export function applyRedactions(text: string, spans: readonly RedactionSpan[]): string {
  let out = '';
  let at = 0;
  for (const s of mergeSpans(spans)) {
    const start = Math.max(s.start, at);
    const end = Math.min(s.end, text.length);
    if (end <= start) continue;
    out += text.slice(at, start) + REDACTION_MASK;
    at = end;
  }
  return out + text.slice(at);
}

/**
 * mergeSpans: sorted by start, overlapping spans merged into one (the kind, reason and author of
 * the longest of them; an editor's span wins a tie). Empty and inverted spans are dropped.
 */
export function mergeSpans(spans: readonly RedactionSpan[]): RedactionSpan[] {
  const sorted = spans.filter((s) => s.end > s.start && s.start >= 0).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RedactionSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      const longer = s.end - s.start > last.end - last.start || (s.end - s.start === last.end - last.start && s.by === 'editor' && last.by === 'auto');
      const end = Math.max(last.end, s.end);
      out[out.length - 1] = longer ? { ...s, start: last.start, end } : { ...last, end };
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

/** findRedactions: every automatic redaction of the text, sorted and non-overlapping. */
export function findRedactions(text: string, facts: RedactionFacts): RedactionSpan[] {
  const norm = fold(text);
  const spans: RedactionSpan[] = [];
  const add = (start: number, end: number, kind: Exclude<RedactionKind, 'manual'>) => {
    if (end > start) spans.push({ start, end, kind, reason: REDACTION_REASONS[kind], by: 'auto' });
  };
  const persons = facts.parties.filter((p) => p.kind === 'person');
  const orgs = facts.parties.filter((p) => p.kind === 'organisation');
  const published = publishedNames(facts);
  const known = [...facts.otherPersons.map((n) => n.trim()), ...namesByRole(norm)];
  const named = [...known, ...namesByResidence(norm, [...known, ...published])];
  const others = [...new Set(named.filter((n) => n.length >= 2 && !published.has(n)))];
  const personNames = [...persons.map((p) => p.name.trim()), ...others].filter((n) => n.length >= 2);
  const orgIds = new Set(orgs.map((o) => digitsOf(o.idNumber ?? '')).filter((d) => d.length > 0));

  // The person parties' recorded ID, phone and address, wherever and however written.
  for (const p of persons) {
    if (p.idNumber) for (const m of findDigits(norm, digitsOf(p.idNumber))) add(m[0], m[1], 'id-number');
    if (p.phone) {
      let d = digitsOf(p.phone);
      if (d.length === 13 && d.startsWith('86')) d = d.slice(2);
      for (const m of findDigits(norm, d)) add(m[0], m[1], 'phone');
    }
    if (p.address) for (const v of addressVariants(p.address)) for (const i of indicesOf(norm, v)) add(i, i + v.length, 'address');
  }

  findPhones(norm, add);
  findNumbers(norm, persons.length > 0, personNames, orgIds, add);
  findAddresses(norm, personNames, facts, add);
  findHealth(norm, add);

  // Names of natural persons other than the party, every occurrence not inside a published name.
  const protectedRanges: [number, number][] = [];
  for (const n of published) if (n.length >= 2) for (const i of indicesOf(norm, n)) protectedRanges.push([i, i + n.length]);
  for (const n of others) {
    for (const i of indicesOf(norm, n)) {
      const inside = protectedRanges.some(([a, b]) => a <= i && i + n.length <= b && b - a > n.length);
      if (!inside) add(i, i + n.length, 'third-person-name');
    }
  }
  return mergeSpans(spans);
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Full-width ASCII (！..～), the ideographic space, brackets and dashes folded to ASCII, one unit each. */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0x00a0) out += ' ';
    else if (c === 0x2010 || c === 0x2011 || c === 0x2012 || c === 0x2013 || c === 0x2014 || c === 0x2212) out += '-';
    else out += ch;
  }
  return out;
}

const digitsOf = (s: string): string => fold(s).replace(/[^0-9Xx]/g, '').toUpperCase();

function indicesOf(hay: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) out.push(i);
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The digit string written with any spaces, dashes, dots or brackets between its digits. */
function findDigits(norm: string, digits: string): [number, number][] {
  if (digits.length < 5) return [];
  const body = [...digits].map((d) => (d === 'X' ? '[Xx]' : escapeRe(d))).join('[ \\-.()]*');
  const re = new RegExp(`(?<![0-9])${body}(?![0-9])`, 'g');
  return [...norm.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
}

/** Published names: person parties' own names, organisations' names and legal representatives. */
function publishedNames(facts: RedactionFacts): Set<string> {
  const s = new Set<string>();
  for (const p of facts.parties) {
    if (p.name.trim()) s.add(p.name.trim());
    if (p.kind === 'organisation' && p.representative?.trim()) s.add(p.representative.trim());
  }
  return s;
}

const SENTENCE_END = /[。；;！!？?\n]/;

function sentenceAround(norm: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !SENTENCE_END.test(norm[a - 1]!)) a--;
  let b = end;
  while (b < norm.length && !SENTENCE_END.test(norm[b]!)) b++;
  return norm.slice(a, b);
}

// ---------------------------------------------------------------------------------------------
// Telephone numbers

const MOBILE = /(?<![0-9])(?:\(?(?:\+|00)?86\)?[ -]?)?1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9])/g;
const LANDLINE = /(?<![0-9])(?:\(0[1-9][0-9]{1,2}\)|0[1-9][0-9]{1,2})[ -]?[2-9][0-9]{2,3}[ -]?[0-9]{4}(?:-[0-9]{1,4})?(?![0-9])/g;

/** Numbers so labelled are not telephone numbers: officers' certificate numbers are published (事中公示). */
const NOT_PHONE_LABEL = /(?:执法证号|执法证件号|证号|编号|文号)[：:]?\s*$/u;

function findPhones(norm: string, add: (s: number, e: number, k: 'phone') => void): void {
  for (const re of [MOBILE, LANDLINE]) {
    for (const m of norm.matchAll(re)) {
      if (NOT_PHONE_LABEL.test(norm.slice(Math.max(0, m.index - 8), m.index))) continue;
      add(m.index, m.index + m[0].length, 'phone');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// ID numbers and bank accounts: runs of digit groups separated by single spaces or dashes

const DIGIT_RUN = /(?<![0-9A-Za-z])[0-9]+(?:[ -][0-9]+)*[Xx]?(?![0-9A-Za-z])/g;
const ID_WORDS = /身份证|身份号码|证件号码|公民身份/;
const BANK_WORDS = /账号|帐号|账户|帐户|卡号|银行|开户/;

/** GB 11643-1999 check digit of an 18-digit 公民身份号码. */
export function idChecksumValid(id: string): boolean {
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * w[i]!;
  return '10X98765432'[sum % 11] === id[17];
}

/** Luhn (ISO/IEC 7812) check of a card number. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function findNumbers(
  norm: string,
  personParty: boolean,
  personNames: string[],
  orgIds: Set<string>,
  add: (s: number, e: number, k: 'id-number' | 'bank-account') => void,
): void {
  for (const m of norm.matchAll(DIGIT_RUN)) {
    // Groups of the run: [start, end) of each digit group (a trailing X belongs to the last).
    const groups: [number, number][] = [];
    for (const g of m[0].matchAll(/[0-9]+[Xx]?/g)) groups.push([m.index + g.index, m.index + g.index + g[0].length]);
    const before = norm.slice(Math.max(0, m.index - 20), m.index);
    const idWord = ID_WORDS.test(before);
    const bankWord = BANK_WORDS.test(before);
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && j < i + 8; j++) {
        digits += norm.slice(groups[j]![0], groups[j]![1]).toUpperCase();
        const start = groups[i]![0];
        const end = groups[j]![1];
        if (digits.length > 30) break;
        const hasX = digits.endsWith('X');
        if (digits.length === 18 && idChecksumValid(digits)) {
          add(start, end, 'id-number');
          continue;
        }
        const idLike = (digits.length === 18 && /^[0-9]{17}[0-9X]$/.test(digits)) || (digits.length === 15 && !hasX);
        if (idLike && !orgIds.has(digits)) {
          const personNear = personNames.some((n) => sentenceAround(norm, start, end).includes(n));
          if (personParty || idWord || personNear) {
            add(start, end, 'id-number');
            continue;
          }
        }
        if (hasX) continue;
        if (digits.length >= 16 && digits.length <= 19 && luhnValid(digits)) add(start, end, 'bank-account');
        else if (i === 0 && j === groups.length - 1 && bankWord && digits.length >= 10) add(start, end, 'bank-account');
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Home addresses

const ADDRESS_UNIT = '(?:省|自治区|市|州|区|县|旗|镇|乡|街道|社区|村|组|小区|花园|公寓|大厦|路|街|巷|弄|大道|号楼|号|栋|幢|座|单元|室|层|楼)';
// A component: a name ending in a unit (蒸湘区, 解放西路), a number with its unit (18号, 3栋), a
// road's unit alone after a name that ends in a unit itself (衡州|大道, 广州|路), or an estate's
// name followed by a numbered building (船山名都|11栋).
const ADDRESS = new RegExp(
  `(?:(?:[\\u4e00-\\u9fff]{1,6}?|[0-9A-Za-z一二三四五六七八九十百零〇-]{1,6}?)${ADDRESS_UNIT}|大道|路|街|巷|[\\u4e00-\\u9fff]{2,8}?(?=[0-9A-Za-z]{1,5}(?:号楼|栋|幢|座|单元|室)))+`,
  'gu',
);
/** The units an address that locates a home ends with. */
const ADDRESS_END = /(?:号|栋|幢|座|单元|室|层|楼|组|村|弄)$/u;
/** Words a match may have swallowed before the address proper. */
const ADDRESS_LEAD = /^(?:现住址|家庭住址|住址|住所|家住|居住在|居住于|居住|现住|现居|暂住|租住|住在|户籍地|户籍|位于|在|住|居|于|系|的|其)+/u;
const RESIDENCE = /住(?!所)|户籍|家/u;
/**
 * The words that say where a natural person lives, longer forms first. 住所 is an organisation's
 * seat (published); 住宅, 住房, 住院, 住宿, 住户 are not about where someone lives.
 */
const RESIDENCE_WORD = '(?:家庭住址|现住址|住址|家住|现居住在|现居住于|居住在|居住于|居住|现住|现居|住在|住于|暂住|租住|住(?![所宅房院宿户]))';
const RESIDENCE_AT = new RegExp(`${RESIDENCE_WORD}(?:[:：]|为|是)?\\s*`, 'gu');

/** The recorded address and its tails after the province/city/district, so a shortened mention is masked too. */
function addressVariants(address: string): string[] {
  const a = fold(address).trim();
  const out = new Set<string>([a]);
  for (const m of a.matchAll(/省|自治区|市|州|区|县/gu)) {
    const tail = a.slice(m.index + m[0].length);
    if (tail.length >= 5 && /[0-9号栋室村组]/u.test(tail)) out.add(tail);
  }
  return [...out].filter((v) => v.length >= 4).sort((x, y) => y.length - x.length);
}

const ADDRESS_HERE = new RegExp(ADDRESS.source, 'uy');
const ADDRESS_UNITS = new RegExp(ADDRESS_UNIT, 'gu');

/** homeAddressAt: an address that locates a home (two units or more, ending …号/室/村 …) starts at `at`. */
function homeAddressAt(norm: string, at: number): boolean {
  ADDRESS_HERE.lastIndex = at;
  const m = ADDRESS_HERE.exec(norm);
  if (!m) return false;
  let cut = m[0].length;
  while (cut > 0 && !ADDRESS_END.test(m[0].slice(0, cut))) cut--;
  const s = m[0].slice(0, cut);
  return s.length >= 5 && (s.match(ADDRESS_UNITS)?.length ?? 0) >= 2;
}

function findAddresses(norm: string, personNames: string[], facts: RedactionFacts, add: (s: number, e: number, k: 'address') => void): void {
  const orgAddresses = facts.parties.filter((p) => p.kind === 'organisation' && p.address).map((p) => fold(p.address!));
  const names = [...personNames, ...publishedNames(facts)].filter((n) => n.length >= 2);
  for (const m of norm.matchAll(ADDRESS)) {
    let s = m[0];
    let start = m.index;
    // A name the match swallowed, wholly or in part (李志强在衡阳市…), is not part of the address.
    let from = start;
    for (const n of names) {
      for (const i of indicesOf(norm, n)) if (i < start + s.length && i + n.length > from) from = Math.max(from, i + n.length);
    }
    s = s.slice(from - start);
    start = from;
    // A residence word inside the match's first words (钱某某住衡阳市…, 某某居住在衡阳县…): the
    // match swallowed a name the text does not otherwise introduce; the address starts after the word.
    const firstDigit = s.search(/[0-9]/);
    let inner = 0;
    for (const r of s.matchAll(RESIDENCE_AT)) if (r.index < 8 && (firstDigit < 0 || r.index < firstDigit)) inner = r.index + r[0].length;
    s = s.slice(inner);
    start += inner;
    const lead = ADDRESS_LEAD.exec(s);
    if (lead) {
      start += lead[0].length;
      s = s.slice(lead[0].length);
    }
    // Cut after the last unit that locates a home (…号, …室, …村).
    let cut = s.length;
    while (cut > 0 && !ADDRESS_END.test(s.slice(0, cut))) cut--;
    s = s.slice(0, cut);
    if (s.length < 5) continue;
    const units = s.match(ADDRESS_UNITS)?.length ?? 0;
    if (units < 2) continue;
    const end = start + s.length;
    const window = norm.slice(Math.max(0, m.index - 6), start);
    const residence = RESIDENCE.test(window);
    if (!residence && orgAddresses.some((o) => o.includes(s))) continue;
    const sentence = sentenceAround(norm, start, end);
    if (residence || personNames.some((n) => sentence.includes(n))) add(start, end, 'address');
  }
}

// ---------------------------------------------------------------------------------------------
// Health information

/**
 * Health keywords. A clause containing one is masked whole: the heuristic over-masks (a clause on
 * 病毒 in a 网吧's computers goes too) rather than leave a diagnosis readable.
 */
export const HEALTH_WORDS = [
  '病', '症', '诊断', '确诊', '就诊', '就医', '住院', '出院', '医院', '治疗', '手术', '药物', '服药',
  '残疾', '残障', '伤残', '瘫痪', '失明', '失聪', '聋', '哑', '智力障碍', '智障',
  '精神', '心理', '抑郁', '焦虑', '自闭', '癫痫', '怀孕', '孕', '妊娠', '流产', '分娩', '哺乳',
  '癌', '肿瘤', '艾滋', 'HIV', '乙肝', '肝炎', '结核', '糖尿', '高血压', '心脏', '吸毒', '戒毒', '康复',
];
const HEALTH = new RegExp(HEALTH_WORDS.map(escapeRe).join('|'), 'gu');
/** Official prose that contains a health keyword without being about anyone's health. */
const HEALTH_IDIOMS = /文件精神|会议精神|讲话精神|指示精神|精神文明|精神文化|精神产品|精神生活|精神需求|工匠精神|法治精神|契约精神/gu;
const CLAUSE_END = /[，,。；;！!？?\n]/;

function findHealth(norm: string, add: (s: number, e: number, k: 'health') => void): void {
  const blank = norm.replace(HEALTH_IDIOMS, (w) => '　'.repeat(w.length)).replace(/《[^《》\n]*》/gu, (w) => '　'.repeat(w.length));
  for (const m of blank.matchAll(HEALTH)) {
    let a = m.index;
    while (a > 0 && !CLAUSE_END.test(norm[a - 1]!)) a--;
    let b = m.index + m[0].length;
    while (b < norm.length && !CLAUSE_END.test(norm[b]!)) b++;
    while (a < b && /\s/.test(norm[a]!)) a++;
    add(a, b, 'health');
  }
}

// ---------------------------------------------------------------------------------------------
// Names introduced by their role

/** Roles of natural persons other than the party that a decision names (法定代表人 is published, so absent). */
const ROLE_WORDS = [
  '证人', '见证人', '在场人', '消费者', '顾客', '上网人员', '上网者', '网管', '收银员', '服务员', '店员', '员工', '职工', '工作人员',
  '被询问人', '询问对象', '举报人', '投诉人', '报案人', '受害人', '被害人', '未成年人', '家长', '监护人', '亲属', '父亲', '母亲',
  '妻子', '丈夫', '儿子', '女儿', '朋友', '同事', '演员', '歌手', '驾驶员', '司机', '房东', '租户', '邻居', '委托代理人', '代理人', '翻译人员',
];
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '令狐', '慕容', '长孙', '宇文', '司徒', '夏侯', '端木'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池乜查麻苑迟邝';
/** Characters that end a name rather than continue it (the verb or particle that follows; 住, 居, 家 … of a residence word). */
const NAME_STOP = new Set([...'证称说在于的是等和与及向对将已未均也都使因被把从到为经并又还就所曾系现即时后前中内外上下里来去看听拿交收付买卖打找回走进出年月日岁男女某陪签支购反住居家暂租户']);
const ROLE_NAME = new RegExp(`(?:${ROLE_WORDS.join('|')})(?:[:：]|为|是)?((?:${COMPOUND_SURNAMES.join('|')})|[${SURNAMES}])([\\u4e00-\\u9fff]{1,2})`, 'gu');

/** Names the text introduces by a role word (证人赵某某 …): surname + one given character, and a second unless it reads as the next word. */
function namesByRole(norm: string): string[] {
  const out: string[] = [];
  for (const m of norm.matchAll(ROLE_NAME)) {
    const given = [...m[2]!];
    if (given[0] === '某') continue;
    const name = m[1]! + given[0]! + (given[1] && !NAME_STOP.has(given[1]) ? given[1] : '');
    out.push(name);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names introduced by where the person lives

/** Adverbs a residence word may follow (钱某某目前居住在…): the name is before them. */
const RESIDENCE_ADVERB = /(?:目前|现在|长期|一直|平时|实际|暂时|常年|仍|也|均)$/u;
/** Last characters of a phrase, not of a name, before a residence word (全家住, 单独住, 本人住). */
const NOT_NAME_END = new Set([...'家们人户均都也仍现暂曾已未在的是则又还及与等其该此所独自某']);

/**
 * namesByResidence: names the text introduces by where the person lives, without a role word —
 * a name directly before a residence word that an address follows (钱某某住衡阳市…,
 * 钱某某居住在衡阳县…, 钱某某家住…): a surname (or compound surname) and one or two characters.
 * Where the text does not show where the name starts (查明张某某住…: 明张某某? 张某某?), every
 * reading is taken — we prefer over-masking. Names already `known` there are left to their finder.
 */
function namesByResidence(norm: string, known: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of norm.matchAll(RESIDENCE_AT)) {
    if (!homeAddressAt(norm, r.index + r[0].length)) continue;
    let at = r.index;
    const adverb = RESIDENCE_ADVERB.exec(norm.slice(Math.max(0, at - 2), at));
    if (adverb) at -= adverb[0].length;
    if (known.some((n) => n.length >= 2 && at >= n.length && norm.startsWith(n, at - n.length))) continue;
    for (const len of [4, 3, 2]) {
      const a = at - len;
      if (a < 0) continue;
      const name = norm.slice(a, at);
      if (!/^[\u4e00-\u9fff]+$/u.test(name)) continue;
      const surname = COMPOUND_SURNAMES.find((c) => name.startsWith(c)) ?? (SURNAMES.includes(name[0]!) ? name[0]! : '');
      const given = name.slice(surname.length);
      if (!surname || given.length < 1 || given.length > 2 || given.includes('某') || NOT_NAME_END.has(name[name.length - 1]!)) continue;
      out.push(name);
      // Preceded by the start, punctuation or a digit: the name starts here, no shorter reading.
      if (a === 0 || !/[\u4e00-\u9fff]/u.test(norm[a - 1]!)) break;
    }
  }
  return out;
}
