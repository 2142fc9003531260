import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Flex, Form, Input, Radio, Select, Typography, type FormRule } from 'antd';
import type { CaseActInputs } from '@shared/case-inputs.ts';
import { PENALTY_KINDS, type Party, type Penalty, type PenaltyKind } from '@shared/cases.ts';
import { ERROR_MESSAGES } from '@shared/errors.ts';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useEffect, useRef, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, errorText } from '../../api/client.ts';
import type { Officer } from '../../api/officers.ts';
import { useScreen } from '../../components/useScreen.ts';
import { currentLang, sharedKey } from '../../i18n/index.ts';
import { chinaToday, DATE_FORMAT } from '../../lib/dates.ts';
import { nullIfBlank, type FieldProblem } from '../../lib/forms.ts';
import { fenToYuanText, yuanToFen } from '../../lib/money.ts';
import { certificateStatusLabel } from '../admin/officers/CertificateStatusTag.tsx';
import { penaltyKindLabel } from './caseFormat.tsx';

/** A group of fields (a party, the penalty) set off by a thin frame and its title. */
export const FIELDSET = { border: '1px solid #f0f0f0', borderRadius: 8, padding: '4px 16px 0', margin: '0 0 16px', minWidth: 0 } as const;
export const LEGEND = { width: 'auto', padding: '0 4px', margin: 0, border: 0, fontSize: 14, fontWeight: 600, lineHeight: '28px' } as const;

/* ---- errors ------------------------------------------------------------------------------- */

/**
 * A refused act: the server's own message, which names the article of the law (《行政处罚法》第…条).
 * In English the code's standard text leads and the Chinese message follows, since it cites the law.
 */
export function caseErrorText(err: unknown): { title: string; detail: string | null } {
  const lang = currentLang();
  if (err instanceof ApiRequestError && err.message && err.status > 0 && !err.code.startsWith('http-')) {
    if (sharedKey(lang) === 'zh') return { title: err.message, detail: null };
    const known = (ERROR_MESSAGES as Record<string, { zh: string; en: string } | undefined>)[err.code];
    return known && known.zh !== err.message ? { title: known.en, detail: err.message } : { title: errorText(err, lang), detail: null };
  }
  return { title: errorText(err, lang), detail: null };
}

