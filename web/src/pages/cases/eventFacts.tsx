import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import type { ActingOfficer, Party, Penalty } from '@shared/cases.ts';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentsApi } from '../../api/cases.ts';
import i18n from '../../i18n/index.ts';
import { formatYuan } from '../../lib/money.ts';
import { evidenceKindLabel } from './actForms.tsx';
import { caseErrorText } from './formParts.tsx';
import { penaltyText, remedyOutcomeLabel, sourceLabel } from './caseFormat.tsx';

/*
 * The key data of a case event as people read it: names for officers and parties, yuan for fen,
 * labels for codes. Bookkeeping (ids, digests) is left out; long texts fold to two lines.
 */

/** Data keys that are ids or bookkeeping, never shown. */
const HIDDEN = new Set([
  'id',
  'on',
  'agencyId',
  'unitId',
  'documentId',
  'requiredBecause',
  'requiredRules',
  'proposal',
  'reviewerUserId',
  'presiderUserId',
  'preservationId',
  'settled',
  'officerId',
  'userId',
  'benchmark',
  'decidedBy',
  'field',
  // The document line under the event names the number.
  'number',
]);

/** Facts read in the order of the act's paper form, whatever order the record keeps them in. */
const ORDER = [
  'cause', 'source', 'parties', 'summary', 'actOn', 'seriousHarm', 'caseNo', 'handlers', 'officers', 'place', 'person', 'content', 'facts', 'evidence', 'items',
  'outcome', 'findings', 'proposedPenalty', 'penalty', 'firstViolation', 'secret', 'servedOn', 'reasons', 'basis', 'hearingRight', 'waived', 'text', 'adopted', 'review',
  'date', 'presiderName', 'noticeServedOn', 'partyAbsent', 'record', 'reviewerName', 'opinion', 'participants', 'conclusion',
  'rightsTold', 'partyStatement', 'partySigned', 'collected', 'to', 'reason', 'method', 'recipient', 'dueOn', 'amountFen', 'receiptNo',
  'kind', 'from', 'ground', 'days', 'name', 'replacement', 'approvedBy',
];
const rank = (key: string) => {
  const i = ORDER.indexOf(key);
  return i < 0 ? ORDER.length : i;
};

/** Yes/no facts worth a line only when they hold (a serious harm, a waiver …). */
const ONLY_WHEN_TRUE = new Set(['seriousHarm', 'firstViolation', 'secret', 'partyAbsent', 'waived', 'addressConfirmed']);

/** Texts long enough to fold. */
const LONG = new Set(['summary', 'content', 'findings', 'facts', 'reasons', 'text', 'review', 'record', 'opinion', 'conclusion', 'partyStatement']);

function translated(prefix: string, value: string, t: TFunction): string {
  const key = `${prefix}.${value}`;
  return i18n.exists(key) ? t(key as never) : value;
}

const officersText = (list: ActingOfficer[]) => list.map((o) => (o.certificateNo ? `${o.name}（${o.certificateNo}）` : o.name)).join('、');

function valueOf(act: string | null, key: string, value: unknown, t: TFunction): ReactNode | null {
  if (value === null || value === undefined || value === '') return null;
  if (act === 'record-remedy' && key === 'outcome') return remedyOutcomeLabel(String(value));
  if (Array.isArray(value) && value.length === 0) return null;
  switch (key) {
    case 'parties':
      return (value as Party[]).map((p) => p.name).join('、');
    case 'handlers':
    case 'officers':
      return officersText(value as ActingOfficer[]);
    case 'replacement':
      return officersText([value as ActingOfficer]);
    case 'evidence':
    case 'items':
      return (value as (string | { kind: string; description: string })[])
        .map((e) => (typeof e === 'string' ? e : `${evidenceKindLabel(e.kind, t)}：${e.description}`))
        .join('；');
    case 'penalty':
    case 'proposedPenalty':
      return penaltyText(value as Penalty);
    case 'amountFen':
      return formatYuan(value as number);
    case 'collected': {
      const c = value as { amountFen: number; receiptNo: string; reason: string | null };
      return t('cases.data.collectedValue', { amount: formatYuan(c.amountFen), receipt: c.receiptNo }) + (c.reason ? `（${c.reason}）` : '');
    }
    case 'source':
      return sourceLabel(String(value));
    case 'method':
      return translated('cases.serveMethods', String(value), t);
    case 'ground':
      return translated('cases.closeGrounds', String(value), t);
    case 'kind':
      return translated('cases.remedies', String(value), t);
    case 'outcome':
      return translated('cases.outcomes', String(value), t);
    case 'participants':
      return (value as string[]).join('、');
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The shown facts of one event, in the order the event records them. */
export function eventFacts(act: string | null, data: Record<string, unknown>, t: TFunction): { key: string; label: string; value: ReactNode }[] {
  const out: { key: string; label: string; value: ReactNode }[] = [];
  for (const [key, raw] of Object.entries(data).sort(([a], [b]) => rank(a) - rank(b))) {
    if (HIDDEN.has(key) || (ONLY_WHEN_TRUE.has(key) && raw === false)) continue;
    const shown = valueOf(act, key, raw, t);
    if (shown === null) continue;
    const value =
      LONG.has(key) && typeof shown === 'string' ? (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 2, expandable: true, symbol: t('cases.timeline.more') }}>
          {shown}
        </Typography.Paragraph>
      ) : (
        shown
      );
    // 移送 names the receiving body in `to`; 复议／诉讼 the end of the proceedings.
    const labelKey = act === 'record-remedy' && (key === 'to' || key === 'outcome') ? (key === 'to' ? 'remedyTo' : 'remedyOutcome') : key;
    out.push({ key, label: translated('cases.data', labelKey, t), value });
  }
  return out;
}

/** 预览 (PDF, new tab) and 下载 DOCX for one issued document. */
export function DocumentLinks({ documentId, name }: { documentId: string; name: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);
  async function docx() {
    setDownloading(true);
    try {
      await documentsApi.downloadDocx(documentId, `${name}.docx`);
    } catch (err) {
      void message.error(caseErrorText(err).title);
    } finally {
      setDownloading(false);
    }
  }
  return (
    <Flex gap={4} wrap align="center">
      <Button size="small" type="link" icon={<FilePdfOutlined />} href={documentsApi.pdfUrl(documentId)} target="_blank" rel="noopener noreferrer" aria-label={t('cases.documents.previewOf', { name })}>
        {t('cases.documents.preview')}
      </Button>
      <Button size="small" type="link" icon={<FileWordOutlined />} loading={downloading} onClick={() => void docx()} aria-label={t('cases.documents.docxOf', { name })}>
        {t('cases.documents.docx')}
      </Button>
    </Flex>
  );
}
