import { Alert, App, Form, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi, type CaseActOnCase, type CaseView } from '../../api/cases.ts';
import type { Officer } from '../../api/officers.ts';
import { usersApi } from '../../api/users.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { isVersionMismatch } from '../../lib/forms.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { ACT_FORMS, type ActContext, type ActSpec, type ActValues } from './actForms.tsx';
import { actLabel, partyNames, penaltyText } from './caseFormat.tsx';
import { samePenalty } from './CaseReviewPanel.tsx';
import { reviewsApi } from '../../api/reviews.ts';
import { ActDatePicker, CaseError, PENALTY_FIELDS, penaltyValues, today } from './formParts.tsx';

interface Props {
  act: CaseActOnCase;
  /** The case as last loaded; after a version conflict the page passes the fresh one. */
  view: CaseView;
  officers: Officer[];
  officersLoading: boolean;
  onClose: () => void;
  onDone: (view: CaseView) => void;
  /** Someone else changed the case (409): the page reloads it; this form stays open on the new version. */
  onStale: () => void;
}

/** One act's form (立案, 调查终结, 事先告知, 决定, 送达 …), sent with the version the user saw. */
export function ActDrawer({ act, view, officers, officersLoading, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActValues>();
  const spec: ActSpec<CaseActOnCase> = ACT_FORMS[act];
  const formFields = useMemo(() => ['on', ...spec.fields], [spec]);
  const { submitting, failure, setFailure, run } = useSubmit(form, formFields, spec.aliases);
  const [stale, setStale] = useState(false);
  const users = useLoad((signal) => (spec.needsUsers ? usersApi.list(view.case.agencyId, signal) : Promise.resolve([])), [act, view.case.agencyId]);

  const ctx: ActContext = { view, officers, officersLoading, users: users.data ?? [], t, form };
  // Initial values are taken once, when the drawer opens: a reload must not wipe what was typed.
  const [initialValues] = useState<Partial<ActValues>>(() => ({ on: today(), ...spec.initial?.(ctx) }));
  // The decision starts from the penalty the legal review passed (Art 58), when it is not the notice's.
  const reviewedId = act === 'decide' ? (view.case.review.approvedReviewId ?? null) : null;
  const reviewed = useLoad((signal) => (reviewedId ? reviewsApi.get(reviewedId, signal).then((v) => v.review.penalty) : Promise.resolve(null)), [reviewedId]);
  const reviewedOther = reviewed.data && !samePenalty(reviewed.data, view.case.notice?.proposedPenalty ?? null) ? reviewed.data : null;
  useEffect(() => {
    if (reviewedOther && !form.isFieldsTouched([...PENALTY_FIELDS])) form.setFieldsValue(penaltyValues(reviewedOther));
  }, [reviewedOther, form]);

  async function handleFinish(values: ActValues) {
    const body = spec.body(values, ctx);
    const result = await run(() => casesApi.act(view.case, act, body as never));
    if (result.ok) {
      void message.success(t('cases.act.done', { act: actLabel(act) }));
      onDone(result.value);
    } else if (isVersionMismatch(result.error)) {
      setFailure(null);
      setStale(true);
      onStale();
    }
  }

  const label = actLabel(act);
  return (
    <FormDrawer title={label} open submitting={submitting} onClose={onClose} onSubmit={() => form.submit()} submitText={label}>
      <Typography.Paragraph type="secondary">
        {t('cases.act.forCase', { no: view.case.caseNo ?? view.case.decision?.number ?? t('cases.noCaseNo'), party: partyNames(view.case.parties), cause: view.case.cause })}
      </Typography.Paragraph>
      {stale && <StaleCaseAlert />}
      {reviewedOther && <Alert type="info" showIcon role="note" title={t('reviews.case.decideReviewed', { penalty: penaltyText(reviewedOther) })} style={{ marginBottom: 16 }} />}
      <CaseError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<ActValues>
        form={form}
        layout="vertical"
        scrollToFirstError={{ block: 'center' }}
        initialValues={initialValues}
        onValuesChange={(changed: Partial<ActValues>) => spec.onChange?.(changed, ctx)}
        onFinish={(v) => void handleFinish(v)}
        disabled={submitting}
      >
        <Form.Item name="on" label={spec.onLabel?.(t) ?? t('cases.form.on')} rules={[{ required: true, message: t('cases.form.choose') }]}>
          <ActDatePicker notBefore={view.case.registeredOn} />
        </Form.Item>
        {spec.render(ctx)}
      </Form>
    </FormDrawer>
  );
}

/** The case changed under the form: said where the user will see it, at the top of the drawer. */
function StaleCaseAlert() {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <div ref={ref}>
      <Alert type="warning" showIcon role="alert" title={t('cases.act.stale')} style={{ marginBottom: 16 }} />
    </div>
  );
}
