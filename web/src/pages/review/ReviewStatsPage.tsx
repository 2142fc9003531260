import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Flex, Progress, Row, Select, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { agenciesApi } from '../../api/agencies.ts';
import { reviewsApi, type ReviewStats, type ReviewStatsGroup } from '../../api/reviews.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { chinaToday, DATE_FORMAT, formatDay, parseDay } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError, PageHeader, searchByLabel } from '../admin/common.tsx';
import { caseErrorText } from '../cases/formParts.tsx';
import { REVIEW_CHECKLIST } from './checklist.ts';

export function ReviewStatsPage() {
  return (
    <RequireAudience audience={AUDIENCES.reviewStats}>
      <ReviewStatsView />
    </RequireAudience>
  );
}

/**
 * 审核统计 — the agency's opinions in a period (by the date of the opinion): by outcome, turnaround
 * in working days (median, p90), the checklist points most often found wanting, per handling
 * unit and per reviewer; the same as an Excel workbook. Numbers only (no chart library here):
 * antd progress bars show the proportions.
 */
function ReviewStatsView() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const compact = !useScreen().isWide;
  const [params, setParams] = useSearchParams();
  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const reviewing = directory.agencies.filter((a) => may(me, 'case.review', a.id));
  const agencyId = params.get('agencyId') ?? (reviewing.length === 1 ? reviewing[0]!.id : null);
  const today = chinaToday();
  const from = parseDay(params.get('from')) ? params.get('from')! : `${today.slice(0, 4)}-01-01`;
  const to = parseDay(params.get('to')) ? params.get('to')! : today;
  const stats = useLoad((signal) => (agencyId ? reviewsApi.stats({ agencyId, from, to }, signal) : Promise.resolve(undefined)), [agencyId, from, to]);
  const [exporting, setExporting] = useState(false);

  function setParam(values: Record<string, string | null>) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(values)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  }

  async function handleExport() {
    if (!agencyId) return;
    setExporting(true);
    try {
      await reviewsApi.downloadStats({ agencyId, from, to }, t('reviews.stats.exportFile'));
    } catch (err) {
      void message.error(caseErrorText(err).title);
    } finally {
      setExporting(false);
    }
  }

  const s = stats.data;
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('nav.reviewStats')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => void handleExport()} loading={exporting} disabled={!agencyId}>
            {t('reviews.stats.export')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('reviews.stats.intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        {reviewing.length > 1 && (
          <Select
            showSearch={searchByLabel}
            value={agencyId}
            onChange={(v: string) => setParam({ agencyId: v })}
            options={reviewing.map((a) => ({ value: a.id, label: a.name }))}
            placeholder={t('reviews.stats.chooseAgency')}
            aria-label={t('common.agencyFilter')}
            style={{ flex: '1 1 220px', maxWidth: 320 }}
          />
        )}
        <DatePicker.RangePicker
          value={[parseDay(from), parseDay(to)]}
          format={DATE_FORMAT}
          allowClear={false}
          aria-label={t('reviews.stats.period')}
          onChange={(range) => setParam({ from: formatDay(range?.[0]), to: formatDay(range?.[1]) })}
          style={{ flex: '0 1 280px' }}
        />
      </Flex>
      {stats.error ? <LoadError error={stats.error} onRetry={stats.reload} /> : null}
      {!agencyId ? (
        <Empty description={t('reviews.stats.chooseAgency')} />
      ) : !s ? (
        <Card loading />
      ) : (
        <StatsBody s={s} compact={compact} />
      )}
    </Flex>
  );
}

