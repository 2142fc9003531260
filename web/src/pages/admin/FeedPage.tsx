import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FEED_STATUSES } from '@shared/feed.ts';
import { agenciesApi } from '../../api/agencies.ts';
import { errorText } from '../../api/client.ts';
import { feedApi, type FeedAttempt, type FeedAttemptOutcome, type FeedDelivery, type FeedDeliveryPage, type FeedStatus } from '../../api/feed.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError, PageHeader, searchByLabel } from './common.tsx';

export function FeedPage() {
  return (
    <RequireAudience audience={AUDIENCES.feed}>
      <FeedLog />
    </RequireAudience>
  );
}

const STATUS_COLOURS: Record<FeedStatus, string> = { pending: 'gold', delivering: 'processing', delivered: 'green', failed: 'red' };
const OUTCOME_COLOURS: Record<FeedAttemptOutcome, string> = { delivered: 'green', retry: 'orange', failed: 'red', interrupted: 'default' };
const PAGE = 50;

export function FeedStatusTag({ status }: { status: FeedStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} style={{ marginInlineEnd: 0 }} data-testid="feed-status">
      {t(`feed.status.${status}`)}
    </Tag>
  );
}

/** `publication.published` → the `feed.kinds.published` label. */
function kindKey(kind: string): 'published' | 'corrected' | 'withdrawn' {
  const k = kind.split('.')[1];
  return k === 'corrected' || k === 'withdrawn' ? k : 'published';
}

/**
 * 对外推送: the delivery log of the feed to the city's unified platform — every item with its
 * status, attempts and last error, each attempt on expanding the row, and 重新推送 for an item
 * that failed (or is waiting for its backoff).
 */
function FeedLog() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const compact = !useScreen().isWide;
  const [params, setParams] = useSearchParams();
  const agencyId = params.get('agencyId');
  const statusParam = params.get('status') as FeedStatus | null;
  const status = statusParam && (FEED_STATUSES as readonly string[]).includes(statusParam) ? statusParam : null;

  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const feedAgencies = directory.agencies.filter((a) => may(me, 'feed.read', a.id));

  const first = useLoad((signal) => feedApi.list({ agencyId, status, limit: PAGE }, signal), [agencyId, status]);
  // Later pages, appended by 加载更多; they start over whenever the first page is (re)loaded.
  const [more, setMore] = useState<FeedDeliveryPage | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [retrying, setRetrying] = useState<string | null>(null);
  useEffect(() => setMore(null), [first.data]);
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : (first.data?.next ?? null);

  function setParam(key: 'agencyId' | 'status', value: string | null) {
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  }

  async function loadMore() {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await feedApi.list({ agencyId, status, after: next, limit: PAGE });
      setMore({ items: [...(more?.items ?? []), ...page.items], next: page.next });
    } catch (err) {
      void message.error(errorText(err, currentLang()));
    } finally {
      setLoadingMore(false);
    }
  }

  async function retry(d: FeedDelivery) {
    setRetrying(d.id);
    try {
      await feedApi.retry(d.id);
      void message.success(t('feed.retried'));
      first.reload();
    } catch (err) {
      void message.error(errorText(err, currentLang()));
      first.reload();
    } finally {
      setRetrying(null);
    }
  }

  const retryable = (d: FeedDelivery) => d.status === 'failed' || d.status === 'pending';
  const actionCell = (d: FeedDelivery) =>
    retryable(d) ? (
      <Popconfirm title={d.status === 'failed' ? t('feed.retryConfirm') : t('feed.retryNowConfirm')} onConfirm={() => retry(d)} okText={t('feed.retry')} cancelText={t('common.cancel')}>
        <Button size="small" type={d.status === 'failed' ? 'primary' : 'default'} loading={retrying === d.id} data-testid={`feed-retry-${d.id}`}>
          {d.status === 'failed' ? t('feed.retry') : t('feed.retryNow')}
        </Button>
      </Popconfirm>
    ) : null;
  const whenCell = (d: FeedDelivery) =>
    d.status === 'delivered' && d.deliveredAt ? (
      <span>{formatDateTime(d.deliveredAt)}</span>
    ) : d.status === 'pending' && d.nextAttemptAt && d.attempts > 0 ? (
      <Typography.Text type="secondary">{t('feed.nextAt', { at: formatDateTime(d.nextAttemptAt) })}</Typography.Text>
    ) : d.lastAttemptAt ? (
      <span>{formatDateTime(d.lastAttemptAt)}</span>
    ) : (
      <span>—</span>
    );
  const errorCell = (d: FeedDelivery) =>
    d.lastError && d.status !== 'delivered' ? (
      <Tooltip title={d.lastError}>
        <Typography.Text type="danger" ellipsis style={{ maxWidth: compact ? 200 : 280 }}>
          {d.lastError}
        </Typography.Text>
      </Tooltip>
    ) : (
      <span>—</span>
    );
  const itemCell = (d: FeedDelivery) => (
    <Flex vertical gap={2}>
      <Flex gap={6} align="center" wrap>
        <Tag style={{ marginInlineEnd: 0 }}>{t(`feed.kinds.${kindKey(d.kind)}`)}</Tag>
        <Typography.Text code copyable={{ text: d.subject }} style={{ fontSize: 12 }}>
          {d.subject.length > 14 ? `${d.subject.slice(0, 8)}…` : d.subject}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(d.createdAt)}
      </Typography.Text>
    </Flex>
  );

  const multiAgency = feedAgencies.length > 1 || (items.length > 0 && new Set(items.map((d) => d.agencyId)).size > 1);
  const columns: TableColumnsType<FeedDelivery> = compact
    ? [
        {
          title: t('feed.fields.item'),
          key: 'item',
          render: (_, d) => (
            <Flex vertical gap={4}>
              {itemCell(d)}
              {multiAgency && <Typography.Text type="secondary">{d.agencyName ?? directory.agencyName(d.agencyId)}</Typography.Text>}
              {d.lastError && d.status !== 'delivered' && errorCell(d)}
            </Flex>
          ),
        },
        {
          title: t('feed.fields.status'),
          key: 'status',
          width: 120,
          render: (_, d) => (
            <Flex vertical gap={4} align="flex-start">
              <FeedStatusTag status={d.status} />
              <Typography.Text type="secondary">{t('feed.attemptsN', { n: d.attempts })}</Typography.Text>
              {actionCell(d)}
            </Flex>
          ),
        },
      ]
    : [
        { title: t('feed.fields.item'), key: 'item', render: (_, d) => itemCell(d) },
        ...(multiAgency ? [{ title: t('feed.fields.agency'), key: 'agency', width: 200, render: (_: unknown, d: FeedDelivery) => d.agencyName ?? directory.agencyName(d.agencyId) }] : []),
        { title: t('feed.fields.status'), key: 'status', width: 110, render: (_, d) => <FeedStatusTag status={d.status} /> },
        { title: t('feed.fields.attempts'), dataIndex: 'attempts', key: 'attempts', width: 90, align: 'right' },
        { title: t('feed.fields.when'), key: 'when', width: 200, render: (_, d) => whenCell(d) },
        { title: t('feed.fields.lastError'), key: 'error', render: (_, d) => errorCell(d) },
        { title: t('common.actions'), key: 'actions', width: 120, render: (_, d) => actionCell(d) },
      ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('nav.feed')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={first.reload} loading={first.loading}>
            {t('feed.refresh')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('feed.intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        {feedAgencies.length > 1 && (
          <Select
            allowClear
            showSearch={searchByLabel}
            value={agencyId}
            onChange={(v: string | undefined) => setParam('agencyId', v ?? null)}
            options={feedAgencies.map((a) => ({ value: a.id, label: a.name }))}
            placeholder={t('common.allAgencies')}
            aria-label={t('common.agencyFilter')}
            style={{ flex: '1 1 220px', maxWidth: 320 }}
          />
        )}
        <Select
          allowClear
          value={status}
          onChange={(v: FeedStatus | undefined) => setParam('status', v ?? null)}
          options={FEED_STATUSES.map((s) => ({ value: s, label: t(`feed.status.${s}`) }))}
          placeholder={t('feed.allStatuses')}
          aria-label={t('feed.statusFilter')}
          data-testid="feed-status-filter"
          style={{ flex: '1 1 160px', maxWidth: 220 }}
        />
      </Flex>
      {first.error ? <LoadError error={first.error} onRetry={first.reload} /> : null}
      <Card styles={{ body: { padding: compact ? 8 : undefined } }}>
        <Table<FeedDelivery>
          data-testid="feed-table"
          rowKey="id"
          size={compact ? 'small' : 'middle'}
          columns={columns}
          dataSource={items}
          loading={first.loading}
          rowClassName={(d) => (d.status === 'failed' ? 'sx-row-expired' : '')}
          scroll={compact ? undefined : { x: 960 }}
          pagination={false}
          expandable={{ expandedRowRender: (d) => <AttemptLog delivery={d} />, rowExpandable: (d) => d.log.length > 0 }}
          locale={{ emptyText: <Empty description={t('feed.empty')} /> }}
        />
        {next && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={loadMore} loading={loadingMore}>
              {t('feed.loadMore')}
            </Button>
          </Flex>
        )}
      </Card>
    </Flex>
  );
}

