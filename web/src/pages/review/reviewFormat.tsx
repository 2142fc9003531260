import { Tag } from 'antd';
import type { Penalty } from '@shared/cases.ts';
import { ESCALATION_LABELS, REVIEW_OUTCOME_LABELS, REVIEW_STATUS_LABELS, type ReviewOutcome, type ReviewStatus } from '@shared/reviews.ts';
import { useTranslation } from 'react-i18next';
import i18n, { currentLang, sharedKey } from '../../i18n/index.ts';
import { penaltyText } from '../cases/caseFormat.tsx';

/* The review tables are shared with the server and keyed zh/en, like the case tables. */

type Labels = Record<string, { zh: string; en: string } | undefined>;
const labelFrom = (table: Labels, key: string) => table[key]?.[sharedKey(currentLang())] ?? key;

export const reviewStatusLabel = (s: ReviewStatus | string) => labelFrom(REVIEW_STATUS_LABELS, s);
export const outcomeLabel = (o: ReviewOutcome | string) => labelFrom(REVIEW_OUTCOME_LABELS, o);
export const escalationLabel = (to: string) => labelFrom(ESCALATION_LABELS, to);

/** A reviewed proposal in one line: the penalty, or 不予行政处罚 (null: a decision of Art 57 that Art 58 gates too). */
export const proposalText = (p: Penalty | null): string => (p === null ? i18n.t('reviews.noPenalty') : penaltyText(p));

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
