/**
 * 重大执法决定法制审核目录 — an agency's review catalog, kept through the ledger
 * (`review-rule.added / changed / retired` in the agency's log, subject = the rule id) and read
 * from its projection. The case module asks `catalogMatches` which rules a proposal matches on
 * its date; the catalog in force on any past day can be read back (`catalogInForce`).
 */
import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.ts';
import { checkVersion } from '../../kernel/concurrency.ts';
import { chinaDate } from '../../kernel/dates.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { throwIf } from '../../kernel/refusal.ts';
import type { CaseRecord, CaseStatus } from '../../shared/cases.ts';
import type {
  CatalogPreview,
  CatalogPreviewCase,
  CatalogRule,
  CatalogRuleChange,
  CatalogRuleDetail,
  CatalogRuleRetirement,
  CatalogRuleSpec,
  CatalogRuleVersion,
  NewCatalogRule,
} from '../../shared/review-catalog.ts';
import type { Db, Engine, Tx } from '../../store/db.ts';
import type { Principal } from '../identity/access.policy.ts';
import { agenciesVisible, requireAccess } from '../identity/access.service.ts';
import { CATALOG_RULE_KIND_LABELS } from '../../shared/review-catalog.ts';
import {
  describeRule,
  evaluateCatalog,
  factsOfCase,
  inForceOn,
  isIsoDate,
  matchRule,
  mayAdd,
  mayChange,
  mayRetire,
  normaliseRule,
  proposalOf,
  ruleLabel,
  ruleProblems,
  type CatalogEntry,
  type CatalogFacts,
  type CatalogMatch,
} from './catalog.rules.ts';
import type { ReviewRuleAdded, ReviewRuleChanged, ReviewRuleRetired } from './catalog.projections.ts';
import type { ReviewRulesTable, ReviewRuleVersionsTable } from './review.tables.ts';

export type { CatalogFacts, CatalogMatch } from './catalog.rules.ts';
export type { CatalogPreview, CatalogRule, CatalogRuleChange, CatalogRuleDetail, CatalogRuleRetirement, NewCatalogRule } from '../../shared/review-catalog.ts';

// ---- for the case module --------------------------------------------------------------------

/** The versions of the agency's catalog in force on `on` (YYYY-MM-DD), in the order the rules were added. */
export async function catalogInForce(db: Db | Tx, agencyId: string, on: string): Promise<CatalogEntry[]> {
  const rows = await db
    .selectFrom('review_rule_versions as v')
    .innerJoin('review_rules as r', 'r.id', 'v.rule_id')
    .select(['v.rule_id', 'v.version', 'v.params', 'v.label', 'v.effective_from', 'v.effective_to'])
    .where('r.agency_id', '=', agencyId)
    .where('v.effective_from', '<=', on)
    .where((eb) => eb.or([eb('v.effective_to', 'is', null), eb('v.effective_to', '>', on)]))
    .orderBy('r.added_seq')
    .execute();
  return rows.map((v) => ({
    ruleId: v.rule_id,
    version: Number(v.version),
    rule: JSON.parse(v.params) as CatalogRuleSpec,
    label: v.label,
    effectiveFrom: v.effective_from,
    effectiveTo: v.effective_to,
  }));
}

/**
 * 《行政处罚法》第五十八条: the rules of the agency's catalog, as in force on the proposal date
 * `on`, that the proposal's facts match. Empty: the proposal needs no legal review by the catalog.
 */
export async function catalogMatches(db: Db | Tx, agencyId: string, facts: CatalogFacts, on: string): Promise<CatalogMatch[]> {
  return evaluateCatalog(await catalogInForce(db, agencyId, on), facts, on);
}

// ---- reading --------------------------------------------------------------------------------

export interface CatalogFilter {
  agencyId?: string;
  /** Only the rules in force on this date, each with that day's version (the catalog as it stood). */
  on?: string;
}

/**
 * The catalog. With `on`: the rules in force that day (the catalog as it stood, or will stand);
 * without: every rule of the agencies the principal may read, retired and scheduled ones too,
 * each with the version in force today (inForce null: not in force today).
 */
