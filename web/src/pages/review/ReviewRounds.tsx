import { Collapse, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReviewRecord } from '../../api/reviews.ts';
import { RouterLink } from '../../components/RouterLink.tsx';
import { CoOpinionView } from './CoOpinion.tsx';
import { OpinionView } from './OpinionForm.tsx';
import { escalationLabel, proposalText, ReviewStatusTag } from './reviewFormat.tsx';

/**
 * 审核记录 — every round of the case, oldest first, each kept as it was: what was submitted, who
 * reviewed it (and the legal adviser's opinion, where one co-reviewed), the opinion with its ten
 * points and document, and any escalation. The latest earlier round is open, so the reviewer
 * sees what was asked last time.
 */
export function ReviewRounds({ rounds, currentId }: { rounds: ReviewRecord[]; currentId: string }) {
  const { t } = useTranslation();
  if (rounds.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const earlier = rounds.filter((r) => r.id !== currentId);
  const open = earlier.length > 0 ? [earlier[earlier.length - 1]!.id] : [];
  return (
    <Collapse
      data-testid="review-rounds"
      defaultActiveKey={open}
      items={[...rounds].reverse().map((r) => ({
        key: r.id,
        label: (
          <Flex align="center" gap={8} wrap>
            <Typography.Text strong>{t('reviews.roundNo', { n: r.round })}</Typography.Text>
            <ReviewStatusTag status={r.status} />
            {r.id === currentId && <Tag style={{ marginInlineEnd: 0 }}>{t('reviews.workspace.current')}</Tag>}
            <Typography.Text type="secondary">{`${r.submittedOn} · ${proposalText(r.penalty)}`}</Typography.Text>
          </Flex>
        ),
        extra:
          r.id === currentId ? undefined : (
            <RouterLink to={`/review/${encodeURIComponent(r.id)}`} onClick={(e) => e.stopPropagation()} style={{ whiteSpace: 'nowrap' }}>
              {t('reviews.workspace.openRound')}
            </RouterLink>
          ),
        children: <RoundBody r={r} />,
      }))}
    />
  );
}

function RoundBody({ r }: { r: ReviewRecord }) {
  const { t } = useTranslation();
  const items = [
    { key: 'submitted', label: t('reviews.fields.submittedBy'), children: `${r.submittedBy.name} · ${r.submittedOn}` },
    ...(r.note ? [{ key: 'note', label: t('reviews.fields.note'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.note}</span> }] : []),
    ...(r.dueOn ? [{ key: 'due', label: t('reviews.fields.dueOn'), children: r.dueOn }] : []),
    ...(r.assignments.length > 0
      ? [
          {
            key: 'assignments',
            label: t('reviews.fields.reviewer'),
            children: (
              <Flex vertical gap={2}>
                {r.assignments.map((a, i) => (
                  <span key={i}>
                    {t('reviews.workspace.assignedOn', {
                      on: a.on,
                      mode: t(`reviews.modes.${a.mode}`),
                      name: a.coReviewerName ? `${a.reviewerName}、${a.coReviewerName}` : a.reviewerName,
                    })}
                    {a.reason ? t('reviews.workspace.assignedReason', { reason: a.reason }) : ''}
                  </span>
                ))}
              </Flex>
            ),
          },
        ]
      : []),
    ...(r.coOpinion ? [{ key: 'coOpinion', label: t('reviews.fields.coOpinion'), children: <CoOpinionView opinion={r.coOpinion} /> }] : []),
  ];
  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={1} items={items} styles={{ label: { width: 96, whiteSpace: 'nowrap' } }} />
      {r.decision ? <OpinionView review={r} /> : <Typography.Text type="secondary">{t('reviews.workspace.noDecision')}</Typography.Text>}
      {r.escalation && (
        <Typography.Text type="secondary">
          {t('reviews.workspace.escalated', { on: r.escalation.on, by: r.escalation.by, to: escalationLabel(r.escalation.to), reason: r.escalation.reason })}
        </Typography.Text>
      )}
    </Flex>
  );
}
