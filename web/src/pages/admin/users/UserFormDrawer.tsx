import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../api/auth.ts';
import { USERNAME_PATTERN, usersApi, type Grant, type UserAccount, type UserPatch } from '../../../api/users.ts';
import { NewPasswordFields } from '../../../components/ChangePasswordModal.tsx';
import { RecordFormDrawer, useRecordForm } from '../../../components/RecordFormDrawer.tsx';
import { changedFields, nullIfBlank } from '../../../lib/forms.ts';
import type { AgencyDirectory } from '../common.tsx';
import { RolesEditor, type GrantRow } from './RolesEditor.tsx';

interface UserForm {
  username: string;
  displayName: string;
  newPassword: string;
  confirm: string;
  roles: GrantRow[];
  legalQualificationNo: string;
  reason: string;
}

const FIELDS = ['username', 'displayName', 'newPassword', 'roles', 'legalQualificationNo', 'reason'] as const;
// The server calls the new account's password `password`; the form shares newPassword's fields.
const ALIASES = { password: 'newPassword' };

function valuesOf(account: UserAccount | null): Partial<UserForm> {
  if (!account) return { roles: [], legalQualificationNo: '' };
  return {
    username: account.username,
    displayName: account.displayName,
    roles: account.roles.map((g) => ({ role: g.role, agencyId: g.agencyId, unitId: g.unitId })),
    legalQualificationNo: account.legalQualificationNo ?? '',
    reason: '',
  };
}

/** The grants as the server stores them: a platform-wide role has neither agency nor unit. */
function grantsOf(rows: readonly GrantRow[]): Grant[] {
  return rows.map((row) => {
    const platform = row.role === 'platform-admin';
    return { role: row.role!, agencyId: platform ? null : (row.agencyId ?? null), unitId: platform ? null : (row.unitId ?? null) };
  });
}

interface Props {
  /** null: create an account. */
  account: UserAccount | null;
  me: User;
  directory: AgencyDirectory;
  onClose: () => void;
  onSaved: () => void;
}

/** 新建用户 / 编辑用户: name, roles and, for 法制审核人员, the 法律职业资格证号. */
export function UserFormDrawer({ account, me, directory, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const state = useRecordForm<UserAccount, UserForm>({ record: account, fields: FIELDS, aliases: ALIASES, valuesOf, onClose, onSaved });
  const { form, baseline, submitting } = state;
  const editing = baseline !== null;
  // The server refuses changes to one's own roles (and status): say so rather than fail.
  const self = baseline?.id === me.id;
  const rows = (Form.useWatch('roles', form) as GrantRow[] | undefined) ?? [];
  const reviewer = rows.some((r) => r?.role === 'legal-reviewer');
  const showLegalNo = reviewer || !!baseline?.legalQualificationNo;

  async function handleFinish(values: UserForm) {
    const next = {
      displayName: values.displayName.trim(),
      roles: grantsOf(values.roles),
      legalQualificationNo: nullIfBlank(values.legalQualificationNo),
    };
    if (!baseline) return state.create(() => usersApi.create({ username: values.username.trim(), password: values.newPassword, ...next }), () => t('users.created'));
    const patch: UserPatch = changedFields(
      {
        displayName: baseline.displayName,
        roles: grantsOf(baseline.roles),
        legalQualificationNo: baseline.legalQualificationNo,
      },
      next,
    );
    await state.saveEdit(values, { patch, send: (body) => usersApi.update(baseline, body), reload: () => Promise.resolve(null) });
  }

  return (
    <RecordFormDrawer<UserAccount, UserForm>
      state={state}
      title={editing ? t('users.editTitle', { name: baseline.displayName }) : t('users.createTitle')}
      initialValues={valuesOf(account)}
      onFinish={handleFinish}
    >
      <Form.Item
        name="username"
        label={t('users.fields.username')}
        extra={editing ? undefined : t('users.usernameRule')}
        rules={[
          { required: !editing, message: t('users.usernameRequired') },
          { pattern: USERNAME_PATTERN, message: t('users.usernameInvalid') },
        ]}
      >
        <Input disabled={editing} autoCapitalize="none" autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.fields.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
        <Input maxLength={50} />
      </Form.Item>
      {!editing && <NewPasswordFields label={t('users.initialPassword')} confirmLabel={t('users.confirmInitialPassword')} />}
      <Form.Item label={t('users.fields.roles')} required extra={self ? t('users.cannotChangeOwnRoles') : undefined}>
        <RolesEditor form={form} me={me} directory={directory} disabled={self || submitting} />
      </Form.Item>
      {showLegalNo && (
        <Form.Item
          name="legalQualificationNo"
          label={t('users.fields.legalQualificationNo')}
          extra={t('users.legalQualificationHint')}
          rules={[{ required: reviewer, whitespace: true, message: t('users.legalQualificationRequired') }]}
        >
          <Input maxLength={64} />
        </Form.Item>
      )}
    </RecordFormDrawer>
  );
}
