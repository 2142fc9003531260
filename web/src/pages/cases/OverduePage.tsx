import { Card, Empty, Flex, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { agenciesApi } from '../../api/agencies.ts';
import { casesApi, type OverdueItem } from '../../api/cases.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError, PageHeader, searchByLabel } from '../admin/common.tsx';
import { DeadlineStatusTag, ProvisionalTag } from './caseTabs.tsx';

export function OverduePage() {
  return (
    <RequireAudience audience={AUDIENCES.cases}>
      <Overdue />
    </RequireAudience>
  );
}

/** 逾期事项: every overdue or soon-due deadline of the agencies the user may read, soonest first. */
function Overdue() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const compact = !useScreen().isWide;
  const [params, setParams] = useSearchParams();
  const agencyId = params.get('agencyId');
  const unitId = params.get('unitId');
  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const caseAgencies = directory.agencies.filter((a) => may(me, 'case.read', a.id));
  const scopeAgency = agencyId ?? (caseAgencies.length === 1 ? caseAgencies[0]!.id : null);
  const items = useLoad((signal) => casesApi.overdue({ agencyId, unitId }, signal), [agencyId, unitId]);

  function setFilter(key: 'agencyId' | 'unitId', value: string | null) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key === 'agencyId') next.delete('unitId');
        return next;
      },
      { replace: true },
    );
  }

  const caseCell = (o: OverdueItem) => (
    <Flex vertical gap={2}>
      <RouterLink to={`/cases/${encodeURIComponent(o.caseId)}?tab=deadlines`}>
        <Typography.Text strong style={{ color: 'inherit' }}>
          {o.partyName}
        </Typography.Text>
      </RouterLink>
      <Typography.Text type="secondary">
        {o.cause}
        {o.caseNo ? ` · ${o.caseNo}` : ''}
      </Typography.Text>
    </Flex>
  );
  const statusCell = (o: OverdueItem) => (
    <Flex gap={4} wrap>
      <DeadlineStatusTag d={o} />
      {o.provisional && <ProvisionalTag />}
    </Flex>
  );

  const columns: TableColumnsType<OverdueItem> = compact
    ? [
        {
          title: t('cases.overdue.item'),
          key: 'item',
          render: (_, o) => (
            <Flex vertical gap={4}>
              <Typography.Text>{o.label}</Typography.Text>
              {caseCell(o)}
            </Flex>
          ),
        },
        {
          title: t('cases.deadlines.due'),
          key: 'due',
          width: 116,
          render: (_, o) => (
            <Flex vertical gap={4} align="flex-start">
              <span>{o.due}</span>
              {statusCell(o)}
            </Flex>
          ),
        },
      ]
    : [
        { title: t('cases.deadlines.due'), dataIndex: 'due', key: 'due', width: 120 },
        { title: t('cases.deadlines.statusTitle'), key: 'status', width: 160, render: (_, o) => statusCell(o) },
        { title: t('cases.overdue.item'), dataIndex: 'label', key: 'label' },
        { title: t('cases.list.case'), key: 'case', render: (_, o) => caseCell(o) },
        ...(caseAgencies.length > 1 && !agencyId ? [{ title: t('cases.fields.agency'), key: 'agency', width: 200, render: (_: unknown, o: OverdueItem) => directory.agencyName(o.agencyId) }] : []),
        { title: t('cases.fields.unit'), key: 'unit', width: 120, render: (_, o) => directory.unitName(o.unitId) ?? '—' },
      ];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('nav.overdue')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('cases.overdue.intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        {caseAgencies.length > 1 && (
          <Select
            allowClear
            showSearch={searchByLabel}
            value={agencyId}
            onChange={(v: string | undefined) => setFilter('agencyId', v ?? null)}
            options={caseAgencies.map((a) => ({ value: a.id, label: a.name }))}
            placeholder={t('common.allAgencies')}
            aria-label={t('common.agencyFilter')}
            style={{ flex: '1 1 220px', maxWidth: 320 }}
          />
        )}
        <Select
          allowClear
          value={unitId}
          disabled={!scopeAgency}
          onChange={(v: string | undefined) => setFilter('unitId', v ?? null)}
          options={directory.unitsOf(scopeAgency).map((u) => ({ value: u.id, label: u.name }))}
          placeholder={t('cases.list.allUnits')}
          aria-label={t('cases.list.unitFilter')}
          style={{ flex: '1 1 160px', maxWidth: 240 }}
        />
      </Flex>
      {items.error ? <LoadError error={items.error} onRetry={items.reload} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<OverdueItem>
          data-testid="overdue-table"
          rowKey={(o) => `${o.caseId}:${o.rule}:${o.due}`}
          columns={columns}
          dataSource={items.data ?? []}
          loading={items.loading}
          rowClassName={(o) => (o.status === 'overdue' ? 'sx-row-expired' : '')}
          scroll={compact ? undefined : { x: 900 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={t('cases.overdue.empty')} /> }}
        />
      </Card>
    </Flex>
  );
}
