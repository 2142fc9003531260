import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, List, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarApi, type CalendarSource, type CalendarYearDetail } from '../../api/calendar.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { CalendarYearDrawer } from './calendar/CalendarYearDrawer.tsx';
import { periodsOf } from './calendar/periods.ts';
import { LoadError, PageHeader } from './common.tsx';

interface YearRow {
  year: number;
  source: CalendarSource;
  holidayCount: number;
  workdayCount: number;
}

const SOURCE_COLOR: Record<CalendarSource, string> = { admin: 'blue', official: 'green', none: 'warning' };

export function CalendarPage() {
  return (
    <RequireAudience audience={AUDIENCES.calendar}>
      <CalendarView />
    </RequireAudience>
  );
}

/** 节假日日历: which years have a calendar, each year's holidays and 调休 working days, and the edit form. */
function CalendarView() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { isWide } = useScreen();
  const mayManage = may(user, 'calendar.manage');
  const list = useLoad((signal) => calendarApi.list(signal), []);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<CalendarYearDetail | null>(null);

  const rows = useMemo<YearRow[]>(() => {
    if (!list.data) return [];
    const known: YearRow[] = list.data.years.map((y) => ({ year: y.year, source: y.source, holidayCount: y.holidayCount, workdayCount: y.workdayCount }));
    const missing: YearRow[] = list.data.missing.map((year) => ({ year, source: 'none', holidayCount: 0, workdayCount: 0 }));
    return [...known, ...missing].sort((a, b) => b.year - a.year);
  }, [list.data]);
  const thisYear = dayjs().year();
  const year = selected ?? (rows.some((r) => r.year === thisYear) ? thisYear : (rows[0]?.year ?? null));
  const detail = useLoad((signal) => (year === null ? Promise.resolve(null) : calendarApi.get(year, signal)), [year]);

  const sourceTag = (source: CalendarSource) => (
    <Tag color={SOURCE_COLOR[source]} style={{ marginInlineEnd: 0 }}>
      {t(`calendar.source.${source}`)}
    </Tag>
  );

  const columns: TableColumnsType<YearRow> = [
    { title: t('calendar.year'), dataIndex: 'year', key: 'year', width: 80 },
    { title: t('calendar.sourceLabel'), dataIndex: 'source', key: 'source', render: (s: CalendarSource) => sourceTag(s) },
    { title: t('calendar.holidayCount'), dataIndex: 'holidayCount', key: 'holidays', width: 90, align: 'end' },
    { title: t('calendar.workdayCount'), dataIndex: 'workdayCount', key: 'workdays', width: 90, align: 'end' },
  ];

  const y = detail.data;
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('nav.calendar')} />
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.missing.length > 0 && (
        <Alert type="warning" showIcon title={t('calendar.missingTitle', { years: list.data.missing.join('、') })} description={t('calendar.missingHint')} />
      )}
      <Flex gap={16} align="start" vertical={!isWide}>
        <Card styles={{ body: { padding: 0 } }} style={{ width: isWide ? 420 : '100%', flexShrink: 0 }}>
          <Table<YearRow>
            data-testid="calendar-years"
            rowKey="year"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={list.loading}
            pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
            rowSelection={{ type: 'radio', selectedRowKeys: year === null ? [] : [year], onChange: (keys) => setSelected(Number(keys[0])) }}
            onRow={(r) => ({ onClick: () => setSelected(r.year), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty description={t('calendar.empty')} /> }}
          />
        </Card>
        <Card
          style={{ flex: 1, width: isWide ? undefined : '100%' }}
          title={
            year !== null && (
              <Flex gap={8} align="center">
                {t('calendar.yearTitle', { year })}
                {y && sourceTag(y.source)}
              </Flex>
            )
          }
          extra={
            mayManage &&
            y && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(y)}>
                {y.source === 'none' ? t('calendar.enter') : t('common.edit')}
              </Button>
            )
          }
        >
          {detail.error ? <LoadError error={detail.error} onRetry={detail.reload} /> : null}
          {detail.loading && !y ? <Spin style={{ display: 'block', margin: '48px auto' }} /> : null}
          {y && <YearDays year={y} />}
        </Card>
      </Flex>
      {editing && (
        <CalendarYearDrawer
          year={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
            detail.reload();
          }}
        />
      )}
    </Flex>
  );
}

function YearDays({ year }: { year: CalendarYearDetail }) {
  const { t } = useTranslation();
  const periods = periodsOf(year.holidays);
  return (
    <Flex vertical gap={16}>
      {year.source === 'none' && <Alert type="warning" showIcon title={t('calendar.noCalendar')} />}
      {year.source === 'admin' && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('common.reason')}>{year.reason}</Descriptions.Item>
          {year.updatedAt && <Descriptions.Item label={t('calendar.updatedAt')}>{formatDateTime(year.updatedAt)}</Descriptions.Item>}
        </Descriptions>
      )}
      <div>
        <Typography.Title level={5}>{t('calendar.holidays')}</Typography.Title>
        <List
          size="small"
          dataSource={periods}
          locale={{ emptyText: t('calendar.noHolidays') }}
          renderItem={(p) => (
            <List.Item>
              <Typography.Text strong>{p.name}</Typography.Text>
              <Typography.Text>{p.days === 1 ? p.from : t('calendar.periodDays', { from: p.from, to: p.to, count: p.days })}</Typography.Text>
            </List.Item>
          )}
        />
      </div>
      <div>
        <Typography.Title level={5}>{t('calendar.workdays')}</Typography.Title>
        {year.workdays.length === 0 ? (
          <Typography.Text type="secondary">{t('calendar.noWorkdays')}</Typography.Text>
        ) : (
          <Flex wrap gap={8}>
            {year.workdays.map((d) => (
              <Tag key={d} style={{ marginInlineEnd: 0 }}>
                {d} {dayjs(d).format('ddd')}
              </Tag>
            ))}
          </Flex>
        )}
      </div>
    </Flex>
  );
}
