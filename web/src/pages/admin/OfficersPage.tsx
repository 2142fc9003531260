import { useTranslation } from 'react-i18next';
import { AUDIENCES } from '../../auth/audiences.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { UnderConstruction } from '../../components/UnderConstruction.tsx';

export function OfficersPage() {
  const { t } = useTranslation();
  return (
    <RequireAudience audience={AUDIENCES.officers}>
      <UnderConstruction page={t('nav.officers')} />
    </RequireAudience>
  );
}
