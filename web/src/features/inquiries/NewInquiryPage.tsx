import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Result, Row, Select, TreeSelect, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useErrorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useCaseLabels } from '../cases/labels';
import type { CaseSummary } from '../cases/model';

/** src/modules/inquiries/schema.ts inquiryChannels: 首问负责 on the phone and at the counter alike. */
const inquiryChannels = ['window', 'phone', 'online'] as const;

interface Values {
  channel: string;
  question: string;
  title?: string;
  unitId?: string;
  name?: string;
  phone?: string;
}

/**
 * 登记咨询（首问负责）: whoever is asked first records the question and owns it — the case page
 * then offers answer, handle or transfer (a transfer names the unit or agency and its contact).
 */
export default function NewInquiryPage() {
  const { t } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const labels = useCaseLabels();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<CaseSummary | null>(null);

  const register = useMutation({
    mutationFn: (v: Values) => {
      const inquirer = { name: v.name?.trim() || undefined, phone: v.phone?.trim() || undefined };
      return api.post<CaseSummary>('/api/v1/inquiries', {
        channel: v.channel,
        question: v.question.trim(),
        title: v.title?.trim() || undefined,
        unitId: v.unitId || undefined,
        inquirer: inquirer.name || inquirer.phone ? inquirer : undefined,
      });
    },
    onSuccess: async (r) => {
      setDone(r);
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });

  if (done)
    return (
      <Card>
        <Result
          status="success"
          title={t('inquiries.registered')}
          subTitle={t('inquiries.nextStep')}
          extra={[
            <Link key="open" to={`/cases/${done.id}`}>
              <Button type="primary" data-testid="open-inquiry">{t('inquiries.open')}</Button>
            </Link>,
            <Button key="again" onClick={() => { setDone(null); form.resetFields(); }}>
              {t('inquiries.another')}
            </Button>,
          ]}
        >
          <Descriptions bordered size="small" column={1} items={[{ key: 'no', label: t('cases.trackingNo'), children: <Typography.Text strong copyable data-testid="inquiry-tracking-no">{done.trackingNo}</Typography.Text> }]} />
        </Result>
      </Card>
    );

  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('inquiries.new')}
        </Typography.Title>
      </div>
      <Card>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('inquiries.rule')} />
        {register.error != null && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(register.error)} />}
        <Form<Values> form={form} layout="vertical" name="new-inquiry" initialValues={{ channel: 'window', unitId: me.unitId ?? undefined }} onFinish={(v) => register.mutate(v)}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="channel" label={t('cases.channel')} rules={[{ required: true, message: t('validation.required') }]}>
                <Select options={inquiryChannels.map((c) => ({ value: c, label: labels.channelLabel(c) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="unitId" label={t('inquiries.unit')} extra={t('inquiries.unitHint')}>
                <TreeSelect allowClear showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll treeData={labels.tree.options} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="question" label={t('inquiries.question')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="title" label={t('complaints.title')} extra={t('complaints.titleHint')}>
            <Input maxLength={100} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('inquiries.name')}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="phone" label={t('inquiries.phone')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('complaints.phoneInvalid') }]}>
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={register.isPending}>
            {t('inquiries.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