export async function listCatalog(ctx: Ctx, p: Principal, filter: CatalogFilter = {}): Promise<CatalogRule[]> {
  const on = filter.on ?? chinaDate(ctx.clock);
  if (!isIsoDate(on)) throw new DomainError('validation-failed', '日期应为 YYYY-MM-DD 格式', 400, { field: 'on' });
  const visible = await agenciesVisible(ctx.db, p, 'review.catalog.read');
  let q = ctx.db.selectFrom('review_rules').selectAll().orderBy('agency_id').orderBy('added_seq');
  if (filter.agencyId) {
    if (visible !== 'all' && !visible.has(filter.agencyId)) return [];
    q = q.where('agency_id', '=', filter.agencyId);
  } else if (visible !== 'all') {
    if (visible.size === 0) return [];
    q = q.where('agency_id', 'in', [...visible]);
  }
  const rules = await q.execute();
  const versions = await versionsOf(ctx.db, rules.map((r) => r.id));
  const out = rules.map((r) => toRule(r, versions.get(r.id) ?? [], on));
  return filter.on ? out.filter((r) => r.inForce !== null) : out;
}

/** One rule with every version; `inForce` is the version of `on` (today when absent). */
export async function getCatalogRule(ctx: Ctx, p: Principal, id: string, on?: string): Promise<CatalogRuleDetail> {
  const rule = await loadCatalogRule(ctx.db, id, on ?? chinaDate(ctx.clock));
  await requireAccess(ctx.db, p, 'review.catalog.read', rule.agencyId);
  return rule;
}

/** The rule as stored, with no access check. */
export async function loadCatalogRule(db: Db | Tx, id: string, on: string): Promise<CatalogRuleDetail> {
  const row = await db.selectFrom('review_rules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('目录规则', id);
  const versions = (await versionsOf(db, [id])).get(id) ?? [];
  return { ...toRule(row, versions, on), versions };
}

// ---- writing --------------------------------------------------------------------------------

export interface AddOptions {
  /**
   * Records a catalog an agency adopted earlier (the demo seed, a first load of a paper
   * catalog): the effective date may be in the past. Nothing is in the catalog before it, so no
   * day's catalog is rewritten. Never offered through the API.
   */
  initialLoad?: boolean;
}

/** Adds a rule to the agency's catalog, in force from `effectiveFrom` (today or later). */
export async function addCatalogRule(ctx: Ctx, p: Principal | null, input: NewCatalogRule, options: AddOptions = {}): Promise<CatalogRuleDetail> {
  const id = newId();
  await ctx.db.transaction().execute((trx) => addCatalogRuleIn(ctx, trx, p, id, input, options));
  return loadCatalogRule(ctx.db, id, chinaDate(ctx.clock));
}

export async function addCatalogRuleIn(ctx: Ctx, trx: Tx, p: Principal | null, id: string, input: NewCatalogRule, options: AddOptions = {}): Promise<void> {
  if (p) await requireAccess(trx, p, 'review.catalog.manage', input.agencyId);
  const agency = await trx.selectFrom('agencies').select('id').where('id', '=', input.agencyId).executeTakeFirst();
  if (!agency) throw new DomainError('not-found', `机构不存在：${input.agencyId}`, 404, { field: 'agencyId' });
  const rule = validRule(input.rule, input.label);
  const reason = requireReason(input.reason, '新增目录规则');
  if (!options.initialLoad) throwIf(mayAdd(input.effectiveFrom, chinaDate(ctx.clock)), 400);
  else if (!isIsoDate(input.effectiveFrom)) throw new DomainError('validation-failed', '生效日期应为 YYYY-MM-DD 格式的日期', 400, { field: 'effectiveFrom' });
  const data: ReviewRuleAdded = { id, agencyId: input.agencyId, rule, label: ruleLabel(rule, input.label), effectiveFrom: input.effectiveFrom, reason };
  await ctx.ledger.append(trx, { log: input.agencyId, actor: p?.id ?? 'system', type: 'review-rule.added', subject: id, data: { ...data } });
}

/**
 * A new version of a rule from `effectiveFrom` (today or later); the version before it ends
 * there. Earlier days keep the version they had. The kind of a rule never changes.
 */
export async function changeCatalogRule(ctx: Ctx, p: Principal | null, id: string, expectedVersion: number | undefined, change: CatalogRuleChange): Promise<CatalogRuleDetail> {
  const today = chinaDate(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    await lockRule(trx, ctx.engine, id);
    const current = await loadCatalogRule(trx, id, today);
    if (p) await requireAccess(trx, p, 'review.catalog.manage', current.agencyId);
    checkVersion(expectedVersion, current, current);
    if (current.status === 'retired') throw new DomainError('review-rule-retired', '该目录规则已废止，不能修改', 409, { status: current.status });
    if (change.rule.kind !== current.kind) {
      throw new DomainError('review-rule-kind-fixed', '目录规则的类型不能修改；如需改变类型，请废止本规则后另行新增', 400, { field: 'rule.kind', kind: current.kind });
    }
    const rule = validRule(change.rule, change.label);
    const reason = requireReason(change.reason, '修改目录规则');
    throwIf(mayChange(current.latest, change.effectiveFrom, today), 400);
    const label = ruleLabel(rule, change.label);
    if (JSON.stringify(normaliseRule(current.latest.rule)) === JSON.stringify(rule) && label === current.latest.label) {
      throw new DomainError('validation-failed', '新版本与现行版本内容相同，无需修改', 400, { field: 'rule' });
    }
    const data: ReviewRuleChanged = { id, version: current.currentVersion + 1, rule, label, effectiveFrom: change.effectiveFrom, reason };
    await ctx.ledger.append(trx, { log: current.agencyId, actor: p?.id ?? 'system', type: 'review-rule.changed', subject: id, data: { ...data } });
  });
  return loadCatalogRule(ctx.db, id, today);
}

