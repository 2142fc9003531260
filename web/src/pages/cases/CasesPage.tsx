import { LeftOutlined, PlusOutlined, RightOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Empty, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CASE_STATUSES, type CaseStatus } from '@shared/cases.ts';
import { ENFORCEMENT_FIELDS } from '@shared/roles.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { agenciesApi } from '../../api/agencies.ts';
import { casesApi, type CaseListItem } from '../../api/cases.ts';
import { officersApi } from '../../api/officers.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { AgencyFilter, SearchFilter } from '../../components/ListFilters.tsx';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import { DATE_FORMAT, formatDay, parseDay } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError, PageHeader, searchByLabel } from '../admin/common.tsx';
import { CaseStatusTag, statusLabel } from './caseFormat.tsx';

const PAGE_SIZE = 20;

type FilterKey = 'agencyId' | 'status' | 'unitId' | 'handler' | 'field' | 'from' | 'to' | 'overdue' | 'q';

function isStatus(v: string | null): v is CaseStatus {
  return v !== null && (CASE_STATUSES as string[]).includes(v);
}

export function CasesPage() {
  return (
    <RequireAudience audience={AUDIENCES.cases}>
      <CasesView />
    </RequireAudience>
  );
}

function CasesView() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { isWide } = useScreen();
  const compact = !isWide;
  // Filters live in the URL (bookmarkable, shareable); the page cursor does not, since cursors
  // are only meaningful for the filters they were read with.
  const { params, setFilter, setFilters } = useUrlFilters<FilterKey>();
  const f = {
    agencyId: params.get('agencyId'),
    status: isStatus(params.get('status')) ? (params.get('status') as CaseStatus) : null,
    unitId: params.get('unitId'),
    handler: params.get('handler'),
    field: params.get('field'),
    from: params.get('from'),
    to: params.get('to'),
    overdue: params.get('overdue') === '1',
    q: params.get('q'),
  };
  const filterKey = params.toString();
  /** Cursors of the pages read so far: [null (first page), cursor of page 2, …]. */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [cursorFor, setCursorFor] = useState(filterKey);
  // New filters start again at the first page.
  if (cursorFor !== filterKey) {
    setCursorFor(filterKey);
    setCursors([null]);
  }
  const after = cursors[cursors.length - 1] ?? null;

  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const caseAgencies = directory.agencies.filter((a) => may(me, 'case.read', a.id));
  const manyAgencies = caseAgencies.length > 1;
  // Units and handlers belong to one agency: the chosen one, or the only one there is.
  const scopeAgency = f.agencyId ?? (caseAgencies.length === 1 ? caseAgencies[0]!.id : null);
  const officers = useLoad((signal) => (scopeAgency && may(me, 'officer.read', scopeAgency) ? officersApi.list({ agencyId: scopeAgency }, signal) : Promise.resolve([])), [scopeAgency]);
  const page = useLoad((signal) => casesApi.list({ ...f, after, limit: PAGE_SIZE }, signal), [filterKey, after]);

  const open = (c: CaseListItem) => navigate(`/cases/${encodeURIComponent(c.id)}`);
  const caseLink = (c: CaseListItem) => (
    <RouterLink to={`/cases/${encodeURIComponent(c.id)}`} onClick={(e) => e.stopPropagation()}>
      {c.caseNo ?? t('cases.list.noCaseNo')}
    </RouterLink>
  );

  const columns: TableColumnsType<CaseListItem> = compact
    ? [
        {
          title: t('cases.list.case'),
          key: 'case',
          render: (_, c) => (
            <Flex vertical gap={2}>
              <Typography.Text strong>{c.partyName}</Typography.Text>
              <Typography.Text>{c.cause}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {caseLink(c)} · {c.field} · {c.registeredOn}
              </Typography.Text>
            </Flex>
          ),
        },
        { title: t('cases.fields.status'), key: 'status', width: 104, render: (_, c) => <CaseStatusTag status={c.status} /> },
      ]
    : [
        { title: t('cases.fields.caseNo'), key: 'caseNo', width: 170, render: (_, c) => caseLink(c) },
        { title: t('cases.fields.party'), dataIndex: 'partyName', key: 'party', width: 170, render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
        {
          title: t('cases.fields.cause'),
          dataIndex: 'cause',
          key: 'cause',
          render: (cause: string, c) => (
            <>
              {cause}
              {c.procedure === 'simple' && (
                <Tag color="blue" style={{ marginInlineStart: 6 }}>
                  {t('cases.simpleProcedure')}
                </Tag>
              )}
            </>
          ),
        },
        { title: t('cases.fields.field'), dataIndex: 'field', key: 'field', width: 96 },
        { title: t('cases.fields.status'), key: 'status', width: 130, render: (_, c) => <CaseStatusTag status={c.status} /> },
        { title: t('cases.fields.registeredOn'), dataIndex: 'registeredOn', key: 'registeredOn', width: 110 },
        { title: t('cases.fields.decidedOn'), dataIndex: 'decidedOn', key: 'decidedOn', width: 110, render: (d: string | null) => d ?? '—' },
      ];

  const handlerOptions = [
    { value: 'me', label: t('cases.list.mine') },
    ...(officers.data ?? []).filter((o) => !o.auxiliary).map((o) => ({ value: o.id, label: o.name })),
  ];
  const pageNo = cursors.length;

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('nav.cases')}
        extra={
          may(me, 'case.handle') ? (
            <>
              <RouterLink to="/cases/new">
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('nav.caseNew')}
                </Button>
              </RouterLink>
              <RouterLink to="/cases/on-the-spot">
                <Button icon={<ThunderboltOutlined />}>{t('nav.onTheSpot')}</Button>
              </RouterLink>
            </>
          ) : undefined
        }
      />
      <Flex gap={8} wrap data-testid="case-filters">
        {manyAgencies && (
          // Units and handlers belong to the agency: another agency starts them over.
          <AgencyFilter agencies={caseAgencies} value={f.agencyId} onChange={(v) => setFilters({ agencyId: v, unitId: null, handler: null })} maxWidth={320} />
        )}
        <SearchFilter
          value={f.q}
          onSearch={(v) => setFilter('q', v)}
          placeholder={t('cases.list.searchPlaceholder')}
          maxLength={50}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
        <Select
          allowClear
          value={f.status}
          onChange={(v: CaseStatus | undefined) => setFilter('status', v ?? null)}
          options={CASE_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          placeholder={t('cases.list.allStatuses')}
          aria-label={t('cases.list.statusFilter')}
          style={{ flex: '1 1 140px', maxWidth: 200 }}
        />
        <Select
          allowClear
          showSearch={searchByLabel}
          value={f.handler}
          onChange={(v: string | undefined) => setFilter('handler', v ?? null)}
          options={handlerOptions}
          placeholder={t('cases.list.allHandlers')}
          aria-label={t('cases.list.handlerFilter')}
          style={{ flex: '1 1 140px', maxWidth: 200 }}
        />
        {directory.unitsOf(scopeAgency).length > 0 && (
          <Select
            allowClear
            value={f.unitId}
            onChange={(v: string | undefined) => setFilter('unitId', v ?? null)}
            options={directory.unitsOf(scopeAgency).map((u) => ({ value: u.id, label: u.name }))}
            placeholder={t('cases.list.allUnits')}
            aria-label={t('cases.list.unitFilter')}
            style={{ flex: '1 1 140px', maxWidth: 200 }}
          />
        )}
        <Select
          allowClear
          value={f.field}
          onChange={(v: string | undefined) => setFilter('field', v ?? null)}
          options={ENFORCEMENT_FIELDS.map((x) => ({ value: x, label: x }))}
          placeholder={t('cases.list.allFields')}
          aria-label={t('cases.list.fieldFilter')}
          style={{ flex: '1 1 120px', maxWidth: 180 }}
        />
        <DatePicker.RangePicker
          value={[parseDay(f.from), parseDay(f.to)]}
          format={DATE_FORMAT}
          inputReadOnly={compact}
          allowEmpty={[true, true]}
          onChange={(range) => setFilters({ from: formatDay(range?.[0] ?? null), to: formatDay(range?.[1] ?? null) })}
          placeholder={[t('cases.list.from'), t('cases.list.to')]}
          aria-label={t('cases.list.dateRange')}
          style={{ flex: '1 1 240px', maxWidth: 300 }}
        />
        <Checkbox checked={f.overdue} onChange={(e) => setFilter('overdue', e.target.checked ? '1' : null)} style={{ alignSelf: 'center' }}>
          {t('cases.list.overdueOnly')}
        </Checkbox>
      </Flex>
      {page.error ? <LoadError error={page.error} onRetry={page.reload} /> : null}
      {/* The server orders these two filters their own way (cases.service.ts listCases): say so. */}
      {!f.q && !f.handler && (f.overdue || f.from || f.to) ? (
        <Typography.Text type="secondary" data-testid="case-list-order">
          {t(f.overdue ? 'cases.list.orderOverdue' : 'cases.list.orderRegistered')}
        </Typography.Text>
      ) : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<CaseListItem>
          data-testid="case-table"
          rowKey="id"
          columns={columns}
          dataSource={page.data?.items ?? []}
          loading={page.loading}
          scroll={compact ? undefined : { x: 1020 }}
          pagination={false}
          onRow={(c) => ({ onClick: () => open(c), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={t('cases.list.empty')} /> }}
        />
      </Card>
      <Flex justify="flex-end" align="center" gap={8}>
        <Typography.Text type="secondary">{t('cases.list.page', { n: pageNo })}</Typography.Text>
        <Button icon={<LeftOutlined />} disabled={pageNo === 1 || page.loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('cases.list.previous')}
        </Button>
        <Button
          disabled={!page.data?.next || page.loading}
          onClick={() => {
            const next = page.data?.next;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          {t('cases.list.next')}
          <RightOutlined />
        </Button>
      </Flex>
    </Flex>
  );
}
