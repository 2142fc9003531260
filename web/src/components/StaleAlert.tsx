import { Alert } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Shown when a save met a newer version: the form has been reset to the current data. It
 * scrolls itself into view, since the user was probably looking at the bottom of the form.
 */
export function StaleAlert() {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <div ref={ref}>
      <Alert type="warning" showIcon role="alert" title={t('common.staleReloaded')} style={{ marginBottom: 16 }} />
    </div>
  );
}
