import { Card, Empty, Flex, Select, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { agenciesApi } from '../../api/agencies.ts';
import { publicationsApi, type PublicationListFilter, type PublicationListItem } from '../../api/publications.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError, PageHeader, searchByLabel } from '../admin/common.tsx';
import { PublicationStatusTag, TimelinessTag } from './publicationFormat.tsx';

export function PublicationsPage() {
  return (
    <RequireAudience audience={AUDIENCES.publicity}>
      <PublicationList />
    </RequireAudience>
  );
}

const TABS: PublicationListFilter[] = ['draft', 'in-review', 'published', 'overdue', 'withdrawn'];

/**
 * 公示管理 — the editors' list: drafts to edit, items awaiting review, published, overdue (past the
 * 7 working days of 118号 item 六, or a withdrawal past its 3 days), withdrawn. The supervisor
 * sees the same list for the agencies it oversees.
 */
function PublicationList() {
  const { t } = useTranslation();
  const compact = !useScreen().isWide;
  const [params, setParams] = useSearchParams();
  const agencyId = params.get('agencyId');
  const tabParam = params.get('tab') as PublicationListFilter | null;
  const tab: PublicationListFilter = tabParam && TABS.includes(tabParam) ? tabParam : 'draft';
  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const items = useLoad((signal) => publicationsApi.list({ filter: tab, agencyId }, signal), [tab, agencyId]);
  const overdue = useLoad((signal) => publicationsApi.list({ filter: 'overdue', agencyId }, signal), [agencyId]);

  const setParam = (key: 'agencyId' | 'tab', value: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const columns: TableColumnsType<PublicationListItem> = [
    {
      title: t('publications.number'),
      dataIndex: 'number',
      render: (_: unknown, r) => <RouterLink to={`/publicity/${r.id}`}>{r.number || t('publications.noNumber')}</RouterLink>,
    },
    { title: t('publications.party'), dataIndex: 'partyName' },
    ...(compact ? [] : [{ title: t('publications.cause'), dataIndex: 'cause' as const }]),
    { title: t('publications.decidedOn'), dataIndex: 'decidedOn' },
    {
      title: t('publications.dueOn'),
      key: 'due',
      render: (_: unknown, r: PublicationListItem) => (
        <Flex gap={4} wrap>
          <span>{r.withdrawDueOn ?? r.publishDueOn}</span>
          <TimelinessTag value={r.timeliness} />
        </Flex>
      ),
    },
    {
      title: t('publications.status'),
      key: 'status',
      render: (_: unknown, r: PublicationListItem) => (
        <Flex gap={4} wrap>
          <PublicationStatusTag status={r.status} />
          {r.pendingCorrection && <Tag color="purple">{t('publications.correcting')}</Tag>}
          {r.publicVersion && r.publicVersion > 1 && <Tag>{t('publications.versionN', { n: r.publicVersion })}</Tag>}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('nav.publications')}
        extra={
          <Select
            allowClear
            showSearch={searchByLabel}
            style={{ minWidth: 220 }}
            placeholder={t('publications.allAgencies')}
            aria-label={t('publications.agency')}
            value={agencyId ?? undefined}
            onChange={(v) => setParam('agencyId', v ?? null)}
            options={directory.agencies.map((a) => ({ value: a.id, label: a.name }))}
          />
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParam('tab', k)}
          items={TABS.map((k) => ({
            key: k,
            label: k === 'overdue' && overdue.data && overdue.data.length > 0 ? `${t(`publications.tabs.${k}`)} (${overdue.data.length})` : t(`publications.tabs.${k}`),
          }))}
        />
        {items.error ? (
          <LoadError error={items.error} onRetry={items.reload} />
        ) : (
          <Table<PublicationListItem>
            rowKey="id"
            size={compact ? 'small' : 'middle'}
            loading={items.loading}
            columns={columns}
            dataSource={items.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('publications.empty')} /> }}
          />
        )}
      </Card>
    </Flex>
  );
}
