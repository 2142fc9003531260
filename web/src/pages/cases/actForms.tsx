import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Form, Input, InputNumber, Radio, Select, Switch, type FormInstance } from 'antd';
import type { CaseActInputs } from '@shared/case-inputs.ts';
import { REMEDY_OUTCOMES, SERVICE_METHODS, type CaseRecord, type RemedyOutcome } from '@shared/cases.ts';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { CaseActOnCase, CaseView } from '../../api/cases.ts';
import type { Officer } from '../../api/officers.ts';
import type { UserAccount } from '../../api/users.ts';
import { formatDay } from '../../lib/dates.ts';
import { nullIfBlank } from '../../lib/forms.ts';
import { fenToYuanText, yuanToFen } from '../../lib/money.ts';
import {
  ActDatePicker,
  FIELDSET,
  LEGEND,
  OfficerSelect,
  PENALTY_ALIASES,
  PENALTY_FIELDS,
  PenaltyFields,
  penaltyInput,
  today,
  penaltyValues,
  twoOfficersRule,
  yuanRules,
  YuanInput,
  type PenaltyFormValues,
} from './formParts.tsx';
import { remedyOutcomeLabel } from './caseFormat.tsx';
import { BENCHMARK_ALIASES, BENCHMARK_FIELDS, BenchmarkPicker, benchmarkInput, benchmarkValues, type BenchmarkFormValues } from './BenchmarkPicker.tsx';

/** Everything an act form may hold; each act uses its own few fields. */
export interface ActValues extends PenaltyFormValues, BenchmarkFormValues {
  on: Dayjs;
  handlerIds?: string[];
  officerIds?: string[];
  reason?: string;
  place?: string;
  content?: string;
  person?: string;
  evidence?: { kind?: string; description?: string }[];
  items?: { kind?: string; description?: string }[];
  preservedItems?: string;
  preservationId?: string;
  outcome?: string;
  findings?: string;
  firstViolation?: boolean;
  secret?: boolean;
  servedOn?: Dayjs;
  facts?: string;
  reasons?: string;
  basis?: string;
  text?: string;
  adopted?: boolean;
  review?: string;
  waived?: boolean;
  date?: Dayjs;
  presiderUserId?: string;
  noticeServedOn?: Dayjs;
  partyAbsent?: boolean;
  record?: string;
  opinion?: string;
  participants?: string[];
  conclusion?: string;
  transferTo?: string;
  method?: string;
  recipient?: string;
  addressConfirmed?: boolean;
  amountYuan?: string;
  receiptNo?: string;
  dueOn?: Dayjs;
  remedyKind?: 'reconsideration' | 'litigation';
  remedyFrom?: Dayjs;
  remedyTo?: Dayjs | null;
  remedyOutcome?: RemedyOutcome | null;
  receivedOn?: Dayjs | null;
  ground?: string;
  days?: number;
  officerId?: string;
  replacementOfficerId?: string;
}

export interface ActContext {
  view: CaseView;
  /** The agency's officers (for the pickers). */
  officers: Officer[];
  officersLoading: boolean;
  /** The agency's users (听证主持人); loaded only for the act that needs them. */
  users: UserAccount[];
  t: TFunction;
  form: FormInstance<ActValues>;
}

export interface ActSpec<A extends CaseActOnCase> {
  /** Top-level form names (the server's field problems are placed on these). */
  fields: readonly string[];
  /** Server field name → form field name, where they differ. */
  aliases?: Readonly<Record<string, string>>;
  /** The label of the act's date. */
  onLabel?: (t: TFunction) => string;
  initial?: (c: ActContext) => Partial<ActValues>;
  render: (c: ActContext) => ReactNode;
  body: (v: ActValues, c: ActContext) => CaseActInputs[A];
  /** Ends the case or refuses it: the button is red. */
  danger?: boolean;
  /** Fields whose change updates others (e.g. waiving fills in the statement). */
  onChange?: (changed: Partial<ActValues>, c: ActContext) => void;
  needsUsers?: boolean;
}

/* ---- shared bits -------------------------------------------------------------------------- */

