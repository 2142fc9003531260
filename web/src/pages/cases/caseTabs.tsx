import { Alert, Button, Descriptions, Empty, Flex, Spin, Table, Tag, Timeline, Typography, type DescriptionsProps, type TableColumnsType } from 'antd';
import { CASE_ACTS, type CaseDeadline, type CaseRecord, type EvidenceItem } from '@shared/cases.ts';
import { isDocumentKind } from '@shared/documents.ts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseActOnCase, CaseEvent, CaseView } from '../../api/cases.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { formatYuan } from '../../lib/money.ts';
import { useScreen } from '../../components/useScreen.ts';
import { evidenceKindLabel } from './actForms.tsx';
import { actLabel, actOfEvent, documentKindLabel, penaltyText, sourceLabel } from './caseFormat.tsx';
import { DocumentLinks, eventFacts } from './eventFacts.tsx';
import { isReviewEvent, reviewEventFacts, reviewEventLabel } from '../review/reviewEvents.tsx';
import { caseErrorText } from './formParts.tsx';

/* ---- 办理 --------------------------------------------------------------------------------- */

/** Acts that end or refuse a case: shown in red. */
const DANGER_ACTS = new Set<CaseActOnCase>(['decline', 'revoke-filing']);

/** One button per act the server allows this user now; acts that move the case forward come first. */
export function ActButtons({ view, onAct }: { view: CaseView; onAct: (act: CaseActOnCase) => void }) {
  const { t } = useTranslation();
  const acts = view.allowedActs.filter((a): a is CaseActOnCase => a !== 'register-clue' && a !== 'decide-on-the-spot');
  if (acts.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.detail.noActs')} />;
  }
  const moving = acts.filter((a) => CASE_ACTS[a].to !== null && !DANGER_ACTS.has(a));
  const others = acts.filter((a) => !moving.includes(a));
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('cases.detail.actsHint')}</Typography.Text>
      <Flex gap={8} wrap data-testid="case-acts">
        {[...moving, ...others].map((act) => (
          <Button key={act} type={moving.includes(act) ? 'primary' : 'default'} danger={DANGER_ACTS.has(act)} onClick={() => onAct(act)}>
            {actLabel(act)}
          </Button>
        ))}
      </Flex>
    </Flex>
  );
}

