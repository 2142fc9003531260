import { EditOutlined, EyeOutlined, HistoryOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ENFORCEMENT_FIELDS } from '@shared/roles.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agenciesApi } from '../../api/agencies.ts';
import { benchmarksApi, type BenchmarkLevel, type BenchmarkStatus, type DiscretionBenchmark } from '../../api/benchmarks.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { ExcelToolbar } from '../../components/ExcelToolbar.tsx';
import { HistoryDrawer, type FieldPresenter } from '../../components/HistoryDrawer.tsx';
import { AgencyFilter, SearchFilter } from '../../components/ListFilters.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { RegisterTable } from '../../components/RegisterTable.tsx';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import i18n from '../../i18n/index.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError, PageHeader } from '../admin/common.tsx';
import { BenchmarkDrawer } from './BenchmarkDrawer.tsx';
import { BenchmarkFormDrawer } from './BenchmarkFormDrawer.tsx';
import { fineText, kindLabel } from './format.ts';

const STATUSES: BenchmarkStatus[] = ['active', 'retired'];
const isStatus = (v: string | null): v is BenchmarkStatus => v !== null && (STATUSES as string[]).includes(v);

type Dialog = { kind: 'form'; entry: DiscretionBenchmark | null } | { kind: 'retire'; entry: DiscretionBenchmark };

export function BenchmarksPage() {
  return (
    <RequireAudience audience={AUDIENCES.benchmarks}>
      <BenchmarksView />
    </RequireAudience>
  );
}

