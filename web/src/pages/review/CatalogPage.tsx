import { EditOutlined, EyeOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agenciesApi } from '../../api/agencies.ts';
import { reviewCatalogApi, type CatalogRule } from '../../api/reviewCatalog.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { ExcelToolbar } from '../../components/ExcelToolbar.tsx';
import { AgencyFilter } from '../../components/ListFilters.tsx';
import { RegisterTable } from '../../components/RegisterTable.tsx';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import { chinaToday, DATE_FORMAT, formatDay, parseDay } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError, PageHeader } from '../admin/common.tsx';
import { CatalogRuleDrawer } from './CatalogRuleDrawer.tsx';
import { CatalogRuleForm } from './CatalogRuleForm.tsx';
import { ruleKindLabel, ruleState, ruleText } from './format.ts';
import { RetireRuleModal } from './RetireRuleModal.tsx';

type Dialog = { kind: 'form'; rule: CatalogRule | null } | { kind: 'retire'; rule: CatalogRule };

export function CatalogPage() {
  return (
    <RequireAudience audience={AUDIENCES.reviewCatalog}>
      <CatalogView />
    </RequireAudience>
  );
}

/**
 * 重大执法决定法制审核目录: the catalog in force today (or on a chosen day), each rule's versions,
 * and for the head of legal review the editor with its preview against recent cases.
 */
