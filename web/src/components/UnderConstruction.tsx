import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Stand-in for pages whose features are not built yet, so the navigation can already be exercised. */
export function UnderConstruction({ page }: { page: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="info"
      title={t('placeholder.title')}
      subTitle={t('placeholder.subtitle', { page })}
      extra={
        <Link to="/">
          <Button type="primary">{t('placeholder.backHome')}</Button>
        </Link>
      }
    />
  );
}
