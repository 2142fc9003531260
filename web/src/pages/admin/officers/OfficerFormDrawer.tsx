import { DatePicker, Form, Input, Select, Switch, Typography } from 'antd';
import { ENFORCEMENT_FIELDS } from '@shared/roles.ts';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { officersApi, type Officer, type OfficerPatch } from '../../../api/officers.ts';
import { usersApi } from '../../../api/users.ts';
import type { User } from '../../../api/auth.ts';
import { administers } from '../../../auth/permissions.ts';
import { RecordFormDrawer, useRecordForm } from '../../../components/RecordFormDrawer.tsx';
import { useScreen } from '../../../components/useScreen.ts';
import { DATE_FORMAT, formatDay, parseDay } from '../../../lib/dates.ts';
import { changedFields, nullIfBlank } from '../../../lib/forms.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { searchByLabel, type AgencyDirectory } from '../common.tsx';

interface OfficerForm {
  agencyId: string;
  auxiliary: boolean;
  name: string;
  unitId: string | null;
  post: string;
  userId: string | null;
  certificateNo: string;
  issuingAuthority: string;
  fields: string[];
  validFrom: Dayjs | null;
  validTo: Dayjs | null;
  reason: string;
}

const FIELDS = ['agencyId', 'auxiliary', 'name', 'unitId', 'post', 'userId', 'certificateNo', 'issuingAuthority', 'fields', 'validFrom', 'validTo', 'reason'] as const;

function valuesOf(officer: Officer): Partial<OfficerForm> {
  return {
    agencyId: officer.agencyId,
    auxiliary: officer.auxiliary,
    name: officer.name,
    unitId: officer.unitId,
    post: officer.post ?? '',
    userId: officer.userId,
    certificateNo: officer.certificateNo ?? '',
    issuingAuthority: officer.issuingAuthority ?? '',
    fields: officer.fields,
    validFrom: parseDay(officer.validFrom),
    validTo: parseDay(officer.validTo),
    reason: '',
  };
}

/** The editable record as the form holds it; certificate fields are left out for auxiliary staff. */
function recordOf(values: OfficerForm): OfficerPatch {
  const base: OfficerPatch = {
    name: values.name.trim(),
    unitId: values.unitId ?? null,
    post: nullIfBlank(values.post),
    userId: values.userId ?? null,
    fields: [...new Set((values.fields ?? []).map((f) => f.trim()).filter(Boolean))],
  };
  if (values.auxiliary) return base;
  return {
    ...base,
    certificateNo: nullIfBlank(values.certificateNo),
    issuingAuthority: nullIfBlank(values.issuingAuthority),
    validFrom: formatDay(values.validFrom),
    validTo: formatDay(values.validTo),
  };
}

function editableOf(officer: Officer): OfficerPatch {
  const { name, unitId, post, userId, fields, certificateNo, issuingAuthority, validFrom, validTo } = officer;
  return { name, unitId, post, userId, fields, certificateNo, issuingAuthority, validFrom, validTo };
}

interface Props {
  /** null: register a new officer. */
  officer: Officer | null;
  me: User;
  directory: AgencyDirectory;
  /** Preselected agency for a new officer (the list's filter). */
  defaultAgencyId: string | null;
  onClose: () => void;
  onSaved: () => void;
}

