import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Divider, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { PENALTY_KINDS, type PenaltyKind } from '@shared/cases.ts';
import { ENFORCEMENT_FIELDS } from '@shared/roles.ts';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/auth.ts';
import { benchmarksApi, type BenchmarkLevel, type BenchmarkPatch, type DiscretionBenchmark } from '../../api/benchmarks.ts';
import { ApiRequestError } from '../../api/client.ts';
import { may } from '../../auth/permissions.ts';
import { RecordFormDrawer, useRecordForm } from '../../components/RecordFormDrawer.tsx';
import { changedFields, nullIfBlank, type FieldProblem } from '../../lib/forms.ts';
import { fenToYuanText, yuanToFen } from '../../lib/money.ts';
import { searchByLabel, type AgencyDirectory } from '../admin/common.tsx';
import { kindLabel } from './format.ts';

/** The usual names; an agency may use its own. */
const LEVEL_NAMES = ['轻微', '一般', '较重', '严重'];

interface LevelForm {
  name: string;
  circumstances: string;
  kinds: PenaltyKind[];
  fineMin: string;
  fineMax: string;
  gainsMin: number | null;
  gainsMax: number | null;
  gainsFrom: string;
  note: string;
}

interface BenchmarkForm {
  agencyId: string;
  field: string;
  code: string;
  violation: string;
  legalBasis: string;
  penaltyBasis: string;
  levels: LevelForm[];
  reason: string;
}

const FIELDS = ['agencyId', 'field', 'code', 'violation', 'legalBasis', 'penaltyBasis', 'levels', 'reason'] as const;

const EMPTY_LEVEL: LevelForm = { name: '', circumstances: '', kinds: [], fineMin: '', fineMax: '', gainsMin: null, gainsMax: null, gainsFrom: '', note: '' };

function levelForm(l: BenchmarkLevel): LevelForm {
  return {
    name: l.name,
    circumstances: l.circumstances,
    kinds: l.kinds,
    fineMin: l.fine ? fenToYuanText(l.fine.minFen) : '',
    fineMax: l.fine ? fenToYuanText(l.fine.maxFen) : '',
    gainsMin: l.gainsMultiple?.min ?? null,
    gainsMax: l.gainsMultiple?.max ?? null,
    gainsFrom: l.gainsMultiple?.minGainsFen != null ? fenToYuanText(l.gainsMultiple.minGainsFen) : '',
    note: l.note ?? '',
  };
}

/** A level in one fixed key order, so a loaded level and an edited one compare by content. */
function canonical(l: BenchmarkLevel): BenchmarkLevel {
  return {
    name: l.name,
    circumstances: l.circumstances,
    kinds: [...l.kinds],
    fine: l.fine ? { minFen: l.fine.minFen, maxFen: l.fine.maxFen } : null,
    gainsMultiple: l.gainsMultiple ? { min: l.gainsMultiple.min, max: l.gainsMultiple.max, minGainsFen: l.gainsMultiple.minGainsFen } : null,
    note: l.note,
  };
}

function levelOf(v: LevelForm): BenchmarkLevel {
  const hasFine = !!(v.fineMin?.trim() || v.fineMax?.trim());
  const hasGains = v.gainsMin !== null || v.gainsMax !== null;
  return canonical({
    name: v.name.trim(),
    circumstances: v.circumstances.trim(),
    kinds: v.kinds ?? [],
    fine: hasFine ? { minFen: yuanToFen(v.fineMin) ?? 0, maxFen: yuanToFen(v.fineMax) ?? 0 } : null,
    gainsMultiple: hasGains ? { min: v.gainsMin ?? 0, max: v.gainsMax ?? 0, minGainsFen: yuanToFen(v.gainsFrom) } : null,
    note: nullIfBlank(v.note),
  });
}

function recordOf(v: BenchmarkForm): Required<BenchmarkPatch> {
  return {
    field: v.field.trim(),
    code: v.code.trim(),
    violation: v.violation.trim(),
    legalBasis: v.legalBasis.trim(),
    penaltyBasis: v.penaltyBasis.trim(),
    levels: (v.levels ?? []).map(levelOf),
  };
}

function editableOf(b: DiscretionBenchmark): Required<BenchmarkPatch> {
  return { field: b.field, code: b.code, violation: b.violation, legalBasis: b.legalBasis, penaltyBasis: b.penaltyBasis, levels: b.levels.map(canonical) };
}

function valuesOf(b: DiscretionBenchmark): Partial<BenchmarkForm> {
  return { agencyId: b.agencyId, field: b.field, code: b.code, violation: b.violation, legalBasis: b.legalBasis, penaltyBasis: b.penaltyBasis, levels: b.levels.map(levelForm), reason: '' };
}

/** The server names level fields by the API's shape (`levels.1.fine.maxFen`); the form by its own. */
const LEVEL_FIELD: Record<string, keyof LevelForm> = {
  fine: 'fineMin',
  'fine.minFen': 'fineMin',
  'fine.maxFen': 'fineMax',
  gainsMultiple: 'gainsMin',
  'gainsMultiple.min': 'gainsMin',
  'gainsMultiple.max': 'gainsMax',
  'gainsMultiple.minGainsFen': 'gainsFrom',
};

