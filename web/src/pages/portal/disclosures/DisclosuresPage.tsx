import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Card, Collapse, DatePicker, Empty, Flex, Input, List, Segmented, Select, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CERTIFICATE_STATUS_LABELS } from '@shared/roles.ts';
import { DISCLOSURE_KIND_LABELS, type DerivedList, type DisclosureKind, type PowerContent, type InspectionItemContent, type PublicStaffMember } from '@shared/disclosures.ts';
import { errorText } from '../../../api/client.ts';
import { publicDisclosuresApi, type PublicDisclosure } from '../../../api/disclosures.ts';
import { derivedListsApi, portalApi } from '../../../api/portal.ts';
import { RouterLink } from '../../../components/RouterLink.tsx';
import { useUrlFilters } from '../../../components/useUrlFilters.ts';
import { currentLang } from '../../../i18n/index.ts';
import { chinaToday, DATE_FORMAT, formatDay, parseDay } from '../../../lib/dates.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { chinaTime, ContentView, useLangKey, type Bi } from './ContentView.tsx';
import { ListHistory } from './ListHistory.tsx';

const T = {
  title: { zh: '事前公开', en: 'Before-enforcement disclosures' },
  intro: {
    zh: '依据《行政处罚法》第三十九条和国办发〔2018〕118号文件，行政执法机关主动公开执法主体、人员、职责、权限、依据、程序、救济渠道和随机抽查事项清单等信息。每项内容经审核发布，历次版本均可查阅。',
    en: 'What the agency publishes before it acts (Art 39; Guideline 118): who enforces, its staff, powers, basis, procedures, remedies and inspection items. Every item is reviewed before publication; every earlier version stays readable.',
  },
  agency: { zh: '执法机关', en: 'Agency' },
  history: { zh: '历史版本', en: 'Version history' },
  version: { zh: '第 {n} 版', en: 'version {n}' },
  search: { zh: '查找事项名称、依据…', en: 'Search names, basis…' },
  none: { zh: '暂无公开内容', en: 'Nothing published' },
  units: { zh: '内设机构', en: 'Internal units' },
  parent: { zh: '上级机关', en: 'Overseen by' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  staffNote: { zh: '执法人员名单来自执法证登记，实时更新；证件状态以当日为准。', en: 'From the certificate register, live; status as of today.' },
  name: { zh: '姓名', en: 'Name' },
  unit: { zh: '内设机构', en: 'Unit' },
  post: { zh: '职务', en: 'Post' },
  fields: { zh: '执法种类', en: 'Fields' },
  cert: { zh: '执法证号', en: 'Certificate' },
  status: { zh: '证件状态', en: 'Status' },
  benchmarksNote: { zh: '依据《行政处罚法》第三十四条公布的行政处罚裁量基准（现行）。', en: 'The discretion benchmarks in force (Art 34).' },
  catalogNote: { zh: '依据《行政处罚法》第五十八条，下列重大执法决定须经法制审核（今日施行的目录）。', en: 'Decisions that need legal review before they are made (Art 58), as in force today.' },
  legalBasis: { zh: '违法依据', en: 'Provision breached' },
  penaltyBasis: { zh: '处罚依据', en: 'Penalty provision' },
  level: { zh: '裁量等次', en: 'Level' },
  circumstances: { zh: '适用情形', en: 'Circumstances' },
  standard: { zh: '处罚标准', en: 'Standard' },
  effective: { zh: '施行日期', en: 'In force from' },
  removed: { zh: '撤下', en: 'removed' },
  changesNote: { zh: '事前公开内容的每次发布（新增、修改、撤下），新的在前。', en: 'Every publication (new, changed, removed), newest first.' },
  current: { zh: '现行', en: 'Current' },
  listHistory: { zh: '历史版本', en: 'Version history' },
  on: { zh: '查看某日的名单', en: 'As on a date' },
  asOf: { zh: '以下为 {d} 当日的名单（证件状态以当日为准）。', en: 'The list as it stood on {d} (statuses as of that day).' },
} satisfies Record<string, Bi>;

/** The lists read live from other modules: each has a 历史版本 view and can be read as on a past date. */
const DERIVED: readonly DerivedList[] = ['profile', 'staff', 'benchmarks', 'catalog'];
const isDerived = (t: Tab): t is Tab & DerivedList => (DERIVED as readonly string[]).includes(t);

type Tab = 'profile' | 'staff' | 'power' | 'inspection-item' | 'flowchart' | 'service-guide' | 'channel' | 'benchmarks' | 'catalog' | 'changes';
const TABS: { key: Tab; label: Bi }[] = [
  { key: 'profile', label: { zh: '机关简介', en: 'Profile' } },
  { key: 'staff', label: { zh: '执法人员', en: 'Staff' } },
  { key: 'power', label: DISCLOSURE_KIND_LABELS.power },
  { key: 'inspection-item', label: { zh: '随机抽查事项', en: 'Inspection items' } },
  { key: 'flowchart', label: { zh: '执法流程', en: 'Flowcharts' } },
  { key: 'service-guide', label: DISCLOSURE_KIND_LABELS['service-guide'] },
  { key: 'channel', label: { zh: '监督投诉', en: 'Complaints' } },
  { key: 'benchmarks', label: { zh: '裁量基准', en: 'Benchmarks' } },
  { key: 'catalog', label: { zh: '法制审核目录', en: 'Review catalog' } },
  { key: 'changes', label: { zh: '变更记录', en: 'Change log' } },
];
const isTab = (s: string | null): s is Tab => TABS.some((t) => t.key === s);

export const disclosureHistoryPath = (agencyId: string, itemId: string) => `/public/disclosures/${encodeURIComponent(agencyId)}/${encodeURIComponent(itemId)}`;
const fmt = (s: string, n: number) => s.replace('{n}', String(n));

/** 事前公开 of one agency, section by section; every item links to its version history. */
export function DisclosuresPage() {
  const lang = useLangKey();
  const { params, setFilter, setFilters } = useUrlFilters<'agency' | 'tab' | 'view' | 'on'>();
  const agencies = useLoad((signal) => portalApi.agencies(signal), []);
  const agencyId = params.get('agency') ?? agencies.data?.[0]?.id ?? null;
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'profile';
  const history = params.get('view') === 'history';
  const on = parseDay(params.get('on')) ? params.get('on') : null;

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 22 }}>
        {T.title[lang]}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {T.intro[lang]}
      </Typography.Paragraph>
      <Select
        data-testid="disclosure-agency"
        aria-label={T.agency[lang]}
        style={{ width: '100%', maxWidth: 420 }}
        loading={agencies.loading}
        value={agencyId ?? undefined}
        options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
        onChange={(v: string) => setFilter('agency', v)}
      />
      {agencies.error ? <Alert type="error" message={errorText(agencies.error, currentLang())} /> : null}
      {agencyId && (
        <Tabs
          activeKey={tab}
          onChange={(k) => setFilters({ tab: k, view: null })}
          items={TABS.map((t) => ({ key: t.key, label: <span data-testid={`disclosure-tab-${t.key}`}>{t.label[lang]}</span> }))}
        />
      )}
      {agencyId && isDerived(tab) && (
        <Flex gap={12} wrap align="center">
          <Segmented
            data-testid="list-view"
            value={history ? 'history' : 'current'}
            options={[
              { value: 'current', label: T.current[lang] },
              { value: 'history', label: <span data-testid="list-history-tab">{T.listHistory[lang]}</span> },
            ]}
            onChange={(v) => setFilter('view', v === 'history' ? 'history' : null)}
          />
          {!history && (
            <DatePicker
              data-testid="list-on"
              aria-label={T.on[lang]}
              placeholder={T.on[lang]}
              format={DATE_FORMAT}
              value={parseDay(on)}
              disabledDate={(d) => d.format(DATE_FORMAT) > chinaToday()}
              onChange={(d) => setFilter('on', formatDay(d))}
            />
          )}
        </Flex>
      )}
      {agencyId && !history && on && isDerived(tab) && <Alert type="info" showIcon message={T.asOf[lang].replace('{d}', on)} data-testid="list-as-of" />}
      {agencyId &&
        (history && isDerived(tab) ? (
          <ListHistory key={`${agencyId}/${tab}`} agencyId={agencyId} list={tab} />
        ) : (
          <Section key={`${agencyId}/${tab}/${on ?? ''}`} agencyId={agencyId} tab={tab} on={on} />
        ))}
    </Flex>
  );
}

