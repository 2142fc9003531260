import { Button, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useRevalidator, useRouteError } from 'react-router';
import { currentLang } from '../i18n/index.ts';
import { isChunkLoadError, routeErrorText } from './routeErrorText.ts';

/** Error screen inside the antd frame, for failed loaders (API unreachable) and failed page chunks. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const revalidator = useRevalidator();
  const chunkFailed = isChunkLoadError(error);
  return (
    <Result
      status="error"
      title={t('error.title')}
      subTitle={routeErrorText(error, t, currentLang())}
      extra={
        <Space wrap>
          {chunkFailed ? (
            <Button type="primary" onClick={() => window.location.reload()}>
              {t('error.reload')}
            </Button>
          ) : (
            <Button type="primary" loading={revalidator.state === 'loading'} onClick={() => void revalidator.revalidate()}>
              {t('error.retry')}
            </Button>
          )}
          {pathname !== '/' && <Button onClick={() => navigate('/')}>{t('error.backHome')}</Button>}
        </Space>
      }
    />
  );
}
