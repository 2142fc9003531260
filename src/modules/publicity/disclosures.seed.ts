/**
 * The demo bureau's 事前公开, recorded as already published (a first load by the system): the
 * enforcement bureau (hy-whzf) publishes its profile, a 权责清单 of penalty, coercion and
 * inspection powers, its 随机抽查事项清单, the 行政处罚一般程序 flowchart and its complaint
 * channels; the licensing bureau (hy-wtgx) its licensing powers, the 娱乐场所经营许可 service
 * guide and the 行政许可 flowchart. Staff, units, benchmarks and the review catalog need no
 * seeding: they are read live from their own modules.
 */
import type { Ctx } from '../../context.ts';
import type { ChannelContent, FlowchartContent, InspectionItemContent, PowerContent, ProfileContent, ServiceGuideContent } from '../../shared/disclosures.ts';
import { publishInitial } from './disclosures.service.ts';

const SUPERVISION = '衡阳市文体广电新闻出版局法规科（执法监督）：0734-8868123；衡阳市司法局行政执法协调监督科：0734-8225678；12345 政务服务便民热线';
const REMEDY = '对行政处罚决定不服的，可以自收到决定书之日起六十日内向衡阳市人民政府申请行政复议，或者自收到决定书之日起六个月内向人民法院提起行政诉讼（《中华人民共和国行政复议法》第二十条，《中华人民共和国行政诉讼法》第四十六条）';
const PENALTY_PROCEDURE = '立案—调查取证—案件审查（重大案件法制审核、集体讨论）—事先告知（陈述、申辩、听证）—作出决定—送达—执行—结案归档';
const WHZF_PUBLIC = '衡阳市文化市场综合执法局';

const power = (code: string, name: string, type: PowerContent['type'], basis: string, unit: string, procedure = PENALTY_PROCEDURE): PowerContent => ({
  code,
  name,
  type,
  basis,
  unit,
  procedure,
  supervision: SUPERVISION,
  remedy: type === 'inspection' ? '对检查行为不服的，可以依法申请行政复议或者提起行政诉讼；对执法人员违法违纪行为可向执法监督机构投诉' : REMEDY,
});

export const DEMO_WHZF_POWERS: PowerContent[] = [
  power('CF-WH-001', '对互联网上网服务营业场所经营单位接纳未成年人进入营业场所的行政处罚', 'penalty', '《互联网上网服务营业场所管理条例》第二十一条、第三十一条第（二）项', '执法一科'),
  power('CF-WH-002', '对互联网上网服务营业场所经营单位在规定的营业时间以外营业的行政处罚', 'penalty', '《互联网上网服务营业场所管理条例》第二十二条、第三十一条第（一）项', '执法一科'),
  power('CF-WH-003', '对互联网上网服务营业场所经营单位未悬挂《网络文化经营许可证》或者未成年人禁入标志的行政处罚', 'penalty', '《互联网上网服务营业场所管理条例》第三十一条第（五）项', '执法一科'),
  power('CF-WH-004', '对互联网上网服务营业场所经营单位未按规定核对、登记上网消费者有效身份证件的行政处罚', 'penalty', '《互联网上网服务营业场所管理条例》第二十三条、第三十二条第（三）项', '执法一科'),
  power('CF-WH-005', '对擅自从事互联网上网服务经营活动的行政处罚', 'penalty', '《互联网上网服务营业场所管理条例》第七条、第二十七条', '执法一科'),
  power('CF-WH-006', '对歌舞娱乐场所接纳未成年人的行政处罚', 'penalty', '《娱乐场所管理条例》第二十三条、第四十八条', '执法二科'),
  power('CF-WH-007', '对娱乐场所未按规定悬挂警示标志、未成年人禁入或者限入标志的行政处罚', 'penalty', '《娱乐场所管理条例》第三十条、第五十条', '执法二科'),
  power('CF-WH-008', '对擅自从事营业性演出经营活动的行政处罚', 'penalty', '《营业性演出管理条例》第六条、第十条、第四十三条', '执法二科'),
  power('CF-WH-009', '对演出举办单位或者其法定代表人、主要负责人及其他直接责任人员在演出中发现含有禁止内容未立即采取措施予以制止的行政处罚', 'penalty', '《营业性演出管理条例》第二十六条、第四十六条', '执法二科'),
  power('CF-WH-010', '对擅自设立出版物发行单位、从事出版物发行业务的行政处罚', 'penalty', '《出版管理条例》第三十五条、第六十一条', '执法一科'),
  power('CF-WW-011', '对在文物保护单位的保护范围内擅自进行建设工程或者爆破、钻探、挖掘等作业的行政处罚', 'penalty', '《中华人民共和国文物保护法》（2024年修订）第二十八条及第八章法律责任相关规定', '执法二科'),
  power('CF-WW-012', '对擅自迁移、拆除不可移动文物的行政处罚', 'penalty', '《中华人民共和国文物保护法》（2024年修订）第三十三条及第八章法律责任相关规定', '执法二科'),
  power('QZ-WH-013', '对与违法行为有关的物品、工具的查封、扣押', 'coercion', '《中华人民共和国行政强制法》第九条、第二十二条；《出版管理条例》第五十八条', '执法一科', '审批—通知当事人到场—告知理由、依据和权利—听取陈述申辩—制作现场笔录—送达查封扣押决定书和清单—依法作出处理决定'),
  power('JC-WH-014', '对文化市场经营单位的行政检查', 'inspection', '《文化市场综合行政执法管理办法》第十九条；《互联网上网服务营业场所管理条例》第四条；《娱乐场所管理条例》第五条', '执法一科、执法二科', '随机抽取检查对象和执法检查人员—出示执法证件—实施检查并制作检查笔录—检查结果依法公示—发现违法行为依法处理'),
];