/** An on-the-spot decision records who decided by user id, an ordinary one by name: only names are shown. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the case record says so far, section by section; sections appear as the case reaches them. */
export function CaseFacts({ r }: { r: CaseRecord }) {
  const { t } = useTranslation();
  const items: DescriptionsProps['items'] = [];
  const add = (key: string, label: string, children: ReactNode) => items.push({ key, label, children });
  const long = (s: string) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{s}</Typography.Paragraph>;

  add('summary', t('cases.fields.summary'), long(r.summary));
  add('source', t('cases.fields.source'), sourceLabel(r.source));
  if (r.actOn) add('actOn', t('cases.fields.actOn'), r.actOn + (r.seriousHarm ? ` · ${t('cases.fields.seriousHarm')}` : ''));
  if (r.investigation) {
    const i = r.investigation;
    add('investigation', t('cases.facts.investigation'), (
      <Flex vertical gap={4}>
        <span>{`${i.closedOn} · ${t(`cases.outcomes.${i.outcome}`)}`}</span>
        {long(i.findings)}
        {i.proposedPenalty && <span>{t('cases.facts.proposed', { penalty: penaltyText(i.proposedPenalty) })}</span>}
      </Flex>
    ));
  }
  if (r.notice) {
    const n = r.notice;
    add('notice', t('cases.facts.notice'), (
      <Flex vertical gap={4}>
        <span>{t('cases.facts.noticeDates', { on: n.on, servedOn: n.servedOn })}</span>
        <span>{t('cases.facts.proposed', { penalty: penaltyText(n.proposedPenalty) })}</span>
        <span>{n.hearingRight ? t('cases.facts.hearingRight') : t('cases.facts.noHearingRight')}</span>
      </Flex>
    ));
  }
  if (r.statement) {
    const s = r.statement;
    add('statement', t('cases.facts.statement'), (
      <Flex vertical gap={4}>
        <span>{`${s.on} · ${s.waived ? t('cases.facts.waived') : s.adopted ? t('cases.facts.adopted') : t('cases.facts.notAdopted')}`}</span>
        {long(s.text)}
        <Typography.Text type="secondary">{s.review}</Typography.Text>
      </Flex>
    ));
  }
  if (r.hearing) {
    const h = r.hearing;
    add('hearing', t('cases.facts.hearing'), (
      <Flex vertical gap={4}>
        <span>{t('cases.facts.hearingRequested', { on: h.requestedOn })}</span>
        {h.date && <span>{t('cases.facts.hearingScheduled', { date: h.date, place: h.place ?? '', presider: h.presiderName ?? '' })}</span>}
        {h.heldOn && <span>{t('cases.facts.hearingHeld', { on: h.heldOn })}</span>}
      </Flex>
    ));
  }
  if (r.review.approvedOn) {
    // The review that authorised the proposal, with its 法制审核意见书.
    const { approvedNumber: number, approvedDocumentId: documentId } = r.review;
    add('review', t('cases.facts.review'), (
      <Flex align="center" gap={4} wrap>
        <span>{t('cases.facts.reviewPassed', { on: r.review.approvedOn, reviewer: r.review.reviewerName ?? '' })}</span>
        {number && <Typography.Text type="secondary">{number}</Typography.Text>}
        {documentId && <DocumentLinks documentId={documentId} name={number ?? t('cases.facts.review')} />}
      </Flex>
    ));
  }
  if (r.discussion) add('discussion', t('cases.facts.discussion'), `${r.discussion.on} · ${r.discussion.conclusion}`);
  if (r.decision) {
    const d = r.decision;
    add('decision', t('cases.facts.decision'), (
      <Flex vertical gap={4}>
        <span>{[d.on, d.number, UUID.test(d.decidedBy) ? null : d.decidedBy].filter(Boolean).join(' · ')}</span>
        <span>{d.kind === 'penalty' ? penaltyText(d.penalty) : t('cases.facts.noPenalty', { reason: d.reason ?? '' })}</span>
        <Typography.Text type="secondary">{t('cases.facts.basis', { basis: d.basis })}</Typography.Text>
      </Flex>
    ));
  }
  if (r.closure) add('closure', t('cases.facts.closure'), `${r.closure.on} · ${t(`cases.closeGrounds.${r.closure.ground}` as never, { defaultValue: r.closure.ground })}`);
  if (r.archivedOn) add('archived', t('cases.facts.archived'), r.archivedOn);
  if (r.reportedOn) add('reported', t('cases.facts.reported'), r.reportedOn);
  if (r.extensions.length > 0) add('extensions', t('cases.facts.extensions'), r.extensions.map((e) => t('cases.facts.extension', { on: e.on, days: e.days, reason: e.reason })).join('；'));
  if (r.recused.length > 0) add('recused', t('cases.facts.recused'), r.recused.map((x) => `${x.name}（${x.reason}）`).join('；'));
  return <Descriptions data-testid="case-facts" bordered size="small" column={1} items={items} styles={{ label: { width: 120, whiteSpace: 'nowrap' } }} />;
}

/* ---- 时间线 ------------------------------------------------------------------------------- */

