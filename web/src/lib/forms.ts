import type { FormInstance } from 'antd';
import { ERROR_MESSAGES } from '@shared/errors.ts';
import { ApiRequestError } from '../api/client.ts';
import { sharedKey, type Lang } from '../i18n/index.ts';

/**
 * Optional text fields are sent trimmed, and an empty one as null: the server stores "no value"
 * as null and refuses empty strings.
 */
export function nullIfBlank(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The entries of `next` whose value differs from the loaded object: an edit sends only what the
 * user changed, so it cannot overwrite someone else's change to another field, and the history
 * records exactly what was edited.
 */
export function changedFields<T extends object>(original: T, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (next[key] !== undefined && !same(original[key], next[key])) out[key] = next[key];
  }
  return out;
}

export interface FieldProblem {
  /** Dotted path as the server names it, e.g. `roles.0.agencyId`. */
  field: string;
  message: string;
}

/**
 * The field-level problems of an API error: schema validation reports `details.fields`; a domain
 * refusal names one `details.field` and explains it in its message.
 */
export function fieldProblems(err: unknown, lang: Lang): FieldProblem[] {
  if (!(err instanceof ApiRequestError) || !err.details) return [];
  const { fields, field } = err.details as { fields?: unknown; field?: unknown };
  if (Array.isArray(fields)) {
    return fields.filter(
      (f): f is FieldProblem => typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.message === 'string',
    );
  }
  if (typeof field === 'string') {
    // The server's message is Chinese; in English the code's standard text is closer to useful.
    const known = (ERROR_MESSAGES as Record<string, { zh: string; en: string } | undefined>)[err.code];
    const message = sharedKey(lang) === 'en' && known ? known.en : err.message || known?.zh || err.code;
    return [{ field, message }];
  }
  return [];
}

function toNamePath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's field problems on the matching form fields. `formFields` lists the
 * top-level names the form shows (a problem with `roles.0.unitId` matches `roles`); `aliases`
 * maps a server field name to the form's where they differ. Returns the
 * problems that matched no field, which the caller shows with the general error.
 */
export function showFieldProblems(
  form: FormInstance,
  err: unknown,
  lang: Lang,
  formFields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): { matched: number; unmatched: FieldProblem[] } {
  const problems = fieldProblems(err, lang);
  const unmatched: FieldProblem[] = [];
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const problem of problems) {
    const name = toNamePath(problem.field);
    const alias = typeof name[0] === 'string' ? aliases[name[0]] : undefined;
    if (alias) name[0] = alias;
    if (typeof name[0] !== 'string' || !formFields.includes(name[0])) {
      unmatched.push(problem);
      continue;
    }
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    entry.errors.push(problem.message);
    byPath.set(key, entry);
  }
  form.setFields([...byPath.values()]);
  if (byPath.size > 0) {
    // Bring the first offending field into view; on a phone it may be far down the drawer.
    const first = byPath.values().next().value;
    if (first) form.scrollToField(first.name, { block: 'center' });
  }
  return { matched: byPath.size, unmatched };
}

/** `version-mismatch` carries the object as it now is, so the form can start over from it. */
export function currentStateOf<T>(err: unknown): T | null {
  if (err instanceof ApiRequestError && err.code === 'version-mismatch') {
    const state = err.details?.state;
    if (state && typeof state === 'object') return state as T;
  }
  return null;
}

export function isVersionMismatch(err: unknown): boolean {
  return err instanceof ApiRequestError && err.code === 'version-mismatch';
}
