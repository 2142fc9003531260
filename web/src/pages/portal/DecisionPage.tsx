import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Flex, Row, Spin, Tag, Timeline, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { PublishedDecision } from '@shared/publications.ts';
import { portalApi, type PublicDecisionDetail } from '../../api/portal.ts';
import { RouterLink } from '../../components/RouterLink.tsx';
import { formatYuan } from '../../lib/money.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { LoadError } from '../admin/common.tsx';
import { decisionPath, kindLabel, penaltyKindsLabel } from './common.tsx';
import { VerifyPanel } from './VerifyPanel.tsx';

const TEXT_ID = 'decision-text';

/** A published decision: fields, the full text as published, version history, 核验 and its QR code. */
export function DecisionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const asked = Number(params.get('version')) || undefined;
  const { data, error, reload } = useLoad((signal) => portalApi.decision(id, asked, signal), [id, asked]);

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  return (
    <Flex vertical gap={16}>
      <RouterLink to="/public/decisions">
        <ArrowLeftOutlined /> {t('portal.decision.back')}
      </RouterLink>
      {data.decision ? (
        <Published detail={data} decision={data.decision} autoVerify={params.get('verify') === '1'} />
      ) : (
        <Ended detail={data} />
      )}
    </Flex>
  );
}

function Published({ detail, decision: d, autoVerify }: { detail: PublicDecisionDetail; decision: PublishedDecision; autoVerify: boolean }) {
  const { t } = useTranslation();
  const old = d.version !== detail.currentVersion;
  const money = (fen: number | null) => (fen === null ? null : formatYuan(fen));
  const items = [
    { key: 'number', label: t('portal.decision.number'), children: d.number },
    { key: 'agency', label: t('portal.decision.agency'), children: d.agencyName },
    { key: 'party', label: t('portal.decision.party'), children: d.party.name },
    d.party.creditCode ? { key: 'credit', label: t('portal.decision.creditCode'), children: d.party.creditCode } : null,
    d.party.representative ? { key: 'rep', label: t('portal.decision.representative'), children: d.party.representative } : null,
    { key: 'cause', label: t('portal.decision.cause'), children: d.cause },
    { key: 'facts', label: t('portal.decision.facts'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.facts}</span> },
    { key: 'basis', label: t('portal.decision.basis'), children: d.basis },
    d.penaltyKinds.length ? { key: 'kinds', label: t('portal.decision.penaltyKinds'), children: penaltyKindsLabel(d.penaltyKinds) } : null,
    { key: 'content', label: t('portal.decision.penaltyContent'), children: d.penaltyContent },
    d.fineFen !== null ? { key: 'fine', label: t('portal.decision.fine'), children: money(d.fineFen) } : null,
    d.confiscatedGainsFen !== null ? { key: 'gains', label: t('portal.decision.confiscatedGains'), children: money(d.confiscatedGainsFen) } : null,
    d.confiscatedPropertyFen !== null ? { key: 'property', label: t('portal.decision.confiscatedProperty'), children: money(d.confiscatedPropertyFen) } : null,
    d.licenceSuspended || d.licenceRevoked
      ? { key: 'licence', label: t('portal.decision.licence'), children: d.licenceRevoked ? t('portal.decision.licenceRevoked') : t('portal.decision.licenceSuspended') }
      : null,
    { key: 'decided', label: t('portal.decision.decidedOn'), children: d.decidedOn },
    { key: 'published', label: t('portal.decision.publishedOn'), children: d.publishedOn },
    { key: 'until', label: t('portal.decision.publicUntil'), children: d.publicUntil },
  ].filter((x): x is NonNullable<typeof x> => x !== null);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Flex vertical gap={16}>
          <Card size="small">
            <Flex vertical gap={4}>
              <Flex gap={8} wrap align="center">
                <Tag color={d.kind === 'penalty' ? 'volcano' : 'green'}>{kindLabel(d.kind)}</Tag>
                {d.version > 1 && <Tag>{t('portal.decision.versionN', { version: d.version })}</Tag>}
              </Flex>
              <Typography.Title level={2} style={{ margin: 0, fontSize: 'clamp(18px, 5vw, 24px)' }} data-testid="decision-party">
                {d.party.name}
              </Typography.Title>
              <Typography.Text type="secondary">
                {d.number} · {d.agencyName}
              </Typography.Text>
            </Flex>
          </Card>
          {old && (
            <Alert
              type="warning"
              showIcon
              title={t('portal.decision.viewingOld', { version: d.version })}
              action={<RouterLink to={decisionPath(d.id)}>{t('portal.decision.toCurrent')}</RouterLink>}
            />
          )}
          <Card size="small" title={t('portal.decision.fields')}>
            <Descriptions size="small" column={1} bordered items={items} styles={{ label: { width: 120 } }} />
          </Card>
          <Card size="small" title={t('portal.decision.fullText')}>
            <div id={TEXT_ID} data-testid="decision-text" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, fontSize: 15, overflowWrap: 'anywhere' }}>
              {d.text}
            </div>
          </Card>
        </Flex>
      </Col>
      <Col xs={24} lg={8}>
        <Flex vertical gap={16}>
          <VerifyPanel decision={d} textElementId={TEXT_ID} autoStart={autoVerify} />
          <QrCard decision={d} current={!old} />
          <Versions detail={detail} shown={d.version} />
        </Flex>
      </Col>
    </Row>
  );
}

