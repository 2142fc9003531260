/**
 * Demo 事后公开: realistic penalty cases of the Hengyang bureaus (网吧 admitting minors, 娱乐场所,
 * 营业性演出, 文物), walked through the case service to 决定 — which drafts each publication with
 * its automatic redactions — then submitted and approved by two different 公示审核员, so the
 * portal is alive on first start. The case files hold personal data on purpose (ID numbers with
 * valid checksums, mobiles, home addresses, witnesses' names, a ticket seller's own bank card): the
 * publications must not show it (test/publicity/demo-seed.test.ts scans the portal for it).
 * Each case runs under a clock set to its own (past) dates, so decisions spread over recent weeks.
 */
import type { Ctx } from '../../context.ts';
import { FixedClock } from '../../kernel/clock.ts';
import { chinaDate } from '../../kernel/dates.ts';
import type { Party, Penalty } from '../../shared/cases.ts';
import { principalOf } from '../identity/users.service.ts';
import { performAct, registerClue } from '../cases/cases.service.ts';
import { approvePublication, submitPublication } from './publications.service.ts';

/** GB 11643 check digit: a valid 18-digit resident ID number. */
export function residentId(region: string, birth: string, seq: number): string {
  const body = `${region}${birth}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

// Parties and legal representatives (published) come from one pool; witnesses and other third
// persons (masked) from another whose surnames no party, representative, officer or demo account
// has — so a witness masked in one decision never shows on the portal as another decision's party.
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭', '何', '罗', '谢', '唐'];
const GIVEN = ['建华', '晓燕', '志强', '丽娟', '海涛', '国平', '秀英', '文杰', '春梅', '俊峰', '雪莲', '德明', '玉兰', '永生', '佳怡', '子豪', '振宇', '美玲', '宏伟', '静怡'];
const THIRD_SURNAMES = ['覃', '蒋', '廖', '彭', '邹', '龚', '曾', '谭', '邓', '肖', '尹', '段'];
const THIRD_GIVEN = ['梓涵', '浩然', '雨桐', '思琪', '俊熙', '嘉怡', '泽宇', '欣妍', '皓轩', '诗涵'];
const STREETS = ['蒸湘区红湘路', '石鼓区人民路', '雁峰区先锋路', '珠晖区东风路', '高新区华新大道', '南岳区祝融路', '蒸湘区解放大道', '石鼓区中山北路'];
const REGIONS = ['430405', '430406', '430407', '430408', '430412', '430421', '430481', '430482'];

const personName = (i: number) => SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!;
/** A witness's (third person's) name: distinct for every i below 120, and never a personName. */
const thirdPersonName = (i: number) => THIRD_SURNAMES[i % THIRD_SURNAMES.length]! + THIRD_GIVEN[Math.floor(i / THIRD_SURNAMES.length) % THIRD_GIVEN.length]!;
const mobile = (i: number) => `1${['39', '58', '87', '77', '35'][i % 5]}${String(73400000 + i * 7919).slice(0, 8)}`;
const homeAddress = (i: number) => `衡阳市${STREETS[i % STREETS.length]!}${10 + i} 号 ${1 + (i % 6)} 栋 ${1 + (i % 3)} 单元 ${101 + (i % 9) * 100} 室`;
/** A natural person's 19-digit debit card (Luhn-valid), grouped by fours as people write it. */
function bankCard(i: number): string {
  const body = `622202${String(190734000000 + i * 104729).padStart(12, '0')}`;
  let sum = 0;
  for (let k = 0; k < body.length; k++) {
    let d = Number(body[body.length - 1 - k]);
    if (k % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`.replace(/(\d{4})(?=\d)/g, '$1 ');
}
const fine = (yuan: number, kinds: Penalty['kinds'] = ['warning', 'fine']): Penalty => ({ kinds, fineFen: yuan * 100, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' });

interface Template {
  agency: 'hy-whzf' | 'hy-wwj';
  field: string;
  cause: string;
  basis: string;
  penalty: Penalty;
  /** Business names for organisation parties (null: the party is an individual operator). */
  business: string[] | null;
  facts: (p: { party: string; witness: string; witnessPhone: string; witnessCard: string; date: string; place: string }) => string;
}

const TEMPLATES: Template[] = [
  {
    agency: 'hy-whzf',
    field: '文化市场',
    cause: '互联网上网服务营业场所接纳未成年人',
    basis: '《互联网上网服务营业场所管理条例》第三十一条第（二）项',
    penalty: fine(5000),
    business: ['星辰网络会所', '极速网咖', '蓝海网吧', '天骄电竞馆', '风云网络会所'],
    facts: (p) => `${p.date}晚，执法人员在${p.place}检查时发现，${p.party}经营的网吧接纳 3 名未成年人上网，收银员${p.witness}（电话 ${p.witnessPhone}）未核对上网消费者身份证件。`,
  },
  {
    agency: 'hy-whzf',
    field: '文化市场',
    cause: '互联网上网服务营业场所未核对、登记上网消费者有效身份证件',
    basis: '《互联网上网服务营业场所管理条例》第三十二条第（四）项',
    penalty: fine(500),
    business: null,
    facts: (p) => `${p.date}，执法人员检查发现，${p.party}经营的网吧有 5 名上网消费者未登记身份证件即上机，网管${p.witness}当场承认未予登记。`,
  },
  {
    agency: 'hy-whzf',
    field: '文化市场',
    cause: '娱乐场所营业时间超过规定时间',
    basis: '《娱乐场所管理条例》第四十八条第（三）项',
    penalty: fine(8000),
    business: ['金色年华歌舞厅', '星光大道 KTV', '麦霸量贩式 KTV', '欢唱时代娱乐会所'],
    facts: (p) => `${p.date}凌晨 2 时 40 分，执法人员在${p.place}检查时发现${p.party}仍在营业，包厢内有消费者 20 余人，值班经理${p.witness}对此予以确认。`,
  },
  {
    agency: 'hy-whzf',
    field: '文化市场',
    cause: '娱乐场所未按规定悬挂未成年人禁入标志',
    basis: '《娱乐场所管理条例》第五十条',
    penalty: fine(2000),
    business: ['乐享歌城', '红磨坊娱乐城', '好声音 KTV'],
    facts: (p) => `${p.date}，执法人员检查发现${p.party}入口处未悬挂未成年人禁入标志，现场负责人${p.witness}（电话 ${p.witnessPhone}）在现场检查笔录上签字确认。`,
  },
  {
    agency: 'hy-whzf',
    field: '文化市场',
    cause: '未经批准擅自举办营业性演出',
    basis: '《营业性演出管理条例》第四十三条第一款',
    penalty: { kinds: ['fine', 'confiscate-gains'], fineFen: 600_000, confiscatedGainsFen: 280_000, confiscatedPropertyFen: null, description: '' },
    business: ['欢乐时光文化传播有限公司', '湘南星空演艺有限公司', '雁城乐动文化传媒有限公司'],
    facts: (p) => `${p.date}，${p.party}未取得营业性演出批准文件，在${p.place}举办商业演出，售票收入 2800 元由票务负责人${p.witness}以其个人银行卡（卡号 ${p.witnessCard}）收取，${p.witness}提供了售票记录。`,
  },
  {
    agency: 'hy-whzf',
    field: '文化市场',
    cause: '演出场所经营单位未履行安全保障职责',
    basis: '《营业性演出管理条例》第四十六条',
    penalty: fine(8000),
    business: ['雁城大剧院管理有限公司', '衡州演艺中心有限公司'],
    facts: (p) => `${p.date}，${p.party}在${p.place}承接演出时安全出口被杂物堵塞，安全员${p.witness}未按规定巡查，现场观众约 600 人。`,
  },
  {
    // 文物 violations handled by the comprehensive enforcement bureau (文化市场综合执法 covers 文物).
    agency: 'hy-whzf',
    field: '文化市场',
    cause: '擅自在文物保护单位的保护范围内进行建设工程',
    basis: '《中华人民共和国文物保护法》第六十五条第（一）项',
    penalty: fine(9000, ['warning', 'fine']),
    business: ['衡阳湘江建设工程有限公司', '石鼓城建开发有限公司'],
    facts: (p) => `${p.date}，执法人员巡查发现${p.party}在市级文物保护单位的保护范围内（${p.place}附近）开挖地基，施工员${p.witness}（电话 ${p.witnessPhone}）称未办理报批手续。`,
  },
  {
    // 文物 violations handled by the comprehensive enforcement bureau (文化市场综合执法 covers 文物).
    agency: 'hy-whzf',
    field: '文化市场',
    cause: '文物收藏单位未按规定建立馆藏文物档案',
    basis: '《中华人民共和国文物保护法》第七十条',
    penalty: fine(5000, ['warning', 'fine']),
    business: ['衡阳民俗博物馆有限公司', '船山文化陈列馆有限公司'],
    facts: (p) => `${p.date}，执法人员检查发现${p.party}有 46 件藏品未建立档案，保管员${p.witness}无法说明藏品来源。`,
  },
];

interface Plan {
  template: Template;
  party: Party;
  witness: string;
  witnessPhone: string;
  witnessCard: string;
  place: string;
}

function plans(count: number): Plan[] {
  const out: Plan[] = [];
  for (let i = 0; i < count; i++) {
    const t = TEMPLATES[i % TEMPLATES.length]!;
    const place = `衡阳市${STREETS[(i + 3) % STREETS.length]!}${20 + i * 3} 号`;
    const witness = thirdPersonName(i);
    let party: Party;
    if (t.business) {
      const name = `衡阳市${t.business[Math.floor(i / TEMPLATES.length) % t.business.length]!}`;
      const credit = `9143040${i % 9}MA4${String(100000 + i * 37).slice(-5)}X${(i % 9) + 1}${'ABCDEFGHJ'[i % 9]}`;
      party = { kind: 'organisation', name, idNumber: credit.slice(0, 18), representative: personName(i + 3), address: place, phone: `0734-${8200000 + i * 131}`, minor: false };
    } else {
      party = { kind: 'person', name: personName(i), idNumber: residentId(REGIONS[i % REGIONS.length]!, `19${70 + (i % 25)}0${1 + (i % 9)}1${i % 10}`, 100 + i), representative: null, address: homeAddress(i), phone: mobile(i), minor: false };
    }
    out.push({ template: t, party, witness, witnessPhone: mobile(i + 50), witnessCard: bankCard(i), place });
  }
  return out;
}

const addDays = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};
/** 10:00 China time of a date. */
const at = (d: string) => `${d}T02:00:00.000Z`;

/** Seeds `count` published decisions (default 30). Returns how many were published. */
export async function seedDemoPublications(ctx: Ctx, agencies: ReadonlyMap<string, string>, count = 30): Promise<number> {
  const uid = async (u: string) => (await ctx.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirst())?.id ?? null;
  const people = async (short: string) => {
    const ids = [await uid(`${short}-officer1`), await uid(`${short}-head`), await uid(`${short}-publicity`), await uid(`${short}-publicity2`)];
    if (ids.some((x) => x === null)) return null;
    const [officer, head, editor, approver] = await Promise.all(ids.map((x) => principalOf(ctx.db, x!)));
    return { officer: officer!, head: head!, editor: editor!, approver: approver! };
  };
  const who = { 'hy-whzf': await people('whzf'), 'hy-wwj': await people('wwj') } as Record<'hy-whzf' | 'hy-wwj', Awaited<ReturnType<typeof people>>>;
  const teams: Record<string, string[]> = {};
  for (const code of ['hy-whzf', 'hy-wwj'] as const) {
    const agencyId = agencies.get(code);
    if (!agencyId) continue;
    const field = code === 'hy-wwj' ? '文物' : '文化市场';
    const today = chinaDate(ctx.clock);
    const os = await ctx.db.selectFrom('officers').select(['id', 'fields', 'valid_to', 'user_id']).where('agency_id', '=', agencyId).where('status', '=', 'active').execute();
    const officerUser = who[code]?.officer.id;
    // The acting officer (officer1) leads the team: a handler's act must be by one of the case's handlers.
    const fit = os.filter((o) => String(o.fields).includes(field) && (o.valid_to ?? '9999') >= today).sort((a, b) => Number(b.user_id === officerUser) - Number(a.user_id === officerUser));
    teams[code] = fit.slice(0, 2).map((o) => o.id);
  }
  const today = chinaDate(ctx.clock);
  let published = 0;
  const all = plans(count);
  for (const [i, plan] of all.entries()) {
    const t = plan.template;
    const agencyId = agencies.get(t.agency);
    const p = who[t.agency];
    const team = teams[t.agency];
    if (!agencyId || !p || !team || team.length < 2) continue;
    // Decided on a past day (spread over recent weeks), published two days later.
    const decideOn = addDays(today, -3 - Math.floor((i * 60) / count));
    const clock = new FixedClock(at(addDays(decideOn, -6)));
    const c: Ctx = { ...ctx, clock };
    const facts = t.facts({ party: plan.party.name, witness: plan.witness, witnessPhone: plan.witnessPhone, witnessCard: plan.witnessCard, date: `${addDays(decideOn, -8).replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}`, place: plan.place });
    let v = await registerClue(c, p.officer, { agencyId, unitId: null, field: t.field, source: i % 3 === 0 ? 'complaint' : 'inspection', cause: t.cause, summary: facts, parties: [plan.party] });
    const act = async (by: typeof p.officer, name: string, input: Record<string, unknown>) => {
      v = await performAct(c, by, v.case.id, v.case.version, name as never, input as never);
    };
    await act(p.head, 'file', { handlerIds: team, benchmark: null });
    await act(p.officer, 'record-questioning', { officerIds: team, person: `${plan.witness}（联系电话 ${plan.witnessPhone}）`, content: `问：请陈述检查当日的情况。答：${facts}`, evidence: [{ kind: '证人证言', description: '询问笔录' }] });
    await act(p.head, 'close-investigation', { outcome: 'penalise', findings: facts, proposedPenalty: t.penalty });
    clock.set(at(addDays(decideOn, -3)));
    await act(p.officer, 'notify', { servedOn: addDays(decideOn, -3), proposedPenalty: t.penalty, facts, reasons: `当事人的行为违反了相关规定，依据${t.basis}，拟作出上述处罚。`, basis: t.basis });
    await act(p.officer, 'record-statement', { text: '当事人对违法事实无异议，放弃陈述、申辩和听证权利。', adopted: false, review: '当事人未提出新的事实和理由。', waived: true });
    clock.set(at(decideOn));
    await act(p.head, 'decide', { penalty: t.penalty, basis: t.basis });
    const pub = await ctx.db.selectFrom('publications').select(['id', 'version']).where('case_id', '=', v.case.id).executeTakeFirst();
    if (!pub) continue;
    clock.set(at(addDays(decideOn, 2)));
    const s = await submitPublication(c, p.editor, pub.id, Number(pub.version));
    await approvePublication(c, p.approver, pub.id, s.publication.version);
    published++;
  }
  return published;
}
