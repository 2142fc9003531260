import { AuditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Radio, Typography } from 'antd';
import type { Penalty } from '@shared/cases.ts';
import { OPEN_REVIEW_STATUSES } from '@shared/reviews.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../api/cases.ts';
import { reviewsApi, type ReviewRecord } from '../../api/reviews.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { isVersionMismatch, nullIfBlank } from '../../lib/forms.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { proposalText, ReviewStatusTag } from '../review/reviewFormat.tsx';
import { partyNames } from './caseFormat.tsx';
import { DocumentLinks } from './eventFacts.tsx';
import { CaseError, PENALTY_ALIASES, PENALTY_FIELDS, PenaltyFields, penaltyInput, penaltyValues, type PenaltyFormValues } from './formParts.tsx';

/** The proposal a case stands on before its decision: the notice's, else the investigation's; null: 不予行政处罚, or none yet (as the server reads it). */
export const currentProposal = (r: CaseView['case']): Penalty | null => r.notice?.proposedPenalty ?? r.investigation?.proposedPenalty ?? null;

/** The investigation report proposes 不予行政处罚 (Art 57①), and no notice followed: that is what is reviewed. */
const proposesNoPenalty = (r: CaseView['case']) => r.status === 'investigation-closed' && r.investigation?.outcome === 'no-penalty';

/** The same penalty, as the server's proposal digest compares them (kinds in any order, description as given). */
export function samePenalty(a: Penalty | null, b: Penalty | null): boolean {
  if (!a || !b) return a === b;
  const kinds = (p: Penalty) => [...p.kinds].sort().join(',');
  return (
    kinds(a) === kinds(b) &&
    a.fineFen === b.fineFen &&
    a.confiscatedGainsFen === b.confiscatedGainsFen &&
    a.confiscatedPropertyFen === b.confiscatedPropertyFen &&
    a.description === b.description
  );
}

/**
 * 法制审核 on the case page: why the proposal is a major decision, where its latest review round
 * stands (reviewer, due date, the changes a 存在问题 opinion asks for, the 法制审核意见书 of the
 * approval), and 送审 for a handler while no review is open and none has passed for the current
 * proposal. Hidden for a case that needs no review and never had one.
 */
