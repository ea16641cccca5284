import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Descriptions, Form, Input, Result, Select, Typography, type DescriptionsProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n';
import { useCaseLabels } from './labels';

/**
 * An intake screen (登记投诉, 登记咨询): the form, the request that registers the case, and the
 * case once registered; `again` clears the form for the next person.
 */
export function useIntake<V, R>(register: (values: V) => Promise<R>, onError?: (e: unknown) => void) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const [done, setDone] = useState<R | null>(null);
  const submit = useMutation({
    mutationFn: register,
    onSuccess: async (result) => {
      setDone(result);
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
    onError,
  });
  const again = () => {
    setDone(null);
    form.resetFields();
  };
  return { form, submit, done, again };
}

/** The numbers of a case just taken in: its tracking number (copyable) first, then `more`. */
export function CaseNumbers({ trackingNo, testId, more = [] }: { trackingNo: string; testId: string; more?: DescriptionsProps['items'] }) {
  const { t } = useI18n();
  const no = { key: 'no', label: t('cases.trackingNo'), children: <Typography.Text strong copyable data-testid={testId}>{trackingNo}</Typography.Text> };
  return <Descriptions bordered size="small" column={1} items={[no, ...more]} />;
}

/** What an intake screen shows once the case is registered: what to tell the person, the case to open, the next one to take. */
export function Registered({
  caseId,
  title,
  subTitle,
  open,
  again,
  children,
}: {
  caseId: string;
  title: string;
  subTitle: string;
  open: { text: string; testId?: string };
  again: { text: string; onClick: () => void };
  children: ReactNode;
}) {
  return (
    <Card>
      <Result
        status="success"
        title={title}
        subTitle={subTitle}
        extra={[
          <Link key="open" to={`/cases/${caseId}`}>
            <Button type="primary" data-testid={open.testId}>
              {open.text}
            </Button>
          </Link>,
          <Button key="again" onClick={again.onClick}>
            {again.text}
          </Button>,
        ]}
      >
        {children}
      </Result>
    </Card>
  );
}

/** 渠道: how the case came in, one of its type's `channels`. */
export function ChannelField({ channels, required = true }: { channels: readonly string[]; required?: boolean }) {
  const { t } = useI18n();
  const labels = useCaseLabels();
  return (
    <Form.Item name="channel" label={t('cases.channel')} rules={required ? [{ required: true, message: t('validation.required') }] : undefined}>
      <Select options={channels.map((c) => ({ value: c, label: labels.channelLabel(c) }))} />
    </Form.Item>
  );
}

/** 标题: optional; the server makes one from the text when it is left empty. */
export function TitleField() {
  const { t } = useI18n();
  return (
    <Form.Item name="title" label={t('complaints.title')} extra={t('complaints.titleHint')}>
      <Input maxLength={100} />
    </Form.Item>
  );
}

/** A contact phone as the server takes it: 5 to 20 digits, spaces and + - ( ). */
export function PhoneField({ label, extra }: { label: string; extra?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="phone" label={label} extra={extra} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('complaints.phoneInvalid') }]}>
      <Input maxLength={20} inputMode="tel" />
    </Form.Item>
  );
}
