import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PUBLICATION_REDACTION_KIND_LABELS, PUBLICATION_STATUS_LABELS, type PublicationRedactionKind, type PublicationStatus, type PublicationTimeliness } from '@shared/publications.ts';
import { currentLang, sharedKey } from '../../i18n/index.ts';

const STATUS_COLORS: Record<PublicationStatus, string> = { draft: 'default', 'in-review': 'processing', published: 'success', withdrawn: 'error', expired: 'default' };

export const statusLabel = (s: PublicationStatus) => PUBLICATION_STATUS_LABELS[s][sharedKey(currentLang())];
export const redactionKindLabel = (k: PublicationRedactionKind) => PUBLICATION_REDACTION_KIND_LABELS[k][sharedKey(currentLang())];

export function PublicationStatusTag({ status }: { status: PublicationStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{statusLabel(status)}</Tag>;
}

export function TimelinessTag({ value }: { value: PublicationTimeliness }) {
  const { t } = useTranslation();
  if (value === 'on-time') return null;
  const color = value === 'overdue' || value === 'withdrawal-overdue' ? 'error' : value === 'late' ? 'warning' : 'gold';
  return <Tag color={color}>{t(`publications.timeliness.${value}`)}</Tag>;
}
