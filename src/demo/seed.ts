import type { Ctx } from '../context.ts';
import { SYSTEM } from '../kernel/actor.ts';
import { createAgency, createUnit } from '../modules/identity/agencies.service.ts';

/**
 * The seed's bureau (衡文体发〔2017〕34号): the 文体广新局 licenses and, through its 法规科,
 * oversees its two enforcement agencies, which each answer for their own penalties; an
 * unrelated 市场监督管理局 proves that agencies do not see each other's data.
 */
export const DEMO_AGENCIES = [
  { code: 'hy-wtgx', name: '衡阳市文体广电新闻出版局', parent: null, units: ['行政审批科', '法规科', '办公室'] },
  { code: 'hy-whzf', name: '衡阳市文化市场综合执法局', parent: 'hy-wtgx', units: ['执法一科', '执法二科', '法制科'] },
  { code: 'hy-wwj', name: '衡阳市文物局', parent: 'hy-wtgx', units: ['文物保护科', '法制科'] },
  { code: 'hy-scjg', name: '衡阳市市场监督管理局', parent: null, units: ['执法稽查科', '法规科'] },
] as const;

export interface SeedResult {
  seeded: boolean;
  reason?: string;
  agencies: number;
}

/** Seeds the demo bureau into an empty platform (no agency yet), through the append path. */
export async function seedDemo(ctx: Ctx): Promise<SeedResult> {
  const existing = await ctx.db.selectFrom('agencies').select('id').limit(1).execute();
  if (existing.length > 0) return { seeded: false, reason: '数据库中已有机构，不再写入演示数据', agencies: 0 };
  const ids = new Map<string, string>();
  for (const a of DEMO_AGENCIES) {
    const agency = await createAgency(ctx, SYSTEM, {
      code: a.code,
      name: a.name,
      parentId: a.parent ? (ids.get(a.parent) ?? null) : null,
    });
    ids.set(a.code, agency.id);
    for (const unit of a.units) await createUnit(ctx, SYSTEM, agency.id, { name: unit });
  }
  return { seeded: true, agencies: DEMO_AGENCIES.length };
}