export function CaseReviewPanel({ view, onChanged }: { view: CaseView; onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const r = view.case;
  const rounds = useLoad((signal) => reviewsApi.ofCase(r.id, signal), [r.id, r.version]);
  const [submitting, setSubmitting] = useState(false);
  const list = rounds.data ?? [];
  const required = view.reviewRequiredBecause;
  if (required.length === 0 && list.length === 0) return null;

  const latest: ReviewRecord | undefined = list[list.length - 1];
  const open = latest && OPEN_REVIEW_STATUSES.includes(latest.status);
  const proposal = currentProposal(r);
  const approved = list.filter((x) => x.status === 'approved');
  const covered = approved.some((x) => samePenalty(x.penalty, proposal));
  const lastApproved = approved[approved.length - 1];
  // 送审 is a handler's act between the investigation and the decision, like the notice (same people, same statuses);
  // a report proposing no penalty is never notified, so there it is whoever handles the agency's cases (the server checks the team).
  const handles = view.allowedActs.includes('notify') || (proposesNoPenalty(r) && may(me, 'case.handle', r.agencyId));
  const maySubmit = required.length > 0 && handles && !open && !covered && !rounds.loading;
  // An approval of another (lighter) proposal: the decision may take it; the current one would need its own review.
  const approvedOther = !!lastApproved && latest?.status === 'approved' && !covered && !r.decision;

  const status = latest ? (
    <Flex vertical gap={4} data-testid="case-review-status">
      <Flex align="center" gap={8} wrap>
        <Typography.Text strong>{t('reviews.case.latest', { n: latest.round })}</Typography.Text>
        <ReviewStatusTag status={latest.status} />
        <Typography.Text type="secondary">{proposalText(latest.penalty)}</Typography.Text>
        {latest.reviewer && <Typography.Text type="secondary">{t('reviews.case.reviewer', { name: latest.reviewer.name })}</Typography.Text>}
        {open && latest.dueOn && <Typography.Text type="secondary">{t('reviews.case.dueOn', { date: latest.dueOn })}</Typography.Text>}
        <RouterLink to={`/review/${encodeURIComponent(latest.id)}`}>{t('reviews.case.open')}</RouterLink>
      </Flex>
      {(latest.status === 'returned' || latest.status === 'escalated') && latest.decision?.requiredChanges && (
        <Typography.Text type="warning">
          {t('common.fieldProblem', { field: t('reviews.workspace.requiredChanges'), message: latest.decision.requiredChanges })}
          {latest.status === 'returned' ? ` ${t('reviews.case.returnedHint')}` : ''}
        </Typography.Text>
      )}
      {latest.status === 'escalated' && <Typography.Text type="secondary">{t('reviews.case.escalatedHint')}</Typography.Text>}
      {latest.decision?.documentId && latest.status !== 'approved' && (
        <Flex align="center" gap={4} wrap>
          <Typography.Text type="secondary">{[t('reviews.opinion.document'), latest.decision.number].filter(Boolean).join(' ')}</Typography.Text>
          <DocumentLinks documentId={latest.decision.documentId} name={[t('reviews.opinion.document'), latest.decision.number].filter(Boolean).join(' ')} />
        </Flex>
      )}
    </Flex>
  ) : (
    <Typography.Text type="secondary">{t('reviews.case.notSubmitted')}</Typography.Text>
  );

  const passed = lastApproved?.decision ? (
    <Flex vertical gap={2} data-testid="case-review-passed">
      <Typography.Text type="success">{t('reviews.case.passed', { on: lastApproved.decision.on, reviewer: lastApproved.reviewer?.name ?? '' })}</Typography.Text>
      {lastApproved.decision.documentId && (
        <Flex align="center" gap={4} wrap>
          <Typography.Text>{[t('reviews.opinion.document'), lastApproved.decision.number].filter(Boolean).join(' ')}</Typography.Text>
          <DocumentLinks documentId={lastApproved.decision.documentId} name={[t('reviews.opinion.document'), lastApproved.decision.number].filter(Boolean).join(' ')} />
        </Flex>
      )}
      {approvedOther && <Typography.Text type="secondary">{t('reviews.case.passedOther', { penalty: proposalText(lastApproved.penalty) })}</Typography.Text>}
    </Flex>
  ) : null;

  return (
    <>
      <Alert
        type={covered || (lastApproved && latest?.status === 'approved') ? 'success' : 'warning'}
        showIcon
        data-testid="review-required"
        title={required.length > 0 ? t('cases.detail.reviewRequired') : t('reviews.case.title')}
        description={
          <Flex vertical gap={8}>
            {required.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {required.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            )}
            {passed}
            {status}
            {maySubmit && (
              <Flex>
                <Button type={approvedOther ? 'default' : 'primary'} icon={<AuditOutlined />} onClick={() => setSubmitting(true)} data-testid="submit-review">
                  {t('reviews.case.submit')}
                </Button>
              </Flex>
            )}
          </Flex>
        }
      />
      {submitting && (
        <SubmitReviewDrawer
          view={view}
          onClose={() => setSubmitting(false)}
          onDone={() => {
            setSubmitting(false);
            onChanged();
          }}
          onStale={onChanged}
        />
      )}
    </>
  );
}

interface SubmitValues extends PenaltyFormValues {
  /** The decision proposed: a penalty, or 不予行政处罚 (after the notice, when the statement or hearing shows none is due). */
  proposal?: 'penalty' | 'none';
  note?: string;
}

const SUBMIT_FIELDS = [...PENALTY_FIELDS, 'proposal', 'note'];

/**
 * 送审 — the case's current proposal (or, after a 存在问题 opinion, one changed as it asked, never
 * heavier than notified; or, after the notice, 不予行政处罚) with a note. A report that proposes no
 * penalty submits just that. The server checks the materials and names what is missing.
 */
function SubmitReviewDrawer({ view, onClose, onDone, onStale }: { view: CaseView; onClose: () => void; onDone: () => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SubmitValues>();
  const { submitting, failure, setFailure, run } = useSubmit(form, SUBMIT_FIELDS, PENALTY_ALIASES);
  const [stale, setStale] = useState(false);
  const proposal = currentProposal(view.case);
  const fixedNone = proposesNoPenalty(view.case);
  const [initialValues] = useState<SubmitValues>(() => ({ ...penaltyValues(proposal), proposal: fixedNone ? 'none' : 'penalty' }));
  const chosen = Form.useWatch('proposal', form) ?? initialValues.proposal;

  async function handleFinish(v: SubmitValues) {
    const none = fixedNone || v.proposal === 'none';
    const penalty = none ? null : penaltyInput(v);
    const body = { ...(none ? { noPenalty: true } : samePenalty(penalty, proposal) ? {} : { penalty: penalty! }), note: nullIfBlank(v.note) };
    const result = await run(() => reviewsApi.submit(view.case, body));
    if (result.ok) {
      void message.success(t('reviews.case.submitted', { n: result.value.review.round }));
      onDone();
    } else if (isVersionMismatch(result.error)) {
      setFailure(null);
      setStale(true);
      onStale();
    }
  }

  const label = t('reviews.case.submit');
  const r = view.case;
  return (
    <FormDrawer title={label} open submitting={submitting} onClose={onClose} onSubmit={() => form.submit()} submitText={label}>
      <Typography.Paragraph type="secondary">{t('cases.act.forCase', { no: r.caseNo ?? t('cases.noCaseNo'), party: partyNames(r.parties), cause: r.cause })}</Typography.Paragraph>
      <Alert type="info" showIcon role="note" title={t('reviews.case.submitHint')} style={{ marginBottom: 16 }} />
      {stale && <Alert type="warning" showIcon role="alert" title={t('cases.act.stale')} style={{ marginBottom: 16 }} />}
      <CaseError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<SubmitValues> form={form} layout="vertical" scrollToFirstError={{ block: 'center' }} initialValues={initialValues} onFinish={(v) => void handleFinish(v)} disabled={submitting}>
        {!fixedNone && (
          <Form.Item name="proposal" label={t('reviews.case.proposal')}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="review-proposal-kind">
              <Radio value="penalty">{t('reviews.case.proposalPenalty')}</Radio>
              <Radio value="none">{t('reviews.case.proposalNone')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {chosen === 'none' ? (
          <Alert type="info" showIcon role="note" data-testid="review-no-penalty" title={`${t('reviews.case.proposal')}：${t('reviews.noPenalty')}`} description={t('reviews.case.noPenaltyHint')} style={{ marginBottom: 16 }} />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('reviews.case.penaltyHint')}
            </Typography.Paragraph>
            <PenaltyFields label={t('reviews.case.penaltyLabel')} />
          </>
        )}
        <Form.Item name="note" label={t('reviews.case.note')} extra={t('reviews.case.noteHint')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