function Section({ agencyId, tab, on }: { agencyId: string; tab: Tab; on: string | null }) {
  switch (tab) {
    case 'profile':
      return <ProfileSection agencyId={agencyId} on={on} />;
    case 'staff':
      return <StaffSection agencyId={agencyId} on={on} />;
    case 'benchmarks':
      return <BenchmarksSection agencyId={agencyId} on={on} />;
    case 'catalog':
      return <CatalogSection agencyId={agencyId} on={on} />;
    case 'changes':
      return <ChangesSection agencyId={agencyId} />;
    default:
      return <ItemsSection agencyId={agencyId} kind={tab} />;
  }
}

function Loading<T>({ state, children }: { state: { data: T | undefined; error: unknown; loading: boolean }; children: (data: T) => React.ReactNode }) {
  if (state.error) return <Alert type="error" message={errorText(state.error, currentLang())} />;
  if (state.data === undefined) return <Skeleton active />;
  return <>{children(state.data)}</>;
}

function HistoryLink({ agencyId, item }: { agencyId: string; item: PublicDisclosure }) {
  const lang = useLangKey();
  return (
    <RouterLink to={disclosureHistoryPath(agencyId, item.id)} data-testid="disclosure-history-link">
      <HistoryOutlined /> {T.history[lang]}（{fmt(T.version[lang], item.version)}，{chinaTime(item.publishedAt, true)}）
    </RouterLink>
  );
}