export const DEMO_WTGX_POWERS: PowerContent[] = [
  power('XK-WH-001', '娱乐场所从事娱乐场所经营活动审批', 'licensing', '《娱乐场所管理条例》第九条、第十一条', '行政审批科', '申请—受理—审查（实地核查）—决定—送达许可证（法定时限二十日，承诺时限十个工作日）'),
  power('XK-WH-002', '互联网上网服务营业场所经营单位设立审批', 'licensing', '《互联网上网服务营业场所管理条例》第七条、第十条、第十一条', '行政审批科', '申请—受理—审查（实地核查）—决定—送达许可证（法定时限二十日）'),
  power('XK-WH-003', '营业性演出审批', 'licensing', '《营业性演出管理条例》第十三条、第十五条', '行政审批科', '申请—受理—审查—决定—送达批准文件（法定时限三日）'),
  power('XK-WH-004', '文艺表演团体从事营业性演出活动审批', 'licensing', '《营业性演出管理条例》第六条', '行政审批科', '申请—受理—审查—决定—送达许可证（法定时限二十日）'),
];

export const DEMO_INSPECTION_ITEMS: InspectionItemContent[] = [
  { code: 'SJ-001', name: '互联网上网服务营业场所经营活动的检查', field: '文化市场', targets: '辖区内互联网上网服务营业场所经营单位', basis: '《互联网上网服务营业场所管理条例》第四条、第二十一条至第二十四条', method: '现场检查、书面检查', ratio: '每年抽查比例不低于5%，高风险经营单位适当提高', unit: '执法一科' },
  { code: 'SJ-002', name: '歌舞娱乐场所、游艺娱乐场所经营活动的检查', field: '文化市场', targets: '辖区内娱乐场所经营单位', basis: '《娱乐场所管理条例》第五条、第二十三条、第三十条', method: '现场检查', ratio: '每年抽查比例不低于5%', unit: '执法二科' },
  { code: 'SJ-003', name: '营业性演出活动的检查', field: '文化市场', targets: '辖区内举办营业性演出的演出举办单位、演出场所经营单位', basis: '《营业性演出管理条例》第三十四条、第三十五条', method: '现场检查', ratio: '按演出场次随机抽取，不低于3%', unit: '执法二科' },
  { code: 'SJ-004', name: '出版物发行单位经营活动的检查', field: '新闻出版', targets: '辖区内出版物零售单位', basis: '《出版管理条例》第五十条；《出版物市场管理规定》第三十条', method: '现场检查、书面检查', ratio: '每年抽查比例不低于3%', unit: '执法一科' },
  { code: 'SJ-005', name: '文物保护单位保护管理情况的检查', field: '文物', targets: '辖区内各级文物保护单位的管理使用单位', basis: '《中华人民共和国文物保护法》第八条、第三十二条', method: '现场检查', ratio: '每年抽查比例不低于10%', unit: '执法二科' },
  { code: 'SJ-006', name: '旅行社经营活动的检查', field: '旅游', targets: '辖区内旅行社及其分社、服务网点', basis: '《旅行社条例》第四十一条、第四十二条', method: '现场检查、书面检查', ratio: '每年抽查比例不低于5%', unit: '执法一科' },
];

