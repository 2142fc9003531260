import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agenciesApi, type Agency, type Unit } from '../../../api/agencies.ts';
import { FormError } from '../../../components/FormError.tsx';
import { StaleAlert } from '../../../components/StaleAlert.tsx';
import { currentStateOf, isVersionMismatch, nullIfBlank } from '../../../lib/forms.ts';
import { useSubmit } from '../../../lib/useSubmit.ts';

interface UnitForm {
  name: string;
  reason: string;
}

const FIELDS = ['name', 'reason'] as const;

interface Props {
  agency: Agency;
  /** null: add a unit to the agency. */
  unit: Unit | null;
  onClose: () => void;
  onSaved: () => void;
}

/** 新增内设机构 / 修改内设机构 (rename, with a reason for the record). */
export function UnitModal({ agency, unit, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitForm>();
  const { submitting, failure, setFailure, run } = useSubmit(form, FIELDS);
  const [baseline, setBaseline] = useState(unit);
  const [stale, setStale] = useState(false);

  async function handleFinish(values: UnitForm) {
    const name = values.name.trim();
    if (!baseline) {
      const result = await run(() => agenciesApi.createUnit(agency.id, name));
      if (result.ok) {
        void message.success(t('agencies.unitCreated'));
        onSaved();
      }
      return;
    }
    if (name === baseline.name) {
      void message.info(t('common.noChanges'));
      onClose();
      return;
    }
    const reason = nullIfBlank(values.reason);
    const result = await run(() => agenciesApi.updateUnit(baseline, reason ? { name, reason } : { name }));
    if (result.ok) {
      void message.success(t('common.saved'));
      onSaved();
    } else if (isVersionMismatch(result.error)) {
      const fresh = currentStateOf<Unit>(result.error);
      if (fresh) {
        setBaseline(fresh);
        form.setFieldsValue({ name: fresh.name });
        setFailure(null);
        setStale(true);
      }
    }
  }

  return (
    <Modal
      open
      title={baseline ? t('agencies.renameUnitTitle', { name: baseline.name }) : t('agencies.addUnitTitle', { agency: agency.name })}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submitting}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {stale && <StaleAlert />}
      <FormError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<UnitForm> form={form} layout="vertical" scrollToFirstError={{ block: 'center' }} initialValues={{ name: unit?.name ?? '', reason: '' }} onFinish={(v) => void handleFinish(v)} disabled={submitting}>
        <Form.Item name="name" label={t('agencies.unitName')} rules={[{ required: true, whitespace: true, message: t('agencies.unitNameRequired') }]}>
          <Input maxLength={50} autoFocus />
        </Form.Item>
        {baseline && (
          <Form.Item name="reason" label={t('common.reason')} extra={t('common.reasonHint')}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
