import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Descriptions, Flex, Form, Input, Radio, Result, Select, Switch, Typography } from 'antd';
import type { PenaltyKind } from '@shared/cases.ts';
import { ENFORCEMENT_FIELDS } from '@shared/roles.ts';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agenciesApi } from '../../api/agencies.ts';
import { casesApi, type CaseView } from '../../api/cases.ts';
import { officersApi } from '../../api/officers.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { formatDay } from '../../lib/dates.ts';
import { nullIfBlank } from '../../lib/forms.ts';
import { formatYuan, yuanToFen } from '../../lib/money.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { agencyDirectory, LoadError, searchByLabel } from '../admin/common.tsx';
import { penaltyText, partyNames } from './caseFormat.tsx';
import { DocumentLinks } from './eventFacts.tsx';
import {
  ActDatePicker,
  CaseError,
  emptyParty,
  FIELDSET,
  LEGEND,
  OfficerSelect,
  PartyFields,
  partyInput,
  PenaltyFields,
  penaltyInput,
  today,
  twoOfficersRule,
  type PartyFormValues,
} from './formParts.tsx';

interface SpotForm {
  agencyId: string;
  unitId: string | null;
  on: Dayjs;
  field: string;
  cause: string;
  place: string;
  parties: PartyFormValues[];
  officerIds: string[];
  facts: string;
  basis: string;
  kinds: PenaltyKind[];
  fineYuan?: string;
  rightsTold: boolean;
  partyStatement?: string;
  partySigned: 'signed' | 'refused';
  collect: boolean;
  receiptNo?: string;
  collectReason?: string;
}

const FIELDS = ['agencyId', 'unitId', 'on', 'field', 'cause', 'place', 'parties', 'officerIds', 'facts', 'basis', 'kinds', 'fineYuan', 'rightsTold', 'partyStatement', 'partySigned', 'receiptNo', 'collectReason'] as const;
const ALIASES = { fineFen: 'fineYuan' };
/** Art 51 allows only these on the spot. */
const SPOT_KINDS: readonly PenaltyKind[] = ['warning', 'fine'];
/** Art 68: up to ¥100 may be collected on the spot without a reason. */
const COLLECT_FREELY_FEN = 10_000;

export function OnTheSpotPage() {
  return (
    <RequireAudience audience={AUDIENCES.caseHandle}>
      <OnTheSpot />
    </RequireAudience>
  );
}

