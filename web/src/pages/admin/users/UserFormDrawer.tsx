import { App, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../api/auth.ts';
import { USERNAME_PATTERN, usersApi, type Grant, type UserAccount, type UserPatch } from '../../../api/users.ts';
import { NewPasswordFields } from '../../../components/ChangePasswordModal.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { FormError } from '../../../components/FormError.tsx';
import { StaleAlert } from '../../../components/StaleAlert.tsx';
import { changedFields, nullIfBlank } from '../../../lib/forms.ts';
import { useSubmit } from '../../../lib/useSubmit.ts';
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
  const { message } = App.useApp();
  const [form] = Form.useForm<UserForm>();
  const { submitting, failure, run, saveEdit } = useSubmit(form, FIELDS, ALIASES);
  const [baseline, setBaseline] = useState(account);
  const [stale, setStale] = useState(false);
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
    if (!baseline) {
      const result = await run(() =>
        usersApi.create({ username: values.username.trim(), password: values.newPassword, ...next }),
      );
      if (result.ok) {
        void message.success(t('users.created'));
        onSaved();
      }
      return;
    }
    const patch: UserPatch = changedFields(
      {
        displayName: baseline.displayName,
        roles: grantsOf(baseline.roles),
        legalQualificationNo: baseline.legalQualificationNo,
      },
      next,
    );
    await saveEdit({
      patch,
      reason: nullIfBlank(values.reason),
      send: (body) => usersApi.update(baseline, body),
      reload: () => Promise.resolve(null),
      saved: () => {
        void message.success(t('common.saved'));
        onSaved();
      },
      unchanged: () => {
        void message.info(t('common.noChanges'));
        onClose();
      },
      restart: (fresh: UserAccount) => {
        setBaseline(fresh);
        form.setFieldsValue({ ...valuesOf(fresh), reason: values.reason });
        setStale(true);
      },
    });
  }

  return (
    <FormDrawer
      title={editing ? t('users.editTitle', { name: baseline.displayName }) : t('users.createTitle')}
      open
      submitting={submitting}
      onClose={onClose}
      onSubmit={() => form.submit()}
    >
      {stale && <StaleAlert />}
      <FormError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<UserForm> form={form} layout="vertical" scrollToFirstError={{ block: 'center' }} initialValues={valuesOf(account)} onFinish={(v) => void handleFinish(v)} disabled={submitting}>
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
        {editing && (
          <Form.Item name="reason" label={t('common.reason')} extra={t('common.reasonHint')}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
