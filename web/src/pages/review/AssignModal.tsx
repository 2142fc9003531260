import { Alert, App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { Grant } from '@shared/api.ts';
import { useTranslation } from 'react-i18next';
import { reviewsApi, type ReviewView } from '../../api/reviews.ts';
import { usersApi, type UserAccount } from '../../api/users.ts';
import { isVersionMismatch } from '../../lib/forms.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { CaseError, caseErrorText } from '../cases/formParts.tsx';

/** The review as the dialog needs it: from the inbox row or the workspace. */
export interface AssignTarget {
  id: string;
  version: number;
  agencyId: string;
  /** The case's handling unit (a reviewer of it is refused where the agency's setting says so). */
  unitId: string | null;
  round: number;
  partyName: string;
  cause: string;
  /** The reviewer now (reassignment). */
  reviewerUserId: string | null;
  reviewerName: string | null;
  coReviewerUserId: string | null;
}

interface Values {
  mode: 'manual' | 'round-robin';
  reviewerUserId?: string;
  coReviewerUserId?: string | null;
  reason?: string;
}

const FIELDS = ['mode', 'reviewerUserId', 'coReviewerUserId', 'reason'] as const;

const holds = (roles: readonly Grant[], role: Grant['role'], agencyId: string) => roles.some((g) => g.role === role && g.agencyId === agencyId);

/**
 * 分配审核人员 / 更换审核人员 (the head of legal review): a reviewer named from the agency's legal
 * reviewers, or the next in turn; optionally an external legal adviser to co-review. Reviewers
 * the law bars are listed with the reason and cannot be chosen; the server checks the rest
 * (case team, recusal) and its refusal is shown in its own words.
 */
export function AssignModal({ target, reassign, onClose, onDone }: { target: AssignTarget; reassign: boolean; onClose: () => void; onDone: (v: ReviewView | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { submitting, failure, run } = useSubmit(form, FIELDS);
  const mode = Form.useWatch('mode', form) ?? 'manual';
  const users = useLoad((signal) => usersApi.list(target.agencyId, signal), [target.agencyId]);
  const settings = useLoad((signal) => reviewsApi.settings(target.agencyId, signal), [target.agencyId]);
  const outsideUnit = settings.data?.settings.reviewerOutsideHandlingUnit ?? true;

  const active = (users.data ?? []).filter((u) => u.status === 'active');
  const reviewers = active.filter((u) => holds(u.roles, 'legal-reviewer', target.agencyId) || holds(u.roles, 'legal-review-head', target.agencyId));
  const advisers = active.filter((u) => holds(u.roles, 'legal-adviser', target.agencyId));
  const bar = (u: UserAccount): string | null => {
    if (!u.legalQualificationNo) return t('reviews.assign.noQualification');
    if (outsideUnit && target.unitId && u.roles.some((g) => g.unitId === target.unitId)) return t('reviews.assign.inHandlingUnit');
    if (reassign && u.id === target.reviewerUserId) return t('reviews.assign.current');
    return null;
  };

  async function handleFinish(v: Values) {
    const input = {
      ...(v.mode === 'round-robin' ? { roundRobin: true } : { reviewerUserId: v.reviewerUserId }),
      coReviewerUserId: v.coReviewerUserId ?? null,
    };
    const result = await run(() => (reassign ? reviewsApi.reassign(target, { ...input, reason: (v.reason ?? '').trim() }) : reviewsApi.assign(target, input)));
    if (result.ok) {
      const name = result.value.review.reviewer?.name ?? '';
      void message.success(reassign ? t('reviews.assign.reassigned', { name }) : t('reviews.assign.done', { name }));
      onDone(result.value);
    } else if (isVersionMismatch(result.error)) {
      // Someone else assigned it meanwhile: say so, and let the page show the review as it now is.
      void message.error(caseErrorText(result.error).title);
      onDone(null);
    }
  }

  const title = reassign ? t('reviews.assign.reassignTitle') : t('reviews.assign.title');
  return (
    <Modal
      open
      title={title}
      okText={reassign ? t('reviews.assign.reassignSubmit') : t('reviews.assign.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submitting}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('reviews.assign.forCase', { party: target.partyName, cause: target.cause, round: target.round })}</Typography.Paragraph>
      <Alert type="info" showIcon role="note" style={{ marginBottom: 16 }} title={t('reviews.assign.hint')} description={outsideUnit ? t('reviews.assign.unitRule') : undefined} />
      <CaseError error={failure?.error ?? users.error} unmatched={failure?.unmatched} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'manual', coReviewerUserId: target.coReviewerUserId }}
        onFinish={(v) => void handleFinish(v)}
        disabled={submitting}
      >
        <Form.Item name="mode" label={t('reviews.assign.mode')} extra={mode === 'round-robin' ? t('reviews.assign.roundRobinHint') : undefined}>
          <Radio.Group optionType="button" buttonStyle="solid">
            <Radio value="manual">{t('reviews.assign.manual')}</Radio>
            <Radio value="round-robin">{t('reviews.assign.roundRobin')}</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'manual' && (
          <Form.Item name="reviewerUserId" label={t('reviews.assign.reviewer')} rules={[{ required: true, message: t('reviews.assign.reviewerRequired') }]}>
            <Select
              loading={users.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={reviewers.map((u) => {
                const why = bar(u);
                const label = u.legalQualificationNo ? `${u.displayName}（${u.legalQualificationNo}）` : u.displayName;
                return { value: u.id, label: why ? `${label} · ${why}` : label, disabled: !!why };
              })}
            />
          </Form.Item>
        )}
        {advisers.length > 0 && (
          <Form.Item name="coReviewerUserId" label={t('reviews.assign.coReviewer')}>
            <Select allowClear options={advisers.map((u) => ({ value: u.id, label: u.displayName }))} />
          </Form.Item>
        )}
        {reassign && (
          <Form.Item name="reason" label={t('reviews.assign.reason')} rules={[{ required: true, whitespace: true, message: t('reviews.assign.reasonRequired') }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The dialog's target from a review view (the workspace). */
export function assignTargetOf(v: ReviewView): AssignTarget {
  return {
    id: v.review.id,
    version: v.review.version,
    agencyId: v.review.agencyId,
    unitId: v.review.unitId,
    round: v.review.round,
    partyName: v.case.partyName,
    cause: v.case.cause,
    reviewerUserId: v.review.reviewer?.userId ?? null,
    reviewerName: v.review.reviewer?.name ?? null,
    coReviewerUserId: v.review.coReviewer?.userId ?? null,
  };
}
