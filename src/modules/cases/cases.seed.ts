import type { Ctx } from '../../context.ts';
import { chinaDate } from '../../kernel/dates.ts';
import type { CaseActInputs } from '../../shared/case-inputs.ts';
import type { CaseAct, Party, Penalty } from '../../shared/cases.ts';
import { principalOf } from '../identity/users.service.ts';
import { decideOnTheSpot, performAct, registerClue } from './cases.service.ts';

/**
 * Demo penalty cases of the Hengyang enforcement bureau, at every stage, made through the same
 * service calls as the console (so every act is checked by the law and recorded in the ledger).
 * The party data is realistic on purpose: publications must never show it.
 */

type Step = { [A in Exclude<CaseAct, 'register-clue' | 'decide-on-the-spot'>]: [who: 'officer' | 'head' | 'reviewer', act: A, input: CaseActInputs[A]] }[Exclude<CaseAct, 'register-clue' | 'decide-on-the-spot'>];

/** `description` adds what kinds and amounts do not say (which licence, how long); here nothing. */
const warningAndFine = (yuan: number): Penalty => ({ kinds: ['warning', 'fine'], fineFen: yuan * 100, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' });

interface DemoCase {
  cause: string;
  summary: string;
  party: Party;
  basis: string;
  penalty: Penalty;
  /** The discretion benchmark entry (code) and level applied at filing. */
  benchmark?: [code: string, level: string];
  /** How far the case goes: the number of steps of the standard walk to take. */
  upTo: number;
}

const organisation = (name: string, creditCode: string, representative: string, address: string): Party => ({ kind: 'organisation', name, idNumber: creditCode, representative, address, phone: '0734-8' + creditCode.slice(-6), minor: false });

const CASES: DemoCase[] = [
  {
    cause: '互联网上网服务营业场所接纳未成年人',
    summary: '群众举报：该网吧于晚间接纳未成年人进入上网。',
    party: organisation('衡阳市蒸湘区星辰网络会所', '91430408MA4L7X2Q1B', '陈志明', '衡阳市蒸湘区解放大道 28 号'),
    basis: '《互联网上网服务营业场所管理条例》第三十一条第（二）项',
    penalty: warningAndFine(5000),
    benchmark: ['文市-网吧-01', '一般'],
    upTo: 99,
  },
  {
    cause: '互联网上网服务营业场所未核对、登记上网消费者有效身份证件',
    summary: '日常检查发现：3 名上网消费者未登记身份证件。',
    party: organisation('衡阳市石鼓区飞跃网吧', '91430407MA4M2K8P3C', '刘海涛', '衡阳市石鼓区人民路 112 号'),
    basis: '《互联网上网服务营业场所管理条例》第三十二条第（四）项',
    penalty: warningAndFine(3000),
    upTo: 10,
  },
  {
    cause: '娱乐场所未按规定悬挂未成年人禁入标志',
    summary: '夜间检查发现：歌舞厅入口处未悬挂未成年人禁入标志。',
    party: organisation('衡阳市雁峰区金色年华歌舞厅', '91430406MA4N5R7T2D', '王建军', '衡阳市雁峰区先锋路 66 号'),
    basis: '《娱乐场所管理条例》第五十条',
    penalty: { kinds: ['warning'], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' },
    upTo: 8,
  },
  {
    cause: '未经批准擅自举办营业性演出',
    summary: '接上级交办：某酒店宴会厅举办商业演出，未取得演出批准文件。',
    party: organisation('衡阳市珠晖区欢乐时光文化传播有限公司', '91430405MA4P9H3W6E', '赵丽', '衡阳市珠晖区东风路 9 号'),
    basis: '《营业性演出管理条例》第四十三条第一款',
    penalty: warningAndFine(6000),
    upTo: 5,
  },
  {
    cause: '娱乐场所营业时间超过规定时间',
    summary: '凌晨检查发现：KTV 于凌晨 2 时 40 分仍在营业。',
    party: organisation('衡阳市高新区星光大道 KTV', '91430400MA4Q3L5Y8F', '周强', '衡阳市高新区华新大道 18 号'),
    basis: '《娱乐场所管理条例》第四十八条',
    penalty: warningAndFine(8000),
    upTo: 3,
  },
  {
    cause: '互联网上网服务营业场所擅自停止实施经营管理技术措施',
    summary: '网络监测发现：该网吧经营管理技术措施连续离线 5 日。',
    party: organisation('衡阳市南岳区云端网咖', '91430412MA4R6B2Z1G', '李伟', '衡阳市南岳区祝融路 3 号'),
    basis: '《互联网上网服务营业场所管理条例》第三十二条第（五）项',
    penalty: warningAndFine(4000),
    upTo: 1,
  },
  {
    cause: '歌舞娱乐场所播放含有禁止内容的曲目',
    summary: '举报核查：包厢点歌系统存有含禁止内容的曲目。',
    party: organisation('衡阳市蒸湘区麦霸量贩式 KTV', '91430408MA4S8C4X5H', '孙丽娟', '衡阳市蒸湘区蒸湘北路 200 号'),
    basis: '《娱乐场所管理条例》第四十八条',
    penalty: warningAndFine(9000),
    upTo: 0,
  },
];

/** Seeds the demo cases of 衡阳市文化市场综合执法局 (hy-whzf). */
export async function seedDemoCases(ctx: Ctx, agencies: ReadonlyMap<string, string>): Promise<number> {
  const agencyId = agencies.get('hy-whzf');
  if (!agencyId) return 0;
  const userId = async (username: string) => (await ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const who = { officer: await principalOf(ctx.db, await userId('whzf-officer1')), head: await principalOf(ctx.db, await userId('whzf-head')), reviewer: await principalOf(ctx.db, await userId('whzf-reviewer1')) };
  const officers = await ctx.db.selectFrom('officers').select(['id', 'name']).where('agency_id', '=', agencyId).execute();
  const officer = (name: string) => officers.find((o) => o.name === name)!.id;
  const team = [officer('刘建国'), officer('张晓明')];
  const unit = await ctx.db.selectFrom('units').select('id').where('agency_id', '=', agencyId).where('name', '=', '执法一科').executeTakeFirst();
  const benchmarkRef = async ([code, level]: [string, string]) => {
    const b = await ctx.db.selectFrom('discretion_benchmarks').select('id').where('agency_id', '=', agencyId).where('code', '=', code).executeTakeFirst();
    return b ? { id: b.id, level } : null;
  };
  let n = 0;
  for (const c of CASES) {
    let view = await registerClue(ctx, who.officer, { agencyId, unitId: unit?.id ?? null, field: '文化市场', source: 'inspection', cause: c.cause, summary: c.summary, parties: [c.party] });
    const steps: Step[] = [
      ['head', 'file', { handlerIds: team, benchmark: c.benchmark ? await benchmarkRef(c.benchmark) : null }],
      ['officer', 'record-inspection', { officerIds: team, place: c.party.address ?? '现场', content: `执法人员出示执法证件，表明身份后进行检查。${c.summary}`, evidence: [{ kind: '现场笔录', description: '现场检查笔录' }, { kind: '视听资料', description: '执法记录仪视频' }] }],
      ['officer', 'record-questioning', { officerIds: team, person: `${c.party.representative}（${c.party.name}负责人）`, content: '问：对检查发现的情况有无异议？答：没有异议。', evidence: [{ kind: '当事人陈述', description: '询问笔录' }] }],
      ['head', 'close-investigation', { outcome: 'penalise', findings: c.summary, proposedPenalty: c.penalty }],
      ['officer', 'notify', { servedOn: chinaDate(ctx.clock), proposedPenalty: c.penalty, facts: c.summary, reasons: `当事人的行为违反了相关规定，依据${c.basis}，拟作出上述处罚。`, basis: c.basis }],
      ['officer', 'record-statement', { text: '当事人表示对违法事实无异议，放弃陈述、申辩和听证权利。', adopted: false, review: '当事人未提出新的事实和理由。', waived: true }],
      ['head', 'decide', { penalty: c.penalty, basis: c.basis }],
      ['officer', 'serve', { method: 'direct', recipient: c.party.representative ?? c.party.name, officerIds: team }],
      ['officer', 'record-payment', { amountFen: c.penalty.fineFen ?? 0, receiptNo: `HN${String(1000 + n)}` }],
      ['head', 'close', { ground: 'performed' }],
      ['officer', 'archive', {}],
    ];
    for (const [role, act, input] of steps.slice(0, c.upTo)) {
      if (act === 'record-payment' && !c.penalty.fineFen) continue;
      view = await performAct(ctx, who[role], view.case.id, view.case.version, act, input as never);
    }
    n++;
  }
  // One on-the-spot penalty (简易程序).
  await decideOnTheSpot(ctx, who.officer, {
    agencyId,
    unitId: unit?.id ?? null,
    field: '文化市场',
    cause: '网吧未在显著位置悬挂《网络文化经营许可证》',
    parties: [{ kind: 'person', name: '黄某', idNumber: '430408199001011234', representative: null, address: '衡阳市蒸湘区', phone: '13907340000', minor: false }],
    officerIds: team,
    place: '衡阳市蒸湘区解放大道 50 号某网吧',
    facts: '经营者未在营业场所显著位置悬挂《网络文化经营许可证》。',
    basis: '《互联网上网服务营业场所管理条例》第三十二条',
    penalty: { kinds: ['fine'], fineFen: 10_000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' },
    rightsTold: true,
    partyStatement: '认可',
    partySigned: true,
    collected: { amountFen: 10_000, receiptNo: 'HN-XC-0001', reason: null },
  });
  return n + 1;
}
