import { Table, type TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { featureRoles, type Feature } from '../../app/access';
import { useI18n } from '../../app/i18n';
import { roleLabel, roles, type Role } from '../../app/roles';

const features: Feature[] = ['units', 'staff', 'users', 'calendar', 'calendarOverrides', 'policy', 'audit', 'tokens', 'webhooks'];

/** What each role may use (the server enforces the same rules; unit heads and staff only see their own unit's subtree). */
export function RoleMatrix() {
  const { t } = useI18n();
  const columns: TableColumnsType<{ role: Role }> = [
    { title: t('users.role'), key: 'role', fixed: 'left', render: (_, r) => roleLabel(t, r.role) },
    ...features.map((f) => ({
      title: t(`users.features.${f}`),
      key: f,
      align: 'center' as const,
      render: (_: unknown, r: { role: Role }) => (featureRoles[f].includes(r.role) ? <CheckOutlined style={{ color: '#52c41a' }} aria-label={t('common.yes')} /> : <span aria-label={t('common.no')}>—</span>),
    })),
  ];
  return <Table rowKey="role" size="small" pagination={false} columns={columns} dataSource={roles.map((role) => ({ role }))} scroll={{ x: 'max-content' }} />;
}
