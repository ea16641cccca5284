import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { LoadError, settled, useShowError } from '../../app/errors';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';
import type { ApiToken } from '../../app/types';

const fmt = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

export default function TokensPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [form] = Form.useForm<{ name: string }>();
  const showFormError = useFormErrors(form);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiToken | null>(null);
  const list = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<{ items: ApiToken[] }>(paths.tokens.list) });

  const create = useMutation({
    mutationFn: (name: string) => api.post<ApiToken>(paths.tokens.list, { name }),
    onSuccess: async (token) => {
      setCreating(false);
      setCreated(token);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: showFormError,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(paths.tokens.one(id)),
    onSuccess: async () => {
      message.success(t('tokens.revoked'));
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: showError,
  });

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name', key: 'name' },
    { title: t('tokens.prefix'), dataIndex: 'prefix', key: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: fmt, responsive: ['sm'] },
    { title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', key: 'lastUsedAt', render: fmt, responsive: ['md'] },
    { title: t('tokens.status'), key: 'status', render: (_, r) => (r.revokedAt ? <Tag>{t('tokens.revokedAt', { at: fmt(r.revokedAt) })}</Tag> : <Tag color="green">{t('tokens.active')}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) =>
        r.revokedAt ? null : (
          <Popconfirm title={t('tokens.confirmRevoke', { name: r.name })} okText={t('tokens.revoke')} cancelText={t('common.cancel')} onConfirm={() => settled(revoke.mutateAsync(r.id))}>
            <Button type="link" size="small" danger>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('menu.tokens')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('tokens.help')}</Typography.Paragraph>
      <Card size="small">
        {list.error ? (
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<ApiToken> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />
        )}
      </Card>
      <Modal open={creating} title={t('tokens.create')} onCancel={() => setCreating(false)} onOk={() => form.submit()} okText={t('tokens.create')} cancelText={t('common.cancel')} confirmLoading={create.isPending} forceRender>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v.name.trim())} name="token">
          <Form.Item name="name" label={t('tokens.name')} extra={t('tokens.nameHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60 }]}>
            <Input autoFocus />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={created !== null} title={t('tokens.createdTitle')} onCancel={() => setCreated(null)} footer={<Button type="primary" onClick={() => setCreated(null)}>{t('tokens.copiedDone')}</Button>}>
        <Alert type="warning" showIcon title={t('tokens.showOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: created?.token ?? '' }} code data-testid="new-token" style={{ wordBreak: 'break-all' }}>
          {created?.token}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('tokens.usage')}</Typography.Paragraph>
      </Modal>
    </>
  );
}
