import type { Ctx } from '../context.ts';
import { countEvents } from '../ledger/ledger.ts';
import { createAgency, createUnit } from '../modules/identity/agencies.service.ts';
import { changeCertificate, registerOfficer } from '../modules/identity/officers.service.ts';
import { createUser } from '../modules/identity/users.service.ts';
import { seedDemoCases } from '../modules/cases/cases.seed.ts';
import { seedDemoPublications } from '../modules/publicity/publications.seed.ts';
import { seedDemoBenchmarks } from '../modules/cases/benchmarks.seed.ts';
import { seedDemoCatalog } from '../modules/review/catalog.seed.ts';
import { seedDemoDisclosures } from '../modules/publicity/disclosures.seed.ts';
import type { Role } from '../shared/roles.ts';

/**
 * The seed's bureau (衡文体发〔2017〕34号): the 文体广新局 licenses and, through its 法规科,
 * oversees its two enforcement agencies, which each answer for their own penalties; an
 * unrelated 市场监督管理局 proves that agencies do not see each other's data.
 */
export const DEMO_AGENCIES = [
  { code: 'hy-wtgx', short: 'wtgx', name: '衡阳市文体广电新闻出版局', parent: null, units: ['行政审批科', '法规科', '办公室'] },
  { code: 'hy-whzf', short: 'whzf', name: '衡阳市文化市场综合执法局', parent: 'hy-wtgx', units: ['执法一科', '执法二科', '法制科'] },
  { code: 'hy-wwj', short: 'wwj', name: '衡阳市文物局', parent: 'hy-wtgx', units: ['文物保护科', '法制科'] },
  { code: 'hy-scjg', short: 'scjg', name: '衡阳市市场监督管理局', parent: null, units: ['执法稽查科', '法规科'] },
] as const;

/** Every demo account's password (listed in the README; demo mode only). */
export const DEMO_PASSWORD = 'Demo@2026';

type AgencyCode = (typeof DEMO_AGENCIES)[number]['code'];

interface DemoUser {
  username: string;
  name: string;
  role: Role;
  agency: AgencyCode | null;
  unit?: string;
  legal?: string;
}

/** One account per role in every agency where the role makes sense. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', name: '平台管理员', role: 'platform-admin', agency: null },
  ...DEMO_AGENCIES.flatMap((a): DemoUser[] => [
    { username: `${a.short}-admin`, name: `${a.short}机构管理员`, role: 'agency-admin', agency: a.code },
    { username: `${a.short}-head`, name: `${a.short}机关负责人`, role: 'agency-head', agency: a.code },
    { username: `${a.short}-unithead`, name: `${a.short}科室负责人`, role: 'unit-head', agency: a.code, unit: a.units[0] },
    { username: `${a.short}-publicity`, name: `${a.short}公示审核员`, role: 'publicity-editor', agency: a.code },
  ]),
  { username: 'wtgx-legalhead', name: '法规科负责人', role: 'legal-review-head', agency: 'hy-wtgx', unit: '法规科' },
  { username: 'wtgx-supervisor', name: '执法监督员', role: 'supervisor', agency: 'hy-wtgx' },
  { username: 'whzf-legalhead', name: '李法制', role: 'legal-review-head', agency: 'hy-whzf', unit: '法制科' },
  { username: 'whzf-reviewer1', name: '王审核', role: 'legal-reviewer', agency: 'hy-whzf', unit: '法制科', legal: 'A20184301001234' },
  { username: 'whzf-reviewer2', name: '赵审核', role: 'legal-reviewer', agency: 'hy-whzf', unit: '法制科', legal: 'A20194301005678' },
  { username: 'whzf-adviser', name: '周律师', role: 'legal-adviser', agency: 'hy-whzf' },
  // A second 公示审核员: whoever drafts a publicity item never approves it.
  { username: 'whzf-publicity2', name: '钱公示', role: 'publicity-editor', agency: 'hy-whzf' },
  { username: 'wwj-legalhead', name: '陈法制', role: 'legal-review-head', agency: 'hy-wwj', unit: '法制科' },
  { username: 'wwj-reviewer1', name: '孙审核', role: 'legal-reviewer', agency: 'hy-wwj', unit: '法制科', legal: 'A20174301002468' },
  { username: 'wwj-reviewer2', name: '吴审核', role: 'legal-reviewer', agency: 'hy-wwj', unit: '法制科', legal: 'A20204301003579' },
  { username: 'scjg-officer1', name: '郑市监', role: 'officer', agency: 'hy-scjg', unit: '执法稽查科' },
];

interface DemoOfficer {
  agency: AgencyCode;
  unit: string;
  name: string;
  post: string;
  cert: string | null;
  fields: string[];
  from?: string;
  to?: string;
  auxiliary?: boolean;
  /** Give the officer a login of their own. */
  username?: string;
  suspended?: string;
}

