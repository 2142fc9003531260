import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Descriptions, Drawer, Flex, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { DISCLOSURE_KIND_LABELS, DISCLOSURE_KINDS, DISCLOSURE_STATUS_LABELS, DRAFT_STATE_LABELS, type DisclosureKind } from '@shared/disclosures.ts';
import { agenciesApi } from '../../../api/agencies.ts';
import { errorText } from '../../../api/client.ts';
import { disclosuresApi, type DisclosureDetail, type DisclosureItem } from '../../../api/disclosures.ts';
import { AUDIENCES } from '../../../auth/audiences.ts';
import { may } from '../../../auth/permissions.ts';
import { useCurrentUser } from '../../../auth/session.ts';
import { ExcelToolbar, type ExcelText } from '../../../components/ExcelToolbar.tsx';
import { ReasonModal } from '../../../components/ReasonModal.tsx';
import { RequireAudience } from '../../../components/RequireAudience.tsx';
import { RouterLink } from '../../../components/RouterLink.tsx';
import { useScreen } from '../../../components/useScreen.ts';
import { useUrlFilters } from '../../../components/useUrlFilters.ts';
import { currentLang } from '../../../i18n/index.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { agencyDirectory, LoadError, PageHeader } from '../../admin/common.tsx';
import { chinaTime, ContentView, useLangKey, type Bi } from '../../portal/disclosures/ContentView.tsx';
import { DisclosureForm } from './DisclosureForm.tsx';

const T = {
  title: { zh: '事前公开', en: 'Before-enforcement disclosures' },
  intro: {
    zh: '权责清单、随机抽查事项、流程图、办事指南、监督渠道和机关简介由公示审核员编辑、送审，经另一名公示审核员审核发布后公开；执法人员名单、内设机构、裁量基准和法制审核目录从各自登记中实时公开。',
    en: 'Edited items are drafted, submitted and published by a second reviewer; staff, units, benchmarks and the review catalog are published live from their registers.',
  },
  portal: { zh: '在公示门户查看', en: 'View on the portal' },
  agency: { zh: '机构', en: 'Agency' },
  pending: { zh: '只看待处理', en: 'Pending only' },
  all: { zh: '全部', en: 'All' },
  review: { zh: '待审核', en: 'In review' },
  create: { zh: '新建', en: 'New' },
  titleCol: { zh: '名称', en: 'Title' },
  code: { zh: '编码', en: 'Code' },
  status: { zh: '公开状态', en: 'Public' },
  draft: { zh: '草稿', en: 'Draft' },
  version: { zh: '公开版本', en: 'Version' },
  published: { zh: '现行公开内容', en: 'Published content' },
  pendingDraft: { zh: '待发布的修改', en: 'Pending change' },
  removalDraft: { zh: '撤下该事项', en: 'Remove from publication' },
  authors: { zh: '起草/送审', en: 'Drafted/submitted by' },
  note: { zh: '说明', en: 'Note' },
  returned: { zh: '退回原因', en: 'Returned because' },
  edit: { zh: '修改', en: 'Edit' },
  submit: { zh: '送审', en: 'Submit' },
  publish: { zh: '审核发布', en: 'Approve and publish' },
  returnDraft: { zh: '退回', en: 'Return' },
  discard: { zh: '放弃草稿', en: 'Discard draft' },
  remove: { zh: '撤下', en: 'Remove' },
  removeDesc: { zh: '撤下经审核发布后，该事项不再公开；原因随版本公开。', en: 'Once published, the item is no longer public; the reason is published.' },
  drafterNote: { zh: '您参与起草或送审了这份草稿，须由另一名公示审核员发布。', en: 'You drafted or submitted this; another reviewer must publish it.' },
  done: { zh: '已完成', en: 'Done' },
  versions: { zh: '已发布版本', en: 'Published versions' },
  publishedBy: { zh: '发布人', en: 'Published by' },
  confirm: { zh: '确定？', en: 'Sure?' },
} satisfies Record<string, Bi>;

