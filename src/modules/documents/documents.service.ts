/**
 * Issuing enforcement documents, and reading them back. `issueDocument` runs inside the calling
 * act's transaction (the case module's): the number, the stored PDF, the `document.issued`
 * event and the `documents` row commit together with the act, or not at all.
 */
import canonicalize from 'canonicalize';
import type { Ctx } from '../../context.ts';
import { DbBlobStore } from '../../blobs/blob-store.ts';
import { checkVersion } from '../../kernel/concurrency.ts';
import { chinaDate } from '../../kernel/dates.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Db, Engine, Tx } from '../../store/db.ts';
import { DOCUMENT_KINDS, DOCUMENT_KIND_NAMES, isDocumentKind, type DocumentKind, type DocumentMeta, type DocumentSettings } from '../../shared/documents.ts';
import type { Principal } from '../identity/access.policy.ts';
import { requireAccess } from '../identity/access.service.ts';
import { requireCaseRead } from '../review/co-review.access.ts';
import type { DocumentSpec } from './document.spec.ts';
import type { DocumentIssued, DocumentSettingsSet } from './documents.projections.ts';
import { allocateNumber, formatNumber, loadNumbering, patternFor, patternProblem } from './numbering.ts';
import { renderDocx } from './render.docx.ts';
import { renderPdf } from './render.pdf.ts';

export type { DocumentMeta, DocumentSettings } from '../../shared/documents.ts';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface IssueDocumentInput {
  agencyId: string;
  caseId: string;
  kind: DocumentKind;
  /** Who issues it (a user id, or 'system'): the event's actor. */
  actor: string;
  /** Date of issue, YYYY-MM-DD on the China calendar; its year is the number's year. */
  on: string;
  /** The document (templates.ts builds it); `number` is filled in here for numbered kinds. */
  spec: DocumentSpec;
}

/**
 * Issues a document in the caller's transaction: allocates the number (numbered kinds), renders
 * the PDF, stores it, appends `document.issued` to the agency's log (subject: the case) and
 * returns what was issued. The caller has already checked that the act is allowed.
 */
export async function issueDocument(ctx: Ctx, trx: Tx, input: IssueDocumentInput): Promise<DocumentMeta> {
  const { agencyId, caseId, kind, on } = input;
  if (!isDocumentKind(kind) || input.spec.kind !== kind) {
    throw new DomainError('document-spec-invalid', `文书内容（${input.spec.kind}）与文书种类（${kind}）不符`, 400, { kind, specKind: input.spec.kind });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) throw new DomainError('validation-failed', `文书日期格式不正确：${on}`, 400, { fields: [{ field: 'on', message: '应为 YYYY-MM-DD' }] });
  // The log head first, then the counter: every append locks the head before anything of ours,
  // so taking them in the same order means an act that appended earlier in its transaction and
  // an issue running beside it can never wait on each other in a cycle.
  await lockLog(trx, ctx.engine, agencyId);
  const info = DOCUMENT_KINDS[kind];
  const allocated = info.numbered ? await allocateNumber(trx, agencyId, kind, on) : null;
  // Rendered from exactly what the event records (its canonical JSON), so the record reproduces the PDF.
  const spec = JSON.parse(canonicalize({ ...input.spec, number: allocated?.number ?? null }) ?? 'null') as DocumentSpec;
  const issuedAt = ctx.clock.now();
  const pdf = await renderPdf(spec, { issuedAt });
  const stored = await new DbBlobStore(trx, () => issuedAt.toISOString()).put(pdf, PDF);
  const id = newId();
  const data: DocumentIssued = {
    id,
    caseId,
    kind,
    title: spec.title,
    number: spec.number,
    serial: allocated ? { year: allocated.year, seq: allocated.seq } : null,
    on,
    issuedAt: issuedAt.toISOString(),
    pdf: { sha256: stored.digest, size: stored.size },
    spec,
  };
  const event = await ctx.ledger.append(trx, { log: agencyId, actor: input.actor, type: 'document.issued', subject: caseId, data: { ...data } });
  return { id, agencyId, caseId, kind, title: spec.title, number: spec.number, issuedOn: on, pdf: data.pdf, createdAt: event.at };
}

async function lockLog(trx: Tx, engine: Engine, log: string): Promise<void> {
  let q = trx.selectFrom('logs').select('id').where('id', '=', log);
  if (engine === 'postgres') q = q.forUpdate();
  if (!(await q.executeTakeFirst())) throw new DomainError('not-found', `机构不存在：${log}`, 404, { field: 'agencyId' });
}

type DocumentRow = {
  id: string;
  agency_id: string;
  case_id: string;
  kind: string;
  title: string;
  number: string | null;
  issued_on: string;
  issued_at: string;
  pdf_sha256: string;
  pdf_size: number;
  spec: string;
  log_seq: number;
  created_at: string;
};

function toMeta(r: DocumentRow): DocumentMeta {
  return {
    id: r.id,
    agencyId: r.agency_id,
    caseId: r.case_id,
    kind: r.kind as DocumentKind,
    title: r.title,
    number: r.number,
    issuedOn: r.issued_on,
    pdf: { sha256: r.pdf_sha256, size: Number(r.pdf_size) },
    createdAt: r.created_at,
  };
}

async function loadRow(db: Db | Tx, id: string): Promise<DocumentRow> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('文书', id);
  return row;
}

/** A document's metadata, for someone who may read the cases of its agency. */
export async function getDocument(ctx: Ctx, p: Principal, id: string): Promise<DocumentMeta> {
  const row = await loadRow(ctx.db, id);
  await requireCaseRead(ctx.db, p, row.agency_id, row.case_id);
  return toMeta(row);
}

/**
 * The documents issued for a case, in order of issue. No access check: the case module calls it
 * after checking access to the case itself.
 */