function StatsBody({ s, compact }: { s: ReviewStats; compact: boolean }) {
  const { t } = useTranslation();
  const days = (n: number | null) => (n === null ? '—' : t('reviews.stats.days', { n }));
  const approvedPct = s.decided > 0 ? Math.round((s.byOutcome.approved / s.decided) * 100) : 0;
  const maxProblems = Math.max(1, ...s.problemPoints.map((p) => p.count));
  const groupColumns = (first: string): TableColumnsType<ReviewStatsGroup> => [
    { title: first, dataIndex: 'name', key: 'name' },
    { title: t('reviews.stats.decided'), dataIndex: 'decided', key: 'decided', width: 110, align: 'end' },
    {
      title: t('reviews.stats.byOutcome'),
      key: 'outcome',
      width: compact ? 120 : 220,
      render: (_, g) => (
        <Flex vertical gap={0}>
          <Progress percent={g.decided ? Math.round((g.approved / g.decided) * 100) : 0} size="small" status="normal" strokeColor="#52c41a" railColor="#ffd591" showInfo={false} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reviews.stats.approvedShare', { approved: g.approved, problems: g.problems })}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(compact
      ? []
      : [
          { title: t('reviews.stats.median'), key: 'median', width: 130, render: (_: unknown, g: ReviewStatsGroup) => days(g.median) },
          { title: t('reviews.stats.p90'), key: 'p90', width: 130, render: (_: unknown, g: ReviewStatsGroup) => days(g.p90) },
        ]),
  ];

  return (
    <Flex vertical gap={16} data-testid="review-stats">
      <Row gutter={[16, 16]}>
        {[
          { key: 'decided', title: t('reviews.stats.decided'), value: s.decided },
          { key: 'approved', title: t('reviews.stats.approved'), value: s.byOutcome.approved },
          { key: 'problems', title: t('reviews.stats.problems'), value: s.byOutcome.problems },
          { key: 'median', title: t('reviews.stats.median'), value: days(s.turnaround.median) },
          { key: 'p90', title: t('reviews.stats.p90'), value: days(s.turnaround.p90) },
          { key: 'open', title: t('reviews.stats.open'), value: s.open, suffix: s.overdue > 0 ? `（${t('reviews.stats.overdue')} ${s.overdue}）` : undefined },
        ].map((x) => (
          <Col key={x.key} xs={12} md={8} xl={4}>
            <Card size="small" data-testid={`stat-${x.key}`}>
              <Statistic title={x.title} value={x.value} suffix={x.suffix} styles={{ content: { fontSize: 22 } }} />
            </Card>
          </Col>
        ))}
      </Row>
      {s.decided === 0 ? (
        <Card>
          <Empty description={t('reviews.stats.none')} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('reviews.stats.byOutcome')} style={{ height: '100%' }}>
                <Flex vertical gap={8} align="center">
                  <Progress type="dashboard" percent={approvedPct} strokeColor="#52c41a" railColor="#ffd591" format={(p) => `${p}%`} />
                  <Typography.Text>{t('reviews.stats.approvedShare', { approved: s.byOutcome.approved, problems: s.byOutcome.problems })}</Typography.Text>
                </Flex>
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('reviews.stats.problemPoints')} style={{ height: '100%' }}>
                {s.problemPoints.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviews.stats.noProblems')} />
                ) : (
                  <Flex vertical gap={6} data-testid="problem-points">
                    {s.problemPoints.map((p) => (
                      <Flex key={p.point} align="center" gap={8}>
                        <Typography.Text style={{ width: 96, flex: 'none' }} title={REVIEW_CHECKLIST[p.point - 1]?.[1]}>
                          {`${p.point}. ${p.label}`}
                        </Typography.Text>
                        <Progress percent={Math.round((p.count / maxProblems) * 100)} status="normal" size="small" strokeColor="#fa8c16" format={() => `${p.count}`} style={{ margin: 0, flex: 1 }} />
                      </Flex>
                    ))}
                  </Flex>
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('reviews.stats.byUnit')} styles={{ body: { padding: 0 } }}>
            <Table<ReviewStatsGroup> data-testid="stats-by-unit" rowKey={(g) => g.id ?? ''} size="small" columns={groupColumns(t('reviews.stats.unit'))} dataSource={s.byUnit} pagination={false} />
          </Card>
          <Card size="small" title={t('reviews.stats.byReviewer')} styles={{ body: { padding: 0 } }}>
            <Table<ReviewStatsGroup> data-testid="stats-by-reviewer" rowKey={(g) => g.id ?? ''} size="small" columns={groupColumns(t('reviews.stats.reviewer'))} dataSource={s.byReviewer} pagination={false} />
          </Card>
        </>
      )}
    </Flex>
  );
}