function ProfileSection({ agencyId, on }: { agencyId: string; on: string | null }) {
  const lang = useLangKey();
  const state = useLoad((signal) => derivedListsApi.list(agencyId, 'profile', on, signal), [agencyId, on]);
  return (
    <Loading state={state}>
      {(p) => (
        <Flex vertical gap={12}>
          <Card size="small" title={p.agency.name}>
            <Flex vertical gap={4}>
              {p.agency.parentName && (
                <span>
                  {T.parent[lang]}：{p.agency.parentName}
                </span>
              )}
              {p.agency.creditCode && (
                <span>
                  {T.creditCode[lang]}：{p.agency.creditCode}
                </span>
              )}
              <span>
                {T.units[lang]}：{p.units.map((u) => <Tag key={u}>{u}</Tag>)}
              </span>
            </Flex>
          </Card>
          {p.profile ? (
            <Card size="small" extra={<HistoryLink agencyId={agencyId} item={p.profile} />} title={DISCLOSURE_KIND_LABELS.profile[lang]}>
              <ContentView kind="profile" content={p.profile.content} />
            </Card>
          ) : (
            <Empty description={T.none[lang]} />
          )}
        </Flex>
      )}
    </Loading>
  );
}

function ItemsSection({ agencyId, kind }: { agencyId: string; kind: DisclosureKind }) {
  const lang = useLangKey();
  const [q, setQ] = useState('');
  const state = useLoad((signal) => publicDisclosuresApi.list(agencyId, { kind, q }, signal), [agencyId, kind, q]);
  const searchable = kind === 'power' || kind === 'inspection-item' || kind === 'service-guide';
  const code = (i: PublicDisclosure) => (kind === 'power' || kind === 'inspection-item' ? (i.content as PowerContent | InspectionItemContent).code : null);
  return (
    <Flex vertical gap={12}>
      {searchable && <Input.Search data-testid="disclosure-search" allowClear placeholder={T.search[lang]} onSearch={(v) => setQ(v)} style={{ maxWidth: 420 }} />}
      <Loading state={state}>
        {(items) =>
          items.length === 0 ? (
            <Empty description={T.none[lang]} />
          ) : kind === 'flowchart' || kind === 'profile' ? (
            <Flex vertical gap={12}>
              {items.map((i) => (
                <Card key={i.id} size="small" title={i.title} extra={<HistoryLink agencyId={agencyId} item={i} />} data-testid="disclosure-item">
                  <ContentView kind={i.kind} content={i.content} />
                </Card>
              ))}
            </Flex>
          ) : (
            <Collapse
              items={items.map((i) => ({
                key: i.id,
                label: (
                  <span data-testid="disclosure-item">
                    {code(i) && <Typography.Text type="secondary">{code(i)} </Typography.Text>}
                    {i.title}
                  </span>
                ),
                children: (
                  <Flex vertical gap={8}>
                    <ContentView kind={i.kind} content={i.content} />
                    <HistoryLink agencyId={agencyId} item={i} />
                  </Flex>
                ),
              }))}
            />
          )
        }
      </Loading>
    </Flex>
  );
}

