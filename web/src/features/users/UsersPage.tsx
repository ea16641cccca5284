import { useState } from 'react';
import { Button, Card, Collapse, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { LoadError } from '../../app/errors';
import { ExportButton } from '../../app/ExportButton';
import { useI18n } from '../../app/i18n';
import { roles, type Role, type User } from '../../app/types';
import { useServerTable } from '../../app/useServerTable';
import { useUnitTree } from '../units/useUnitTree';
import { RoleMatrix } from './RoleMatrix';
import { UserForm } from './UserForm';

export default function UsersPage() {
  const { t } = useI18n();
  const tree = useUnitTree();
  const [role, setRole] = useState<Role | undefined>();
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const table = useServerTable<User>('users', '/api/v1/users', { role });
  const unitName = (u: User) => (u.unitId ? tree.byId.get(u.unitId)?.name ?? '' : '');

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username', sorter: true, sortOrder: table.sortOrderOf('username') },
    // The server sorts Chinese names by pinyin.
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName', sorter: true, sortOrder: table.sortOrderOf('displayName') },
    { title: t('users.role'), dataIndex: 'role', key: 'role', sorter: true, sortOrder: table.sortOrderOf('role'), render: (r: Role) => <Tag color={r === 'admin' ? 'red' : 'blue'}>{t(`roles.${r}`)}</Tag> },
    { title: t('users.unit'), key: 'unit', render: (_, u) => unitName(u), responsive: ['md'] },
    { title: t('users.active'), key: 'active', render: (_, u) => (u.active ? <Tag color="green">{t('users.enabled')}</Tag> : <Tag>{t('users.disabled')}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) => (
        <Button type="link" size="small" onClick={() => setEditing({ user: u })}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  const exportColumns = [
    { header: t('users.username'), value: (u: User) => u.username, width: 20 },
    { header: t('users.displayName'), value: (u: User) => u.displayName ?? '', width: 20 },
    { header: t('users.role'), value: (u: User) => t(`roles.${u.role}`), width: 14 },
    { header: t('users.unit'), value: unitName, width: 24 },
    { header: t('users.active'), value: (u: User) => (u.active ? t('users.enabled') : t('users.disabled')) },
  ];

  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('menu.users')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })}>
          {t('users.add')}
        </Button>
      </div>
      <Card size="small">
        <div className="yz-toolbar">
          <Input.Search allowClear placeholder={t('users.searchPlaceholder')} aria-label={t('common.search')} onSearch={table.setSearch} style={{ width: 220 }} />
          <Select allowClear placeholder={t('users.role')} aria-label={t('users.role')} value={role} onChange={setRole} options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} style={{ width: 140 }} />
          <ExportButton path="/api/v1/users" query={table.viewQuery} columns={exportColumns} name={t('users.exportName')} />
        </div>
        {table.query.error ? (
          <LoadError error={table.query.error} onRetry={() => table.query.refetch()} />
        ) : (
          <Table<User> rowKey="id" size="small" columns={columns} scroll={{ x: 'max-content' }} {...table.tableProps} />
        )}
      </Card>
      <Collapse
        style={{ marginTop: 16 }}
        items={[{ key: 'roles', label: t('users.roleMatrix'), children: <><Typography.Paragraph type="secondary">{t('users.roleMatrixHelp')}</Typography.Paragraph><RoleMatrix /></> }]}
      />
      <UserForm open={editing !== null} user={editing?.user ?? null} options={tree.options} onClose={() => setEditing(null)} />
    </>
  );
}
