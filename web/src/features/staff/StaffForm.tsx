import { useEffect } from 'react';
import { App as AntApp, Col, Form, Input, Modal, Row, Select, Switch, TreeSelect } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';
import type { Staff } from '../../app/types';
import type { TreeOption } from '../units/useUnitTree';

interface Values {
  badgeNo: string;
  name: string;
  unitIds: string[];
  posts?: string[];
  category?: string;
  partyBranch?: string;
  phone?: string;
  middleCadre?: boolean;
  partyMember?: boolean;
}

const blank = (s?: string | null) => (s && s.trim() ? s.trim() : null);
// The body nests the flags; the form has them as fields of their own.
const formFieldOf = (field: (string | number)[]) => (field[0] === 'flags' && field[1] !== undefined ? [field[1]] : field);

export function StaffForm({ open, staff, options, defaultUnitId, onClose }: { open: boolean; staff: Staff | null; options: TreeOption[]; defaultUnitId?: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const showError = useFormErrors(form, formFieldOf);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      staff
        ? {
            badgeNo: staff.badgeNo,
            name: staff.name,
            unitIds: [...staff.units].sort((a, b) => Number(b.primary) - Number(a.primary)).map((u) => u.id),
            posts: staff.posts,
            category: staff.category ?? undefined,
            partyBranch: staff.partyBranch ?? undefined,
            phone: staff.phone ?? undefined,
            middleCadre: !!staff.flags.middleCadre,
            partyMember: !!staff.flags.partyMember,
          }
        : { unitIds: defaultUnitId ? [defaultUnitId] : [], posts: [], middleCadre: false, partyMember: false },
    );
  }, [open, staff, defaultUnitId, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        badgeNo: v.badgeNo.trim(),
        name: v.name.trim(),
        unitIds: v.unitIds,
        posts: (v.posts ?? []).map((p) => p.trim()).filter(Boolean),
        category: blank(v.category),
        partyBranch: blank(v.partyBranch),
        phone: blank(v.phone),
        flags: { middleCadre: !!v.middleCadre, partyMember: !!v.partyMember },
      };
      return staff ? api.patch<Staff>(`/api/v1/staff/${staff.id}`, { ...body, version: staff.version }) : api.post<Staff>('/api/v1/staff', body);
    },
    onSuccess: async () => {
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['staff'] });
      onClose();
    },
    onError: showError,
  });

  return (
    <Modal
      open={open}
      title={staff ? t('staff.edit') : t('staff.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      forceRender
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} name="staff">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="badgeNo" label={t('staff.badgeNo')} rules={[{ required: true, message: t('validation.required') }, { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: t('validation.code') }, { max: 40 }]}>
              <Input autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, message: t('validation.required') }, { max: 60 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="unitIds" label={t('staff.units')} extra={t('staff.primaryHint')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
          <TreeSelect treeData={options} multiple showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll allowClear />
        </Form.Item>
        <Form.Item name="posts" label={t('staff.posts')} extra={t('staff.postsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} open={false} suffixIcon={null} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={t('staff.category')} rules={[{ max: 40 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="partyBranch" label={t('staff.partyBranch')} rules={[{ max: 60 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('staff.phone')} rules={[{ max: 40 }]}>
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="middleCadre" label={t('staff.middleCadre')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="partyMember" label={t('staff.partyMember')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
