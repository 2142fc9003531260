import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { CARD_VERDICT_LABELS } from '@shared/officer-cards.ts';
import { CERTIFICATE_STATUS_LABELS } from '@shared/roles.ts';
import { Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { officerCardsApi, type CardVerdict, type CardVerification } from '../../api/officerCards.ts';
import { RouterLink } from '../../components/RouterLink.tsx';
import { currentLang, sharedKey } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { LoadError } from '../admin/common.tsx';

/** Green only for a valid card; every other verdict bars the holder and is shown in red. */
const LOOK: Record<CardVerdict, { bg: string; icon: ReactNode }> = {
  valid: { bg: '#389e0d', icon: <CheckCircleFilled /> },
  'not-yet-valid': { bg: '#cf1322', icon: <ExclamationCircleFilled /> },
  expired: { bg: '#cf1322', icon: <ExclamationCircleFilled /> },
  suspended: { bg: '#cf1322', icon: <CloseCircleFilled /> },
  revoked: { bg: '#cf1322', icon: <CloseCircleFilled /> },
  changed: { bg: '#cf1322', icon: <ExclamationCircleFilled /> },
  invalid: { bg: '#a8071a', icon: <CloseCircleFilled /> },
};

/**
 * The page a card's QR code opens (phone first): a big badge with the verdict — 有效, 已过期,
 * 已暂扣, 已吊销, 证件信息已变更 or 无效证件 — then the officer as the public may see them. The
 * status is the live one the server read just now, never what the card says.
 */
export function OfficerVerifyPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const result = useLoad<CardVerification | null>((signal) => (token ? officerCardsApi.verify(token, signal) : Promise.resolve(null)), [token]);

  let body: ReactNode;
  if (result.error) body = <LoadError error={result.error} onRetry={result.reload} />;
  else if (result.loading && result.data === undefined) body = <Skeleton active aria-label={t('officerCards.verify.loading')} />;
  else body = <Verdict v={result.data ?? null} />;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 560, margin: '0 auto', width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        <SafetyCertificateOutlined /> {t('officerCards.verify.title')}
      </Typography.Title>
      {body}
      <RouterLink to="/public/officers">{t('officerCards.verify.lookup')}</RouterLink>
    </Flex>
  );
}

function Verdict({ v }: { v: CardVerification | null }) {
  const { t } = useTranslation();
  const lang = sharedKey(currentLang());
  const verdict: CardVerdict = v?.verdict ?? 'invalid';
  const look = LOOK[verdict];
  const help =
    verdict === 'valid'
      ? t('officerCards.verify.validHelp')
      : verdict === 'invalid'
        ? t('officerCards.verify.invalidHelp')
        : verdict === 'changed'
          ? t('officerCards.verify.changedHelp')
          : t('officerCards.verify.barredHelp');
  const o = v?.officer ?? null;
  return (
    <Flex vertical gap={16}>
      <div
        role="status"
        data-testid="card-verdict"
        data-verdict={verdict}
        style={{ background: look.bg, color: '#fff', borderRadius: 12, padding: '20px 16px', textAlign: 'center' }}
      >
        <div style={{ fontSize: 44, lineHeight: 1 }} aria-hidden>
          {look.icon}
        </div>
        <div style={{ fontSize: 32, fontWeight: 700, marginTop: 8, letterSpacing: 2 }}>{CARD_VERDICT_LABELS[verdict][lang]}</div>
        <div style={{ fontSize: 14, marginTop: 8, opacity: 0.95 }}>{help}</div>
      </div>
      {o && v && (
        <Card size="small">
          <Flex gap={16} align="flex-start" wrap>
            <div
              aria-label={t('officerCards.verify.photo')}
              style={{ width: 84, height: 108, border: '1px dashed #bfbfbf', borderRadius: 4, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', color: '#8c8c8c', flex: 'none' }}
            >
              <UserOutlined style={{ fontSize: 32 }} />
              <span style={{ fontSize: 12 }}>{t('officerCards.verify.photo')}</span>
            </div>
            <Flex vertical gap={4} style={{ flex: 1, minWidth: 180 }}>
              <Typography.Text strong style={{ fontSize: 22 }} data-testid="card-officer-name">
                {o.name}
              </Typography.Text>
              <Typography.Text>{o.agency}</Typography.Text>
              {o.unit && <Typography.Text type="secondary">{o.unit}</Typography.Text>}
            </Flex>
          </Flex>
          <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
            {o.post && <Descriptions.Item label={t('officerCards.verify.fields.post')}>{o.post}</Descriptions.Item>}
            <Descriptions.Item label={t('officerCards.verify.fields.fields')}>
              <Flex gap={4} wrap>
                {o.fields.map((f) => (
                  <Tag key={f} style={{ marginInlineEnd: 0 }}>
                    {f}
                  </Tag>
                ))}
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('officerCards.verify.fields.certificateNo')}>
              <span data-testid="card-certificate-no">{o.certificateNo || '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('officerCards.verify.fields.validity')}>
              {t('officerCards.verify.validityRange', { from: o.validFrom ?? '—', to: o.validTo ?? '—' })}
            </Descriptions.Item>
            <Descriptions.Item label={t('officerCards.verify.fields.status')}>
              <Typography.Text strong type={o.status === 'valid' ? 'success' : 'danger'}>
                {CERTIFICATE_STATUS_LABELS[o.status][lang]}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          {v.card && (
            <Flex vertical gap={2} style={{ marginTop: 8, fontSize: 12, color: '#8c8c8c' }}>
              {verdict === 'changed' && <span>{t('officerCards.verify.cardNumber', { no: v.card.certificateNo })}</span>}
              <span>{t('officerCards.verify.cardIssued', { date: v.card.issuedOn })}</span>
              <span>
                <SafetyCertificateOutlined /> {t('officerCards.verify.genuine')}
              </span>
            </Flex>
          )}
        </Card>
      )}
      {o && v && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('officerCards.verify.live', { time: formatDateTime(v.checkedAt) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
