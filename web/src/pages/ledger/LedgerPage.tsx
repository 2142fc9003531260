import { CheckOutlined, CopyOutlined, DownloadOutlined, LoginOutlined } from '@ant-design/icons';
import { Card, Collapse, Descriptions, Empty, Flex, Spin, Table, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ledgerApi, type Checkpoint, type PublicLog } from '../../api/ledger.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { LoadError } from '../admin/common.tsx';

const PAGE_WIDTH = 1080;

/** The platform's own log has no agency. */
const PLATFORM_FIRST = (a: PublicLog, b: PublicLog) => Number(a.agencyName !== null) - Number(b.agencyName !== null);

function logName(log: PublicLog, t: TFunction): string {
  return log.agencyName ?? t('ledger.logs.platformLog');
}

/** A file name for a saved note: the origin with anything unsafe in a file name replaced. */
function noteFileName(origin: string): string {
  return `${origin.replace(/[^A-Za-z0-9._-]+/g, '_')}.checkpoint.txt`;
}

function Count({ value }: { value: number }) {
  return <>{value.toLocaleString(currentLang())}</>;
}

function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

/** A root hash, shortened on screen; the copy button and the tooltip carry all of it. */
function Root({ root, full = false }: { root: string; full?: boolean }) {
  return (
    <Typography.Text code copyable={{ text: root }} title={root} style={{ whiteSpace: full ? 'normal' : 'nowrap', overflowWrap: 'anywhere' }}>
      {full ? root : `${root.slice(0, 10)}…`}
    </Typography.Text>
  );
}

/** A signed note as signed: line breaks kept, long signature lines wrapped rather than scrolled. */
function Note({ text }: { text: string }) {
  return <pre className="sx-note">{text}</pre>;
}

/** Copies the exact text (the screen may wrap it), with a visible label rather than a bare icon. */
function CopyText({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <Typography.Text
      copyable={{
        text,
        tooltips: false,
        icon: [
          <span key="copy">
            <CopyOutlined /> {t('ledger.copy')}
          </span>,
          <span key="copied">
            <CheckOutlined /> {t('ledger.copied')}
          </span>,
        ],
      }}
    />
  );
}

export function LedgerPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad((signal) => ledgerApi.logs(signal), []);

  return (
    <Flex
      vertical
      align="center"
      style={{
        minHeight: '100vh',
        padding: '16px 12px 48px',
        boxSizing: 'border-box',
        background: 'linear-gradient(180deg, #e6f0ff 0%, #f5f5f5 320px)',
      }}
    >
      <Flex justify="space-between" align="center" gap={8} wrap style={{ width: '100%', maxWidth: PAGE_WIDTH }}>
        <RouterLink to="/login">
          <LoginOutlined /> {t('ledger.toLogin')}
        </RouterLink>
        <LanguageSwitch size="small" />
      </Flex>

      <Flex vertical gap={16} style={{ width: '100%', maxWidth: PAGE_WIDTH, marginTop: 'clamp(16px, 5vh, 48px)' }}>
        <header>
          <Typography.Text type="secondary">{t('app.fullName')}</Typography.Text>
          <Typography.Title level={1} style={{ margin: '4px 0 12px', fontSize: 'clamp(22px, 6vw, 30px)' }}>
            {t('ledger.heading')}
          </Typography.Title>
          <Typography.Paragraph style={{ fontSize: 15, maxWidth: 760, marginBottom: 0 }}>{t('ledger.explanation')}</Typography.Paragraph>
        </header>

        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : loading && !data ? (
          <Spin style={{ display: 'block', margin: '48px auto' }} />
        ) : data ? (
          <>
            <KeyCard keyId={data.keyId} verifierKey={data.verifierKey} />
            <LogsCard logs={data.logs} />
          </>
        ) : null}
      </Flex>
    </Flex>
  );
}

