import { Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoleAssignment } from '../../api/auth.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { currentLang, roleLabel } from '../../i18n/index.ts';

interface AgencyRoles {
  agencyId: string | null;
  agencyName: string | null;
  assignments: RoleAssignment[];
}

/** Roles are assigned per agency, so the dashboard shows them the same way. */
function groupByAgency(roles: readonly RoleAssignment[]): AgencyRoles[] {
  const groups = new Map<string | null, AgencyRoles>();
  for (const assignment of roles) {
    let group = groups.get(assignment.agencyId);
    if (!group) {
      group = { agencyId: assignment.agencyId, agencyName: assignment.agencyName, assignments: [] };
      groups.set(assignment.agencyId, group);
    }
    group.assignments.push(assignment);
  }
  return [...groups.values()];
}

export function DashboardPage() {
  const user = useCurrentUser();
  const { t } = useTranslation();
  const lang = currentLang();
  const agencies = groupByAgency(user.roles);

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('dashboard.greeting', { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('dashboard.intro')}
        </Typography.Paragraph>
      </div>

      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('dashboard.rolesTitle')}
      </Typography.Title>
      {agencies.length === 0 ? (
        <Card>
          <Empty description={t('dashboard.noRoles')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {agencies.map((agency) => (
            <Col key={agency.agencyId ?? ''} xs={24} md={12} xl={8}>
              <Card title={agency.agencyName ?? t('roles.platformWide')} size="small" style={{ height: '100%' }}>
                <Flex vertical gap={8}>
                  {agency.assignments.map((assignment) => (
                    <Flex key={`${assignment.role}:${assignment.unitId ?? ''}`} align="center" gap={8} wrap>
                      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                        {roleLabel(assignment.role, lang)}
                      </Tag>
                      <Typography.Text type="secondary">
                        {assignment.unitName ? t('dashboard.inUnit', { unit: assignment.unitName }) : t('dashboard.wholeAgency')}
                      </Typography.Text>
                    </Flex>
                  ))}
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
