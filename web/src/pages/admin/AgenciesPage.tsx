import { EditOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { KeyboardEvent } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agenciesApi, type Agency, type Unit } from '../../api/agencies.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { administers, canCreateAgency, canEditAgency } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { HistoryDrawer, type FieldPresenter } from '../../components/HistoryDrawer.tsx';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { useScreen } from '../../components/useScreen.ts';
import i18n from '../../i18n/index.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { AgencyFormDrawer } from './agencies/AgencyFormDrawer.tsx';
import { UnitModal } from './agencies/UnitModal.tsx';
import { agencyDirectory, LoadError, PageHeader } from './common.tsx';

interface AgencyRow extends Agency {
  children?: AgencyRow[];
}

/**
 * The agency tree by parentId. An agency whose parent this user cannot see becomes a root, so
 * an agency admin sees their own agency at the top.
 */
function buildTree(agencies: readonly Agency[]): AgencyRow[] {
  const rows = new Map<string, AgencyRow>(agencies.map((a) => [a.id, { ...a }]));
  const roots: AgencyRow[] = [];
  for (const row of rows.values()) {
    const parent = row.parentId ? rows.get(row.parentId) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  return roots;
}

export function AgenciesPage() {
  return (
    <RequireAudience audience={AUDIENCES.agencies}>
      <AgenciesView />
    </RequireAudience>
  );
}

type FormTarget = { agency: Agency | null };
type UnitTarget = { agency: Agency; unit: Unit | null };

function AgenciesView() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { data, error, loading, reload } = useLoad((signal) => agenciesApi.list(signal), []);
  const [formTarget, setFormTarget] = useState<FormTarget | null>(null);
  const [unitTarget, setUnitTarget] = useState<UnitTarget | null>(null);
  const [historyOf, setHistoryOf] = useState<Agency | null>(null);

  const agencies = useMemo(() => data ?? [], [data]);
  const tree = useMemo(() => buildTree(agencies), [agencies]);
  const directory = useMemo(() => agencyDirectory(agencies), [agencies]);
  const mayEdit = canEditAgency(user);
  const { isWide } = useScreen();

  const presenter: FieldPresenter = {
    label: (field) => {
      const key = `agencies.fields.${field}`;
      return i18n.exists(key) ? t(key as never) : field;
    },
    value: (field, value) => ((field === 'parentId' || field === 'agencyId') && typeof value === 'string' ? directory.agencyName(value) : undefined),
  };

  function openUnit(agency: Agency, unit: Unit | null) {
    setUnitTarget({ agency, unit });
  }

  const columns: TableColumnsType<AgencyRow> = [
    {
      title: t('agencies.fields.name'),
      dataIndex: 'name',
      key: 'name',
      width: isWide ? 280 : 210,
      fixed: 'start',
      render: (name: string, agency) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {agency.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('agencies.fields.creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      width: 190,
      render: (code: string | null) => code ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('agencies.fields.units'),
      key: 'units',
      render: (_, agency) => {
        const manage = administers(user, agency.id);
        return (
          <Flex wrap gap={4} align="center">
            {agency.units.length === 0 && !manage && <Typography.Text type="secondary">{t('agencies.noUnits')}</Typography.Text>}
            {agency.units.map((unit) =>
              manage ? (
                <Tag
                  key={unit.id}
                  role="button"
                  tabIndex={0}
                  icon={<EditOutlined />}
                  style={{ cursor: 'pointer', marginInlineEnd: 0 }}
                  aria-label={t('agencies.renameUnitLabel', { name: unit.name })}
                  onClick={() => openUnit(agency, unit)}
                  onKeyDown={(e: KeyboardEvent) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      openUnit(agency, unit);
                    }
                  }}
                >
                  {unit.name}
                </Tag>
              ) : (
                <Tag key={unit.id} style={{ marginInlineEnd: 0 }}>
                  {unit.name}
                </Tag>
              ),
            )}
            {manage && (
              <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => openUnit(agency, null)}>
                {t('agencies.addUnit')}
              </Button>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: mayEdit ? 170 : 110,
      render: (_, agency) => (
        <Flex gap={4} wrap>
          {mayEdit && (
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setFormTarget({ agency })}>
              {t('common.edit')}
            </Button>
          )}
          <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setHistoryOf(agency)}>
            {t('common.history')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('nav.agencies')}
        extra={
          canCreateAgency(user) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ agency: null })}>
              {t('agencies.create')}
            </Button>
          )
        }
      />
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        {loading && !data ? (
          <Spin style={{ display: 'block', margin: '48px auto' }} />
        ) : (
          <Table<AgencyRow>
            // Remounted with new data so every level starts expanded.
            key={agencies.length}
            data-testid="agency-table"
            rowKey="id"
            columns={columns}
            dataSource={tree}
            loading={loading}
            pagination={false}
            expandable={{ defaultExpandAllRows: true }}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description={t('agencies.empty')} /> }}
          />
        )}
      </Card>

      {formTarget && (
        <AgencyFormDrawer
          open
          agency={formTarget.agency}
          agencies={agencies}
          onClose={() => setFormTarget(null)}
          onSaved={() => {
            setFormTarget(null);
            reload();
          }}
        />
      )}
      {unitTarget && (
        <UnitModal
          agency={unitTarget.agency}
          unit={unitTarget.unit}
          onClose={() => setUnitTarget(null)}
          onSaved={() => {
            setUnitTarget(null);
            reload();
          }}
        />
      )}
      <HistoryDrawer
        subject={historyOf ? { id: historyOf.id, name: historyOf.name } : null}
        onClose={() => setHistoryOf(null)}
        load={(id, signal) => agenciesApi.history(id, signal)}
        presenter={presenter}
      />
    </Flex>
  );
}
