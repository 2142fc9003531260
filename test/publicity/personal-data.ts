/**
 * Realistic personal data for the privacy tests (issue 8, "Privacy guarantee"): ID numbers of
 * 湖南衡阳 with valid GB 11643 check digits, mobile and landline numbers, Luhn-valid bank cards,
 * home addresses in 衡阳, names of third persons, health phrases — written the many ways people
 * write them (spaces, dashes, +86, full-width digits). Deterministic from a seed, so a failure
 * can be replayed. Every value handed out is remembered as a planted item; `scanForPersonalData`
 * looks for planted items in any text.
 */
import type { Party } from '../../src/shared/cases.ts';

export type PlantedKind = 'id-number' | 'phone' | 'bank-account' | 'address' | 'third-person-name' | 'health';

export interface PlantedItem {
  kind: PlantedKind;
  /** The value as written into the case file. */
  value: string;
  /** Normalised strings whose presence in a text means the item leaked (see `normaliseForScan`). */
  needles: string[];
}

export interface ScanHit {
  item: PlantedItem;
  needle: string;
  /** Offset of the hit in the normalised text. */
  at: number;
  /** A little normalised text around the hit, for the failure message. */
  context: string;
}

/** 衡阳 county-level divisions (GB/T 2260) with the code used in ID numbers. */
export const HENGYANG_DIVISIONS: readonly { code: string; name: string }[] = [
  { code: '430400', name: '衡阳市' },
  { code: '430405', name: '珠晖区' },
  { code: '430406', name: '雁峰区' },
  { code: '430407', name: '石鼓区' },
  { code: '430408', name: '蒸湘区' },
  { code: '430412', name: '南岳区' },
  { code: '430421', name: '衡阳县' },
  { code: '430422', name: '衡南县' },
  { code: '430423', name: '衡山县' },
  { code: '430424', name: '衡东县' },
  { code: '430426', name: '祁东县' },
  { code: '430481', name: '耒阳市' },
  { code: '430482', name: '常宁市' },
];

const ROADS = ['解放西路', '解放东路', '蒸湘北路', '船山大道', '先锋路', '衡州大道', '中山南路', '常胜西路', '华新大道', '长湖北路', '岳屏路', '延安路', '红湘南路', '光辉街', '环城南路', '雁城路', '黄白路', '立新大道', '崇业街', '环城北路'];
const ESTATES = ['金源小区', '华新苑', '南华家园', '雁城花园', '湘江公寓', '船山名都', '万达华府', '锦绣江南', '立新小区', '东风社区'];
const TOWNS = ['云集镇', '西渡镇', '栏垅乡', '白地市镇', '洪市镇', '茶市镇', '车江镇', '泉溪镇'];
const VILLAGES = ['石塘村', '枫林村', '高塘村', '新桥村', '柳溪村', '长冲村', '荷叶村', '青山村'];
// Rare given-name characters, so a generated name does not turn up in ordinary text by chance.
const SURNAMES = ['欧阳', '赵', '钱', '孙', '周', '吴', '郑', '冯', '陈', '褚', '卫', '蒋', '沈', '韩', '杨', '朱', '秦', '尤', '许', '何', '吕', '施', '谭', '邝', '彭', '邹', '龚', '曾', '廖', '罗'];
const GIVEN = ['芷', '晗', '翊', '锴', '骁', '湉', '彧', '昱', '琨', '煜', '珩', '璟', '堃', '钰', '笙', '樾', '霁', '沅', '澍', '岚', '舟', '棠', '珂', '祎', '濛', '凇', '骞', '赟', '喆', '玥'];
const HEALTH = ['患有抑郁症', '确诊为精神分裂症', '系二级肢体残疾', '怀孕六个月', '曾因糖尿病住院治疗', '患有先天性心脏病', '经医院诊断为轻度智力障碍', '正在接受乙肝抗病毒治疗'];
const CARD_BINS = ['622202', '622848', '621700', '622588', '621226', '623668', '622700', '621483'];
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '158', '159', '166', '173', '177', '180', '181', '186', '187', '188', '189', '191', '199'];

/** Mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** GB 11643 check digit of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]!;
  return '10X98765432'[sum % 11]!;
}

/** Luhn check digit to append to `body`. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * Normalise a text for scanning: full-width ASCII folded, upper case, and every separator people
 * put inside numbers (spaces, dashes, dots, brackets, +) removed. Needles are normalised the same way.
 */
export function normaliseForScan(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : c === 0x3000 ? ' ' : ch;
  }
  return out.toUpperCase().replace(/[\s\-‐‑‒–—−.·()（）+]/gu, '');
}

/** An item to scan for, written `value`, leaked wherever any of `needles` shows (normalised here). */
export function plantedItem(kind: PlantedKind, value: string, needles: readonly string[]): PlantedItem {
  return { kind, value, needles: [...new Set(needles.map(normaliseForScan))] };
}

