import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canAccess, useCurrentUser, type Audience } from '../auth/session.ts';

/**
 * Hides a page from users whose roles the menu would not offer it to. The server enforces
 * permissions on every API call regardless; this only spares the user a page of errors.
 */
export function RequireAudience({ audience, children }: { audience: Audience; children: ReactNode }) {
  const user = useCurrentUser();
  const { t } = useTranslation();
  if (!canAccess(user, audience)) {
    return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} />;
  }
  return children;
}