export function CaseTimeline({ events, loading, error, onRetry }: { events: CaseEvent[] | undefined; loading: boolean; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Alert
        type="error"
        showIcon
        title={caseErrorText(error).title}
        action={
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (loading && !events) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (!events || events.length === 0) return <Empty description={t('cases.timeline.empty')} />;
  // A document is recorded just before the act that issues it, which names it: shown with the act.
  const issued = issuedDocuments(events);
  const acts = events.filter((e) => e.type !== DOCUMENT_ISSUED);
  return (
    <Timeline
      data-testid="case-timeline"
      items={acts.map((e) => {
        const act = actOfEvent(e.type);
        const review = isReviewEvent(e.type) ? e.type : null;
        const facts = review ? reviewEventFacts(review, e.data, t) : eventFacts(act, e.data, t);
        const documentId = typeof e.data.documentId === 'string' ? e.data.documentId : null;
        const doc = documentId ? issued.get(documentId) : undefined;
        const on = typeof e.data.on === 'string' ? e.data.on : null;
        const name = act ? actLabel(act) : review ? reviewEventLabel(review, t) : e.type;
        return {
          key: `${e.log}:${e.seq}`,
          content: (
            <Flex vertical gap={4} data-testid="timeline-entry">
              <Typography.Text>
                <Typography.Text strong>{name}</Typography.Text>
                {on && <Typography.Text type="secondary">{` · ${t('cases.timeline.on', { date: on })}`}</Typography.Text>}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('cases.timeline.by', { name: e.actor.name })}
                {' · '}
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </Typography.Text>
              {facts.length > 0 && <Descriptions size="small" column={1} items={facts.map((f) => ({ key: f.key, label: f.label, children: f.value }))} />}
              {documentId && (
                <Flex align="center" gap={4} wrap>
                  <Typography.Text type="secondary">{doc ? [doc.name, doc.number].filter(Boolean).join(' ') : t('cases.documents.name')}</Typography.Text>
                  <DocumentLinks documentId={documentId} name={doc ? [doc.name, doc.number].filter(Boolean).join(' ') : name} />
                </Flex>
              )}
            </Flex>
          ),
        };
      })}
    />
  );
}

/* ---- 期限 --------------------------------------------------------------------------------- */

const DEADLINE_COLOURS: Record<CaseDeadline['status'], string> = { overdue: 'red', 'due-soon': 'orange', met: 'green', open: 'blue', stopped: 'default' };

export function DeadlineStatusTag({ d }: { d: Pick<CaseDeadline, 'status' | 'kind' | 'late'> }) {
  const { t } = useTranslation();
  // A party's window that has run out is a lapsed right, not the agency's failure.
  if (d.kind === 'window' && d.status === 'overdue') return <Tag style={{ marginInlineEnd: 0 }}>{t('cases.deadlines.lapsed')}</Tag>;
  return (
    <Tag color={DEADLINE_COLOURS[d.status]} style={{ marginInlineEnd: 0 }}>
      {t(`cases.deadlines.status.${d.status}`)}
      {d.status === 'met' && d.late ? t('cases.deadlines.late') : ''}
    </Tag>
  );
}

export function ProvisionalTag() {
  const { t } = useTranslation();
  return (
    <Tag color="warning" title={t('cases.deadlines.provisionalHint')} style={{ marginInlineEnd: 0 }}>
      {t('cases.deadlines.provisional')}
    </Tag>
  );
}

export function DeadlinesTab({ deadlines }: { deadlines: CaseDeadline[] }) {
  const { t } = useTranslation();
  const compact = !useScreen().isWide;
  const columns: TableColumnsType<CaseDeadline> = [
    {
      title: t('cases.deadlines.rule'),
      key: 'label',
      render: (_, d) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{d.label}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.article}
          </Typography.Text>
          {compact && <Typography.Text type="secondary">{t('cases.deadlines.dueOn', { date: d.due ?? '—' })}</Typography.Text>}
        </Flex>
      ),
    },
    ...(compact
      ? []
      : [
          { title: t('cases.deadlines.start'), dataIndex: 'start', key: 'start', width: 120 },
          {
            title: t('cases.deadlines.due'),
            key: 'due',
            width: 150,
            render: (_: unknown, d: CaseDeadline) => d.due ?? t('cases.deadlines.stopped'),
          },
          {
            title: t('cases.deadlines.period'),
            key: 'period',
            width: 120,
            render: (_: unknown, d: CaseDeadline) => t(d.unit === 'working' ? 'cases.deadlines.workingDays' : 'cases.deadlines.calendarDays', { n: d.length }),
          },
        ]),
    {
      title: t('cases.deadlines.statusTitle'),
      key: 'status',
      width: compact ? 110 : 200,
      render: (_, d) => (
        <Flex gap={4} wrap>
          <DeadlineStatusTag d={d} />
          {d.provisional && <ProvisionalTag />}
          {d.metOn && <Typography.Text type="secondary">{t('cases.deadlines.metOn', { date: d.metOn })}</Typography.Text>}
        </Flex>
      ),
    },
  ];
  return (
    <Table<CaseDeadline>
      data-testid="case-deadlines"
      size="small"
      rowKey={(d) => `${d.rule}:${d.instance ?? ''}`}
      columns={columns}
      dataSource={deadlines}
      pagination={false}
      locale={{ emptyText: <Empty description={t('cases.deadlines.empty')} /> }}
    />
  );
}

