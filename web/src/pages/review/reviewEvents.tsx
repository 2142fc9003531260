import { Typography } from 'antd';
import type { ChecklistResult, ReviewMaterial } from '@shared/reviews.ts';
import type { Penalty } from '@shared/cases.ts';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { REVIEW_CHECKLIST } from './checklist.ts';
import { escalationLabel, outcomeLabel, proposalText } from './reviewFormat.tsx';

/*
 * The `review.*` events on a case's timeline (src/modules/review/reviews.rules.ts ReviewEventData):
 * their names and key facts, as people read them. Ids, digests and the document number (shown
 * with the document under the event) are left out.
 */

export const REVIEW_EVENTS = ['review.submitted', 'review.assigned', 'review.reassigned', 'review.decided', 'review.escalated', 'review.due-recomputed', 'review.co-opinion', 'review.withdrawn'] as const;
export type ReviewEventType = (typeof REVIEW_EVENTS)[number];

export const isReviewEvent = (type: string): type is ReviewEventType => (REVIEW_EVENTS as readonly string[]).includes(type);

export const reviewEventLabel = (type: ReviewEventType, t: TFunction) => t(`reviews.events.${type}`);

const long = (s: string) => (
  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 2, expandable: true, symbol: '…' }}>
    {s}
  </Typography.Paragraph>
);

/** The shown facts of one review event. */
export function reviewEventFacts(type: ReviewEventType, d: Record<string, unknown>, t: TFunction): { key: string; label: string; value: ReactNode }[] {
  const out: { key: string; label: string; value: ReactNode }[] = [];
  const add = (key: string, value: ReactNode | null | undefined) => {
    if (value === null || value === undefined || value === '') return;
    out.push({ key, label: t(`reviews.data.${key}` as never), value });
  };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  switch (type) {
    case 'review.submitted': {
      add('round', typeof d.round === 'number' ? t('reviews.roundNo', { n: d.round }) : null);
      // null: a proposal of 不予行政处罚.
      add('penalty', d.penalty !== undefined ? proposalText(d.penalty as Penalty | null) : null);
      const materials = Array.isArray(d.materials) ? (d.materials as ReviewMaterial[]) : [];
      add('materials', materials.length > 0 ? materials.map((m) => (m.present ? m.name : `${m.name}（${t('reviews.workspace.missing')}）`)).join('、') : null);
      add('note', str(d.note));
      add('dueOn', str(d.dueOn));
      break;
    }
    case 'review.assigned':
    case 'review.reassigned':
      add('reviewerName', str(d.reviewerName));
      add('coReviewerName', str(d.coReviewerName));
      add('mode', d.mode === 'manual' || d.mode === 'round-robin' ? t(`reviews.modes.${d.mode}`) : null);
      add('reason', str(d.reason));
      break;
    case 'review.decided': {
      add('outcome', str(d.outcome) ? outcomeLabel(String(d.outcome)) : null);
      add('reviewerName', str(d.reviewerName));
      const problems = Array.isArray(d.checklist) ? (d.checklist as ChecklistResult[]).filter((c) => !c.ok) : [];
      add('problems', problems.length > 0 ? problems.map((c) => `${c.point}. ${REVIEW_CHECKLIST[c.point - 1]?.[0] ?? ''}：${c.comment}`).join('；') : null);
      add('opinion', str(d.opinion) ? long(String(d.opinion)) : null);
      add('requiredChanges', str(d.requiredChanges) ? long(String(d.requiredChanges)) : null);
      break;
    }
    case 'review.escalated':
      add('to', str(d.to) ? escalationLabel(String(d.to)) : null);
      add('reason', str(d.reason) ? long(String(d.reason)) : null);
      break;
    case 'review.co-opinion':
      add('adviserName', str(d.name));
      add('opinion', str(d.opinion) ? long(String(d.opinion)) : null);
      break;
    case 'review.withdrawn':
      add('reason', str(d.reason) ? long(String(d.reason)) : null);
      break;
    case 'review.due-recomputed':
      add('dueOn', str(d.dueOn) ? t('reviews.data.dueMoved', { before: str(d.before) ?? '—', after: String(d.dueOn) }) : null);
      add('calendarYear', typeof d.calendarYear === 'number' ? t('reviews.data.calendarYearValue', { year: d.calendarYear }) : null);
      break;
  }
  return out;
}
