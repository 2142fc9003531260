import { App, Button, Card, Checkbox, Empty, Flex, Form, Input, InputNumber, Select, Skeleton, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { agenciesApi } from '../../api/agencies.ts';
import { errorText } from '../../api/client.ts';
import { reviewsApi, type ReviewSettings } from '../../api/reviews.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { FormError } from '../../components/FormError.tsx';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { currentLang } from '../../i18n/index.ts';
import { isVersionMismatch } from '../../lib/forms.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { agencyDirectory, LoadError, PageHeader, searchByLabel } from '../admin/common.tsx';

export function ReviewSettingsPage() {
  return (
    <RequireAudience audience={AUDIENCES.reviewSettings}>
      <ReviewSettingsView />
    </RequireAudience>
  );
}

interface Values extends ReviewSettings {
  reason: string;
}

const FIELDS = ['reviewDays', 'reviewerOutsideHandlingUnit', 'reason'] as const;

/**
 * 法制审核设置 (the head of legal review): the review time limit in working days from submission
 * (rules.md E) and whether a reviewer may belong to the case's handling unit (118号 item 十四).
 * One agency at a time; each change is recorded with its reason.
 */
function ReviewSettingsView() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const managed = directory.agencies.filter((a) => may(me, 'review.assign', a.id));
  const wanted = params.get('agencyId');
  const agencyId = wanted && managed.some((a) => a.id === wanted) ? wanted : (managed[0]?.id ?? null);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <PageHeader title={t('nav.reviewSettings')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('reviews.settings.intro')}
      </Typography.Paragraph>
      {agencies.error ? <LoadError error={agencies.error} onRetry={agencies.reload} /> : null}
      {managed.length > 1 && (
        <Select
          showSearch={searchByLabel}
          value={agencyId}
          onChange={(v: string) => setParams({ agencyId: v }, { replace: true })}
          options={managed.map((a) => ({ value: a.id, label: a.name }))}
          aria-label={t('common.agencyFilter')}
          style={{ maxWidth: 360 }}
        />
      )}
      {agencies.loading ? <Skeleton active /> : agencyId ? <SettingsCard key={agencyId} agencyId={agencyId} agencyName={directory.agencyName(agencyId)} /> : <Empty />}
    </Flex>
  );
}

function SettingsCard({ agencyId, agencyName }: { agencyId: string; agencyName: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { submitting, failure, setFailure, run } = useSubmit(form, FIELDS);
  const current = useLoad((signal) => reviewsApi.settings(agencyId, signal), [agencyId]);
  const view = current.data;

  useEffect(() => {
    if (view) form.setFieldsValue({ ...view.settings, reason: '' });
  }, [view, form]);

  async function handleFinish(v: Values) {
    if (!view) return;
    const settings: ReviewSettings = { reviewDays: v.reviewDays, reviewerOutsideHandlingUnit: v.reviewerOutsideHandlingUnit };
    if (view.version > 0 && JSON.stringify(settings) === JSON.stringify({ reviewDays: view.settings.reviewDays, reviewerOutsideHandlingUnit: view.settings.reviewerOutsideHandlingUnit })) {
      void message.info(t('reviews.settings.unchanged'));
      return;
    }
    const result = await run(() => reviewsApi.setSettings(view, settings, v.reason.trim()));
    if (result.ok) {
      void message.success(t('reviews.settings.saved'));
      current.reload();
    } else if (isVersionMismatch(result.error)) {
      // Changed by someone else meanwhile: say so and show the settings as they now are.
      void message.error(errorText(result.error, currentLang()));
      setFailure(null);
      current.reload();
    }
  }

  return (
    <Card title={agencyName} data-testid="review-settings" extra={view ? <Typography.Text type="secondary">{view.version === 0 ? t('reviews.settings.defaults') : t('reviews.settings.version', { n: view.version })}</Typography.Text> : null}>
      {current.error ? <LoadError error={current.error} onRetry={current.reload} /> : null}
      {!view ? (
        <Skeleton active />
      ) : (
        <>
          <FormError error={failure?.error} unmatched={failure?.unmatched} />
          <Form<Values> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)} disabled={submitting} initialValues={{ ...view.settings, reason: '' }}>
            <Form.Item name="reviewDays" label={t('reviews.settings.reviewDays')} extra={t('reviews.settings.reviewDaysHint')} rules={[{ required: true, message: t('reviews.settings.reviewDaysRequired') }]}>
              <InputNumber min={1} max={30} precision={0} suffix={t('reviews.settings.workingDays')} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="reviewerOutsideHandlingUnit" valuePropName="checked" extra={t('reviews.settings.outsideUnitHint')}>
              <Checkbox>{t('reviews.settings.outsideUnit')}</Checkbox>
            </Form.Item>
            <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={submitting}>
              {t('common.save')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
