/**
 * Demo entries of the Hengyang agencies' discretion benchmark tables (裁量基准). The statutory
 * frames (who may be fined how much, under which article) follow the regulations as we could
 * check them; the split into levels and the sub-ranges are illustrative — the real ones are set
 * by each agency (文旅综执发〔2021〕11号 and the Hunan tables were not available to us).
 *
 * Article numbers: the 《营业性演出管理条例》 (2020) and 《娱乐场所管理条例》 (2020) numbers below
 * were checked against published texts, except where marked 〔条款号待核对〕. For the 网吧 regulation
 * (2022 revision) some secondary sources number the penalty articles 30/31 instead of 31/32; we
 * use 31/32, the numbering of the official compilations we could see, and say so here rather than
 * guess silently. The 2024 revision of the 文物保护法 (in force 2025-03-01) renumbered the law
 * (80 → 101 articles); the fine amounts below match reports of the new text, but we could not
 * confirm the article numbers, so those entries carry 〔条款号待核对〕 in the data itself.
 */
import type { Ctx } from '../../context.ts';
import type { BenchmarkLevel, NewBenchmark } from '../../shared/api.ts';
import { createBenchmark } from './benchmarks.service.ts';

const yuan = (n: number) => Math.round(n * 100);
const WANG_BA = '《互联网上网服务营业场所管理条例》';
const YU_LE = '《娱乐场所管理条例》';
const YAN_CHU = '《营业性演出管理条例》';
const WEN_WU = '《中华人民共和国文物保护法》（2024年修订）';
const UNCHECKED = '〔条款号待核对〕';
/** 《行政处罚法》第三十三条第一款: first, minor, promptly corrected — no penalty. */
const FIRST_MINOR: BenchmarkLevel = {
  name: '轻微',
  circumstances: '初次违法且危害后果轻微，并在责令改正期限内及时改正的',
  kinds: [],
  fine: null,
  gainsMultiple: null,
  note: '依照《中华人民共和国行政处罚法》第三十三条第一款，可以不予行政处罚',
};

const level = (name: string, circumstances: string, kinds: BenchmarkLevel['kinds'], fine?: [number, number] | null, gains?: [number, number, number | null] | null, note?: string): BenchmarkLevel => ({
  name,
  circumstances,
  kinds,
  fine: fine ? { minFen: yuan(fine[0]), maxFen: yuan(fine[1]) } : null,
  gainsMultiple: gains ? { min: gains[0], max: gains[1], minGainsFen: gains[2] === null ? null : yuan(gains[2]) } : null,
  note: note ?? null,
});

type DemoEntry = Omit<NewBenchmark, 'agencyId'> & { agency: 'hy-whzf' | 'hy-wwj' };

