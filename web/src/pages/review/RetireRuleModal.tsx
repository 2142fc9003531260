import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { reviewCatalogApi, type CatalogRule } from '../../api/reviewCatalog.ts';
import { FormError } from '../../components/FormError.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { currentLang } from '../../i18n/index.ts';
import { chinaToday, DATE_FORMAT, formatDay, parseDay } from '../../lib/dates.ts';
import { isVersionMismatch } from '../../lib/forms.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

interface RetireForm {
  effectiveTo: Dayjs | null;
  reason: string;
}

const FIELDS = ['effectiveTo', 'reason'] as const;

/** 废止: the first day the rule no longer applies (today or later), and why. */
export function RetireRuleModal({ rule, onClose, onChanged }: { rule: CatalogRule; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { isWide } = useScreen();
  const [form] = Form.useForm<RetireForm>();
  const { submitting, failure, run } = useSubmit(form, FIELDS);
  const today = chinaToday();
  const earliest = rule.latest.effectiveFrom > today ? rule.latest.effectiveFrom : today;

  async function handleFinish(values: RetireForm) {
    const effectiveTo = formatDay(values.effectiveTo)!;
    const result = await run(() => reviewCatalogApi.retire(rule, { effectiveTo, reason: values.reason.trim() }));
    if (result.ok) {
      void message.success(t('reviewCatalog.retired', { date: effectiveTo }));
      onChanged();
    } else if (isVersionMismatch(result.error)) {
      void message.error(errorText(result.error, currentLang()));
      onChanged();
    }
  }

  const label = (rule.inForce ?? rule.latest).label;
  return (
    <Modal
      open
      title={t('reviewCatalog.retireTitle', { label })}
      okText={t('reviewCatalog.retire')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submitting}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('reviewCatalog.retireHint')}</Typography.Paragraph>
      <FormError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<RetireForm> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)} disabled={submitting} initialValues={{ effectiveTo: parseDay(earliest), reason: '' }}>
        <Form.Item name="effectiveTo" label={t('reviewCatalog.retireDate')} rules={[{ required: true, message: t('reviewCatalog.required.effectiveTo') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} inputReadOnly={!isWide} disabledDate={(d) => d.isBefore(dayjs(earliest, DATE_FORMAT), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('common.reason')} extra={t('reviewCatalog.reasonHint')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
