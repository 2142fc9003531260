import { useTranslation } from 'react-i18next';

/**
 * Shown while the first route modules (and antd with them) download. Plain HTML on purpose:
 * it lives in the entry chunk, which stays free of antd.
 */
export function BootScreen() {
  const { t } = useTranslation();
  return (
    <div className="sx-boot" role="status" aria-live="polite">
      <div className="sx-boot-spinner" aria-hidden="true" />
      <span>{t('app.loading')}</span>
    </div>
  );
}
