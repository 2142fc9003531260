import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeOwnPassword } from '../api/auth.ts';
import { passwordAcceptable } from '../api/users.ts';
import { useSubmit } from '../lib/useSubmit.ts';
import { FormError } from './FormError.tsx';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** 修改密码: the logged-in user changes their own password (reached from the header's user menu). */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const { submitting, failure, setFailure, run } = useSubmit(form, FIELDS);

  async function handleFinish(values: PasswordForm) {
    const result = await run(() => changeOwnPassword(values.currentPassword, values.newPassword));
    if (result.ok) {
      void message.success(t('password.changed'));
      onClose();
    }
  }

  return (
    <Modal
      title={t('password.changeTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={submitting}
      destroyOnHidden
      afterClose={() => setFailure(null)}
      mask={{ closable: false }}
    >
      <FormError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<PasswordForm> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)} disabled={submitting}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <NewPasswordFields />
      </Form>
    </Modal>
  );
}

/** New password twice, with the server's strength rule checked before sending. */
export function NewPasswordFields({ name = 'newPassword', label, confirmLabel }: { name?: string; label?: string; confirmLabel?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={label ?? t('password.new')}
        extra={t('password.rule')}
        rules={[
          { required: true, message: t('password.newRequired') },
          { validator: async (_, value: string | undefined) => (!value || passwordAcceptable(value) ? undefined : Promise.reject(new Error(t('password.weak')))) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={confirmLabel ?? t('password.confirm')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => (!value || value === getFieldValue(name) ? undefined : Promise.reject(new Error(t('password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
