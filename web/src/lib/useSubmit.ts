import type { FormInstance } from 'antd';
import { useState } from 'react';
import { currentLang } from '../i18n/index.ts';
import { currentStateOf, isVersionMismatch, showFieldProblems, type FieldProblem } from './forms.ts';

export interface SubmitFailure {
  error: unknown;
  unmatched: FieldProblem[];
}

/**
 * Runs a form's request: the server's field problems go onto the form's fields, anything else
 * into `failure` for a <FormError>. Resolves with the result, or undefined when it failed.
 */
export function useSubmit(form: FormInstance, formFields: readonly string[], aliases?: Readonly<Record<string, string>>) {
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<SubmitFailure | null>(null);

  async function run<T>(request: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    setSubmitting(true);
    setFailure(null);
    try {
      return { ok: true, value: await request() };
    } catch (error) {
      const { matched, unmatched } = showFieldProblems(form, error, currentLang(), formFields, aliases);
      if (matched === 0 || unmatched.length > 0) setFailure({ error, unmatched });
      return { ok: false, error };
    } finally {
      setSubmitting(false);
    }
  }

  /**
   * Sends an edit the same way on every form: nothing when nothing changed; the reason beside the
   * changed fields; and on a stale version (409) the form starts over from the object as it now is.
   */
  async function saveEdit<T, P extends object>(o: {
    patch: P;
    reason: string | null;
    send: (body: P & { reason?: string }) => Promise<T>;
    /** The object as it now is, when the 409 did not carry it. */
    reload: () => Promise<T | null>;
    saved: () => void;
    unchanged: () => void;
    restart: (fresh: T) => void;
  }): Promise<void> {
    if (Object.keys(o.patch).length === 0) return o.unchanged();
    const result = await run(() => o.send(o.reason ? { ...o.patch, reason: o.reason } : o.patch));
    if (result.ok) return o.saved();
    if (!isVersionMismatch(result.error)) return;
    const fresh = currentStateOf<T>(result.error) ?? (await o.reload().catch(() => null));
    if (fresh) {
      setFailure(null);
      o.restart(fresh);
    }
  }

  return { submitting, failure, setFailure, run, saveEdit };
}
