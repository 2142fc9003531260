import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { DISCLOSURE_FIELDS, DISCLOSURE_KIND_LABELS, FLOW_STEP_KIND_LABELS, FLOW_STEP_KINDS, type DisclosureContent, type DisclosureKind, type FlowchartContent, type FlowStep } from '@shared/disclosures.ts';
import { ApiRequestError, errorText } from '../../../api/client.ts';
import { disclosuresApi, type DisclosureDetail } from '../../../api/disclosures.ts';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { currentLang } from '../../../i18n/index.ts';
import { FlowchartView, useLangKey, type Bi } from '../../portal/disclosures/ContentView.tsx';

const T = {
  create: { zh: '新建{kind}', en: 'New: {kind}' },
  edit: { zh: '修改{kind}', en: 'Edit: {kind}' },
  note: { zh: '修改说明（随版本公开）', en: 'Change note (published with the version)' },
  linesHelp: { zh: '每行一项', en: 'One per line' },
  steps: { zh: '流程步骤', en: 'Steps' },
  addStep: { zh: '添加步骤', en: 'Add step' },
  id: { zh: '编号', en: 'Id' },
  label: { zh: '名称', en: 'Label' },
  stepNote: { zh: '说明（时限、依据）', en: 'Note (time limit, basis)' },
  next: { zh: '后续步骤（编号:条件，逗号分隔，如 s3:是, s4:否）', en: 'Next steps (id:label, comma-separated, e.g. s3:yes, s4:no)' },
  preview: { zh: '预览', en: 'Preview' },
  saved: { zh: '草稿已保存，送审后由另一名公示审核员发布', en: 'Draft saved; another reviewer publishes it after submission' },
  required: { zh: '必填', en: 'Required' },
} satisfies Record<string, Bi>;

interface StepRow {
  id: string;
  kind: FlowStep['kind'];
  label: string;
  note?: string | null;
  next?: string;
}

const nextText = (s: FlowStep) => s.next.map((e) => (e.label ? `${e.to}:${e.label}` : e.to)).join(', ');
const parseNext = (text: string | undefined) =>
  (text ?? '')
    .split(/[,，、]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [to, ...label] = p.split(/[:：]/);
      return { to: to!.trim(), label: label.join(':').trim() || null };
    });

/** Form values from content: lists as lines, flowchart steps as rows. */
function toValues(kind: DisclosureKind, content: DisclosureContent | null): Record<string, unknown> {
  if (!content) return kind === 'flowchart' ? { steps: [{ id: 's1', kind: 'start', label: '开始' }, { id: 's2', kind: 'end', label: '结束' }] } : {};
  const c = content as unknown as Record<string, unknown>;
  const v: Record<string, unknown> = {};
  for (const f of DISCLOSURE_FIELDS[kind]) v[f.key] = f.type === 'lines' ? ((c[f.key] as string[]) ?? []).join('\n') : c[f.key];
  if (kind === 'flowchart') v.steps = (content as FlowchartContent).steps.map((s) => ({ ...s, next: nextText(s) }));
  return v;
}