/** 裁量基准: the agency's table — list with filters, one entry in a drawer, edits for its managers. */
function BenchmarksView() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const compact = !useScreen().isWide;
  // Filters live in the URL so a filtered table can be bookmarked and shared.
  const { params, setFilter } = useUrlFilters<'agencyId' | 'field' | 'q' | 'status'>();
  const agencyFilter = params.get('agencyId');
  const fieldFilter = params.get('field');
  const q = params.get('q') ?? '';
  const statusParam = params.get('status');
  const statusFilter = isStatus(statusParam) ? statusParam : null;

  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const entries = useLoad(
    (signal) => benchmarksApi.list({ agencyId: agencyFilter, field: fieldFilter, q: q.trim() || null, status: statusFilter }, signal),
    [agencyFilter, fieldFilter, q, statusFilter],
  );
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  // Only agencies whose table this user may read are worth offering in the filter.
  const readable = directory.agencies.filter((a) => may(me, 'benchmark.read', a.id));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [viewing, setViewing] = useState<DiscretionBenchmark | null>(null);
  const [historyOf, setHistoryOf] = useState<DiscretionBenchmark | null>(null);

  const manages = (agencyId: string) => may(me, 'benchmark.manage', agencyId);
  const managerAnywhere = may(me, 'benchmark.manage');
  const manyAgencies = readable.length > 1;
  const agencyColumn = manyAgencies && !agencyFilter;
  const fieldOptions = useMemo(() => {
    const seen = new Set<string>([...ENFORCEMENT_FIELDS, ...(entries.data ?? []).map((b) => b.field)]);
    if (fieldFilter) seen.add(fieldFilter);
    return [...seen].map((f) => ({ value: f, label: f }));
  }, [entries.data, fieldFilter]);

  function changed() {
    setDialog(null);
    entries.reload();
  }

  const levelSummary = (l: BenchmarkLevel) => {
    const kinds = l.kinds.length > 0 ? l.kinds.map(kindLabel).join('、') : t('benchmarks.level.noPenalty');
    const fine = fineText(l, t);
    return `${l.name}：${kinds}${fine ? `；${fine}` : ''}`;
  };
  const presenter: FieldPresenter = {
    label: (field) => {
      const key = `benchmarks.fields.${field}`;
      return i18n.exists(key) ? t(key as never) : field;
    },
    value: (field, value) => {
      if (field === 'agencyId' && typeof value === 'string') return directory.agencyName(value);
      if (field === 'status' && isStatus(typeof value === 'string' ? value : null)) return t(`benchmarks.status.${value as BenchmarkStatus}`);
      if (field === 'levels' && Array.isArray(value)) {
        return (
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {(value as BenchmarkLevel[]).map((l, i) => (
              <li key={i}>{levelSummary(l)}</li>
            ))}
          </ol>
        );
      }
      return undefined;
    },
  };

  const columns: TableColumnsType<DiscretionBenchmark> = [
    {
      title: t('benchmarks.fields.code'),
      dataIndex: 'code',
      key: 'code',
      fixed: 'start',
      width: compact ? 130 : 140,
      render: (code: string, b) => (
        <Flex vertical align="flex-start" gap={2}>
          <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => setViewing(b)}>
            {code}
          </Button>
          {b.status === 'retired' && <Tag style={{ marginInlineEnd: 0 }}>{t('benchmarks.status.retired')}</Tag>}
        </Flex>
      ),
    },
    { title: t('benchmarks.fields.violation'), dataIndex: 'violation', key: 'violation', width: 250, render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }}>{v}</Typography.Paragraph> },
    { title: t('benchmarks.fields.field'), dataIndex: 'field', key: 'field', width: 100 },
    ...(agencyColumn ? [{ title: t('benchmarks.fields.agencyId'), dataIndex: 'agencyId', key: 'agencyId', width: 200, render: (id: string) => directory.agencyName(id) }] : []),
    ...(compact
      ? []
      : [
          {
            title: t('benchmarks.fields.penaltyBasis'),
            dataIndex: 'penaltyBasis',
            key: 'penaltyBasis',
            width: 220,
            render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }}>{v}</Typography.Paragraph>,
          },
        ]),
    {
      title: t('benchmarks.fields.levels'),
      key: 'levels',
      width: 200,
      render: (_, b) => (
        <Tooltip title={<ol style={{ margin: 0, paddingInlineStart: 20 }}>{b.levels.map((l, i) => <li key={i}>{levelSummary(l)}</li>)}</ol>}>
          <Flex wrap gap={4}>
            {b.levels.map((l) => (
              <Tag key={l.name} style={{ marginInlineEnd: 0 }}>
                {l.name}
              </Tag>
            ))}
          </Flex>
        </Tooltip>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: compact ? 68 : 130,
      fixed: 'end',
      render: (_, b) => {
        const manage = manages(b.agencyId) && b.status === 'active';
        return (
          <RowActions
            name={b.code}
            compact={compact}
            actions={[
              // A manager's link is 编辑: on a wide screen the entry opens from its code, on a phone from the menu too.
              { key: 'view', icon: <EyeOutlined />, label: t('benchmarks.view'), primary: !manage, phoneOnly: manage, onClick: () => setViewing(b) },
              manage && { key: 'edit', icon: <EditOutlined />, label: t('common.edit'), primary: true, onClick: () => setDialog({ kind: 'form', entry: b }) },
              manage && { key: 'retire', icon: <StopOutlined />, label: t('benchmarks.retire'), danger: true, onClick: () => setDialog({ kind: 'retire', entry: b }) },
              { key: 'history', icon: <HistoryOutlined />, label: t('common.history'), onClick: () => setHistoryOf(b) },
            ]}
          />
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('nav.benchmarks')}
        extra={
          <>
            {managerAnywhere && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'form', entry: null })}>
                {t('benchmarks.create')}
              </Button>
            )}
            <ExcelToolbar
              texts="benchmarks.excel"
              api={benchmarksApi}
              agencies={readable}
              agencyFilter={agencyFilter}
              mayImport={managerAnywhere && manages}
              onImported={entries.reload}
            />
          </>
        }
      />
      <Flex gap={8} wrap>
        {manyAgencies && <AgencyFilter agencies={readable} value={agencyFilter} onChange={(v) => setFilter('agencyId', v)} />}
        <Select
          allowClear
          value={fieldFilter}
          onChange={(v: string | undefined) => setFilter('field', v ?? null)}
          options={fieldOptions}
          placeholder={t('benchmarks.allFields')}
          aria-label={t('benchmarks.fieldFilter')}
          style={{ flex: '1 1 150px', maxWidth: 200 }}
        />
        <SearchFilter
          value={q}
          onSearch={(v) => setFilter('q', v)}
          placeholder={t('benchmarks.searchPlaceholder')}
          style={{ flex: '1 1 220px', maxWidth: 340 }}
        />
        <Select
          allowClear
          value={statusFilter}
          onChange={(v: BenchmarkStatus | undefined) => setFilter('status', v ?? null)}
          options={STATUSES.map((s) => ({ value: s, label: t(`benchmarks.status.${s}`) }))}
          placeholder={t('benchmarks.allStatuses')}
          aria-label={t('benchmarks.statusFilter')}
          style={{ flex: '1 1 130px', maxWidth: 180 }}
        />
      </Flex>
      {entries.error ? <LoadError error={entries.error} onRetry={entries.reload} /> : null}
      {agencies.error ? <LoadError error={agencies.error} onRetry={agencies.reload} /> : null}
      <RegisterTable<DiscretionBenchmark>
        testId="benchmark-table"
        columns={columns}
        rows={entries.data ?? []}
        loading={entries.loading}
        scrollX={(agencyColumn ? 1240 : 1040) - (compact ? 280 : 0)}
        rowClassName={(b) => (b.status === 'retired' ? 'sx-row-retired' : '')}
        empty={t('benchmarks.empty')}
      />

      {viewing && (
        <BenchmarkDrawer
          entry={viewing}
          agencyName={directory.agencyName(viewing.agencyId)}
          manage={manages(viewing.agencyId)}
          onClose={() => setViewing(null)}
          onEdit={(b) => {
            setViewing(null);
            setDialog({ kind: 'form', entry: b });
          }}
          onRetire={(b) => {
            setViewing(null);
            setDialog({ kind: 'retire', entry: b });
          }}
          onHistory={(b) => setHistoryOf(b)}
        />
      )}
      {dialog?.kind === 'form' && (
        <BenchmarkFormDrawer
          entry={dialog.entry}
          me={me}
          directory={directory}
          defaultAgencyId={agencyFilter && manages(agencyFilter) ? agencyFilter : null}
          onClose={() => setDialog(null)}
          onSaved={changed}
        />
      )}
      {dialog?.kind === 'retire' && (
        <ReasonModal
          title={t('benchmarks.retireTitle', { code: dialog.entry.code })}
          description={<Typography.Paragraph type="secondary">{t('benchmarks.retireHint')}</Typography.Paragraph>}
          okText={t('benchmarks.retire')}
          danger
          reasonRequired
          submit={(reason) => benchmarksApi.retire(dialog.entry, reason!)}
          successText={t('benchmarks.retired', { code: dialog.entry.code })}
          onClose={() => setDialog(null)}
          onChanged={changed}
        />
      )}
      <HistoryDrawer
        subject={historyOf ? { id: historyOf.id, name: historyOf.code } : null}
        onClose={() => setHistoryOf(null)}
        load={(id, signal) => benchmarksApi.history(id, signal)}
        presenter={presenter}
      />
    </Flex>
  );
}
