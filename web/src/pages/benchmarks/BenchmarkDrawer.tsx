import { Button, Flex, Table, Tag, Typography } from 'antd';
import { EditOutlined, HistoryOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { benchmarksApi, type BenchmarkLevel, type DiscretionBenchmark } from '../../api/benchmarks.ts';
import { DetailDrawer } from '../../components/DetailDrawer.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { fineText, kindLabel } from './format.ts';

interface Props {
  /** The entry as listed; the drawer loads the current version. */
  entry: DiscretionBenchmark;
  agencyName: string;
  manage: boolean;
  onClose: () => void;
  onEdit: (b: DiscretionBenchmark) => void;
  onRetire: (b: DiscretionBenchmark) => void;
  onHistory: (b: DiscretionBenchmark) => void;
}

/** One entry in full: its bases and, as a table, every severity level with kinds and amounts. */
export function BenchmarkDrawer({ entry, agencyName, manage, onClose, onEdit, onRetire, onHistory }: Props) {
  const { t } = useTranslation();
  const loaded = useLoad((signal) => benchmarksApi.get(entry.id, signal), [entry.id, entry.version]);
  const b = loaded.data ?? entry;
  const active = b.status === 'active';

  return (
    <DetailDrawer
      title={t('benchmarks.detailTitle', { code: b.code })}
      onClose={onClose}
      loaded={loaded}
      actions={
        <>
          <Button icon={<HistoryOutlined />} onClick={() => onHistory(b)}>
            {t('common.history')}
          </Button>
          {manage && active && (
            <>
              <Button danger icon={<StopOutlined />} onClick={() => onRetire(b)}>
                {t('benchmarks.retire')}
              </Button>
              <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(b)}>
                {t('common.edit')}
              </Button>
            </>
          )}
        </>
      }
      facts={[
        { key: 'code', label: t('benchmarks.fields.code'), children: <Typography.Text copyable>{b.code}</Typography.Text> },
        { key: 'status', label: t('benchmarks.fields.status'), children: <Tag color={active ? 'green' : 'default'}>{t(`benchmarks.status.${b.status}`)}</Tag> },
        { key: 'agency', label: t('benchmarks.fields.agencyId'), children: agencyName },
        { key: 'field', label: t('benchmarks.fields.field'), children: b.field },
        { key: 'violation', label: t('benchmarks.fields.violation'), children: b.violation },
        { key: 'legalBasis', label: t('benchmarks.fields.legalBasis'), children: b.legalBasis },
        { key: 'penaltyBasis', label: t('benchmarks.fields.penaltyBasis'), children: b.penaltyBasis },
        { key: 'updatedAt', label: t('benchmarks.fields.updatedAt'), children: <time dateTime={b.updatedAt}>{formatDateTime(b.updatedAt)}</time> },
      ]}
      sectionTitle={t('benchmarks.fields.levels')}
    >
      <LevelsTable levels={b.levels} />
    </DetailDrawer>
  );
}

export function LevelsTable({ levels }: { levels: BenchmarkLevel[] }) {
  const { t } = useTranslation();
  return (
    <Table<BenchmarkLevel & { key: number }>
      data-testid="benchmark-levels"
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 760 }}
      dataSource={levels.map((l, i) => ({ ...l, key: i }))}
      columns={[
        { title: t('benchmarks.level.name'), dataIndex: 'name', key: 'name', width: 90, render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
        { title: t('benchmarks.level.circumstances'), dataIndex: 'circumstances', key: 'circumstances', width: 220 },
        {
          title: t('benchmarks.level.kinds'),
          key: 'kinds',
          width: 180,
          render: (_, l) =>
            l.kinds.length === 0 ? (
              <Tag>{t('benchmarks.level.noPenalty')}</Tag>
            ) : (
              <Flex wrap gap={4}>
                {l.kinds.map((k) => (
                  <Tag key={k} style={{ marginInlineEnd: 0 }}>
                    {kindLabel(k)}
                  </Tag>
                ))}
              </Flex>
            ),
        },
        { title: t('benchmarks.level.fine'), key: 'fine', width: 200, render: (_, l) => fineText(l, t) ?? '—' },
        { title: t('benchmarks.level.note'), dataIndex: 'note', key: 'note', width: 160, render: (note: string | null) => note ?? '—' },
      ]}
    />
  );
}