/* ---- 证据 --------------------------------------------------------------------------------- */

export function EvidenceTab({ r }: { r: CaseRecord }) {
  const { t } = useTranslation();
  const compact = !useScreen().isWide;
  const columns: TableColumnsType<EvidenceItem> = [
    { title: t('cases.evidence.kind'), dataIndex: 'kind', key: 'kind', width: compact ? 90 : 120, render: (k: string) => evidenceKindLabel(k, t) },
    { title: t('cases.evidence.description'), dataIndex: 'description', key: 'description' },
    {
      title: t('cases.evidence.recordedBy'),
      key: 'act',
      width: compact ? 110 : 200,
      render: (_, e) => (
        <Flex vertical>
          <span>{actLabel(e.recordedByAct)}</span>
          <Typography.Text type="secondary">{e.collectedOn}</Typography.Text>
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Table<EvidenceItem>
        data-testid="case-evidence"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={r.evidence}
        pagination={false}
        locale={{ emptyText: <Empty description={t('cases.evidence.empty')} /> }}
      />
      {r.preservations.length > 0 && (
        <Descriptions
          title={t('cases.evidence.preservations')}
          bordered
          size="small"
          column={1}
          items={r.preservations.map((p) => ({
            key: p.id,
            label: p.approvedOn,
            children: `${p.items.join('、')} — ${p.handledOn ? t('cases.evidence.handled', { on: p.handledOn, outcome: p.outcome ?? '' }) : t('cases.evidence.unhandled')}`,
          }))}
        />
      )}
    </Flex>
  );
}

/* ---- 文书 --------------------------------------------------------------------------------- */

interface DocRow {
  id: string;
  name: string;
  number: string | null;
  on: string | null;
}

const DOCUMENT_ISSUED = 'document.issued';
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** The documents issued for the case (`document.issued` events), by id, in order of issue. */
function issuedDocuments(events: CaseEvent[]): Map<string, DocRow> {
  const out = new Map<string, DocRow>();
  for (const e of events) {
    if (e.type !== DOCUMENT_ISSUED) continue;
    const id = str(e.data.id);
    if (!id) continue;
    const kind = str(e.data.kind);
    // The kind's name in the UI language (the printed title is the Chinese one).
    const name = kind && isDocumentKind(kind) ? documentKindLabel(kind) : (str(e.data.title) ?? e.type);
    out.set(id, { id, name, number: str(e.data.number), on: str(e.data.on) });
  }
  return out;
}

/** Every document of the case: as issued, then any an act or the record names beyond them. */
export function caseDocuments(r: CaseRecord, events: CaseEvent[] | undefined): DocRow[] {
  const rows: DocRow[] = [...issuedDocuments(events ?? []).values()];
  const seen = new Set(rows.map((d) => d.id));
  const push = (id: string | null | undefined, name: string, number: string | null, on: string | null) => {
    if (!id || seen.has(id)) return;
    seen.add(id);
    rows.push({ id, name, number, on });
  };
  for (const e of events ?? []) {
    const act = actOfEvent(e.type);
    if (!act) continue;
    const d = e.data;
    push(str(d.documentId), actLabel(act), str(d.number), str(d.on));
  }
  push(r.notice?.documentId, actLabel('notify'), null, r.notice?.on ?? null);
  for (const id of r.hearing?.documentIds ?? []) push(id, actLabel('record-hearing'), null, r.hearing?.heldOn ?? null);
  push(r.discussion?.documentId, actLabel('record-discussion'), null, r.discussion?.on ?? null);
  push(r.decision?.documentId, actLabel(r.decision?.kind === 'no-penalty' ? 'decide-no-penalty' : 'decide'), r.decision?.number ?? null, r.decision?.on ?? null);
  return rows;
}

export function DocumentsTab({ r, events }: { r: CaseRecord; events: CaseEvent[] | undefined }) {
  const { t } = useTranslation();
  const rows = caseDocuments(r, events);
  const columns: TableColumnsType<DocRow> = [
    {
      title: t('cases.documents.name'),
      key: 'name',
      render: (_, d) => (
        <Flex vertical>
          <Typography.Text strong>{d.name}</Typography.Text>
          {d.number && <Typography.Text type="secondary">{d.number}</Typography.Text>}
        </Flex>
      ),
    },
    { title: t('cases.documents.on'), dataIndex: 'on', key: 'on', width: 120, render: (on: string | null) => on ?? '—' },
    { title: t('common.actions'), key: 'links', width: 190, render: (_, d) => <DocumentLinks documentId={d.id} name={d.number ? `${d.name} ${d.number}` : d.name} /> },
  ];
  return (
    <Table<DocRow>
      data-testid="case-documents"
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 480 }}
      locale={{ emptyText: <Empty description={t('cases.documents.empty')} /> }}
    />
  );
}

