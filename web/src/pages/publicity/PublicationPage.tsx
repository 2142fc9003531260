import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, List, Modal, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { PublicationAction, PublicationRedaction, PublicationView, PublishedDecision } from '@shared/publications.ts';
import { PENALTY_KIND_LABELS } from '@shared/cases.ts';
import { publicationsApi } from '../../api/publications.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { currentLang, sharedKey } from '../../i18n/index.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { LoadError, PageHeader } from '../admin/common.tsx';
import { caseErrorText } from '../cases/formParts.tsx';
import { PublicationStatusTag, redactionKindLabel, TimelinessTag } from './publicationFormat.tsx';

export function PublicationPage() {
  return (
    <RequireAudience audience={AUDIENCES.publicity}>
      <PublicationWorkspace />
    </RequireAudience>
  );
}

type ReasonAction = 'return' | 'correct' | 'withdraw' | 'require-withdrawal' | 'redact' | 'unredact';

/**
 * 公示编辑 — one publication: the 决定书 as served with every redaction highlighted (kind, reason,
 * automatic or by an editor), selecting text to add a redaction, the public preview exactly as it
 * will be published, the workflow actions this user may take now, and the public version history.
 */
function PublicationWorkspace() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const loaded = useLoad((signal) => publicationsApi.get(id, signal), [id]);
  const [view, setView] = useState<PublicationView | null>(null);
  const v = view && view.publication.id === id ? view : (loaded.data ?? null);
  const [dialog, setDialog] = useState<ReasonAction | null>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const [unredacting, setUnredacting] = useState<PublicationRedaction | null>(null);
  const [busy, setBusy] = useState(false);

  if (loaded.error && !v) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!v) return <Spin />;
  const r = v.publication;
  const may = (a: PublicationAction) => v.allowed.includes(a);

  async function run(call: () => Promise<PublicationView>, done: string) {
    setBusy(true);
    try {
      setView(await call());
      void message.success(done);
      setDialog(null);
      setSelection(null);
    } catch (err) {
      void message.error(caseErrorText(err).title);
      loaded.reload();
      setView(null);
    } finally {
      setBusy(false);
    }
  }

  const withoutSpan = (span: PublicationRedaction, note: string) => run(() => publicationsApi.edit(r, { redactions: r.redactions.filter((x) => x !== span), note }), t('publications.saved'));
  // Taking back an automatic redaction needs a reason, which the approver sees (the server insists too).
  const removeRedaction = (span: PublicationRedaction) => {
    if (span.by !== 'auto') return withoutSpan(span, t('publications.redactionRemoved'));
    setUnredacting(span);
    setDialog('unredact');
  };

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={`${t('nav.publicationDetail')}：${r.fields.number || t('publications.noNumber')}`}
        extra={
          <>
            {may('submit') && (
              <Button type="primary" loading={busy} onClick={() => run(() => publicationsApi.submit(r), t('publications.submitted'))}>
                {t('publications.actions.submit')}
              </Button>
            )}
            {may('approve') && (
              <Button type="primary" loading={busy} onClick={() => run(() => publicationsApi.approve(r), t('publications.published'))}>
                {t('publications.actions.approve')}
              </Button>
            )}
            {may('return') && <Button onClick={() => setDialog('return')}>{t('publications.actions.return')}</Button>}
            {may('correct') && <Button onClick={() => setDialog('correct')}>{t('publications.actions.correct')}</Button>}
            {may('require-withdrawal') && <Button onClick={() => setDialog('require-withdrawal')}>{t('publications.actions.requireWithdrawal')}</Button>}
            {may('withdraw') && (
              <Button danger onClick={() => setDialog('withdraw')}>
                {t('publications.actions.withdraw')}
              </Button>
            )}
          </>
        }
      />
      <Flex gap={8} wrap align="center">
        <PublicationStatusTag status={r.status} />
        <TimelinessTag value={v.timeliness} />
        <span>{r.publishedOn ? `${t('publications.publishedOnLabel')}：${r.publishedOn}` : `${t('publications.dueOnLabel')}：${r.publishDueOn}`}</span>
        {r.caseId && <RouterLink to={`/cases/${r.caseId}`}>{t('publications.openCase')}</RouterLink>}
      </Flex>
      {v.overdue && <Alert type="error" showIcon title={r.withdrawalRequired ? t('publications.withdrawalOverdue', { due: r.withdrawalRequired.dueOn }) : t('publications.publishOverdue', { due: r.publishDueOn })} />}
      {r.withdrawalRequired && !r.withdrawal && !v.overdue && <Alert type="warning" showIcon title={t('publications.withdrawalDue', { due: r.withdrawalRequired.dueOn, reason: r.withdrawalRequired.reason })} />}
      {r.returned && r.status === 'draft' && <Alert type="warning" showIcon title={t('publications.returnedBecause', { by: r.returned.by, reason: r.returned.reason })} />}
      {r.correction && <Alert type="info" showIcon title={t('publications.correctionInProgress', { reason: r.correction.reason })} />}
      {r.withdrawal && <Alert type="error" showIcon title={t('publications.withdrawnNotice', { on: r.withdrawal.withdrawnOn, reason: r.withdrawal.reason })} />}
      {may('approve') === false && r.status === 'in-review' && <Alert type="info" showIcon title={t('publications.fourEyes')} />}

      <Card title={t('publications.sourceTitle')} extra={may('redact') && <Typography.Text type="secondary">{t('publications.selectHint')}</Typography.Text>}>
        <RedactedSource text={r.sourceText} spans={r.redactions} onSelect={may('redact') ? setSelection : undefined} />
        {selection && may('redact') && (
          <Flex gap={8} align="center" wrap style={{ marginTop: 12 }}>
            <Typography.Text>
              {t('publications.selected')}：<Typography.Text mark>{r.sourceText.slice(selection.start, selection.end)}</Typography.Text>
            </Typography.Text>
            <Button type="primary" onClick={() => setDialog('redact')}>
              {t('publications.actions.redact')}
            </Button>
            <Button onClick={() => setSelection(null)}>{t('common.cancel')}</Button>
          </Flex>
        )}
      </Card>

      {(r.removedAuto?.length ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('publications.removedAutoTitle', { n: r.removedAuto!.length })}
          description={r.removedAuto!.map((x) => `${redactionKindLabel(x.kind)}“${r.sourceText.slice(x.start, x.end)}”：${x.reason}`).join('；')}
        />
      )}
      <Card title={t('publications.redactionsTitle', { n: r.redactions.length })}>
        <Table<PublicationRedaction>
          rowKey={(x) => `${x.start}-${x.end}`}
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={r.redactions}
          locale={{ emptyText: <Empty description={t('publications.noRedactions')} /> }}
          columns={[
            { title: t('publications.redactionKind'), key: 'kind', render: (_: unknown, x) => <Tag color={x.by === 'auto' ? 'blue' : 'purple'}>{redactionKindLabel(x.kind)}</Tag> },
            { title: t('publications.redactedText'), key: 'text', render: (_: unknown, x) => <Typography.Text mark>{r.sourceText.slice(x.start, x.end)}</Typography.Text> },
            { title: t('publications.redactionReason'), dataIndex: 'reason' },
            { title: t('publications.redactionBy'), key: 'by', render: (_: unknown, x) => (x.by === 'auto' ? t('publications.auto') : t('publications.editor')) },
            ...(may('edit')
              ? [
                  {
                    title: t('common.actions'),
                    key: 'remove',
                    render: (_: unknown, x: PublicationRedaction) => (
                      <Button size="small" type="link" onClick={() => removeRedaction(x)}>
                        {t('publications.removeRedaction')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card title={r.status === 'published' ? t('publications.publicTitle') : t('publications.previewTitle')}>
        <PublicPreview d={v.preview} />
      </Card>

      <Card title={t('publications.versionsTitle')}>
        {v.versions.length === 0 ? (
          <Empty description={t('publications.noVersions')} />
        ) : (
          <List
            dataSource={v.versions}
            renderItem={(x) => (
              <List.Item>
                <Flex gap={8} wrap>
                  <Tag>{t('publications.versionN', { n: x.version })}</Tag>
                  <span>{x.publishedOn}</span>
                  {x.reason && <span>{t('publications.correctionReason', { reason: x.reason })}</span>}
                  <Typography.Text type="secondary">
                    {t('publications.ledgerRef', { seq: x.seq })}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>

      {dialog && (
        <ReasonDialog
          action={dialog}
          busy={busy}
          onCancel={() => setDialog(null)}
          onOk={(reason, on) => {
            switch (dialog) {
              case 'redact':
                return run(() => publicationsApi.redact(r, { start: selection!.start, end: selection!.end, reason }), t('publications.saved'));
              case 'return':
                return run(() => publicationsApi.returnToDraft(r, reason), t('publications.saved'));
              case 'correct':
                return run(() => publicationsApi.correct(r, reason), t('publications.saved'));
              case 'require-withdrawal':
                return run(() => publicationsApi.requireWithdrawal(r, { reason, ...(on ? { on } : {}) }), t('publications.saved'));
              case 'withdraw':
                return run(() => publicationsApi.withdraw(r, reason), t('publications.withdrawn'));
              case 'unredact':
                return withoutSpan(unredacting!, reason);
            }
          }}
        />
      )}
    </Flex>
  );
}

/** The source text with each redaction highlighted; a selection reports its [start, end) in the text. */
function RedactedSource({ text, spans, onSelect }: { text: string; spans: readonly PublicationRedaction[]; onSelect?: (s: { start: number; end: number } | null) => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const parts: ReactNode[] = [];
  let at = 0;
  const plain = (from: number, to: number) => (
    <span key={`p${from}`} data-offset={from}>
      {text.slice(from, to)}
    </span>
  );
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start > at) parts.push(plain(at, s.start));
    parts.push(
      <mark
        key={`r${s.start}`}
        data-offset={s.start}
        data-redaction={s.kind}
        title={`${redactionKindLabel(s.kind)}（${s.by === 'auto' ? t('publications.auto') : t('publications.editor')}）：${s.reason}`}
        style={{ background: s.by === 'auto' ? '#bae0ff' : '#efdbff', borderRadius: 2, padding: '0 1px' }}
      >
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  if (at < text.length) parts.push(plain(at, text.length));

  function offsetOf(node: Node | null, offset: number): number | null {
    let el: Node | null = node;
    while (el && !(el instanceof HTMLElement && el.dataset.offset !== undefined)) el = el.parentNode;
    if (!el || !(el instanceof HTMLElement) || !box.current?.contains(el)) return null;
    return Number(el.dataset.offset) + offset;
  }
  function handleSelection() {
    if (!onSelect) return;
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !box.current?.contains(sel.anchorNode)) return;
    const a = offsetOf(sel.anchorNode, sel.anchorOffset);
    const b = offsetOf(sel.focusNode, sel.focusOffset);
    if (a === null || b === null || a === b) return;
    onSelect({ start: Math.min(a, b), end: Math.max(a, b) });
  }

  // A selection made with a phone's handles or the keyboard ends without a mouse-up: follow the document's selection too.
  useEffect(() => {
    if (!onSelect) return;
    document.addEventListener('selectionchange', handleSelection);
    return () => document.removeEventListener('selectionchange', handleSelection);
  });

  return (
    <div ref={box} data-testid="publication-source" onMouseUp={handleSelection} onTouchEnd={handleSelection} style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, fontSize: 15 }}>
      {parts}
    </div>
  );
}

function PublicPreview({ d }: { d: PublishedDecision }) {
  const { t } = useTranslation();
  const lang = sharedKey(currentLang());
  const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`);
  return (
    <Flex vertical gap={12}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'number', label: t('publications.number'), children: d.number },
          { key: 'agency', label: t('publications.agency'), children: d.agencyName },
          { key: 'party', label: t('publications.party'), children: d.party.name },
          ...(d.party.kind === 'organisation'
            ? [
                { key: 'credit', label: t('publications.creditCode'), children: d.party.creditCode ?? '—' },
                { key: 'rep', label: t('publications.representative'), children: d.party.representative ?? '—' },
              ]
            : []),
          { key: 'cause', label: t('publications.cause'), children: d.cause },
          { key: 'kinds', label: t('publications.penaltyKinds'), children: d.penaltyKinds.map((k) => PENALTY_KIND_LABELS[k][lang]).join('、') },
          { key: 'content', label: t('publications.penaltyContent'), children: d.penaltyContent },
          { key: 'fine', label: t('publications.fine'), children: yuan(d.fineFen) },
          { key: 'decided', label: t('publications.decidedOn'), children: d.decidedOn },
          { key: 'until', label: t('publications.publicUntil'), children: d.publicUntil },
          { key: 'facts', label: t('publications.facts'), children: d.facts, span: 'filled' },
          { key: 'basis', label: t('publications.basis'), children: d.basis, span: 'filled' },
        ]}
      />
      <Typography.Title level={5}>{t('publications.publicText')}</Typography.Title>
      <div data-testid="publication-preview" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9 }}>
        {d.text}
      </div>
    </Flex>
  );
}

function ReasonDialog({ action, busy, onCancel, onOk }: { action: ReasonAction; busy: boolean; onCancel: () => void; onOk: (reason: string, on?: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason?: string; on?: { format: (f: string) => string } }>();
  const key = action === 'require-withdrawal' ? 'requireWithdrawal' : action;
  return (
    <Modal open title={t(`publications.dialogs.${key}.title`)} okText={t(`publications.dialogs.${key}.ok`)} onOk={() => form.submit()} onCancel={onCancel} confirmLoading={busy} mask={{ closable: false }}>
      <Form form={form} layout="vertical" onFinish={(v) => onOk((v.reason ?? '').trim(), v.on ? v.on.format('YYYY-MM-DD') : undefined)}>
        {action === 'require-withdrawal' && (
          <Form.Item name="on" label={t('publications.dialogs.requireWithdrawal.on')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t(`publications.dialogs.${key}.reason`)} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
