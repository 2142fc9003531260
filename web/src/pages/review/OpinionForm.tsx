import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Radio, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../api/client.ts';
import { reviewsApi, type ReviewOutcome, type ReviewRecord, type ReviewView } from '../../api/reviews.ts';
import { isVersionMismatch } from '../../lib/forms.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { CaseError } from '../cases/formParts.tsx';
import { DocumentLinks } from '../cases/eventFacts.tsx';
import { CHECKLIST_POINTS, REVIEW_CHECKLIST } from './checklist.ts';
import { outcomeLabel } from './reviewFormat.tsx';

/** One point as the form holds it; the list is indexed by point number (1–10), as the server names them (`checklist.6.comment`). */
interface PointValue {
  ok?: 'ok' | 'problem';
  comment?: string;
}

interface Values {
  checklist: PointValue[];
  opinion?: string;
  requiredChanges?: string;
}

const FIELDS = ['checklist', 'opinion', 'requiredChanges'] as const;

/**
 * 审核意见 — the assigned reviewer's: each of the ten points 合格 or 存在问题 (with what is wrong),
 * the opinion, and for 存在问题 the changes required. 同意 or 存在问题 sends it; the server issues the
 * numbered 法制审核意见书. The server's refusals (an approval with a point found wanting …) are shown
 * in its words.
 */
