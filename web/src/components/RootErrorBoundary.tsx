import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { currentLang } from '../i18n/index.ts';
import { routeErrorText } from './routeErrorText.ts';

/**
 * Last-resort error screen. It must not depend on antd: the most likely error here is that a
 * lazily loaded chunk (antd's included) failed to download.
 */
export function RootErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  return (
    <div className="sx-boot" role="alert">
      <h1>{t('error.title')}</h1>
      <p>{routeErrorText(error, t, currentLang())}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('error.reload')}
      </button>
    </div>
  );
}
