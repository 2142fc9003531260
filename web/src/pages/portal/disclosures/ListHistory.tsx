import { Alert, Button, Empty, Flex, List, Skeleton, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { CERTIFICATE_STATUS_LABELS } from '@shared/roles.ts';
import { errorText } from '../../../api/client.ts';
import type { DerivedList, ListChange, ListChangeKind, ListEntryOf, PublicBenchmark, PublicCatalogRule, PublicProfileEntry, PublicStaffMember } from '@shared/disclosures.ts';
import { derivedListsApi } from '../../../api/portal.ts';
import { currentLang } from '../../../i18n/index.ts';
import { chinaTime, useLangKey, type Bi } from './ContentView.tsx';

const T = {
  intro: {
    zh: '名单的每一次变更，新的在前；只显示公开的信息。',
    en: 'Every change of this list, newest first; only what the list publishes is shown.',
  },
  more: { zh: '加载更早的变更', en: 'Load earlier changes' },
  none: { zh: '暂无变更记录', en: 'No changes recorded' },
  version: { zh: '第 {n} 版', en: 'version {n}' },
  reason: { zh: '说明', en: 'Reason' },
  unit: { zh: '内设机构', en: 'Unit' },
  agency: { zh: '本机关', en: 'Agency' },
  levels: { zh: '裁量等次', en: 'Levels' },
  level: { zh: '等次', en: 'Level' },
  circumstances: { zh: '适用情形', en: 'Circumstances' },
  standard: { zh: '处罚标准', en: 'Standard' },
  from: { zh: '施行', en: 'in force from' },
  to: { zh: '止', en: 'until' },
  empty: { zh: '（空）', en: '(none)' },
} satisfies Record<string, Bi>;

const CHANGE_LABELS: Record<ListChangeKind, Bi & { color: string }> = {
  added: { zh: '新增', en: 'Added', color: 'green' },
  changed: { zh: '变更', en: 'Changed', color: 'blue' },
  suspended: { zh: '暂扣执法证', en: 'Certificate suspended', color: 'orange' },
  reinstated: { zh: '恢复执法证', en: 'Certificate reinstated', color: 'green' },
  revoked: { zh: '吊销执法证', en: 'Certificate revoked', color: 'red' },
  renewed: { zh: '换发执法证', en: 'Certificate renewed', color: 'cyan' },
  removed: { zh: '不再列入', en: 'Removed', color: 'default' },
  retired: { zh: '废止', en: 'Retired', color: 'red' },
};

/** The public fields of each list, in the order a change names them. */
const FIELD_LABELS: Record<string, Bi> = {
  name: { zh: '名称', en: 'Name' },
  unit: { zh: '内设机构', en: 'Unit' },
  post: { zh: '职务', en: 'Post' },
  fields: { zh: '执法种类', en: 'Fields' },
  certificateNo: { zh: '执法证号', en: 'Certificate' },
  status: { zh: '证件状态', en: 'Status' },
  code: { zh: '编号', en: 'Code' },
  field: { zh: '执法领域', en: 'Field' },
  violation: { zh: '违法行为', en: 'Violation' },
  legalBasis: { zh: '违法依据', en: 'Provision breached' },
  penaltyBasis: { zh: '处罚依据', en: 'Penalty provision' },
  levels: { zh: '裁量等次', en: 'Levels' },
  label: { zh: '规则', en: 'Rule' },
  description: { zh: '内容', en: 'Content' },
  effectiveFrom: { zh: '施行日期', en: 'In force from' },
  effectiveTo: { zh: '终止日期', en: 'In force until' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  parentName: { zh: '上级机关', en: 'Overseen by' },
};

/**
 * 历史版本 of a derived list (执法人员名单, 裁量基准, 法制审核目录, 本机关与内设机构): every change
 * the modules that keep the list recorded, newest first, a page at a time.
 */
export function ListHistory<L extends DerivedList>({ agencyId, list }: { agencyId: string; list: L }) {
  const lang = useLangKey();
  const [items, setItems] = useState<ListChange<ListEntryOf[L]>[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  // Pressing 加载更多 again after a failure asks for the same page again.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    derivedListsApi.history(agencyId, list, after, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setNext(page.next);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [agencyId, list, after, attempt]);

  // A failed first page replaces the view; a failed later page keeps what was loaded, with the error below it.
  if (error && items.length === 0) return <Alert type="error" message={errorText(error, currentLang())} />;
  if (loading && items.length === 0) return <Skeleton active />;
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{T.intro[lang]}</Typography.Text>
      {items.length === 0 ? (
        <Empty description={T.none[lang]} />
      ) : (
        <List
          data-testid="list-history"
          bordered
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item data-testid="list-change">
              <ChangeView list={list} change={c} />
            </List.Item>
          )}
        />
      )}
      {error !== null && <Alert type="error" message={errorText(error, currentLang())} />}
      {next && (
        <Button
          data-testid="list-history-more"
          loading={loading}
          onClick={() => {
            setAfter(next);
            setAttempt((n) => n + 1);
          }}
          style={{ alignSelf: 'center' }}
        >
          {T.more[lang]}
        </Button>
      )}
    </Flex>
  );
}