/** The Excel buttons of the 权责清单 ({{agency}} and the import's counts filled in). */
const EXCEL: Record<ExcelText, Bi> = {
  export: { zh: '导出 Excel', en: 'Export Excel' },
  exportFile: { zh: '权责清单.xlsx', en: '权责清单.xlsx' },
  chooseAgency: T.agency,
  template: { zh: '下载模板', en: 'Template' },
  templateFile: { zh: '权责清单导入模板.xlsx', en: '权责清单导入模板.xlsx' },
  import: { zh: '导入 Excel', en: 'Import Excel' },
  into: { zh: '{{agency}}', en: '{{agency}}' },
  done: { zh: '已导入：新增 {{created}} 项、修改 {{updated}} 项、未变 {{unchanged}} 项，均已送审', en: 'Imported: {{created}} new, {{updated}} changed, {{unchanged}} unchanged; all submitted' },
};

const fill = (text: string, values: Record<string, unknown>) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));

export function DisclosuresConsolePage() {
  return (
    <RequireAudience audience={AUDIENCES.publicity}>
      <DisclosuresView />
    </RequireAudience>
  );
}

function DisclosuresView() {
  const lang = useLangKey();
  const me = useCurrentUser();
  const { params, setFilter } = useUrlFilters<'agencyId' | 'kind' | 'pending'>();
  const agencies = useLoad((signal) => agenciesApi.list(signal), []);
  const directory = useMemo(() => agencyDirectory(agencies.data), [agencies.data]);
  const readable = directory.agencies.filter((a) => may(me, 'publicity.read', a.id));
  const agencyId = params.get('agencyId') ?? readable[0]?.id ?? null;
  const kindParam = params.get('kind') as DisclosureKind | null;
  const kind: DisclosureKind = kindParam && DISCLOSURE_KINDS.includes(kindParam) ? kindParam : 'power';
  const pending = params.get('pending') as 'any' | 'review' | null;
  const items = useLoad((signal) => (agencyId ? disclosuresApi.list({ agencyId, kind, pending }, signal) : Promise.resolve([])), [agencyId, kind, pending]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const edits = agencyId ? may(me, 'publicity.edit', agencyId) : false;

  return (
    <Flex vertical gap={12}>
      <PageHeader
        title={T.title[lang]}
        extra={
          <Space wrap>
            {agencyId && <RouterLink to={`/public/disclosures?agency=${agencyId}`}>{T.portal[lang]}</RouterLink>}
            {kind === 'power' && (
              <ExcelToolbar
                texts={(key, values) => fill(EXCEL[key][lang], values)}
                api={{ downloadExport: disclosuresApi.downloadPowers, downloadTemplate: disclosuresApi.downloadPowersTemplate, import: disclosuresApi.importPowers }}
                agencies={readable}
                agencyFilter={agencyId}
                mayImport={edits && ((id) => may(me, 'publicity.edit', id))}
                onImported={items.reload}
              />
            )}
            {edits && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="disclosure-create">
                {T.create[lang]}
              </Button>
            )}
          </Space>
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {T.intro[lang]}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        {readable.length > 1 && (
          <Select style={{ minWidth: 240 }} aria-label={T.agency[lang]} value={agencyId ?? undefined} options={readable.map((a) => ({ value: a.id, label: a.name }))} onChange={(v: string) => setFilter('agencyId', v)} />
        )}
        <Select
          style={{ width: 140 }}
          value={pending ?? ''}
          onChange={(v: string) => setFilter('pending', v || null)}
          options={[
            { value: '', label: T.all[lang] },
            { value: 'any', label: T.pending[lang] },
            { value: 'review', label: T.review[lang] },
          ]}
        />
      </Flex>
      <div style={{ overflowX: 'auto' }}>
        <Segmented value={kind} onChange={(v) => setFilter('kind', String(v))} options={DISCLOSURE_KINDS.map((k) => ({ value: k, label: DISCLOSURE_KIND_LABELS[k][lang] }))} />
      </div>
      {items.error ? <LoadError error={items.error} onRetry={items.reload} /> : null}
      <Table<DisclosureItem>
        data-testid="disclosure-table"
        size="small"
        rowKey="id"
        loading={items.loading}
        dataSource={items.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          ...(kind === 'power' || kind === 'inspection-item' ? [{ title: T.code[lang], dataIndex: 'code', width: 120 }] : []),
          { title: T.titleCol[lang], dataIndex: 'title', render: (title: string, r: DisclosureItem) => <a data-testid="disclosure-row" onClick={() => setOpenId(r.id)}>{title}</a> },
          { title: T.status[lang], dataIndex: 'status', width: 100, render: (s: DisclosureItem['status']) => <Tag color={s === 'published' ? 'green' : s === 'removed' ? 'red' : 'default'}>{DISCLOSURE_STATUS_LABELS[s][lang]}</Tag> },
          { title: T.draft[lang], dataIndex: 'draftState', width: 100, render: (s: DisclosureItem['draftState']) => (s ? <Tag color={s === 'in-review' ? 'orange' : 'blue'}>{DRAFT_STATE_LABELS[s][lang]}</Tag> : null) },
          { title: T.version[lang], dataIndex: 'publishedVersion', width: 90 },
        ]}
      />
      {creating && agencyId && (
        <DisclosureForm
          kind={kind}
          agencyId={agencyId}
          item={null}
          onClose={() => setCreating(false)}
          onSaved={(d) => {
            setCreating(false);
            items.reload();
            setOpenId(d.id);
          }}
        />
      )}
      {openId && (
        <DisclosureDrawer
          id={openId}
          onClose={() => setOpenId(null)}
          onChanged={() => items.reload()}
        />
      )}
    </Flex>
  );
}

