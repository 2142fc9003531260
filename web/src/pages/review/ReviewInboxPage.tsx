import { Badge, Button, Card, Empty, Flex, Select, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { agenciesApi } from '../../api/agencies.ts';
import { reviewsApi, type ReviewFilter, type ReviewListItem } from '../../api/reviews.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError, PageHeader, searchByLabel } from '../admin/common.tsx';
import { AssignModal, type AssignTarget } from './AssignModal.tsx';
import { OverdueTag, ReviewStatusTag } from './reviewFormat.tsx';

export function ReviewInboxPage() {
  return (
    <RequireAudience audience={AUDIENCES.reviewInbox}>
      <ReviewInbox />
    </RequireAudience>
  );
}

type TabKey = 'unassigned' | 'todo' | 'overdue' | 'done';

/**
 * 法制审核待办. A reviewer sees the reviews assigned to them: to do, overdue, done. The head of
 * legal review sees the agency's: those waiting for a reviewer (with 分配), under review, overdue
 * and done. An external legal adviser sees the rounds it co-reviews, and nothing else (the server
 * lists only those).
 */
function ReviewInbox() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const compact = !useScreen().isWide;
  const [params, setParams] = useSearchParams();
  const agencyId = params.get('agencyId');
  const head = may(me, 'review.assign');
  const adviser = !head && !may(me, 'case.review') && may(me, 'review.co-review');
  const tabs: TabKey[] = head ? ['unassigned', 'todo', 'overdue', 'done'] : ['todo', 'overdue', 'done'];
  const tabParam = params.get('tab') as TabKey | null;
  const tab: TabKey = tabParam && tabs.includes(tabParam) ? tabParam : tabs[0]!;

  // An adviser may not read the agency list (a refused request is recorded as a security event).
  const readsAgencies = may(me, 'agency.read');
  const agencies = useLoad((signal) => (readsAgencies ? agenciesApi.list(signal) : Promise.resolve([])), [readsAgencies]);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const inboxAgencies = directory.agencies.filter((a) => may(me, 'case.review', a.id) || may(me, 'review.assign', a.id));

  // The head of legal review oversees every reviewer's work; a reviewer sees their own.
  const mine: Pick<ReviewFilter, 'reviewer'> = head ? {} : { reviewer: 'me' };
  const filterOf = (key: TabKey): ReviewFilter => {
    switch (key) {
      case 'unassigned':
        return { agencyId, status: 'submitted' };
      case 'todo':
        return head ? { agencyId, status: 'assigned' } : { agencyId, status: 'open', reviewer: 'me' };
      case 'overdue':
        return { agencyId, overdue: true, ...mine };
      case 'done':
        return { agencyId, status: 'done', ...mine };
    }
  };
  const items = useLoad((signal) => reviewsApi.list(filterOf(tab), signal), [tab, agencyId, head]);
  // The counts on the tabs that call for action.
  const overdue = useLoad((signal) => reviewsApi.list(filterOf('overdue'), signal), [agencyId, head]);
  const unassigned = useLoad((signal) => (head ? reviewsApi.list(filterOf('unassigned'), signal) : Promise.resolve([])), [agencyId, head]);
  const [assigning, setAssigning] = useState<AssignTarget | null>(null);

  function reloadAll() {
    items.reload();
    overdue.reload();
    unassigned.reload();
  }

  function setParam(key: 'agencyId' | 'tab', value: string | null) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  }

  const caseCell = (r: ReviewListItem) => (
    <Flex vertical gap={2}>
      <RouterLink to={`/review/${encodeURIComponent(r.id)}`}>
        <Typography.Text strong style={{ color: 'inherit' }}>
          {r.partyName}
        </Typography.Text>
      </RouterLink>
      <Typography.Text type="secondary">
        {r.cause}
        {r.caseNo ? ` · ${r.caseNo}` : ''}
      </Typography.Text>
    </Flex>
  );
  const statusCell = (r: ReviewListItem) => (
    <Flex gap={4} wrap>
      <ReviewStatusTag status={r.status} />
      {r.overdue && <OverdueTag />}
    </Flex>
  );
  const dueCell = (r: ReviewListItem) => <Typography.Text type={r.overdue ? 'danger' : undefined}>{r.dueOn ?? '—'}</Typography.Text>;
  const actionCell = (r: ReviewListItem) =>
    r.status === 'submitted' && may(me, 'review.assign', r.agencyId) ? (
      <Button
        size="small"
        type="primary"
        onClick={() =>
          setAssigning({
            id: r.id,
            version: r.version,
            agencyId: r.agencyId,
            unitId: r.unitId,
            round: r.round,
            partyName: r.partyName,
            cause: r.cause,
            reviewerUserId: r.reviewerUserId,
            reviewerName: r.reviewerName,
            coReviewerUserId: r.coReviewerUserId,
          })
        }
      >
        {t('reviews.inbox.assign')}
      </Button>
    ) : (
      <RouterLink to={`/review/${encodeURIComponent(r.id)}`}>
        {r.status === 'assigned' && r.reviewerUserId === me.id
          ? t('reviews.inbox.open')
          : r.status === 'assigned' && r.coReviewerUserId === me.id
            ? t('reviews.inbox.coOpine')
            : t('reviews.inbox.view')}
      </RouterLink>
    );

  const columns: TableColumnsType<ReviewListItem> = compact
    ? [
        {
          title: t('reviews.fields.case'),
          key: 'case',
          render: (_, r) => (
            <Flex vertical gap={4}>
              {caseCell(r)}
              <Typography.Text type="secondary">
                {t('reviews.roundNo', { n: r.round })}
                {r.reviewerName ? ` · ${r.reviewerName}` : ''}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('reviews.fields.status'),
          key: 'status',
          width: 128,
          render: (_, r) => (
            <Flex vertical gap={4} align="flex-start">
              {statusCell(r)}
              {r.status === 'submitted' || r.status === 'assigned' ? dueCell(r) : <span>{r.decidedOn ?? '—'}</span>}
              {actionCell(r)}
            </Flex>
          ),
        },
      ]
    : [
        { title: t('reviews.fields.case'), key: 'case', render: (_, r) => caseCell(r) },
        { title: t('reviews.fields.round'), key: 'round', width: 90, render: (_, r) => t('reviews.roundNo', { n: r.round }) },
        { title: t('reviews.fields.status'), key: 'status', width: 190, render: (_, r) => statusCell(r) },
        ...(inboxAgencies.length > 1 && !agencyId ? [{ title: t('cases.fields.agency'), key: 'agency', width: 180, render: (_: unknown, r: ReviewListItem) => directory.agencyName(r.agencyId) }] : []),
        ...(readsAgencies ? [{ title: t('reviews.fields.unit'), key: 'unit', width: 110, render: (_: unknown, r: ReviewListItem) => directory.unitName(r.unitId) ?? '—' }] : []),
        { title: t('reviews.fields.reviewer'), key: 'reviewer', width: 100, render: (_, r) => r.reviewerName ?? '—' },
        { title: t('reviews.fields.submittedOn'), dataIndex: 'submittedOn', key: 'submittedOn', width: 112 },
        tab === 'done'
          ? { title: t('reviews.fields.decidedOn'), key: 'decidedOn', width: 112, render: (_, r) => r.decidedOn ?? '—' }
          : { title: t('reviews.fields.dueOn'), key: 'dueOn', width: 112, render: (_, r) => dueCell(r) },
        { title: t('common.actions'), key: 'actions', width: 90, render: (_, r) => actionCell(r) },
      ];

  const countOf = (key: TabKey) => (key === 'overdue' ? overdue.data?.length : key === 'unassigned' ? unassigned.data?.length : undefined);
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('nav.reviews')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {adviser ? t('reviews.inbox.introAdviser') : t('reviews.inbox.intro')}
      </Typography.Paragraph>
      {inboxAgencies.length > 1 && (
        <Flex gap={8} wrap>
          <Select
            allowClear
            showSearch={searchByLabel}
            value={agencyId}
            onChange={(v: string | undefined) => setParam('agencyId', v ?? null)}
            options={inboxAgencies.map((a) => ({ value: a.id, label: a.name }))}
            placeholder={t('common.allAgencies')}
            aria-label={t('common.agencyFilter')}
            style={{ flex: '1 1 220px', maxWidth: 320 }}
          />
        </Flex>
      )}
      {items.error ? <LoadError error={items.error} onRetry={items.reload} /> : null}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam('tab', key === tabs[0] ? null : key)}
          items={tabs.map((key) => {
            const count = countOf(key);
            return {
              key,
              label: (
                <Flex align="center" gap={6}>
                  {t(`reviews.inbox.tabs.${key}`)}
                  {count ? <Badge count={count} color={key === 'overdue' ? 'red' : 'blue'} size="small" /> : null}
                </Flex>
              ),
            };
          })}
        />
        <Table<ReviewListItem>
          data-testid="review-table"
          rowKey="id"
          size={compact ? 'small' : 'middle'}
          columns={columns}
          dataSource={items.data ?? []}
          loading={items.loading}
          rowClassName={(r) => (r.overdue ? 'sx-row-expired' : '')}
          scroll={compact ? undefined : { x: 960 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={adviser && tab === 'todo' ? t('reviews.inbox.emptyAdviser') : t(`reviews.inbox.empty.${tab}`)} /> }}
        />
      </Card>
      {assigning && (
        <AssignModal
          target={assigning}
          reassign={false}
          onClose={() => setAssigning(null)}
          onDone={() => {
            setAssigning(null);
            reloadAll();
          }}
        />
      )}
    </Flex>
  );
}
