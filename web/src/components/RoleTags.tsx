import { Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@shared/roles.ts';
import type { RoleAssignment } from '../api/auth.ts';
import { currentLang, roleLabel } from '../i18n/index.ts';

/**
 * One tag per distinct role; the tooltip names where the role applies, since a user can hold
 * the same role in several agencies. With `max`, the rest collapse into a "+N" tag so a user
 * with many roles cannot overflow a fixed-height header.
 */
export function RoleTags({ roles, max }: { roles: readonly RoleAssignment[]; max?: number }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const byRole = new Map<Role, string[]>();
  for (const assignment of roles) {
    const agency = assignment.agencyName ?? t('roles.platformWide');
    const place = assignment.unitName ? `${agency} · ${assignment.unitName}` : agency;
    const places = byRole.get(assignment.role);
    if (places) places.push(place);
    else byRole.set(assignment.role, [place]);
  }
  const entries = [...byRole];
  const shown = max === undefined ? entries : entries.slice(0, max);
  const hidden = entries.slice(shown.length);
  return (
    <Flex wrap={max === undefined} gap={4}>
      {shown.map(([role, places]) => (
        <Tooltip key={role} title={places.join('；')}>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {roleLabel(role, lang)}
          </Tag>
        </Tooltip>
      ))}
      {hidden.length > 0 && (
        <Tooltip title={hidden.map(([role]) => roleLabel(role, lang)).join('、')}>
          <Tag style={{ marginInlineEnd: 0 }}>+{hidden.length}</Tag>
        </Tooltip>
      )}
    </Flex>
  );
}
