import { App, Button, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { reviewsApi, type ReviewRecord, type ReviewView } from '../../api/reviews.ts';
import { isVersionMismatch } from '../../lib/forms.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { CaseError } from '../cases/formParts.tsx';

/*
 * 法律顾问意见 — the opinion of the external legal adviser co-reviewing a round (国办发〔2018〕118号
 * item 十一). The adviser writes it while the round is with its reviewer and may revise it until
 * the reviewer decides; the reviewer reads it beside the case, and the 法制审核意见书 quotes it.
 */

interface Values {
  opinion?: string;
}

const FIELDS = ['opinion'] as const;

/** The adviser's opinion as given: who, on which day, what. */
export function CoOpinionView({ opinion }: { opinion: NonNullable<ReviewRecord['coOpinion']> }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} data-testid="co-opinion-view">
      <Typography.Text type="secondary">{t('reviews.coOpinion.by', { name: opinion.name, on: opinion.on })}</Typography.Text>
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{opinion.opinion}</Typography.Paragraph>
    </Flex>
  );
}

/** The co-reviewing adviser's form: the opinion (required), sent against the review version shown. */
export function CoOpinionForm({ view, onDone, onStale }: { view: ReviewView; onDone: (v: ReviewView) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { submitting, failure, setFailure, run } = useSubmit(form, FIELDS);
  const given = view.review.coOpinion ?? null;

  async function handleFinish(v: Values) {
    const result = await run(() => reviewsApi.coOpinion(view.review, { opinion: (v.opinion ?? '').trim() }));
    if (result.ok) {
      void message.success(t('reviews.coOpinion.done'));
      onDone(result.value);
    } else if (isVersionMismatch(result.error)) {
      // The round moved on (decided, reassigned …): the page reloads and says so; the text typed stays.
      setFailure({ error: result.error, unmatched: [] });
      onStale();
    }
  }

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)} disabled={submitting} initialValues={{ opinion: given?.opinion ?? '' }} data-testid="co-opinion-form">
      <CaseError error={failure?.error} unmatched={failure?.unmatched} />
      {given && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('reviews.coOpinion.givenOn', { on: given.on })}
        </Typography.Paragraph>
      )}
      <Form.Item
        name="opinion"
        label={t('reviews.coOpinion.label')}
        extra={t('reviews.coOpinion.hint')}
        rules={[{ required: true, whitespace: true, message: t('reviews.coOpinion.required') }]}
      >
        <Input.TextArea rows={5} maxLength={4000} placeholder={t('reviews.coOpinion.placeholder')} />
      </Form.Item>
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={submitting}>
          {given ? t('reviews.coOpinion.revise') : t('reviews.coOpinion.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

/**
 * The workspace's card body for a round with a co-reviewing adviser: the form for that adviser
 * while the round is with its reviewer, otherwise the opinion as given, or who it is awaited from.
 */
export function CoOpinionPanel({ view, onDone, onStale }: { view: ReviewView; onDone: (v: ReviewView) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const rv = view.review;
  if (!rv.coReviewer) return null;
  if (view.allowed.includes('co-opinion')) return <CoOpinionForm key={`${rv.id}:${rv.status}`} view={view} onDone={onDone} onStale={onStale} />;
  if (rv.coOpinion) return <CoOpinionView opinion={rv.coOpinion} />;
  return (
    <Typography.Text type="secondary" data-testid="co-opinion-pending">
      {rv.status === 'assigned' ? t('reviews.coOpinion.waiting', { name: rv.coReviewer.name }) : t('reviews.coOpinion.none', { name: rv.coReviewer.name })}
    </Typography.Text>
  );
}
