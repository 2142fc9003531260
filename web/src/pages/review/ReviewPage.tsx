import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Spin, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { agenciesApi } from '../../api/agencies.ts';
import { casesApi } from '../../api/cases.ts';
import { ApiRequestError } from '../../api/client.ts';
import { reviewsApi } from '../../api/reviews.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { may } from '../../auth/permissions.ts';
import { canAccess, useCurrentUser } from '../../auth/session.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { agencyDirectory, LoadError } from '../admin/common.tsx';
import { CaseStatusTag } from '../cases/caseFormat.tsx';
import { CaseFacts, DocumentsTab, EvidenceTab } from '../cases/caseTabs.tsx';
import { DocumentLinks } from '../cases/eventFacts.tsx';
import { caseErrorText } from '../cases/formParts.tsx';
import { AssignModal, assignTargetOf } from './AssignModal.tsx';
import { CoOpinionPanel } from './CoOpinion.tsx';
import { EscalateModal } from './EscalateModal.tsx';
import { OpinionForm, OpinionView } from './OpinionForm.tsx';
import { escalationLabel, outcomeLabel, OverdueTag, proposalText, ReviewStatusTag } from './reviewFormat.tsx';
import { ReviewRounds } from './ReviewRounds.tsx';

export function ReviewPage() {
  // Anyone who reads the case reads its review (the opinion is part of the file), and so does the
  // adviser co-reviewing it; acting is checked per step.
  return (
    <RequireAudience audience={AUDIENCES.reviewWorkspace}>
      <ReviewWorkspace />
    </RequireAudience>
  );
}

type Dialog = 'assign' | 'reassign' | 'escalate';

/**
 * 审核工作台 — one review round: the case's materials on the left (what was submitted and why it
 * is a major decision, the materials list, the case's facts, evidence and documents), the
 * ten-point opinion on the right (the form for the assigned reviewer, the opinion once given),
 * and every round of the case below. A round with an external legal adviser co-reviewing it shows
 * the adviser's opinion to everyone who reads it, and to that adviser the form to write it.
 */
