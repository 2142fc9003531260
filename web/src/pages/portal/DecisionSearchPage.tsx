import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Flex, Input, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PUBLICATION_KINDS, type PublicationKind, type PublishedDecisionListItem } from '@shared/publications.ts';
import { PORTAL_COUNT_CAP } from '@shared/portal.ts';
import { portalApi, type DecisionSearchQuery } from '../../api/portal.ts';
import { errorText } from '../../api/client.ts';
import { useScreen } from '../../components/useScreen.ts';
import { currentLang } from '../../i18n/index.ts';
import { DATE_FORMAT, formatDay, parseDay } from '../../lib/dates.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { LoadError } from '../admin/common.tsx';
import { DecisionCard, kindLabel } from './common.tsx';

const FILTERS = ['q', 'agencyId', 'kind', 'from', 'to'] as const;

function queryOf(params: URLSearchParams): DecisionSearchQuery {
  const q: DecisionSearchQuery = {};
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v) (q as Record<string, string>)[k] = v;
  }
  return q;
}

/** 执法决定公示: keyword (Chinese full text), agency, kind, date range; "1000+" when the count is capped; more by cursor. */
export function DecisionSearchPage() {
  const { t } = useTranslation();
  const { isWide } = useScreen();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const key = FILTERS.map((k) => params.get(k) ?? '').join('\u0001');
  const [keyword, setKeyword] = useState(query.q ?? '');
  const first = useLoad((signal) => portalApi.search(query, signal), [key]);
  const agencies = useLoad((signal) => portalApi.agencies(signal), []);
  const [more, setMore] = useState<{ items: PublishedDecisionListItem[]; next: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  useEffect(() => {
    setMore(null);
    setMoreError(null);
    setKeyword(query.q ?? '');
  }, [key]);

  const set = (name: (typeof FILTERS)[number], value: string | null | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: name !== 'q' },
    );

  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : (first.data?.next ?? null);

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await portalApi.search({ ...query, after: next });
      setMore({ items: [...(more?.items ?? []), ...page.items], next: page.next });
      setMoreError(null);
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 'clamp(18px, 5vw, 24px)' }}>
        {t('portal.titles.decisions')}
      </Typography.Title>
      <Input.Search
        size="large"
        value={keyword}
        onChange={(e) => setKeyword(e.target.value)}
        enterButton={t('portal.search.submit')}
        placeholder={t('portal.search.keywordPlaceholder')}
        aria-label={t('portal.search.keyword')}
        data-testid="decision-search"
        allowClear
        onSearch={(q) => set('q', q.trim())}
      />
      <Flex gap={8} wrap>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={query.agencyId}
          onChange={(v: string | undefined) => set('agencyId', v)}
          options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          placeholder={t('portal.search.allAgencies')}
          aria-label={t('portal.search.agency')}
          style={{ flex: '1 1 200px', maxWidth: isWide ? 280 : undefined }}
        />
        <Select
          allowClear
          value={query.kind}
          onChange={(v: PublicationKind | undefined) => set('kind', v)}
          options={PUBLICATION_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          placeholder={t('portal.search.allKinds')}
          aria-label={t('portal.search.kind')}
          style={{ flex: '1 1 120px', maxWidth: isWide ? 160 : undefined }}
        />
        <DatePicker.RangePicker
          value={[parseDay(query.from), parseDay(query.to)]}
          format={DATE_FORMAT}
          inputReadOnly={!isWide}
          allowEmpty={[true, true]}
          aria-label={t('portal.search.dateRange')}
          placeholder={[t('portal.search.from'), t('portal.search.to')]}
          onChange={(range) =>
            setParams(
              (prev) => {
                const n = new URLSearchParams(prev);
                const [from, to] = [formatDay(range?.[0] ?? null), formatDay(range?.[1] ?? null)];
                if (from) n.set('from', from);
                else n.delete('from');
                if (to) n.set('to', to);
                else n.delete('to');
                return n;
              },
              { replace: true },
            )
          }
          style={{ flex: '1 1 240px', maxWidth: isWide ? 300 : undefined }}
        />
      </Flex>

      {first.error ? (
        <LoadError error={first.error} onRetry={first.reload} />
      ) : !first.data ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : (
        <>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text data-testid="result-count" aria-live="polite">
              {first.data.capped ? t('portal.search.countCapped', { count: PORTAL_COUNT_CAP }) : t('portal.search.count', { count: first.data.count })}
            </Typography.Text>
            {first.data.count > 0 && (
              <Typography.Link href={portalApi.csvUrl(query)} download>
                <DownloadOutlined /> {t('portal.search.downloadCsv')}
              </Typography.Link>
            )}
          </Flex>
          {items.length === 0 ? (
            <Empty description={t('portal.search.noResults')} />
          ) : (
            <Flex vertical gap={8} data-testid="decision-results">
              {items.map((item) => (
                <DecisionCard key={item.id} item={item} />
              ))}
            </Flex>
          )}
          {moreError ? <Typography.Text type="danger">{errorText(moreError, currentLang())}</Typography.Text> : null}
          {next && (
            <Button block loading={loadingMore} onClick={() => void loadMore()} data-testid="load-more">
              {t('portal.search.loadMore')}
            </Button>
          )}
        </>
      )}
    </Flex>
  );
}