/** 登记执法人员 / 编辑执法人员. */
export function OfficerFormDrawer({ officer, me, directory, defaultAgencyId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  // On a phone, typing a date brings up the keyboard over the calendar; pick it instead.
  const { isWide } = useScreen();
  const state = useRecordForm<Officer, OfficerForm>({ record: officer, fields: FIELDS, valuesOf, onClose, onSaved });
  const { form, baseline } = state;
  const editing = baseline !== null;

  const agencyOptions = directory.agencies.filter((a) => administers(me, a.id)).map((a) => ({ value: a.id, label: a.name }));
  const initialAgency = officer?.agencyId ?? defaultAgencyId ?? (agencyOptions.length === 1 ? agencyOptions[0]!.value : undefined);
  const agencyId = (Form.useWatch('agencyId', form) as string | undefined) ?? initialAgency;
  const auxiliary = (Form.useWatch('auxiliary', form) as boolean | undefined) ?? officer?.auxiliary ?? false;
  const users = useLoad((signal) => (agencyId ? usersApi.list(agencyId, signal) : Promise.resolve([])), [agencyId]);

  async function handleFinish(values: OfficerForm) {
    const record = recordOf(values);
    if (!baseline) {
      return state.create(
        () => officersApi.create({ ...record, agencyId: values.agencyId, auxiliary: values.auxiliary, name: record.name!, fields: record.fields ?? [] }),
        (created) => t('officers.created', { name: created.name }),
      );
    }
    await state.saveEdit(values, {
      patch: changedFields(editableOf(baseline), record),
      send: (body) => officersApi.update(baseline, body),
      reload: () => officersApi.get(baseline.id),
    });
  }

  const initialValues: Partial<OfficerForm> = officer
    ? valuesOf(officer)
    : { agencyId: initialAgency, auxiliary: false, fields: [], unitId: null, userId: null, validFrom: null, validTo: null };

  return (
    <RecordFormDrawer<Officer, OfficerForm>
      state={state}
      title={editing ? t('officers.editTitle', { name: baseline.name }) : t('officers.createTitle')}
      initialValues={initialValues}
      onFinish={handleFinish}
    >
      <Form.Item name="agencyId" label={t('officers.fields.agencyId')} rules={[{ required: true, message: t('officers.agencyRequired') }]}>
        <Select
          options={editing ? [{ value: baseline.agencyId, label: directory.agencyName(baseline.agencyId) }] : agencyOptions}
          disabled={editing}
          showSearch={searchByLabel}
          onChange={() => form.setFieldsValue({ unitId: null, userId: null })}
        />
      </Form.Item>
      <Form.Item
        name="auxiliary"
        label={t('officers.fields.auxiliary')}
        valuePropName="checked"
        extra={editing ? t('officers.auxiliaryFixed') : t('officers.auxiliaryHint')}
      >
        <Switch disabled={editing} checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
      </Form.Item>
      <Form.Item name="name" label={t('officers.fields.name')} rules={[{ required: true, whitespace: true, message: t('officers.nameRequired') }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="unitId" label={t('officers.fields.unitId')}>
        <Select allowClear options={directory.unitsOf(agencyId).map((u) => ({ value: u.id, label: u.name }))} placeholder={t('officers.noUnit')} />
      </Form.Item>
      <Form.Item name="post" label={t('officers.fields.post')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="userId" label={t('officers.fields.userId')} extra={t('officers.userHint')}>
        <Select
          allowClear
          showSearch={searchByLabel}
          loading={users.loading}
          placeholder={t('officers.noUser')}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
        />
      </Form.Item>
      {!auxiliary && (
        <>
          <Typography.Title level={5}>{t('officers.certificateSection')}</Typography.Title>
          <Form.Item
            name="certificateNo"
            label={t('officers.fields.certificateNo')}
            rules={[{ required: true, whitespace: true, message: t('officers.certificateNoRequired') }]}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="issuingAuthority" label={t('officers.fields.issuingAuthority')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="validFrom" label={t('officers.fields.validFrom')} rules={[{ required: true, message: t('officers.validFromRequired') }]}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} inputReadOnly={!isWide} />
          </Form.Item>
          <Form.Item
            name="validTo"
            label={t('officers.fields.validTo')}
            dependencies={['validFrom']}
            rules={[
              { required: true, message: t('officers.validToRequired') },
              ({ getFieldValue }) => ({
                validator: async (_, value: Dayjs | null) => {
                  const from = getFieldValue('validFrom') as Dayjs | null;
                  if (value && from && value.isBefore(from, 'day')) throw new Error(t('officers.validToBeforeFrom'));
                },
              }),
            ]}
          >
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} inputReadOnly={!isWide} />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="fields"
        label={t('officers.fields.fields')}
        extra={t('officers.fieldsHint')}
        rules={[{ required: !auxiliary, type: 'array', min: auxiliary ? 0 : 1, message: t('officers.fieldsRequired') }]}
      >
        <Select mode="tags" options={ENFORCEMENT_FIELDS.map((f) => ({ value: f, label: f }))} tokenSeparators={['、', ',', '，']} />
      </Form.Item>
    </RecordFormDrawer>
  );
}