/**
 * The needles of a home address: the whole address, and the part that locates the home once the
 * province, city, district, county and town are dropped (红湘路10号1栋1单元101室, 石塘村3组25号) —
 * that part alone identifies the home.
 */
export function addressNeedles(address: string): string[] {
  const full = normaliseForScan(address);
  const firstDigit = full.search(/[0-9]/);
  const head = firstDigit < 0 ? '' : full.slice(0, firstDigit);
  let cut = 0;
  for (const m of head.matchAll(/省|自治区|市|州|区|县|镇|乡|街道/gu)) if (head.length - (m.index + m[0].length) >= 2) cut = m.index + m[0].length;
  return [full, full.slice(cut)];
}

/** Hits of planted items in a text (zero for a text that leaks nothing). */
export function scanForPersonalData(text: string, planted: readonly PlantedItem[]): ScanHit[] {
  const t = normaliseForScan(text);
  const hits: ScanHit[] = [];
  for (const item of planted) {
    for (const needle of item.needles) {
      const at = t.indexOf(needle);
      if (at >= 0) {
        hits.push({ item, needle, at, context: t.slice(Math.max(0, at - 20), at + needle.length + 20) });
        break;
      }
    }
  }
  return hits;
}

export interface GeneratedAddress {
  /** As recorded: 湖南省衡阳市蒸湘区解放西路18号3栋2单元501室 */
  full: string;
  /** The part that locates the home (road and number onwards / village and group). */
  detail: string;
}

/**
 * A generator of personal data. Every value it returns is planted: `planted` lists them with the
 * needles the scanner looks for. `avoid` holds names that must not be generated (published names
 * such as officers' and parties').
 */
export class PersonalData {
  readonly planted: PlantedItem[] = [];
  private readonly r: () => number;
  private readonly used = new Set<string>();
  private readonly avoid: Set<string>;