/** 行政处罚一般程序 (《行政处罚法》第五章第三节). */
export const PENALTY_FLOWCHART: FlowchartContent = {
  title: '行政处罚一般程序流程图',
  description: '依据《中华人民共和国行政处罚法》第五十四条至第六十五条。案件自立案之日起九十日内作出处理决定（第六十条）。',
  steps: [
    { id: 's1', kind: 'start', label: '发现违法线索（检查、投诉举报、移送）', note: null, next: [{ to: 's2', label: null }] },
    { id: 's2', kind: 'decision', label: '是否符合立案条件', note: '发现线索之日起十五日内', next: [{ to: 's3', label: '是' }, { to: 's12', label: '否' }] },
    { id: 's3', kind: 'step', label: '立案，指定两名以上执法人员', note: '第五十四条、第四十二条', next: [{ to: 's4', label: null }] },
    { id: 's4', kind: 'step', label: '调查取证（出示证件、制作笔录）', note: '第五十五条', next: [{ to: 's5', label: null }] },
    { id: 's5', kind: 'decision', label: '是否属于重大执法决定', note: '法制审核目录', next: [{ to: 's6', label: '是' }, { to: 's7', label: '否' }] },
    { id: 's6', kind: 'step', label: '法制审核', note: '第五十八条', next: [{ to: 's7', label: null }] },
    { id: 's7', kind: 'step', label: '事先告知（陈述、申辩、听证权利）', note: '第四十四条、第六十三条', next: [{ to: 's8', label: null }] },
    { id: 's8', kind: 'decision', label: '当事人是否要求听证', note: '告知后五日内提出', next: [{ to: 's9', label: '是' }, { to: 's10', label: '否' }] },
    { id: 's9', kind: 'step', label: '组织听证', note: '第六十四条', next: [{ to: 's10', label: null }] },
    { id: 's10', kind: 'step', label: '负责人审查决定（重大案件集体讨论）', note: '第五十七条', next: [{ to: 's11', label: null }] },
    { id: 's11', kind: 'step', label: '送达决定书并执行', note: '宣告后当场交付或七日内送达（第六十一条）', next: [{ to: 's13', label: null }] },
    { id: 's12', kind: 'end', label: '不予立案，告知举报人', note: null, next: [] },
    { id: 's13', kind: 'end', label: '结案归档、依法公示', note: '第四十八条', next: [] },
  ],
};

/** 行政许可一般程序 (《行政许可法》第四章). */
export const LICENSING_FLOWCHART: FlowchartContent = {
  title: '行政许可办理流程图',
  description: '依据《中华人民共和国行政许可法》第二十九条至第四十四条。',
  steps: [
    { id: 'a1', kind: 'start', label: '申请人提交申请材料', note: '窗口或网上办理', next: [{ to: 'a2', label: null }] },
    { id: 'a2', kind: 'decision', label: '材料是否齐全、符合法定形式', note: '第三十二条', next: [{ to: 'a4', label: '是' }, { to: 'a3', label: '否' }] },
    { id: 'a3', kind: 'step', label: '当场或五日内一次告知需补正的全部内容', note: null, next: [{ to: 'a1', label: '补正后重新提交' }] },
    { id: 'a4', kind: 'step', label: '受理，出具受理通知书', note: null, next: [{ to: 'a5', label: null }] },
    { id: 'a5', kind: 'step', label: '审查（必要时实地核查）', note: '第三十四条', next: [{ to: 'a6', label: null }] },
    { id: 'a6', kind: 'decision', label: '是否符合法定条件、标准', note: null, next: [{ to: 'a7', label: '是' }, { to: 'a8', label: '否' }] },
    { id: 'a7', kind: 'end', label: '作出准予许可决定，十日内颁发许可证件', note: '第三十八条、第四十四条', next: [] },
    { id: 'a8', kind: 'end', label: '作出不予许可决定，说明理由并告知救济权利', note: '第三十八条', next: [] },
  ],
};

export const ENTERTAINMENT_LICENCE_GUIDE: ServiceGuideContent = {
  title: '娱乐场所从事娱乐场所经营活动审批',
  basis: '《娱乐场所管理条例》第九条、第十一条；《娱乐场所管理办法》第六条至第九条',
  conditions: '1. 有与其经营活动相适应的设施设备，场所使用面积符合规定（歌舞娱乐场所包厢、包间内不得设置隔断，并安装展现室内整体环境的透明门窗）；\n2. 场所地址不在居民住宅楼、博物馆、图书馆和被核定为文物保护单位的建筑物内，与学校等场所的距离符合规定；\n3. 投资人员、拟任法定代表人和其他负责人没有《娱乐场所管理条例》第五条规定的情形；\n4. 消防、环境保护等符合法律法规规定。',
  materials: ['娱乐场所经营活动申请表', '营业执照复印件', '投资人员、拟任法定代表人和其他负责人的有效身份证件复印件及无犯罪记录声明', '娱乐场所房产权属证明或租赁合同', '场所平面示意图及消防安全相关材料', '歌舞娱乐场所歌曲点播系统及曲库信息'],
  procedure: '申请—受理—审查（实地核查，必要时举行听证）—决定—颁发《娱乐经营许可证》',
  timeLimit: '法定时限二十日，承诺时限十个工作日（不含听证、公示时间）',
  fee: '不收费',
  place: '衡阳市政务服务中心三楼文化旅游窗口（衡阳市华新开发区解放大道）',
  contact: '0734-8868100（工作日 9:00—12:00，13:30—17:30）',
};

