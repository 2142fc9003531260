import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { officersApi, type Officer, type RenewInput } from '../../../api/officers.ts';
import { FormError } from '../../../components/FormError.tsx';
import { useScreen } from '../../../components/useScreen.ts';
import { currentLang } from '../../../i18n/index.ts';
import { DATE_FORMAT, formatDay, parseDay } from '../../../lib/dates.ts';
import { isVersionMismatch, nullIfBlank } from '../../../lib/forms.ts';
import { useSubmit } from '../../../lib/useSubmit.ts';

interface RenewForm {
  validTo: Dayjs | null;
  validFrom: Dayjs | null;
  certificateNo: string;
  reason: string;
}

const FIELDS = ['validTo', 'validFrom', 'certificateNo', 'reason'] as const;

/** 换证: a new 有效期至, optionally a new start date and 证号, and why. */
export function RenewModal({ officer, onClose, onChanged }: { officer: Officer; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { isWide } = useScreen();
  const [form] = Form.useForm<RenewForm>();
  const { submitting, failure, run } = useSubmit(form, FIELDS);

  async function handleFinish(values: RenewForm) {
    const input: RenewInput = { validTo: formatDay(values.validTo)!, reason: values.reason.trim() };
    const validFrom = formatDay(values.validFrom);
    const certificateNo = nullIfBlank(values.certificateNo);
    // Left empty means "unchanged": those keys are not sent at all.
    if (validFrom) input.validFrom = validFrom;
    if (certificateNo && certificateNo !== officer.certificateNo) input.certificateNo = certificateNo;
    const result = await run(() => officersApi.renew(officer, input));
    if (result.ok) {
      void message.success(t('officers.renewed', { name: officer.name }));
      onChanged();
    } else if (isVersionMismatch(result.error)) {
      void message.error(errorText(result.error, currentLang()));
      onChanged();
    }
  }

  const currentTo = parseDay(officer.validTo);
  return (
    <Modal
      open
      title={t('officers.renewTitle', { name: officer.name })}
      okText={t('officers.actions.renew')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submitting}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('officers.renewCurrent', { no: officer.certificateNo ?? '—', from: officer.validFrom ?? '—', to: officer.validTo ?? '—' })}
      </Typography.Paragraph>
      <FormError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<RenewForm> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)} disabled={submitting} initialValues={{ validTo: null, validFrom: null, certificateNo: '' }}>
        <Form.Item
          name="validTo"
          label={t('officers.newValidTo')}
          rules={[
            { required: true, message: t('officers.validToRequired') },
            ({ getFieldValue }) => ({
              validator: async (_, value: Dayjs | null) => {
                const from = (getFieldValue('validFrom') as Dayjs | null) ?? parseDay(officer.validFrom);
                if (value && from && value.isBefore(from, 'day')) throw new Error(t('officers.validToBeforeFrom'));
              },
            }),
          ]}
          dependencies={['validFrom']}
        >
          <DatePicker
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            inputReadOnly={!isWide}
            defaultPickerValue={currentTo ?? undefined}
          />
        </Form.Item>
        <Form.Item name="validFrom" label={t('officers.newValidFrom')} extra={t('officers.keepIfEmpty')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} inputReadOnly={!isWide} />
        </Form.Item>
        <Form.Item name="certificateNo" label={t('officers.newCertificateNo')} extra={t('officers.keepIfEmpty')}>
          <Input maxLength={64} placeholder={officer.certificateNo ?? undefined} />
        </Form.Item>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
