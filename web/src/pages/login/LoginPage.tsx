import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { login } from '../../api/auth.ts';
import { errorText } from '../../api/client.ts';
import { safeNextPath } from '../../auth/session.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { currentLang } from '../../i18n/index.ts';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [submitting, setSubmitting] = useState(false);
  // The error itself is kept, not its text, so switching language re-translates it.
  const [error, setError] = useState<unknown>(null);

  async function handleFinish({ username, password }: LoginForm) {
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(err);
      setSubmitting(false);
      return;
    }
    navigate(safeNextPath(searchParams.get('next')), { replace: true });
  }

  return (
    <Flex
      vertical
      align="center"
      style={{
        minHeight: '100vh',
        padding: '16px 16px 48px',
        boxSizing: 'border-box',
        background: 'linear-gradient(180deg, #e6f0ff 0%, #f5f5f5 320px)',
      }}
    >
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 960 }}>
        <LanguageSwitch size="small" />
      </Flex>
      <Flex vertical align="center" gap={8} style={{ marginTop: 'clamp(24px, 10vh, 96px)', marginBottom: 24, textAlign: 'center' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 'clamp(20px, 6vw, 28px)' }}>
          {t('app.fullName')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 'clamp(12px, 3.6vw, 14px)' }}>
          {t('app.tagline')}
        </Typography.Text>
      </Flex>
      <Card title={t('login.heading')} style={{ width: '100%', maxWidth: 400 }}>
        {error !== null && (
          <Alert
            type="error"
            showIcon
            title={errorText(error, currentLang())}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={(values) => void handleFinish(values)} disabled={submitting}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input size="large" prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password size="large" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
              {t('login.submit')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <RouterLink to="/ledger" style={{ marginTop: 24 }}>
        <SafetyCertificateOutlined /> {t('login.ledgerLink')}
      </RouterLink>
    </Flex>
  );
}
