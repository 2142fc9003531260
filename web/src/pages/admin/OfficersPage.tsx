import { certificateActionAllowed, type CertificateAction } from '@shared/certificates.ts';
import {
  CheckCircleOutlined,
  EditOutlined,
  HistoryOutlined,
  MoreOutlined,
  PauseCircleOutlined,
  PlusOutlined,
  StopOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Button, Card, Dropdown, Empty, Flex, Input, Select, Table, Tag, Typography, type MenuProps, type TableColumnsType } from 'antd';
import { CERTIFICATE_STATUS_LABELS } from '@shared/roles.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { agenciesApi } from '../../api/agencies.ts';
import { officersApi, type CertificateStatus, type Officer } from '../../api/officers.ts';
import { usersApi } from '../../api/users.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { administers, administersAny, mayReadUsers } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { ExcelToolbar } from '../../components/ExcelToolbar.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { HistoryDrawer, type FieldPresenter } from '../../components/HistoryDrawer.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import i18n from '../../i18n/index.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError, PageHeader, searchByLabel } from './common.tsx';
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
  const [params, setParams] = useSearchParams();
  const agencyFilter = params.get('agencyId');
  const q = params.get('q') ?? '';
  const statusParam = params.get('status');
  const statusFilter = isStatus(statusParam) ? statusParam : null;
  const [searchText, setSearchText] = useState(q);

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
  // Export and import work on one agency: the filtered one, or the only one there is.
  const exportAgency = agencyFilter ?? (directory.agencies.length === 1 ? directory.agencies[0]!.id : null);
  const administered = directory.agencies.filter((a) => administers(me, a.id));
  const importAgency = agencyFilter ? (administers(me, agencyFilter) ? agencyFilter : null) : administered.length === 1 ? administered[0]!.id : null;

  function setFilter(key: 'agencyId' | 'q' | 'status', value: string | null) {
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
        const historyItem = { key: 'history', icon: <HistoryOutlined />, label: t('common.history') };
        const items: MenuProps['items'] = manage
          ? [
              // On a phone the edit button folds into the menu to keep the column narrow.
              ...(compact ? [{ key: 'edit', icon: <EditOutlined />, label: t('common.edit') }] : []),
              { key: 'suspend', icon: <PauseCircleOutlined />, label: t('officers.actions.suspend'), disabled: !can.suspend },
              { key: 'reinstate', icon: <CheckCircleOutlined />, label: t('officers.actions.reinstate'), disabled: !can.reinstate },
              { key: 'renew', icon: <SyncOutlined />, label: t('officers.actions.renew'), disabled: !can.renew },
              { key: 'revoke', icon: <StopOutlined />, label: t('officers.actions.revoke'), danger: true, disabled: !can.revoke },
              { type: 'divider' },
              historyItem,
            ]
          : [historyItem];
        const menu = (
          <Dropdown
            trigger={['click']}
            menu={{
              items,
              onClick: ({ key }) => {
                if (key === 'history') setHistoryOf(o);
                else if (key === 'edit') setDialog({ kind: 'form', officer: o });
                else if (key === 'renew') setDialog({ kind: 'renew', officer: o });
                else setDialog({ kind: key as ReasonAction, officer: o });
              },
            }}
          >
            <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('common.moreActionsFor', { name: o.name })} />
          </Dropdown>
        );
        if (compact)
          return (
            <Flex gap={0} align="center">
              <PrintCardButton officer={o} />
              {menu}
            </Flex>
          );
        return (
          <Flex gap={0} align="center">
            {manage ? (
              <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'form', officer: o })}>
                {t('common.edit')}
              </Button>
            ) : (
              <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setHistoryOf(o)}>
                {t('common.history')}
              </Button>
            )}
            <PrintCardButton officer={o} />
            {manage && menu}
          </Flex>
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
              exportAgencyId={exportAgency}
              exportLabel={t('officers.excel.export')}
              chooseAgency={t('officers.excel.chooseAgency')}
              download={(agencyId) => officersApi.downloadExport(agencyId, t('officers.excel.exportFile'))}
              importer={
                manager
                  ? {
                      agencyId: importAgency,
                      templateLabel: t('officers.excel.template'),
                      importLabel: t('officers.excel.import'),
                      intoLabel: t('officers.import.into', { agency: directory.agencyName(importAgency) }),
                      downloadTemplate: () => officersApi.downloadTemplate(t('officers.excel.templateFile')),
                      upload: async (agencyId, file) => t('officers.import.done', { count: (await officersApi.import(agencyId, file)).imported }),
                      onImported: officers.reload,
                    }
                  : null
              }
            />
            <PrintAgencyCardsButton agencyId={exportAgency} />
          </>
        }
      />
      <Flex gap={8} wrap>
        {manyAgencies && (
          <Select
            allowClear
            showSearch={searchByLabel}
            value={agencyFilter}
            onChange={(v: string | undefined) => setFilter('agencyId', v ?? null)}
            options={directory.agencies.map((a) => ({ value: a.id, label: a.name }))}
            placeholder={t('common.allAgencies')}
            aria-label={t('common.agencyFilter')}
            style={{ flex: '1 1 220px', maxWidth: 360 }}
          />
        )}
        <Input.Search
          allowClear
          value={searchText}
          onChange={(e) => {
            setSearchText(e.target.value);
            if (!e.target.value) setFilter('q', null);
          }}
          onSearch={(value) => setFilter('q', value.trim() || null)}
          placeholder={t('officers.searchPlaceholder')}
          aria-label={t('officers.searchPlaceholder')}
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
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Officer>
          data-testid="officer-table"
          rowKey="id"
          columns={columns}
          dataSource={officers.data ?? []}
          loading={officers.loading}
          scroll={{ x: (agencyColumn ? 1280 : 1080) - (compact ? 80 : 0) }}
          rowClassName={(o) => (o.certificateStatus === 'expired' || o.certificateStatus === 'suspended' ? `sx-row-${o.certificateStatus}` : '')}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={t('officers.empty')} /> }}
        />
      </Card>

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
