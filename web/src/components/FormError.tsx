import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client.ts';
import { currentLang } from '../i18n/index.ts';
import type { FieldProblem } from '../lib/forms.ts';

/**
 * The part of a failed submission that belongs to no form field: the error's message in the
 * user's language, plus any field problems the form could not place.
 */
export function FormError({ error, unmatched = [] }: { error: unknown; unmatched?: readonly FieldProblem[] }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={errorText(error, currentLang())}
      description={
        unmatched.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {unmatched.map((p) => (
              <li key={`${p.field}:${p.message}`}>{p.field ? t('common.fieldProblem', { field: p.field, message: p.message }) : p.message}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
