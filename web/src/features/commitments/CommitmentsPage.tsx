import { useEffect, useState } from 'react';
import { App as AntApp, Button, Col, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Switch, Table, Tag, Tooltip, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, ExportOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Bilingual } from '../../app/api';
import { useMe } from '../../app/auth';
import { LoadError, useShowError } from '../../app/errors';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';
import { useServerTable } from '../../app/useServerTable';
import { useUnitTree } from '../units/useUnitTree';

const ops = ['gte', 'gt', 'lte', 'lt'] as const;
const opSymbols: Record<string, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<' };

interface Measure {
  code: string;
  label: Bilingual;
  definition: Bilingual;
  kind: 'rate' | 'count';
  source: string;
}

interface Commitment {
  id: string;
  text: string;
  textEn: string | null;
  promise: string;
  promiseEn: string | null;
  unitId: string | null;
  supervisionPhone: string;
  published: boolean;
  sortOrder: number;
  measure: string | null;
  targetOp: string | null;
  target: number | null;
  version: number;
  measured: { code: string; label: Bilingual; kind: 'rate' | 'count'; op: string; target: number; month: string; value: number | null; numerator: number | null; denominator: number | null; met: boolean | null; source: string; reference: Bilingual | null } | null;
}

type Values = Omit<Commitment, 'id' | 'version' | 'measured'>;

const formFields = ['text', 'textEn', 'promise', 'promiseEn', 'unitId', 'supervisionPhone', 'published', 'sortOrder', 'measure', 'targetOp', 'target'] as const;