/* ---- 执行 --------------------------------------------------------------------------------- */

export function ExecutionTab({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const ex = view.case.execution;
  if (!ex) return <Empty description={t('cases.execution.none')} />;
  const method = t(`cases.serveMethods.${ex.serviceMethod}` as never, { defaultValue: ex.serviceMethod });
  const { owed } = view;
  return (
    <Flex vertical gap={16} data-testid="case-execution">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'servedOn', label: t('cases.execution.servedOn'), children: ex.servedOn },
          { key: 'method', label: t('cases.execution.method'), children: method },
          { key: 'dueOn', label: t('cases.execution.dueOn'), children: ex.dueOn ?? '—' },
          { key: 'due', label: t('cases.execution.due'), children: formatYuan(owed.dueFen) },
          { key: 'lateFee', label: t('cases.execution.lateFee'), children: formatYuan(owed.lateFeeFen) },
          { key: 'paid', label: t('cases.execution.paid'), children: formatYuan(ex.paidFen) },
          {
            key: 'outstanding',
            label: t('cases.execution.outstanding'),
            children: (
              <Typography.Text strong type={owed.outstandingFen > 0 ? 'danger' : 'success'} data-testid="outstanding">
                {formatYuan(owed.outstandingFen)}
              </Typography.Text>
            ),
          },
          ...(ex.remindedOn ? [{ key: 'reminded', label: t('cases.execution.remindedOn'), children: ex.remindedOn }] : []),
        ]}
      />
      <Table
        size="small"
        rowKey={(p) => `${p.on}:${p.amountFen}:${p.receiptNo ?? ''}`}
        title={() => <Typography.Text strong>{t('cases.execution.payments')}</Typography.Text>}
        columns={[
          { title: t('cases.execution.paidOn'), dataIndex: 'on', key: 'on', width: 120 },
          { title: t('cases.execution.amount'), dataIndex: 'amountFen', key: 'amount', render: (fen: number) => formatYuan(fen) },
          { title: t('cases.execution.receiptNo'), dataIndex: 'receiptNo', key: 'receipt', render: (no: string | null) => no ?? '—' },
        ]}
        dataSource={ex.payments}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.execution.noPayments')} /> }}
      />
      {ex.remedies.length > 0 && (
        <Descriptions
          title={t('cases.execution.remedies')}
          bordered
          size="small"
          column={1}
          items={ex.remedies.map((m, i) => ({ key: String(i), label: t(`cases.remedies.${m.kind}`), children: `${m.from} — ${m.to ?? t('cases.execution.pending')}` }))}
        />
      )}
    </Flex>
  );
}
