import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublishedDecision } from '@shared/publications.ts';
import { errorText } from '../../api/client.ts';
import { portalApi } from '../../api/portal.ts';
import { RouterLink } from '../../components/RouterLink.tsx';
import { currentLang } from '../../i18n/index.ts';
import { verifyPublication, type VerificationResult } from '../../lib/verify.ts';

type State = { kind: 'idle' } | { kind: 'running' } | { kind: 'pending' } | { kind: 'done'; result: VerificationResult } | { kind: 'error'; error: unknown };

/**
 * 核验: verifies the decision AS SHOWN — the object the page rendered, with the full text read
 * back from the page itself — against the agency's signed checkpoint, in this browser.
 */
export function VerifyPanel({
  decision,
  textElementId,
  autoStart,
}: {
  decision: PublishedDecision;
  /** The element whose text content is the decision text on screen. */
  textElementId: string;
  autoStart: boolean;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const run = async () => {
    // WebCrypto exists only in secure contexts (HTTPS, or localhost).
    if (!window.isSecureContext || !window.crypto?.subtle) {
      setState({ kind: 'error', error: new Error(t('portal.verify.insecure')) });
      return;
    }
    setState({ kind: 'running' });
    try {
      const [evidence, key] = await Promise.all([portalApi.proof(decision.id, decision.version), portalApi.key()]);
      if (evidence.pending) {
        setState({ kind: 'pending' });
        return;
      }
      const shownText = document.getElementById(textElementId)?.textContent ?? decision.text;
      const result = await verifyPublication({ ...decision, text: shownText }, evidence, key);
      setState({ kind: 'done', result });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  };

  useEffect(() => {
    setState({ kind: 'idle' });
    if (autoStart) void run();
  }, [decision.id, decision.version]);

  return (
    <Card
      size="small"
      title={
        <span>
          <SafetyCertificateOutlined /> {t('portal.verify.title')}
        </span>
      }
      data-testid="verify-panel"
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('portal.verify.intro')}</Typography.Text>
        <Button type="primary" size="large" loading={state.kind === 'running'} onClick={() => void run()} data-testid="verify-button">
          {t('portal.verify.button')}
        </Button>
        {state.kind === 'pending' && <Alert type="info" showIcon icon={<ClockCircleOutlined />} title={t('portal.verify.pending')} data-testid="verify-pending" />}
        {state.kind === 'error' && <Alert type="error" showIcon title={t('portal.verify.error', { message: errorText(state.error, currentLang()) })} />}
        {state.kind === 'done' && <Outcome result={state.result} />}
      </Flex>
    </Card>
  );
}

function Outcome({ result }: { result: VerificationResult }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      <ol style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }} data-testid="verify-steps">
        {result.steps.map((s) => (
          <li key={s.step} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`verify-step-${s.step}`} data-ok={s.ok}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong>{t(`portal.verify.steps.${s.step}`)}</Typography.Text>
              {s.ok ? (
                <Typography.Text type="success">
                  <CheckCircleFilled /> {t('portal.verify.pass')}
                </Typography.Text>
              ) : (
                <Typography.Text type="danger">
                  <CloseCircleFilled /> {t('portal.verify.fail')}
                </Typography.Text>
              )}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
              {s.detail}
            </Typography.Text>
          </li>
        ))}
      </ol>
      <Alert
        type={result.ok ? 'success' : 'error'}
        showIcon
        data-testid="verify-result"
        title={
          <span>
            <strong>{result.ok ? t('portal.verify.pass') : t('portal.verify.fail')}</strong> · {result.ok ? t('portal.verify.passSummary') : t('portal.verify.failSummary')}
          </span>
        }
      />
      {result.keyId && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('portal.verify.keyId')} <Typography.Text code>{result.keyId}</Typography.Text> · <RouterLink to="/ledger">{t('portal.verify.compareKey')}</RouterLink>
        </Typography.Text>
      )}
    </Flex>
  );
}
