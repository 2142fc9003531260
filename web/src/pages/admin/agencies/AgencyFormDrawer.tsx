import { Form, Input, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_CODE_PATTERN, CREDIT_CODE_PATTERN, agenciesApi, type Agency, type AgencyPatch } from '../../../api/agencies.ts';
import { RecordFormDrawer, useRecordForm } from '../../../components/RecordFormDrawer.tsx';
import { changedFields, nullIfBlank } from '../../../lib/forms.ts';
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
  const state = useRecordForm<Agency, AgencyForm>({ record: agency, fields: FIELDS, valuesOf, onClose, onSaved });
  const { baseline } = state;
  const editing = baseline !== null;

  const parentOptions = useMemo(() => {
    const excluded = baseline ? selfAndDescendants(agencies, baseline.id) : new Set<string>();
    return agencies.filter((a) => !excluded.has(a.id)).map((a) => ({ value: a.id, label: a.name }));
  }, [agencies, baseline]);

  async function handleFinish(values: AgencyForm) {
    const next = { name: values.name.trim(), parentId: values.parentId ?? null, creditCode: nullIfBlank(values.creditCode) };
    if (!baseline) return state.create(() => agenciesApi.create({ code: values.code.trim(), ...next }), () => t('agencies.created'));
    const patch: AgencyPatch = changedFields({ name: baseline.name, parentId: baseline.parentId, creditCode: baseline.creditCode }, next);
    await state.saveEdit(values, {
      patch,
      send: (body) => agenciesApi.update(baseline, body),
      reload: () => agenciesApi.list().then((all) => all.find((a) => a.id === baseline.id) ?? null),
    });
  }

  return (
    <RecordFormDrawer<Agency, AgencyForm>
      state={state}
      title={editing ? t('agencies.editTitle', { name: baseline.name }) : t('agencies.createTitle')}
      open={open}
      initialValues={valuesOf(agency)}
      onFinish={handleFinish}
    >
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
    </RecordFormDrawer>
  );
}
