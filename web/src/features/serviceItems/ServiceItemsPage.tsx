import { useState } from 'react';
import { Button, Drawer, Form, Input, InputNumber, Select, Space, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, ExportOutlined, PlusOutlined } from '@ant-design/icons';
import { api, saveRecord } from '../../app/api';
import { paths } from '../../app/paths';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useChange } from '../../app/useChange';
import { useServerTable } from '../../app/useServerTable';
import { Columns } from '../../components/Columns';
import { useEditForm } from '../../components/EditModal';
import { PageTitle } from '../../components/PageTitle';
import { ServerTable } from '../../components/QueryTable';
import { UnitField } from '../../components/UnitSelect';
import { useUnitTree } from '../units/useUnitTree';
import type { ServiceItem } from './model';

type Values = Omit<ServiceItem, 'id' | 'version' | 'active'> & { active: boolean };

const fields = ['code', 'name', 'unitId', 'responsibleBody', 'legalBasis', 'conditions', 'procedure', 'materials', 'statutoryLimitDays', 'committedLimitDays', 'fees', 'feeBasis', 'complaintChannels', 'active'] as const;

/** The item editor: the guide the public reads (002:L69) and the checklist the clerk ticks at intake. */
function ServiceItemForm({ editing, onClose }: { editing: ServiceItem | 'new' | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const save = useEditForm<Values, ServiceItem>({
    open: editing !== null,
    form,
    values: editing && editing !== 'new' ? (Object.fromEntries(fields.map((k) => [k, editing[k]])) as Partial<Values>) : undefined,
    save: (v) => {
      const body = { ...v, unitId: v.unitId || null, feeBasis: v.feeBasis?.trim() || undefined, materials: v.materials ?? [] };
      // The code names the item for good: an update leaves it out.
      const { code: _code, ...changes } = body;
      return editing === 'new' ? saveRecord<ServiceItem>(paths.serviceItems, null, body) : saveRecord<ServiceItem>(paths.serviceItems, editing, changes);
    },
    invalidate: [['service-items']],
    onClose,
  });

  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Drawer open={editing !== null} title={editing === 'new' ? t('serviceItems.new') : t('serviceItems.edit')} onClose={onClose} size={760} forceRender
      extra={<Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="service-item-save">{t('common.save')}</Button>}>
      <Form form={form} layout="vertical" name="service-item" initialValues={{ active: true, materials: [], complaintChannels: [], statutoryLimitDays: 20, committedLimitDays: 5 }} onFinish={(v) => save.mutate(v)}>
        <Columns cols={[8, 16]}>
          <Form.Item name="code" label={t('serviceItems.code')} rules={required} extra={t('serviceItems.codeHint')}>
            <Input maxLength={40} disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="name" label={t('serviceItems.name')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        </Columns>
        <Columns cols={[12, 12]}>
          <Form.Item name="responsibleBody" label={t('serviceItems.responsibleBody')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <UnitField label={t('serviceItems.unit')} extra={t('serviceItems.unitHint')} />
        </Columns>
        <Form.Item name="legalBasis" label={t('serviceItems.legalBasis')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="conditions" label={t('serviceItems.conditions')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="procedure" label={t('serviceItems.procedure')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
        </Form.Item>
        <Typography.Text strong>{t('serviceItems.materials')}</Typography.Text>
        <Form.List name="materials">
          {(list, { add, remove }) => (
            <div data-testid="materials-editor" style={{ marginTop: 8 }}>
              {list.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'code']} rules={required} style={{ marginBottom: 4 }}>
                    <Input placeholder={t('serviceItems.materialCode')} aria-label={t('serviceItems.materialCode')} maxLength={40} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={required} style={{ marginBottom: 4 }}>
                    <Input placeholder={t('serviceItems.materialName')} aria-label={t('serviceItems.materialName')} maxLength={200} style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked" initialValue style={{ marginBottom: 4 }}>
                    <Switch checkedChildren={t('serviceItems.required')} unCheckedChildren={t('serviceItems.optional')} aria-label={t('serviceItems.required')} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ code: '', name: '', required: true })} style={{ marginBottom: 16 }}>
                {t('serviceItems.addMaterial')}
              </Button>
            </div>
          )}
        </Form.List>
        <Columns cols={[{ xs: 12, md: 6 }, { xs: 12, md: 6 }, 12]}>
          <Form.Item name="statutoryLimitDays" label={t('serviceItems.statutory')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={0} max={3650} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="committedLimitDays" label={t('serviceItems.committed')} rules={[{ required: true, message: t('validation.required') }]} extra={t('serviceItems.committedHint')}>
            <InputNumber min={0} max={3650} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="fees" label={t('serviceItems.fees')} rules={required}>
            <Input maxLength={500} />
          </Form.Item>
        </Columns>
        <Form.Item name="feeBasis" label={t('serviceItems.feeBasis')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="complaintChannels" label={t('serviceItems.complaintChannels')} rules={[{ required: true, message: t('validation.required') }]} extra={t('serviceItems.channelsHint')}>
          <Select mode="tags" tokenSeparators={['\n']} open={false} />
        </Form.Item>
        <Form.Item name="active" label={t('serviceItems.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 办事指南管理: the organisation's service items (what the public board and the intake checklist show). */
export default function ServiceItemsPage() {
  const { t } = useI18n();
  const me = useMe();
  const canWrite = can(me.role, 'serviceItemsEdit');
  const [editing, setEditing] = useState<ServiceItem | 'new' | null>(null);
  const table = useServerTable<ServiceItem>('service-items', paths.serviceItems.list);
  const tree = useUnitTree();
  const toggle = useChange({
    mutationFn: ({ item, active }: { item: ServiceItem; active: boolean }) => api.patch(paths.serviceItems.one(item.id), { version: item.version, active }),
    invalidate: [['service-items']],
  });
  const columns: TableColumnsType<ServiceItem> = [
    { title: t('serviceItems.code'), key: 'code', dataIndex: 'code', responsive: ['md'] },
    { title: t('serviceItems.name'), key: 'name', dataIndex: 'name' },
    { title: t('serviceItems.unit'), key: 'unit', render: (_, i) => (i.unitId ? (tree.byId.get(i.unitId)?.name ?? '') : '—'), responsive: ['lg'] },
    { title: t('serviceItems.limits'), key: 'limits', render: (_, i) => t('serviceItems.limitText', { committed: i.committedLimitDays, statutory: i.statutoryLimitDays }) },
    { title: t('serviceItems.materials'), key: 'materials', render: (_, i) => <Tag>{i.materials.length}</Tag>, responsive: ['md'] },
    { title: t('serviceItems.fees'), key: 'fees', dataIndex: 'fees', responsive: ['lg'] },
    {
      title: t('serviceItems.active'),
      key: 'active',
      render: (_, i) => <Switch size="small" checked={i.active} disabled={!canWrite} loading={toggle.isPending && toggle.variables?.item.id === i.id} onChange={(v) => toggle.mutate({ item: i, active: v })} aria-label={t('serviceItems.active')} />,
    },
    ...(canWrite ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, i: ServiceItem) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(i)} aria-label={t('common.edit')} /> }] : []),
  ];
  return (
    <>
      <PageTitle title={t('serviceItems.title')} add={canWrite ? { text: t('serviceItems.new'), onClick: () => setEditing('new'), testId: 'service-item-new' } : undefined}>
        <Button icon={<ExportOutlined />} href={`/public/${me.organisation.code}/services`} target="_blank" data-testid="public-guide-link">
          {t('serviceItems.publicGuide')}
        </Button>
      </PageTitle>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Input.Search allowClear placeholder={t('common.search')} aria-label={t('common.search')} onSearch={table.setSearch} style={{ width: 240 }} />
        <ServerTable<ServiceItem> table={table} columns={columns} scroll={{ x: 800 }} />
        {canWrite && <ServiceItemForm editing={editing} onClose={() => setEditing(null)} />}
      </Space>
    </>
  );
}
