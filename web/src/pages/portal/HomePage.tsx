import { Button, Card, Col, Empty, Flex, Input, Row, Spin, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { portalApi } from '../../api/portal.ts';
import { RouterLink } from '../../components/RouterLink.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { LoadError } from '../admin/common.tsx';
import { DecisionCard, kindLabel } from './common.tsx';

const LATEST = 6;

/** The portal's front page: search box, the latest decisions, a statistics teaser. */
export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const latest = useLoad((signal) => portalApi.search({}, signal), []);
  const stats = useLoad((signal) => portalApi.statistics(signal), []);

  return (
    <Flex vertical gap={16}>
      <Card styles={{ body: { padding: 'clamp(16px, 4vw, 32px)' } }}>
        <Typography.Title level={2} style={{ marginTop: 0, fontSize: 'clamp(18px, 5vw, 26px)' }}>
          {t('portal.home.heading')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('portal.home.intro')}</Typography.Paragraph>
        <Input.Search
          size="large"
          enterButton={t('portal.search.submit')}
          placeholder={t('portal.search.keywordPlaceholder')}
          aria-label={t('portal.search.keyword')}
          data-testid="home-search"
          onSearch={(q) => navigate(`/public/decisions${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`)}
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} md={16}>
          <Card
            title={t('portal.home.latest')}
            size="small"
            extra={<RouterLink to="/public/decisions">{t('portal.home.more')}</RouterLink>}
          >
            {latest.error ? (
              <LoadError error={latest.error} onRetry={latest.reload} />
            ) : !latest.data ? (
              <Spin style={{ display: 'block', margin: '24px auto' }} />
            ) : latest.data.items.length === 0 ? (
              <Empty description={t('portal.search.noResults')} />
            ) : (
              <Flex vertical gap={8}>
                {latest.data.items.slice(0, LATEST).map((item) => (
                  <DecisionCard key={item.id} item={item} />
                ))}
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title={t('portal.stats.heading')} size="small" extra={<RouterLink to="/public/statistics">{t('portal.home.more')}</RouterLink>}>
            {stats.error ? (
              <LoadError error={stats.error} onRetry={stats.reload} />
            ) : !stats.data ? (
              <Spin style={{ display: 'block', margin: '24px auto' }} />
            ) : (
              <Flex vertical gap={12}>
                <Statistic title={t('portal.stats.total')} value={stats.data.total} />
                <Flex gap={24} wrap>
                  {stats.data.byKind.map((k) => (
                    <Statistic key={k.key} title={kindLabel(k.key)} value={k.count} />
                  ))}
                </Flex>
                <Button onClick={() => navigate('/public/statistics')}>{t('portal.home.viewStats')}</Button>
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
