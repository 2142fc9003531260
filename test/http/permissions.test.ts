/**
 * The permission matrix: every API route × role × scope, driven over HTTP and compared with the
 * hand-written table docs/permissions.csv (written from DESIGN.md "Agencies and roles", not from
 * the policy code). Each role acts through a user granted at hy-wtgx, so
 *   own = hy-wtgx, overseen = hy-whzf (below it in the agency tree), other = hy-scjg (unrelated).
 * Every request names an object of the target agency (reading another agency's object by id is
 * the IDOR case); list routes are "allowed" when the answer contains an object of the target
 * agency and "denied" when it contains none (a 403 or a filtered list).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { describeEachEngine, TEST_ADMIN, type TestApp } from '../harness/engines.ts';
import { loginAs } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed.ts';
import { countEvents } from '../../src/ledger/ledger.ts';
import { ROLES, type Role } from '../../src/shared/roles.ts';
import { createAgency, createUnit, getAgency } from '../../src/modules/identity/agencies.service.ts';
import { createUser, loadUser, principalOf } from '../../src/modules/identity/users.service.ts';
import { changeCertificate, registerOfficer } from '../../src/modules/identity/officers.service.ts';
import { issueToken } from '../../src/modules/identity/auth.service.ts';
import { createBenchmark } from '../../src/modules/cases/benchmarks.service.ts';
import { addCatalogRule } from '../../src/modules/review/catalog.service.ts';
import { getDocumentSettings, issueDocument } from '../../src/modules/documents/documents.service.ts';
import { getCalendarYear } from '../../src/calendar/calendar.service.ts';
import { CASE_ACTS, type CaseAct } from '../../src/shared/cases.ts';
import type { CaseActInputs } from '../../src/shared/case-inputs.ts';
import { newId } from '../../src/kernel/ids.ts';
import { DEFAULT_CASE_SETTINGS } from '../../src/modules/cases/cases.rules.ts';
import { createDisclosure } from '../../src/modules/publicity/disclosures.service.ts';
import { enqueueFeed } from '../../src/modules/publicity/feed.service.ts';
import type { PublicationEventData } from '../../src/modules/publicity/publications.rules.ts';

// ---- the hand-written table ---------------------------------------------------------------

const SCOPES = ['own', 'overseen', 'other'] as const;
type Scope = (typeof SCOPES)[number];
type Decision = 'allow' | 'deny';

const CSV_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/permissions.csv');

function readTable(): Map<string, Record<Scope, Decision>> {
  const table = new Map<string, Record<Scope, Decision>>();
  const lines = fs.readFileSync(CSV_PATH, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  assert.equal(lines[0], 'role,action,own,overseen,other', 'docs/permissions.csv header');
  for (const line of lines.slice(1)) {
    const [role, action, own, overseen, other, ...rest] = line.split(',').map((c) => c.trim());
    assert.equal(rest.length, 0, `too many columns: ${line}`);
    for (const v of [own, overseen, other]) assert.ok(v === 'allow' || v === 'deny', `allow/deny expected: ${line}`);
    const key = `${role} ${action}`;
    assert.ok(!table.has(key), `duplicate row: ${line}`);
    table.set(key, { own, overseen, other } as Record<Scope, Decision>);
  }
  return table;
}

const TABLE = readTable();
const expected = (role: Role, action: string, scope: Scope | 'any'): Decision => {
  const row = TABLE.get(`${role} ${action}`);
  if (!row) throw new Error(`docs/permissions.csv has no row for ${role} × ${action}`);
  // A route that names no agency (the blank template) is open to whoever may do the action somewhere.
  if (scope === 'any') return SCOPES.some((s) => row[s] === 'allow') ? 'allow' : 'deny';
  return row[scope];
};

// ---- what a route is, and how to probe it ---------------------------------------------------

type Headers = Record<string, string>;

/** One agency of the matrix with objects of its own to point requests at. */
interface Target {
  code: string;
  id: string;
  /** A user whose only role is in this agency. */
  userId: string;
  officerId: string;
  officerName: string;
  /** An API token issued for this agency (revoking twice is harmless). */
  tokenId: string;
  /** A penalty case (a clue) of this agency. */
  caseId: string;
  /** A document issued for that case. */
  documentId: string;
  /** A legal review (submitted) of that case. */
  reviewId: string;
}

interface Env {
  server: FastifyInstance;
  app: TestApp;
}

type Observed = { decision: Decision } | { unexpected: string };

type Probe = (env: Env, auth: Headers, t: Target, action: string) => Promise<Observed>;

type RouteEntry =
  | { kind: 'public' }
  | { kind: 'self' }
  /** scoped: probed per target agency; unscoped: names no agency (expected from any column). */
  | { kind: 'scoped' | 'unscoped'; action: string; probe: Probe };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let n = 0;
const uniq = () => `${process.pid}${++n}`;