const CHANNELS = (agencyName: string): ChannelContent[] => [
  { name: '12345 政务服务便民热线', kind: 'complaint', contact: '12345', address: null, hours: '全天 24 小时', description: '受理对文化市场、文物、出版、广电、旅游违法行为的投诉举报，以及对本机关执法行为的投诉' },
  { name: '全国文化市场举报平台', kind: 'complaint', contact: '12318（全国文化市场举报电话）；jubao.mct.gov.cn', address: null, hours: '全天受理', description: '文化和旅游部文化市场举报平台，举报内容转属地执法机构办理并反馈' },
  { name: `${agencyName}执法监督`, kind: 'supervision', contact: '衡阳市文体广电新闻出版局法规科 0734-8868123', address: '衡阳市蒸湘区船山大道 8 号', hours: '工作日 9:00—17:30', description: '对执法人员不出示证件、超越职权、滥用职权等行为的投诉和监督' },
  { name: '行政复议', kind: 'reconsideration', contact: '衡阳市人民政府行政复议办公室 0734-8225678', address: '衡阳市蒸湘区船山大道 8 号市政务中心', hours: '工作日 9:00—17:30', description: '对行政处罚等决定不服的，可以自知道该行为之日起六十日内申请行政复议' },
  { name: '行政诉讼', kind: 'litigation', contact: '衡阳市石鼓区人民法院（立案庭）', address: null, hours: null, description: '对行政行为不服的，可以自知道作出行政行为之日起六个月内依法提起行政诉讼' },
];

const PROFILES: Record<string, ProfileContent> = {
  'hy-whzf': {
    summary: `${WHZF_PUBLIC}是衡阳市文体广电新闻出版局所属的行政执法机构，依法统一行使文化、文物、出版、广播电视、电影、旅游市场的行政执法职责，以自己的名义作出行政处罚决定。`,
    duties: '1. 依法查处文化、文物、出版、广播电视、电影、旅游市场的违法行为；\n2. 对文化市场经营单位开展“双随机、一公开”监督检查；\n3. 受理文化市场违法行为的投诉举报；\n4. 配合有关部门查处重大违法案件，开展联合执法；\n5. 推行行政执法公示、执法全过程记录和重大执法决定法制审核制度。',
    address: '衡阳市石鼓区人民路 66 号',
    hours: '工作日 上午 8:30—12:00，下午 14:30—17:30',
    phone: '0734-8868200',
    website: null,
  },
  'hy-wtgx': {
    summary: '衡阳市文体广电新闻出版局负责全市文化、体育、广播电视、新闻出版工作，依法实施文化市场行政许可，监督指导所属执法机构的行政执法工作。',
    duties: '1. 实施娱乐场所、互联网上网服务营业场所、营业性演出等行政许可；\n2. 制定文化市场管理规范，监督指导文化市场综合执法；\n3. 负责行政执法监督和重大执法决定的法制审核指导。',
    address: '衡阳市蒸湘区船山大道 8 号',
    hours: '工作日 上午 8:30—12:00，下午 14:30—17:30',
    phone: '0734-8868100',
    website: null,
  },
};

/** Seeds the disclosures of hy-whzf and hy-wtgx (agency code → id); returns the number of items. */
export async function seedDemoDisclosures(ctx: Ctx, agencies: ReadonlyMap<string, string>): Promise<number> {
  let n = 0;
  const note = '首次公开（已公开的内容录入本平台）';
  const whzf = agencies.get('hy-whzf');
  const wtgx = agencies.get('hy-wtgx');
  const put = async (agencyId: string, kind: Parameters<typeof publishInitial>[1]['kind'], content: Parameters<typeof publishInitial>[1]['content']) => {
    await publishInitial(ctx, { agencyId, kind, content, note });
    n++;
  };
  if (whzf) {
    await put(whzf, 'profile', PROFILES['hy-whzf']!);
    for (const p of DEMO_WHZF_POWERS) await put(whzf, 'power', p);
    for (const i of DEMO_INSPECTION_ITEMS) await put(whzf, 'inspection-item', i);
    await put(whzf, 'flowchart', PENALTY_FLOWCHART);
    for (const c of CHANNELS(WHZF_PUBLIC)) await put(whzf, 'channel', c);
  }
  if (wtgx) {
    await put(wtgx, 'profile', PROFILES['hy-wtgx']!);
    for (const p of DEMO_WTGX_POWERS) await put(wtgx, 'power', p);
    await put(wtgx, 'flowchart', LICENSING_FLOWCHART);
    await put(wtgx, 'service-guide', ENTERTAINMENT_LICENCE_GUIDE);
    for (const c of CHANNELS('衡阳市文体广电新闻出版局')) await put(wtgx, 'channel', c);
  }
  return n;
}
