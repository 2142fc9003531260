import { useTranslation } from 'react-i18next';
import { AUDIENCES } from '../../auth/audiences.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { UnderConstruction } from '../../components/UnderConstruction.tsx';

export function AgenciesPage() {
  const { t } = useTranslation();
  return (
    <RequireAudience audience={AUDIENCES.agencies}>
      <UnderConstruction page={t('nav.agencies')} />
    </RequireAudience>
  );
}