/** A QR code of this page with 核验 started on opening, for a phone or a printed notice. */
function QrCard({ decision, current }: { decision: PublishedDecision; current: boolean }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const url = `${window.location.origin}${decisionPath(decision.id, current ? undefined : decision.version)}${current ? '?' : '&'}verify=1`;
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { margin: 1, width: 168, errorCorrectionLevel: 'M' }).then(
      (data) => live && setSrc(data),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <Card size="small" title={t('portal.decision.qr')}>
      <Flex vertical align="center" gap={8}>
        {src ? <img src={src} width={168} height={168} alt={t('portal.decision.qrAlt')} data-testid="decision-qr" /> : <Spin />}
        <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
          {t('portal.decision.qrHint')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function Versions({ detail, shown }: { detail: PublicDecisionDetail; shown?: number }) {
  const { t } = useTranslation();
  const id = detail.decision?.id ?? detail.withdrawal?.id ?? '';
  return (
    <Card size="small" title={t('portal.decision.versions')} data-testid="decision-versions">
      <Timeline
        items={[...detail.versions].reverse().map((v) => ({
          key: v.version,
          color: v.version === detail.currentVersion ? 'green' : 'gray',
          content: (
            <Flex vertical>
              <Flex gap={8} align="center" wrap>
                {v.version === shown || detail.status !== 'published' ? (
                  <Typography.Text strong>{t('portal.decision.versionN', { version: v.version })}</Typography.Text>
                ) : (
                  <RouterLink to={decisionPath(id, v.version === detail.currentVersion ? undefined : v.version)}>{t('portal.decision.versionN', { version: v.version })}</RouterLink>
                )}
                {v.version === detail.currentVersion && detail.status === 'published' && <Tag color="green">{t('portal.decision.current')}</Tag>}
                <Typography.Text type="secondary">{v.publishedOn}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {v.reason ? t('portal.decision.correctionReason', { reason: v.reason }) : t('portal.decision.firstPublished')}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}

/** Withdrawn (Art 48②) or expired: the notice, not the text. */
function Ended({ detail }: { detail: PublicDecisionDetail }) {
  const { t } = useTranslation();
  const w = detail.withdrawal;
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Typography.Title level={2} style={{ margin: 0, fontSize: 'clamp(18px, 5vw, 24px)' }}>
          {detail.number}
        </Typography.Title>
        <Typography.Text type="secondary">{detail.agencyName}</Typography.Text>
      </Card>
      {detail.status === 'withdrawn' ? (
        <Alert
          type="error"
          showIcon
          data-testid="withdrawal-notice"
          title={t('portal.decision.withdrawnTitle')}
          description={
            w ? (
              <Flex vertical>
                <span>
                  {t('portal.decision.withdrawnOn')}：{w.withdrawnOn}
                </span>
                <span>
                  {t('portal.decision.withdrawnReason')}：{w.reason}
                </span>
              </Flex>
            ) : null
          }
        />
      ) : (
        <Alert type="info" showIcon title={t('portal.decision.expiredTitle')} />
      )}
      <Versions detail={detail} />
    </Flex>
  );
}
