import { Alert, Card, Collapse, Flex, Skeleton, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { DISCLOSURE_KIND_LABELS } from '@shared/disclosures.ts';
import { errorText } from '../../../api/client.ts';
import { publicDisclosuresApi } from '../../../api/disclosures.ts';
import { RouterLink } from '../../../components/RouterLink.tsx';
import { currentLang } from '../../../i18n/index.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { chinaTime, ContentView, useLangKey, type Bi } from './ContentView.tsx';

const T = {
  back: { zh: '返回事前公开', en: 'Back to disclosures' },
  current: { zh: '现行版本', en: 'Current version' },
  removed: { zh: '该事项已撤下，不再公开。原因：', en: 'This item was removed from publication. Reason: ' },
  versions: { zh: '历史版本', en: 'All versions' },
  version: { zh: '第 {n} 版', en: 'Version {n}' },
  publishedAt: { zh: '发布时间', en: 'Published' },
  note: { zh: '说明', en: 'Note' },
  removal: { zh: '撤下', en: 'Removal' },
} satisfies Record<string, Bi>;

const at = (iso: string) => chinaTime(iso);

/** One disclosed item: the version in force and every version published before it. */
export function DisclosureHistoryPage() {
  const lang = useLangKey();
  const { agencyId = '', itemId = '' } = useParams();
  const state = useLoad((signal) => publicDisclosuresApi.item(agencyId, itemId, signal), [agencyId, itemId]);
  if (state.error) return <Alert type="error" message={errorText(state.error, currentLang())} />;
  if (!state.data) return <Skeleton active />;
  const h = state.data;
  const latest = h.versions[h.versions.length - 1]!;
  return (
    <Flex vertical gap={12}>
      <RouterLink to={`/public/disclosures?agency=${encodeURIComponent(agencyId)}&tab=${h.kind}`}>← {T.back[lang]}</RouterLink>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }} data-testid="disclosure-title">
        <Tag>{DISCLOSURE_KIND_LABELS[h.kind][lang]}</Tag>
        {latest.title}
      </Typography.Title>
      {h.current ? (
        <Card size="small" title={`${T.current[lang]}（${T.version[lang].replace('{n}', String(h.current.version))}，${at(h.current.publishedAt)}）`}>
          <ContentView kind={h.kind} content={h.current.content} />
        </Card>
      ) : (
        <Alert type="warning" message={`${T.removed[lang]}${latest.note ?? ''}`} />
      )}
      <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
        {T.versions[lang]}
      </Typography.Title>
      <Collapse
        data-testid="disclosure-versions"
        items={[...h.versions].reverse().map((v) => ({
          key: String(v.version),
          label: (
            <span data-testid="disclosure-version">
              {T.version[lang].replace('{n}', String(v.version))} · {at(v.publishedAt)}
              {v.removal && <Tag color="red" style={{ marginInlineStart: 8 }}>{T.removal[lang]}</Tag>}
              {v.note && <Typography.Text type="secondary"> · {v.note}</Typography.Text>}
            </span>
          ),
          children: v.content ? <ContentView kind={h.kind} content={v.content} /> : <Typography.Text>{v.note}</Typography.Text>,
        }))}
      />
    </Flex>
  );
}
