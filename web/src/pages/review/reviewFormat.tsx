import { Tag } from 'antd';
import { ESCALATION_LABELS, REVIEW_OUTCOME_LABELS, REVIEW_STATUS_LABELS, type ReviewOutcome, type ReviewStatus } from '@shared/reviews.ts';
import { useTranslation } from 'react-i18next';
import { currentLang, sharedKey } from '../../i18n/index.ts';

/* The review tables are shared with the server and keyed zh/en, like the case tables. */

type Labels = Record<string, { zh: string; en: string } | undefined>;
const labelFrom = (table: Labels, key: string) => table[key]?.[sharedKey(currentLang())] ?? key;

export const reviewStatusLabel = (s: ReviewStatus | string) => labelFrom(REVIEW_STATUS_LABELS, s);
export const outcomeLabel = (o: ReviewOutcome | string) => labelFrom(REVIEW_OUTCOME_LABELS, o);
export const escalationLabel = (to: string) => labelFrom(ESCALATION_LABELS, to);

const STATUS_COLOURS: Record<ReviewStatus, string> = {
  submitted: 'blue',
  assigned: 'processing',
  returned: 'orange',
  approved: 'green',
  escalated: 'purple',
  withdrawn: 'default',
};

export function ReviewStatusTag({ status }: { status: ReviewStatus }) {
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {reviewStatusLabel(status)}
    </Tag>
  );
}

/** An open review past its due date. */
export function OverdueTag() {
  const { t } = useTranslation();
  return (
    <Tag color="red" style={{ marginInlineEnd: 0 }}>
      {t('reviews.overdueTag')}
    </Tag>
  );
}