function toContent(kind: DisclosureKind, v: Record<string, unknown>): DisclosureContent {
  const out: Record<string, unknown> = {};
  for (const f of DISCLOSURE_FIELDS[kind]) {
    const raw = v[f.key];
    if (f.type === 'lines') out[f.key] = String(raw ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    else if (f.type === 'optional') out[f.key] = typeof raw === 'string' && raw.trim() ? raw.trim() : null;
    else out[f.key] = typeof raw === 'string' ? raw.trim() : (raw ?? '');
  }
  if (kind === 'flowchart') {
    out.steps = ((v.steps as StepRow[] | undefined) ?? []).map((s) => ({ id: (s.id ?? '').trim(), kind: s.kind, label: (s.label ?? '').trim(), note: s.note?.trim() || null, next: parseNext(s.next) }));
  }
  return out as unknown as DisclosureContent;
}

interface Props {
  /** New item of `kind` in `agencyId`, or a new draft of `item`. */
  kind: DisclosureKind;
  agencyId: string;
  item: DisclosureDetail | null;
  onClose: () => void;
  onSaved: (d: DisclosureDetail) => void;
}

/** The editor of one item: fields from the shared field table; flowchart steps with a live preview. */
export function DisclosureForm({ kind, agencyId, item, onClose, onSaved }: Props) {
  const lang = useLangKey();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [submitting, setSubmitting] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const start = item ? (item.draft?.content ?? item.published) : null;
  const [values, setValues] = useState<Record<string, unknown>>(() => toValues(kind, start));
  const preview = kind === 'flowchart' ? (toContent(kind, values) as FlowchartContent) : null;
  const kindLabel = DISCLOSURE_KIND_LABELS[kind][lang];

  async function save() {
    let v: Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setProblems([]);
    try {
      const content = toContent(kind, v);
      const note = typeof v.note === 'string' && v.note.trim() ? v.note.trim() : null;
      const saved = item ? await disclosuresApi.draft(item, content, note) : await disclosuresApi.create({ agencyId, kind, content, note });
      void message.success(T.saved[lang]);
      onSaved(saved);
    } catch (err) {
      const fields = err instanceof ApiRequestError ? (err.details?.fields as { message: string }[] | undefined) : undefined;
      setProblems(fields && fields.length > 0 ? fields.map((f) => f.message) : [errorText(err, currentLang())]);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <FormDrawer title={(item ? T.edit : T.create)[lang].replace('{kind}', kindLabel)} open submitting={submitting} onClose={onClose} onSubmit={() => void save()}>
      <Form form={form} layout="vertical" initialValues={values} onValuesChange={(_c, all) => setValues(all)} data-testid="disclosure-form">
        {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={<ul style={{ margin: 0, paddingInlineStart: 16 }}>{problems.map((p, i) => <li key={i}>{p}</li>)}</ul>} />}
        {DISCLOSURE_FIELDS[kind].map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={f[lang]}
            extra={f.type === 'lines' ? T.linesHelp[lang] : undefined}
            rules={f.type === 'optional' ? [] : [{ required: true, whitespace: true, message: T.required[lang] }]}
          >
            {f.type === 'enum' ? (
              <Select options={f.options!.map((o) => ({ value: o, label: f.optionLabels?.[o]?.[lang] ?? o }))} />
            ) : f.type === 'long' || f.type === 'lines' ? (
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={f.type === 'lines' ? undefined : f.max} />
            ) : (
              <Input maxLength={f.max} disabled={item !== null && f.key === 'code'} />
            )}
          </Form.Item>
        ))}
        {kind === 'flowchart' && (
          <Form.List name="steps">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                <strong>{T.steps[lang]}</strong>
                {fields.map((field) => (
                  <Card key={field.key} size="small">
                    <Space.Compact block>
                      <Form.Item name={[field.name, 'id']} noStyle rules={[{ required: true }]}>
                        <Input style={{ width: 70 }} placeholder={T.id[lang]} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'kind']} noStyle>
                        <Select style={{ width: 90 }} options={FLOW_STEP_KINDS.map((k) => ({ value: k, label: FLOW_STEP_KIND_LABELS[k][lang] }))} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'label']} noStyle rules={[{ required: true }]}>
                        <Input placeholder={T.label[lang]} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
                    </Space.Compact>
                    <Form.Item name={[field.name, 'note']} noStyle>
                      <Input style={{ marginTop: 6 }} placeholder={T.stepNote[lang]} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'next']} noStyle>
                      <Input style={{ marginTop: 6 }} placeholder={T.next[lang]} />
                    </Form.Item>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ id: `s${fields.length + 1}`, kind: 'step', label: '' })}>
                  {T.addStep[lang]}
                </Button>
                {preview && preview.steps.length > 0 && (
                  <Card size="small" title={T.preview[lang]}>
                    <FlowchartView chart={preview} />
                  </Card>
                )}
              </Flex>
            )}
          </Form.List>
        )}
        <Form.Item name="note" label={T.note[lang]}>
          <Input maxLength={500} data-testid="disclosure-note" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
