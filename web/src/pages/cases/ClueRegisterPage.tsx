import { App, Button, Card, Checkbox, Flex, Form, Input, Select } from 'antd';
import { CASE_SOURCE_LABELS } from '@shared/cases.ts';
import { ENFORCEMENT_FIELDS } from '@shared/roles.ts';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { agenciesApi } from '../../api/agencies.ts';
import { casesApi } from '../../api/cases.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { formatDay } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { agencyDirectory, LoadError, PageHeader, searchByLabel } from '../admin/common.tsx';
import { sourceLabel } from './caseFormat.tsx';
import { ActDatePicker, CaseError, emptyParty, PartiesList, partyInput, today, type PartyFormValues } from './formParts.tsx';

interface ClueForm {
  agencyId: string;
  unitId: string | null;
  field: string;
  source: keyof typeof CASE_SOURCE_LABELS;
  cause: string;
  summary: string;
  on: Dayjs;
  actOn: Dayjs | null;
  seriousHarm: boolean;
  parties: PartyFormValues[];
}

const FIELDS = ['agencyId', 'unitId', 'field', 'source', 'cause', 'summary', 'on', 'actOn', 'seriousHarm', 'parties'] as const;
const SOURCES = Object.keys(CASE_SOURCE_LABELS) as (keyof typeof CASE_SOURCE_LABELS)[];

export function ClueRegisterPage() {
  return (
    <RequireAudience audience={AUDIENCES.caseHandle}>
      <ClueRegister />
    </RequireAudience>
  );
}

/** 线索登记: a case begins as a clue — who, what, when, and where it came from. */
function ClueRegister() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [form] = Form.useForm<ClueForm>();
  const { submitting, failure, run } = useSubmit(form, FIELDS);
  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const mine = directory.agencies.filter((a) => may(me, 'case.handle', a.id));
  const agencyId = (Form.useWatch('agencyId', form) as string | undefined) ?? (mine.length === 1 ? mine[0]!.id : undefined);
  // The user's own unit, where they have one in that agency.
  const ownUnit = (id: string | undefined) => me.roles.find((g) => g.agencyId === id && g.unitId)?.unitId ?? null;

  async function handleFinish(v: ClueForm) {
    const result = await run(() =>
      casesApi.registerClue({
        on: formatDay(v.on) ?? undefined,
        agencyId: v.agencyId,
        unitId: v.unitId ?? null,
        field: v.field,
        source: v.source,
        cause: v.cause.trim(),
        summary: v.summary.trim(),
        actOn: formatDay(v.actOn),
        seriousHarm: !!v.seriousHarm,
        parties: (v.parties ?? []).map(partyInput),
      }),
    );
    if (result.ok) {
      void message.success(t('cases.register.done'));
      navigate(`/cases/${encodeURIComponent(result.value.case.id)}`);
    }
  }

  if (agencies.error) return <LoadError error={agencies.error} onRetry={agencies.reload} />;
  if (!agencies.data) return <Card loading />;
  const first = mine.length === 1 ? mine[0]!.id : undefined;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <PageHeader title={t('nav.caseNew')} />
      <Card>
        <CaseError error={failure?.error} unmatched={failure?.unmatched} />
        <Form<ClueForm>
          form={form}
          layout="vertical"
          scrollToFirstError={{ block: 'center' }}
          disabled={submitting}
          initialValues={{ agencyId: first, unitId: ownUnit(first), source: 'inspection', on: today(), actOn: null, seriousHarm: false, parties: [emptyParty()] }}
          onFinish={(v) => void handleFinish(v)}
        >
          <Flex gap={16} wrap>
            <Form.Item name="agencyId" label={t('cases.fields.agency')} rules={[{ required: true, message: t('cases.form.choose') }]} style={{ flex: '1 1 260px' }}>
              <Select
                showSearch={searchByLabel}
                options={mine.map((a) => ({ value: a.id, label: a.name }))}
                disabled={mine.length === 1}
                onChange={(id: string) => form.setFieldsValue({ unitId: ownUnit(id) })}
              />
            </Form.Item>
            <Form.Item name="unitId" label={t('cases.fields.unit')} style={{ flex: '1 1 200px' }}>
              <Select allowClear placeholder={t('cases.register.noUnit')} options={directory.unitsOf(agencyId).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item name="field" label={t('cases.fields.field')} rules={[{ required: true, message: t('cases.form.choose') }]} style={{ flex: '1 1 200px' }}>
              <Select options={ENFORCEMENT_FIELDS.map((x) => ({ value: x, label: x }))} />
            </Form.Item>
            <Form.Item name="source" label={t('cases.fields.source')} rules={[{ required: true }]} style={{ flex: '1 1 200px' }}>
              <Select options={SOURCES.map((s) => ({ value: s, label: sourceLabel(s) }))} />
            </Form.Item>
          </Flex>
          <Form.Item name="cause" label={t('cases.fields.cause')} extra={t('cases.register.causeHint')} rules={[{ required: true, whitespace: true, message: t('cases.form.required', { label: t('cases.fields.cause') }) }]}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
          <Form.Item name="summary" label={t('cases.fields.summary')} rules={[{ required: true, whitespace: true, message: t('cases.form.required', { label: t('cases.fields.summary') }) }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="on" label={t('cases.fields.registeredOn')} rules={[{ required: true, message: t('cases.form.choose') }]} style={{ flex: '1 1 200px' }}>
              <ActDatePicker />
            </Form.Item>
            <Form.Item name="actOn" label={t('cases.fields.actOn')} extra={t('cases.register.actOnHint')} style={{ flex: '1 1 200px' }}>
              <ActDatePicker allowClear />
            </Form.Item>
          </Flex>
          <Form.Item name="seriousHarm" valuePropName="checked" extra={t('cases.register.seriousHarmHint')}>
            <Checkbox>{t('cases.fields.seriousHarm')}</Checkbox>
          </Form.Item>
          <Form.Item label={t('cases.fields.parties')} required>
            <PartiesList />
          </Form.Item>
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => navigate('/cases')} disabled={submitting}>
              {t('common.cancel')}
            </Button>
            <Button type="primary" htmlType="submit" loading={submitting}>
              {t('cases.register.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}
