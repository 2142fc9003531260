import { Card, Col, Empty, Flex, Row, Spin, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { portalApi } from '../../api/portal.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { LoadError } from '../admin/common.tsx';
import { kindLabel } from './common.tsx';

const BAR = '#cf1322';

/** Vertical bars (months), drawn as SVG: no chart library for three small charts. */
function MonthBars({ data, label }: { data: { key: string; count: number }[]; label: string }) {
  const max = Math.max(1, ...data.map((d) => d.count));
  const W = 28;
  const H = 160;
  const width = data.length * W;
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg width={Math.max(width, 200)} height={H + 40} role="img" aria-label={label} data-testid="stats-months">
        {data.map((d, i) => {
          const h = Math.round((d.count / max) * H);
          return (
            <g key={d.key} transform={`translate(${i * W}, 0)`}>
              <title>{`${d.key}: ${d.count}`}</title>
              <rect x={4} y={H - h + 14} width={W - 8} height={h} fill={BAR} rx={2} />
              <text x={W / 2} y={H - h + 10} fontSize={10} textAnchor="middle" fill="#595959">
                {d.count}
              </text>
              <text x={W / 2} y={H + 28} fontSize={9} textAnchor="middle" fill="#8c8c8c">
                {d.key.slice(2).replace('-', '/')}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** Horizontal bars with their labels (kinds, agencies): readable on a phone. */
function HBars({ data, testId }: { data: { label: string; count: number }[]; testId: string }) {
  const max = Math.max(1, ...data.map((d) => d.count));
  return (
    <Flex vertical gap={8} data-testid={testId}>
      {data.map((d) => (
        <div key={d.label}>
          <Flex justify="space-between" gap={8}>
            <Typography.Text ellipsis style={{ maxWidth: '75%' }}>
              {d.label}
            </Typography.Text>
            <Typography.Text strong>{d.count.toLocaleString()}</Typography.Text>
          </Flex>
          <div style={{ height: 8, background: '#f5f5f5', borderRadius: 4 }}>
            <div style={{ width: `${(d.count / max) * 100}%`, height: 8, background: BAR, borderRadius: 4 }} />
          </div>
        </div>
      ))}
    </Flex>
  );
}

/** 公示统计: counts of published decisions by month of decision, kind and agency. */
export function StatisticsPage() {
  const { t } = useTranslation();
  const { data, error, reload } = useLoad((signal) => portalApi.statistics(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 'clamp(18px, 5vw, 24px)' }}>
        {t('portal.stats.heading')}
      </Typography.Title>
      <Card size="small">
        <Flex gap={32} wrap>
          <Statistic title={t('portal.stats.total')} value={data.total} />
          {data.byKind.map((k) => (
            <Statistic key={k.key} title={kindLabel(k.key)} value={k.count} />
          ))}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('portal.stats.asOf', { time: formatDateTime(data.asOf) })}
        </Typography.Text>
      </Card>
      {data.total === 0 ? (
        <Empty description={t('portal.stats.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <Card size="small" title={t('portal.stats.byMonth')}>
              <MonthBars data={data.byMonth} label={t('portal.stats.byMonth')} />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('portal.stats.byKind')}>
              <HBars testId="stats-kinds" data={data.byKind.map((k) => ({ label: kindLabel(k.key), count: k.count }))} />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('portal.stats.byAgency')}>
              <HBars testId="stats-agencies" data={data.byAgency.map((a) => ({ label: a.name, count: a.count }))} />
            </Card>
          </Col>
        </Row>
      )}
    </Flex>
  );
}
