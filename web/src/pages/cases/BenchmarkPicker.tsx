import { Form, Select, Typography, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { benchmarksApi, type BenchmarkLevel, type DiscretionBenchmark } from '../../api/benchmarks.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { fineText, kindLabel } from '../benchmarks/format.ts';
import { FIELDSET, LEGEND } from './formParts.tsx';

/** The form fields the picker fills; `benchmarkInput` turns them into the act's `benchmark`. */
export interface BenchmarkFormValues {
  benchmarkId?: string | null;
  benchmarkLevel?: string | null;
}

export const BENCHMARK_FIELDS = ['benchmarkId', 'benchmarkLevel'] as const;
/** The server names the problem `benchmark.id` / `benchmark.level`. */
export const BENCHMARK_ALIASES = { benchmark: 'benchmarkId' } as const;

export const benchmarkValues = (b: { id: string; level: string } | null | undefined): BenchmarkFormValues => ({ benchmarkId: b?.id ?? null, benchmarkLevel: b?.level ?? null });

/** The act's `benchmark`: both chosen, or nothing (the case keeps what it has). */
export const benchmarkInput = (v: BenchmarkFormValues): { id: string; level: string } | undefined =>
  v.benchmarkId && v.benchmarkLevel ? { id: v.benchmarkId, level: v.benchmarkLevel } : undefined;

function levelSummary(l: BenchmarkLevel, t: TFunction): string {
  const kinds = l.kinds.length > 0 ? l.kinds.map((k) => kindLabel(k)).join('、') : t('cases.benchmark.noPenalty');
  const fine = fineText(l, t);
  return [kinds, fine, l.note].filter(Boolean).join('；');
}

/**
 * 裁量基准: the entry of the agency's table (in force, of the case's field) the proposal is
 * measured against, and its severity level — with what that level allows. Used by 立案 and
 * 调查终结; a proposal outside the level then needs the head's approval (审批超出裁量基准).
 */
export function BenchmarkPicker({ agencyId, field, form, required = false }: { agencyId: string; field: string; form: FormInstance; required?: boolean }) {
  const { t } = useTranslation();
  const list = useLoad((signal) => benchmarksApi.list({ agencyId, status: 'active' }, signal), [agencyId]);
  const entries: DiscretionBenchmark[] = (list.data ?? []).filter((b) => b.field === field);
  const chosenId = Form.useWatch('benchmarkId', form) as string | null | undefined;
  const chosenLevel = Form.useWatch('benchmarkLevel', form) as string | null | undefined;
  const chosen = entries.find((b) => b.id === chosenId) ?? null;
  const level = chosen?.levels.find((l) => l.name === chosenLevel) ?? null;

  return (
    <fieldset style={FIELDSET} data-testid="benchmark-picker">
      <legend style={LEGEND}>{t('cases.benchmark.title')}</legend>
      <Form.Item name="benchmarkId" label={t('cases.benchmark.entry')} rules={required ? [{ required: true, message: t('cases.form.choose') }] : []}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={list.loading}
          placeholder={t('cases.benchmark.entryPlaceholder')}
          notFoundContent={list.loading ? undefined : t('cases.benchmark.none', { field })}
          onChange={() => form.setFieldValue('benchmarkLevel', null)}
          options={entries.map((b) => ({ value: b.id, label: `${b.code} ${b.violation}` }))}
        />
      </Form.Item>
      {chosen && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('cases.benchmark.basis', { legal: chosen.legalBasis, penalty: chosen.penaltyBasis })}
          </Typography.Paragraph>
          <Form.Item name="benchmarkLevel" label={t('cases.benchmark.level')} rules={[{ required: true, message: t('cases.benchmark.levelRequired') }]} extra={level ? levelSummary(level, t) : undefined}>
            <Select options={chosen.levels.map((l) => ({ value: l.name, label: `${l.name}：${l.circumstances}` }))} />
          </Form.Item>
        </>
      )}
    </fieldset>
  );
}
