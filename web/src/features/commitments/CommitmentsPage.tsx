import { useState } from 'react';
import { Button, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, ExportOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, saveRecord, type Bilingual } from '../../app/api';
import { paths } from '../../app/paths';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useChange } from '../../app/useChange';
import { useServerTable } from '../../app/useServerTable';
import { Columns } from '../../components/Columns';
import { EditModal } from '../../components/EditModal';
import { PageTitle } from '../../components/PageTitle';
import { ServerTable } from '../../components/QueryTable';
import { UnitField } from '../../components/UnitSelect';
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
  const measure = Form.useWatch('measure', form);
  const measureKind = measures.find((m) => m.code === measure)?.kind;
  return (
    <EditModal<Values, Commitment>
      open={editing !== null}
      form={form}
      name="commitment"
      title={editing === 'new' ? t('commitments.new') : t('commitments.edit')}
      width={720}
      values={editing && editing !== 'new' ? (Object.fromEntries(formFields.map((k) => [k, editing[k]])) as Partial<Values>) : { published: true, sortOrder: 0, targetOp: 'gte' }}
      save={(v) => {
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
        return saveRecord<Commitment>(paths.commitments, editing === 'new' ? null : editing, body);
      }}
      invalidate={[['commitments']]}
      onClose={onClose}
    >
      <Form.Item name="text" label={t('commitments.text')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
      </Form.Item>
      <Form.Item name="textEn" label={t('commitments.textEn')}>
        <Input.TextArea autoSize={{ minRows: 1 }} maxLength={1000} />
      </Form.Item>
      <Columns cols={[{ span: 12 }, { span: 12 }]}>
        <Form.Item name="promise" label={t('commitments.promise')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="promiseEn" label={t('commitments.promiseEn')}>
          <Input maxLength={1000} />
        </Form.Item>
      </Columns>
      <Columns cols={[{ span: 12 }, { span: 12 }]}>
        <UnitField label={t('commitments.unit')} extra={t('commitments.unitHint')} />
        <Form.Item name="supervisionPhone" label={t('commitments.phone')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={20} />
        </Form.Item>
      </Columns>
      <Columns cols={[{ span: 10 }, { span: 6 }, { span: 8 }]}>
        <Form.Item name="measure" label={t('commitments.measure')}>
          <Select allowClear placeholder={t('commitments.noMeasure')} options={measures.map((m) => ({ value: m.code, label: pick(m.label) }))} />
        </Form.Item>
        <Form.Item name="targetOp" label={t('commitments.op')} rules={[{ required: !!measure, message: t('validation.required') }]}>
          <Select disabled={!measure} options={ops.map((o) => ({ value: o, label: opSymbols[o] }))} />
        </Form.Item>
        <Form.Item name="target" label={t('commitments.target')} rules={[{ required: !!measure, message: t('validation.required') }]}>
          <InputNumber disabled={!measure} min={0} step={0.01} style={{ width: '100%' }} suffix={measureKind === 'rate' ? '%' : undefined} />
        </Form.Item>
      </Columns>
      {measure && <Typography.Paragraph type="secondary">{pick(measures.find((m) => m.code === measure)?.definition)}</Typography.Paragraph>}
      <Space size="large">
        <Form.Item name="published" label={t('commitments.published')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('commitments.sortOrder')}>
          <InputNumber min={0} max={100000} />
        </Form.Item>
      </Space>
    </EditModal>
  );
}

/** 服务承诺: the organisation's commitments with the measured figure of the last full month. */
export default function CommitmentsPage() {
  const { t, lng, pick } = useI18n();
  const me = useMe();
  const canWrite = can(me.role, 'commitmentsEdit');
  const [editing, setEditing] = useState<Commitment | 'new' | null>(null);
  const table = useServerTable<Commitment>('commitments', paths.commitments.list);
  const tree = useUnitTree();
  const measures = useQuery({ queryKey: ['commitments', 'measures'], queryFn: () => api.get<{ items: Measure[] }>(paths.commitments.measures), staleTime: 600_000 });
  const patch = useChange({
    mutationFn: ({ c, published }: { c: Commitment; published: boolean }) => api.patch(paths.commitments.one(c.id), { version: c.version, published }),
    invalidate: [['commitments']],
  });
  const remove = useChange({
    mutationFn: (c: Commitment) => api.delete(paths.commitments.one(c.id), { version: c.version }),
    invalidate: [['commitments']],
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
    <>
      <PageTitle title={t('commitments.title')} add={canWrite ? { text: t('commitments.new'), onClick: () => setEditing('new'), testId: 'commitment-new' } : undefined}>
        <Button icon={<ExportOutlined />} href={boardUrl} target="_blank" data-testid="public-board-link">
          {t('commitments.publicBoard')}
        </Button>
      </PageTitle>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('commitments.hint')}</Typography.Text>
        <Input.Search allowClear placeholder={t('common.search')} onSearch={table.setSearch} style={{ width: 240 }} />
        <ServerTable<Commitment> table={table} columns={columns} scroll={{ x: 900 }} />
        {canWrite && <CommitmentForm editing={editing} onClose={() => setEditing(null)} measures={measures.data?.items ?? []} />}
      </Space>
    </>
  );
}
