import { Alert, Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Unit } from '../../api/agencies.ts';
import { errorText } from '../../api/client.ts';
import { currentLang } from '../../i18n/index.ts';

/** Names for the agency and unit ids that other objects carry. */
export interface AgencyDirectory {
  agencies: Agency[];
  agency: (id: string | null | undefined) => Agency | undefined;
  /** The agency's name, or the id when the agency is not visible to this user. */
  agencyName: (id: string | null | undefined) => string;
  unitName: (id: string | null | undefined) => string | null;
  unitsOf: (agencyId: string | null | undefined) => Unit[];
}

export function agencyDirectory(agencies: Agency[] = []): AgencyDirectory {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const units = new Map(agencies.flatMap((a) => a.units.map((u) => [u.id, u] as const)));
  return {
    agencies,
    agency: (id) => (id ? byId.get(id) : undefined),
    agencyName: (id) => (id ? (byId.get(id)?.name ?? id) : ''),
    unitName: (id) => (id ? (units.get(id)?.name ?? id) : null),
    unitsOf: (agencyId) => (agencyId ? (byId.get(agencyId)?.units ?? []) : []),
  };
}

/** The title row of an admin page; the buttons wrap under the title on a phone. */
export function PageHeader({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" gap={8} wrap>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {extra && (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}

/** A list that failed to load, with a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorText(error, currentLang())}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

export { searchByLabel } from '../../components/ListFilters.tsx';