export function OpinionForm({ view, onDone, onStale }: { view: ReviewView; onDone: (v: ReviewView) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { submitting, failure, setFailure, run } = useSubmit(form, FIELDS);
  // Which button sent the form: the required-changes rule depends on it.
  const outcome = useRef<ReviewOutcome>('approved');
  const points = (Form.useWatch('checklist', form) ?? []) as (PointValue | undefined)[];

  function send(which: ReviewOutcome) {
    outcome.current = which;
    form.submit();
  }

  function handleFinish(v: Values) {
    const which = outcome.current;
    modal.confirm({
      title: t('reviews.opinion.confirmTitle', { outcome: outcomeLabel(which) }),
      content: t('reviews.opinion.confirmText'),
      okText: t('reviews.opinion.confirmOk'),
      okButtonProps: { danger: which === 'problems' },
      cancelText: t('common.cancel'),
      onOk: () => void submit(which, v),
    });
  }

  async function submit(which: ReviewOutcome, v: Values) {
    const body = {
      outcome: which,
      checklist: CHECKLIST_POINTS.map((point) => {
        const p = v.checklist[point] ?? {};
        const comment = p.comment?.trim();
        return { point, ok: p.ok === 'ok', ...(comment ? { comment } : {}) };
      }),
      opinion: (v.opinion ?? '').trim(),
      requiredChanges: which === 'problems' ? (v.requiredChanges ?? '').trim() : null,
    };
    const result = await run(() => reviewsApi.decide(view.review, body));
    if (result.ok) {
      void message.success(t('reviews.opinion.done', { outcome: outcomeLabel(which) }));
      onDone(result.value);
    } else if (isVersionMismatch(result.error)) {
      // The review changed (reassigned …): the page reloads; what was typed stays for another try.
      setFailure({ error: result.error, unmatched: [] });
      onStale();
    } else if (result.error instanceof ApiRequestError && result.error.details?.field === 'checklist') {
      // A refusal about the checklist as a whole has no one field to sit on: shown above the form.
      setFailure({ error: result.error, unmatched: [] });
    }
  }

  function allOthersOk() {
    const current = (form.getFieldValue('checklist') ?? []) as (PointValue | undefined)[];
    const next = [...current];
    for (const point of CHECKLIST_POINTS) if (!next[point]?.ok) next[point] = { ...next[point], ok: 'ok' };
    form.setFieldValue('checklist', next);
  }

  return (
    <Form<Values> form={form} layout="vertical" onFinish={handleFinish} disabled={submitting} initialValues={{ checklist: [] }} data-testid="opinion-form">
      <CaseError error={failure?.error} unmatched={failure?.unmatched} />
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        <Button size="small" type="link" onClick={allOthersOk}>
          {t('reviews.opinion.allOk')}
        </Button>
      </Flex>
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {REVIEW_CHECKLIST.map(([label, standard], i) => {
          const point = i + 1;
          const problem = points[point]?.ok === 'problem';
          return (
            <li key={point} data-testid={`checklist-point-${point}`} style={{ borderBottom: '1px solid #f0f0f0', paddingTop: 8 }}>
              <Flex justify="space-between" align="flex-start" gap={8} wrap>
                <Flex vertical style={{ minWidth: 0, flex: '1 1 180px' }}>
                  <Typography.Text strong>{`${point}. ${label}`}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {standard}
                  </Typography.Text>
                </Flex>
                <Form.Item name={['checklist', point, 'ok']} rules={[{ required: true, message: t('reviews.opinion.choose') }]} style={{ marginBottom: 8 }}>
                  <Radio.Group optionType="button" buttonStyle="solid" size="small" aria-label={`${point}. ${label}`}>
                    <Radio value="ok">{t('reviews.opinion.ok')}</Radio>
                    <Radio value="problem">{t('reviews.opinion.problem')}</Radio>
                  </Radio.Group>
                </Form.Item>
              </Flex>
              {problem && (
                <Form.Item
                  name={['checklist', point, 'comment']}
                  rules={[{ required: true, whitespace: true, message: t('reviews.opinion.commentRequired') }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input.TextArea rows={2} maxLength={2000} placeholder={t('reviews.opinion.commentPlaceholder')} aria-label={t('reviews.opinion.commentOf', { n: point })} />
                </Form.Item>
              )}
            </li>
          );
        })}
      </ol>
      <Form.Item name="opinion" label={t('reviews.opinion.opinion')} rules={[{ required: true, whitespace: true, message: t('reviews.opinion.opinionRequired') }]} style={{ marginTop: 16 }}>
        <Input.TextArea rows={3} maxLength={4000} placeholder={t('reviews.opinion.opinionPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="requiredChanges"
        label={t('reviews.opinion.requiredChanges')}
        extra={t('reviews.opinion.requiredChangesHint')}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              if (outcome.current === 'problems' && !value?.trim()) throw new Error(t('reviews.opinion.requiredChangesRequired'));
            },
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Alert type="info" showIcon role="note" title={t('reviews.opinion.outcomeHint')} style={{ marginBottom: 16 }} />
      <Flex gap={8} justify="flex-end" wrap>
        <Button danger icon={<CloseCircleFilled />} loading={submitting && outcome.current === 'problems'} onClick={() => send('problems')}>
          {t('reviews.opinion.problems')}
        </Button>
        <Button type="primary" icon={<CheckCircleFilled />} loading={submitting && outcome.current === 'approved'} onClick={() => send('approved')}>
          {t('reviews.opinion.approve')}
        </Button>
      </Flex>
    </Form>
  );
}

/** A decided round's opinion, read-only: the ten points, the opinion, the changes required, the 法制审核意见书. */
export function OpinionView({ review }: { review: ReviewRecord }) {
  const { t } = useTranslation();
  const d = review.decision;
  if (!d) return null;
  const docName = [t('reviews.opinion.document'), d.number].filter(Boolean).join(' ');
  return (
    <Flex vertical gap={12} data-testid="opinion-view">
      <Flex align="center" gap={8} wrap>
        <Typography.Text strong type={d.outcome === 'approved' ? 'success' : 'warning'}>
          {outcomeLabel(d.outcome)}
        </Typography.Text>
        <Typography.Text type="secondary">{[d.on, review.reviewer?.name].filter(Boolean).join(' · ')}</Typography.Text>
      </Flex>
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {d.checklist.map((c) => {
          const label = REVIEW_CHECKLIST[c.point - 1]?.[0] ?? String(c.point);
          return (
            <li key={c.point} style={{ padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Flex gap={8} align="flex-start">
                {c.ok ? <CheckCircleFilled style={{ color: '#52c41a', marginTop: 4 }} /> : <CloseCircleFilled style={{ color: '#fa541c', marginTop: 4 }} />}
                <span>
                  <Typography.Text strong>{`${c.point}. ${label}`}</Typography.Text>
                  <Typography.Text type={c.ok ? 'secondary' : 'danger'}>
                    {' · '}
                    {c.ok ? t('reviews.opinion.resultOk') + (c.comment ? `：${c.comment}` : '') : t('reviews.opinion.resultProblem', { comment: c.comment })}
                  </Typography.Text>
                </span>
              </Flex>
            </li>
          );
        })}
      </ol>
      <div>
        <Typography.Text type="secondary">{t('reviews.opinion.opinion')}</Typography.Text>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{d.opinion}</Typography.Paragraph>
      </div>
      {d.requiredChanges && (
        <Alert type="warning" showIcon title={t('reviews.opinion.requiredChanges')} description={<span style={{ whiteSpace: 'pre-wrap' }}>{d.requiredChanges}</span>} />
      )}
      {d.documentId && (
        <Flex align="center" gap={4} wrap data-testid="opinion-document">
          <Typography.Text>{docName}</Typography.Text>
          <DocumentLinks documentId={d.documentId} name={docName} />
        </Flex>
      )}
    </Flex>
  );
}
