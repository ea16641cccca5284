import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { can } from '../../app/access';
import { useAuth } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useChange } from '../../app/useChange';
import type { Campaign, CampaignSummary, CampaignTemplate } from './model';

interface NewCampaign {
  templateCode: string;
  year: number;
  title?: string;
  unitIds: string[];
}

/** 新建活动: a template copied into a year for the chosen units. */
function NewCampaignForm({ onCancel }: { onCancel: () => void }) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewCampaign>();
  const showFormErrors = useFormErrors(form);
  const templates = useQuery({ queryKey: ['campaigns', 'templates'], queryFn: () => api.get<{ items: CampaignTemplate[] }>(paths.campaigns.templates) });
  const units = useQuery({ queryKey: ['units', 'options'], queryFn: () => api.get<{ items: { id: string; code: string; name: string }[] }>(paths.units.options) });
  const create = useChange({
    mutationFn: (v: NewCampaign) => api.post<Campaign>(paths.campaigns.list, { ...v, title: v.title || undefined }),
    success: t('campaigns.created'),
    invalidate: [['campaigns']],
    onSuccess: (c) => navigate(`/campaigns/${c.id}`),
    onError: showFormErrors,
  });
  return (
    <Card size="small" title={t('campaigns.new')} style={{ marginBottom: 12 }} data-testid="campaign-new">
      <Form form={form} layout="vertical" initialValues={{ year: dayjs().year() }} onFinish={(v) => create.mutate(v)} style={{ maxWidth: 640 }}>
        <Form.Item name="templateCode" label={t('campaigns.template')} rules={[{ required: true, message: t('campaigns.templateRequired') }]}>
          <Select
            data-testid="campaign-template"
            showSearch
            optionFilterProp="label"
            options={(templates.data?.items ?? []).map((x) => ({ value: x.code, label: `${pick(x.label)}（${x.code} · ${x.source}）` }))}
          />
        </Form.Item>
        <Form.Item name="year" label={t('campaigns.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} data-testid="campaign-year" />
        </Form.Item>
        <Form.Item name="title" label={t('campaigns.titleOptional')}>
          <Input maxLength={200} data-testid="campaign-title" />
        </Form.Item>
        <Form.Item name="unitIds" label={t('campaigns.scope')} rules={[{ required: true, message: t('campaigns.scopeRequired') }]}>
          <Select mode="multiple" data-testid="campaign-units" optionFilterProp="label" options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }))} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="campaign-create">
            {t('campaigns.create')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** 服务提升年活动: the organisation's campaigns, newest year first. */
export default function CampaignsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['campaigns', 'list'], queryFn: () => api.get<{ items: CampaignSummary[] }>(paths.campaigns.list) });
  const columns: TableColumnsType<CampaignSummary> = [
    { title: t('campaigns.year'), dataIndex: 'year', key: 'year', width: 80 },
    { title: t('campaigns.title'), key: 'title', render: (_, c) => <Link to={`/campaigns/${c.id}`}>{c.title}</Link> },
    { title: t('campaigns.period'), key: 'period', render: (_, c) => `${c.startsOn} – ${c.endsOn}` },
    { title: t('campaigns.status'), key: 'status', render: (_, c) => <Tag color={c.status === 'active' ? 'green' : c.status === 'closed' ? 'default' : 'blue'}>{t(`campaigns.statuses.${c.status}`)}</Tag> },
    { title: t('campaigns.published'), key: 'published', render: (_, c) => (c.published ? <Tag color="purple">{t('campaigns.isPublished')}</Tag> : null) },
  ];
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('campaigns.pageTitle')}
        </Typography.Title>
        {can(user?.role, 'campaignsEdit') && !creating && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new-open">
            {t('campaigns.new')}
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">{t('campaigns.intro')}</Typography.Paragraph>
      {creating && <NewCampaignForm onCancel={() => setCreating(false)} />}
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<CampaignSummary> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={false} scroll={{ x: 'max-content' }} data-testid="campaigns-list" />
      )}
    </>
  );
}