/** Ten and more officers across the two enforcement agencies: one expired, one suspended, one auxiliary. */
export const DEMO_OFFICERS: DemoOfficer[] = [
  { agency: 'hy-whzf', unit: '执法一科', name: '刘建国', post: '科长', cert: '43040120001', fields: ['文化市场', '新闻出版'], from: '2024-01-01', to: '2028-12-31', username: 'whzf-officer1' },
  { agency: 'hy-whzf', unit: '执法一科', name: '张晓明', post: '科员', cert: '43040120002', fields: ['文化市场'], from: '2024-01-01', to: '2028-12-31', username: 'whzf-officer2' },
  { agency: 'hy-whzf', unit: '执法一科', name: '黄丽华', post: '科员', cert: '43040120003', fields: ['文化市场', '旅游'], from: '2023-06-01', to: '2027-05-31' },
  { agency: 'hy-whzf', unit: '执法二科', name: '周志强', post: '科长', cert: '43040120004', fields: ['文化市场', '广播电视'], from: '2024-03-01', to: '2029-02-28', username: 'whzf-officer3' },
  { agency: 'hy-whzf', unit: '执法二科', name: '吴海燕', post: '科员', cert: '43040120005', fields: ['文化市场'], from: '2021-01-01', to: '2025-12-31' },
  { agency: 'hy-whzf', unit: '执法二科', name: '郑伟', post: '科员', cert: '43040120006', fields: ['文化市场'], from: '2024-01-01', to: '2028-12-31', suspended: '涉嫌违规执法，暂扣执法证接受调查' },
  { agency: 'hy-whzf', unit: '执法二科', name: '钱小芳', post: '协管员', cert: null, fields: [], auxiliary: true },
  { agency: 'hy-wwj', unit: '文物保护科', name: '孙文博', post: '科长', cert: '43040130001', fields: ['文物'], from: '2024-01-01', to: '2028-12-31', username: 'wwj-officer1' },
  { agency: 'hy-wwj', unit: '文物保护科', name: '李古今', post: '科员', cert: '43040130002', fields: ['文物'], from: '2024-01-01', to: '2028-12-31', username: 'wwj-officer2' },
  { agency: 'hy-wwj', unit: '文物保护科', name: '何思远', post: '科员', cert: '43040130003', fields: ['文物', '旅游'], from: '2025-01-01', to: '2029-12-31' },
  { agency: 'hy-wwj', unit: '法制科', name: '冯若兰', post: '科员', cert: '43040130004', fields: ['文物'], from: '2022-07-01', to: '2026-06-30' },
];

export interface SeedResult {
  seeded: boolean;
  reason?: string;
  agencies: number;
  users: number;
  officers: number;
  cases?: number;
}

/**
 * Seeds the demo bureau into an empty platform (no agency yet), through the append path.
 * `cases` adds demo penalty cases at every stage (for `npm start`; tests make their own).
 */
export async function seedDemo(ctx: Ctx, options: { cases?: boolean } = {}): Promise<SeedResult> {
  // Empty means nothing but the platform's own first event: not even a first admin made with
  // `sanxiang user create`, whose platform must never get demo accounts.
  if ((await countEvents(ctx.db)) > 1) return { seeded: false, reason: '数据库不是空的，不再写入演示数据', agencies: 0, users: 0, officers: 0 };
  const agencies = new Map<string, string>();
  const units = new Map<string, string>();
  for (const a of DEMO_AGENCIES) {
    const agency = await createAgency(ctx, null, { code: a.code, name: a.name, parentId: a.parent ? (agencies.get(a.parent) ?? null) : null });
    agencies.set(a.code, agency.id);
    for (const unit of a.units) units.set(`${a.code}/${unit}`, (await createUnit(ctx, null, agency.id, { name: unit })).id);
  }
  const userIds = new Map<string, string>();
  const officerUsers: DemoUser[] = DEMO_OFFICERS.filter((o) => o.username).map((o) => ({ username: o.username!, name: o.name, role: 'officer', agency: o.agency, unit: o.unit }));
  for (const u of [...DEMO_USERS, ...officerUsers]) {
    const agencyId = u.agency ? agencies.get(u.agency)! : null;
    const created = await createUser(ctx, null, {
      username: u.username,
      displayName: u.name,
      password: DEMO_PASSWORD,
      legalQualificationNo: u.legal ?? null,
      roles: [{ role: u.role, agencyId, unitId: u.unit && u.agency ? (units.get(`${u.agency}/${u.unit}`) ?? null) : null }],
    });
    userIds.set(u.username, created.id);
  }
  for (const o of DEMO_OFFICERS) {
    const officer = await registerOfficer(ctx, null, {
      agencyId: agencies.get(o.agency)!,
      unitId: units.get(`${o.agency}/${o.unit}`) ?? null,
      userId: o.username ? (userIds.get(o.username) ?? null) : null,
      name: o.name,
      post: o.post,
      certificateNo: o.cert,
      issuingAuthority: o.cert ? '衡阳市人民政府' : null,
      fields: o.fields,
      validFrom: o.from ?? null,
      validTo: o.to ?? null,
      auxiliary: o.auxiliary ?? false,
    });
    if (o.suspended) await changeCertificate(ctx, null, officer.id, officer.version, 'suspend', { reason: o.suspended });
  }
  await seedDemoBenchmarks(ctx, agencies);
  await seedDemoCatalog(ctx, agencies);
  await seedDemoDisclosures(ctx, agencies);
  const cases = options.cases ? await seedDemoCases(ctx, agencies) : 0;
  // 事后公开: ≥ 30 decisions walked to 决定 and published (the portal is alive on first start).
  if (options.cases) await seedDemoPublications(ctx, agencies);
  return { seeded: true, cases, agencies: DEMO_AGENCIES.length, users: userIds.size, officers: DEMO_OFFICERS.length };
}
