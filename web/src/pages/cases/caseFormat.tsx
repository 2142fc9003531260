import { Tag } from 'antd';
import {
  CASE_ACTS,
  CASE_SOURCE_LABELS,
  REMEDY_OUTCOME_LABELS,
  CASE_STATUS_LABELS,
  PENALTY_KIND_LABELS,
  type CaseAct,
  type CaseStatus,
  type Party,
  type Penalty,
} from '@shared/cases.ts';
import { DOCUMENT_KINDS } from '@shared/documents.ts';
import { currentLang, sharedKey } from '../../i18n/index.ts';
import { formatYuan } from '../../lib/money.ts';

/*
 * The case tables (statuses, acts, penalty kinds, sources) are shared with the server and keyed
 * zh/en, like the role labels; these read them in the user's language and tolerate a code this
 * build does not know.
 */

type Labels = Record<string, { zh: string; en: string } | undefined>;

function labelFrom(table: Labels, key: string): string {
  const entry = table[key];
  return entry ? entry[sharedKey(currentLang())] : key;
}

export const statusLabel = (s: CaseStatus | string) => labelFrom(CASE_STATUS_LABELS, s);
export const actLabel = (a: CaseAct | string) => labelFrom(CASE_ACTS as unknown as Labels, a);
export const penaltyKindLabel = (k: string) => labelFrom(PENALTY_KIND_LABELS, k);
export const sourceLabel = (s: string) => labelFrom(CASE_SOURCE_LABELS, s);
export const remedyOutcomeLabel = (o: string) => labelFrom(REMEDY_OUTCOME_LABELS, o);
export const documentKindLabel = (k: string) => labelFrom(DOCUMENT_KINDS as unknown as Labels, k);

/** The act of a `case.<act>` event type, or null for another type. */
export function actOfEvent(type: string): CaseAct | null {
  if (!type.startsWith('case.')) return null;
  const act = type.slice('case.'.length);
  return Object.hasOwn(CASE_ACTS, act) ? (act as CaseAct) : null;
}

/** Where a case stands, coloured by how far along it is; ended-without-penalty statuses are grey. */
const STATUS_COLOURS: Record<CaseStatus, string> = {
  clue: 'default',
  'not-filed': 'default',
  investigating: 'processing',
  'investigation-closed': 'cyan',
  notified: 'gold',
  decided: 'purple',
  transferred: 'default',
  served: 'geekblue',
  closed: 'green',
  archived: 'success',
  withdrawn: 'default',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {statusLabel(status)}
    </Tag>
  );
}


/** A penalty in one line: 警告；罚款 ¥5,000.00. */
export function penaltyText(p: Penalty | null | undefined): string {
  if (!p) return '—';
  const zh = sharedKey(currentLang()) === 'zh';
  const sep = zh ? '；' : '; ';
  const parts = p.kinds.map((k) => {
    const name = penaltyKindLabel(k);
    const fen = k === 'fine' ? p.fineFen : k === 'confiscate-gains' ? p.confiscatedGainsFen : k === 'confiscate-property' ? p.confiscatedPropertyFen : null;
    return fen !== null ? `${name} ${formatYuan(fen)}` : name;
  });
  const text = parts.join(sep);
  return p.description.trim() ? `${text}${sep}${p.description.trim()}` : text;
}

/** The parties' names, joined. */
export function partyNames(parties: readonly Party[]): string {
  return parties.map((p) => p.name).join(sharedKey(currentLang()) === 'zh' ? '、' : ', ');
}
