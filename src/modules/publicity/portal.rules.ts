/**
 * The portal's rows of a published decision, from the public object alone (never from the
 * console's record or the draft's columns, which hold unredacted and unpublished values): the
 * search list row, kept per public decision in `publication_items` by the publication projector
 * (so a search page reads a few hundred bytes per hit instead of the whole decision text), and
 * the CSV download's row.
 */
import { PENALTY_KIND_LABELS } from '../../shared/cases.ts';
import { PUBLICATION_KIND_LABELS, type PublishedDecision, type PublishedDecisionListItem } from '../../shared/publications.ts';

export function listItemOf(d: PublishedDecision): PublishedDecisionListItem {
  return {
    id: d.id,
    kind: d.kind,
    number: d.number,
    agencyId: d.agencyId,
    agencyName: d.agencyName,
    partyName: d.party.name,
    cause: d.cause,
    penaltyKinds: d.penaltyKinds,
    fineFen: d.fineFen,
    decidedOn: d.decidedOn,
    publishedOn: d.publishedOn,
    version: d.version,
  };
}

const yuan = (fen: number | null) => (fen === null ? '' : (fen / 100).toFixed(2));
/** 暂扣／吊销许可证件 are penalties: a licensing decision leaves those cells empty rather than “否”. */
const yesNo = (d: PublishedDecision, v: boolean) => (d.kind === 'penalty' ? (v ? '是' : '否') : '');

/**
 * The CSV columns (header, cell) of 执法决定公示 — every field of the public object but its full
 * text, ids and correction list. 违法事实 and 处罚依据 are the published (redacted) texts. The
 * publication model has no licence-specific fields yet (licensing is not built), so a licensing
 * decision shows what every decision has; its licence number, item and validity will be columns
 * when PublicationFields holds them.
 */
export const CSV_COLUMNS: readonly (readonly [header: string, cell: (d: PublishedDecision) => string | number])[] = [
  ['决定书文号', (d) => d.number],
  ['执法机关', (d) => d.agencyName],
  ['决定类别', (d) => PUBLICATION_KIND_LABELS[d.kind]?.zh ?? d.kind],
  ['当事人', (d) => d.party.name],
  ['统一社会信用代码', (d) => d.party.creditCode ?? ''],
  ['法定代表人（负责人）', (d) => d.party.representative ?? ''],
  ['违法行为类型', (d) => d.cause],
  ['违法事实', (d) => d.facts],
  ['处罚依据', (d) => d.basis],
  ['处罚类别', (d) => d.penaltyKinds.map((k) => PENALTY_KIND_LABELS[k]?.zh ?? k).join('、')],
  ['处罚内容', (d) => d.penaltyContent],
  ['罚款（元）', (d) => yuan(d.fineFen)],
  ['没收违法所得（元）', (d) => yuan(d.confiscatedGainsFen)],
  ['没收非法财物价值（元）', (d) => yuan(d.confiscatedPropertyFen)],
  ['暂扣许可证件', (d) => yesNo(d, d.licenceSuspended)],
  ['吊销许可证件', (d) => yesNo(d, d.licenceRevoked)],
  ['决定日期', (d) => d.decidedOn],
  ['公示日期', (d) => d.publishedOn],
  ['公示截止日期', (d) => d.publicUntil],
  ['版本', (d) => d.version],
];

/**
 * One CSV field (RFC 4180). A text a spreadsheet would run as a formula (leading = + - @, or a
 * tab/CR that some readers strip before looking) gets a leading apostrophe (OWASP "CSV injection").
 */
export function csvField(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvHeader = (): string => CSV_COLUMNS.map(([h]) => csvField(h)).join(',');

export const csvRow = (d: PublishedDecision): string => CSV_COLUMNS.map(([, cell]) => csvField(cell(d))).join(',');
