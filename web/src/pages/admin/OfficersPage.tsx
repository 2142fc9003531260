import { certificateActionAllowed, type CertificateAction } from '@shared/certificates.ts';
import { CheckCircleOutlined, EditOutlined, HistoryOutlined, PauseCircleOutlined, PlusOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { CERTIFICATE_STATUS_LABELS } from '@shared/roles.ts';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { agenciesApi } from '../../api/agencies.ts';
import { officersApi, type CertificateStatus, type Officer } from '../../api/officers.ts';
import { usersApi } from '../../api/users.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { administers, administersAny, mayReadUsers } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { agencyInScope, ExcelToolbar } from '../../components/ExcelToolbar.tsx';
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
import { agencyDirectory, LoadError, PageHeader } from './common.tsx';
import { CertificateStatusTag, certificateStatusLabel } from './officers/CertificateStatusTag.tsx';
import { OfficerFormDrawer } from './officers/OfficerFormDrawer.tsx';
import { RenewModal } from './officers/RenewModal.tsx';
import { PrintAgencyCardsButton, PrintCardButton } from './officers/PrintCardButton.tsx';

const STATUSES = Object.keys(CERTIFICATE_STATUS_LABELS) as CertificateStatus[];

function isStatus(value: string | null): value is CertificateStatus {
  return value !== null && (STATUSES as string[]).includes(value);
}

type ReasonAction = 'suspend' | 'reinstate' | 'revoke';

type Dialog =
  | { kind: 'form'; officer: Officer | null }
  | { kind: ReasonAction; officer: Officer }
  | { kind: 'renew'; officer: Officer };

/** Which certificate actions the officer's current state allows (the server's own table). */
function availableActions(o: Officer): Record<CertificateAction, boolean> {
  return {
    suspend: certificateActionAllowed('suspend', o),
    reinstate: certificateActionAllowed('reinstate', o),
    revoke: certificateActionAllowed('revoke', o),
    renew: certificateActionAllowed('renew', o),
  };
}

export function OfficersPage() {
  return (
    <RequireAudience audience={AUDIENCES.officers}>
      <OfficersView />
    </RequireAudience>
  );
}

function OfficersView() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  // On a phone only the name and the actions stay in view, so the status goes under the name.
  const compact = !useScreen().isWide;
  // Filters live in the URL so a filtered list can be bookmarked, shared and reloaded.
  const { params, setFilter } = useUrlFilters<'agencyId' | 'q' | 'status'>();
  const agencyFilter = params.get('agencyId');
  const q = params.get('q') ?? '';
  const statusParam = params.get('status');
  const statusFilter = isStatus(statusParam) ? statusParam : null;

  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const officers = useLoad(
    (signal) => officersApi.list({ agencyId: agencyFilter, q: q.trim() || null, certificateStatus: statusFilter }, signal),
    [agencyFilter, q, statusFilter],
  );
  const users = useLoad((signal) => (mayReadUsers(me) ? usersApi.list(null, signal) : Promise.resolve([])), [me]);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [historyOf, setHistoryOf] = useState<Officer | null>(null);

  const manager = administersAny(me);
  const manyAgencies = directory.agencies.length > 1;
  // The agency column only tells rows apart when the list spans several agencies.
  const agencyColumn = manyAgencies && !agencyFilter;
  // Export and the agency's card sheet work on one agency: the filtered one, or the only one there is.
  const exportAgency = agencyInScope(directory.agencies, agencyFilter);

  function changed() {
    setDialog(null);
    officers.reload();
  }

  const officerStatusLabel = (value: string) => {
    const key = `officers.status.${value}`;
    return i18n.exists(key) ? t(key as never) : value;
  };
  const usernames = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, `${u.displayName}（${u.username}）`])), [users.data]);
  const presenter: FieldPresenter = {
    label: (field) => {
      const key = `officers.fields.${field}`;
      return i18n.exists(key) ? t(key as never) : field;
    },
    value: (field, value) => {
      if (typeof value !== 'string') return undefined;
      if (field === 'agencyId') return directory.agencyName(value);
      if (field === 'unitId') return directory.unitName(value);
      if (field === 'userId') return usernames.get(value) ?? value;
      if (field === 'status') return officerStatusLabel(value);
      if (field === 'certificateStatus' && isStatus(value)) return certificateStatusLabel(value);
      return undefined;
    },
  };

  const columns: TableColumnsType<Officer> = [
    {
      title: t('officers.fields.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'start',
      width: compact ? 170 : 90,
      render: (name: string, o) =>
        compact ? (
          <Flex vertical align="flex-start" gap={4}>
            <Typography.Text strong>{name}</Typography.Text>
            <CertificateStatusTag officer={o} />
          </Flex>
        ) : (
          <Typography.Text strong>{name}</Typography.Text>
        ),
    },
    // On a phone the status shows under the name instead.
    ...(compact
      ? []
      : [
          {
            title: t('officers.fields.certificateStatus'),
            dataIndex: 'certificateStatus',
            key: 'certificateStatus',
            width: 170,
            // Kept in view while the other columns scroll: it says whether the person may act.
            fixed: 'start' as const,
            render: (_: unknown, o: Officer) => <CertificateStatusTag officer={o} />,
          },
        ]),
    ...(agencyColumn
      ? [{ title: t('officers.fields.agencyId'), dataIndex: 'agencyId', key: 'agencyId', width: 200, render: (id: string) => directory.agencyName(id) }]
      : []),
    { title: t('officers.fields.unitId'), dataIndex: 'unitId', key: 'unitId', width: 110, render: (id: string | null) => directory.unitName(id) ?? '—' },
    { title: t('officers.fields.post'), dataIndex: 'post', key: 'post', width: 90, render: (post: string | null) => post ?? '—' },
    {
      title: t('officers.fields.certificateNo'),
      dataIndex: 'certificateNo',
      key: 'certificateNo',
      width: 140,
      render: (no: string | null) => (no ? <Typography.Text copyable={{ text: no }}>{no}</Typography.Text> : '—'),
    },
    {
      title: t('officers.fields.fields'),
      dataIndex: 'fields',
      key: 'fields',
      width: 170,
      render: (fields: string[]) => (
        <Flex wrap gap={4}>
          {fields.map((f) => (
            <Tag key={f} style={{ marginInlineEnd: 0 }}>
              {f}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('officers.validity'),
      key: 'validity',
      width: 190,
      render: (_, o) =>
        o.validFrom || o.validTo ? (
          <Typography.Text type={o.certificateStatus === 'expired' ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
            {t('officers.validityRange', { from: o.validFrom ?? '—', to: o.validTo ?? '—' })}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: compact ? 96 : 150,
      fixed: 'end',
      render: (_, o) => {
        const manage = administers(me, o.agencyId);
        const can = availableActions(o);
        const act = (kind: CertificateAction, icon: ReactNode) =>
          manage && { key: kind, icon, label: t(`officers.actions.${kind}`), danger: kind === 'revoke', disabled: !can[kind], onClick: () => setDialog({ kind, officer: o }) };
        return (
          <RowActions
            name={o.name}
            compact={compact}
            extra={<PrintCardButton officer={o} />}
            actions={[
              manage && { key: 'edit', icon: <EditOutlined />, label: t('common.edit'), primary: true, onClick: () => setDialog({ kind: 'form', officer: o }) },
              act('suspend', <PauseCircleOutlined />),
              act('reinstate', <CheckCircleOutlined />),
              act('renew', <SyncOutlined />),
              act('revoke', <StopOutlined />),
              manage && 'divider',
              { key: 'history', icon: <HistoryOutlined />, label: t('common.history'), primary: !manage, onClick: () => setHistoryOf(o) },
            ]}
          />
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('nav.officers')}
        extra={
          <>
            {manager && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'form', officer: null })}>
                {t('officers.create')}
              </Button>
            )}
            <ExcelToolbar
              texts="officers.excel"
              api={officersApi}
              agencies={directory.agencies}
              agencyFilter={agencyFilter}
              mayImport={manager && ((agencyId) => administers(me, agencyId))}
              onImported={officers.reload}
            />
            <PrintAgencyCardsButton agencyId={exportAgency} />
          </>
        }
      />
      <Flex gap={8} wrap>
        {manyAgencies && <AgencyFilter agencies={directory.agencies} value={agencyFilter} onChange={(v) => setFilter('agencyId', v)} />}
        <SearchFilter
          value={q}
          onSearch={(v) => setFilter('q', v)}
          placeholder={t('officers.searchPlaceholder')}
          style={{ flex: '1 1 200px', maxWidth: 320 }}
        />
        <Select
          allowClear
          value={statusFilter}
          onChange={(v: CertificateStatus | undefined) => setFilter('status', v ?? null)}
          options={STATUSES.map((s) => ({ value: s, label: certificateStatusLabel(s) }))}
          placeholder={t('officers.allStatuses')}
          aria-label={t('officers.statusFilter')}
          style={{ flex: '1 1 160px', maxWidth: 220 }}
        />
      </Flex>
      {officers.error ? <LoadError error={officers.error} onRetry={officers.reload} /> : null}
      {agencies.error ? <LoadError error={agencies.error} onRetry={agencies.reload} /> : null}
      <RegisterTable<Officer>
        testId="officer-table"
        columns={columns}
        rows={officers.data ?? []}
        loading={officers.loading}
        scrollX={(agencyColumn ? 1280 : 1080) - (compact ? 80 : 0)}
        rowClassName={(o) => (o.certificateStatus === 'expired' || o.certificateStatus === 'suspended' ? `sx-row-${o.certificateStatus}` : '')}
        empty={t('officers.empty')}
      />

      {dialog?.kind === 'form' && (
        <OfficerFormDrawer
          officer={dialog.officer}
          me={me}
          directory={directory}
          defaultAgencyId={agencyFilter && administers(me, agencyFilter) ? agencyFilter : null}
          onClose={() => setDialog(null)}
          onSaved={changed}
        />
      )}
      {(dialog?.kind === 'suspend' || dialog?.kind === 'reinstate' || dialog?.kind === 'revoke') && (
        <ReasonModal
          title={t(`officers.actionTitles.${dialog.kind}`, { name: dialog.officer.name })}
          description={<Typography.Paragraph type="secondary">{t(`officers.actionHints.${dialog.kind}`)}</Typography.Paragraph>}
          okText={t(`officers.actions.${dialog.kind}`)}
          danger={dialog.kind !== 'reinstate'}
          reasonRequired
          submit={(reason) => officersApi[dialog.kind](dialog.officer, reason!)}
          successText={t(`officers.actionDone.${dialog.kind}`, { name: dialog.officer.name })}
          onClose={() => setDialog(null)}
          onChanged={changed}
        />
      )}
      {dialog?.kind === 'renew' && <RenewModal officer={dialog.officer} onClose={() => setDialog(null)} onChanged={changed} />}
      <HistoryDrawer
        subject={historyOf ? { id: historyOf.id, name: historyOf.name } : null}
        onClose={() => setHistoryOf(null)}
        load={(id, signal) => officersApi.history(id, signal)}
        presenter={presenter}
      />
    </Flex>
  );
}
