import { Alert, App, Form, Input, Modal, Radio } from 'antd';
import { ESCALATION_LABELS, type EscalationTarget } from '@shared/reviews.ts';
import { useTranslation } from 'react-i18next';
import { reviewsApi, type ReviewView } from '../../api/reviews.ts';
import { isVersionMismatch } from '../../lib/forms.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { CaseError, caseErrorText } from '../cases/formParts.tsx';
import { escalationLabel } from './reviewFormat.tsx';

interface Values {
  to?: EscalationTarget;
  reason?: string;
}

const FIELDS = ['to', 'reason'] as const;
const TARGETS = Object.keys(ESCALATION_LABELS) as EscalationTarget[];

/** 意见分歧 — the agency head records that a 存在问题 opinion goes to the head or to collective discussion. */
export function EscalateModal({ review, onClose, onDone }: { review: ReviewView['review']; onClose: () => void; onDone: (v: ReviewView | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { submitting, failure, run } = useSubmit(form, FIELDS);

  async function handleFinish(v: Values) {
    const to = v.to!;
    const result = await run(() => reviewsApi.escalate(review, { to, reason: (v.reason ?? '').trim() }));
    if (result.ok) {
      void message.success(t('reviews.escalate.done', { to: escalationLabel(to) }));
      onDone(result.value);
    } else if (isVersionMismatch(result.error)) {
      void message.error(caseErrorText(result.error).title);
      onDone(null);
    }
  }

  return (
    <Modal
      open
      title={t('reviews.escalate.title')}
      okText={t('reviews.escalate.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submitting}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="info" showIcon role="note" style={{ marginBottom: 16 }} title={t('reviews.escalate.hint')} />
      <CaseError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)} disabled={submitting} initialValues={{ to: 'collective-discussion' }}>
        <Form.Item name="to" label={t('reviews.escalate.to')} rules={[{ required: true, message: t('reviews.escalate.toRequired') }]}>
          <Radio.Group>
            {TARGETS.map((k) => (
              <Radio key={k} value={k}>
                {escalationLabel(k)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t('reviews.escalate.reason')} rules={[{ required: true, whitespace: true, message: t('reviews.escalate.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
