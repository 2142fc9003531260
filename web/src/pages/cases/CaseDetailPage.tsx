import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Descriptions, Flex, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { agenciesApi } from '../../api/agencies.ts';
import { casesApi, type CaseActOnCase } from '../../api/cases.ts';
import { officersApi } from '../../api/officers.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError } from '../admin/common.tsx';
import { ActDrawer } from './ActDrawer.tsx';
import { CaseReviewPanel } from './CaseReviewPanel.tsx';
import { actLabel, CaseStatusTag } from './caseFormat.tsx';
import { ActButtons, CaseFacts, CaseTimeline, caseDocuments, DeadlinesTab, DocumentsTab, EvidenceTab, ExecutionTab } from './caseTabs.tsx';

const TABS = ['handle', 'timeline', 'deadlines', 'evidence', 'documents', 'execution'] as const;
type TabKey = (typeof TABS)[number];

export function CaseDetailPage() {
  return (
    <RequireAudience audience={AUDIENCES.cases}>
      <CaseDetail />
    </RequireAudience>
  );
}

function CaseDetail() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { isWide } = useScreen();
  const { id = '' } = useParams();
  // The tab is in the URL so a link (or a reload) opens the same view.
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'handle';

  const loaded = useLoad((signal) => casesApi.get(id, signal), [id]);
  const timeline = useLoad((signal) => casesApi.timeline(id, signal), [id]);
  const view = loaded.data;
  const agencyId = view?.case.agencyId ?? null;
  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  // The pickers of the act forms: only needed by someone who may act at all.
  const canAct = !!view && view.allowedActs.length > 0 && may(me, 'officer.read', agencyId);
  const officers = useLoad((signal) => (canAct && agencyId ? officersApi.list({ agencyId }, signal) : Promise.resolve([])), [canAct, agencyId]);
  const [act, setAct] = useState<CaseActOnCase | null>(null);

  // After a reload (someone else's change), an act that is no longer possible closes its form.
  useEffect(() => {
    if (act && view && !view.allowedActs.includes(act)) {
      setAct(null);
      void message.warning(t('cases.act.noLongerAllowed', { act: actLabel(act) }));
    }
  }, [view, act, message, t]);

  function reload() {
    loaded.reload();
    timeline.reload();
  }

  if (loaded.error && !view) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!view) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const r = view.case;
  const docs = caseDocuments(r, timeline.data);
  const overdue = view.deadlines.filter((d) => d.status === 'overdue' && d.kind !== 'window').length;

  const header = (
    <Card>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="flex-start" gap={8} wrap>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {r.cause}
              </Typography.Title>
              <span data-testid="case-status">
                <CaseStatusTag status={r.status} />
              </span>
              {r.procedure === 'simple' && <Tag color="blue">{t('cases.simpleProcedure')}</Tag>}
              {r.suspended && <Tag color="orange">{t('cases.detail.suspendedTag')}</Tag>}
            </Flex>
            <Typography.Text type="secondary">
              {/* As the list shows it: the 立案 number, or for an on-the-spot penalty its decision's. */}
              {t('cases.detail.caseNo', { no: r.caseNo ?? r.decision?.number ?? t('cases.noCaseNo') })}
            </Typography.Text>
          </Flex>
          <Flex gap={8}>
            <RouterLink to="/cases">
              <Button icon={<ArrowLeftOutlined />}>{t('cases.detail.back')}</Button>
            </RouterLink>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loaded.loading} aria-label={t('cases.detail.reload')} />
          </Flex>
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            {
              key: 'parties',
              label: t('cases.fields.parties'),
              children: (
                <Flex vertical gap={2} data-testid="case-parties">
                  {r.parties.map((p, i) => (
                    <span key={i}>
                      <Typography.Text strong>{p.name}</Typography.Text>
                      <Typography.Text type="secondary">
                        {` · ${p.kind === 'person' ? t('cases.party.person') : t('cases.party.organisation')}`}
                        {p.representative ? ` · ${t('cases.party.representativeShort', { name: p.representative })}` : ''}
                        {p.idNumber ? ` · ${p.idNumber}` : ''}
                      </Typography.Text>
                      {p.minor && (
                        <Tag color="red" style={{ marginInlineStart: 4 }}>
                          {t('cases.party.minor')}
                        </Tag>
                      )}
                    </span>
                  ))}
                </Flex>
              ),
            },
            {
              key: 'handlers',
              label: t('cases.fields.handlers'),
              children:
                r.handlers.length > 0 ? (
                  <Flex vertical gap={2} data-testid="case-handlers">
                    {r.handlers.map((h) => (
                      <span key={h.officerId}>
                        {h.name}
                        {h.certificateNo && <Typography.Text type="secondary">{` · ${t('cases.fields.certificateNo', { no: h.certificateNo })}`}</Typography.Text>}
                      </span>
                    ))}
                  </Flex>
                ) : (
                  <Typography.Text type="secondary">{t('cases.detail.noHandlers')}</Typography.Text>
                ),
            },
            { key: 'field', label: t('cases.fields.field'), children: r.field },
            {
              key: 'agency',
              label: t('cases.fields.agency'),
              children: [directory.agencyName(r.agencyId), directory.unitName(r.unitId)].filter(Boolean).join(' · '),
            },
            { key: 'registeredOn', label: t('cases.fields.registeredOn'), children: r.registeredOn },
            ...(r.filedOn ? [{ key: 'filedOn', label: t('cases.fields.filedOn'), children: r.filedOn }] : []),
            ...(r.decision ? [{ key: 'decidedOn', label: t('cases.fields.decidedOn'), children: [r.decision.on, r.decision.number].filter(Boolean).join(' · ') }] : []),
          ]}
        />
      </Flex>
    </Card>
  );

  const tabLabel = (key: TabKey, count?: number, danger?: boolean) => (
    <Flex align="center" gap={6}>
      {t(`cases.tabs.${key}`)}
      {count ? <Badge count={count} color={danger ? 'red' : 'blue'} size="small" /> : null}
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      {header}
      {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null}
      <CaseReviewPanel view={view} onChanged={reload} />
      {r.suspended && <Alert type="info" showIcon role="note" title={t('cases.detail.suspended', { since: r.suspended.since, reason: r.suspended.reason })} />}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (key === 'handle') next.delete('tab');
                else next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
          items={[
            {
              key: 'handle',
              label: tabLabel('handle', view.allowedActs.length),
              children: (
                <Flex vertical gap={16}>
                  <ActButtons view={view} onAct={setAct} />
                  <Typography.Title level={5} style={{ margin: 0 }}>
                    {t('cases.detail.facts')}
                  </Typography.Title>
                  <CaseFacts r={r} />
                </Flex>
              ),
            },
            {
              key: 'timeline',
              label: tabLabel('timeline'),
              children: <CaseTimeline events={timeline.data} loading={timeline.loading} error={timeline.error} onRetry={timeline.reload} />,
            },
            { key: 'deadlines', label: tabLabel('deadlines', overdue, true), children: <DeadlinesTab deadlines={view.deadlines} /> },
            { key: 'evidence', label: tabLabel('evidence', r.evidence.length), children: <EvidenceTab r={r} /> },
            { key: 'documents', label: tabLabel('documents', docs.length), children: <DocumentsTab r={r} events={timeline.data} /> },
            { key: 'execution', label: tabLabel('execution'), children: <ExecutionTab view={view} /> },
          ]}
          size={isWide ? 'middle' : 'small'}
        />
      </Card>
      {act && (
        <ActDrawer
          key={act}
          act={act}
          view={view}
          officers={officers.data ?? []}
          officersLoading={officers.loading}
          onClose={() => setAct(null)}
          onDone={() => {
            setAct(null);
            reload();
          }}
          onStale={reload}
        />
      )}
    </Flex>
  );
}