type Dialog = 'edit' | 'return' | 'remove' | null;

function DisclosureDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const lang = useLangKey();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const { isWide } = useScreen();
  const state = useLoad((signal) => disclosuresApi.get(id, signal), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const d = state.data;
  const edits = d ? may(me, 'publicity.edit', d.agencyId) : false;
  const approves = d ? may(me, 'publicity.approve', d.agencyId) : false;
  const drafter = d?.draft?.authors.some((a) => a.id === me.id) ?? false;

  async function run(action: (d: DisclosureDetail) => Promise<DisclosureDetail>) {
    if (!d) return;
    setBusy(true);
    try {
      await action(d);
      void message.success(T.done[lang]);
      state.reload();
      onChanged();
    } catch (err) {
      void message.error(errorText(err, currentLang()));
      state.reload();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer open onClose={onClose} size={isWide ? 720 : '100%'} title={d ? `${DISCLOSURE_KIND_LABELS[d.kind][lang]} · ${d.title}` : ''} data-testid="disclosure-drawer">
      {state.error ? <LoadError error={state.error} onRetry={state.reload} /> : null}
      {d && (
        <Flex vertical gap={12}>
          <Space wrap>
            <Tag color={d.status === 'published' ? 'green' : d.status === 'removed' ? 'red' : 'default'}>{DISCLOSURE_STATUS_LABELS[d.status][lang]}</Tag>
            {d.draft && <Tag color={d.draft.state === 'in-review' ? 'orange' : 'blue'}>{DRAFT_STATE_LABELS[d.draft.state][lang]}</Tag>}
          </Space>
          <Space wrap>
            {edits && d.draft?.state !== 'in-review' && d.status !== 'removed' && d.status !== 'discarded' && (
              <Button onClick={() => setDialog('edit')} data-testid="disclosure-edit">
                {T.edit[lang]}
              </Button>
            )}
            {edits && d.draft?.state === 'draft' && (
              <Button type="primary" loading={busy} onClick={() => void run(disclosuresApi.submit)} data-testid="disclosure-submit">
                {T.submit[lang]}
              </Button>
            )}
            {approves && d.draft?.state === 'in-review' && (
              <Button type="primary" loading={busy} disabled={drafter} onClick={() => void run(disclosuresApi.publish)} data-testid="disclosure-publish">
                {T.publish[lang]}
              </Button>
            )}
            {approves && d.draft?.state === 'in-review' && (
              <Button onClick={() => setDialog('return')} data-testid="disclosure-return">
                {T.returnDraft[lang]}
              </Button>
            )}
            {edits && d.draft?.state === 'draft' && (
              <Popconfirm title={T.confirm[lang]} onConfirm={() => void run(disclosuresApi.discard)}>
                <Button danger>{T.discard[lang]}</Button>
              </Popconfirm>
            )}
            {edits && d.status === 'published' && !d.draft && (
              <Button danger onClick={() => setDialog('remove')}>
                {T.remove[lang]}
              </Button>
            )}
          </Space>
          {approves && drafter && d.draft?.state === 'in-review' && <Alert type="info" showIcon message={T.drafterNote[lang]} />}
          {d.draft && (
            <Card size="small" title={d.draft.removal ? T.removalDraft[lang] : T.pendingDraft[lang]} data-testid="disclosure-draft">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'a', label: T.authors[lang], children: d.draft.authors.map((a) => a.name).join('、') },
                  ...(d.draft.note ? [{ key: 'n', label: T.note[lang], children: d.draft.note }] : []),
                  ...(d.draft.returnReason ? [{ key: 'r', label: T.returned[lang], children: <Typography.Text type="danger">{d.draft.returnReason}</Typography.Text> }] : []),
                ]}
              />
              {d.draft.content && <ContentView kind={d.kind} content={d.draft.content} />}
            </Card>
          )}
          {d.published && (
            <Card size="small" title={`${T.published[lang]}（v${d.publishedVersion}）`}>
              <ContentView kind={d.kind} content={d.published} />
            </Card>
          )}
          {d.versions.length > 0 && (
            <Collapse
              items={[
                {
                  key: 'v',
                  label: `${T.versions[lang]}（${d.versions.length}）`,
                  children: (
                    <Flex vertical gap={6}>
                      {[...d.versions].reverse().map((v) => (
                        <Typography.Text key={v.version}>
                          v{v.version} · {chinaTime(v.publishedAt)} · {T.authors[lang]}：{v.draftedBy.map((p) => p.name).join('、')} · {T.publishedBy[lang]}：{v.publishedBy.name}
                          {v.removal ? ` · ${T.remove[lang]}` : ''}
                          {v.note ? ` · ${v.note}` : ''}
                        </Typography.Text>
                      ))}
                    </Flex>
                  ),
                },
              ]}
            />
          )}
        </Flex>
      )}
      {d && dialog === 'edit' && (
        <DisclosureForm
          kind={d.kind}
          agencyId={d.agencyId}
          item={d}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            state.reload();
            onChanged();
          }}
        />
      )}
      {d && (dialog === 'return' || dialog === 'remove') && (
        <ReasonModal
          title={dialog === 'return' ? T.returnDraft[lang] : T.remove[lang]}
          description={dialog === 'remove' ? T.removeDesc[lang] : undefined}
          okText={dialog === 'return' ? T.returnDraft[lang] : T.remove[lang]}
          danger={dialog === 'remove'}
          reasonRequired
          submit={(reason) => (dialog === 'return' ? disclosuresApi.returnDraft(d, reason ?? '') : disclosuresApi.removal(d, reason ?? ''))}
          successText={T.done[lang]}
          onClose={() => setDialog(null)}
          onChanged={() => {
            setDialog(null);
            state.reload();
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
