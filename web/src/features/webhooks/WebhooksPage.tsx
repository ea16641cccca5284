import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Drawer, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Bilingual, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { LoadError, settled, useShowError } from '../../app/errors';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';

/** 接口推送: the organisation's outgoing webhooks (server: src/modules/webhooks; README "Webhooks"). */

interface Webhook {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  active: boolean;
  disabledReason: string | null;
  secretHint: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Only in the answer that creates it or rotates its secret. */
  secret?: string;
}

interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  resendOf: string | null;
  payload: unknown;
}

interface WebhookList {
  items: Webhook[];
  events: { code: string; label: Bilingual }[];
}

interface WebhookForm {
  url: string;
  description?: string;
  events: string[];
  active: boolean;
}

const fmt = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');
const statusColors: Record<Delivery['status'], string> = { pending: 'gold', delivered: 'green', failed: 'red' };

export default function WebhooksPage() {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [form] = Form.useForm<WebhookForm>();
  const showFormError = useFormErrors(form);
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const [logPage, setLogPage] = useState(1);
  const list = useQuery({ queryKey: ['webhooks'], queryFn: () => api.get<WebhookList>(paths.webhooks.list) });
  const log = useQuery({
    queryKey: ['webhooks', logOf?.id, 'deliveries', logPage],
    queryFn: () => api.get<Page<Delivery>>(paths.webhooks.deliveries(logOf!.id), { page: logPage, pageSize: 20 }),
    enabled: logOf !== null,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  const labelOf = (code: string) => {
    const e = list.data?.events.find((x) => x.code === code);
    return e ? pick(e.label) : code;
  };

  const save = useMutation({
    mutationFn: (v: WebhookForm) => {
      const body = { url: v.url.trim(), description: v.description?.trim() || null, events: v.events };
      return editing === 'new' || editing === null ? api.post<Webhook>(paths.webhooks.list, { ...body, active: v.active }) : api.patch<Webhook>(paths.webhooks.one(editing.id), { ...body, active: v.active, version: editing.version });
    },
    onSuccess: async (saved) => {
      setEditing(null);
      form.resetFields();
      if (saved.secret) setSecret(saved.secret);
      else message.success(t('webhooks.saved'));
      await refresh();
    },
    onError: showFormError,
  });
  const change = useMutation({
    mutationFn: ({ hook, body }: { hook: Webhook; body: Record<string, unknown> }) => api.patch<Webhook>(paths.webhooks.one(hook.id), { version: hook.version, ...body }),
    onSuccess: async (saved) => {
      if (saved.secret) setSecret(saved.secret);
      else message.success(t('webhooks.saved'));
      await refresh();
    },
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: (hook: Webhook) => api.delete(paths.webhooks.one(hook.id), { version: hook.version }),
    onSuccess: async () => {
      message.success(t('webhooks.deleted'));
      await refresh();
    },
    onError: showError,
  });
  const test = useMutation({
    mutationFn: (hook: Webhook) => api.post<Delivery>(paths.webhooks.test(hook.id)),
    onSuccess: async (d) => {
      if (d.status === 'delivered') message.success(t('webhooks.testDelivered', { code: d.lastStatusCode }));
      else message.warning(t('webhooks.testFailed', { error: d.lastError ?? '—' }));
      await refresh();
    },
    onError: showError,
  });
  const resend = useMutation({
    mutationFn: (d: Delivery) => api.post<Delivery>(paths.webhooks.resend(d.id)),
    onSuccess: async (d) => {
      if (d.status === 'delivered') message.success(t('webhooks.resent'));
      else message.warning(t('webhooks.testFailed', { error: d.lastError ?? '—' }));
      await refresh();
    },
    onError: showError,
  });

  const openForm = (hook: Webhook | 'new') => {
    setEditing(hook);
    form.setFieldsValue(hook === 'new' ? { url: '', description: '', events: [], active: true } : { url: hook.url, description: hook.description ?? '', events: hook.events, active: hook.active });
  };

  const columns: TableColumnsType<Webhook> = [
    {
      title: t('webhooks.url'),
      key: 'url',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {r.url}
          </Typography.Text>
          {r.description ? <Typography.Text type="secondary">{r.description}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('webhooks.events'), key: 'events', render: (_, r) => r.events.map((e) => <Tag key={e}>{labelOf(e)}</Tag>) },
    {
      title: t('webhooks.status'),
      key: 'status',
      render: (_, r) => (r.active ? <Tag color="green">{t('webhooks.active')}</Tag> : r.disabledReason === 'gone' ? <Tooltip title={t('webhooks.goneHelp')}><Tag color="red">{t('webhooks.gone')}</Tag></Tooltip> : <Tag>{t('webhooks.paused')}</Tag>),
    },
    { title: t('webhooks.secret'), dataIndex: 'secretHint', key: 'secretHint', render: (s: string) => <Typography.Text code>{s}</Typography.Text>, responsive: ['md'] },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Space size={0} wrap>
          <Button type="link" size="small" loading={test.isPending && test.variables?.id === r.id} onClick={() => test.mutate(r)}>
            {t('webhooks.test')}
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setLogPage(1);
              setLogOf(r);
            }}
          >
            {t('webhooks.deliveries')}
          </Button>
          <Button type="link" size="small" onClick={() => openForm(r)}>
            {t('webhooks.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => change.mutate({ hook: r, body: { active: !r.active } })}>
            {r.active ? t('webhooks.pause') : t('webhooks.resume')}
          </Button>
          <Popconfirm title={t('webhooks.confirmRotate')} okText={t('webhooks.rotate')} cancelText={t('common.cancel')} onConfirm={() => settled(change.mutateAsync({ hook: r, body: { rotateSecret: true } }))}>
            <Button type="link" size="small">
              {t('webhooks.rotate')}
            </Button>
          </Popconfirm>
          <Popconfirm title={t('webhooks.confirmDelete')} okText={t('webhooks.delete')} cancelText={t('common.cancel')} onConfirm={() => settled(remove.mutateAsync(r))}>
            <Button type="link" size="small" danger>
              {t('webhooks.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const logColumns: TableColumnsType<Delivery> = [
    { title: t('webhooks.log.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: fmt },
    { title: t('webhooks.log.event'), dataIndex: 'eventType', key: 'eventType', render: (e: string) => (e === 'ping' ? <Tag>ping</Tag> : labelOf(e)) },
    {
      title: t('webhooks.log.status'),
      key: 'status',
      render: (_, d) => (
        <Space size={4}>
          <Tag color={statusColors[d.status]}>{t(`webhooks.log.statuses.${d.status}`)}</Tag>
          {d.resendOf ? <Tag>{t('webhooks.log.resend')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('webhooks.log.attempts'), dataIndex: 'attempts', key: 'attempts' },
    { title: t('webhooks.log.code'), dataIndex: 'lastStatusCode', key: 'lastStatusCode', render: (c: number | null) => c ?? '—' },
    { title: t('webhooks.log.error'), dataIndex: 'lastError', key: 'lastError', render: (e: string | null) => (e ? <Typography.Text type="danger" ellipsis={{ tooltip: e }} style={{ maxWidth: 220 }}>{e}</Typography.Text> : '—') },
    { title: t('webhooks.log.next'), dataIndex: 'nextAttemptAt', key: 'nextAttemptAt', render: fmt },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, d) => (
        <Button size="small" loading={resend.isPending && resend.variables?.id === d.id} onClick={() => resend.mutate(d)}>
          {t('webhooks.log.resendButton')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('menu.webhooks')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm('new')}>
          {t('webhooks.create')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('webhooks.help')}</Typography.Paragraph>
      <Card size="small">
        {list.error ? (
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<Webhook> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('webhooks.empty') }} />
        )}
      </Card>
      <Modal open={editing !== null} title={editing === 'new' ? t('webhooks.create') : t('webhooks.edit')} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} forceRender width={640}>
        <Form form={form} layout="vertical" name="webhook" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="url" label={t('webhooks.url')} extra={t('webhooks.urlHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 500 }]}>
            <Input placeholder="https://" autoFocus />
          </Form.Item>
          <Form.Item name="description" label={t('webhooks.description')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="events" label={t('webhooks.events')} rules={[{ required: true, type: 'array', min: 1, message: t('webhooks.eventsRequired') }]}>
            <Checkbox.Group style={{ display: 'grid', gap: 6 }} options={(list.data?.events ?? []).map((e) => ({ value: e.code, label: <span>{pick(e.label)} <Typography.Text type="secondary" code>{e.code}</Typography.Text></span> }))} />
          </Form.Item>
          <Form.Item name="active" label={t('webhooks.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={secret !== null} title={t('webhooks.secretTitle')} onCancel={() => setSecret(null)} footer={<Button type="primary" onClick={() => setSecret(null)}>{t('webhooks.copiedDone')}</Button>}>
        <Alert type="warning" showIcon title={t('webhooks.showOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: secret ?? '' }} code data-testid="new-webhook-secret" style={{ wordBreak: 'break-all' }}>
          {secret}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('webhooks.verifyHint')}</Typography.Paragraph>
      </Modal>
      <Drawer open={logOf !== null} onClose={() => setLogOf(null)} title={t('webhooks.logTitle', { url: logOf?.url ?? '' })} width={Math.min(1100, typeof window === 'undefined' ? 1100 : window.innerWidth)}>
        {log.error ? (
          <LoadError error={log.error} onRetry={() => log.refetch()} />
        ) : (
          <Table<Delivery>
            rowKey="id"
            size="small"
            columns={logColumns}
            dataSource={log.data?.items ?? []}
            loading={log.isLoading || log.isFetching}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (d) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(d.payload, null, 2)}</pre> }}
            pagination={{ current: logPage, pageSize: 20, total: log.data?.total ?? 0, size: 'small', hideOnSinglePage: true, onChange: setLogPage }}
          />
        )}
      </Drawer>
    </>
  );
}
