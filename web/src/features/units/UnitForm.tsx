import { useEffect } from 'react';
import { App as AntApp, Form, Input, InputNumber, Modal, Select, TreeSelect } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';
import { unitKinds, type Unit, type UnitKind } from '../../app/types';
import type { TreeOption } from './useUnitTree';

interface Values {
  code: string;
  name: string;
  kind: UnitKind;
  parentId?: string | null;
  sortOrder?: number | null;
  phone?: string | null;
}

/** Adds a unit, or edits/moves one (`unit` given). */
export function UnitForm({ open, unit, parentId, options, onClose }: { open: boolean; unit: Unit | null; parentId?: string | null; options: TreeOption[]; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const showError = useFormErrors(form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      unit
        ? { code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parentId, sortOrder: unit.sortOrder, phone: unit.phone }
        : { kind: 'department', parentId: parentId ?? undefined, sortOrder: 0 },
    );
  }, [open, unit, parentId, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { ...v, parentId: v.parentId ?? null, phone: v.phone?.trim() ? v.phone.trim() : null, sortOrder: v.sortOrder ?? 0 };
      return unit ? api.patch<Unit>(`/api/v1/units/${unit.id}`, { ...body, version: unit.version }) : api.post<Unit>('/api/v1/units', body);
    },
    onSuccess: async () => {
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['units'] });
      onClose();
    },
    onError: showError,
  });

  return (
    <Modal
      open={open}
      title={unit ? t('units.edit') : t('units.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} name="unit">
        <Form.Item name="code" label={t('units.code')} rules={[{ required: true, message: t('validation.required') }, { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: t('validation.code') }, { max: 40 }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="name" label={t('units.name')} rules={[{ required: true, message: t('validation.required') }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={unitKinds.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('units.parent')} extra={unit ? t('units.moveHint') : undefined}>
          <TreeSelect treeData={options} allowClear showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll placeholder={t('units.noParent')} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('units.sortOrder')}>
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="phone" label={t('units.phone')} rules={[{ max: 40 }]}>
          <Input inputMode="tel" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
