import type { FormInstance } from 'antd';
import { useState } from 'react';
import { currentLang } from '../i18n/index.ts';
import { showFieldProblems, type FieldProblem } from './forms.ts';

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

  return { submitting, failure, setFailure, run };
}