const day = (d: Dayjs | null | undefined) => formatDay(d) ?? undefined;
const text = (s: string | undefined) => (s ?? '').trim();
const handlerIds = (r: CaseRecord) => r.handlers.map((h) => h.officerId);
/** The handlers as officers (for the pickers that must name handlers). */
const handlersOf = (c: ActContext) => c.officers.filter((o) => c.view.case.handlers.some((h) => h.officerId === o.id));

function TextItem({ name, label, rows = 0, max, required = true, t, extra }: { name: string; label: string; rows?: number; max: number; required?: boolean; t: TFunction; extra?: ReactNode }) {
  return (
    <Form.Item name={name} label={label} extra={extra} rules={required ? [{ required: true, whitespace: true, message: t('cases.form.required', { label }) }] : []}>
      {rows > 0 ? <Input.TextArea rows={rows} maxLength={max} showCount={max >= 1000} /> : <Input maxLength={max} autoComplete="off" />}
    </Form.Item>
  );
}

const reasonItem = (t: TFunction, label = t('cases.form.reason')) => <TextItem name="reason" label={label} rows={3} max={1000} t={t} />;

function OfficersItem({ c, name = 'officerIds', label, handlersOnly }: { c: ActContext; name?: string; label: string; handlersOnly: boolean }) {
  const officers = handlersOnly ? handlersOf(c) : c.officers;
  return (
    <Form.Item name={name} label={label} rules={[twoOfficersRule(c.t)]} extra={c.t('cases.officers.hint')}>
      <OfficerSelect officers={officers} field={c.view.case.field} loading={c.officersLoading} />
    </Form.Item>
  );
}

/** 证据种类 (《行政处罚法》第四十六条). The value is the legal term; the label follows the UI language. */
export const EVIDENCE_KINDS = [
  ['documentary', '书证'],
  ['physical', '物证'],
  ['audiovisual', '视听资料'],
  ['electronic', '电子数据'],
  ['witness', '证人证言'],
  ['statement', '当事人陈述'],
  ['expert', '鉴定意见'],
  ['examination', '勘验笔录'],
  ['scene', '现场笔录'],
] as const;

export function evidenceKindLabel(value: string, t: TFunction): string {
  const entry = EVIDENCE_KINDS.find(([, zh]) => zh === value);
  return entry ? t(`cases.evidenceKinds.${entry[0]}`) : value;
}

function EvidenceList({ name, t, min }: { name: 'evidence' | 'items'; t: TFunction; min: number }) {
  return (
    <fieldset style={FIELDSET}>
      <legend style={LEGEND}>{t('cases.evidence.title')}</legend>
      <Form.List
        name={name}
        rules={
          min > 0
            ? [
                {
                  validator: async (_, items: unknown[] | undefined) => {
                    if (!items || items.length < min) throw new Error(t('cases.evidence.atLeastOne'));
                  },
                },
              ]
            : []
        }
      >
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={4} style={{ marginBottom: 12 }}>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="flex-start" wrap>
                <Form.Item name={[field.name, 'kind']} rules={[{ required: true, message: t('cases.evidence.kindRequired') }]} style={{ flex: '0 0 140px', marginBottom: 8 }}>
                  <Select aria-label={t('cases.evidence.kindOf', { n: i + 1 })} placeholder={t('cases.evidence.kind')} options={EVIDENCE_KINDS.map(([key, zh]) => ({ value: zh, label: t(`cases.evidenceKinds.${key}`) }))} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'description']}
                  rules={[{ required: true, whitespace: true, message: t('cases.evidence.descriptionRequired') }]}
                  style={{ flex: '1 1 200px', marginBottom: 8 }}
                >
                  <Input aria-label={t('cases.evidence.descriptionOf', { n: i + 1 })} placeholder={t('cases.evidence.description')} maxLength={1000} />
                </Form.Item>
                <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('cases.evidence.remove', { n: i + 1 })} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              {t('cases.evidence.add')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Flex>
        )}
      </Form.List>
    </fieldset>
  );
}

const evidenceInput = (items: ActValues['evidence']) => (items ?? []).map((e) => ({ kind: text(e.kind), description: text(e.description) }));