/** 废止: the rule applies up to the day before `effectiveTo` (today or later); it stays on record. */
export async function retireCatalogRule(ctx: Ctx, p: Principal | null, id: string, expectedVersion: number | undefined, input: CatalogRuleRetirement): Promise<CatalogRuleDetail> {
  const today = chinaDate(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    await lockRule(trx, ctx.engine, id);
    const current = await loadCatalogRule(trx, id, today);
    if (p) await requireAccess(trx, p, 'review.catalog.manage', current.agencyId);
    checkVersion(expectedVersion, current, current);
    if (current.status === 'retired') throw new DomainError('review-rule-retired', '该目录规则已废止', 409, { status: current.status });
    const reason = requireReason(input.reason, '废止目录规则');
    throwIf(mayRetire(current.latest, input.effectiveTo, today), 400);
    const data: ReviewRuleRetired = { id, version: current.currentVersion, effectiveTo: input.effectiveTo, reason };
    await ctx.ledger.append(trx, { log: current.agencyId, actor: p?.id ?? 'system', type: 'review-rule.retired', subject: id, data: { ...data } });
  });
  return loadCatalogRule(ctx.db, id, today);
}

// ---- preview --------------------------------------------------------------------------------

/** Statuses in which a case may stand on a proposal (a report, a notice or a decision). */
const PROPOSAL_STATUSES: CaseStatus[] = ['investigation-closed', 'notified', 'decided', 'served', 'closed', 'archived'];
export const PREVIEW_CASES = 20;
const PAGE = 100;

/**
 * "这条规则会命中最近 20 件案件中的哪些？" — the agency's most recent cases with a proposal, and for
 * each whether the unsaved rule would have caught its proposal (as if in force on its date).
 */
export async function previewCatalogRule(ctx: Ctx, p: Principal, agencyId: string, input: CatalogRuleSpec): Promise<CatalogPreview> {
  await requireAccess(ctx.db, p, 'review.catalog.manage', agencyId);
  // The preview shows case facts: the same reach as reading the cases.
  await requireAccess(ctx.db, p, 'case.read', agencyId);
  const rule = validRule(input, null);
  const cases: CatalogPreviewCase[] = [];
  let after: { created_at: string; id: string } | null = null;
  while (cases.length < PREVIEW_CASES) {
    let q = ctx.db
      .selectFrom('cases')
      .select(['id', 'case_no', 'cause', 'party_name', 'status', 'procedure', 'field', 'record', 'created_at'])
      .where('agency_id', '=', agencyId)
      .where('status', 'in', PROPOSAL_STATUSES)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PAGE);
    if (after) {
      const { created_at, id } = after;
      q = q.where((eb) => eb.or([eb('created_at', '<', created_at), eb.and([eb('created_at', '=', created_at), eb('id', '<', id)])]));
    }
    const rows = await q.execute();
    for (const row of rows) {
      const record = JSON.parse(row.record) as CaseRecord;
      const proposal = proposalOf(record);
      if (!proposal) continue;
      const facts = factsOfCase(record, proposal.penalty, record.majorFlags ?? []);
      cases.push({
        caseId: row.id,
        caseNo: row.case_no,
        cause: row.cause,
        partyName: row.party_name,
        partyKind: facts.partyKind,
        status: row.status as CaseStatus,
        procedure: row.procedure,
        field: row.field,
        proposedOn: proposal.on,
        penalty: proposal.penalty,
        hearingHeld: facts.hearingHeld,
        matched: matchRule(rule, facts),
      });
      if (cases.length === PREVIEW_CASES) break;
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    after = { created_at: last.created_at, id: last.id };
  }
  return {
    cases,
    matchedCount: cases.filter((c) => c.matched !== null).length,
    note: rule.kind === 'manual-flag' ? '人工标记由承办机构在调查终结或事先告知时标记；预览按案件已有的标记判断' : null,
  };
}