function onFormFields(err: unknown): unknown {
  if (!(err instanceof ApiRequestError) || !Array.isArray(err.details?.fields)) return err;
  const fields = (err.details.fields as FieldProblem[]).map((f) => {
    const m = /^levels\.(\d+)\.(.+)$/.exec(f.field);
    const mapped = m ? LEVEL_FIELD[m[2]!] : undefined;
    return mapped ? { ...f, field: `levels.${m![1]}.${mapped}` } : f;
  });
  return new ApiRequestError(err.status, err.code, err.message, { ...err.details, fields });
}

const rethrowOnForm = (err: unknown): never => {
  throw onFormFields(err);
};

interface Props {
  /** null: a new entry. */
  entry: DiscretionBenchmark | null;
  me: User;
  directory: AgencyDirectory;
  defaultAgencyId: string | null;
  onClose: () => void;
  onSaved: (b: DiscretionBenchmark) => void;
}

/** 新建 / 编辑裁量基准: the entry's bases and its severity levels, each with kinds and amounts. */
export function BenchmarkFormDrawer({ entry, me, directory, defaultAgencyId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const state = useRecordForm<DiscretionBenchmark, BenchmarkForm>({ record: entry, fields: FIELDS, valuesOf, onClose, onSaved });
  const { baseline } = state;
  const editing = baseline !== null;

  const agencyOptions = directory.agencies.filter((a) => may(me, 'benchmark.manage', a.id)).map((a) => ({ value: a.id, label: a.name }));
  const initialAgency = entry?.agencyId ?? defaultAgencyId ?? (agencyOptions.length === 1 ? agencyOptions[0]!.value : undefined);

  async function handleFinish(values: BenchmarkForm) {
    const record = recordOf(values);
    if (!baseline) {
      return state.create(
        () => benchmarksApi.create({ agencyId: values.agencyId, ...record }).catch(rethrowOnForm),
        (created) => t('benchmarks.created', { code: created.code }),
      );
    }
    await state.saveEdit(values, {
      patch: changedFields(editableOf(baseline), record),
      send: (body) => benchmarksApi.update(baseline, { ...body, reason: body.reason ?? '' }).catch(rethrowOnForm),
      reload: () => benchmarksApi.get(baseline.id),
    });
  }

  const required = (key: keyof typeof REQUIRED_KEYS) => [{ required: true, whitespace: true, message: t(REQUIRED_KEYS[key]) }];
  const amount = {
    validator: async (_: unknown, value: string | undefined) => {
      if (value?.trim() && yuanToFen(value) === null) throw new Error(t('benchmarks.invalid.amount'));
    },
  };
  const initialValues: Partial<BenchmarkForm> = entry ? valuesOf(entry) : { agencyId: initialAgency, levels: [{ ...EMPTY_LEVEL, name: '一般' }] };

  return (
    <RecordFormDrawer<DiscretionBenchmark, BenchmarkForm>
      state={state}
      title={editing ? t('benchmarks.editTitle', { code: baseline.code }) : t('benchmarks.createTitle')}
      initialValues={initialValues}
      onFinish={handleFinish}
      // The table is published: every change says why.
      reason={{ required: true, extra: t('benchmarks.reasonHint'), style: { marginTop: 24 } }}
    >
      <Form.Item name="agencyId" label={t('benchmarks.fields.agencyId')} rules={[{ required: true, message: t('benchmarks.required.agency') }]}>
        <Select
          options={editing ? [{ value: baseline.agencyId, label: directory.agencyName(baseline.agencyId) }] : agencyOptions}
          disabled={editing}
          showSearch={searchByLabel}
        />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="field" label={t('benchmarks.fields.field')} rules={required('field')} style={{ flex: '1 1 160px' }}>
          <AutoComplete options={ENFORCEMENT_FIELDS.map((f) => ({ value: f }))} maxLength={20} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('benchmarks.fields.code')}
          extra={t('benchmarks.codeHint')}
          rules={[...required('code'), { pattern: /^\S+$/, message: t('benchmarks.invalid.code') }]}
          style={{ flex: '1 1 220px' }}
        >
          <Input maxLength={40} />
        </Form.Item>
      </Flex>
      <Form.Item name="violation" label={t('benchmarks.fields.violation')} rules={required('violation')}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
      </Form.Item>
      <Form.Item name="legalBasis" label={t('benchmarks.fields.legalBasis')} rules={required('legalBasis')}>
        <Input.TextArea autoSize={{ minRows: 1 }} maxLength={1000} />
      </Form.Item>
      <Form.Item name="penaltyBasis" label={t('benchmarks.fields.penaltyBasis')} rules={required('penaltyBasis')}>
        <Input.TextArea autoSize={{ minRows: 1 }} maxLength={1000} />
      </Form.Item>

      <Divider titlePlacement="start">{t('benchmarks.fields.levels')}</Divider>
      <Form.List
        name="levels"
        rules={[
          {
            validator: async (_, levels: LevelForm[] | undefined) => {
              if (!levels || levels.length === 0) throw new Error(t('benchmarks.required.levels'));
            },
          },
        ]}
      >
        {(items, { add, remove, move }, { errors }) => (
          <Flex vertical gap={12}>
            {items.map((item, index) => (
              <Card
                key={item.key}
                size="small"
                data-testid={`benchmark-level-${index}`}
                title={t('benchmarks.level.heading', { n: index + 1 })}
                extra={
                  <Flex gap={0}>
                    <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('benchmarks.level.moveUp')} />
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowDownOutlined />}
                      disabled={index === items.length - 1}
                      onClick={() => move(index, index + 1)}
                      aria-label={t('benchmarks.level.moveDown')}
                    />
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={items.length === 1} onClick={() => remove(item.name)} aria-label={t('benchmarks.level.remove')} />
                  </Flex>
                }
              >
                <Form.Item name={[item.name, 'name']} label={t('benchmarks.level.name')} rules={[{ required: true, whitespace: true, message: t('benchmarks.required.name') }]}>
                  <AutoComplete options={LEVEL_NAMES.map((n) => ({ value: n }))} maxLength={20} />
                </Form.Item>
                <Form.Item
                  name={[item.name, 'circumstances']}
                  label={t('benchmarks.level.circumstances')}
                  rules={[{ required: true, whitespace: true, message: t('benchmarks.required.circumstances') }]}
                >
                  <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
                </Form.Item>
                <Form.Item name={[item.name, 'kinds']} label={t('benchmarks.level.kinds')} extra={t('benchmarks.level.kindsHint')}>
                  <Select mode="multiple" allowClear options={PENALTY_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} optionFilterProp="label" />
                </Form.Item>
                <Flex gap={12} wrap>
                  <Form.Item name={[item.name, 'fineMin']} label={t('benchmarks.level.fineMin')} rules={[amount]} style={{ flex: '1 1 160px' }}>
                    <Input inputMode="decimal" />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'fineMax']}
                    label={t('benchmarks.level.fineMax')}
                    dependencies={[['levels', item.name, 'fineMin']]}
                    rules={[
                      amount,
                      ({ getFieldValue }) => ({
                        validator: async (_, value: string | undefined) => {
                          const min = getFieldValue(['levels', item.name, 'fineMin']) as string | undefined;
                          if (!!min?.trim() !== !!value?.trim()) throw new Error(t('benchmarks.invalid.bothFine'));
                          const lo = yuanToFen(min);
                          const hi = yuanToFen(value);
                          if (lo !== null && hi !== null && hi < lo) throw new Error(t('benchmarks.invalid.fineOrder'));
                        },
                      }),
                    ]}
                    style={{ flex: '1 1 160px' }}
                  >
                    <Input inputMode="decimal" />
                  </Form.Item>
                </Flex>
                <Typography.Text type="secondary">{t('benchmarks.level.gainsSection')}</Typography.Text>
                <Flex gap={12} wrap style={{ marginTop: 8 }}>
                  <Form.Item name={[item.name, 'gainsMin']} label={t('benchmarks.level.gainsMin')} style={{ flex: '1 1 140px' }}>
                    <InputNumber min={0} max={100} step={1} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'gainsMax']}
                    label={t('benchmarks.level.gainsMax')}
                    dependencies={[['levels', item.name, 'gainsMin']]}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: async (_, value: number | null | undefined) => {
                          const min = getFieldValue(['levels', item.name, 'gainsMin']) as number | null | undefined;
                          if ((min == null) !== (value == null)) throw new Error(t('benchmarks.invalid.bothGains'));
                          if (min != null && value != null && value < min) throw new Error(t('benchmarks.invalid.gainsOrder'));
                        },
                      }),
                    ]}
                    style={{ flex: '1 1 140px' }}
                  >
                    <InputNumber min={0} max={100} step={1} style={{ width: '100%' }} />
                  </Form.Item>
                </Flex>
                <Form.Item name={[item.name, 'gainsFrom']} label={t('benchmarks.level.gainsFrom')} extra={t('benchmarks.level.gainsFromHint')} rules={[amount]}>
                  <Input inputMode="decimal" />
                </Form.Item>
                <Form.Item name={[item.name, 'note']} label={t('benchmarks.level.note')} extra={t('benchmarks.level.noteHint')} style={{ marginBottom: 0 }}>
                  <Input maxLength={500} />
                </Form.Item>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} disabled={items.length >= 10} onClick={() => add({ ...EMPTY_LEVEL })} block>
              {t('benchmarks.level.add')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </RecordFormDrawer>
  );
}

const REQUIRED_KEYS = {
  field: 'benchmarks.required.field',
  code: 'benchmarks.required.code',
  violation: 'benchmarks.required.violation',
  legalBasis: 'benchmarks.required.legalBasis',
  penaltyBasis: 'benchmarks.required.penaltyBasis',
} as const;