export async function listCaseDocuments(db: Db | Tx, caseId: string): Promise<DocumentMeta[]> {
  const rows = await db.selectFrom('documents').selectAll().where('case_id', '=', caseId).orderBy('log_seq').execute();
  return rows.map(toMeta);
}

/** The issued PDF, exactly as issued (its digest checked against the one the ledger recorded). */
export async function documentPdf(ctx: Ctx, p: Principal, id: string): Promise<{ meta: DocumentMeta; bytes: Buffer }> {
  const row = await loadRow(ctx.db, id);
  await requireCaseRead(ctx.db, p, row.agency_id, row.case_id);
  const bytes = await new DbBlobStore(ctx.db).get(row.pdf_sha256);
  if (!bytes) throw new DomainError('blob-corrupt', `文书的 PDF 文件缺失：${row.pdf_sha256}`, 500, { digest: row.pdf_sha256 });
  return { meta: toMeta(row), bytes };
}

/** The document as an editable Word file, rendered from the spec the ledger recorded. */
export async function documentDocx(ctx: Ctx, p: Principal, id: string): Promise<{ meta: DocumentMeta; bytes: Buffer }> {
  const row = await loadRow(ctx.db, id);
  await requireCaseRead(ctx.db, p, row.agency_id, row.case_id);
  return { meta: toMeta(row), bytes: await renderDocx(JSON.parse(row.spec) as DocumentSpec, { issuedAt: new Date(row.issued_at) }) };
}

/** The spec and issue time a document was rendered from (to re-render and compare). */
export async function documentSource(db: Db | Tx, id: string): Promise<{ spec: DocumentSpec; issuedAt: Date }> {
  const row = await loadRow(db, id);
  return { spec: JSON.parse(row.spec) as DocumentSpec, issuedAt: new Date(row.issued_at) };
}

/** File name for downloads: title and number (文号), e.g. 行政处罚决定书（衡文执罚决字〔2026〕第12号）.pdf */
export function documentFileName(meta: Pick<DocumentMeta, 'title' | 'number'>, ext: 'pdf' | 'docx'): string {
  return `${meta.title}${meta.number ? `（${meta.number}）` : ''}.${ext}`;
}

// ---- numbering settings ---------------------------------------------------------------------

async function settingsOf(db: Db | Tx, agencyId: string, year: number): Promise<DocumentSettings> {
  const n = await loadNumbering(db, agencyId);
  const effective = DOCUMENT_KIND_NAMES.filter((k) => DOCUMENT_KINDS[k].numbered).map((kind) => {
    const pattern = patternFor(n, kind);
    return { kind, title: DOCUMENT_KINDS[kind].zh, pattern, example: formatNumber(pattern, { short: n.shortName, word: DOCUMENT_KINDS[kind].word ?? '', year, n: 1 }) };
  });
  return { agencyId, shortName: n.shortName, shortNameDerived: n.derived, patterns: n.patterns, effective, version: n.version };
}

export async function getDocumentSettings(ctx: Ctx, p: Principal, agencyId: string): Promise<DocumentSettings> {
  await requireAgency(ctx.db, agencyId);
  await requireAccess(ctx.db, p, 'document.settings', agencyId);
  return settingsOf(ctx.db, agencyId, Number(chinaDate(ctx.clock).slice(0, 4)));
}

export interface DocumentSettingsInput {
  shortName: string;
  patterns: Partial<Record<DocumentKind, string>>;
  reason?: string | null;
}

/**
 * Sets the agency's short name and pattern overrides (the whole settings, replacing the old).
 * Numbers already issued keep their text; serials continue (they count per kind and year,
 * whatever the pattern looks like).
 */
export async function setDocumentSettings(ctx: Ctx, p: Principal | null, agencyId: string, expectedVersion: number | undefined, input: DocumentSettingsInput): Promise<DocumentSettings> {
  await ctx.db.transaction().execute(async (trx) => {
    await requireAgency(trx, agencyId);
    if (p) await requireAccess(trx, p, 'document.settings', agencyId);
    await lockLog(trx, ctx.engine, agencyId);
    const current = await loadNumbering(trx, agencyId);
    checkVersion(expectedVersion, current, await settingsOf(trx, agencyId, Number(chinaDate(ctx.clock).slice(0, 4))));
    const problems: Array<{ field: string; message: string }> = [];
    for (const [kind, pattern] of Object.entries(input.patterns)) {
      if (!isDocumentKind(kind) || !DOCUMENT_KINDS[kind].numbered) problems.push({ field: `patterns.${kind}`, message: '该文书种类没有文号' });
      else {
        const problem = patternProblem(pattern ?? '');
        if (problem) problems.push({ field: `patterns.${kind}`, message: problem });
      }
    }
    if (problems.length > 0) throw new DomainError('invalid-number-pattern', problems.map((x) => x.message).join('；'), 400, { fields: problems });
    const patterns = Object.fromEntries(Object.entries(input.patterns).sort(([a], [b]) => (a < b ? -1 : 1))) as DocumentSettingsSet['patterns'];
    const data: DocumentSettingsSet = { agencyId, shortName: input.shortName.trim(), patterns, reason: input.reason ?? null };
    // An unchanged PUT records nothing.
    if (!current.derived && current.shortName === data.shortName && canonicalize(current.patterns) === canonicalize(patterns)) return;
    await ctx.ledger.append(trx, { log: agencyId, actor: p?.id ?? 'system', type: 'document-settings.set', subject: agencyId, data: { ...data } });
  });
  return settingsOf(ctx.db, agencyId, Number(chinaDate(ctx.clock).slice(0, 4)));
}

async function requireAgency(db: Db | Tx, agencyId: string): Promise<void> {
  const agency = await db.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw notFound('机构', agencyId);
}
