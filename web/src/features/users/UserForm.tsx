import { Form, Input, Select, Switch } from 'antd';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { defaultRole, inGroup, roleOptions, type Role } from '../../app/roles';
import type { User } from '../../app/types';
import { CodeField } from '../../components/CodeField';
import { EditModal } from '../../components/EditModal';
import { UnitField } from '../../components/UnitSelect';
import { StaffSelect } from './StaffSelect';

interface Values {
  username: string;
  password?: string;
  role: Role;
  displayName?: string;
  email?: string;
  unitId?: string | null;
  staffId?: string | null;
  active?: boolean;
}

export function UserForm({ open, user, onClose }: { open: boolean; user: User | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const needsUnit = inGroup(role, 'unitBound');
  return (
    <EditModal<Values, User>
      open={open}
      form={form}
      name="user"
      title={user ? t('users.edit') : t('users.add')}
      values={
        user
          ? { username: user.username, role: user.role, displayName: user.displayName ?? undefined, email: user.email ?? undefined, unitId: user.unitId, staffId: user.staffId, active: user.active }
          : { role: defaultRole, active: true }
      }
      save={(v) => {
        const common = { role: v.role, displayName: v.displayName?.trim() || undefined, email: v.email?.trim() || null, unitId: v.unitId ?? null, staffId: v.staffId ?? null };
        if (user) return api.patch<User>(paths.users.one(user.id), { ...common, version: user.version, active: v.active, password: v.password || undefined });
        return api.post<User>(paths.users.list, { ...common, username: v.username.trim(), password: v.password });
      }}
      invalidate={[['users']]}
      onClose={onClose}
    >
      <CodeField name="username" label={t('users.username')} min={3} disabled={!!user} autoComplete="off" />
      <Form.Item
        name="password"
        label={user ? t('users.resetPassword') : t('users.password')}
        extra={user ? t('users.resetPasswordHint') : t('validation.passwordLength')}
        rules={[{ required: !user, message: t('validation.required') }, { min: 10, max: 200, message: t('validation.passwordLength') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
        <Select options={roleOptions(t)} />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.displayName')} rules={[{ max: 60 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="email" label={t('users.email')} extra={t('users.emailHint')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
        <Input type="email" autoComplete="off" maxLength={200} />
      </Form.Item>
      <UnitField label={t('users.unit')} extra={needsUnit ? t('users.unitHint') : undefined} />
      <Form.Item name="staffId" label={t('users.staff')}>
        <StaffSelect />
      </Form.Item>
      {user && (
        <Form.Item name="active" label={t('users.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
    </EditModal>
  );
}
