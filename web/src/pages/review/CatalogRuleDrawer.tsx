import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { reviewCatalogApi, type CatalogRule, type CatalogRuleVersion } from '../../api/reviewCatalog.ts';
import { DetailDrawer } from '../../components/DetailDrawer.tsx';
import { chinaToday, formatDateTime } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { neverInForce, ruleKindLabel, ruleState, ruleText } from './format.ts';

interface Props {
  /** The rule as listed; the drawer loads every version. */
  rule: CatalogRule;
  /** The day the list shows (null: today). */
  on: string | null;
  agencyName: string;
  manage: boolean;
  onClose: () => void;
  onChange: (r: CatalogRule) => void;
  onRetire: (r: CatalogRule) => void;
}

/** One rule: what it catches now, and every version with its dates, reason and who recorded it. */
export function CatalogRuleDrawer({ rule, on, agencyName, manage, onClose, onChange, onRetire }: Props) {
  const { t } = useTranslation();
  const loaded = useLoad((signal) => reviewCatalogApi.get(rule.id, on, signal), [rule.id, rule.version, on]);
  const r = loaded.data ?? { ...rule, versions: [rule.latest] };
  const current = r.inForce ?? r.latest;
  const active = r.status === 'active';
  const state = ruleState(r, on ?? chinaToday());

  return (
    <DetailDrawer
      title={t('reviewCatalog.detailTitle', { label: current.label })}
      onClose={onClose}
      loaded={loaded}
      actions={
        manage && active ? (
          <>
            <Button danger icon={<StopOutlined />} onClick={() => onRetire(r)}>
              {t('reviewCatalog.retire')}
            </Button>
            <Button type="primary" icon={<EditOutlined />} onClick={() => onChange(r)}>
              {t('reviewCatalog.change')}
            </Button>
          </>
        ) : null
      }
      facts={[
        { key: 'label', label: t('reviewCatalog.fields.label'), children: current.label },
        { key: 'kind', label: t('reviewCatalog.fields.kind'), children: ruleKindLabel(r.kind) },
        { key: 'standard', label: t('reviewCatalog.fields.standard'), children: ruleText(current.rule, t) },
        { key: 'agency', label: t('reviewCatalog.fields.agencyId'), children: agencyName },
        {
          key: 'status',
          label: t('reviewCatalog.fields.status'),
          children: (
            <Flex gap={4} wrap>
              <Tag color={state.color}>{t(`reviewCatalog.status.${state.key}`, { date: state.date })}</Tag>
              {!active && <Tag>{t('reviewCatalog.status.retired')}</Tag>}
              {on && <Typography.Text type="secondary">{on}</Typography.Text>}
            </Flex>
          ),
        },
        ...(r.retiredReason ? [{ key: 'retiredReason', label: t('reviewCatalog.fields.retiredReason'), children: r.retiredReason }] : []),
      ]}
      sectionTitle={t('reviewCatalog.versions.title')}
    >
      <VersionsTable versions={r.versions} current={r.inForce?.version ?? null} />
    </DetailDrawer>
  );
}

function VersionsTable({ versions, current }: { versions: CatalogRuleVersion[]; current: number | null }) {
  const { t } = useTranslation();
  return (
    <Table<CatalogRuleVersion>
      data-testid="review-rule-versions"
      size="small"
      bordered
      rowKey="version"
      pagination={false}
      scroll={{ x: 900 }}
      dataSource={[...versions].reverse()}
      columns={[
        {
          title: t('reviewCatalog.fields.version'),
          key: 'version',
          width: 90,
          render: (_, v) => (
            <Flex vertical gap={2} align="flex-start">
              <Typography.Text strong>{t('reviewCatalog.versionNo', { n: v.version })}</Typography.Text>
              {v.version === current && <Tag color="green">{t('reviewCatalog.versions.current')}</Tag>}
            </Flex>
          ),
        },
        {
          title: t('reviewCatalog.fields.standard'),
          key: 'standard',
          width: 260,
          render: (_, v) => (
            <Flex vertical gap={2}>
              <span>{v.label}</span>
              <Typography.Text type="secondary">{ruleText(v.rule, t)}</Typography.Text>
            </Flex>
          ),
        },
        {
          title: `${t('reviewCatalog.fields.effectiveFrom')} – ${t('reviewCatalog.fields.effectiveTo')}`,
          key: 'dates',
          width: 190,
          render: (_, v) =>
            neverInForce(v) ? (
              <Typography.Text type="secondary">{t('reviewCatalog.versions.neverInForce')}</Typography.Text>
            ) : (
              `${v.effectiveFrom} – ${v.effectiveTo ?? t('reviewCatalog.openEnded')}`
            ),
        },
        { title: t('reviewCatalog.fields.reason'), dataIndex: 'reason', key: 'reason', width: 200 },
        {
          title: t('reviewCatalog.fields.recordedBy'),
          key: 'recorded',
          width: 160,
          render: (_, v) => (
            <Flex vertical gap={2}>
              <span>{v.recordedBy.name}</span>
              <Typography.Text type="secondary">
                <time dateTime={v.recordedAt}>{formatDateTime(v.recordedAt)}</time>
              </Typography.Text>
            </Flex>
          ),
        },
      ]}
    />
  );
}
