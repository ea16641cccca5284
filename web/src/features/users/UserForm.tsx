import { useEffect } from 'react';
import { App as AntApp, Form, Input, Modal, Select, Switch, TreeSelect } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';
import { roles, type Role, type User } from '../../app/types';
import type { TreeOption } from '../units/useUnitTree';
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

export function UserForm({ open, user, options, onClose }: { open: boolean; user: User | null; options: TreeOption[]; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const showError = useFormErrors(form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      user
        ? { username: user.username, role: user.role, displayName: user.displayName ?? undefined, email: user.email ?? undefined, unitId: user.unitId, staffId: user.staffId, active: user.active }
        : { role: 'staff', active: true },
    );
  }, [open, user, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = { role: v.role, displayName: v.displayName?.trim() || undefined, email: v.email?.trim() || null, unitId: v.unitId ?? null, staffId: v.staffId ?? null };
      if (user) return api.patch<User>(`/api/v1/users/${user.id}`, { ...common, version: user.version, active: v.active, password: v.password || undefined });
      return api.post<User>('/api/v1/users', { ...common, username: v.username.trim(), password: v.password });
    },
    onSuccess: async () => {
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: showError,
  });

  const role = Form.useWatch('role', form);
  const needsUnit = role === 'unit_head' || role === 'staff';

  return (
    <Modal
      open={open}
      title={user ? t('users.edit') : t('users.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} name="user">
        <Form.Item name="username" label={t('users.username')} rules={[{ required: true, message: t('validation.required') }, { min: 3, max: 40 }, { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: t('validation.code') }]}>
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={user ? t('users.resetPassword') : t('users.password')}
          extra={user ? t('users.resetPasswordHint') : t('validation.passwordLength')}
          rules={[{ required: !user, message: t('validation.required') }, { min: 10, max: 200, message: t('validation.passwordLength') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} extra={t('users.emailHint')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
          <Input type="email" autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.unit')} extra={needsUnit ? t('users.unitHint') : undefined}>
          <TreeSelect treeData={options} allowClear showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll />
        </Form.Item>
        <Form.Item name="staffId" label={t('users.staff')}>
          <StaffSelect />
        </Form.Item>
        {user && (
          <Form.Item name="active" label={t('users.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
