import { SearchOutlined, TeamOutlined } from '@ant-design/icons';
import { CERTIFICATE_STATUS_LABELS } from '@shared/roles.ts';
import { Alert, Card, Empty, Flex, Input, Select, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { officerCardsApi, type OfficerLookupItem } from '../../api/officerCards.ts';
import { portalApi } from '../../api/portal.ts';
import { currentLang, sharedKey } from '../../i18n/index.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { LoadError } from '../admin/common.tsx';

const STATUS_COLOR: Record<OfficerLookupItem['status'], string> = {
  valid: 'green',
  'not-yet-valid': 'blue',
  expired: 'red',
  suspended: 'red',
  revoked: 'red',
  none: 'default',
};

/**
 * 执法人员查询: anyone may look up an officer by name or certificate number (or list an agency's
 * officers) and see the certificate's live status. Shows only name, unit, agency, post, fields,
 * number and status. The query lives in the URL so a result can be shared.
 */
export function OfficerLookupPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const agencyId = params.get('agencyId') ?? '';
  const [text, setText] = useState(q);
  const agencies = useLoad((signal) => portalApi.agencies(signal).catch(() => []), []);
  const asked = Boolean(q.trim() || agencyId);
  const result = useLoad((signal) => (asked ? officerCardsApi.lookup({ q: q.trim() || null, agencyId: agencyId || null }, signal) : Promise.resolve(null)), [q, agencyId]);

  const set = (key: 'q' | 'agencyId', value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          <TeamOutlined /> {t('officerCards.lookup.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('officerCards.lookup.intro')}</Typography.Text>
      </Flex>
      <Flex gap={8} wrap>
        <Input.Search
          data-testid="officer-lookup-q"
          allowClear
          enterButton={<SearchOutlined aria-label={t('officerCards.lookup.search')} />}
          placeholder={t('officerCards.lookup.placeholder')}
          aria-label={t('officerCards.lookup.placeholder')}
          value={text}
          maxLength={50}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => set('q', v.trim())}
          style={{ flex: '1 1 240px' }}
        />
        {(agencies.data?.length ?? 0) > 0 && (
          <Select
            allowClear
            aria-label={t('officerCards.lookup.agency')}
            placeholder={t('officerCards.lookup.allAgencies')}
            value={agencyId || undefined}
            onChange={(v: string | undefined) => set('agencyId', v ?? '')}
            options={agencies.data!.map((a) => ({ value: a.id, label: a.name }))}
            style={{ flex: '1 1 200px' }}
          />
        )}
      </Flex>
      <Results loading={result.loading} error={result.error} reload={result.reload} data={result.data} asked={asked} />
    </Flex>
  );
}

function Results({ loading, error, reload, data, asked }: { loading: boolean; error: unknown; reload: () => void; data: { items: OfficerLookupItem[]; more: boolean } | null | undefined; asked: boolean }) {
  const { t } = useTranslation();
  const lang = sharedKey(currentLang());
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!asked) return <Empty description={t('officerCards.lookup.prompt')} />;
  if (loading && !data) return <Skeleton active />;
  if (!data || data.items.length === 0) return <Empty description={t('officerCards.lookup.empty')} />;
  return (
    <Flex vertical gap={8} data-testid="officer-lookup-results">
      <Typography.Text type="secondary">{t('officerCards.lookup.count', { count: data.items.length })}</Typography.Text>
      {data.more && <Alert type="info" showIcon title={t('officerCards.lookup.more', { count: data.items.length })} />}
      {data.items.map((o) => (
        <Card key={o.certificateNo} size="small" data-testid="officer-lookup-item">
          <Flex justify="space-between" align="flex-start" gap={8} wrap>
            <Flex vertical gap={2}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {o.name}
                {o.post && (
                  <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 8 }}>
                    {o.post}
                  </Typography.Text>
                )}
              </Typography.Text>
              <Typography.Text type="secondary">{[o.agency, o.unit].filter(Boolean).join(' · ')}</Typography.Text>
            </Flex>
            <Tag color={STATUS_COLOR[o.status]} style={{ marginInlineEnd: 0 }} data-certificate-status={o.status}>
              {CERTIFICATE_STATUS_LABELS[o.status][lang]}
            </Tag>
          </Flex>
          <Flex gap={4} wrap style={{ marginTop: 6 }} align="center">
            <Typography.Text style={{ fontSize: 13 }}>
              {t('officerCards.verify.fields.certificateNo')}：{o.certificateNo}
            </Typography.Text>
            {o.fields.map((f) => (
              <Tag key={f} style={{ marginInlineEnd: 0 }}>
                {f}
              </Tag>
            ))}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