  constructor(seed: number, avoid: Iterable<string> = []) {
    this.r = rng(seed);
    this.avoid = new Set(avoid);
  }

  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(10));
    return s;
  }

  private plant(kind: PlantedKind, value: string, needles: string[]): void {
    this.planted.push(plantedItem(kind, value, needles));
  }

  /** A fresh value (never handed out before by this generator). */
  private fresh(make: () => string): string {
    for (;;) {
      const v = make();
      if (!this.used.has(v)) {
        this.used.add(v);
        return v;
      }
    }
  }

  /** 18-digit 公民身份号码 of a 衡阳 resident born 1950–2005, valid check digit; sometimes a lower-case x. */
  idNumber(): string {
    const id = this.fresh(() => {
      const region = this.pick(HENGYANG_DIVISIONS).code;
      const y = 1950 + this.int(56);
      const m = 1 + this.int(12);
      const d = 1 + this.int(28);
      const first17 = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${this.digits(3)}`;
      return first17 + idCheckDigit(first17);
    });
    const written = id.endsWith('X') && this.int(2) === 0 ? id.slice(0, 17) + 'x' : id;
    // The first 17 digits leak the person as surely as all 18.
    this.plant('id-number', written, [id, id.slice(0, 17)]);
    return written;
  }

  /** Mobile number, written in one of the ways people write it. */
  mobile(format: 'plain' | 'any' = 'any'): string {
    const n = this.fresh(() => this.pick(MOBILE_PREFIXES) + this.digits(8));
    const styles = [n, `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`, `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`, `+86 ${n}`, `+86-${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`, toFullWidth(n)];
    const written = format === 'plain' ? n : this.pick(styles);
    this.plant('phone', written, [n]);
    return written;
  }

  /** 衡阳 landline (0734) with 8 digits, as 0734-8xxxxxxx or （0734）8xxxxxxx. */
  landline(): string {
    const local = this.fresh(() => String(2 + this.int(8)) + this.digits(7));
    const written = this.int(2) === 0 ? `0734-${local}` : `（0734）${local}`;
    this.plant('phone', written, [`0734${local}`]);
    return written;
  }

  /** Luhn-valid bank card of 16 or 19 digits, plain or grouped by fours. */
  bankCard(format: 'plain' | 'any' = 'any'): string {
    const n = this.fresh(() => {
      const len = this.int(2) === 0 ? 16 : 19;
      const body = this.pick(CARD_BINS) + this.digits(len - 7);
      return body + luhnCheckDigit(body);
    });
    const grouped = n.replace(/(\d{4})(?=\d)/g, '$1 ');
    const written = format === 'plain' ? n : this.pick([n, grouped, grouped.replace(/ /g, '-')]);
    this.plant('bank-account', written, [n]);
    return written;
  }

  /** A home address in 衡阳: an urban flat or a rural village group. */
  address(): GeneratedAddress {
    const a = this.fresh(() => {
      const districts = HENGYANG_DIVISIONS.filter((d) => d.code !== '430400');
      const d = this.pick(districts);
      const city = d.name.endsWith('市') ? '' : '衡阳市';
      if (d.name.endsWith('县') && this.int(2) === 0) {
        return `湖南省${city}${d.name}${this.pick(TOWNS)}|${this.pick(VILLAGES)}${1 + this.int(12)}组${10 + this.int(90)}号`;
      }
      const flat = `${this.pick(ESTATES)}${1 + this.int(20)}栋${1 + this.int(4)}单元${1 + this.int(25)}0${1 + this.int(4)}室`;
      return `湖南省${city}${d.name}|${this.pick(ROADS)}${1 + this.int(300)}号${flat}`;
    });
    const [head, detail] = a.split('|') as [string, string];
    const full = head + detail;
    this.plant('address', full, [full, detail]);
    return { full, detail };
  }

  /** Name of a third person: surname + one or two rare given-name characters, not in `avoid`. */
  name(): string {
    const n = this.fresh(() => {
      for (;;) {
        const s = this.pick(SURNAMES);
        const g = this.pick(GIVEN) + (this.int(3) > 0 ? this.pick(GIVEN) : '');
        const v = s + g;
        if (!this.avoid.has(v) && [...this.avoid].every((a) => !a.includes(v) && !v.includes(a))) return v;
      }
    });
    this.plant('third-person-name', n, [n]);
    return n;
  }

  /**
   * A name that is published (a person party's own name, a legal representative): common
   * characters, never planted, and kept apart from every third person's name.
   */
  publishedName(): string {
    const COMMON_GIVEN = ['建国', '志强', '海涛', '丽娟', '伟', '强', '敏', '静', '军', '磊', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '桂英'];
    const n = this.fresh(() => this.pick(['王', '李', '刘', '黄', '唐', '肖', '文', '胡', '袁', '邓']) + this.pick(COMMON_GIVEN));
    this.avoid.add(n);
    return n;
  }

  /** A health phrase about someone (患有抑郁症 …). */
  health(): string {
    const h = this.pick(HEALTH);
    if (!this.planted.some((p) => p.kind === 'health' && p.value === h)) this.plant('health', h, [h]);
    return h;
  }

  /** A natural-person party with recorded ID, phone and address (the name is published, so not planted). */
  personParty(name: string): Party {
    return { kind: 'person', name, idNumber: this.idNumber(), representative: null, address: this.address().full, phone: this.mobile('plain'), minor: false };
  }

  /** An organisation party: name, credit code, representative and address are published (not planted). */
  organisationParty(name: string, representative: string, address: string): Party {
    return { kind: 'organisation', name, idNumber: unifiedCreditCode(this.digits(9)), representative, address, phone: this.landline(), minor: false };
  }

  /**
   * Where someone lives, said the way 笔录 and 决定书 say it without a role word or a label: the
   * name directly before 住 / 居住在 / 家住 and the address (钱晗翊住衡阳市…, 另查明钱晗居住在石塘村…),
   * after a lead-in that is sometimes punctuated and sometimes not, the address whole, without the
   * province, or only the part that locates the home. Returns the sentence and the person's name.
   */
  residence(): { text: string; name: string } {
    const name = this.name();
    const a = this.address();
    const written = this.pick([a.full, a.full.replace(/^湖南省/u, ''), a.detail]);
    const lead = this.pick(['经走访，', '另查明，', '同日，', '另查明', '经走访查明', '']);
    const verb = this.pick(['住', '居住在', '家住']);
    return { text: `${lead}${name}${verb}${written}，其证实该场所夜间经常有未成年人出入。`, name };
  }

  /**
   * 违法事实 naming third persons with their personal data: a witness with ID, mobile and
   * address; a customer who paid by card; a person whose health is described; a neighbour named
   * only by where they live (`residence`). Returns the text, the names the case file records
   * (`persons`: for RedactionFacts.otherPersons / the case's questioned persons) and the names it
   * does not (`unlisted`: only the text's phrasing introduces them).
   */
  factsParagraph(partyName: string, place: string): { text: string; persons: string[]; unlisted: string[] } {
    const witness = this.name();
    const customer = this.name();
    const sick = this.name();
    const w = { id: this.idNumber(), phone: this.mobile(), address: this.address().full };
    const card = this.bankCard();
    const phone2 = this.mobile();
    const neighbour = this.residence();
    const text =
      `经查，${partyName}在${place}经营期间，于2026年2月14日21时许接纳未成年人进入营业场所。` +
      `证人${witness}（身份证号码：${w.id}，联系电话：${w.phone}，住${w.address}）证实了上述事实。` +
      `消费者${customer}使用银行卡${card}支付上网费用，其本人联系电话${phone2}。` +
      neighbour.text +
      `另查明，${sick}${this.health()}，案发时由其亲属陪同。${witness}、${customer}均在询问笔录上签名确认。`;
    return { text, persons: [witness, customer, sick], unlisted: [neighbour.name] };
  }
}

/** A 统一社会信用代码 (GB 32100) with a valid check character, for organisation parties. */
export function unifiedCreditCode(body9: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first17 = `92430408M${body9.slice(0, 8)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]!) * weights[i]!;
  return first17 + alphabet[(31 - (sum % 31)) % 31]!;
}