function ReviewWorkspace() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { isWide } = useScreen();
  const { id = '' } = useParams();
  const loaded = useLoad((signal) => reviewsApi.get(id, signal), [id]);
  const caseId = loaded.data?.review.caseId ?? null;
  const caseView = useLoad((signal) => (caseId ? casesApi.get(caseId, signal) : Promise.resolve(undefined)), [caseId]);
  const timeline = useLoad((signal) => (caseId ? casesApi.timeline(caseId, signal) : Promise.resolve(undefined)), [caseId]);
  const rounds = useLoad((signal) => (caseId ? reviewsApi.ofCase(caseId, signal) : Promise.resolve([])), [caseId]);
  // Unit names come from the agency list, which an external adviser may not read (and a refused
  // request would be recorded as a security event): without it the unit is left out.
  const readsAgencies = may(me, 'agency.read');
  const agencies = useLoad((signal) => (readsAgencies ? agenciesApi.list(signal) : Promise.resolve([])), [readsAgencies]);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [tab, setTab] = useState('facts');

  function reload() {
    loaded.reload();
    caseView.reload();
    timeline.reload();
    rounds.reload();
  }
  function done() {
    setDialog(null);
    reload();
  }

  const view = loaded.data;
  if (loaded.error && !view) return <Refused error={loaded.error} onRetry={loaded.reload} />;
  if (!view) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const rv = view.review;
  const c = view.case;
  const record = caseView.data?.case;
  // While this round is open: what the last round asked for, beside what is now submitted.
  const previous = rv.decision ? undefined : (rounds.data ?? []).filter((x) => x.round < rv.round && x.decision).at(-1);

  const header = (
    <Card>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="flex-start" gap={8} wrap>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('nav.reviews')} · {c.cause}
              </Typography.Title>
              <span data-testid="review-status">
                <ReviewStatusTag status={rv.status} />
              </span>
              <Tag style={{ marginInlineEnd: 0 }}>{t('reviews.roundNo', { n: rv.round })}</Tag>
              {view.overdue && <OverdueTag />}
            </Flex>
            <Typography.Text type="secondary">
              {t('cases.detail.caseNo', { no: c.caseNo ?? t('cases.noCaseNo') })}
              {/* The co-reviewing adviser reads the case here, not on the case page (which needs case.read). */}
              {may(me, 'case.read', rv.agencyId) && (
                <>
                  {' · '}
                  <RouterLink to={`/cases/${encodeURIComponent(c.id)}`}>{t('reviews.workspace.caseLink')}</RouterLink>
                </>
              )}
            </Typography.Text>
          </Flex>
          <Flex gap={8} wrap>
            {view.allowed.includes('assign') && (
              <Button type="primary" onClick={() => setDialog('assign')}>
                {t('reviews.assign.title')}
              </Button>
            )}
            {view.allowed.includes('reassign') && <Button onClick={() => setDialog('reassign')}>{t('reviews.assign.reassignTitle')}</Button>}
            {view.allowed.includes('escalate') && <Button onClick={() => setDialog('escalate')}>{t('reviews.escalate.action')}</Button>}
            {canAccess(me, AUDIENCES.reviewInbox) && (
              <RouterLink to="/review">
                <Button icon={<ArrowLeftOutlined />}>{t('reviews.workspace.back')}</Button>
              </RouterLink>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loaded.loading} aria-label={t('reviews.workspace.reload')} />
          </Flex>
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            { key: 'party', label: t('reviews.fields.party'), children: c.partyName },
            { key: 'handlers', label: t('reviews.fields.handlers'), children: c.handlers.map((h) => h.name).join('、') || '—' },
            ...(readsAgencies ? [{ key: 'unit', label: t('reviews.fields.unit'), children: directory.unitName(rv.unitId) ?? '—' }] : []),
            { key: 'case', label: t('cases.fields.status'), children: <CaseStatusTag status={c.status as never} /> },
            { key: 'submitted', label: t('reviews.fields.submittedOn'), children: `${rv.submittedOn} · ${rv.submittedBy.name}` },
            {
              key: 'due',
              label: t('reviews.fields.dueOn'),
              children: <Typography.Text type={view.overdue ? 'danger' : undefined}>{rv.dueOn ?? '—'}</Typography.Text>,
            },
            {
              key: 'reviewer',
              label: t('reviews.fields.reviewer'),
              children: rv.reviewer ? [rv.reviewer.name, rv.coReviewer ? t('reviews.fields.coReviewerNamed', { name: rv.coReviewer.name }) : null].filter(Boolean).join('、') : '—',
            },
            ...(rv.decision?.number ? [{ key: 'number', label: t('reviews.fields.opinionNo'), children: rv.decision.number }] : []),
          ]}
        />
      </Flex>
    </Card>
  );

  const materials = (
    <Card title={t('reviews.workspace.materialsTitle')} size="small">
      <Flex vertical gap={12}>
        {previous?.decision && (
          <Alert
            type={previous.decision.outcome === 'approved' ? 'success' : 'warning'}
            showIcon
            data-testid="previous-round"
            title={t('reviews.workspace.previous', { n: previous.round, outcome: outcomeLabel(previous.decision.outcome) })}
            description={
              previous.decision.requiredChanges
                ? t('common.fieldProblem', { field: t('reviews.workspace.requiredChanges'), message: previous.decision.requiredChanges })
                : undefined
            }
          />
        )}
        {!c.reviewedProposalIsCurrent && <Alert type="warning" showIcon title={t('reviews.workspace.notCurrent', { penalty: proposalText(c.currentProposal) })} />}
        <Descriptions
          data-testid="review-materials"
          bordered
          size="small"
          column={1}
          // On a phone the labels go above the values: beside them they would leave the values no room.
          layout={isWide ? 'horizontal' : 'vertical'}
          styles={{ label: isWide ? { width: 132, whiteSpace: 'nowrap' } : {} }}
          items={[
            {
              key: 'penalty',
              label: t('reviews.fields.penalty'),
              children: (
                <Typography.Text strong data-testid="review-penalty">
                  {proposalText(rv.penalty)}
                </Typography.Text>
              ),
            },
            ...(rv.requiredBecause.length > 0
              ? [
                  {
                    key: 'because',
                    label: t('reviews.fields.requiredBecause'),
                    children: (
                      <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="review-required-because">
                        {rv.requiredBecause.map((b) => {
                          // The catalog rules behind each reason (two rules may give the same one), by their names in the catalog.
                          const names = (rv.requiredRules ?? []).filter((m) => m.label === b).map((m) => m.name);
                          return (
                            <li key={b}>
                              {b}
                              {names.length > 0 && (
                                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                                  {t('reviews.fields.matchedRules', { names: names.join('；') })}
                                </Typography.Text>
                              )}
                            </li>
                          );
                        })}
                      </ul>
                    ),
                  },
                ]
              : []),
            {
              key: 'materials',
              label: t('reviews.fields.materials'),
              children: (
                <Flex vertical gap={2}>
                  {rv.materials.map((m) => (
                    <Flex key={m.name} align="center" gap={6} wrap>
                      {m.present ? <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('reviews.workspace.present')} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label={t('reviews.workspace.missing')} />}
                      <span>{m.name}</span>
                      {m.ref && <DocumentLinks documentId={m.ref} name={m.name} />}
                    </Flex>
                  ))}
                </Flex>
              ),
            },
            ...(record && (record.benchmark || record.discretionApproval)
              ? [
                  {
                    key: 'discretion',
                    label: t('reviews.fields.discretion'),
                    children: (
                      <Flex vertical gap={2}>
                        {record.benchmark && <span>{t('reviews.workspace.benchmark', { level: record.benchmark.level })}</span>}
                        {record.discretionApproval && <span>{t('reviews.workspace.discretionApproved', { on: record.discretionApproval.approvedOn, reason: record.discretionApproval.reason })}</span>}
                      </Flex>
                    ),
                  },
                ]
              : []),
            ...(rv.note ? [{ key: 'note', label: t('reviews.fields.note'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{rv.note}</span> }] : []),
          ]}
        />
        {caseView.error ? <LoadError error={caseView.error} onRetry={caseView.reload} /> : null}
        {record ? (
          <Tabs
            activeKey={tab}
            onChange={setTab}
            size={isWide ? 'middle' : 'small'}
            items={[
              { key: 'facts', label: t('reviews.workspace.tabs.facts'), children: <CaseFacts r={record} /> },
              { key: 'evidence', label: t('reviews.workspace.tabs.evidence'), children: <EvidenceTab r={record} /> },
              { key: 'documents', label: t('reviews.workspace.tabs.documents'), children: <DocumentsTab r={record} events={timeline.data} /> },
            ]}
          />
        ) : (
          !caseView.error && <Spin style={{ display: 'block', margin: '24px auto' }} />
        )}
      </Flex>
    </Card>
  );

  const mayDecide = view.allowed.includes('decide');
  const opinion = (
    <Card title={t('reviews.workspace.opinionTitle')} size="small" data-testid="review-opinion">
      {mayDecide ? (
        <OpinionForm key={`${rv.id}:${rv.status}`} view={view} onDone={() => reload()} onStale={reload} />
      ) : rv.decision ? (
        <OpinionView review={rv} />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={rv.reviewer ? t('reviews.workspace.underReview', { name: rv.reviewer.name }) : t('reviews.workspace.waiting')}
        />
      )}
      {rv.escalation && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title={t('reviews.workspace.escalated', { on: rv.escalation.on, by: rv.escalation.by, to: escalationLabel(rv.escalation.to), reason: rv.escalation.reason })}
        />
      )}
    </Card>
  );

  const coOpinion = rv.coReviewer ? (
    <Card title={t('reviews.coOpinion.title', { name: rv.coReviewer.name })} size="small" data-testid="review-co-opinion">
      <CoOpinionPanel view={view} onDone={() => reload()} onStale={reload} />
    </Card>
  ) : null;

  return (
    <Flex vertical gap={16}>
      {header}
      {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          {materials}
        </Col>
        <Col xs={24} xl={10}>
          {/* While the round is open the adviser's opinion comes first (the adviser writes it, the
              reviewer reads it before writing); once decided, the reviewer's opinion leads. */}
          <Flex vertical gap={16}>
            {rv.status === 'assigned' ? coOpinion : opinion}
            {rv.status === 'assigned' ? opinion : coOpinion}
          </Flex>
        </Col>
      </Row>
      <Card title={t('reviews.workspace.roundsTitle')} size="small">
        {rounds.error ? <LoadError error={rounds.error} onRetry={rounds.reload} /> : <ReviewRounds rounds={rounds.data ?? []} currentId={rv.id} />}
      </Card>
      {(dialog === 'assign' || dialog === 'reassign') && <AssignModal target={assignTargetOf(view)} reassign={dialog === 'reassign'} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'escalate' && <EscalateModal review={rv} onClose={() => setDialog(null)} onDone={done} />}
    </Flex>
  );
}

/**
 * The round could not be read: a refusal (an adviser reaching for a case it does not co-review,
 * someone of another agency) in the server's words, which name the rule; anything else with a retry.
 */
function Refused({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (!(error instanceof ApiRequestError) || (error.status !== 403 && error.status !== 404)) return <LoadError error={error} onRetry={onRetry} />;
  const { title, detail } = caseErrorText(error);
  const adviserOnly = error.status === 403 && may(me, 'review.co-review') && !may(me, 'case.read');
  const lines = [detail, adviserOnly ? t('reviews.coOpinion.onlyAssigned') : null].filter((x): x is string => !!x);
  return (
    <Result
      status={error.status === 403 ? '403' : '404'}
      title={<span data-testid="review-refused">{title}</span>}
      subTitle={lines.length > 0 ? lines.map((l) => <div key={l}>{l}</div>) : undefined}
      extra={
        canAccess(me, AUDIENCES.reviewInbox) ? (
          <RouterLink to="/review">
            <Button type="primary" icon={<ArrowLeftOutlined />}>
              {t('reviews.workspace.back')}
            </Button>
          </RouterLink>
        ) : undefined
      }
    />
  );
}
