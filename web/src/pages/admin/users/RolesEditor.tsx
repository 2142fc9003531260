import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, ConfigProvider, Flex, Form, Select, Typography, type FormInstance } from 'antd';
import { ROLES, type Role } from '@shared/roles.ts';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../api/auth.ts';
import { administers, isPlatformAdmin } from '../../../auth/permissions.ts';
import { currentLang, roleLabel } from '../../../i18n/index.ts';
import { searchByLabel, type AgencyDirectory } from '../common.tsx';

/** One row of the roles editor; `agencyId` and `unitId` are undefined until chosen. */
export interface GrantRow {
  role?: Role;
  agencyId?: string | null;
  unitId?: string | null;
}

interface Props {
  form: FormInstance;
  me: User;
  directory: AgencyDirectory;
  disabled?: boolean;
}

/**
 * 角色: role + agency + unit rows (the unit is required for 承办机构负责人, optional otherwise). Only roles and agencies the logged-in
 * administrator may grant are offered; a platform-wide role has no agency.
 */
export function RolesEditor({ form, me, directory, disabled }: Props) {
  const { t } = useTranslation();
  const lang = currentLang();
  const rows = (Form.useWatch('roles', form) as GrantRow[] | undefined) ?? [];
  const rowsWith = (index: number, patch: GrantRow): GrantRow[] =>
    ((form.getFieldValue('roles') as GrantRow[] | undefined) ?? []).map((r, i) => (i === index ? { ...r, ...patch } : r));
  const platform = isPlatformAdmin(me);
  const roleOptions = ROLES.filter((r) => platform || r !== 'platform-admin').map((r) => ({ value: r, label: roleLabel(r, lang) }));
  const agencyOptions = directory.agencies.map((a) => ({ value: a.id, label: a.name, disabled: !administers(me, a.id) }));

  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_, value: GrantRow[] | undefined) => {
            if (!value || value.length === 0) throw new Error(t('users.rolesRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <ConfigProvider componentDisabled={disabled}>
        <Flex vertical gap={8}>
          {fields.map((field) => {
            const row = rows[field.name] ?? {};
            const hasAgency = row.role !== 'platform-admin';
            // Any agency role may be placed in a unit (科室); a unit head must be.
            const needsUnit = row.role === 'unit-head';
            return (
              <Card key={field.key} size="small" styles={{ body: { padding: 12 } }}>
                <Flex gap={8} wrap align="flex-start">
                  <Form.Item
                    name={[field.name, 'role']}
                    rules={[{ required: true, message: t('users.roleRequired') }]}
                    style={{ flex: '1 1 160px', marginBottom: 0 }}
                  >
                    <Select
                      options={roleOptions}
                      placeholder={t('users.fields.role')}
                      aria-label={t('users.fields.role')}
                      onChange={(role: Role) => {
                        // A platform-wide role has neither agency nor unit.
                        if (role === 'platform-admin') form.setFieldsValue({ roles: rowsWith(field.name, { agencyId: null, unitId: null }) });
                      }}
                    />
                  </Form.Item>
                  {hasAgency && (
                    <Form.Item
                      name={[field.name, 'agencyId']}
                      rules={[{ required: true, message: t('users.agencyRequired') }]}
                      style={{ flex: '2 1 200px', marginBottom: 0 }}
                    >
                      <Select
                        options={agencyOptions}
                        showSearch={searchByLabel}
                        placeholder={t('users.fields.agency')}
                        aria-label={t('users.fields.agency')}
                        onChange={() => form.setFieldValue(['roles', field.name, 'unitId'], null)}
                      />
                    </Form.Item>
                  )}
                  {hasAgency && (
                    <Form.Item
                      name={[field.name, 'unitId']}
                      rules={[{ required: needsUnit, message: t('users.unitRequired') }]}
                      style={{ flex: '1 1 140px', marginBottom: 0 }}
                    >
                      <Select
                        allowClear={!needsUnit}
                        options={directory.unitsOf(row.agencyId).map((u) => ({ value: u.id, label: u.name }))}
                        placeholder={needsUnit ? t('users.fields.unit') : t('users.unitOptional')}
                        aria-label={t('users.fields.unit')}
                        notFoundContent={<Typography.Text type="secondary">{t('users.chooseAgencyFirst')}</Typography.Text>}
                      />
                    </Form.Item>
                  )}
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('users.removeRole')}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              </Card>
            );
          })}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => {
              // Most administrators manage one agency: preselect it.
              const own = directory.agencies.filter((a) => administers(me, a.id));
              add({ role: undefined, agencyId: own.length === 1 ? own[0]!.id : undefined, unitId: null } satisfies GrantRow);
            }}
          >
            {t('users.addRole')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Flex>
        </ConfigProvider>
      )}
    </Form.List>
  );
}