function CommitmentForm({ editing, onClose, measures }: { editing: Commitment | 'new' | null; onClose: () => void; measures: Measure[] }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const tree = useUnitTree(editing !== null);
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const showError = useFormErrors(form);
  const measure = Form.useWatch('measure', form);
  const measureKind = measures.find((m) => m.code === measure)?.kind;

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing !== 'new') form.setFieldsValue(Object.fromEntries(formFields.map((k) => [k, editing[k]])) as Partial<Values>);
  }, [editing, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        ...v,
        textEn: v.textEn?.trim() || null,
        promiseEn: v.promiseEn?.trim() || null,
        unitId: v.unitId || null,
        measure: v.measure || null,
        targetOp: v.measure ? v.targetOp : null,
        target: v.measure ? v.target : null,
        published: !!v.published,
        sortOrder: v.sortOrder ?? 0,
      };
      return editing === 'new' ? api.post<Commitment>('/api/v1/commitments', body) : api.patch<Commitment>(`/api/v1/commitments/${(editing as Commitment).id}`, { ...body, version: (editing as Commitment).version });
    },
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['commitments'] });
      onClose();
    },
    onError: showError,
  });

  return (
    <Modal open={editing !== null} title={editing === 'new' ? t('commitments.new') : t('commitments.edit')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} width={720} forceRender>
      <Form form={form} layout="vertical" name="commitment" initialValues={{ published: true, sortOrder: 0, targetOp: 'gte' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="text" label={t('commitments.text')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="textEn" label={t('commitments.textEn')}>
          <Input.TextArea autoSize={{ minRows: 1 }} maxLength={1000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="promise" label={t('commitments.promise')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="promiseEn" label={t('commitments.promiseEn')}>
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="unitId" label={t('commitments.unit')} extra={t('commitments.unitHint')}>
              <TreeSelect allowClear showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll treeData={tree.options} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="supervisionPhone" label={t('commitments.phone')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="measure" label={t('commitments.measure')}>
              <Select allowClear placeholder={t('commitments.noMeasure')} options={measures.map((m) => ({ value: m.code, label: pick(m.label) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="targetOp" label={t('commitments.op')} rules={[{ required: !!measure, message: t('validation.required') }]}>
              <Select disabled={!measure} options={ops.map((o) => ({ value: o, label: opSymbols[o] }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="target" label={t('commitments.target')} rules={[{ required: !!measure, message: t('validation.required') }]}>
              <InputNumber disabled={!measure} min={0} step={0.01} style={{ width: '100%' }} suffix={measureKind === 'rate' ? '%' : undefined} />
            </Form.Item>
          </Col>
        </Row>
        {measure && <Typography.Paragraph type="secondary">{pick(measures.find((m) => m.code === measure)?.definition)}</Typography.Paragraph>}
        <Space size="large">
          <Form.Item name="published" label={t('commitments.published')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('commitments.sortOrder')}>
            <InputNumber min={0} max={100000} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** 服务承诺: the organisation's commitments with the measured figure of the last full month. */
export default function CommitmentsPage() {
  const { t, lng, pick } = useI18n();
  const me = useMe();
  const canWrite = me.role === 'admin' || me.role === 'quality_office';
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [editing, setEditing] = useState<Commitment | 'new' | null>(null);
  const table = useServerTable<Commitment>('commitments', '/api/v1/commitments');
  const tree = useUnitTree();
  const measures = useQuery({ queryKey: ['commitments', 'measures'], queryFn: () => api.get<{ items: Measure[] }>('/api/v1/commitments/measures'), staleTime: 600_000 });
  const patch = useMutation({
    mutationFn: ({ c, published }: { c: Commitment; published: boolean }) => api.patch(`/api/v1/commitments/${c.id}`, { version: c.version, published }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['commitments'] }),
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: (c: Commitment) => api.delete(`/api/v1/commitments/${c.id}`, { version: c.version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['commitments'] }),
    onError: showError,
  });
  const boardUrl = `/public/${me.organisation.code}`;

  const figure = (c: Commitment) => {
    const m = c.measured;
    if (!m) return <Typography.Text type="secondary">{c.measure ? t('commitments.notMeasured') : '—'}</Typography.Text>;
    const value = m.value === null ? '—' : m.kind === 'rate' ? `${m.value.toFixed(2)}%` : String(m.value);
    const target = `${t(`policy.ops.${m.op}`, { defaultValue: m.op })} ${m.target}${m.kind === 'rate' ? '%' : ''}`;
    return (
      <Tooltip title={`${pick(m.label)} · ${m.month}${m.numerator !== null && m.denominator !== null ? ` · ${m.numerator}/${m.denominator}` : ''}${m.reference ? ` · ${pick(m.reference)}` : ''}`}>
        <Space size={4} data-testid="commitment-measured">
          <span>{value}</span>
          <Typography.Text type="secondary">({target})</Typography.Text>
          {m.met === null ? <Tag>{t('commitments.noData')}</Tag> : m.met ? <Tag color="green">{t('commitments.met')}</Tag> : <Tag color="red">{t('commitments.notMet')}</Tag>}
        </Space>
      </Tooltip>
    );
  };

  const columns: TableColumnsType<Commitment> = [
    { title: t('commitments.text'), key: 'text', render: (_, c) => (lng === 'en' && c.textEn ? c.textEn : c.text) },
    { title: t('commitments.promise'), key: 'promise', render: (_, c) => (lng === 'en' && c.promiseEn ? c.promiseEn : c.promise) },
    { title: t('commitments.unit'), key: 'unit', render: (_, c) => (c.unitId ? (tree.byId.get(c.unitId)?.name ?? c.unitId) : t('commitments.wholeOrg')) },
    { title: t('commitments.measured'), key: 'measured', render: (_, c) => figure(c) },
    { title: t('commitments.phone'), key: 'phone', dataIndex: 'supervisionPhone' },
    {
      title: t('commitments.published'),
      key: 'published',
      render: (_, c) => <Switch size="small" checked={c.published} disabled={!canWrite} loading={patch.isPending && patch.variables?.c.id === c.id} onChange={(v) => patch.mutate({ c, published: v })} aria-label={t('commitments.published')} />,
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, c: Commitment) => (
              <Space size={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} aria-label={t('common.edit')} />
                <Popconfirm title={t('commitments.confirmDelete')} onConfirm={() => remove.mutate(c)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('commitments.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<ExportOutlined />} href={boardUrl} target="_blank" data-testid="public-board-link">
            {t('commitments.publicBoard')}
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="commitment-new">
              {t('commitments.new')}
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('commitments.hint')}</Typography.Text>
      <Input.Search allowClear placeholder={t('common.search')} onSearch={table.setSearch} style={{ width: 240 }} />
      {table.query.isError ? <LoadError error={table.query.error} onRetry={() => void table.query.refetch()} /> : <Table rowKey="id" size="small" columns={columns} scroll={{ x: 900 }} {...table.tableProps} />}
      {canWrite && <CommitmentForm editing={editing} onClose={() => setEditing(null)} measures={measures.data?.items ?? []} />}
    </Space>
  );
}