function StaffSection({ agencyId, on }: { agencyId: string; on: string | null }) {
  const lang = useLangKey();
  const state = useLoad((signal) => derivedListsApi.list(agencyId, 'staff', on, signal), [agencyId, on]);
  const color = (s: PublicStaffMember['status']) => (s === 'valid' ? 'green' : s === 'not-yet-valid' ? 'default' : 'red');
  return (
    <Flex vertical gap={8}>
      {!on && <Typography.Text type="secondary">{T.staffNote[lang]}</Typography.Text>}
      <Loading state={state}>
        {(staff) => (
          <Table<PublicStaffMember>
            data-testid="disclosure-staff"
            size="small"
            rowKey="certificateNo"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={staff}
            columns={[
              { title: T.name[lang], dataIndex: 'name' },
              { title: T.unit[lang], dataIndex: 'unit' },
              { title: T.post[lang], dataIndex: 'post' },
              { title: T.fields[lang], dataIndex: 'fields', render: (f: string[]) => f.join('、') },
              { title: T.cert[lang], dataIndex: 'certificateNo' },
              { title: T.status[lang], dataIndex: 'status', render: (s: PublicStaffMember['status']) => <Tag color={color(s)}>{CERTIFICATE_STATUS_LABELS[s][lang]}</Tag> },
            ]}
          />
        )}
      </Loading>
    </Flex>
  );
}

function BenchmarksSection({ agencyId, on }: { agencyId: string; on: string | null }) {
  const lang = useLangKey();
  const state = useLoad((signal) => derivedListsApi.list(agencyId, 'benchmarks', on, signal), [agencyId, on]);
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{T.benchmarksNote[lang]}</Typography.Text>
      <Loading state={state}>
        {(entries) =>
          entries.length === 0 ? (
            <Empty description={T.none[lang]} />
          ) : (
            <Collapse
              items={entries.map((b) => ({
                key: b.code,
                label: (
                  <span>
                    <Typography.Text type="secondary">{b.code} </Typography.Text>
                    {b.violation}
                  </span>
                ),
                children: (
                  <Flex vertical gap={8}>
                    <span>
                      {T.legalBasis[lang]}：{b.legalBasis}
                    </span>
                    <span>
                      {T.penaltyBasis[lang]}：{b.penaltyBasis}
                    </span>
                    <Table
                      size="small"
                      rowKey="name"
                      pagination={false}
                      scroll={{ x: 560 }}
                      dataSource={b.levels}
                      columns={[
                        { title: T.level[lang], dataIndex: 'name', width: 80 },
                        { title: T.circumstances[lang], dataIndex: 'circumstances' },
                        { title: T.standard[lang], dataIndex: 'standard' },
                      ]}
                    />
                  </Flex>
                ),
              }))}
            />
          )
        }
      </Loading>
    </Flex>
  );
}

function CatalogSection({ agencyId, on }: { agencyId: string; on: string | null }) {
  const lang = useLangKey();
  const state = useLoad((signal) => derivedListsApi.list(agencyId, 'catalog', on, signal), [agencyId, on]);
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{T.catalogNote[lang]}</Typography.Text>
      <Loading state={state}>
        {(rules) =>
          rules.length === 0 ? (
            <Empty description={T.none[lang]} />
          ) : (
            <List
              bordered
              size="small"
              dataSource={rules}
              renderItem={(r, i) => (
                <List.Item>
                  <Flex vertical>
                    <span>
                      {i + 1}. {r.label}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.description} · {T.effective[lang]} {r.effectiveFrom}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )
        }
      </Loading>
    </Flex>
  );
}

function ChangesSection({ agencyId }: { agencyId: string }) {
  const lang = useLangKey();
  const state = useLoad((signal) => publicDisclosuresApi.changes(agencyId, undefined, signal), [agencyId]);
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{T.changesNote[lang]}</Typography.Text>
      <Loading state={state}>
        {(changes) => (
          <List
            bordered
            size="small"
            dataSource={changes}
            renderItem={(c) => (
              <List.Item>
                <Flex vertical>
                  <span>
                    <Tag>{DISCLOSURE_KIND_LABELS[c.kind][lang]}</Tag>
                    <RouterLink to={disclosureHistoryPath(agencyId, c.itemId)}>{c.title}</RouterLink> · {fmt(T.version[lang], c.version)}
                    {c.removal && <Tag color="red">{T.removed[lang]}</Tag>}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {chinaTime(c.publishedAt, true)}
                    {c.note ? ` · ${c.note}` : ''}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Loading>
    </Flex>
  );
}