export const DEMO_BENCHMARKS: DemoEntry[] = [
  // ---- 网吧: 第三十一条 "由文化行政部门给予警告，可以并处15000元以下的罚款；情节严重的，责令停业整顿，直至吊销《网络文化经营许可证》"
  {
    agency: 'hy-whzf',
    field: '文化市场',
    code: '文市-网吧-01',
    violation: '互联网上网服务营业场所经营单位接纳未成年人进入营业场所',
    legalBasis: `${WANG_BA}第二十一条第一款`,
    penaltyBasis: `${WANG_BA}第三十一条第（二）项`,
    levels: [
      level('一般', '首次被查处，接纳未成年人1至2人', ['warning', 'fine'], [1000, 5000]),
      level('较重', '接纳未成年人3至5人，或者一年内第二次被查处', ['warning', 'fine'], [5000, 10000]),
      level('严重', '接纳未成年人6人以上，或者一年内第三次被查处，或者造成恶劣社会影响', ['warning', 'fine', 'suspend-business', 'revoke-licence'], [10000, 15000], null, '情节严重的，责令停业整顿，直至吊销《网络文化经营许可证》'),
    ],
  },
  {
    agency: 'hy-whzf',
    field: '文化市场',
    code: '文市-网吧-02',
    violation: '互联网上网服务营业场所经营单位未悬挂《网络文化经营许可证》或者未成年人禁入标志',
    legalBasis: `${WANG_BA}第二十条、第二十一条第二款`,
    penaltyBasis: `${WANG_BA}第三十一条第（五）项`,
    levels: [
      FIRST_MINOR,
      level('一般', '经责令改正，逾期仍未悬挂的', ['warning', 'fine'], [0, 2000]),
      level('较重', '一年内再次因同一行为被查处的', ['warning', 'fine'], [2000, 5000]),
    ],
  },
  {
    agency: 'hy-whzf',
    field: '文化市场',
    code: '文市-网吧-03',
    violation: '互联网上网服务营业场所经营单位未按规定核对、登记上网消费者的有效身份证件或者记录有关上网信息',
    legalBasis: `${WANG_BA}第二十三条`,
    penaltyBasis: `${WANG_BA}第三十二条第（三）项`,
    levels: [
      level('一般', '未核对、登记1至2人次', ['warning', 'fine'], [0, 3000]),
      level('较重', '未核对、登记3至10人次，或者一年内再次被查处', ['warning', 'fine'], [3000, 10000]),
      level('严重', '未核对、登记10人次以上，或者以他人证件为上网消费者登记上网', ['warning', 'fine', 'suspend-business', 'revoke-licence'], [10000, 15000], null, '情节严重的，责令停业整顿，直至由文化和旅游主管部门吊销《网络文化经营许可证》'),
    ],
  },
  {
    agency: 'hy-whzf',
    field: '文化市场',
    code: '文市-网吧-04',
    violation: '互联网上网服务营业场所经营单位在规定的营业时间（8时至24时）以外营业',
    legalBasis: `${WANG_BA}第二十二条`,
    penaltyBasis: `${WANG_BA}第三十一条第（一）项`,
    levels: [
      level('一般', '超时营业不满2小时，且为首次被查处', ['warning', 'fine'], [0, 3000]),
      level('较重', '超时营业2小时以上，或者一年内再次被查处', ['warning', 'fine'], [3000, 10000]),
      level('严重', '一年内三次以上被查处，或者超时营业期间接纳未成年人', ['warning', 'fine', 'suspend-business', 'revoke-licence'], [10000, 15000], null, '情节严重的，责令停业整顿，直至吊销《网络文化经营许可证》'),
    ],
  },

  // ---- 娱乐场所
  {
    agency: 'hy-whzf',
    field: '文化市场',
    code: '文市-娱乐-01',
    violation: '歌舞娱乐场所接纳未成年人',
    legalBasis: `${YU_LE}第二十三条`,
    // "没收违法所得和非法财物，并处违法所得1倍以上3倍以下的罚款；没有违法所得或者违法所得不足1万元的，
    // 并处1万元以上3万元以下的罚款；情节严重的，责令停业整顿1个月至6个月"
    penaltyBasis: `${YU_LE}第四十八条第（三）项`,
    levels: [
      level('一般', '首次被查处，接纳未成年人1至2人次', ['confiscate-gains', 'confiscate-property', 'fine'], [10000, 20000], [1, 2, 10000]),
      level('较重', '接纳未成年人3人次以上，或者一年内再次被查处', ['confiscate-gains', 'confiscate-property', 'fine'], [20000, 30000], [2, 3, 10000]),
      level('严重', '一年内三次以上被查处，或者造成未成年人身心受到伤害等严重后果', ['confiscate-gains', 'confiscate-property', 'fine', 'suspend-business'], [25000, 30000], [2.5, 3, 10000], '情节严重的，责令停业整顿1个月至6个月'),
    ],
  },
  {
    agency: 'hy-whzf',
    field: '文化市场',
    code: '文市-娱乐-02',
    violation: '娱乐场所在禁止营业时间（每日凌晨2时至上午8时）内营业',
    legalBasis: `${YU_LE}第二十八条${UNCHECKED}`,
    // Published texts disagree on whether this is Art 48 or 49; the warning / 1–3 months is the same.
    penaltyBasis: `${YU_LE}第四十九条第（二）项${UNCHECKED}`,
    levels: [
      level('一般', '首次被查处，且超时营业不满1小时', ['warning']),
      level('严重', '一年内再次被查处，或者超时营业1小时以上', ['warning', 'suspend-business'], null, null, '情节严重的，责令停业整顿1个月至3个月'),
    ],
  },
  {
    agency: 'hy-whzf',
    field: '文化市场',
    code: '文市-娱乐-03',
    violation: '娱乐场所未按规定悬挂警示标志、未成年人禁入或者限入标志',
    legalBasis: `${YU_LE}第三十条${UNCHECKED}`,
    penaltyBasis: `${YU_LE}第五十一条${UNCHECKED}`,
    levels: [FIRST_MINOR, level('一般', '经责令改正，逾期仍未悬挂，或者一年内再次被查处', ['warning'])],
  },

  // ---- 营业性演出: 第四十四条 (checked against the 2020 text; not 第四十三条, which is 擅自从事营业性演出经营活动)
  {
    agency: 'hy-whzf',
    field: '文化市场',
    code: '文市-演出-01',
    violation: '未经批准举办营业性演出',
    legalBasis: `${YAN_CHU}第十三条、第十五条`,
    // "责令停止演出，没收违法所得，并处违法所得8倍以上10倍以下的罚款；没有违法所得或者违法所得不足1万元的，
    // 并处5万元以上10万元以下的罚款；情节严重的，由原发证机关吊销营业性演出许可证"
    penaltyBasis: `${YAN_CHU}第四十四条第一款`,
    levels: [
      level('一般', '首次违法，演出1场，未造成不良社会影响', ['confiscate-gains', 'fine'], [50000, 70000], [8, 9, 10000], '责令停止演出'),
      level('较重', '演出2场以上，或者观众人数较多', ['confiscate-gains', 'fine'], [70000, 100000], [9, 10, 10000], '责令停止演出'),
      level('严重', '演出含有禁止内容，或者造成恶劣社会影响，或者一年内再次违法', ['confiscate-gains', 'fine', 'revoke-licence'], [90000, 100000], [10, 10, 10000], '责令停止演出；情节严重的，由原发证机关吊销营业性演出许可证'),
    ],
  },
  {
    agency: 'hy-whzf',
    field: '文化市场',
    code: '文市-演出-02',
    violation: '演出场所经营单位为未经批准的营业性演出提供场地',
    legalBasis: `${YAN_CHU}第四十四条第三款`,
    // "责令改正，没收违法所得，并处违法所得3倍以上5倍以下的罚款；没有违法所得或者违法所得不足1万元的，并处3万元以上5万元以下的罚款"
    penaltyBasis: `${YAN_CHU}第四十四条第三款`,
    levels: [
      level('一般', '首次违法，提供场地1场', ['confiscate-gains', 'fine'], [30000, 40000], [3, 4, 10000]),
      level('较重', '提供场地2场以上，或者一年内再次违法', ['confiscate-gains', 'fine'], [40000, 50000], [4, 5, 10000]),
    ],
  },

  // ---- 文物 (2024 revision; article numbers unconfirmed, see above)
  {
    agency: 'hy-wwj',
    field: '文物',
    code: '文物-建设-01',
    violation: '擅自在文物保护单位的保护范围内进行文物保护工程以外的其他建设工程或者爆破、钻探、挖掘等作业',
    legalBasis: `${WEN_WU}关于文物保护单位保护范围的规定${UNCHECKED}`,
    penaltyBasis: `${WEN_WU}第八十三条${UNCHECKED}`,
    levels: [
      level('一般', '未造成文物损坏或者其他严重后果', ['warning'], null, null, '责令改正'),
      level('较重（单位）', '造成文物损坏或者其他严重后果，当事人为单位', ['warning', 'fine'], [500000, 5000000], null, '责令承担相关文物修缮和复原费用；降低资质等级由原发证机关决定'),
      level('较重（个人）', '造成文物损坏或者其他严重后果，当事人为个人', ['warning', 'fine'], [50000, 500000], null, '责令承担相关文物修缮和复原费用'),
      level('严重（单位）', '情节严重，当事人为单位', ['warning', 'fine'], [5000000, 10000000], null, '吊销资质证书由原发证机关决定'),
    ],
  },
  {
    agency: 'hy-wwj',
    field: '文物',
    code: '文物-修缮-01',
    violation: '擅自修缮不可移动文物，明显改变文物原状',
    legalBasis: `${WEN_WU}关于不可移动文物修缮的规定${UNCHECKED}`,
    penaltyBasis: `${WEN_WU}第八十三条${UNCHECKED}`,
    levels: [
      level('一般', '未造成文物损坏或者其他严重后果', ['warning'], null, null, '责令改正'),
      level('较重（单位）', '造成文物损坏或者其他严重后果，当事人为单位', ['warning', 'fine'], [500000, 5000000], null, '责令承担相关文物修缮和复原费用'),
      level('较重（个人）', '造成文物损坏或者其他严重后果，当事人为个人', ['warning', 'fine'], [50000, 500000], null, '责令承担相关文物修缮和复原费用'),
    ],
  },
];

/** Seeds the demo tables through the append path; `agencies` maps demo agency codes to ids. */
export async function seedDemoBenchmarks(ctx: Ctx, agencies: ReadonlyMap<string, string>): Promise<number> {
  for (const { agency, ...entry } of DEMO_BENCHMARKS) {
    const agencyId = agencies.get(agency);
    if (!agencyId) throw new Error(`demo agency missing: ${agency}`);
    await createBenchmark(ctx, null, { ...entry, agencyId });
  }
  return DEMO_BENCHMARKS.length;
}
