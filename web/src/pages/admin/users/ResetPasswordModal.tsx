import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { usersApi, type UserAccount } from '../../../api/users.ts';
import { NewPasswordFields } from '../../../components/ChangePasswordModal.tsx';
import { FormError } from '../../../components/FormError.tsx';
import { nullIfBlank } from '../../../lib/forms.ts';
import { useSubmit } from '../../../lib/useSubmit.ts';

interface ResetForm {
  newPassword: string;
  confirm: string;
  reason: string;
}

const FIELDS = ['newPassword', 'reason'] as const;

/** 重置密码: an administrator sets a new password for a user who lost theirs. */
export function ResetPasswordModal({ account, onClose }: { account: UserAccount; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetForm>();
  const { submitting, failure, run } = useSubmit(form, FIELDS);

  async function handleFinish(values: ResetForm) {
    const result = await run(() => usersApi.resetPassword(account.id, values.newPassword, nullIfBlank(values.reason)));
    if (result.ok) {
      void message.success(t('users.passwordReset', { name: account.displayName }));
      onClose();
    }
  }

  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { name: account.displayName })}
      okText={t('users.resetPassword')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submitting}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <FormError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<ResetForm> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)} disabled={submitting}>
        <NewPasswordFields />
        <Form.Item name="reason" label={t('common.reason')} extra={t('common.reasonHint')}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