function CatalogView() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const compact = !useScreen().isWide;
  // Filters live in the URL: a catalog as it stood on a day can be bookmarked and shared.
  const { params, setFilter } = useUrlFilters<'agencyId' | 'on' | 'all'>();
  const agencyFilter = params.get('agencyId');
  const onParam = params.get('on');
  const on = onParam && parseDay(onParam) ? onParam : null;
  const showAll = params.get('all') === '1';
  const day = on ?? chinaToday();

  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  // Without a date the server answers every rule with the version in force on its today.
  const rules = useLoad((signal) => reviewCatalogApi.list({ agencyId: agencyFilter, on: showAll ? null : on }, signal), [agencyFilter, on, showAll]);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const readable = directory.agencies.filter((a) => may(me, 'review.catalog.read', a.id));
  const manages = (agencyId: string) => may(me, 'review.catalog.manage', agencyId);
  const managerAnywhere = may(me, 'review.catalog.manage');
  const manyAgencies = readable.length > 1;
  const agencyColumn = manyAgencies && !agencyFilter;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [viewing, setViewing] = useState<CatalogRule | null>(null);

  // Without a date the server lists every rule (inForce: its version in force today); "all" shows
  // them all, otherwise only those in force. With a date the server lists that day's catalog.
  const rows = useMemo(() => {
    const data = rules.data ?? [];
    return showAll || on ? data : data.filter((r) => r.inForce !== null);
  }, [rules.data, showAll, on]);
  const stateDay = showAll ? chinaToday() : day;

  function changed() {
    setDialog(null);
    rules.reload();
  }

  const stateTag = (r: CatalogRule) => {
    const s = ruleState(r, stateDay);
    return (
      <Tag color={s.color} style={{ marginInlineEnd: 0 }}>
        {t(`reviewCatalog.status.${s.key}`, { date: s.date })}
      </Tag>
    );
  };
  const shown = (r: CatalogRule) => r.inForce ?? r.latest;

  const columns: TableColumnsType<CatalogRule> = [
    {
      title: t('reviewCatalog.fields.label'),
      key: 'label',
      fixed: 'start',
      width: compact ? 180 : 300,
      render: (_, r) => (
        <Flex vertical align="flex-start" gap={2}>
          <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setViewing(r)}>
            {shown(r).label}
          </Button>
          <Flex gap={4} wrap>
            {stateTag(r)}
            {r.status === 'retired' && <Tag style={{ marginInlineEnd: 0 }}>{t('reviewCatalog.status.retired')}</Tag>}
          </Flex>
        </Flex>
      ),
    },
    { title: t('reviewCatalog.fields.kind'), key: 'kind', width: 130, render: (_, r) => ruleKindLabel(r.kind) },
    ...(compact
      ? []
      : [
          {
            title: t('reviewCatalog.fields.standard'),
            key: 'standard',
            width: 280,
            render: (_: unknown, r: CatalogRule) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: ruleText(shown(r).rule, t) }} style={{ margin: 0 }}>{ruleText(shown(r).rule, t)}</Typography.Paragraph>,
          },
        ]),
    { title: t('reviewCatalog.fields.effectiveFrom'), key: 'from', width: 110, render: (_, r) => shown(r).effectiveFrom },
    { title: t('reviewCatalog.fields.effectiveTo'), key: 'to', width: 110, render: (_, r) => shown(r).effectiveTo ?? t('reviewCatalog.openEnded') },
    { title: t('reviewCatalog.fields.version'), key: 'version', width: 80, render: (_, r) => t('reviewCatalog.versionNo', { n: shown(r).version }) },
    ...(agencyColumn ? [{ title: t('reviewCatalog.fields.agencyId'), key: 'agencyId', width: 200, render: (_: unknown, r: CatalogRule) => directory.agencyName(r.agencyId) }] : []),
    {
      title: t('common.actions'),
      key: 'actions',
      width: compact ? 68 : 130,
      fixed: 'end',
      render: (_, r) => {
        const manage = manages(r.agencyId) && r.status === 'active';
        return (
          <RowActions
            name={shown(r).label}
            compact={compact}
            actions={[
              { key: 'view', icon: <EyeOutlined />, label: t('reviewCatalog.view'), primary: !manage, onClick: () => setViewing(r) },
              manage && { key: 'change', icon: <EditOutlined />, label: t('reviewCatalog.change'), primary: true, onClick: () => setDialog({ kind: 'form', rule: r }) },
              manage && { key: 'retire', icon: <StopOutlined />, label: t('reviewCatalog.retire'), danger: true, onClick: () => setDialog({ kind: 'retire', rule: r }) },
            ]}
          />
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('nav.reviewCatalog')}
        extra={
          <>
            {managerAnywhere && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'form', rule: null })}>
                {t('reviewCatalog.add')}
              </Button>
            )}
            <ExcelToolbar
              texts="reviewCatalog"
              // The catalog as it stands on the day the list shows.
              api={{ downloadExport: (agencyId, fileName) => reviewCatalogApi.downloadExport(agencyId, day, fileName) }}
              agencies={readable}
              agencyFilter={agencyFilter}
            />
          </>
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('reviewCatalog.intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        {manyAgencies && <AgencyFilter agencies={readable} value={agencyFilter} onChange={(v) => setFilter('agencyId', v)} />}
        <DatePicker
          value={parseDay(on)}
          onChange={(d) => setFilter('on', formatDay(d))}
          format={DATE_FORMAT}
          placeholder={t('reviewCatalog.onDatePlaceholder')}
          aria-label={t('reviewCatalog.onDate')}
          prefix={<Typography.Text type="secondary">{t('reviewCatalog.onDate')}</Typography.Text>}
          disabled={showAll}
          style={{ flex: '0 1 240px' }}
        />
        <Checkbox checked={showAll} onChange={(e) => setFilter('all', e.target.checked ? '1' : null)}>
          {t('reviewCatalog.showAll')}
        </Checkbox>
      </Flex>
      {rules.error ? <LoadError error={rules.error} onRetry={rules.reload} /> : null}
      {agencies.error ? <LoadError error={agencies.error} onRetry={agencies.reload} /> : null}
      <RegisterTable<CatalogRule>
        testId="review-catalog-table"
        columns={columns}
        rows={rows}
        loading={rules.loading}
        scrollX={(agencyColumn ? 1340 : 1140) - (compact ? 400 : 0)}
        empty={showAll ? t('reviewCatalog.emptyAll') : t('reviewCatalog.empty')}
      />

      {viewing && (
        <CatalogRuleDrawer
          rule={viewing}
          on={on}
          agencyName={directory.agencyName(viewing.agencyId)}
          manage={manages(viewing.agencyId)}
          onClose={() => setViewing(null)}
          onChange={(r) => {
            setViewing(null);
            setDialog({ kind: 'form', rule: r });
          }}
          onRetire={(r) => {
            setViewing(null);
            setDialog({ kind: 'retire', rule: r });
          }}
        />
      )}
      {dialog?.kind === 'form' && (
        <CatalogRuleForm
          rule={dialog.rule}
          me={me}
          directory={directory}
          defaultAgencyId={agencyFilter && manages(agencyFilter) ? agencyFilter : null}
          onClose={() => setDialog(null)}
          onSaved={changed}
        />
      )}
      {dialog?.kind === 'retire' && <RetireRuleModal rule={dialog.rule} onClose={() => setDialog(null)} onChanged={changed} />}
    </Flex>
  );
}