function ChangeView<L extends DerivedList>({ list, change: c }: { list: L; change: ListChange<ListEntryOf[L]> }) {
  const lang = useLangKey();
  const label = CHANGE_LABELS[c.change];
  return (
    <Flex vertical gap={4} style={{ width: '100%' }}>
      <span>
        <Tag color={label.color}>{label[lang]}</Tag>
        <Title list={list} entry={c.entry} />
        {c.version !== null && <Typography.Text type="secondary"> · {T.version[lang].replace('{n}', String(c.version))}</Typography.Text>}
      </span>
      {c.change === 'added' ? (
        <Summary list={list} entry={c.entry} />
      ) : (
        c.changed.map((k) => (
          <Typography.Text key={k} style={{ fontSize: 13 }}>
            {FIELD_LABELS[k]?.[lang] ?? k}：
            {k === 'levels' ? (
              <Levels levels={(c.entry as PublicBenchmark).levels} />
            ) : (
              <>
                <Typography.Text delete type="secondary">
                  {show(k, (c.before as unknown as Record<string, unknown> | null)?.[k], lang)}
                </Typography.Text>
                {' → '}
                {show(k, (c.entry as unknown as Record<string, unknown>)[k], lang)}
              </>
            )}
          </Typography.Text>
        ))
      )}
      {c.reason && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {T.reason[lang]}：{c.reason}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {chinaTime(c.at)}
      </Typography.Text>
    </Flex>
  );
}

/** A field's value in words: a certificate status by its label, a list joined, nothing as “（空）”. */
function show(key: string, value: unknown, lang: 'zh' | 'en'): string {
  if (value === null || value === undefined || value === '') return T.empty[lang];
  if (key === 'status') return CERTIFICATE_STATUS_LABELS[value as PublicStaffMember['status']]?.[lang] ?? String(value);
  if (Array.isArray(value)) return value.join('、');
  return String(value);
}

function Title<L extends DerivedList>({ list, entry }: { list: L; entry: ListEntryOf[L] }) {
  const lang = useLangKey();
  if (list === 'staff') {
    const m = entry as PublicStaffMember;
    return (
      <strong>
        {m.name}（{m.certificateNo}）
      </strong>
    );
  }
  if (list === 'benchmarks') {
    const b = entry as PublicBenchmark;
    return (
      <strong>
        {b.code} {b.violation}
      </strong>
    );
  }
  if (list === 'catalog') return <strong>{(entry as PublicCatalogRule).label}</strong>;
  const p = entry as PublicProfileEntry;
  return (
    <strong>
      {p.kind === 'agency' ? T.agency[lang] : T.unit[lang]}：{p.name}
    </strong>
  );
}

/** What an added entry says. */
function Summary<L extends DerivedList>({ list, entry }: { list: L; entry: ListEntryOf[L] }) {
  const lang = useLangKey();
  const line = (text: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
      {text}
    </Typography.Text>
  );
  if (list === 'staff') {
    const m = entry as PublicStaffMember;
    return line([m.unit, m.post, m.fields.join('、'), CERTIFICATE_STATUS_LABELS[m.status][lang]].filter(Boolean).join(' · '));
  }
  if (list === 'benchmarks') return <Levels levels={(entry as PublicBenchmark).levels} />;
  if (list === 'catalog') {
    const r = entry as PublicCatalogRule;
    return line(`${r.description} · ${T.from[lang]} ${r.effectiveFrom}${r.effectiveTo ? ` ${T.to[lang]} ${r.effectiveTo}` : ''}`);
  }
  const p = entry as PublicProfileEntry;
  return p.kind === 'agency' ? line([p.creditCode, p.parentName].filter(Boolean).join(' · ')) : null;
}

function Levels({ levels }: { levels: PublicBenchmark['levels'] }) {
  const lang = useLangKey();
  return (
    <Table
      size="small"
      rowKey="name"
      pagination={false}
      scroll={{ x: 560 }}
      dataSource={levels}
      columns={[
        { title: T.level[lang], dataIndex: 'name', width: 80 },
        { title: T.circumstances[lang], dataIndex: 'circumstances' },
        { title: T.standard[lang], dataIndex: 'standard' },
      ]}
    />
  );
}
