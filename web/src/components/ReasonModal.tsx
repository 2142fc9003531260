import { App, Form, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client.ts';
import { currentLang } from '../i18n/index.ts';
import { isVersionMismatch, nullIfBlank } from '../lib/forms.ts';
import { useSubmit } from '../lib/useSubmit.ts';
import { FormError } from './FormError.tsx';

interface ReasonForm {
  reason: string;
}

const FIELDS = ['reason'] as const;

interface Props {
  title: ReactNode;
  /** What will happen, above the reason field. */
  description?: ReactNode;
  okText: string;
  danger?: boolean;
  /** Whether the reason must be given (the certificate actions) or may be left out. */
  reasonRequired: boolean;
  /** Sends the request; `reason` is null only when not required and left empty. */
  submit: (reason: string | null) => Promise<unknown>;
  successText: string;
  onClose: () => void;
  /** After success, and after a stale version (the list must reload either way). */
  onChanged: () => void;
}

/**
 * A one-step action that records why: 暂扣、恢复、吊销、停用、启用…. A stale version closes the
 * dialog and reloads the list, so the user decides again on what is current.
 */
export function ReasonModal({ title, description, okText, danger, reasonRequired, submit, successText, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReasonForm>();
  const { submitting, failure, run } = useSubmit(form, FIELDS);

  async function handleFinish(values: ReasonForm) {
    const result = await run(() => submit(nullIfBlank(values.reason)));
    if (result.ok) {
      void message.success(successText);
      onChanged();
    } else if (isVersionMismatch(result.error)) {
      void message.error(errorText(result.error, currentLang()));
      onChanged();
    }
  }

  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submitting}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {description}
      <FormError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<ReasonForm> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)} disabled={submitting}>
        <Form.Item
          name="reason"
          label={t('common.reason')}
          extra={reasonRequired ? undefined : t('common.reasonHint')}
          rules={[{ required: reasonRequired, whitespace: true, message: t('common.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
