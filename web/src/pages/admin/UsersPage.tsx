import { EditOutlined, HistoryOutlined, KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agenciesApi } from '../../api/agencies.ts';
import { usersApi, type Grant, type UserAccount } from '../../api/users.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { administersAny, mayManageAccount } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { HistoryDrawer, type FieldPresenter } from '../../components/HistoryDrawer.tsx';
import { AgencyFilter } from '../../components/ListFilters.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { RegisterTable } from '../../components/RegisterTable.tsx';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import i18n, { currentLang, roleLabel, type Lang } from '../../i18n/index.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError, PageHeader, type AgencyDirectory } from './common.tsx';
import { ResetPasswordModal } from './users/ResetPasswordModal.tsx';
import { UserFormDrawer } from './users/UserFormDrawer.tsx';

export function UsersPage() {
  return (
    <RequireAudience audience={AUDIENCES.users}>
      <UsersView />
    </RequireAudience>
  );
}

/** "机构管理员 · 衡阳市文化市场综合执法局 · 执法一科" */
function grantText(g: Grant, directory: AgencyDirectory, lang: Lang): string {
  const parts = [roleLabel(g.role, lang)];
  if (g.agencyId) parts.push(directory.agencyName(g.agencyId));
  if (g.unitId) parts.push(directory.unitName(g.unitId) ?? g.unitId);
  return parts.join(' · ');
}

function GrantTags({ grants, directory }: { grants: readonly Grant[]; directory: AgencyDirectory }) {
  const lang = currentLang();
  return (
    <Flex wrap gap={4}>
      {grants.map((g) => (
        <Tag key={`${g.role}:${g.agencyId ?? ''}:${g.unitId ?? ''}`} color="blue" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
          {grantText(g, directory, lang)}
        </Tag>
      ))}
    </Flex>
  );
}

type Dialog =
  | { kind: 'form'; account: UserAccount | null }
  | { kind: 'status'; account: UserAccount }
  | { kind: 'password'; account: UserAccount };

function UsersView() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const users = useLoad((signal) => usersApi.list(agencyId, signal), [agencyId]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [historyOf, setHistoryOf] = useState<UserAccount | null>(null);

  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const all = users.data ?? [];
    return q ? all.filter((u) => u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q)) : all;
  }, [users.data, search]);

  const statusLabel = (status: string) => (status === 'disabled' ? t('users.status.disabled') : t('users.status.active'));

  const presenter: FieldPresenter = {
    label: (field) => {
      const key = `users.fields.${field}`;
      return i18n.exists(key) ? t(key as never) : field;
    },
    value: (field, value) => {
      if (field === 'status' && typeof value === 'string') return statusLabel(value);
      if (field === 'roles' && Array.isArray(value)) return <GrantTags grants={value as Grant[]} directory={directory} />;
      if (field === 'by' && (value === 'self' || value === 'admin')) return t(`users.passwordBy.${value}`);
      return undefined;
    },
  };

  function close() {
    setDialog(null);
  }
  function changed() {
    setDialog(null);
    users.reload();
  }

  const columns: TableColumnsType<UserAccount> = [
    { title: t('users.fields.username'), dataIndex: 'username', key: 'username', width: 150, fixed: 'start' },
    { title: t('users.fields.displayName'), dataIndex: 'displayName', key: 'displayName', width: 130 },
    {
      title: t('users.fields.roles'),
      key: 'roles',
      render: (_, account) => <GrantTags grants={account.roles} directory={directory} />,
    },
    {
      title: t('users.fields.legalQualificationNo'),
      dataIndex: 'legalQualificationNo',
      key: 'legalQualificationNo',
      width: 170,
      render: (no: string | null) => no ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('users.fields.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (status: UserAccount['status']) => <Tag color={status === 'active' ? 'green' : 'default'}>{statusLabel(status)}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, account) => {
        const manage = mayManageAccount(me, account);
        const self = account.id === me.id;
        const disabling = account.status === 'active';
        return (
          <RowActions
            name={account.displayName}
            // The list scrolls sideways on a phone; its actions stay as they are.
            compact={false}
            actions={[
              manage && { key: 'edit', icon: <EditOutlined />, label: t('common.edit'), primary: true, onClick: () => setDialog({ kind: 'form', account }) },
              manage &&
                !self && {
                  key: disabling ? 'disable' : 'enable',
                  icon: disabling ? <StopOutlined /> : <CheckCircleOutlined />,
                  label: disabling ? t('users.disable') : t('users.enable'),
                  danger: disabling,
                  onClick: () => setDialog({ kind: 'status', account }),
                },
              manage && { key: 'password', icon: <KeyOutlined />, label: t('users.resetPassword'), onClick: () => setDialog({ kind: 'password', account }) },
              { key: 'history', icon: <HistoryOutlined />, label: t('common.history'), onClick: () => setHistoryOf(account) },
            ]}
          />
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('nav.users')}
        extra={
          administersAny(me) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'form', account: null })}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <Flex gap={8} wrap>
        <AgencyFilter agencies={directory.agencies} value={agencyId} onChange={setAgencyId} />
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.searchPlaceholder')}
          onChange={(e) => setSearch(e.target.value)}
          style={{ flex: '1 1 200px', maxWidth: 320 }}
        />
      </Flex>
      {users.error ? <LoadError error={users.error} onRetry={users.reload} /> : null}
      {agencies.error ? <LoadError error={agencies.error} onRetry={agencies.reload} /> : null}
      <RegisterTable<UserAccount> testId="user-table" columns={columns} rows={rows} loading={users.loading} scrollX={960} empty={t('users.empty')} />

      {dialog?.kind === 'form' && <UserFormDrawer account={dialog.account} me={me} directory={directory} onClose={close} onSaved={changed} />}
      {dialog?.kind === 'password' && <ResetPasswordModal account={dialog.account} onClose={close} />}
      {dialog?.kind === 'status' && <StatusModal account={dialog.account} onClose={close} onChanged={changed} />}
      <HistoryDrawer
        subject={historyOf ? { id: historyOf.id, name: historyOf.displayName } : null}
        onClose={() => setHistoryOf(null)}
        load={(id, signal) => usersApi.history(id, signal)}
        presenter={presenter}
      />
    </Flex>
  );
}

/** 停用 / 启用 an account, with the reason recorded. */
function StatusModal({ account, onClose, onChanged }: { account: UserAccount; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const disabling = account.status === 'active';
  return (
    <ReasonModal
      title={t(disabling ? 'users.disableTitle' : 'users.enableTitle', { name: account.displayName })}
      description={
        <Typography.Paragraph type="secondary">{disabling ? t('users.disableHint') : t('users.enableHint')}</Typography.Paragraph>
      }
      okText={disabling ? t('users.disable') : t('users.enable')}
      danger={disabling}
      reasonRequired
      submit={(reason) => usersApi.update(account, { status: disabling ? 'disabled' : 'active', reason })}
      successText={disabling ? t('users.disabled') : t('users.enabled')}
      onClose={onClose}
      onChanged={onChanged}
    />
  );
}