const brief = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body.slice(0, 300)}`;

/** 2xx → allow; 403 forbidden for this action → deny; anything else is a broken probe or a bug. */
function classify(res: LightMyRequestResponse, action: string): Observed {
  if (res.statusCode >= 200 && res.statusCode < 300) return { decision: 'allow' };
  if (res.statusCode === 403) {
    const body = res.json();
    if (body.code === 'forbidden' && body.details?.action === action) return { decision: 'deny' };
    return { unexpected: `403 but not a refusal of ${action}: ${brief(res)}` };
  }
  return { unexpected: brief(res) };
}

const inject = (env: Env, auth: Headers, opts: InjectOptions) => env.server.inject({ ...opts, headers: { ...auth, ...(opts.headers as Headers | undefined) } });

/** A request about one object: allowed or refused. */
const request =
  (build: (env: Env, t: Target) => Promise<InjectOptions> | InjectOptions): Probe =>
  async (env, auth, t, action) =>
    classify(await inject(env, auth, await build(env, t)), action);

/**
 * A list: allowed when some answer holds an object of the target agency, denied when none does;
 * every URL (filtered by agencyId, unfiltered) must agree.
 */
const list =
  (urls: (t: Target) => string[], holds: (item: any, t: Target) => boolean): Probe =>
  async (env, auth, t, action) => {
    const seen: string[] = [];
    for (const url of urls(t)) {
      const res = await inject(env, auth, { method: 'GET', url });
      const c = classify(res, action);
      if ('unexpected' in c) return c;
      const decision = c.decision === 'deny' ? 'deny' : (res.json() as unknown[]).some((i) => holds(i, t)) ? 'allow' : 'deny';
      seen.push(`${url} → ${decision}`);
    }
    const decisions = new Set(seen.map((s) => s.split(' → ')[1]));
    return decisions.size === 1 ? { decision: [...decisions][0] as Decision } : { unexpected: `the list answers disagree: ${seen.join('; ')}` };
  };

async function newOfficer(env: Env, agencyId: string, suspended = false) {
  const id = uniq();
  let o = await registerOfficer(env.app, null, {
    agencyId,
    unitId: null,
    userId: null,
    name: `权限测试${id}`,
    post: '科员',
    certificateNo: `PT-${id}`,
    issuingAuthority: '衡阳市人民政府',
    fields: ['文化市场'],
    validFrom: '2025-01-01',
    validTo: '2029-12-31',
    auxiliary: false,
  });
  if (suspended) o = await changeCertificate(env.app, null, o.id, o.version, 'suspend', { reason: '权限测试' });
  return o;
}

const newUser = (env: Env, agencyId: string) =>
  createUser(env.app, null, { username: `pt-u${uniq()}`, displayName: '权限测试用户', password: DEMO_PASSWORD, roles: [{ role: 'officer', agencyId, unitId: null }] });

async function officerSheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执法人员');
  ws.addRow(['姓名', '内设机构', '职务', '执法证号', '发证机关', '执法种类', '有效期起', '有效期止', '辅助人员', '关联用户名']);
  const id = uniq();
  ws.addRow([`导入测试${id}`, '', '科员', `PT-IMP-${id}`, '衡阳市人民政府', '文化市场', '2025-01-01', '2029-12-31', '否', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const certificateChange = (action: 'suspend' | 'reinstate' | 'revoke' | 'renew') =>
  request(async (env, t) => {
    const o = await newOfficer(env, t.id, action === 'reinstate');
    return {
      method: 'POST',
      url: `/api/officers/${o.id}/${action}`,
      headers: { 'if-match': `"${o.version}"` },
      payload: action === 'renew' ? { reason: '权限测试', validTo: '2030-12-31' } : { reason: '权限测试' },
    };
  });

// ---- penalty cases ------------------------------------------------------------------------

const P = { kinds: ['warning' as const], fineFen: null, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '警告' };
/** A valid body for every act: the probe must pass validation to reach the access decision. */
const ACT_SAMPLES: { [A in Exclude<CaseAct, 'register-clue' | 'decide-on-the-spot'>]: CaseActInputs[A] } = {
  file: { handlerIds: ['x1', 'x2'] },
  decline: { reason: '权限测试' },
  'record-inspection': { officerIds: ['x1'], place: '现场', content: '检查' },
  'record-questioning': { officerIds: ['x1'], person: '某人', content: '询问' },
  'add-evidence': { items: [{ kind: '书证', description: '证据' }] },
  'preserve-evidence': { officerIds: ['x1'], items: ['物品'] },
  'handle-preservation': { preservationId: 'x', outcome: '退还' },
  'close-investigation': { outcome: 'transfer', findings: '事实' },
  'approve-discretion': { penalty: P, reason: '理由' },
  notify: { servedOn: '2026-03-01', proposedPenalty: P, facts: '事实', reasons: '理由', basis: '依据' },
  'record-statement': { text: '陈述', adopted: false, review: '复核' },
  'request-hearing': {},
  'schedule-hearing': { date: '2026-04-01', place: '听证室', presiderUserId: 'u', noticeServedOn: '2026-03-01' },
  'record-hearing': { record: '笔录' },
  'record-discussion': { participants: ['甲', '乙', '丙'], conclusion: '同意' },
  decide: { penalty: P, basis: '依据' },
  'decide-no-penalty': { reason: '理由', basis: '依据' },
  transfer: { to: '公安机关', reason: '涉嫌犯罪' },
  serve: { method: 'direct', recipient: '当事人', officerIds: ['x1'] },
  'record-payment': { amountFen: 100 },
  'approve-deferral': { dueOn: '2026-05-01', reason: '困难' },
  'record-remedy': { kind: 'reconsideration', from: '2026-03-01' },
  'send-reminder': {},
  close: { ground: 'performed' },
  archive: {},
  'revoke-filing': { reason: '理由' },
  suspend: { reason: '理由' },
  resume: { reason: '理由' },
  extend: { days: 30, reason: '理由' },
  recuse: { officerId: 'x1', reason: '理由' },
  'report-on-the-spot': {},
};
const ACT_PERMISSION = { handler: 'case.handle', head: 'case.approve', reviewer: 'case.review' } as const;

/**
 * An act on the target's case with a stale If-Match: access is decided before the version, so
 * an allowed principal gets 409 version-mismatch (and nothing changes), a denied one 403.
 */
const caseAct =
  (act: keyof typeof ACT_SAMPLES): Probe =>
  async (env, auth, t, action) => {
    const res = await inject(env, auth, { method: 'POST', url: `/api/cases/${t.caseId}/${act}`, headers: { 'if-match': '"0"' }, payload: ACT_SAMPLES[act] });
    if (res.statusCode === 409 && res.json().code === 'version-mismatch') return { decision: 'allow' };
    return classify(res, action);
  };

/** A create that reached the law after the access check (a refusal naming an unknown officer) was allowed. */
const reachedLaw =
  (build: (t: Target) => InjectOptions): Probe =>
  async (env, auth, t, action) => {
    const res = await inject(env, auth, build(t));
    if (res.statusCode === 400 && res.json().code === 'officer-not-found') return { decision: 'allow' };
    return classify(res, action);
  };

const CASE_ROUTES: Record<string, RouteEntry> = {
  'GET /api/cases': {
    kind: 'scoped',
    action: 'case.read',
    probe: async (env, auth, t, action) => {
      const seen = new Set<Decision>();
      for (const url of [`/api/cases?agencyId=${t.id}`, '/api/cases?limit=100']) {
        const res = await inject(env, auth, { method: 'GET', url });
        const c = classify(res, action);
        if ('unexpected' in c) return c;
        seen.add(c.decision === 'deny' ? 'deny' : (res.json().items as { agencyId: string }[]).some((i) => i.agencyId === t.id) ? 'allow' : 'deny');
      }
      return seen.size === 1 ? { decision: [...seen][0]! } : { unexpected: 'the list answers disagree' };
    },
  },
  'GET /api/agencies/:id/case-settings': { kind: 'scoped', action: 'case.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/agencies/${t.id}/case-settings` })) },
  'PUT /api/agencies/:id/case-settings': {
    kind: 'scoped',
    action: 'case.approve',
    probe: async (env, auth, t, action) => {
      const res = await inject(env, auth, { method: 'PUT', url: `/api/agencies/${t.id}/case-settings`, headers: { 'if-match': '"99"' }, payload: { settings: DEFAULT_CASE_SETTINGS, reason: '权限测试' } });
      if (res.statusCode === 409 && res.json().code === 'version-mismatch') return { decision: 'allow' };
      return classify(res, action);
    },
  },
  'GET /api/cases/overdue': { kind: 'scoped', action: 'case.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/cases/overdue?agencyId=${t.id}` })) },
  'GET /api/cases/:id': { kind: 'scoped', action: 'case.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/cases/${t.caseId}` })) },
  'GET /api/cases/:id/timeline': { kind: 'scoped', action: 'case.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/cases/${t.caseId}/timeline` })) },
  'POST /api/cases': {
    kind: 'scoped',
    action: 'case.handle',
    probe: request((_e, t) => ({
      method: 'POST',
      url: '/api/cases',
      payload: { agencyId: t.id, field: '文化市场', source: 'inspection', cause: '权限测试', summary: '权限测试', parties: [{ kind: 'person', name: '某人', idNumber: null, representative: null, address: null, phone: null, minor: false }] },
    })),
  },
  'POST /api/cases/on-the-spot': {
    kind: 'scoped',
    action: 'case.handle',
    probe: reachedLaw((t) => ({
      method: 'POST',
      url: '/api/cases/on-the-spot',
      payload: {
        agencyId: t.id,
        field: '文化市场',
        cause: '权限测试',
        parties: [{ kind: 'person', name: '某人', idNumber: null, representative: null, address: null, phone: null, minor: false }],
        officerIds: ['x1', 'x2'],
        place: '现场',
        facts: '事实',
        basis: '依据',
        penalty: P,
        rightsTold: true,
        partySigned: true,
      },
    })),
  },
  ...Object.fromEntries(
    (Object.keys(ACT_SAMPLES) as (keyof typeof ACT_SAMPLES)[]).map((act) => [`POST /api/cases/:id/${act}`, { kind: 'scoped', action: ACT_PERMISSION[CASE_ACTS[act].by], probe: caseAct(act) } satisfies RouteEntry]),
  ),
};

// ---- discretion benchmarks (裁量基准) -------------------------------------------------------

/** A benchmark entry of the target agency, made by the test's own set-up (actor 'system'). */
const newBenchmark = (env: Env, agencyId: string) =>
  createBenchmark(env.app, null, {
    agencyId,
    field: '文化市场',
    code: `PT-${uniq()}`,
    violation: '权限测试违法行为',
    legalBasis: '权限测试违法依据',
    penaltyBasis: '权限测试处罚依据',
    levels: [{ name: '一般', circumstances: '权限测试', kinds: ['warning'], fine: null, gainsMultiple: null, note: null }],
  });

async function benchmarkSheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('裁量基准');
  ws.addRow(['编码', '执法领域', '违法行为', '违法依据', '处罚依据', '裁量等次', '适用情形', '处罚种类', '罚款下限（元）', '罚款上限（元）', '违法所得倍数下限', '违法所得倍数上限', '按倍数计罚的违法所得起点（元）', '处罚标准说明']);
  ws.addRow([`PT-IMP-${uniq()}`, '文化市场', '导入测试', '违法依据', '处罚依据', '一般', '首次', '警告', '', '', '', '', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- review catalog (重大执法决定法制审核目录) ------------------------------------------------

/** A catalog rule of the target agency, in force from a future day, made by the set-up (actor 'system'). */
const newCatalogRule = (env: Env, agencyId: string) =>
  addCatalogRule(env.app, null, { agencyId, rule: { kind: 'field', field: '文物' }, label: `权限测试规则${uniq()}`, effectiveFrom: '2030-01-01', reason: '权限测试' });

const CATALOG_ROUTES: Record<string, RouteEntry> = {
  'GET /api/review-catalog': {
    kind: 'scoped',
    action: 'review.catalog.read',
    probe: async (env, auth, t, action) => {
      await newCatalogRule(env, t.id);
      return list((x) => [`/api/review-catalog?agencyId=${x.id}`, '/api/review-catalog', `/api/review-catalog?agencyId=${x.id}&on=2030-01-01`], (r, x) => r.agencyId === x.id)(env, auth, t, action);
    },
  },
  'GET /api/review-catalog/export.xlsx': {
    kind: 'scoped',
    action: 'review.catalog.read',
    probe: async (env, auth, t, action) => {
      const r = await newCatalogRule(env, t.id);
      const res = await inject(env, auth, { method: 'GET', url: `/api/review-catalog/export.xlsx?agencyId=${t.id}&on=2030-01-01` });
      const c = classify(res, action);
      if ('unexpected' in c || c.decision === 'deny') return c;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const labels: unknown[] = [];
      wb.worksheets[0]?.eachRow((row) => labels.push(row.getCell(2).value));
      return { decision: labels.includes(r.latest.label) ? 'allow' : 'deny' };
    },
  },
  'POST /api/review-catalog/preview': {
    kind: 'scoped',
    action: 'review.catalog.manage',
    probe: request((_e, t) => ({ method: 'POST', url: '/api/review-catalog/preview', payload: { agencyId: t.id, rule: { kind: 'all-ordinary' } } })),
  },
  'GET /api/review-catalog/:id': { kind: 'scoped', action: 'review.catalog.read', probe: request(async (env, t) => ({ method: 'GET', url: `/api/review-catalog/${(await newCatalogRule(env, t.id)).id}` })) },
  'POST /api/review-catalog': {
    kind: 'scoped',
    action: 'review.catalog.manage',
    probe: request((_e, t) => ({
      method: 'POST',
      url: '/api/review-catalog',
      payload: { agencyId: t.id, rule: { kind: 'fine-at-least', person: 1_000_000, organisation: 10_000_000 }, effectiveFrom: '2030-01-01', reason: '权限测试' },
    })),
  },
  'POST /api/review-catalog/:id/versions': {
    kind: 'scoped',
    action: 'review.catalog.manage',
    probe: request(async (env, t) => {
      const r = await newCatalogRule(env, t.id);
      return { method: 'POST', url: `/api/review-catalog/${r.id}/versions`, headers: { 'if-match': `"${r.version}"` }, payload: { rule: { kind: 'field', field: '旅游' }, effectiveFrom: '2030-06-01', reason: '权限测试' } };
    }),
  },
  'POST /api/review-catalog/:id/retire': {
    kind: 'scoped',
    action: 'review.catalog.manage',
    probe: request(async (env, t) => {
      const r = await newCatalogRule(env, t.id);
      return { method: 'POST', url: `/api/review-catalog/${r.id}/retire`, headers: { 'if-match': `"${r.version}"` }, payload: { effectiveTo: '2030-06-01', reason: '权限测试' } };
    }),
  },
};

// ---- legal review (法制审核) -------------------------------------------------------------------

/**
 * A write with a stale If-Match: access is decided before the version, so an allowed principal
 * gets 409 version-mismatch (and nothing changes), a denied one 403.
 */
const stale =
  (build: (t: Target) => InjectOptions): Probe =>
  async (env, auth, t, action) => {
    const o = build(t);
    const res = await inject(env, auth, { ...o, headers: { 'if-match': '"99"', ...(o.headers as Headers | undefined) } });
    if (res.statusCode === 409 && res.json().code === 'version-mismatch') return { decision: 'allow' };
    return classify(res, action);
  };

const ALL_POINTS_OK = Array.from({ length: 10 }, (_, i) => ({ point: i + 1, ok: true }));

const REVIEW_ROUTES: Record<string, RouteEntry> = {
  'POST /api/cases/:id/review-submissions': { kind: 'scoped', action: 'case.handle', probe: stale((t) => ({ method: 'POST', url: `/api/cases/${t.caseId}/review-submissions`, payload: {} })) },
  'GET /api/cases/:id/reviews': { kind: 'scoped', action: 'case.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/cases/${t.caseId}/reviews` })) },
  'GET /api/reviews': { kind: 'scoped', action: 'case.review', probe: list((t) => [`/api/reviews?agencyId=${t.id}`, '/api/reviews?limit=500'], (r, t) => r.agencyId === t.id) },
  'GET /api/reviews/stats': { kind: 'scoped', action: 'case.review', probe: request((_e, t) => ({ method: 'GET', url: `/api/reviews/stats?agencyId=${t.id}` })) },
  'GET /api/reviews/stats.xlsx': { kind: 'scoped', action: 'case.review', probe: request((_e, t) => ({ method: 'GET', url: `/api/reviews/stats.xlsx?agencyId=${t.id}&from=2026-01-01` })) },
  'GET /api/reviews/:id': { kind: 'scoped', action: 'case.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/reviews/${t.reviewId}` })) },
  'POST /api/reviews/:id/assign': { kind: 'scoped', action: 'review.assign', probe: stale((t) => ({ method: 'POST', url: `/api/reviews/${t.reviewId}/assign`, payload: { roundRobin: true } })) },
  'POST /api/reviews/:id/reassign': {
    kind: 'scoped',
    action: 'review.assign',
    probe: stale((t) => ({ method: 'POST', url: `/api/reviews/${t.reviewId}/reassign`, payload: { roundRobin: true, reason: '权限测试' } })),
  },
  'POST /api/reviews/:id/decide': {
    kind: 'scoped',
    action: 'case.review',
    probe: stale((t) => ({ method: 'POST', url: `/api/reviews/${t.reviewId}/decide`, payload: { outcome: 'approved', checklist: ALL_POINTS_OK, opinion: '同意' } })),
  },
  'POST /api/reviews/:id/co-opinion': { kind: 'scoped', action: 'review.co-review', probe: stale((t) => ({ method: 'POST', url: `/api/reviews/${t.reviewId}/co-opinion`, payload: { opinion: '权限测试' } })) },
  'POST /api/reviews/:id/escalate': {
    kind: 'scoped',
    action: 'case.approve',
    probe: stale((t) => ({ method: 'POST', url: `/api/reviews/${t.reviewId}/escalate`, payload: { reason: '权限测试', to: 'collective-discussion' } })),
  },
  'GET /api/agencies/:id/review-settings': { kind: 'scoped', action: 'case.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/agencies/${t.id}/review-settings` })) },
  'PUT /api/agencies/:id/review-settings': {
    kind: 'scoped',
    action: 'review.assign',
    probe: stale((t) => ({ method: 'PUT', url: `/api/agencies/${t.id}/review-settings`, payload: { settings: { reviewDays: 5, reviewerOutsideHandlingUnit: true }, reason: '权限测试' } })),
  },
};

// ---- outbound feed to the city's unified platform (对外推送) -----------------------------------

/** A feed item of the agency, given up (`failed`), so that a retry of it is allowed. */
async function newFailedFeedItem(env: Env, agencyId: string): Promise<string> {
  const subject = `pt-feed-${uniq()}`;
  await env.app.db.transaction().execute((trx) => enqueueFeed(env.app, trx, { agencyId, kind: 'publication.published', subject, payload: { test: true } }));
  await env.app.db.updateTable('feed_outbox').set({ status: 'failed', attempts: 1 }).where('subject', '=', subject).execute();
  const row = await env.app.db.selectFrom('feed_outbox').select('id').where('subject', '=', subject).executeTakeFirstOrThrow();
  return String(row.id);
}

const FEED_ROUTES: Record<string, RouteEntry> = {
  'GET /api/feed/deliveries': {
    kind: 'scoped',
    action: 'feed.read',
    probe: async (env, auth, t, action) => {
      await newFailedFeedItem(env, t.id);
      const seen: Decision[] = [];
      for (const url of [`/api/feed/deliveries?agencyId=${t.id}`, '/api/feed/deliveries?limit=200']) {
        const res = await inject(env, auth, { method: 'GET', url });
        const c = classify(res, action);
        if ('unexpected' in c) return c;
        seen.push(c.decision === 'deny' ? 'deny' : (res.json().items as { agencyId: string }[]).some((d) => d.agencyId === t.id) ? 'allow' : 'deny');
      }
      return new Set(seen).size === 1 ? { decision: seen[0]! } : { unexpected: `the list answers disagree: ${seen.join(', ')}` };
    },
  },
  'POST /api/feed/deliveries/:id/retry': {
    kind: 'scoped',
    action: 'feed.read',
    probe: request(async (env, t) => ({ method: 'POST', url: `/api/feed/deliveries/${await newFailedFeedItem(env, t.id)}/retry` })),
  },
};

// ---- 事后公开 publications (editors' console) ------------------------------------------------

/** A publication draft of the agency, appended through the ledger (as the decision hook does). */
async function newPublication(env: Env, agencyId: string): Promise<string> {
  const id = newId();
  const data: PublicationEventData['publication.drafted'] = {
    id,
    agencyId,
    agencyName: '权限测试',
    caseId: null,
    kind: 'penalty',
    documentId: null,
    sourceText: '行政处罚决定书（权限测试）',
    fields: {
      number: `权限测试〔2026〕第${uniq()}号`,
      party: { kind: 'organisation', name: '权限测试网吧', creditCode: null, representative: null },
      cause: '权限测试',
      facts: '权限测试',
      basis: '权限测试',
      penaltyKinds: ['warning'],
      penaltyContent: '警告',
      fineFen: null,
      confiscatedGainsFen: null,
      confiscatedPropertyFen: null,
      licenceSuspended: false,
      licenceRevoked: false,
      decidedOn: '2026-03-02',
    },
    redactions: [],
    publishDueOn: '2026-03-11',
    draftedOn: '2026-03-02',
    draftedBy: { id: 'system', name: '系统' },
  };
  await env.app.db.transaction().execute((trx) => env.app.ledger.append(trx, { log: agencyId, actor: 'system', type: 'publication.drafted', subject: id, data: { ...data } }));
  return id;
}

const publicationWrite = (path: string, payload?: Record<string, unknown>, method: 'POST' | 'PATCH' = 'POST'): Probe =>
  async (env, auth, t, action) => {
    const id = await newPublication(env, t.id);
    const res = await inject(env, auth, { method, url: `/api/publications/${id}${path}`, headers: { 'if-match': '"99"' }, ...(payload ? { payload } : {}) });
    if (res.statusCode === 409 && res.json().code === 'version-mismatch') return { decision: 'allow' };
    return classify(res, action);
  };

const PUBLICATION_ROUTES: Record<string, RouteEntry> = {
  'GET /api/publications': {
    kind: 'scoped',
    action: 'publicity.read',
    probe: async (env, auth, t, action) => {
      const id = await newPublication(env, t.id);
      return list((x) => [`/api/publications?agencyId=${x.id}`, '/api/publications?filter=all&limit=500'], (item) => item.id === id)(env, auth, t, action);
    },
  },
  'GET /api/publications/:id': { kind: 'scoped', action: 'publicity.read', probe: request(async (env, t) => ({ method: 'GET', url: `/api/publications/${await newPublication(env, t.id)}` })) },
  'PATCH /api/publications/:id': { kind: 'scoped', action: 'publicity.edit', probe: publicationWrite('', { note: '权限测试' }, 'PATCH') },
  'POST /api/publications/:id/redactions': { kind: 'scoped', action: 'publicity.edit', probe: publicationWrite('/redactions', { start: 0, end: 2, reason: '权限测试' }) },
  'POST /api/publications/:id/submit': { kind: 'scoped', action: 'publicity.edit', probe: publicationWrite('/submit') },
  'POST /api/publications/:id/return': { kind: 'scoped', action: 'publicity.approve', probe: publicationWrite('/return', { reason: '权限测试' }) },
  'POST /api/publications/:id/approve': { kind: 'scoped', action: 'publicity.approve', probe: publicationWrite('/approve') },
  'POST /api/publications/:id/correct': { kind: 'scoped', action: 'publicity.edit', probe: publicationWrite('/correct', { reason: '权限测试' }) },
  'POST /api/publications/:id/withdrawal-required': { kind: 'scoped', action: 'publicity.edit', probe: publicationWrite('/withdrawal-required', { reason: '权限测试' }) },
  'POST /api/publications/:id/withdraw': { kind: 'scoped', action: 'publicity.approve', probe: publicationWrite('/withdraw', { reason: '权限测试' }) },
  'GET /api/agencies/:id/publication-settings': { kind: 'scoped', action: 'publicity.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/agencies/${t.id}/publication-settings` })) },
  'PUT /api/agencies/:id/publication-settings': {
    kind: 'scoped',
    action: 'publicity.approve',
    probe: stale((t) => ({
      method: 'PUT',
      url: `/api/agencies/${t.id}/publication-settings`,
      payload: { settings: { publishOnTheSpot: false, publishWarningOnly: true, lowFineThresholdFen: 1000000, shortPeriodMonths: 3, longPeriodYears: 3 }, reason: '权限测试' },
    })),
  },
};

// ---- 事前公开 disclosures (editors' console and the public lists) ------------------------------

/** A channel item of the agency (a draft), made by the set-up (actor 'system'). */
const newDisclosure = (env: Env, agencyId: string) =>
  createDisclosure(env.app, null, { agencyId, kind: 'channel', content: { name: `权限测试渠道${uniq()}`, kind: 'complaint', contact: '12345', address: null, hours: null, description: null } });

/** A write on an item of the target agency with a stale If-Match: access is decided before the version. */
const disclosureWrite =
  (path: string, payload?: Record<string, unknown>): Probe =>
  async (env, auth, t, action) => {
    const d = await newDisclosure(env, t.id);
    const res = await inject(env, auth, { method: 'POST', url: `/api/disclosures/${d.id}/${path}`, headers: { 'if-match': '"99"' }, ...(payload ? { payload } : {}) });
    if (res.statusCode === 409 && res.json().code === 'version-mismatch') return { decision: 'allow' };
    return classify(res, action);
  };

async function powersSheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('权责清单');
  ws.addRow(['事项编码', '事项名称', '权力类型', '设定依据', '承办机构', '办理流程', '监督方式', '救济途径']);
  ws.addRow([`PT-${uniq()}`, '权限测试事项', '行政检查', '依据', '执法一科', '流程', '监督', '救济']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const DISCLOSURE_ROUTES: Record<string, RouteEntry> = {
  'GET /api/disclosures': {
    kind: 'scoped',
    action: 'publicity.read',
    probe: async (env, auth, t, action) => {
      const d = await newDisclosure(env, t.id);
      return list((x) => [`/api/disclosures?agencyId=${x.id}`, '/api/disclosures'], (item) => item.id === d.id)(env, auth, t, action);
    },
  },
  'GET /api/disclosures/powers/template.xlsx': { kind: 'unscoped', action: 'publicity.read', probe: request(() => ({ method: 'GET', url: '/api/disclosures/powers/template.xlsx' })) },
  'GET /api/disclosures/powers/export.xlsx': { kind: 'scoped', action: 'publicity.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/disclosures/powers/export.xlsx?agencyId=${t.id}` })) },
  'POST /api/disclosures/powers/import': {
    kind: 'scoped',
    action: 'publicity.edit',
    probe: request(async (_e, t) => ({ method: 'POST', url: `/api/disclosures/powers/import?agencyId=${t.id}`, headers: { 'content-type': XLSX }, payload: await powersSheet() })),
  },
  'GET /api/disclosures/:id': { kind: 'scoped', action: 'publicity.read', probe: request(async (env, t) => ({ method: 'GET', url: `/api/disclosures/${(await newDisclosure(env, t.id)).id}` })) },
  'POST /api/disclosures': {
    kind: 'scoped',
    action: 'publicity.edit',
    probe: request((_e, t) => ({ method: 'POST', url: '/api/disclosures', payload: { agencyId: t.id, kind: 'channel', content: { name: `新渠道${uniq()}`, kind: 'complaint', contact: '12345', address: null, hours: null, description: null } } })),
  },
  'POST /api/disclosures/:id/draft': {
    kind: 'scoped',
    action: 'publicity.edit',
    probe: disclosureWrite('draft', { content: { name: '改名渠道', kind: 'complaint', contact: '12345', address: null, hours: null, description: null } }),
  },
  'POST /api/disclosures/:id/removal': { kind: 'scoped', action: 'publicity.edit', probe: disclosureWrite('removal', { note: '权限测试' }) },
  'POST /api/disclosures/:id/submit': { kind: 'scoped', action: 'publicity.edit', probe: disclosureWrite('submit') },
  'POST /api/disclosures/:id/return': { kind: 'scoped', action: 'publicity.approve', probe: disclosureWrite('return', { reason: '权限测试' }) },
  'POST /api/disclosures/:id/publish': { kind: 'scoped', action: 'publicity.approve', probe: disclosureWrite('publish') },
  'POST /api/disclosures/:id/discard': { kind: 'scoped', action: 'publicity.edit', probe: disclosureWrite('discard') },
  'GET /api/public/agencies/:id/disclosures': { kind: 'public' },
  'GET /api/public/agencies/:id/disclosures/changes': { kind: 'public' },
  'GET /api/public/agencies/:id/disclosures/profile': { kind: 'public' },
  'GET /api/public/agencies/:id/disclosures/staff': { kind: 'public' },
  'GET /api/public/agencies/:id/disclosures/benchmarks': { kind: 'public' },
  'GET /api/public/agencies/:id/disclosures/catalog': { kind: 'public' },
  'GET /api/public/agencies/:id/disclosures/staff/history': { kind: 'public' },
  'GET /api/public/agencies/:id/disclosures/benchmarks/history': { kind: 'public' },
  'GET /api/public/agencies/:id/disclosures/catalog/history': { kind: 'public' },
  'GET /api/public/agencies/:id/disclosures/profile/history': { kind: 'public' },
  'GET /api/public/agencies/:id/disclosures/:itemId': { kind: 'public' },
};

/**
 * Every registered API route. A route missing here fails the coverage test: a new route must be
 * placed in the matrix (or declared public / self).
 */
const ROUTES: Record<string, RouteEntry> = {
  'GET /api/health': { kind: 'public' },
  'POST /api/auth/login': { kind: 'public' },
  'POST /api/auth/logout': { kind: 'public' },
  'GET /api/auth/me': { kind: 'self' },
  'POST /api/auth/password': { kind: 'self' },
  'GET /api/public/key': { kind: 'public' },
  'GET /api/public/logs': { kind: 'public' },
  'GET /api/public/logs/:log/checkpoint': { kind: 'public' },
  'GET /api/public/logs/:log/checkpoints': { kind: 'public' },
  'GET /api/public/logs/:log/consistency': { kind: 'public' },
  // the citizens' portal (事后公开): published decisions, CSV, statistics, 核验 evidence
  'GET /api/public/decisions': { kind: 'public' },
  'GET /api/public/decisions.csv': { kind: 'public' },
  'GET /api/public/decisions/:id': { kind: 'public' },
  'GET /api/public/decisions/:id/proof': { kind: 'public' },
  'GET /api/public/statistics': { kind: 'public' },
  'GET /api/public/agencies': { kind: 'public' },
  // officer certificate cards: the QR's verify page and the officer lookup
  'GET /api/public/officers/verify': { kind: 'public' },
  'GET /api/public/officers': { kind: 'public' },

  // the ledger of an agency (log id = agency id)
  'GET /api/logs/:log/inclusion': { kind: 'scoped', action: 'agency.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/logs/${t.id}/inclusion?seq=1` })) },
  'POST /api/logs/:log/checkpoints': { kind: 'scoped', action: 'ledger.checkpoint', probe: request((_e, t) => ({ method: 'POST', url: `/api/logs/${t.id}/checkpoints` })) },

  // the working-day calendar: one for the platform; any logged-in user reads it, only the platform admin sets a year
  'GET /api/calendar/years': { kind: 'self' },
  'GET /api/calendar/years/:year': { kind: 'self' },
  'PUT /api/calendar/years/:year': {
    kind: 'unscoped',
    action: 'calendar.manage',
    probe: request(async (env) => {
      const y = await getCalendarYear(env.app, 2030);
      return {
        method: 'PUT',
        url: '/api/calendar/years/2030',
        headers: { 'if-match': `"${y.version}"` },
        payload: { holidays: [{ date: '2030-01-01', name: '元旦' }], workdays: [], reason: `权限测试${uniq()}` },
      };
    }),
  },
  // a record bundle: an officer's events are in the agency's own log (an agency's own events are platform-log only)
  'GET /api/records/:subject/bundle.zip': { kind: 'scoped', action: 'agency.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/records/${t.officerId}/bundle.zip` })) },

  // agencies and units
  'GET /api/agencies': { kind: 'scoped', action: 'agency.read', probe: list(() => ['/api/agencies'], (a, t) => a.id === t.id) },
  'GET /api/agencies/:id': { kind: 'scoped', action: 'agency.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/agencies/${t.id}` })) },
  'GET /api/agencies/:id/history': { kind: 'scoped', action: 'agency.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/agencies/${t.id}/history` })) },
  'POST /api/agencies': {
    kind: 'scoped',
    action: 'agency.create',
    probe: request((_e, t) => ({ method: 'POST', url: '/api/agencies', payload: { code: `pt-${uniq()}`, name: `权限测试局${n}`, parentId: t.id } })),
  },
  'PATCH /api/agencies/:id': {
    kind: 'scoped',
    action: 'agency.update',
    probe: request(async (env, t) => {
      const a = await getAgency(env.app.db, t.id);
      return { method: 'PATCH', url: `/api/agencies/${t.id}`, headers: { 'if-match': `"${a.version}"` }, payload: { creditCode: `12430400${uniq().padStart(10, '0').slice(-10)}`, reason: '权限测试' } };
    }),
  },
  'POST /api/agencies/:id/units': {
    kind: 'scoped',
    action: 'unit.manage',
    probe: request((_e, t) => ({ method: 'POST', url: `/api/agencies/${t.id}/units`, payload: { name: `权限测试科${uniq()}` } })),
  },
  'PATCH /api/units/:id': {
    kind: 'scoped',
    action: 'unit.manage',
    probe: request(async (env, t) => {
      const unit = await createUnit(env.app, null, t.id, { name: `待改名科${uniq()}` });
      return { method: 'PATCH', url: `/api/units/${unit.id}`, headers: { 'if-match': `"${unit.version}"` }, payload: { name: `已改名科${uniq()}`, reason: '权限测试' } };
    }),
  },

  // users
  'GET /api/users': {
    kind: 'scoped',
    action: 'user.read',
    probe: list((t) => [`/api/users?agencyId=${t.id}`, '/api/users'], (u, t) => u.roles.some((g: { agencyId: string | null }) => g.agencyId === t.id)),
  },
  'GET /api/users/:id': { kind: 'scoped', action: 'user.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/users/${t.userId}` })) },
  'GET /api/users/:id/history': { kind: 'scoped', action: 'user.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/users/${t.userId}/history` })) },
  'POST /api/users': {
    kind: 'scoped',
    action: 'user.manage',
    probe: request((_e, t) => ({
      method: 'POST',
      url: '/api/users',
      payload: { username: `pt-new${uniq()}`, displayName: '新建测试', password: DEMO_PASSWORD, roles: [{ role: 'officer', agencyId: t.id, unitId: null }] },
    })),
  },
  'PATCH /api/users/:id': {
    kind: 'scoped',
    action: 'user.manage',
    probe: request(async (env, t) => {
      const u = await newUser(env, t.id);
      return { method: 'PATCH', url: `/api/users/${u.id}`, headers: { 'if-match': `"${u.version}"` }, payload: { displayName: `改名${uniq()}`, reason: '权限测试' } };
    }),
  },
  'POST /api/users/:id/password': {
    kind: 'scoped',
    action: 'user.manage',
    probe: request(async (env, t) => {
      const u = await newUser(env, t.id);
      return { method: 'POST', url: `/api/users/${u.id}/password`, payload: { newPassword: 'Reset@2026x', reason: '权限测试' } };
    }),
  },

  // officers and certificates
  'GET /api/officers': {
    kind: 'scoped',
    action: 'officer.read',
    probe: list((t) => [`/api/officers?agencyId=${t.id}`, '/api/officers'], (o, t) => o.agencyId === t.id),
  },
  'GET /api/officers/template.xlsx': { kind: 'unscoped', action: 'officer.read', probe: request(() => ({ method: 'GET', url: '/api/officers/template.xlsx' })) },
  'GET /api/officers/export.xlsx': {
    kind: 'scoped',
    action: 'officer.read',
    probe: async (env, auth, t, action) => {
      const res = await inject(env, auth, { method: 'GET', url: `/api/officers/export.xlsx?agencyId=${t.id}` });
      const c = classify(res, action);
      if ('unexpected' in c || c.decision === 'deny') return c;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const names: unknown[] = [];
      wb.worksheets[0]?.eachRow((r) => names.push(r.getCell(1).value));
      return { decision: names.includes(t.officerName) ? 'allow' : 'deny' };
    },
  },
  'POST /api/officers/import': {
    kind: 'scoped',
    action: 'officer.manage',
    probe: request(async (_e, t) => ({ method: 'POST', url: `/api/officers/import?agencyId=${t.id}`, headers: { 'content-type': XLSX }, payload: await officerSheet() })),
  },
  'GET /api/officers/:id': { kind: 'scoped', action: 'officer.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/officers/${t.officerId}` })) },
  'GET /api/officers/:id/history': { kind: 'scoped', action: 'officer.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/officers/${t.officerId}/history` })) },
  'POST /api/officers': {
    kind: 'scoped',
    action: 'officer.manage',
    probe: request((_e, t) => {
      const id = uniq();
      return {
        method: 'POST',
        url: '/api/officers',
        payload: { agencyId: t.id, name: `登记测试${id}`, post: '科员', certificateNo: `PT-NEW-${id}`, issuingAuthority: '衡阳市人民政府', fields: ['文化市场'], validFrom: '2025-01-01', validTo: '2029-12-31' },
      };
    }),
  },
  'PATCH /api/officers/:id': {
    kind: 'scoped',
    action: 'officer.manage',
    probe: request(async (env, t) => {
      const o = await newOfficer(env, t.id);
      return { method: 'PATCH', url: `/api/officers/${o.id}`, headers: { 'if-match': `"${o.version}"` }, payload: { post: '副科长', reason: '权限测试' } };
    }),
  },
  'POST /api/officers/:id/suspend': { kind: 'scoped', action: 'officer.manage', probe: certificateChange('suspend') },
  'POST /api/officers/:id/reinstate': { kind: 'scoped', action: 'officer.manage', probe: certificateChange('reinstate') },
  'POST /api/officers/:id/revoke': { kind: 'scoped', action: 'officer.manage', probe: certificateChange('revoke') },
  'POST /api/officers/:id/renew': { kind: 'scoped', action: 'officer.manage', probe: certificateChange('renew') },
  // certificate cards (事中公示): issuing is recorded, so it is a POST; reading the officer is enough
  'POST /api/officers/:id/card': { kind: 'scoped', action: 'officer.read', probe: request((_e, t) => ({ method: 'POST', url: `/api/officers/${t.officerId}/card` })) },
  'POST /api/officers/cards': { kind: 'scoped', action: 'officer.read', probe: request((_e, t) => ({ method: 'POST', url: '/api/officers/cards', payload: { agencyId: t.id } })) },

  // enforcement documents: read with the case (case.read on the document's agency); numbering is the agency admin's
  'GET /api/documents/:id': { kind: 'scoped', action: 'case.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/documents/${t.documentId}` })) },
  'GET /api/documents/:id/pdf': { kind: 'scoped', action: 'case.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/documents/${t.documentId}/pdf` })) },
  'GET /api/documents/:id/docx': { kind: 'scoped', action: 'case.read', probe: request((_e, t) => ({ method: 'GET', url: `/api/documents/${t.documentId}/docx` })) },
  'GET /api/agencies/:id/document-settings': { kind: 'scoped', action: 'document.settings', probe: request((_e, t) => ({ method: 'GET', url: `/api/agencies/${t.id}/document-settings` })) },
  'PUT /api/agencies/:id/document-settings': {
    kind: 'scoped',
    action: 'document.settings',
    probe: request(async (env, t) => {
      const current = await getDocumentSettings(env.app, TEST_ADMIN, t.id);
      return { method: 'PUT', url: `/api/agencies/${t.id}/document-settings`, headers: { 'if-match': `"${current.version}"` }, payload: { shortName: `权测${uniq().slice(-4)}`, patterns: {}, reason: '权限测试' } };
    }),
  },

  // discretion benchmarks: each probe names an entry of the target agency, made first
  'GET /api/benchmarks': {
    kind: 'scoped',
    action: 'benchmark.read',
    probe: async (env, auth, t, action) => {
      await newBenchmark(env, t.id);
      return list((x) => [`/api/benchmarks?agencyId=${x.id}`, '/api/benchmarks'], (b, x) => b.agencyId === x.id)(env, auth, t, action);
    },
  },
  'GET /api/benchmarks/template.xlsx': { kind: 'unscoped', action: 'benchmark.read', probe: request(() => ({ method: 'GET', url: '/api/benchmarks/template.xlsx' })) },
  'GET /api/benchmarks/export.xlsx': {
    kind: 'scoped',
    action: 'benchmark.read',
    probe: async (env, auth, t, action) => {
      const b = await newBenchmark(env, t.id);
      const res = await inject(env, auth, { method: 'GET', url: `/api/benchmarks/export.xlsx?agencyId=${t.id}` });
      const c = classify(res, action);
      if ('unexpected' in c || c.decision === 'deny') return c;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const codes: unknown[] = [];
      wb.worksheets[0]?.eachRow((r) => codes.push(r.getCell(1).value));
      return { decision: codes.includes(b.code) ? 'allow' : 'deny' };
    },
  },
  'POST /api/benchmarks/import': {
    kind: 'scoped',
    action: 'benchmark.manage',
    probe: request(async (_e, t) => ({ method: 'POST', url: `/api/benchmarks/import?agencyId=${t.id}`, headers: { 'content-type': XLSX }, payload: await benchmarkSheet() })),
  },
  'GET /api/benchmarks/:id': { kind: 'scoped', action: 'benchmark.read', probe: request(async (env, t) => ({ method: 'GET', url: `/api/benchmarks/${(await newBenchmark(env, t.id)).id}` })) },
  'GET /api/benchmarks/:id/history': {
    kind: 'scoped',
    action: 'benchmark.read',
    probe: request(async (env, t) => ({ method: 'GET', url: `/api/benchmarks/${(await newBenchmark(env, t.id)).id}/history` })),
  },
  'POST /api/benchmarks': {
    kind: 'scoped',
    action: 'benchmark.manage',
    probe: request((_e, t) => ({
      method: 'POST',
      url: '/api/benchmarks',
      payload: {
        agencyId: t.id,
        field: '文化市场',
        code: `PT-NEW-${uniq()}`,
        violation: '新建测试',
        legalBasis: '违法依据',
        penaltyBasis: '处罚依据',
        levels: [{ name: '一般', circumstances: '首次', kinds: ['warning'], fine: null, gainsMultiple: null, note: null }],
      },
    })),
  },
  'PATCH /api/benchmarks/:id': {
    kind: 'scoped',
    action: 'benchmark.manage',
    probe: request(async (env, t) => {
      const b = await newBenchmark(env, t.id);
      return { method: 'PATCH', url: `/api/benchmarks/${b.id}`, headers: { 'if-match': `"${b.version}"` }, payload: { violation: '权限测试修改', reason: '权限测试' } };
    }),
  },
  'POST /api/benchmarks/:id/retire': {
    kind: 'scoped',
    action: 'benchmark.manage',
    probe: request(async (env, t) => {
      const b = await newBenchmark(env, t.id);
      return { method: 'POST', url: `/api/benchmarks/${b.id}/retire`, headers: { 'if-match': `"${b.version}"` }, payload: { reason: '权限测试' } };
    }),
  },

  // API tokens
  'GET /api/tokens': { kind: 'scoped', action: 'token.manage', probe: request((_e, t) => ({ method: 'GET', url: `/api/tokens?agencyId=${t.id}` })) },
  'POST /api/tokens': {
    kind: 'scoped',
    action: 'token.manage',
    probe: request((_e, t) => ({ method: 'POST', url: '/api/tokens', payload: { name: `权限测试令牌${uniq()}`, agencyId: t.id, role: 'officer' } })),
  },
  'DELETE /api/tokens/:id': { kind: 'scoped', action: 'token.manage', probe: request((_e, t) => ({ method: 'DELETE', url: `/api/tokens/${t.tokenId}` })) },

  ...CASE_ROUTES,
  ...CATALOG_ROUTES,
  ...REVIEW_ROUTES,
  ...FEED_ROUTES,
  ...PUBLICATION_ROUTES,
  ...DISCLOSURE_ROUTES,
};

const MATRIX = Object.entries(ROUTES).flatMap(([route, e]) => (e.kind === 'scoped' || e.kind === 'unscoped' ? [{ route, ...e }] : []));
const ACTIONS = [...new Set(MATRIX.map((r) => r.action))].sort();

/** Where each role's matrix principal is granted (a unit for the unit head; a qualification for the reviewer). */
const SCOPE_AGENCY: Record<Scope, string> = { own: 'hy-wtgx', overseen: 'hy-whzf', other: 'hy-scjg' };

describe('docs/permissions.csv', () => {
  it(`has one row per role × action (${ROLES.length} × ${ACTIONS.length}), and platform-admin is the same in every scope`, () => {
    const want = ROLES.flatMap((r) => ACTIONS.map((a) => `${r} ${a}`)).sort();
    assert.deepEqual([...TABLE.keys()].sort(), want);
    for (const a of ACTIONS) {
      const row = TABLE.get(`platform-admin ${a}`)!;
      assert.ok(row.own === row.overseen && row.own === row.other, `platform-admin × ${a}`);
    }
  });
});

describeEachEngine('permissions: every API route × role × scope against docs/permissions.csv', (ctx) => {
  const env = {} as Env;
  const targets = {} as Record<Scope, Target>;
  const sessions = {} as Record<Role, Headers>;

  /**
   * Events appended by someone other than the test's own set-up (which acts as 'system'), security
   * records aside: a refusal may add only a security record.
   */
  const domainEvents = async () =>
    Number(
      (await ctx().db.selectFrom('events').select(sql<number>`count(*)`.as('n')).where('type', 'not like', 'security.%').where('actor', '!=', 'system').executeTakeFirstOrThrow()).n,
    );

  before(async () => {
    const app = ctx();
    await seedDemo(app);
    env.app = app;
    env.server = await buildServer(app, { webDir: null });
    const agencies = await app.db.selectFrom('agencies').select(['id', 'code']).execute();
    const agencyId = (code: string) => agencies.find((a) => a.code === code)!.id;
    const adminId = (await app.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    const admin = await principalOf(app.db, adminId);
    for (const scope of SCOPES) {
      const id = agencyId(SCOPE_AGENCY[scope]);
      const officer = await newOfficer(env, id);
      const user = await newUser(env, id);
      const token = await issueToken(app, admin, { name: `目标令牌-${scope}`, agencyId: id, role: 'officer' });
      const caseId = newId();
      await app.db.transaction().execute((trx) =>
        app.ledger.append(trx, {
          log: id,
          actor: 'system',
          type: 'case.register-clue',
          subject: caseId,
          data: { id: caseId, on: '2026-03-01', agencyId: id, unitId: null, field: '文化市场', source: 'inspection', cause: '权限测试', summary: '权限测试', actOn: null, seriousHarm: false, parties: [{ kind: 'person', name: '某人', idNumber: null, representative: null, address: null, phone: null, minor: false }] },
        }),
      );
      const document = await app.db.transaction().execute((trx) =>
        issueDocument(app, trx, { agencyId: id, caseId, kind: 'inspection-record', actor: 'system', on: '2026-03-01', spec: { kind: 'inspection-record', agencyName: '权限测试局', title: '现场检查（勘验）笔录', number: null, blocks: [{ type: 'paragraph', text: '权限测试' }] } }),
      );
      // A submitted review of the case (the review.* projector also updates the case record).
      const reviewId = newId();
      await app.db.transaction().execute((trx) =>
        app.ledger.append(trx, {
          log: id,
          actor: 'system',
          type: 'review.submitted',
          subject: caseId,
          data: { id: reviewId, caseId, agencyId: id, unitId: null, round: 1, proposal: 'permission-test', penalty: P, requiredBecause: [], materials: [], note: null, submittedByName: '系统', on: '2026-03-01', dueOn: '2026-03-06' },
        }),
      );
      targets[scope] = { code: SCOPE_AGENCY[scope], id, userId: user.id, officerId: officer.id, officerName: officer.name, tokenId: token.id, caseId, documentId: document.id, reviewId };
    }
    const own = targets.own.id;
    const unit = (await app.db.selectFrom('units').select('id').where('agency_id', '=', own).where('name', '=', '法规科').executeTakeFirstOrThrow()).id;
    for (const role of ROLES) {
      let username = 'admin';
      if (role !== 'platform-admin') {
        username = `pm-${role}`;
        await createUser(app, null, {
          username,
          displayName: `矩阵${role}`,
          password: DEMO_PASSWORD,
          legalQualificationNo: role === 'legal-reviewer' ? 'A20214301009999' : null,
          roles: [{ role, agencyId: own, unitId: role === 'unit-head' || role === 'legal-review-head' ? unit : null }],
        });
      }
      sessions[role] = { ...(await loginAs(env.server, username)) };
    }
  });

  it('every registered API route is in the route table, and every table entry is registered', () => {
    const registered = [...env.server.apiRoutes].sort();
    const missing = registered.filter((r) => !(r in ROUTES));
    const stale = Object.keys(ROUTES).filter((r) => !registered.includes(r));
    assert.deepEqual(missing, [], `routes with no entry in the permission matrix: ${missing.join(', ')}`);
    assert.deepEqual(stale, [], `route table entries not registered: ${stale.join(', ')}`);
  });

  for (const r of MATRIX) {
    const scopes: Array<Scope | 'any'> = r.kind === 'unscoped' ? ['any'] : [...SCOPES];
    for (const role of ROLES) {
      for (const scope of scopes) {
        const want = expected(role, r.action, scope);
        it(`${role} × ${r.action} × ${scope} → ${want} (${r.route})`, async () => {
          const before = want === 'deny' ? await domainEvents() : 0;
          const got = await r.probe(env, sessions[role], targets[scope === 'any' ? 'own' : scope], r.action);
          assert.ok(!('unexpected' in got), `unexpected answer: ${'unexpected' in got ? got.unexpected : ''}`);
          assert.equal(got.decision, want, `${role} × ${r.action} × ${scope}: the server says ${got.decision}, docs/permissions.csv says ${want}`);
          if (want === 'deny') assert.equal(await domainEvents(), before, 'a refused request changes nothing');
        });
      }
    }
  }

  // ---- the edges of the matrix ------------------------------------------------------------

  it('no login → 401 unauthenticated on every matrix route and on the self routes; a bad bearer token → 401', async () => {
    for (const r of MATRIX) {
      for (const res of await anonymousAnswers(r.route)) {
        assert.equal(res.statusCode, 401, `${r.route} without login: ${brief(res)}`);
        assert.equal(res.json().code, 'unauthenticated');
      }
    }
    for (const [route, e] of Object.entries(ROUTES)) {
      if (e.kind !== 'self') continue;
      const [method, url] = route.split(' ');
      const res = await env.server.inject({ method: method as 'GET', url, ...(method === 'POST' ? { payload: { currentPassword: 'Demo@2026', newPassword: 'Other@2026x' } } : {}) });
      assert.equal(res.statusCode, 401, `${route} without login`);
    }
    const bad = await env.server.inject({ url: `/api/officers/${targets.own.officerId}`, headers: { authorization: 'Bearer sx_not-a-token' } });
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.json().code, 'unauthenticated');
    assert.equal((await env.server.inject('/api/health')).statusCode, 200, 'public routes need no login');
  });

  /** The answers to a route's matrix request(s) against the own agency, sent with no credentials at all. */
  async function anonymousAnswers(route: string): Promise<LightMyRequestResponse[]> {
    const entry = ROUTES[route] as { action: string; probe: Probe };
    const answers: LightMyRequestResponse[] = [];
    const spy = {
      inject: async (o: InjectOptions) => {
        const res = await env.server.inject(o);
        answers.push(res);
        return res;
      },
    } as unknown as FastifyInstance;
    await entry.probe({ ...env, server: spy }, {}, targets.own, entry.action);
    assert.ok(answers.length > 0, `${route}: no request sent`);
    return answers;
  }

  it('a cookie-authenticated write without (or with a wrong) x-csrf-token → 403 csrf-token-invalid, and nothing changes', async () => {
    const { cookie } = sessions['platform-admin'];
    const events = await countEvents(ctx().db);
    const o = await newOfficer(env, targets.own.id);
    const afterSetup = await countEvents(ctx().db);
    assert.ok(afterSetup > events);
    const attempts: InjectOptions[] = [
      { method: 'POST', url: '/api/agencies', payload: { code: `pt-csrf-${uniq()}`, name: '跨站请求局' }, headers: { cookie } },
      { method: 'POST', url: `/api/officers/${o.id}/suspend`, payload: { reason: '跨站' }, headers: { cookie, 'if-match': `"${o.version}"` } },
      { method: 'PATCH', url: `/api/officers/${o.id}`, payload: { post: '跨站' }, headers: { cookie, 'if-match': `"${o.version}"`, 'x-csrf-token': 'wrong' } },
    ];
    for (const a of attempts) {
      const res = await env.server.inject(a);
      assert.equal(res.statusCode, 403, `${a.method} ${a.url}: ${brief(res)}`);
      assert.equal(res.json().code, 'csrf-token-invalid');
    }
    assert.equal(await countEvents(ctx().db), afterSetup, 'no event, not even a security record, was appended');
    const still = await env.server.inject({ url: `/api/officers/${o.id}`, headers: sessions['platform-admin'] });
    assert.equal(still.json().status, 'active');
    assert.equal(still.json().post, '科员');
  });

  it('a denial is recorded as a security.permission-denied event in the platform log', async () => {
    const officer = sessions.officer;
    const res = await env.server.inject({ url: `/api/officers/${targets.other.officerId}`, headers: officer });
    assert.equal(res.statusCode, 403);
    const row = await ctx().db.selectFrom('events').select(['actor', 'data', 'log_id']).where('type', '=', 'security.permission-denied').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.equal(row.log_id, 'platform');
    const data = JSON.parse(row.data);
    const me = (await env.server.inject({ url: '/api/auth/me', headers: officer })).json().user;
    assert.equal(row.actor, me.id);
    assert.equal(data.username, 'pm-officer');
    assert.equal(data.action, 'officer.read');
    assert.equal(data.agencyId, targets.other.id);
    assert.equal(data.method, 'GET');
    assert.equal(data.url, `/api/officers/${targets.other.officerId}`);
  });

  it('an API token issued by an agency admin acts only within its agency', async () => {
    const wtgxAdmin = await loginAs(env.server, 'wtgx-admin');
    const foreign = await env.server.inject({ method: 'POST', url: '/api/tokens', headers: wtgxAdmin, payload: { name: '越权令牌', agencyId: targets.other.id, role: 'agency-admin' } });
    assert.equal(foreign.statusCode, 403, 'no token for another agency');
    const platform = await env.server.inject({ method: 'POST', url: '/api/tokens', headers: wtgxAdmin, payload: { name: '平台令牌', agencyId: targets.own.id, role: 'platform-admin' } });
    assert.equal(platform.statusCode, 400, 'no platform-admin token');
    const issued = await env.server.inject({ method: 'POST', url: '/api/tokens', headers: wtgxAdmin, payload: { name: '对接系统', agencyId: targets.own.id, role: 'agency-admin' } });
    assert.equal(issued.statusCode, 201, brief(issued));
    const { token, id } = issued.json();
    assert.match(token, /^sx_/);
    const bearer = { authorization: `Bearer ${token}` };
    const get = (url: string) => env.server.inject({ url, headers: bearer });

    assert.equal((await get(`/api/officers/${targets.own.officerId}`)).statusCode, 200);
    assert.equal((await get(`/api/officers/${targets.overseen.officerId}`)).statusCode, 403);
    assert.equal((await get(`/api/officers/${targets.other.officerId}`)).statusCode, 403);
    assert.equal((await get(`/api/users/${targets.other.userId}`)).statusCode, 403);
    const users = (await get('/api/users')).json() as Array<{ roles: Array<{ agencyId: string | null }> }>;
    assert.ok(users.length > 0);
    assert.ok(users.every((u) => u.roles.some((g) => g.agencyId === targets.own.id)), 'the token lists only its agency’s users');
    const officers = (await get('/api/officers')).json() as Array<{ agencyId: string }>;
    assert.ok(officers.length > 0 && officers.every((o) => o.agencyId === targets.own.id), 'the token lists only its agency’s officers');

    const register = (agencyId: string) =>
      env.server.inject({
        method: 'POST',
        url: '/api/officers',
        headers: bearer,
        payload: { agencyId, name: '令牌登记', post: '科员', certificateNo: `PT-TOK-${uniq()}`, issuingAuthority: '衡阳市人民政府', fields: ['文化市场'], validFrom: '2025-01-01', validTo: '2029-12-31' },
      });
    assert.equal((await register(targets.own.id)).statusCode, 201, 'a bearer write needs no CSRF token');
    const events = await domainEvents();
    assert.equal((await register(targets.overseen.id)).statusCode, 403);
    assert.equal((await register(targets.other.id)).statusCode, 403);
    assert.equal(await domainEvents(), events);

    const revoked = await env.server.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: wtgxAdmin });
    assert.equal(revoked.statusCode, 204);
    assert.equal((await get(`/api/officers/${targets.own.officerId}`)).statusCode, 401, 'a revoked token no longer works');
  });

  it('an API token reaches no further than the agency admin who issued it (no supervisor-role token that reads the overseen agencies)', async () => {
    const wtgxAdmin = await loginAs(env.server, 'wtgx-admin');
    const wide: string[] = [];
    for (const role of ['supervisor', 'legal-review-head'] as const) {
      const issued = await env.server.inject({ method: 'POST', url: '/api/tokens', headers: wtgxAdmin, payload: { name: `宽令牌-${role}`, agencyId: targets.own.id, role } });
      if (issued.statusCode !== 201) continue; // refusing such a token is one right answer
      const bearer = { authorization: `Bearer ${issued.json().token}` };
      const users = (await env.server.inject({ url: `/api/users?agencyId=${targets.overseen.id}`, headers: bearer })).json() as unknown[];
      const officer = await env.server.inject({ url: `/api/officers/${targets.overseen.officerId}`, headers: bearer });
      if (users.length > 0 || officer.statusCode !== 403) wide.push(`${role} token: ${users.length} users of hy-whzf listed, its officer → ${officer.statusCode}`);
    }
    // wtgx-admin itself (agency-admin: own agency only) sees none of them.
    assert.equal(((await env.server.inject({ url: `/api/users?agencyId=${targets.overseen.id}`, headers: wtgxAdmin })).json() as unknown[]).length, 0);
    assert.deepEqual(wide, [], 'a token issued by wtgx-admin reads hy-whzf, which wtgx-admin may not');
  });

  it('an agency admin cannot hand out roles outside the agency, nor a platform role', async () => {
    const whzfAdmin = await loginAs(env.server, 'whzf-admin');
    const whzf = targets.overseen.id;
    const create = (roles: unknown[]) =>
      env.server.inject({ method: 'POST', url: '/api/users', headers: whzfAdmin, payload: { username: `pt-esc${uniq()}`, displayName: '越权', password: DEMO_PASSWORD, roles } });
    assert.equal((await create([{ role: 'officer', agencyId: targets.other.id, unitId: null }])).statusCode, 403);
    assert.equal((await create([{ role: 'officer', agencyId: targets.own.id, unitId: null }])).statusCode, 403, 'not even in the agency above');
    assert.equal((await create([{ role: 'platform-admin', agencyId: null, unitId: null }])).statusCode, 403);
    const u = await newUser(env, whzf);
    const patch = await env.server.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      headers: { ...whzfAdmin, 'if-match': `"${u.version}"` },
      payload: { roles: [{ role: 'officer', agencyId: whzf, unitId: null }, { role: 'supervisor', agencyId: targets.other.id, unitId: null }] },
    });
    assert.equal(patch.statusCode, 403, brief(patch));
    assert.deepEqual((await loadUser(ctx().db, u.id)).roles.map((g) => g.agencyId), [whzf]);
  });

  it('oversight reaches down the whole tree: an agency two levels below is overseen, its sibling branch is not', async () => {
    const whzf = targets.overseen.id;
    const grandchild = await createAgency(ctx(), null, { code: `pt-gc-${uniq()}`, name: '执法大队（孙级机构）', parentId: whzf });
    const officer = await newOfficer(env, grandchild.id);
    for (const role of ['supervisor', 'legal-review-head'] as const) {
      const auth = sessions[role];
      const one = await env.server.inject({ url: `/api/officers/${officer.id}`, headers: auth });
      assert.equal(one.statusCode, 200, `${role} reads an officer two levels below`);
      const listed = (await env.server.inject({ url: '/api/officers', headers: auth })).json() as Array<{ id: string }>;
      assert.ok(listed.some((o) => o.id === officer.id), `${role} lists it`);
    }
    for (const role of ['agency-admin', 'officer', 'agency-head'] as const) {
      const one = await env.server.inject({ url: `/api/officers/${officer.id}`, headers: sessions[role] });
      assert.equal(one.statusCode, 403, `${role} (own agency only) does not`);
    }
    // whzf's own legal-review head oversees its child too, but not the bureau above it.
    const whzfHead = await loginAs(env.server, 'whzf-legalhead');
    assert.equal((await env.server.inject({ url: `/api/officers/${officer.id}`, headers: whzfHead })).statusCode, 200);
    assert.equal((await env.server.inject({ url: `/api/officers/${targets.own.officerId}`, headers: whzfHead })).statusCode, 403);
  });

  it('an agency admin cannot take over or cut down an account that also holds roles outside the agency (password reset, disable, strip roles)', async () => {
    const whzfAdmin = await loginAs(env.server, 'whzf-admin');
    const whzf = targets.overseen.id;
    const dual = await createUser(ctx(), null, {
      username: `pt-dual${uniq()}`,
      displayName: '两机构用户',
      password: DEMO_PASSWORD,
      roles: [
        { role: 'officer', agencyId: whzf, unitId: null },
        { role: 'agency-admin', agencyId: targets.other.id, unitId: null },
      ],
    });
    const platformToo = await createUser(ctx(), null, {
      username: `pt-plat${uniq()}`,
      displayName: '兼任平台管理员',
      password: DEMO_PASSWORD,
      roles: [
        { role: 'platform-admin', agencyId: null, unitId: null },
        { role: 'officer', agencyId: whzf, unitId: null },
      ],
    });
    // Each attempt is made on a fresh copy of the user state; all outcomes are reported together.
    const wrong: string[] = [];
    for (const u of [dual, platformToo]) {
      const who = `${u.username} (${u.roles.map((g) => g.role).join(' + ')})`;
      const attempts: Array<[string, InjectOptions]> = [
        ['password reset', { method: 'POST', url: `/api/users/${u.id}/password`, payload: { newPassword: 'Taken@2026x', reason: '忘记密码' } }],
        ['disable', { method: 'PATCH', url: `/api/users/${u.id}`, payload: { status: 'disabled', reason: '离职' } }],
        ['strip the outside role', { method: 'PATCH', url: `/api/users/${u.id}`, payload: { roles: [{ role: 'officer', agencyId: whzf, unitId: null }], reason: '调整' } }],
      ];
      for (const [what, a] of attempts) {
        const current = await loadUser(ctx().db, u.id);
        const events = await domainEvents();
        const res = await env.server.inject({ ...a, headers: { ...whzfAdmin, 'if-match': `"${current.version}"` } });
        if (res.statusCode !== 403) wrong.push(`${what} of ${who}: ${brief(res)}`);
        else if ((await domainEvents()) !== events) wrong.push(`${what} of ${who}: refused but recorded a change`);
      }
    }
    assert.deepEqual(wrong, [], 'whzf-admin may act only on accounts wholly within its agency');
  });
});
