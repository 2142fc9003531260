import { App, Form, Input, type FormInstance } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nullIfBlank } from '../lib/forms.ts';
import { useSubmit, type SubmitFailure } from '../lib/useSubmit.ts';
import { FormDrawer } from './FormDrawer.tsx';
import { FormError } from './FormError.tsx';
import { StaleAlert } from './StaleAlert.tsx';

/** The form values every record form has: an edit's reason, recorded with the change. */
interface WithReason {
  reason?: string;
}

interface RecordFormOptions<T, V extends WithReason> {
  /** The object to edit; null: a new one. */
  record: T | null;
  /** The top-level names of the form's fields, for placing the server's field problems. */
  fields: readonly string[];
  /** Server field name → form field name, where they differ. */
  aliases?: Readonly<Record<string, string>>;
  /** The form's values for an object: where an edit starts, and starts again after a 409. */
  valuesOf: (record: T) => Partial<V>;
  onClose: () => void;
  onSaved: (record: T) => void;
}

export interface RecordForm<T, V extends WithReason> {
  form: FormInstance<V>;
  /** The version being edited (null: creating); replaced by the current one if someone else saved first. */
  baseline: T | null;
  submitting: boolean;
  stale: boolean;
  failure: SubmitFailure | null;
  onClose: () => void;
  /** Creates the object; on success says `successText` and hands the new object to onSaved. */
  create: (request: () => Promise<T>, successText: (created: T) => string) => Promise<void>;
  /**
   * Saves an edit of `baseline` with the reason given in `values`: nothing sent when nothing
   * changed; on a stale version the form starts over from the object as it now is.
   */
  saveEdit: <P extends object>(
    values: V,
    edit: { patch: P; send: (body: P & { reason?: string }) => Promise<T>; reload: () => Promise<T | null> },
  ) => Promise<void>;
}

/** The create/edit logic of a register's form drawer (agencies, users, officers, benchmarks). */
export function useRecordForm<T, V extends WithReason>({ record, fields, aliases, valuesOf, onClose, onSaved }: RecordFormOptions<T, V>): RecordForm<T, V> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const { submitting, failure, run, saveEdit } = useSubmit(form, fields, aliases);
  const [baseline, setBaseline] = useState(record);
  const [stale, setStale] = useState(false);

  return {
    form,
    baseline,
    submitting,
    stale,
    failure,
    onClose,
    async create(request, successText) {
      const result = await run(request);
      if (result.ok) {
        void message.success(successText(result.value));
        onSaved(result.value);
      }
    },
    async saveEdit(values, edit) {
      const current = baseline;
      if (current === null) return;
      await saveEdit({
        ...edit,
        reason: nullIfBlank(values.reason),
        saved: () => {
          void message.success(t('common.saved'));
          onSaved(current);
        },
        unchanged: () => {
          void message.info(t('common.noChanges'));
          onClose();
        },
        restart: (fresh: T) => {
          setBaseline(fresh);
          // The reason typed so far is kept: it still explains the edit.
          form.setFieldsValue({ ...valuesOf(fresh), reason: values.reason } as Parameters<FormInstance<V>['setFieldsValue']>[0]);
          setStale(true);
        },
      });
    },
  };
}

interface RecordFormDrawerProps<T, V extends WithReason> {
  state: RecordForm<T, V>;
  title: ReactNode;
  open?: boolean;
  initialValues: Partial<V>;
  onFinish: (values: V) => Promise<void>;
  /** The reason field an edit ends with: optional with the common hint unless said otherwise. */
  reason?: { required?: boolean; extra?: string; style?: CSSProperties };
  children: ReactNode;
}

/**
 * A register's create/edit form in its drawer: the stale-version notice, the error no field
 * could show, the fields, and on an edit the reason recorded with the change.
 */
export function RecordFormDrawer<T, V extends WithReason>({ state, title, open = true, initialValues, onFinish, reason, children }: RecordFormDrawerProps<T, V>) {
  const { t } = useTranslation();
  const { form, submitting } = state;
  return (
    <FormDrawer title={title} open={open} submitting={submitting} onClose={state.onClose} onSubmit={() => form.submit()}>
      {state.stale && <StaleAlert />}
      <FormError error={state.failure?.error} unmatched={state.failure?.unmatched} />
      <Form<V> form={form} layout="vertical" scrollToFirstError={{ block: 'center' }} initialValues={initialValues} onFinish={(v) => void onFinish(v)} disabled={submitting}>
        {children}
        {state.baseline !== null && (
          <Form.Item
            name="reason"
            label={t('common.reason')}
            extra={reason?.extra ?? t('common.reasonHint')}
            rules={reason?.required ? [{ required: true, whitespace: true, message: t('common.reasonRequired') }] : undefined}
            style={reason?.style}
          >
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