/** The proposal on the table: the notified one, else the investigation's. */
const currentProposal = (r: CaseRecord) => r.notice?.proposedPenalty ?? r.investigation?.proposedPenalty ?? null;

const PENALTY = { fields: PENALTY_FIELDS, aliases: PENALTY_ALIASES };

/* ---- the acts ----------------------------------------------------------------------------- */

export const CLOSE_GROUNDS = ['performed', 'enforced', 'not-needed', 'revoked', 'transferred', 'no-penalty'] as const;

export const ACT_FORMS: { [A in CaseActOnCase]: ActSpec<A> } = {
  file: {
    fields: ['handlerIds', ...BENCHMARK_FIELDS],
    aliases: BENCHMARK_ALIASES,
    onLabel: (t) => t('cases.form.fileOn'),
    initial: (c) => benchmarkValues(c.view.case.benchmark),
    render: (c) => (
      <>
        <Alert type="info" showIcon role="note" title={c.t('cases.form.fileHint')} style={{ marginBottom: 16 }} />
        <OfficersItem c={c} name="handlerIds" label={c.t('cases.form.handlers')} handlersOnly={false} />
        <BenchmarkPicker agencyId={c.view.case.agencyId} field={c.view.case.field} form={c.form} />
      </>
    ),
    body: (v) => ({ on: day(v.on), handlerIds: v.handlerIds ?? [], benchmark: benchmarkInput(v) }),
  },
  decline: {
    fields: ['reason'],
    danger: true,
    render: (c) => reasonItem(c.t, c.t('cases.form.declineReason')),
    body: (v) => ({ on: day(v.on), reason: text(v.reason) }),
  },
  'record-inspection': {
    fields: ['officerIds', 'place', 'content', 'evidence'],
    initial: (c) => ({ officerIds: handlerIds(c.view.case), place: c.view.case.parties[0]?.address ?? undefined, evidence: [] }),
    render: (c) => (
      <>
        <OfficersItem c={c} label={c.t('cases.form.presentOfficers')} handlersOnly={c.view.case.handlers.length > 0} />
        <TextItem name="place" label={c.t('cases.form.place')} max={200} t={c.t} />
        <TextItem name="content" label={c.t('cases.form.inspectionContent')} rows={5} max={8000} t={c.t} />
        <EvidenceList name="evidence" t={c.t} min={0} />
      </>
    ),
    body: (v) => ({ on: day(v.on), officerIds: v.officerIds ?? [], place: text(v.place), content: text(v.content), evidence: evidenceInput(v.evidence) }),
  },
  'record-questioning': {
    fields: ['officerIds', 'person', 'content', 'evidence'],
    initial: (c) => ({ officerIds: handlerIds(c.view.case), evidence: [] }),
    render: (c) => (
      <>
        <OfficersItem c={c} label={c.t('cases.form.questioners')} handlersOnly />
        <TextItem name="person" label={c.t('cases.form.questioned')} max={100} t={c.t} />
        <TextItem name="content" label={c.t('cases.form.questioningContent')} rows={6} max={8000} t={c.t} />
        <EvidenceList name="evidence" t={c.t} min={0} />
      </>
    ),
    body: (v) => ({ on: day(v.on), officerIds: v.officerIds ?? [], person: text(v.person), content: text(v.content), evidence: evidenceInput(v.evidence) }),
  },
  'add-evidence': {
    fields: ['items'],
    initial: () => ({ items: [{}] }),
    render: (c) => <EvidenceList name="items" t={c.t} min={1} />,
    body: (v) => ({ on: day(v.on), items: evidenceInput(v.items) }),
  },
  'preserve-evidence': {
    fields: ['officerIds', 'preservedItems'],
    aliases: { items: 'preservedItems' },
    initial: (c) => ({ officerIds: handlerIds(c.view.case) }),
    render: (c) => (
      <>
        <OfficersItem c={c} label={c.t('cases.form.officers')} handlersOnly />
        <TextItem name="preservedItems" label={c.t('cases.form.preservedItems')} extra={c.t('cases.form.onePerLine')} rows={4} max={20000} t={c.t} />
      </>
    ),
    body: (v) => ({
      on: day(v.on),
      officerIds: v.officerIds ?? [],
      items: (v.preservedItems ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    }),
  },
  'handle-preservation': {
    fields: ['preservationId', 'outcome'],
    initial: (c) => ({ preservationId: c.view.case.preservations.find((p) => !p.handledOn)?.id }),
    render: (c) => (
      <>
        <Form.Item name="preservationId" label={c.t('cases.form.preservation')} rules={[{ required: true, message: c.t('cases.form.choose') }]}>
          <Select
            options={c.view.case.preservations
              .filter((p) => !p.handledOn)
              .map((p) => ({ value: p.id, label: `${p.approvedOn} · ${p.items.join('、')}` }))}
          />
        </Form.Item>
        <TextItem name="outcome" label={c.t('cases.form.preservationOutcome')} rows={3} max={1000} t={c.t} />
      </>
    ),
    body: (v) => ({ on: day(v.on), preservationId: v.preservationId ?? '', outcome: text(v.outcome) }),
  },
  'close-investigation': {
    fields: ['outcome', 'findings', 'firstViolation', 'secret', ...PENALTY.fields, ...BENCHMARK_FIELDS],
    aliases: { ...PENALTY.aliases, proposedPenalty: 'kinds', ...BENCHMARK_ALIASES },
    initial: (c) => ({ outcome: 'penalise', firstViolation: false, kinds: [], ...benchmarkValues(c.view.case.benchmark) }),
    render: (c) => <CloseInvestigationFields c={c} />,
    body: (v) => ({
      on: day(v.on),
      outcome: (v.outcome ?? 'penalise') as CaseActInputs['close-investigation']['outcome'],
      findings: text(v.findings),
      proposedPenalty: v.outcome === 'penalise' ? penaltyInput(v) : null,
      firstViolation: !!v.firstViolation,
      secret: !!v.secret,
      ...(v.outcome === 'penalise' ? { benchmark: benchmarkInput(v) } : {}),
    }),
  },
  'approve-discretion': {
    ...PENALTY,
    fields: [...PENALTY.fields, 'reason'],
    initial: (c) => penaltyValues(currentProposal(c.view.case)),
    render: (c) => (
      <>
        <PenaltyFields />
        {reasonItem(c.t, c.t('cases.form.discretionReason'))}
      </>
    ),
    body: (v) => ({ on: day(v.on), penalty: penaltyInput(v), reason: text(v.reason) }),
  },
  notify: {
    fields: ['servedOn', 'facts', 'reasons', 'basis', ...PENALTY.fields],
    aliases: { ...PENALTY.aliases, proposedPenalty: 'kinds' },
    onLabel: (t) => t('cases.form.noticeOn'),
    initial: (c) => ({ ...penaltyValues(c.view.case.investigation?.proposedPenalty), servedOn: today(), facts: c.view.case.investigation?.findings }),
    render: (c) => (
      <>
        <Form.Item name="servedOn" label={c.t('cases.form.servedOn')} rules={[{ required: true, message: c.t('cases.form.choose') }]}>
          <ActDatePicker notBefore={c.view.case.registeredOn} />
        </Form.Item>
        <PenaltyFields label={c.t('cases.penalty.proposed')} />
        <TextItem name="facts" label={c.t('cases.form.facts')} rows={4} max={8000} t={c.t} />
        <TextItem name="reasons" label={c.t('cases.form.reasons')} rows={3} max={4000} t={c.t} />
        <TextItem name="basis" label={c.t('cases.form.basis')} rows={2} max={2000} t={c.t} />
      </>
    ),
    body: (v) => ({ on: day(v.on), servedOn: day(v.servedOn) ?? '', proposedPenalty: penaltyInput(v), facts: text(v.facts), reasons: text(v.reasons), basis: text(v.basis) }),
  },
  'record-statement': {
    fields: ['text', 'adopted', 'review', 'waived'],
    initial: () => ({ adopted: false, waived: false }),
    onChange: (changed, c) => {
      // Waiving: the usual words go in for the officer to check, never over what they typed.
      if (changed.waived) {
        const v = c.form.getFieldsValue();
        c.form.setFieldsValue({
          text: v.text?.trim() ? v.text : c.t('cases.form.waivedText'),
          review: v.review?.trim() ? v.review : c.t('cases.form.waivedReview'),
          adopted: false,
        });
      }
    },
    render: (c) => (
      <>
        <Form.Item name="waived" valuePropName="checked" extra={c.t('cases.form.waivedHint')}>
          <Checkbox>{c.t('cases.form.waived')}</Checkbox>
        </Form.Item>
        <TextItem name="text" label={c.t('cases.form.statement')} rows={4} max={8000} t={c.t} />
        <Form.Item name="adopted" label={c.t('cases.form.adopted')} valuePropName="checked">
          <Switch checkedChildren={c.t('common.yes')} unCheckedChildren={c.t('common.no')} />
        </Form.Item>
        <TextItem name="review" label={c.t('cases.form.statementReview')} rows={3} max={4000} t={c.t} />
      </>
    ),
    body: (v) => ({ on: day(v.on), text: text(v.text), adopted: !!v.adopted, review: text(v.review), waived: !!v.waived }),
  },
  'request-hearing': {
    fields: [],
    render: (c) => <Alert type="info" showIcon role="note" title={c.t('cases.form.requestHearingHint')} />,
    body: (v) => ({ on: day(v.on) }),
  },
  'schedule-hearing': {
    fields: ['date', 'place', 'presiderUserId', 'noticeServedOn'],
    needsUsers: true,
    initial: () => ({ noticeServedOn: today() }),
    render: (c) => (
      <>
        <Form.Item name="noticeServedOn" label={c.t('cases.form.hearingNoticeServedOn')} rules={[{ required: true, message: c.t('cases.form.choose') }]}>
          <ActDatePicker notBefore={c.view.case.registeredOn} />
        </Form.Item>
        <Form.Item name="date" label={c.t('cases.form.hearingDate')} extra={c.t('cases.form.hearingDateHint')} rules={[{ required: true, message: c.t('cases.form.choose') }]}>
          <ActDatePicker notBefore={c.view.case.registeredOn} allowFuture />
        </Form.Item>
        <TextItem name="place" label={c.t('cases.form.hearingPlace')} max={200} t={c.t} />
        <Form.Item name="presiderUserId" label={c.t('cases.form.presider')} extra={c.t('cases.form.presiderHint')} rules={[{ required: true, message: c.t('cases.form.choose') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={c.users.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))} />
        </Form.Item>
      </>
    ),
    body: (v) => ({ on: day(v.on), date: day(v.date) ?? '', place: text(v.place), presiderUserId: v.presiderUserId ?? '', noticeServedOn: day(v.noticeServedOn) ?? '' }),
  },
  'record-hearing': {
    fields: ['partyAbsent', 'record'],
    initial: () => ({ partyAbsent: false }),
    render: (c) => (
      <>
        <Form.Item name="partyAbsent" valuePropName="checked" extra={c.t('cases.form.partyAbsentHint')}>
          <Checkbox>{c.t('cases.form.partyAbsent')}</Checkbox>
        </Form.Item>
        <TextItem name="record" label={c.t('cases.form.hearingRecord')} rows={6} max={8000} t={c.t} />
      </>
    ),
    body: (v) => ({ on: day(v.on), partyAbsent: !!v.partyAbsent, record: text(v.record) }),
  },
  'record-discussion': {
    fields: ['participants', 'conclusion'],
    initial: () => ({ participants: [] }),
    render: (c) => (
      <>
        <Form.Item
          name="participants"
          label={c.t('cases.form.participants')}
          extra={c.t('cases.form.participantsHint')}
          rules={[{ required: true, type: 'array', min: 3, message: c.t('cases.form.participantsRequired') }]}
        >
          <Select mode="tags" open={false} tokenSeparators={['、', ',', '，']} suffixIcon={null} />
        </Form.Item>
        <TextItem name="conclusion" label={c.t('cases.form.conclusion')} rows={4} max={4000} t={c.t} />
      </>
    ),
    body: (v) => ({ on: day(v.on), participants: (v.participants ?? []).map((p) => p.trim()).filter(Boolean), conclusion: text(v.conclusion) }),
  },
  decide: {
    ...PENALTY,
    fields: [...PENALTY.fields, 'basis'],
    onLabel: (t) => t('cases.form.decisionOn'),
    initial: (c) => ({ ...penaltyValues(c.view.case.notice?.proposedPenalty), basis: c.view.case.notice?.basis }),
    render: (c) => (
      <>
        <Alert type="info" showIcon role="note" title={c.t('cases.form.decideHint')} style={{ marginBottom: 16 }} />
        <PenaltyFields label={c.t('cases.penalty.decided')} />
        <TextItem name="basis" label={c.t('cases.form.penaltyBasis')} rows={2} max={2000} t={c.t} />
      </>
    ),
    body: (v) => ({ on: day(v.on), penalty: penaltyInput(v), basis: text(v.basis) }),
  },
  'decide-no-penalty': {
    fields: ['reason', 'basis'],
    onLabel: (t) => t('cases.form.decisionOn'),
    render: (c) => (
      <>
        {reasonItem(c.t, c.t('cases.form.noPenaltyReason'))}
        <TextItem name="basis" label={c.t('cases.form.basis')} rows={2} max={2000} t={c.t} />
      </>
    ),
    body: (v) => ({ on: day(v.on), reason: text(v.reason), basis: text(v.basis) }),
  },
  transfer: {
    fields: ['transferTo', 'reason'],
    aliases: { to: 'transferTo' },
    render: (c) => (
      <>
        <TextItem name="transferTo" label={c.t('cases.form.transferTo')} max={100} t={c.t} />
        {reasonItem(c.t)}
      </>
    ),
    body: (v) => ({ on: day(v.on), to: text(v.transferTo), reason: text(v.reason) }),
  },
  serve: {
    fields: ['method', 'receivedOn', 'recipient', 'officerIds', 'addressConfirmed'],
    onLabel: (t) => t('cases.form.serveOn'),
    initial: (c) => {
      const party = c.view.case.parties[0];
      return { method: 'direct', recipient: party?.representative ?? party?.name, officerIds: handlerIds(c.view.case), addressConfirmed: false };
    },
    render: (c) => <ServeFields c={c} />,
    body: (v) => ({
      on: day(v.on),
      method: (v.method ?? 'direct') as CaseActInputs['serve']['method'],
      recipient: text(v.recipient),
      officerIds: v.officerIds ?? [],
      ...(v.method === 'electronic' ? { addressConfirmed: !!v.addressConfirmed } : {}),
      ...(v.method === 'post' ? { receivedOn: day(v.receivedOn) ?? null } : {}),
    }),
  },
  'record-payment': {
    fields: ['amountYuan', 'receiptNo'],
    aliases: { amountFen: 'amountYuan' },
    onLabel: (t) => t('cases.form.paidOn'),
    initial: (c) => ({ amountYuan: c.view.owed.outstandingFen > 0 ? fenToYuanText(c.view.owed.outstandingFen) : undefined }),
    render: (c) => (
      <>
        <Form.Item name="amountYuan" label={c.t('cases.form.amount')} rules={yuanRules(c.t)} extra={c.t('cases.form.outstanding', { amount: fenToYuanText(c.view.owed.outstandingFen) })}>
          <YuanInput />
        </Form.Item>
        <TextItem name="receiptNo" label={c.t('cases.form.receiptNo')} max={64} required={false} t={c.t} />
      </>
    ),
    body: (v) => ({ on: day(v.on), amountFen: yuanToFen(v.amountYuan) ?? 0, receiptNo: nullIfBlank(v.receiptNo) }),
  },
  'approve-deferral': {
    fields: ['dueOn', 'reason'],
    render: (c) => (
      <>
        <Form.Item name="dueOn" label={c.t('cases.form.newDueOn')} extra={c.view.case.execution?.dueOn ? c.t('cases.form.currentDueOn', { date: c.view.case.execution.dueOn }) : undefined} rules={[{ required: true, message: c.t('cases.form.choose') }]}>
          <ActDatePicker notBefore={c.view.case.execution?.dueOn ?? c.view.case.registeredOn} allowFuture />
        </Form.Item>
        {reasonItem(c.t)}
      </>
    ),
    body: (v) => ({ on: day(v.on), dueOn: day(v.dueOn) ?? '', reason: text(v.reason) }),
  },
  'record-remedy': {
    fields: ['remedyKind', 'remedyFrom', 'remedyTo', 'remedyOutcome'],
    aliases: { kind: 'remedyKind', from: 'remedyFrom', to: 'remedyTo', outcome: 'remedyOutcome' },
    initial: () => ({ remedyKind: 'reconsideration', remedyTo: null, remedyOutcome: null }),
    render: (c) => <RemedyFields c={c} />,
    body: (v) => ({ on: day(v.on), kind: v.remedyKind ?? 'reconsideration', from: day(v.remedyFrom) ?? '', to: formatDay(v.remedyTo ?? null), outcome: v.remedyTo ? (v.remedyOutcome ?? null) : null }),
  },
  'send-reminder': {
    fields: [],
    render: (c) => <Alert type="info" showIcon role="note" title={c.t('cases.form.reminderHint')} />,
    body: (v) => ({ on: day(v.on) }),
  },
  close: {
    fields: ['ground'],
    initial: (c) => {
      const r = c.view.case;
      return { ground: r.status === 'transferred' ? 'transferred' : r.decision?.kind === 'no-penalty' ? 'no-penalty' : 'performed' };
    },
    render: (c) => (
      <Form.Item name="ground" label={c.t('cases.form.ground')} rules={[{ required: true }]}>
        <Select options={CLOSE_GROUNDS.map((g) => ({ value: g, label: c.t(`cases.closeGrounds.${g}`) }))} />
      </Form.Item>
    ),
    body: (v) => ({ on: day(v.on), ground: (v.ground ?? 'performed') as CaseActInputs['close']['ground'] }),
  },
  archive: {
    fields: [],
    render: (c) => <Alert type="info" showIcon role="note" title={c.t('cases.form.archiveHint')} />,
    body: (v) => ({ on: day(v.on) }),
  },
  'revoke-filing': {
    fields: ['reason'],
    danger: true,
    render: (c) => reasonItem(c.t),
    body: (v) => ({ on: day(v.on), reason: text(v.reason) }),
  },
  suspend: {
    fields: ['reason'],
    render: (c) => reasonItem(c.t),
    body: (v) => ({ on: day(v.on), reason: text(v.reason) }),
  },
  resume: {
    fields: ['reason'],
    render: (c) => reasonItem(c.t),
    body: (v) => ({ on: day(v.on), reason: text(v.reason) }),
  },
  extend: {
    fields: ['days', 'reason'],
    initial: () => ({ days: 30 }),
    render: (c) => (
      <>
        <Form.Item name="days" label={c.t('cases.form.days')} rules={[{ required: true, type: 'integer', min: 1, max: 365, message: c.t('cases.form.daysInvalid') }]}>
          <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        {reasonItem(c.t)}
      </>
    ),
    body: (v) => ({ on: day(v.on), days: v.days ?? 0, reason: text(v.reason) }),
  },
  recuse: {
    fields: ['officerId', 'reason', 'replacementOfficerId'],
    render: (c) => (
      <>
        <Form.Item name="officerId" label={c.t('cases.form.recusedOfficer')} rules={[{ required: true, message: c.t('cases.form.choose') }]}>
          <Select options={c.view.case.handlers.map((h) => ({ value: h.officerId, label: h.name }))} />
        </Form.Item>
        {reasonItem(c.t)}
        <Form.Item name="replacementOfficerId" label={c.t('cases.form.replacement')}>
          <OfficerSelect
            multiple={false}
            officers={c.officers.filter((o) => !c.view.case.handlers.some((h) => h.officerId === o.id) && !c.view.case.recused.some((x) => x.id === o.id))}
            field={c.view.case.field}
            loading={c.officersLoading}
          />
        </Form.Item>
      </>
    ),
    body: (v) => ({ on: day(v.on), officerId: v.officerId ?? '', reason: text(v.reason), replacementOfficerId: v.replacementOfficerId ?? null }),
  },
  'report-on-the-spot': {
    fields: [],
    render: (c) => <Alert type="info" showIcon role="note" title={c.t('cases.form.reportHint')} />,
    body: (v) => ({ on: day(v.on) }),
  },
};

function CloseInvestigationFields({ c }: { c: ActContext }) {
  const outcome = Form.useWatch('outcome', c.form) as string | undefined;
  return (
    <>
      <Form.Item name="outcome" label={c.t('cases.form.outcome')} rules={[{ required: true }]}>
        <Radio.Group>
          <Radio value="penalise">{c.t('cases.outcomes.penalise')}</Radio>
          <Radio value="no-penalty">{c.t('cases.outcomes.no-penalty')}</Radio>
          <Radio value="transfer">{c.t('cases.outcomes.transfer')}</Radio>
        </Radio.Group>
      </Form.Item>
      <TextItem name="findings" label={c.t('cases.form.findings')} rows={5} max={8000} t={c.t} />
      {outcome === 'penalise' && <PenaltyFields label={c.t('cases.penalty.proposed')} />}
      {outcome === 'penalise' && <BenchmarkPicker agencyId={c.view.case.agencyId} field={c.view.case.field} form={c.form} />}
      <Form.Item name="firstViolation" valuePropName="checked" extra={c.t('cases.form.firstViolationHint')}>
        <Checkbox>{c.t('cases.form.firstViolation')}</Checkbox>
      </Form.Item>
      <Form.Item name="secret" valuePropName="checked" extra={c.t('cases.form.secretHint')}>
        <Checkbox>{c.t('cases.form.secret')}</Checkbox>
      </Form.Item>
    </>
  );
}

function RemedyFields({ c }: { c: ActContext }) {
  const to = Form.useWatch('remedyTo', c.form) as unknown;
  return (
    <>
      <Form.Item name="remedyKind" label={c.t('cases.form.remedyKind')} rules={[{ required: true }]}>
        <Radio.Group>
          <Radio value="reconsideration">{c.t('cases.remedies.reconsideration')}</Radio>
          <Radio value="litigation">{c.t('cases.remedies.litigation')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="remedyFrom" label={c.t('cases.form.remedyFrom')} rules={[{ required: true, message: c.t('cases.form.choose') }]}>
        <ActDatePicker notBefore={c.view.case.registeredOn} />
      </Form.Item>
      <Form.Item name="remedyTo" label={c.t('cases.form.remedyTo')} extra={c.t('cases.form.remedyToHint')}>
        <ActDatePicker notBefore={c.view.case.registeredOn} />
      </Form.Item>
      {Boolean(to) && (
        <Form.Item name="remedyOutcome" label={c.t('cases.form.remedyOutcome')} extra={c.t('cases.form.remedyOutcomeHint')} rules={[{ required: true, message: c.t('cases.form.choose') }]}>
          <Select options={REMEDY_OUTCOMES.map((o) => ({ value: o, label: remedyOutcomeLabel(o) }))} />
        </Form.Item>
      )}
    </>
  );
}

function ServeFields({ c }: { c: ActContext }) {
  const method = Form.useWatch('method', c.form) as string | undefined;
  return (
    <>
      <Form.Item name="method" label={c.t('cases.form.serveMethod')} rules={[{ required: true }]} extra={method === 'announcement' ? c.t('cases.form.announcementHint') : undefined}>
        <Select options={SERVICE_METHODS.map((m) => ({ value: m, label: c.t(`cases.serveMethods.${m}`) }))} />
      </Form.Item>
      {method === 'post' && (
        <Form.Item name="receivedOn" label={c.t('cases.form.receivedOn')} extra={c.t('cases.form.receivedOnHint')} rules={[{ required: true, message: c.t('cases.form.choose') }]}>
          <ActDatePicker notBefore={c.view.case.decision?.on ?? c.view.case.registeredOn} />
        </Form.Item>
      )}
      <TextItem name="recipient" label={c.t('cases.form.recipient')} max={100} t={c.t} />
      <OfficersItem c={c} label={c.t('cases.form.servers')} handlersOnly />
      {method === 'electronic' && (
        <Form.Item name="addressConfirmed" valuePropName="checked" extra={c.t('cases.form.addressConfirmedHint')}>
          <Checkbox>{c.t('cases.form.addressConfirmed')}</Checkbox>
        </Form.Item>
      )}
    </>
  );
}
