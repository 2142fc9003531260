/**
 * A realistic case (a 网吧 admitting minors, Hengyang) and an input for every document kind: used by
 * the template tests, the document tests on both engines and bench/documents.ts.
 */
import type { CaseRecord, Penalty } from '../../shared/cases.ts';
import type { DocumentKind } from '../../shared/documents.ts';
import type { TemplateInputs } from './templates.ts';

export const SAMPLE_AGENCY = { name: '衡阳市文化市场综合执法局', address: '衡阳市华新开发区船山大道88号', contact: '刘建国', phone: '0734-8221234' };

const officers = [
  { officerId: 'o1', name: '刘建国', certificateNo: '43040120001' },
  { officerId: 'o2', name: '张晓明', certificateNo: '43040120002' },
];

const penalty: Penalty = { kinds: ['warning', 'fine'], fineFen: 500000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' };

export function sampleCase(): CaseRecord {
  return {
    id: 'case-sample-1',
    agencyId: 'agency-sample',
    unitId: null,
    procedure: 'ordinary',
    status: 'closed',
    field: '文化市场',
    source: 'inspection',
    cause: '互联网上网服务营业场所接纳未成年人',
    summary:
      '2026年2月8日，执法人员在对蒸湘区解放西路网吧进行日常检查时发现，“极速网吧”营业场所内有3名未成年人正在上网，经现场询问，该网吧未核对上网人员身份证件，且未在入口处悬挂未成年人禁入标志。',
    actOn: '2026-02-08',
    seriousHarm: false,
    parties: [
      {
        kind: 'organisation',
        name: '衡阳市极速网络科技有限公司',
        idNumber: '91430408MA4L12345X',
        representative: '王某某',
        address: '湖南省衡阳市蒸湘区解放西路88号',
        phone: '0734-8888888',
        minor: false,
      },
    ],
    handlers: officers,
    recused: [],
    caseNo: '衡文执立字〔2026〕第3号',
    lastActOn: '2026-09-30',
  registeredOn: '2026-02-08',
    filedOn: '2026-02-09',
    benchmark: null,
    firstViolation: false,
    evidence: [
      { id: 'e1', kind: '现场笔录', description: '2026年2月8日现场检查笔录一份', recordedBySeq: 3, recordedByAct: 'record-inspection', collectedOn: '2026-02-08' },
      { id: 'e2', kind: '当事人陈述', description: '网吧负责人王某某调查询问笔录一份', recordedBySeq: 5, recordedByAct: 'record-questioning', collectedOn: '2026-02-10' },
      { id: 'e3', kind: '视听资料', description: '营业场所监控录像截图6张及执法记录仪视频1段', recordedBySeq: 6, recordedByAct: 'add-evidence', collectedOn: '2026-02-10' },
      { id: 'e4', kind: '书证', description: '上网登记记录复印件3页、营业执照及网络文化经营许可证复印件各1份', recordedBySeq: 6, recordedByAct: 'add-evidence', collectedOn: '2026-02-10' },
    ],
    preservations: [{ id: 'pr1', items: ['上网登记记录本1本'], approvedOn: '2026-02-10', approvedBy: '衡阳市文化市场综合执法局负责人', handledOn: '2026-02-14', outcome: '解除先行登记保存，退还当事人' }],
    investigation: {
      closedOn: '2026-02-20',
      outcome: 'penalise',
      findings:
        '当事人衡阳市极速网络科技有限公司经营的“极速网吧”于2026年2月8日接纳3名未成年人进入营业场所上网，且未在营业场所入口处的显著位置悬挂未成年人禁入标志。当事人的行为违反了《互联网上网服务营业场所管理条例》第二十一条的规定。',
      proposedPenalty: { ...penalty },
    },
    discretionApproval: null,
    notice: {
      on: '2026-02-21',
      servedOn: '2026-02-22',
      proposedPenalty: { ...penalty },
      facts:
        '2026年2月8日15时许，你单位经营的“极速网吧”（衡阳市蒸湘区解放西路88号）接纳3名未成年人进入营业场所上网，且未在营业场所入口处的显著位置悬挂未成年人禁入标志。',
      reasons: '你单位接纳未成年人进入营业场所，违反了《互联网上网服务营业场所管理条例》第二十一条“互联网上网服务营业场所经营单位不得接纳未成年人进入营业场所”的规定。',
      basis: '《互联网上网服务营业场所管理条例》第三十一条第（二）项',
      hearingRight: false,
      documentId: null,
    },
    statement: { on: '2026-02-24', text: '我单位承认接纳未成年人的事实，系新招聘网管疏忽所致，已对员工进行培训并悬挂禁入标志，请求从轻处罚。', adopted: false, review: '当事人所述整改情况属实，但不属于《中华人民共和国行政处罚法》第三十二条规定的从轻处罚情形，拟处罚已按裁量基准的一般情形确定。', waived: false },
    hearing: null,
    review: { requiredBecause: [], approvedProposal: null, approvedOn: null, reviewerName: null, opinion: null },
    discussion: null,
    decision: { on: '2026-03-02', kind: 'penalty', penalty: { ...penalty }, reason: null, basis: '《互联网上网服务营业场所管理条例》第三十一条第（二）项', number: '衡文执罚决字〔2026〕第12号', documentId: null, decidedBy: 'head' },
    execution: { servedOn: '2026-03-03', serviceMethod: 'direct', receivedOn: '2026-03-03', dueOn: '2026-03-18', paidFen: 0, payments: [], remedies: [], remindedOn: null },
    suspended: null,
    extensions: [],
    closure: { on: '2026-04-10', ground: 'performed' },
    archivedOn: null,
    reportedOn: null,
    version: 12,
    createdAt: '2026-02-08T02:00:00.000Z',
    updatedAt: '2026-04-10T02:00:00.000Z',
  };
}

/** An input for every kind, on the sample case. */
export function sampleInputs(): { [K in DocumentKind]: TemplateInputs[K] } {
  const caseRecord = sampleCase();
  const base = { agency: SAMPLE_AGENCY, caseRecord, on: '2026-03-02' };
  return {
    'case-filing-approval': { ...base, on: '2026-02-09' },
    'inspection-record': {
      ...base,
      on: '2026-02-08',
      inspection: {
        officers,
        place: '衡阳市蒸湘区解放西路88号“极速网吧”营业场所',
        startAt: '2026-02-08T15:10',
        endAt: '2026-02-08T16:05',
        recorder: '张晓明',
        present: { name: '李某', role: '网管（当班负责人）', phone: '13800000000' },
        content:
          '执法人员进入该网吧营业场所时，场所正在营业，共有上网人员46人。经逐一核对身份证件，发现3名上网人员未满十八周岁（分别为15岁、16岁、17岁），均未登记身份证件即上网。营业场所入口处未悬挂未成年人禁入标志。场所内悬挂有网络文化经营许可证和营业执照。执法人员对现场进行了拍照和执法记录仪录像。',
      },
    },
    'questioning-record': {
      ...base,
      on: '2026-02-10',
      questioning: {
        officers,
        interviewee: { name: '王某某', gender: '男', age: 42, idNumber: '430408198401011234', employer: '衡阳市极速网络科技有限公司 法定代表人', phone: '13900000000', address: '衡阳市蒸湘区某小区', role: '当事人法定代表人' },
        place: '衡阳市文化市场综合执法局询问室',
        startAt: '2026-02-10T09:30',
        endAt: '2026-02-10T10:20',
        recorder: '张晓明',
        qa: [
          { q: '你是否申请回避？', a: '不申请。' },
          { q: '请介绍一下“极速网吧”的经营情况。', a: '网吧2023年开业，有电脑120台，营业时间为8时至24时，我是公司法定代表人。' },
          { q: '2026年2月8日下午，网吧是否接纳了未成年人上网？', a: '是的，当天新来的网管没有核对身份证，让3名学生进去上网了。' },
          { q: '网吧入口处为什么没有悬挂未成年人禁入标志？', a: '之前的标志在装修时拆下来了，还没有重新挂上。' },
        ],
      },
    },
    'preservation-notice': { ...base, on: '2026-02-10', preservation: { items: ['上网登记记录本1本（2026年1月至2月）', '收银台电脑硬盘1块（型号ST1000，序列号Z1D2X3）'], place: '当事人营业场所收银台', manner: '就地封存保存', officers } },
    'preservation-handling-notice': {
      ...base,
      on: '2026-02-14',
      handling: { outcome: '经审查，上述物品已完成证据固定，决定解除先行登记保存，退还你单位。', items: ['上网登记记录本1本'], preservedOn: '2026-02-10', preservationNumber: '衡文执登保字〔2026〕第2号' },
    },
    'investigation-closing-approval': { ...base, on: '2026-02-20' },
    'transfer-form': {
      ...base,
      on: '2026-02-20',
      transfer: { to: '衡阳市公安局蒸湘分局', reason: '发现当事人涉嫌容留未成年人吸烟、饮酒等违法行为，不属于本机关管辖', basis: '《中华人民共和国行政处罚法》第二十七条', materials: ['现场检查笔录复印件1份', '调查询问笔录复印件1份', '监控录像光盘1张'] },
    },
    'discussion-record': {
      ...base,
      on: '2026-02-26',
      discussion: {
        participants: ['赵局长', '钱副局长', '孙科长', '李法制'],
        presider: '赵局长',
        recorder: '周记录',
        place: '局三楼会议室',
        startAt: '2026-02-26T15:00',
        endAt: '2026-02-26T16:00',
        opinions: [
          { name: '钱副局长', opinion: '事实清楚，证据充分，同意承办机构意见。' },
          { name: '李法制', opinion: '程序合法，适用依据正确，裁量适当。' },
        ],
        conclusion: '对当事人给予警告，并处罚款人民币伍仟元整。',
      },
    },
    'prior-notice': { ...base, on: '2026-02-21' },
    'statement-review': { ...base, on: '2026-02-25' },
    'hearing-notice': { ...base, on: '2026-02-24', hearing: { date: '2026-03-10', time: '上午9时30分', place: '衡阳市文化市场综合执法局听证室', presiderName: '李法制', clerk: '周记录' } },
    'hearing-record': {
      ...base,
      on: '2026-03-10',
      hearing: {
        place: '衡阳市文化市场综合执法局听证室',
        presiderName: '李法制',
        clerk: '周记录',
        startAt: '2026-03-10T09:30',
        endAt: '2026-03-10T11:00',
        attendees: [{ name: '王某某', role: '法定代表人' }, { name: '陈律师', role: '委托代理人' }],
        record: '调查人员：陈述违法事实、证据和处罚建议（略）。\n当事人：对事实无异议，请求考虑已经整改从轻处罚。\n主持人：双方最后陈述……',
      },
    },
    'legal-review-opinion': {
      ...base,
      on: '2026-02-27',
      review: { reviewers: ['王审核', '赵审核'], conclusion: 'approved', opinion: '本案事实清楚，证据确实充分，程序合法，适用依据正确，处罚适当。', checklist: Array(10).fill('符合'), submittedOn: '2026-02-26' },
    },
    'penalty-decision': { ...base, payment: { bank: '中国工商银行衡阳分行营业部', accountName: '衡阳市财政局非税收入汇缴专户', account: '1904 0000 0000 0000 000' }, remedy: { reconsiderationBody: '衡阳市人民政府', court: '衡阳市蒸湘区人民法院' } },
    'no-penalty-decision': {
      ...base,
      decision: { reason: '当事人初次违法，危害后果轻微并已及时改正，符合《中华人民共和国行政处罚法》第三十三条第一款规定的不予行政处罚情形。', basis: '《中华人民共和国行政处罚法》第三十三条第一款' },
    },
    'on-the-spot-decision': {
      ...base,
      on: '2026-03-05',
      onTheSpot: {
        officers,
        place: '衡阳市石鼓区中山北路12号“欢乐歌厅”',
        at: '2026-03-05T20:30',
        facts: '当事人经营的歌厅未在显著位置悬挂娱乐经营许可证。',
        basis: '《娱乐场所管理条例》第五十条',
        penalty: { kinds: ['warning'], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' },
        partyStatement: '无异议。',
      },
    },
    'service-receipt': {
      ...base,
      on: '2026-03-03',
      service: { documents: [{ title: '行政处罚决定书', number: '衡文执罚决字〔2026〕第12号' }], recipient: '衡阳市极速网络科技有限公司（王某某）', method: 'direct', officers },
    },
    'payment-reminder': { ...base, on: '2026-03-25', reminder: { lateFeeFen: 105000, payment: { bank: '中国工商银行衡阳分行营业部', accountName: '衡阳市财政局非税收入汇缴专户', account: '1904 0000 0000 0000 000' } } },
    'closing-report': { ...base, on: '2026-04-10' },
  };
}
