import { EyeOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Card, DatePicker, Divider, Empty, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { CATALOG_RULE_KINDS, MANUAL_FLAGS } from '@shared/review-catalog.ts';
import { PENALTY_KINDS, type Penalty, type PenaltyKind } from '@shared/cases.ts';
import { ENFORCEMENT_FIELDS } from '@shared/roles.ts';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/auth.ts';
import { errorText } from '../../api/client.ts';
import { reviewCatalogApi, type CatalogPreview, type CatalogPreviewCase, type CatalogRule, type CatalogRuleKind, type CatalogRuleSpec, type ManualFlag } from '../../api/reviewCatalog.ts';
import { may } from '../../auth/permissions.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { currentLang } from '../../i18n/index.ts';
import { chinaToday, DATE_FORMAT, formatDay, parseDay } from '../../lib/dates.ts';
import { isVersionMismatch, nullIfBlank } from '../../lib/forms.ts';
import { fenToYuanText, formatYuan, yuanToFen } from '../../lib/money.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { searchByLabel, type AgencyDirectory } from '../admin/common.tsx';
import { kindLabel } from '../benchmarks/format.ts';
import { ruleKindLabel } from './format.ts';

interface RuleForm {
  kind: CatalogRuleKind;
  person: string;
  organisation: string;
  kinds: PenaltyKind[];
  field: string;
  flag: ManualFlag | undefined;
}

interface CatalogForm {
  agencyId: string;
  rule: RuleForm;
  label: string;
  effectiveFrom: Dayjs | null;
  reason: string;
}

const FIELDS = ['agencyId', 'rule', 'label', 'effectiveFrom', 'reason'] as const;
const EMPTY_RULE: RuleForm = { kind: 'fine-at-least', person: '', organisation: '', kinds: [], field: '', flag: undefined };

function ruleForm(rule: CatalogRuleSpec): RuleForm {
  switch (rule.kind) {
    case 'fine-at-least':
    case 'confiscation-at-least':
      return { ...EMPTY_RULE, kind: rule.kind, person: fenToYuanText(rule.person), organisation: fenToYuanText(rule.organisation) };
    case 'penalty-kind':
      return { ...EMPTY_RULE, kind: rule.kind, kinds: rule.kinds };
    case 'field':
      return { ...EMPTY_RULE, kind: rule.kind, field: rule.field };
    case 'manual-flag':
      return { ...EMPTY_RULE, kind: rule.kind, flag: rule.flag };
    default:
      return { ...EMPTY_RULE, kind: rule.kind };
  }
}

/** The rule the form describes, or null while it is incomplete. */
function specOf(v: Partial<RuleForm> | undefined): CatalogRuleSpec | null {
  if (!v?.kind) return null;
  switch (v.kind) {
    case 'fine-at-least':
    case 'confiscation-at-least': {
      const person = yuanToFen(v.person);
      const organisation = yuanToFen(v.organisation);
      return person && organisation ? { kind: v.kind, person, organisation } : null;
    }
    case 'penalty-kind':
      return v.kinds && v.kinds.length > 0 ? { kind: v.kind, kinds: PENALTY_KINDS.filter((k) => v.kinds!.includes(k)) } : null;
    case 'field':
      return v.field?.trim() ? { kind: v.kind, field: v.field.trim() } : null;
    case 'manual-flag':
      return v.flag ? { kind: v.kind, flag: v.flag } : null;
    case 'after-hearing':
    case 'all-ordinary':
      return { kind: v.kind };
  }
}

interface Props {
  /** null: a new rule; otherwise a new version of it. */
  rule: CatalogRule | null;
  me: User;
  directory: AgencyDirectory;
  defaultAgencyId: string | null;
  onClose: () => void;
  onSaved: () => void;
}

/** 新增 / 修改目录规则: the rule's kind and parameters, its name, the day it takes effect, why — and a preview against recent cases. */
export function CatalogRuleForm({ rule, me, directory, defaultAgencyId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { isWide } = useScreen();
  const [form] = Form.useForm<CatalogForm>();
  const { submitting, failure, run } = useSubmit(form, FIELDS);
  const editing = rule !== null;
  const today = chinaToday();
  // A new version starts today or later, and not before the version it follows.
  const earliest = rule && rule.latest.effectiveFrom > today ? rule.latest.effectiveFrom : today;

  const agencyOptions = directory.agencies.filter((a) => may(me, 'review.catalog.manage', a.id)).map((a) => ({ value: a.id, label: a.name }));
  const initialAgency = rule?.agencyId ?? defaultAgencyId ?? (agencyOptions.length === 1 ? agencyOptions[0]!.value : undefined);
  const initialValues: Partial<CatalogForm> = rule
    ? { agencyId: rule.agencyId, rule: ruleForm(rule.latest.rule), label: rule.latest.label, effectiveFrom: parseDay(earliest), reason: '' }
    : { agencyId: initialAgency, rule: EMPTY_RULE, label: '', effectiveFrom: parseDay(today), reason: '' };

  const kind = Form.useWatch(['rule', 'kind'], form) ?? initialValues.rule!.kind;
  const watchedRule = Form.useWatch('rule', form);
  const agencyId = Form.useWatch('agencyId', form) ?? initialValues.agencyId;
  const spec = specOf(watchedRule);

  const [preview, setPreview] = useState<{ key: string; result: CatalogPreview } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const previewKey = spec && agencyId ? JSON.stringify([agencyId, spec]) : null;

  async function runPreview() {
    if (!spec || !agencyId || !previewKey) return;
    setPreviewing(true);
    setPreviewError(null);
    try {
      setPreview({ key: previewKey, result: await reviewCatalogApi.preview(agencyId, spec) });
    } catch (err) {
      setPreviewError(err);
    } finally {
      setPreviewing(false);
    }
  }

  async function handleFinish(values: CatalogForm) {
    const r = specOf(values.rule);
    if (!r) return;
    const common = { rule: r, label: nullIfBlank(values.label), effectiveFrom: formatDay(values.effectiveFrom)!, reason: values.reason.trim() };
    const result = await run(() => (rule ? reviewCatalogApi.change(rule, common) : reviewCatalogApi.add({ agencyId: values.agencyId, ...common })));
    if (result.ok) {
      void message.success(rule ? t('reviewCatalog.changed', { date: common.effectiveFrom }) : t('reviewCatalog.added'));
      onSaved();
    } else if (isVersionMismatch(result.error)) {
      // Someone changed the rule meanwhile: show the list as it now is and let the user decide again.
      void message.error(errorText(result.error, currentLang()));
      onSaved();
    }
  }

  const amount = {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value?.trim()) throw new Error(t('reviewCatalog.required.amount'));
      const fen = yuanToFen(value);
      if (fen === null || fen <= 0) throw new Error(t('reviewCatalog.invalid.amount'));
    },
  };

  return (
    <FormDrawer
      title={editing ? t('reviewCatalog.changeTitle', { label: rule.latest.label }) : t('reviewCatalog.addTitle')}
      open
      submitting={submitting}
      onClose={onClose}
      onSubmit={() => form.submit()}
    >
      {editing && <Alert type="info" showIcon title={t('reviewCatalog.changeHint')} style={{ marginBottom: 16 }} />}
      <FormError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<CatalogForm> form={form} layout="vertical" scrollToFirstError={{ block: 'center' }} initialValues={initialValues} onFinish={(v) => void handleFinish(v)} disabled={submitting}>
        <Form.Item name="agencyId" label={t('reviewCatalog.fields.agencyId')} rules={[{ required: true, message: t('reviewCatalog.required.agency') }]}>
          <Select options={editing ? [{ value: rule.agencyId, label: directory.agencyName(rule.agencyId) }] : agencyOptions} disabled={editing} showSearch={searchByLabel} />
        </Form.Item>
        <Form.Item name={['rule', 'kind']} label={t('reviewCatalog.fields.kind')} rules={[{ required: true, message: t('reviewCatalog.required.kind') }]}>
          <Select disabled={editing} options={CATALOG_RULE_KINDS.map((k) => ({ value: k, label: ruleKindLabel(k) }))} />
        </Form.Item>

        {(kind === 'fine-at-least' || kind === 'confiscation-at-least') && (
          <>
            <Typography.Paragraph type="secondary">{kind === 'fine-at-least' ? t('reviewCatalog.rule.fineHint') : t('reviewCatalog.rule.confiscationHint')}</Typography.Paragraph>
            <Flex gap={12} wrap>
              <Form.Item name={['rule', 'person']} label={t('reviewCatalog.rule.person')} rules={[amount]} style={{ flex: '1 1 180px' }}>
                <Input inputMode="decimal" />
              </Form.Item>
              <Form.Item name={['rule', 'organisation']} label={t('reviewCatalog.rule.organisation')} rules={[amount]} style={{ flex: '1 1 180px' }}>
                <Input inputMode="decimal" />
              </Form.Item>
            </Flex>
          </>
        )}
        {kind === 'penalty-kind' && (
          <Form.Item name={['rule', 'kinds']} label={t('reviewCatalog.rule.kinds')} extra={t('reviewCatalog.rule.kindsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('reviewCatalog.required.kinds') }]}>
            <Select mode="multiple" allowClear options={PENALTY_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} optionFilterProp="label" />
          </Form.Item>
        )}
        {kind === 'field' && (
          <Form.Item name={['rule', 'field']} label={t('reviewCatalog.rule.field')} rules={[{ required: true, whitespace: true, message: t('reviewCatalog.required.field') }]}>
            <AutoComplete options={ENFORCEMENT_FIELDS.map((f) => ({ value: f }))} maxLength={20} />
          </Form.Item>
        )}
        {kind === 'manual-flag' && (
          <Form.Item name={['rule', 'flag']} label={t('reviewCatalog.rule.flag')} extra={t('reviewCatalog.rule.flagHint')} rules={[{ required: true, message: t('reviewCatalog.required.flag') }]}>
            <Select options={MANUAL_FLAGS.map((f) => ({ value: f, label: f }))} />
          </Form.Item>
        )}
        {(kind === 'after-hearing' || kind === 'all-ordinary') && <Typography.Paragraph type="secondary">{t('reviewCatalog.rule.noParams')}</Typography.Paragraph>}

        <Form.Item name="label" label={t('reviewCatalog.fields.label')} extra={t('reviewCatalog.labelHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('reviewCatalog.fields.effectiveFrom')} extra={t('reviewCatalog.effectiveFromHint')} rules={[{ required: true, message: t('reviewCatalog.required.effectiveFrom') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} inputReadOnly={!isWide} disabledDate={(d) => d.isBefore(dayjs(earliest, DATE_FORMAT), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('common.reason')} extra={t('reviewCatalog.reasonHint')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>

      <Divider titlePlacement="start">{t('reviewCatalog.preview.title')}</Divider>
      <Flex vertical gap={12} data-testid="review-rule-preview">
        <Flex gap={8} align="center" wrap>
          <Button icon={<EyeOutlined />} loading={previewing} disabled={!previewKey} onClick={() => void runPreview()}>
            {t('reviewCatalog.preview.run')}
          </Button>
          {!previewKey && <Typography.Text type="secondary">{t('reviewCatalog.preview.incomplete')}</Typography.Text>}
          {preview && preview.key !== previewKey && previewKey && <Typography.Text type="warning">{t('reviewCatalog.preview.stale')}</Typography.Text>}
        </Flex>
        {previewError ? <Alert type="error" showIcon title={errorText(previewError, currentLang())} /> : null}
        {preview && <PreviewResult result={preview.result} />}
      </Flex>
    </FormDrawer>
  );
}

function penaltyText(p: Penalty | null, t: TFunction): string {
  if (!p) return t('reviewCatalog.preview.noPenalty');
  const parts = p.kinds.map((k) => {
    if (k === 'fine' && p.fineFen !== null) return `${kindLabel(k)} ${formatYuan(p.fineFen)}`;
    if (k === 'confiscate-gains' && p.confiscatedGainsFen !== null) return `${kindLabel(k)} ${formatYuan(p.confiscatedGainsFen)}`;
    if (k === 'confiscate-property' && p.confiscatedPropertyFen !== null) return `${kindLabel(k)} ${formatYuan(p.confiscatedPropertyFen)}`;
    return kindLabel(k);
  });
  return parts.join('、');
}

function PreviewResult({ result }: { result: CatalogPreview }) {
  const { t } = useTranslation();
  if (result.cases.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviewCatalog.preview.none')} />;
  return (
    <>
      <Typography.Text strong>{t('reviewCatalog.preview.summary', { total: result.cases.length, count: result.matchedCount })}</Typography.Text>
      {result.note && <Alert type="warning" showIcon title={result.note} />}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<CatalogPreviewCase>
          size="small"
          rowKey="caseId"
          pagination={false}
          scroll={{ x: 720 }}
          dataSource={result.cases}
          rowClassName={(c) => (c.matched ? '' : 'sx-row-retired')}
          columns={[
            {
              title: t('reviewCatalog.preview.cause'),
              key: 'cause',
              width: 200,
              render: (_, c) => (
                <Flex vertical gap={2}>
                  <span>{c.cause}</span>
                  <Typography.Text type="secondary">
                    {c.caseNo ?? '—'} · {c.partyName}
                  </Typography.Text>
                  <Flex gap={4} wrap>
                    {c.procedure === 'simple' && <Tag style={{ marginInlineEnd: 0 }}>{t('reviewCatalog.preview.simple')}</Tag>}
                    {c.hearingHeld && <Tag style={{ marginInlineEnd: 0 }}>{t('reviewCatalog.preview.hearingHeld')}</Tag>}
                  </Flex>
                </Flex>
              ),
            },
            { title: t('reviewCatalog.preview.proposedOn'), dataIndex: 'proposedOn', key: 'proposedOn', width: 100 },
            { title: t('reviewCatalog.preview.penalty'), key: 'penalty', width: 170, render: (_, c) => penaltyText(c.penalty, t) },
            {
              title: t('reviewCatalog.preview.result'),
              key: 'matched',
              width: 230,
              render: (_, c) => (c.matched ? <Tag color="red" style={{ whiteSpace: 'normal' }}>{c.matched}</Tag> : <Typography.Text type="secondary">{t('reviewCatalog.preview.notMatched')}</Typography.Text>),
            },
          ]}
        />
      </Card>
    </>
  );
}
