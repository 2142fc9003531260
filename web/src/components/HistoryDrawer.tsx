import { Alert, Button, Descriptions, Drawer, Empty, Flex, Spin, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client.ts';
import type { HistoryEntry } from '../api/history.ts';
import i18n, { currentLang } from '../i18n/index.ts';
import { formatDateTime } from '../lib/dates.ts';
import { useLoad } from '../lib/useLoad.ts';
import { useScreen } from './useScreen.ts';

/** Presents one field of one kind of object: its name and its values. */
export interface FieldPresenter {
  label: (field: string) => string;
  /** A value as people read it (names for ids, labels for codes); undefined for the default. */
  value?: (field: string, value: unknown) => ReactNode | undefined;
}

/** The plain rendering of a value: empty, yes/no, lists joined with 、. */
export function plainValue(value: unknown, t: TFunction): ReactNode {
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">{t('history.emptyValue')}</Typography.Text>;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) {
    if (value.length === 0) return <Typography.Text type="secondary">{t('history.emptyValue')}</Typography.Text>;
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Event types this build can name; others show their code. */
function typeLabel(type: string, t: TFunction): string {
  const key = `history.types.${type}`;
  return i18n.exists(key) ? t(key as never) : type;
}

/** Data keys that are bookkeeping rather than content. */
const SKIPPED_DATA = new Set(['id', 'changes', 'reason']);

function EntryBody({ entry, presenter }: { entry: HistoryEntry; presenter: FieldPresenter }) {
  const { t } = useTranslation();
  const show = (field: string, value: unknown) => presenter.value?.(field, value) ?? plainValue(value, t);
  const { changes, reason } = entry.data;
  const changeList = changes ? Object.entries(changes) : [];
  // An event without a before/after (a registration, a creation) records the values it set.
  const recorded = changes ? [] : Object.entries(entry.data).filter(([key]) => !SKIPPED_DATA.has(key));

  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </Typography.Text>
      <Typography.Text>
        <Typography.Text strong>{typeLabel(entry.type, t)}</Typography.Text>
        <Typography.Text type="secondary">{` · ${t('history.by', { name: entry.actor.name })}`}</Typography.Text>
      </Typography.Text>
      {reason ? <Typography.Text>{t('history.reason', { reason })}</Typography.Text> : null}
      {changeList.length > 0 && (
        <ul className="sx-history-changes" aria-label={t('history.changes')}>
          {changeList.map(([field, change]) => (
            <li key={field}>
              <Typography.Text type="secondary">{t('history.fieldLabel', { label: presenter.label(field) })}</Typography.Text>
              <span>{show(field, change.before)}</span>
              <span aria-label={t('history.changedTo')}> → </span>
              <Typography.Text strong>{show(field, change.after)}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {recorded.length > 0 && (
        <Descriptions
          size="small"
          column={1}
          items={recorded.map(([field, value]) => ({ key: field, label: presenter.label(field), children: show(field, value) }))}
        />
      )}
    </Flex>
  );
}

function HistoryList({ load, presenter }: { load: (signal: AbortSignal) => Promise<HistoryEntry[]>; presenter: FieldPresenter }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(load, []);
  if (error) {
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(error, currentLang())}
        action={
          <Button size="small" onClick={reload}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (loading && !data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (!data || data.length === 0) return <Empty description={t('history.empty')} />;
  // Newest first: the question is usually "what happened lately".
  const entries = [...data].reverse();
  return (
    <Timeline
      items={entries.map((entry) => ({
        key: `${entry.log}:${entry.seq}`,
        content: <EntryBody entry={entry} presenter={presenter} />,
      }))}
    />
  );
}

interface HistoryDrawerProps {
  /** Whose history; null keeps the drawer closed. */
  subject: { id: string; name: string } | null;
  onClose: () => void;
  load: (id: string, signal: AbortSignal) => Promise<HistoryEntry[]>;
  presenter: FieldPresenter;
}

/** 变更记录: every recorded change of one object, with who, when, why and before → after. */
export function HistoryDrawer({ subject, onClose, load, presenter }: HistoryDrawerProps) {
  const { t } = useTranslation();
  const { isWide } = useScreen();
  return (
    <Drawer
      title={subject ? t('history.title', { name: subject.name }) : ''}
      open={subject !== null}
      onClose={onClose}
      size={isWide ? 560 : '100%'}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
    >
      {subject && <HistoryList key={subject.id} load={(signal) => load(subject.id, signal)} presenter={presenter} />}
    </Drawer>
  );
}