/** 当场处罚 (简易程序, Arts 51–53, 68): one form, made for a phone held at the scene. */
function OnTheSpot() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<SpotForm>();
  const { submitting, failure, run } = useSubmit(form, FIELDS, ALIASES);
  const [done, setDone] = useState<CaseView | null>(null);
  const [formKey, setFormKey] = useState(0);
  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const mine = directory.agencies.filter((a) => may(me, 'case.handle', a.id));
  const first = mine.length === 1 ? mine[0]!.id : undefined;
  const agencyId = (Form.useWatch('agencyId', form) as string | undefined) ?? first;
  const field = (Form.useWatch('field', form) as string | undefined) ?? null;
  const kinds = (Form.useWatch('kinds', form) as PenaltyKind[] | undefined) ?? [];
  const fineText = Form.useWatch('fineYuan', form) as string | undefined;
  const fineFen = kinds.includes('fine') ? yuanToFen(fineText) : null;
  const collect = !!Form.useWatch('collect', form);
  const officers = useLoad((signal) => (agencyId ? officersApi.list({ agencyId }, signal) : Promise.resolve([])), [agencyId]);
  const ownOfficer = officers.data?.find((o) => o.userId === me.id)?.id;
  const ownUnit = (id: string | undefined) => me.roles.find((g) => g.agencyId === id && g.unitId)?.unitId ?? null;

  // The officer filling in the form is one of the two: preselected once the list has loaded.
  useEffect(() => {
    if (ownOfficer && !done && (form.getFieldValue('officerIds') as string[] | undefined)?.length === 0) form.setFieldsValue({ officerIds: [ownOfficer] });
  }, [ownOfficer, form, done, formKey]);

  async function handleFinish(v: SpotForm) {
    const penalty = penaltyInput({ kinds: v.kinds, fineYuan: v.fineYuan, penaltyDescription: '' });
    const result = await run(() =>
      casesApi.decideOnTheSpot({
        on: formatDay(v.on) ?? undefined,
        agencyId: v.agencyId,
        unitId: v.unitId ?? null,
        field: v.field,
        cause: v.cause.trim(),
        parties: v.parties.slice(0, 1).map(partyInput),
        officerIds: v.officerIds,
        place: v.place.trim(),
        facts: v.facts.trim(),
        basis: v.basis.trim(),
        penalty,
        rightsTold: true,
        partyStatement: nullIfBlank(v.partyStatement),
        partySigned: v.partySigned === 'signed',
        collected: v.collect && penalty.fineFen ? { amountFen: penalty.fineFen, receiptNo: (v.receiptNo ?? '').trim(), reason: nullIfBlank(v.collectReason) } : null,
      }),
    );
    if (result.ok) {
      setDone(result.value);
      window.scrollTo({ top: 0 });
    }
  }

  if (agencies.error) return <LoadError error={agencies.error} onRetry={agencies.reload} />;
  if (!agencies.data) return <Card loading />;

  if (done) {
    const r = done.case;
    const d = r.decision;
    return (
      <Card style={{ maxWidth: 560, margin: '0 auto' }}>
        <Result
          icon={<CheckCircleFilled style={{ color: '#52c41a' }} />}
          title={t('cases.spot.doneTitle')}
          subTitle={d?.number ? t('cases.spot.decisionNo', { no: d.number }) : t('cases.spot.noNumberYet')}
          style={{ padding: '16px 0' }}
          extra={
            <Flex vertical gap={8} align="stretch">
              <RouterLink to={`/cases/${encodeURIComponent(r.id)}`}>
                <Button type="primary" block>
                  {t('cases.spot.openCase')}
                </Button>
              </RouterLink>
              <Button
                block
                onClick={() => {
                  setDone(null);
                  setFormKey((k) => k + 1);
                }}
              >
                {t('cases.spot.another')}
              </Button>
            </Flex>
          }
        />
        <Descriptions
          size="small"
          column={1}
          bordered
          data-testid="spot-result"
          items={[
            { key: 'party', label: t('cases.fields.party'), children: partyNames(r.parties) },
            { key: 'penalty', label: t('cases.penalty.title'), children: penaltyText(d?.penalty) },
            { key: 'number', label: t('cases.spot.number'), children: d?.number ?? '—' },
            {
              key: 'collected',
              label: t('cases.spot.collected'),
              children: r.execution?.payments.length ? r.execution.payments.map((p) => `${formatYuan(p.amountFen)}（${p.receiptNo ?? '—'}）`).join('；') : t('cases.spot.notCollected'),
            },
            { key: 'outstanding', label: t('cases.execution.outstanding'), children: formatYuan(done.owed.outstandingFen) },
          ]}
        />
        {d?.documentId && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <DocumentLinks documentId={d.documentId} name={d.number ? `${t('cases.spot.decisionDoc')} ${d.number}` : t('cases.spot.decisionDoc')} />
          </Flex>
        )}
      </Card>
    );
  }

  return (
    <Flex vertical gap={12} style={{ maxWidth: 560, margin: '0 auto', width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.onTheSpot')}
      </Typography.Title>
      <Alert type="info" showIcon role="note" title={t('cases.spot.hint')} />
      <Card size="small" styles={{ body: { padding: 12 } }}>
        <CaseError error={failure?.error} unmatched={failure?.unmatched} />
        <Form<SpotForm>
          key={formKey}
          form={form}
          layout="vertical"
          scrollToFirstError={{ block: 'center' }}
          disabled={submitting}
          initialValues={{
            agencyId: first,
            unitId: ownUnit(first),
            on: today(),
            field: ENFORCEMENT_FIELDS[0],
            parties: [emptyParty('person')],
            officerIds: ownOfficer ? [ownOfficer] : [],
            kinds: ['fine'],
            rightsTold: false,
            partySigned: 'signed',
            collect: false,
          }}
          onFinish={(v) => void handleFinish(v)}
        >
          {mine.length > 1 && (
            <Form.Item name="agencyId" label={t('cases.fields.agency')} rules={[{ required: true, message: t('cases.form.choose') }]}>
              <Select showSearch={searchByLabel} options={mine.map((a) => ({ value: a.id, label: a.name }))} onChange={(id: string) => form.setFieldsValue({ unitId: ownUnit(id), officerIds: [] })} />
            </Form.Item>
          )}
          {mine.length <= 1 && (
            <Form.Item name="agencyId" hidden>
              <Input />
            </Form.Item>
          )}
          <Form.Item name="unitId" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="on" label={t('cases.spot.on')} rules={[{ required: true, message: t('cases.form.choose') }]}>
            <ActDatePicker />
          </Form.Item>
          <Form.Item name="field" label={t('cases.fields.field')} rules={[{ required: true, message: t('cases.form.choose') }]}>
            <Select options={ENFORCEMENT_FIELDS.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="cause" label={t('cases.fields.cause')} rules={[{ required: true, whitespace: true, message: t('cases.form.required', { label: t('cases.fields.cause') }) }]}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
          <Form.Item name="place" label={t('cases.spot.place')} rules={[{ required: true, whitespace: true, message: t('cases.form.required', { label: t('cases.spot.place') }) }]}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>

          <fieldset style={FIELDSET}>
            <legend style={LEGEND}>{t('cases.fields.party')}</legend>
            <PartyFields path={['parties', 0]} />
          </fieldset>

          <Form.Item
            name="officerIds"
            label={t('cases.spot.officers')}
            extra={t('cases.spot.officersHint')}
            rules={[twoOfficersRule(t)]}
          >
            <OfficerSelect officers={officers.data ?? []} field={field} loading={officers.loading} />
          </Form.Item>

          <Form.Item name="facts" label={t('cases.form.facts')} rules={[{ required: true, whitespace: true, message: t('cases.form.required', { label: t('cases.form.facts') }) }]}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item name="basis" label={t('cases.form.penaltyBasis')} rules={[{ required: true, whitespace: true, message: t('cases.form.required', { label: t('cases.form.penaltyBasis') }) }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>

          <PenaltyFields kinds={SPOT_KINDS} withDescription={false} />
          <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 12 }}>
            {t('cases.spot.ceilingHint')}
          </Typography.Paragraph>

          <Form.Item
            name="rightsTold"
            valuePropName="checked"
            rules={[{ validator: async (_, v: boolean) => (v ? undefined : Promise.reject(new Error(t('cases.spot.rightsRequired')))) }]}
          >
            <Checkbox>{t('cases.spot.rightsTold')}</Checkbox>
          </Form.Item>
          <Form.Item name="partyStatement" label={t('cases.spot.partyStatement')}>
            <Input.TextArea rows={2} maxLength={4000} placeholder={t('cases.spot.partyStatementHint')} />
          </Form.Item>
          <Form.Item name="partySigned" label={t('cases.spot.signature')} rules={[{ required: true }]}>
            <Radio.Group>
              <Flex vertical gap={4}>
                <Radio value="signed">{t('cases.spot.signed')}</Radio>
                <Radio value="refused">{t('cases.spot.refused')}</Radio>
              </Flex>
            </Radio.Group>
          </Form.Item>

          <fieldset style={FIELDSET}>
            <legend style={LEGEND}>{t('cases.spot.collectTitle')}</legend>
            <Form.Item name="collect" valuePropName="checked" label={t('cases.spot.collect')} extra={fineFen ? undefined : t('cases.spot.collectNeedsFine')}>
              <Switch disabled={!fineFen} checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
            {collect && fineFen ? (
              <>
                <Typography.Paragraph>{t('cases.spot.collectAmount', { amount: formatYuan(fineFen) })}</Typography.Paragraph>
                <Form.Item name="receiptNo" label={t('cases.spot.receiptNo')} rules={[{ required: true, whitespace: true, message: t('cases.form.required', { label: t('cases.spot.receiptNo') }) }]}>
                  <Input maxLength={64} autoComplete="off" />
                </Form.Item>
                <Form.Item
                  name="collectReason"
                  label={t('cases.spot.collectReason')}
                  extra={t('cases.spot.collectReasonHint')}
                  rules={[{ required: fineFen > COLLECT_FREELY_FEN, whitespace: true, message: t('cases.spot.collectReasonRequired') }]}
                >
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
              </>
            ) : null}
          </fieldset>

          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t('cases.spot.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
