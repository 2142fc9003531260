/**
 * The demo agencies' 重大执法决定法制审核目录, following the defaults of rules.md E: every
 * penalty that carries a hearing right (《行政处罚法》第六十三条: 较大数额罚款 or 没收, 降低资质等级,
 * 吊销许可证件, 责令停产停业, 责令关闭, 限制从业 — the amounts are DEFAULT_CASE_SETTINGS'), every
 * decision made after a hearing (118号 item 十二), the three cases marked by hand (第五十八条:
 * 重大公共利益; 情节复杂、涉及多个法律关系; 118号: 可能引发社会风险), and for the 文物局 every
 * cultural-relics case. 衡阳市文化市场综合执法局 also keeps the amount of the case module's
 * built-in gate (a fine of ¥10,000 for anyone), so its cases need review exactly as before.
 *
 * The catalog is recorded as adopted on DEMO_CATALOG_FROM (a first load: the only way a rule gets
 * a date in the past), so demo cases proposed before the seed ran are measured against it too.
 */
import type { Ctx } from '../../context.ts';
import { chinaDate } from '../../kernel/dates.ts';
import type { CatalogRuleSpec } from '../../shared/review-catalog.ts';
import { formatYuan } from '../cases/benchmarks.rules.ts';
import { DEFAULT_CASE_SETTINGS } from '../cases/cases.rules.ts';
import { addCatalogRule } from './catalog.service.ts';

export const DEMO_CATALOG_FROM = '2024-01-01';
const ADOPTED = '依据《行政处罚法》第五十八条和国办发〔2018〕118号，经机关负责人集体讨论通过的重大执法决定法制审核目录清单';

interface DemoRule {
  agencies: readonly ('hy-whzf' | 'hy-wwj')[];
  rule: CatalogRuleSpec;
  label: string;
}

const BOTH = ['hy-whzf', 'hy-wwj'] as const;
const S = DEFAULT_CASE_SETTINGS;
/** The enforcement bureau's own line: every fine of ¥10,000 or more is reviewed, whoever the party. */
const BUREAU_REVIEW_FINE_FEN = 1_000_000;

export const DEMO_CATALOG: DemoRule[] = [
  {
    agencies: BOTH,
    rule: { kind: 'fine-at-least', person: S.hearingFineFen.person, organisation: S.hearingFineFen.organisation },
    label: '较大数额罚款（《行政处罚法》第六十三条第一款第一项）',
  },
  {
    agencies: BOTH,
    rule: { kind: 'confiscation-at-least', person: S.hearingConfiscationFen.person, organisation: S.hearingConfiscationFen.organisation },
    label: '没收较大数额违法所得、较大价值非法财物（《行政处罚法》第六十三条第一款第二项）',
  },
  {
    agencies: BOTH,
    rule: { kind: 'penalty-kind', kinds: ['lower-qualification', 'revoke-licence', 'suspend-business', 'close', 'restrict-practice'] },
    label: '降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业（《行政处罚法》第六十三条第一款第三、四项）',
  },
  { agencies: BOTH, rule: { kind: 'after-hearing' }, label: '经过听证程序作出的行政执法决定（国办发〔2018〕118号第十二项）' },
  { agencies: BOTH, rule: { kind: 'manual-flag', flag: '重大公共利益' }, label: '涉及重大公共利益的（《行政处罚法》第五十八条第一款第一项）' },
  { agencies: BOTH, rule: { kind: 'manual-flag', flag: '情节复杂、涉及多个法律关系' }, label: '案件情况疑难复杂、涉及多个法律关系的（《行政处罚法》第五十八条第一款第三项）' },
  { agencies: BOTH, rule: { kind: 'manual-flag', flag: '可能引发社会风险' }, label: '可能造成重大社会影响或引发社会风险的（国办发〔2018〕118号第十二项）' },
  { agencies: ['hy-wwj'], rule: { kind: 'field', field: '文物' }, label: '文物行政处罚案件' },
  {
    agencies: ['hy-whzf'],
    rule: { kind: 'fine-at-least', person: BUREAU_REVIEW_FINE_FEN, organisation: BUREAU_REVIEW_FINE_FEN },
    label: `罚款${formatYuan(BUREAU_REVIEW_FINE_FEN)}以上（本局审核标准）`,
  },
];

/** Seeds the catalogs of hy-whzf and hy-wwj (agency code → id); returns the number of rules. */
export async function seedDemoCatalog(ctx: Ctx, agencies: ReadonlyMap<string, string>): Promise<number> {
  const today = chinaDate(ctx.clock);
  const from = DEMO_CATALOG_FROM < today ? DEMO_CATALOG_FROM : today;
  let n = 0;
  for (const r of DEMO_CATALOG) {
    for (const code of r.agencies) {
      const agencyId = agencies.get(code);
      if (!agencyId) continue;
      await addCatalogRule(ctx, null, { agencyId, rule: r.rule, label: r.label, effectiveFrom: from, reason: ADOPTED }, { initialLoad: true });
      n++;
    }
  }
  return n;
}
