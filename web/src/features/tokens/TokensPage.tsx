import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { LoadError, settled, useShowError } from '../../app/errors';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';
import type { ApiToken, TokenScope } from '../../app/types';

const fmt = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const scopes: TokenScope[] = ['read', 'open311', 'full'];
const scopeColors: Record<TokenScope, string> = { read: 'blue', open311: 'purple', full: 'orange' };
const expiryChoices = [30, 90, 180, 365];

interface NewToken {
  name: string;
  scope: TokenScope;
  /** 0: no expiry. */
  expiresInDays: number;
}

export default function TokensPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [form] = Form.useForm<NewToken>();
  const showFormError = useFormErrors(form);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiToken | null>(null);
  const list = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<{ items: ApiToken[] }>(paths.tokens.list) });

  const create = useMutation({
    mutationFn: (v: NewToken) => api.post<ApiToken>(paths.tokens.list, { name: v.name.trim(), scope: v.scope, expiresInDays: v.expiresInDays || undefined }),
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

  const expired = (r: ApiToken) => r.expiresAt !== null && dayjs(r.expiresAt).isBefore(dayjs());
  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name', key: 'name' },
    { title: t('tokens.owner'), dataIndex: 'username', key: 'username', responsive: ['md'] },
    { title: t('tokens.scope'), dataIndex: 'scope', key: 'scope', render: (s: TokenScope) => <Tag color={scopeColors[s]}>{t(`tokens.scopes.${s}`)}</Tag> },
    { title: t('tokens.prefix'), dataIndex: 'prefix', key: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text>, responsive: ['sm'] },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: fmt, responsive: ['sm'] },
    { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', key: 'expiresAt', render: (iso: string | null) => (iso ? fmt(iso) : t('tokens.never')) },
    { title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', key: 'lastUsedAt', render: fmt, responsive: ['md'] },
    {
      title: t('tokens.status'),
      key: 'status',
      render: (_, r) => (r.revokedAt ? <Tag>{t('tokens.revokedAt', { at: fmt(r.revokedAt) })}</Tag> : expired(r) ? <Tag color="red">{t('tokens.expired')}</Tag> : <Tag color="green">{t('tokens.active')}</Tag>),
    },
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
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} name="token" initialValues={{ scope: 'read', expiresInDays: 90 }}>
          <Form.Item name="name" label={t('tokens.name')} extra={t('tokens.nameHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60 }]}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="scope" label={t('tokens.scope')} extra={t('tokens.scopeHint')}>
            <Radio.Group>
              <Space direction="vertical">
                {scopes.map((s) => (
                  <Radio key={s} value={s}>
                    {t(`tokens.scopes.${s}`)} <Typography.Text type="secondary">— {t(`tokens.scopeHelp.${s}`)}</Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('tokens.expiry')}>
            <Select options={[...expiryChoices.map((days) => ({ value: days, label: t('tokens.expiryDays', { days }) })), { value: 0, label: t('tokens.never') }]} style={{ maxWidth: 200 }} />
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