function KeyCard({ keyId, verifierKey }: { keyId: string; verifierKey: string }) {
  const { t } = useTranslation();
  return (
    <Card title={t('ledger.key.title')} size="small">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('ledger.key.hint')}</Typography.Text>
        <Flex align="center" gap={8} wrap>
          <Typography.Text>{t('ledger.key.fingerprint')}</Typography.Text>
          <Typography.Text code copyable={{ text: keyId }} data-testid="key-id" style={{ fontSize: 16 }}>
            {keyId}
          </Typography.Text>
        </Flex>
        <Collapse
          size="small"
          items={[
            {
              key: 'vkey',
              label: t('ledger.key.full'),
              children: (
                <Flex vertical gap={8}>
                  <Note text={verifierKey} />
                  <Flex gap={16} wrap>
                    <CopyText text={verifierKey} />
                    <Typography.Link href={ledgerApi.keyUrl} download="sanxiang.vkey">
                      <DownloadOutlined /> {t('ledger.download')}
                    </Typography.Link>
                  </Flex>
                </Flex>
              ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}

function LogsCard({ logs }: { logs: PublicLog[] }) {
  const { t } = useTranslation();
  const { isLarge } = useScreen();
  const rows = useMemo(() => [...logs].sort(PLATFORM_FIRST), [logs]);

  // A phone shows the name and the count; the rest is one tap away in the expanded row.
  const columns: TableColumnsType<PublicLog> = [
    {
      title: t('ledger.logs.agency'),
      key: 'agency',
      render: (_, log) => (
        <Flex vertical>
          <Typography.Text strong={log.agencyName === null}>{logName(log, t)}</Typography.Text>
          {!isLarge && (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
              {log.origin}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('ledger.logs.origin'),
      dataIndex: 'origin',
      key: 'origin',
      responsive: ['lg'],
      render: (origin: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{origin}</Typography.Text>,
    },
    {
      title: t('ledger.logs.size'),
      dataIndex: 'size',
      key: 'size',
      align: 'end',
      width: 80,
      render: (size: number) => <Count value={size} />,
    },
    {
      title: t('ledger.logs.latest'),
      key: 'latest',
      responsive: ['sm'],
      width: 190,
      render: (_, log) =>
        log.checkpoint ? <When iso={log.checkpoint.createdAt} /> : <Typography.Text type="secondary">{t('ledger.logs.none')}</Typography.Text>,
    },
    {
      title: t('ledger.logs.root'),
      key: 'root',
      responsive: ['md'],
      width: 170,
      render: (_, log) => (log.checkpoint ? <Root root={log.checkpoint.root} /> : <Typography.Text type="secondary">—</Typography.Text>),
    },
  ];

  return (
    <Card title={t('ledger.logs.title')} size="small" styles={{ body: { padding: 0 } }}>
      <Table<PublicLog>
        data-testid="ledger-logs"
        rowKey="log"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        expandable={{ expandedRowRender: (log) => <LogDetail log={log} /> }}
        locale={{ emptyText: <Empty description={t('ledger.logs.empty')} /> }}
      />
    </Card>
  );
}

function LogDetail({ log }: { log: PublicLog }) {
  const { t } = useTranslation();
  const cp = log.checkpoint;
  const name = logName(log, t);
  return (
    <Flex vertical gap={12} style={{ minWidth: 0 }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'origin', label: t('ledger.logs.origin'), children: <Typography.Text style={{ fontFamily: 'monospace' }}>{log.origin}</Typography.Text> },
          { key: 'size', label: t('ledger.logs.size'), children: <Count value={log.size} /> },
          { key: 'latest', label: t('ledger.logs.latest'), children: cp ? <When iso={cp.createdAt} /> : t('ledger.logs.none') },
          { key: 'root', label: t('ledger.logs.root'), children: cp ? <Root root={cp.root} full /> : '—' },
        ]}
      />
      {cp ? (
        <Flex vertical gap={4}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text strong>{t('ledger.note.title')}</Typography.Text>
            <Flex gap={16} wrap>
              <CopyText text={cp.note} />
              <Typography.Link
                href={ledgerApi.latestNoteUrl(log.log)}
                download={noteFileName(log.origin)}
                aria-label={t('ledger.note.downloadLabel', { name })}
              >
                <DownloadOutlined /> {t('ledger.download')}
              </Typography.Link>
            </Flex>
          </Flex>
          <Note text={cp.note} />
        </Flex>
      ) : null}
      <Flex vertical gap={4}>
        <Typography.Text strong>
          {t('ledger.history.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {` · ${t('ledger.history.hint')}`}
          </Typography.Text>
        </Typography.Text>
        <CheckpointHistory log={log} />
      </Flex>
    </Flex>
  );
}

function CheckpointHistory({ log }: { log: PublicLog }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad((signal) => ledgerApi.checkpoints(log.log, signal), [log.log]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <Spin style={{ display: 'block', margin: '16px auto' }} />;

  const columns: TableColumnsType<Checkpoint> = [
    { title: t('ledger.history.createdAt'), key: 'createdAt', render: (_, cp) => <When iso={cp.createdAt} /> },
    { title: t('ledger.logs.size'), dataIndex: 'size', key: 'size', align: 'end', width: 80, render: (size: number) => <Count value={size} /> },
    { title: t('ledger.logs.root'), key: 'root', responsive: ['sm'], render: (_, cp) => <Root root={cp.root} /> },
  ];
  return (
    <Table<Checkpoint>
      data-testid="checkpoint-history"
      size="small"
      bordered
      rowKey={(cp) => `${cp.createdAt}:${cp.size}`}
      columns={columns}
      dataSource={data ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
      expandable={{
        expandedRowRender: (cp) => (
          <Flex vertical gap={4}>
            <CopyText text={cp.note} />
            <Note text={cp.note} />
          </Flex>
        ),
      }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.history.empty')} /> }}
    />
  );
}