/** Every attempt of an item (newest first): when, how long, the answer or the error. */
function AttemptLog({ delivery }: { delivery: FeedDelivery }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<FeedAttempt> = [
    { title: t('feed.log.attempt'), key: 'n', width: 80, render: (_, a) => t('feed.log.nth', { n: a.attempt }) },
    { title: t('feed.log.startedAt'), key: 'at', width: 180, render: (_, a) => formatDateTime(a.startedAt) },
    { title: t('feed.log.duration'), key: 'ms', width: 100, render: (_, a) => (a.durationMs === null ? '—' : t('feed.log.ms', { ms: a.durationMs })) },
    { title: t('feed.log.statusCode'), key: 'code', width: 90, render: (_, a) => a.statusCode ?? '—' },
    {
      title: t('feed.log.outcome'),
      key: 'outcome',
      width: 120,
      render: (_, a) => (
        <Tag color={OUTCOME_COLOURS[a.outcome]} style={{ marginInlineEnd: 0 }}>
          {t(`feed.outcome.${a.outcome}`)}
        </Tag>
      ),
    },
    { title: t('feed.log.error'), key: 'error', render: (_, a) => <Typography.Text style={{ wordBreak: 'break-all' }}>{a.error ?? '—'}</Typography.Text> },
  ];
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('feed.fields.key')}: <Typography.Text code copyable>{delivery.idempotencyKey}</Typography.Text>
      </Typography.Text>
      <Table<FeedAttempt> rowKey={(a) => `${a.attempt}-${a.startedAt}-${a.outcome}`} size="small" columns={columns} dataSource={delivery.log} pagination={false} scroll={{ x: 720 }} />
    </Flex>
  );
}
