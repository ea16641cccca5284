import { useState } from 'react';
import { Card, Collapse, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { ExportButton } from '../../app/ExportButton';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { roleColor, roleLabel, roleOptions, type Role } from '../../app/roles';
import type { User } from '../../app/types';
import { useServerTable } from '../../app/useServerTable';
import { PageTitle } from '../../components/PageTitle';
import { ServerTable } from '../../components/QueryTable';
import { RowAction } from '../../components/RowActions';
import { useUnitTree } from '../units/useUnitTree';
import { RoleMatrix } from './RoleMatrix';
import { UserForm } from './UserForm';

export default function UsersPage() {
  const { t } = useI18n();
  const tree = useUnitTree();
  const [role, setRole] = useState<Role | undefined>();
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const table = useServerTable<User>('users', paths.users.list, { role });
  const unitName = (u: User) => (u.unitId ? tree.byId.get(u.unitId)?.name ?? '' : '');

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username', sorter: true, sortOrder: table.sortOrderOf('username') },
    // The server sorts Chinese names by pinyin.
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName', sorter: true, sortOrder: table.sortOrderOf('displayName') },
    { title: t('users.role'), dataIndex: 'role', key: 'role', sorter: true, sortOrder: table.sortOrderOf('role'), render: (r: Role) => <Tag color={roleColor(r)}>{roleLabel(t, r)}</Tag> },
    { title: t('users.unit'), key: 'unit', render: (_, u) => unitName(u), responsive: ['md'] },
    { title: t('users.active'), key: 'active', render: (_, u) => (u.active ? <Tag color="green">{t('users.enabled')}</Tag> : <Tag>{t('users.disabled')}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) => (
        <RowAction onClick={() => setEditing({ user: u })}>{t('common.edit')}</RowAction>
      ),
    },
  ];
  const exportColumns = [
    { header: t('users.username'), value: (u: User) => u.username, width: 20 },
    { header: t('users.displayName'), value: (u: User) => u.displayName ?? '', width: 20 },
    { header: t('users.role'), value: (u: User) => roleLabel(t, u.role), width: 14 },
    { header: t('users.unit'), value: unitName, width: 24 },
    { header: t('users.active'), value: (u: User) => (u.active ? t('users.enabled') : t('users.disabled')) },
  ];

  return (
    <>
      <PageTitle title={t('menu.users')} add={{ text: t('users.add'), onClick: () => setEditing({ user: null }) }} />
      <Card size="small">
        <div className="yz-toolbar">
          <Input.Search allowClear placeholder={t('users.searchPlaceholder')} aria-label={t('common.search')} onSearch={table.setSearch} style={{ width: 220 }} />
          <Select allowClear placeholder={t('users.role')} aria-label={t('users.role')} value={role} onChange={setRole} options={roleOptions(t)} style={{ width: 140 }} />
          <ExportButton path={paths.users.list} query={table.viewQuery} columns={exportColumns} name={t('users.exportName')} />
        </div>
        <ServerTable<User> table={table} columns={columns} />
      </Card>
      <Collapse
        style={{ marginTop: 16 }}
        items={[{ key: 'roles', label: t('users.roleMatrix'), children: <><Typography.Paragraph type="secondary">{t('users.roleMatrixHelp')}</Typography.Paragraph><RoleMatrix /></> }]}
      />
      <UserForm open={editing !== null} user={editing?.user ?? null} onClose={() => setEditing(null)} />
    </>
  );
}