/** The part of a failed act that belongs to no field, in the law's words. */
export function CaseError({ error, unmatched = [] }: { error: unknown; unmatched?: readonly FieldProblem[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // The refusal shows above the form while the submit button is at its foot: on a phone, far apart.
  useEffect(() => {
    if (error) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [error]);
  if (error === null || error === undefined) return null;
  const { title, detail } = caseErrorText(error);
  const lines = [...(detail ? [detail] : []), ...unmatched.map((p) => (p.field ? t('common.fieldProblem', { field: p.field, message: p.message }) : p.message))];
  return (
    <div ref={ref} style={{ scrollMarginTop: 72 }}>
      <Alert
        type="error"
        showIcon
        role="alert"
        style={{ marginBottom: 16 }}
        title={title}
        description={
          lines.length > 0 ? (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          ) : undefined
        }
      />
    </div>
  );
}

/* ---- dates -------------------------------------------------------------------------------- */

export const today = (): Dayjs => dayjs(chinaToday(), DATE_FORMAT);

/** A legal date: today by default, never in the future, never before `notBefore` (the registration). */
export function ActDatePicker({ notBefore, allowFuture, allowClear = false, ...rest }: { notBefore?: string | null; allowFuture?: boolean; allowClear?: boolean; value?: Dayjs | null; onChange?: (d: Dayjs | null) => void; id?: string }) {
  const { isWide } = useScreen();
  const max = chinaToday();
  return (
    <DatePicker
      {...rest}
      format={DATE_FORMAT}
      style={{ width: '100%' }}
      inputReadOnly={!isWide}
      allowClear={allowClear}
      disabledDate={(d) => {
        const day = d.format(DATE_FORMAT);
        return (!allowFuture && day > max) || (!!notBefore && day < notBefore);
      }}
    />
  );
}

/* ---- money -------------------------------------------------------------------------------- */

/** An amount in yuan, typed as text and checked as the API will read it (exact to the fen). */
export function yuanRules(t: TFunction, required = true): FormRule[] {
  return [
    { required, whitespace: true, message: t('cases.money.required') },
    {
      validator: async (_, value: string | undefined) => {
        if (!value || !value.trim()) return;
        const fen = yuanToFen(value);
        if (fen === null || fen <= 0) throw new Error(t('cases.money.invalid'));
      },
    },
  ];
}

export function YuanInput(props: { value?: string; onChange?: (e: ChangeEvent<HTMLInputElement>) => void; id?: string; placeholder?: string }) {
  const { t } = useTranslation();
  return <Input {...props} prefix="¥" suffix={t('cases.money.unit')} inputMode="decimal" autoComplete="off" maxLength={18} />;
}

/* ---- penalty ------------------------------------------------------------------------------ */

/** The penalty as the form holds it: kinds, and amounts as typed yuan. */
export interface PenaltyFormValues {
  kinds?: PenaltyKind[];
  fineYuan?: string;
  gainsYuan?: string;
  propertyYuan?: string;
  penaltyDescription?: string;
}

/** Names of the penalty fields, and the server's names for them (its field problems land here). */
export const PENALTY_FIELDS = ['kinds', 'fineYuan', 'gainsYuan', 'propertyYuan', 'penaltyDescription'] as const;
export const PENALTY_ALIASES = { fineFen: 'fineYuan', confiscatedGainsFen: 'gainsYuan', confiscatedPropertyFen: 'propertyYuan', description: 'penaltyDescription' } as const;

const AMOUNT_OF: Partial<Record<PenaltyKind, keyof PenaltyFormValues>> = { fine: 'fineYuan', 'confiscate-gains': 'gainsYuan', 'confiscate-property': 'propertyYuan' };

export function penaltyValues(p: Penalty | null | undefined): PenaltyFormValues {
  if (!p) return { kinds: [], penaltyDescription: '' };
  return {
    kinds: [...p.kinds],
    fineYuan: fenToYuanText(p.fineFen),
    gainsYuan: fenToYuanText(p.confiscatedGainsFen),
    propertyYuan: fenToYuanText(p.confiscatedPropertyFen),
    penaltyDescription: p.description,
  };
}

export function penaltyInput(v: PenaltyFormValues): CaseActInputs['decide']['penalty'] {
  const kinds = PENALTY_KINDS.filter((k) => (v.kinds ?? []).includes(k));
  const amount = (kind: PenaltyKind, text: string | undefined) => (kinds.includes(kind) ? yuanToFen(text) : null);
  return {
    kinds,
    fineFen: amount('fine', v.fineYuan),
    confiscatedGainsFen: amount('confiscate-gains', v.gainsYuan),
    confiscatedPropertyFen: amount('confiscate-property', v.propertyYuan),
    description: v.penaltyDescription?.trim() ?? '',
  };
}

/** 处罚种类 checkboxes, with an amount in yuan beside each kind that carries one. */
export function PenaltyFields({ kinds = PENALTY_KINDS, label, withDescription = true }: { kinds?: readonly PenaltyKind[]; label?: string; withDescription?: boolean }) {
  const { t } = useTranslation();
  const chosen = (Form.useWatch('kinds') as PenaltyKind[] | undefined) ?? [];
  return (
    <fieldset style={FIELDSET}>
      <legend style={LEGEND}>{label ?? t('cases.penalty.title')}</legend>
      <Form.Item name="kinds" label={t('cases.penalty.kinds')} rules={[{ required: true, type: 'array', min: 1, message: t('cases.penalty.kindsRequired') }]}>
        <Checkbox.Group style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}>
          {kinds.map((k) => (
            <Checkbox key={k} value={k} style={{ minWidth: 150 }}>
              {penaltyKindLabel(k)}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      {kinds.map((k) => {
        const name = AMOUNT_OF[k];
        if (!name || !chosen.includes(k)) return null;
        return (
          <Form.Item key={k} name={name} label={t('cases.penalty.amountOf', { kind: penaltyKindLabel(k) })} rules={yuanRules(t)}>
            <YuanInput />
          </Form.Item>
        );
      })}
      {withDescription && (
        <Form.Item name="penaltyDescription" label={t('cases.penalty.description')} extra={t('cases.penalty.descriptionHint')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      )}
    </fieldset>
  );
}

/* ---- parties ------------------------------------------------------------------------------ */

export interface PartyFormValues {
  kind: Party['kind'];
  name?: string;
  idNumber?: string;
  representative?: string;
  address?: string;
  phone?: string;
  minor?: boolean;
}

export const emptyParty = (kind: Party['kind'] = 'organisation'): PartyFormValues => ({ kind, minor: false });

export function partyInput(v: PartyFormValues): Party {
  const person = v.kind === 'person';
  return {
    kind: v.kind,
    name: (v.name ?? '').trim(),
    idNumber: nullIfBlank(v.idNumber),
    representative: person ? null : nullIfBlank(v.representative),
    address: nullIfBlank(v.address),
    phone: nullIfBlank(v.phone),
    minor: person ? !!v.minor : false,
  };
}

/**
 * One party's fields. `path` is the item's name inside the form (e.g. ['parties', 0]), or inside
 * a Form.List (`[field.name]`, with `listPath` the list's own name for watching the kind).
 */
export function PartyFields({ path, listPath = [] }: { path: (string | number)[]; listPath?: (string | number)[] }) {
  const { t } = useTranslation();
  const kind = (Form.useWatch([...listPath, ...path, 'kind']) as Party['kind'] | undefined) ?? 'organisation';
  const person = kind === 'person';
  return (
    <>
      <Form.Item name={[...path, 'kind']} label={t('cases.party.kind')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid">
          <Radio value="person">{t('cases.party.person')}</Radio>
          <Radio value="organisation">{t('cases.party.organisation')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name={[...path, 'name']}
        label={person ? t('cases.party.personName') : t('cases.party.organisationName')}
        rules={[{ required: true, whitespace: true, message: t('cases.party.nameRequired') }]}
      >
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item name={[...path, 'idNumber']} label={person ? t('cases.party.idCard') : t('cases.party.creditCode')}>
        <Input maxLength={32} autoComplete="off" />
      </Form.Item>
      {!person && (
        <Form.Item name={[...path, 'representative']} label={t('cases.party.representative')}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name={[...path, 'address']} label={t('cases.party.address')}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item name={[...path, 'phone']} label={t('cases.party.phone')}>
        <Input maxLength={32} inputMode="tel" autoComplete="off" />
      </Form.Item>
      {person && (
        <Form.Item name={[...path, 'minor']} valuePropName="checked" extra={t('cases.party.minorHint')}>
          <Checkbox>{t('cases.party.minor')}</Checkbox>
        </Form.Item>
      )}
    </>
  );
}

/** One or more parties (线索登记). */
export function PartiesList() {
  const { t } = useTranslation();
  return (
    <Form.List
      name="parties"
      rules={[
        {
          validator: async (_, parties: unknown[] | undefined) => {
            if (!parties || parties.length === 0) throw new Error(t('cases.party.atLeastOne'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={12}>
          {fields.map((field, index) => (
            <fieldset key={field.key} style={FIELDSET} aria-label={t('cases.party.numbered', { n: index + 1 })}>
              <legend style={LEGEND}>
                <Flex align="center" gap={8}>
                  {t('cases.party.numbered', { n: index + 1 })}
                  {fields.length > 1 && (
                    <Button type="text" size="small" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('cases.party.remove', { n: index + 1 })} />
                  )}
                </Flex>
              </legend>
              <PartyFields path={[field.name]} listPath={['parties']} />
            </fieldset>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(emptyParty())}>
            {t('cases.party.add')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}

/* ---- officers ----------------------------------------------------------------------------- */

/** Why an officer cannot act in the field today (Art 42), or null when they can. */
export function officerBar(o: Officer, field: string | null, t: TFunction): string | null {
  if (o.auxiliary) return t('cases.officers.auxiliary');
  if (o.certificateStatus !== 'valid') return certificateStatusLabel(o.certificateStatus);
  if (field && !o.fields.includes(field)) return t('cases.officers.notInField', { field });
  return null;
}

/**
 * 执法人员 picker: name and 执法证号; officers who may not act in the case's field (expired,
 * suspended, auxiliary, another field) are shown but cannot be chosen, with the reason.
 */
export function OfficerSelect({
  officers,
  field,
  loading,
  value,
  onChange,
  id,
  multiple = true,
}: {
  officers: readonly Officer[];
  field: string | null;
  loading?: boolean;
  value?: string[] | string;
  onChange?: (v: string[] | string) => void;
  id?: string;
  multiple?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear={!multiple}
      value={value}
      onChange={onChange}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('cases.officers.placeholder')}
      options={officers.map((o) => {
        const bar = officerBar(o, field, t);
        const cert = o.certificateNo ? `（${o.certificateNo}）` : '';
        return { value: o.id, label: bar ? `${o.name}${cert} · ${bar}` : `${o.name}${cert}`, disabled: !!bar };
      })}
    />
  );
}

/** At least two officers (Art 42): checked in the form before the server says so. */
export function twoOfficersRule(t: TFunction): FormRule {
  return { required: true, type: 'array', min: 2, message: t('cases.officers.twoRequired') };
}

export function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={5} style={{ marginTop: 8 }}>
      {children}
    </Typography.Title>
  );
}
