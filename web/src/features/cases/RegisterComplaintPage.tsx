import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, Result, Row, Select, TreeSelect, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, isApiError } from '../../app/api';
import { canReadRoster } from '../../app/access';
import { useMe } from '../../app/auth';
import { useErrorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { StaffSelect } from '../users/StaffSelect';
import { replyChannels } from './actionSpecs';
import { useCaseLabels, useComplaintTaxonomy } from './labels';
import type { CaseSummary } from './model';

/** Complaint intake channels (src/modules/complaints/taxonomy.ts). */
export const complaintChannels = ['window', 'phone', 'online', 'qr', 'suggestion_box', 'supervision_card', 'social_supervisor', 'hotline_12345', 'media', 'deputy'] as const;

interface Values {
  channel: string;
  content: string;
  title?: string;
  unitId?: string;
  staffId?: string | null;
  category?: string;
  name?: string;
  phone?: string;
  email?: string;
  replyChannel?: string;
  anonymous?: boolean;
  receivedAt?: Dayjs;
}

type Registered = CaseSummary & { replyDueDate: string | null; queryCode: string | null };

/** 登记投诉: a complaint taken at the counter, on the phone or by letter. */
export default function RegisterComplaintPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const labels = useCaseLabels();
  const categories = useComplaintTaxonomy('categories');
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<Registered | null>(null);
  const anonymous = Form.useWatch('anonymous', form);

  const register = useMutation({
    mutationFn: (v: Values) => {
      const complainant: Record<string, unknown> = {};
      if (v.anonymous) complainant.anonymous = true;
      else if (v.name?.trim()) complainant.name = v.name.trim();
      if (v.phone?.trim()) complainant.phone = v.phone.trim();
      if (v.email?.trim()) complainant.email = v.email.trim();
      if (v.replyChannel) complainant.replyChannel = v.replyChannel;
      return api.post<Registered>('/api/v1/complaints', {
        channel: v.channel,
        content: v.content.trim(),
        title: v.title?.trim() || undefined,
        unitId: v.unitId || undefined,
        staffId: v.staffId || undefined,
        category: v.category || undefined,
        receivedAt: (v.receivedAt ?? dayjs()).format(),
        complainant: Object.keys(complainant).length ? complainant : undefined,
      });
    },
    onSuccess: async (r) => {
      setDone(r);
      await queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'validation_failed' && Array.isArray(e.details)) {
        const map: Record<string, string> = { 'complainant.phone': 'phone', 'complainant.name': 'name', 'complainant.email': 'email' };
        const fields = (e.details as { path?: string; message?: string }[]).map((d) => {
          const path = String(d.path ?? '').replace(/^body\./, '');
          return { name: (map[path] ?? path.split('.')[0]) as keyof Values, errors: [d.message ?? ''] };
        });
        form.setFields(fields.filter((f) => ['channel', 'content', 'title', 'unitId', 'staffId', 'category', 'name', 'phone', 'email', 'replyChannel', 'receivedAt'].includes(f.name)));
      }
    },
  });

  if (done) {
    const statusUrl = `${window.location.origin}/public/complaints/status?no=${encodeURIComponent(done.trackingNo)}&code=${encodeURIComponent(done.queryCode ?? '')}`;
    return (
      <Card>
        <Result
          status="success"
          title={t('complaints.registered')}
          subTitle={t('complaints.tellComplainant')}
          extra={[
            <Link key="open" to={`/cases/${done.id}`}>
              <Button type="primary">{t('complaints.openCase')}</Button>
            </Link>,
            <Button
              key="again"
              onClick={() => {
                setDone(null);
                form.resetFields();
              }}
            >
              {t('complaints.registerAnother')}
            </Button>,
          ]}
        >
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'no', label: t('cases.trackingNo'), children: <Typography.Text strong copyable data-testid="registered-tracking-no">{done.trackingNo}</Typography.Text> },
              { key: 'code', label: t('complaints.queryCode'), children: <Typography.Text strong copyable data-testid="registered-query-code">{done.queryCode}</Typography.Text> },
              { key: 'due', label: t('complaints.replyDue'), children: <span data-testid="registered-reply-due">{done.replyDueDate ?? '—'}</span> },
              { key: 'status', label: t('complaints.statusPage'), children: <Typography.Text copyable={{ text: statusUrl }} style={{ wordBreak: 'break-all' }}>{statusUrl}</Typography.Text> },
            ]}
          />
        </Result>
      </Card>
    );
  }

  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('complaints.register')}
        </Typography.Title>
      </div>
      <Card>
        {register.error != null && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(register.error)} />}
        <Form<Values>
          form={form}
          layout="vertical"
          name="register-complaint"
          initialValues={{ channel: 'window', unitId: me.unitId ?? undefined, receivedAt: dayjs() }}
          onFinish={(v) => register.mutate(v)}
        >
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="channel" label={t('cases.channel')} rules={[{ required: true, message: t('validation.required') }]}>
                <Select options={complaintChannels.map((c) => ({ value: c, label: labels.channelLabel(c) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="receivedAt" label={t('complaints.receivedAt')} rules={[{ required: true, message: t('validation.required') }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="category" label={t('cases.category')}>
                <Select allowClear loading={categories.isFetching} options={(categories.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: pick(c) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="content" label={t('complaints.content')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} showCount placeholder={t('complaints.contentHint')} />
          </Form.Item>
          <Form.Item name="title" label={t('complaints.title')} extra={t('complaints.titleHint')}>
            <Input maxLength={100} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label={t('complaints.unit')} extra={canReadRoster(me.role) ? undefined : t('complaints.unitHintStaff')}>
                <TreeSelect allowClear showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll treeData={labels.tree.options} />
              </Form.Item>
            </Col>
            {canReadRoster(me.role) && (
              <Col xs={24} md={12}>
                <Form.Item name="staffId" label={t('complaints.staff')}>
                  <StaffSelect />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('complaints.complainant')}
          </Typography.Title>
          <Row gutter={12}>
            <Col xs={24} md={6}>
              <Form.Item name="name" label={t('complaints.name')}>
                <Input maxLength={40} disabled={!!anonymous} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="phone" label={t('complaints.phone')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('complaints.phoneInvalid') }]}>
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="email" label={t('complaints.email')} rules={[{ type: 'email', message: t('complaints.emailInvalid') }]}>
                <Input maxLength={100} inputMode="email" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="replyChannel" label={t('complaints.replyChannel')}>
                <Select allowClear options={replyChannels.map((c) => ({ value: c, label: t(`cases.options.replyChannels.${c}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="anonymous" label=" " colon={false} valuePropName="checked">
                <Checkbox>{t('complaints.anonymous')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={register.isPending}>
            {t('complaints.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