// ---- helpers --------------------------------------------------------------------------------

function requireReason(reason: string | null | undefined, what: string): string {
  const r = reason?.trim();
  if (!r) throw new DomainError('reason-required', `${what}须填写原因（目录对外公布，每次变更都记入记录）`, 400, { field: 'reason' });
  return r;
}

function validRule(rule: CatalogRuleSpec, label: string | null | undefined): CatalogRuleSpec {
  const problems = ruleProblems(rule, label);
  if (problems.length > 0) {
    throw new DomainError('review-rule-invalid', `目录规则有 ${problems.length} 处不符合要求：${problems.map((x) => x.message).join('；')}`, 400, { fields: problems });
  }
  return normaliseRule(rule);
}

/** Locks the rule's row so the version check that follows is not raced (PostgreSQL; SQLite has one writer). */
async function lockRule(trx: Tx, engine: Engine, id: string): Promise<void> {
  if (engine !== 'postgres') return;
  await trx.selectFrom('review_rules').select('id').where('id', '=', id).forUpdate().execute();
}

/** Every version of the given rules, oldest first, with the recording user's name. */
async function versionsOf(db: Db | Tx, ruleIds: string[]): Promise<Map<string, CatalogRuleVersion[]>> {
  const out = new Map<string, CatalogRuleVersion[]>();
  if (ruleIds.length === 0) return out;
  const rows: ReviewRuleVersionsTable[] = [];
  // Bounded IN lists (PostgreSQL and SQLite both cap bound parameters).
  for (let i = 0; i < ruleIds.length; i += 500) {
    rows.push(...(await db.selectFrom('review_rule_versions').selectAll().where('rule_id', 'in', ruleIds.slice(i, i + 500)).orderBy('rule_id').orderBy('version').execute()));
  }
  const actorIds = [...new Set(rows.map((r) => r.recorded_by).filter((a) => a !== 'system'))];
  const names = new Map<string, string>();
  if (actorIds.length > 0) {
    for (const u of await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', actorIds).execute()) names.set(u.id, u.display_name);
  }
  for (const r of rows) {
    const list = out.get(r.rule_id) ?? [];
    list.push({
      version: Number(r.version),
      rule: JSON.parse(r.params) as CatalogRuleSpec,
      label: r.label,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
      reason: r.reason,
      recordedAt: r.recorded_at,
      recordedBy: { id: r.recorded_by, name: r.recorded_by === 'system' ? '系统' : (names.get(r.recorded_by) ?? r.recorded_by) },
    });
    out.set(r.rule_id, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.version - b.version);
  return out;
}

function toRule(r: ReviewRulesTable, versions: CatalogRuleVersion[], on: string): CatalogRule {
  const latest = versions.find((v) => v.version === Number(r.current_version)) ?? versions[versions.length - 1];
  if (!latest) throw new Error(`review rule ${r.id} has no versions`);
  return {
    id: r.id,
    agencyId: r.agency_id,
    kind: r.kind as CatalogRule['kind'],
    status: r.status,
    version: Number(r.version),
    currentVersion: Number(r.current_version),
    inForce: versions.find((v) => inForceOn(v, on)) ?? null,
    latest,
    retiredReason: r.retired_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// ---- Excel ----------------------------------------------------------------------------------

/** The columns of the exported 目录清单. */
export const CATALOG_COLUMNS = ['序号', '规则名称', '类型', '审核标准', '生效日期', '失效日期', '版本', '状态', '最近变更原因'] as const;

/** 重大执法决定法制审核目录清单 in force on `on`, as a spreadsheet (for publication and circulation). */
export async function exportCatalog(ctx: Ctx, p: Principal, agencyId: string, on?: string): Promise<Buffer> {
  await requireAccess(ctx.db, p, 'review.catalog.read', agencyId);
  const day = on ?? chinaDate(ctx.clock);
  const rules = await listCatalog(ctx, p, { agencyId, on: day });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('法制审核目录');
  ws.addRow([`重大执法决定法制审核目录清单（${day} 施行）`]);
  ws.addRow([...CATALOG_COLUMNS]).font = { bold: true };
  const widths = [6, 36, 18, 44, 12, 12, 6, 8, 30];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  rules.forEach((r, i) => {
    const v = r.inForce!;
    ws.addRow([i + 1, v.label, CATALOG_RULE_KIND_LABELS[r.kind].zh, describeRule(v.rule), v.effectiveFrom, v.effectiveTo ?? '', v.version, r.status === 'active' ? '有效' : '已废止（至失效日期）', v.reason]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
