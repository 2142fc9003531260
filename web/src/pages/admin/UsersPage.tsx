import { useTranslation } from 'react-i18next';
import { AUDIENCES } from '../../auth/audiences.ts';
import { RequireAudience } from '../../components/RequireAudience.tsx';
import { UnderConstruction } from '../../components/UnderConstruction.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  return (
    <RequireAudience audience={AUDIENCES.users}>
      <UnderConstruction page={t('nav.users')} />
    </RequireAudience>
  );
}
