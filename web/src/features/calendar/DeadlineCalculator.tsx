import { Alert, Card, DatePicker, Descriptions, Form, InputNumber, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useErrorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { isoToWall, useOrgOffset, wallTimeToIso } from './dates';

interface Values {
  receivedAt?: Dayjs | null;
  days?: number | null;
}

/**
 * 期限计算器: when is a matter received at an instant due after N working days, on this
 * organisation's calendar (holidays, make-up days and its own overrides). Recomputes whenever the
 * calendar changes.
 */
export function DeadlineCalculator({ initial }: { initial?: { receivedAt?: Dayjs; days?: number } }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const offset = useOrgOffset();
  const [form] = Form.useForm<Values>();
  const receivedAt = Form.useWatch('receivedAt', form);
  const days = Form.useWatch('days', form);

  useEffect(() => {
    form.setFieldsValue({ receivedAt: initial?.receivedAt ?? dayjs().second(0).millisecond(0), days: initial?.days ?? 5 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const iso = receivedAt ? wallTimeToIso(receivedAt, offset) : null;
  const valid = iso !== null && typeof days === 'number' && days >= 0 && days <= 3660;
  const deadline = useQuery({
    queryKey: ['calendar', 'deadline', iso, days],
    queryFn: () => api.get<{ dueDate: string; dueAt: string }>(paths.calendar.deadline, { receivedAt: iso, days: days ?? 0 }),
    enabled: valid,
    staleTime: 0,
  });
  const due = deadline.data ? isoToWall(deadline.data.dueAt, offset) : null;

  return (
    <Card size="small" title={t('calendar.calculator.title')}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('calendar.calculator.help')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="deadline" onFinish={() => void deadline.refetch()}>
        <Form.Item name="receivedAt" label={t('calendar.calculator.receivedAt')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} needConfirm={false} />
        </Form.Item>
        <Form.Item name="days" label={t('calendar.calculator.days')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={0} max={3660} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      <div aria-live="polite" data-testid="deadline-result">
        {deadline.error ? (
          <Alert type="warning" showIcon title={errorText(deadline.error)} />
        ) : (
          <Spin spinning={deadline.isFetching}>
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                {
                  key: 'dueDate',
                  label: t('calendar.calculator.dueDate'),
                  children: (
                    <Typography.Text strong data-testid="due-date">
                      {deadline.data ? t('calendar.calculator.dueDateValue', { date: deadline.data.dueDate, weekday: dayjs(deadline.data.dueDate).format('dddd') }) : '—'}
                    </Typography.Text>
                  ),
                },
                { key: 'dueAt', label: t('calendar.calculator.dueAt'), children: due ? due.format('YYYY-MM-DD HH:mm') : '—' },
              ]}
            />
          </Spin>
        )}
      </div>
    </Card>
  );
}
