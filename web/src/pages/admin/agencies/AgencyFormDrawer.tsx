import { App, Form, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_CODE_PATTERN, CREDIT_CODE_PATTERN, agenciesApi, type Agency, type AgencyPatch } from '../../../api/agencies.ts';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { FormError } from '../../../components/FormError.tsx';
import { StaleAlert } from '../../../components/StaleAlert.tsx';
import { changedFields, nullIfBlank } from '../../../lib/forms.ts';
import { useSubmit } from '../../../lib/useSubmit.ts';
import { searchByLabel } from '../common.tsx';

interface AgencyForm {
  code: string;
  name: string;
  parentId: string | null;
  creditCode: string;
  reason: string;
}

const FIELDS = ['code', 'name', 'parentId', 'creditCode', 'reason'] as const;

function valuesOf(agency: Agency | null): Partial<AgencyForm> {
  if (!agency) return { parentId: null };
  return { code: agency.code, name: agency.name, parentId: agency.parentId, creditCode: agency.creditCode ?? '', reason: '' };
}

/** The agency and everything below it: none of them can become its parent. */
function selfAndDescendants(agencies: readonly Agency[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const a of agencies) {
      if (a.parentId && out.has(a.parentId) && !out.has(a.id)) {
        out.add(a.id);
        grew = true;
      }
    }
  }
  return out;
}

interface Props {
  /** null: create a new agency. */
  agency: Agency | null;
  open: boolean;
  agencies: readonly Agency[];
  onClose: () => void;
  onSaved: () => void;
}

/** 新建机构 / 编辑机构: name, parent and credit code; an edit may give a reason for the record. */
export function AgencyFormDrawer({ agency, open, agencies, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AgencyForm>();
  const { submitting, failure, run, saveEdit } = useSubmit(form, FIELDS);
  // The version the form edits; replaced by the current state if someone else saved first.
  const [baseline, setBaseline] = useState(agency);
  const [stale, setStale] = useState(false);
  const editing = baseline !== null;

  const parentOptions = useMemo(() => {
    const excluded = baseline ? selfAndDescendants(agencies, baseline.id) : new Set<string>();
    return agencies.filter((a) => !excluded.has(a.id)).map((a) => ({ value: a.id, label: a.name }));
  }, [agencies, baseline]);

  async function handleFinish(values: AgencyForm) {
    const next = { name: values.name.trim(), parentId: values.parentId ?? null, creditCode: nullIfBlank(values.creditCode) };
    if (!baseline) {
      const result = await run(() => agenciesApi.create({ code: values.code.trim(), ...next }));
      if (result.ok) {
        void message.success(t('agencies.created'));
        onSaved();
      }
      return;
    }
    const patch: AgencyPatch = changedFields({ name: baseline.name, parentId: baseline.parentId, creditCode: baseline.creditCode }, next);
    await saveEdit({
      patch,
      reason: nullIfBlank(values.reason),
      send: (body) => agenciesApi.update(baseline, body),
      reload: () => agenciesApi.list().then((all) => all.find((a) => a.id === baseline.id) ?? null),
      saved: () => {
        void message.success(t('common.saved'));
        onSaved();
      },
      unchanged: () => {
        void message.info(t('common.noChanges'));
        onClose();
      },
      restart: (fresh: Agency) => {
        setBaseline(fresh);
        form.setFieldsValue({ ...valuesOf(fresh), reason: values.reason });
        setStale(true);
      },
    });
  }

  return (
    <FormDrawer
      title={editing ? t('agencies.editTitle', { name: baseline.name }) : t('agencies.createTitle')}
      open={open}
      submitting={submitting}
      onClose={onClose}
      onSubmit={() => form.submit()}
    >
      {stale && <StaleAlert />}
      <FormError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<AgencyForm> form={form} layout="vertical" scrollToFirstError={{ block: 'center' }} initialValues={valuesOf(agency)} onFinish={(v) => void handleFinish(v)} disabled={submitting}>
        <Form.Item
          name="code"
          label={t('agencies.fields.code')}
          extra={editing ? t('agencies.codeFixed') : t('agencies.codeRule')}
          rules={[
            { required: !editing, whitespace: true, message: t('agencies.codeRequired') },
            { pattern: AGENCY_CODE_PATTERN, message: t('agencies.codeInvalid') },
          ]}
        >
          <Input disabled={editing} autoCapitalize="none" maxLength={32} />
        </Form.Item>
        <Form.Item name="name" label={t('agencies.fields.name')} rules={[{ required: true, whitespace: true, message: t('agencies.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="parentId" label={t('agencies.fields.parentId')} extra={t('agencies.parentHint')}>
          <Select allowClear showSearch={searchByLabel} options={parentOptions} placeholder={t('agencies.parentNone')} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('agencies.fields.creditCode')}
          normalize={(v: string) => v.toUpperCase()}
          rules={[{ pattern: CREDIT_CODE_PATTERN, message: t('agencies.creditCodeInvalid') }]}
        >
          <Input maxLength={18} autoCapitalize="characters" />
        </Form.Item>
        {editing && (
          <Form.Item name="reason" label={t('common.reason')} extra={t('common.reasonHint')}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
