import { useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { Link } from 'react-router-dom';
import { Button, Card, Checkbox, Descriptions, Form, Input, Result, Select, Space, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { useMe } from '../../app/auth';
import { ErrorAlert } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { Columns } from '../../components/Columns';
import { PageTitle } from '../../components/PageTitle';
import { UnitField } from '../../components/UnitSelect';
import { CaseNumbers, ChannelField, PhoneField } from '../cases/Intake';
import type { CaseSummary } from '../cases/model';
import type { ServiceItem } from '../serviceItems/model';

/** src/modules/applications/schema.ts applicationChannels. */
const applicationChannels = ['window', 'online', 'mail'] as const;

interface Values {
  serviceItemId: string;
  channel: string;
  materials: string[];
  name: string;
  phone?: string;
  unitId?: string;
  note?: string;
}

type Received = CaseSummary & { missing: string[]; processingDueDate: string | null; supplementNoticeDueDate: string | null };

/**
 * 受理申请: the clerk picks the service item, ticks the materials handed in and receives the
 * application. Complete → accepted with its committed deadline; incomplete → one notice listing
 * everything missing (一次性告知, 002:L98), printed for the applicant.
 */
export default function NewApplicationPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<{ result: Received; item: ServiceItem; applicant: string } | null>(null);
  const [search, setSearch] = useState('');
  const items = useQuery({
    queryKey: ['service-items', 'active', search],
    queryFn: () => api.get<Page<ServiceItem>>(paths.serviceItems.list, { active: 'true', q: search || undefined, pageSize: 50 }),
  });
  const itemId = Form.useWatch('serviceItemId', form);
  const item = useMemo(() => items.data?.items.find((i) => i.id === itemId), [items.data, itemId]);
  const ticked = Form.useWatch('materials', form) ?? [];

  const receive = useMutation({
    mutationFn: (v: Values) =>
      api.post<Received>(paths.applications.create, {
        serviceItemId: v.serviceItemId,
        channel: v.channel,
        materials: v.materials ?? [],
        applicant: { name: v.name.trim(), phone: v.phone?.trim() || undefined },
        unitId: v.unitId || undefined,
        note: v.note?.trim() || undefined,
      }),
    onSuccess: async (result, v) => {
      if (item) setDone({ result, item, applicant: v.name.trim() });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });

  if (done) return <Receipt {...done} onAgain={() => { setDone(null); form.resetFields(); }} />;

  const missingRequired = item ? item.materials.filter((m) => m.required && !ticked.includes(m.code)) : [];
  return (
    <>
      <PageTitle title={t('applications.new')} />
      <Card>
        <ErrorAlert error={receive.error} style={{ marginBottom: 12 }} />
        <Form<Values> form={form} layout="vertical" name="new-application" initialValues={{ channel: 'window', materials: [] }} onFinish={(v) => receive.mutate(v)}>
          <Columns cols={[16, 8]}>
            <Form.Item name="serviceItemId" label={t('applications.item')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch }}
                loading={items.isFetching}
                onChange={() => form.setFieldValue('materials', [])}
                options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.code}）` }))}
                notFoundContent={t('applications.noItems')}
              />
            </Form.Item>
            <ChannelField channels={applicationChannels} required={false} />
          </Columns>
          {item && (
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, md: 3 }}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'body', label: t('serviceItems.responsibleBody'), children: item.responsibleBody },
                { key: 'limit', label: t('serviceItems.limits'), children: t('serviceItems.limitText', { committed: item.committedLimitDays, statutory: item.statutoryLimitDays }) },
                { key: 'fees', label: t('serviceItems.fees'), children: item.fees },
              ]}
            />
          )}
          {item && (
            <Form.Item name="materials" label={t('applications.materialsReceived')} extra={missingRequired.length ? t('applications.willNotice', { count: missingRequired.length }) : t('applications.complete')}>
              <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="materials">
                {item.materials.map((m) => (
                  <Checkbox key={m.code} value={m.code}>
                    {m.name} {m.required ? <Tag color="red">{t('serviceItems.required')}</Tag> : <Tag>{t('serviceItems.optional')}</Tag>}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
          )}
          <Columns cols={[8, 8, 8]}>
            <Form.Item name="name" label={t('applications.applicant')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input maxLength={60} />
            </Form.Item>
            <PhoneField label={t('applications.phone')} extra={t('applications.phoneHint')} />
            <UnitField label={t('applications.unit')} extra={t('applications.unitHint')} />
          </Columns>
          <Form.Item name="note" label={t('applications.note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={receive.isPending} disabled={!item}>
            {t('applications.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

interface Notice {
  no: number;
  at: string;
  items: { code: string; name: string }[];
  dueDate?: string;
}

/** The result at the counter: the acceptance, or the one-time notice (一次性告知书) to print and hand over. */
function Receipt({ result, item, applicant, onAgain }: { result: Received; item: ServiceItem; applicant: string; onAgain: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const accepted = result.status === 'accepted';
  const notice = ((result.data.notices as Notice[] | undefined) ?? [])[0];
  // The paper the applicant takes home (alone on the page when printed).
  const paper = !accepted && (
    <div className="yz-print-root">
      <div className="yz-print-doc">
        <h2>{me.organisation.name}</h2>
        <h1>{t('applications.noticeTitle')}</h1>
        <p>{t('cases.trackingNo')}：{result.trackingNo}</p>
        <p>{t('applications.applicant')}：{applicant}</p>
        <p>{t('applications.item')}：{item.name}</p>
        <p>{t('applications.missing')}：</p>
        <ol>
          {(notice?.items ?? []).map((m) => (
            <li key={m.code}>{m.name}</li>
          ))}
        </ol>
        <p>{t('serviceItems.complaintChannels')}：{item.complaintChannels.join('；')}</p>
        <p>{notice ? notice.at.slice(0, 10) : ''}</p>
      </div>
    </div>
  );
  return (
    <Card>
      {paper && createPortal(paper, document.body)}
      <Result
        status={accepted ? 'success' : 'warning'}
        title={accepted ? t('applications.accepted') : t('applications.incomplete')}
        subTitle={accepted ? t('applications.acceptedDue', { date: result.processingDueDate ?? t('applications.duePending') }) : t('applications.noticeHint')}
        extra={
          <Space wrap>
            <Link to={`/cases/${result.id}`}>
              <Button type="primary">{t('inquiries.open')}</Button>
            </Link>
            {!accepted && (
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('applications.printNotice')}
              </Button>
            )}
            <Button onClick={onAgain}>{t('applications.another')}</Button>
          </Space>
        }
      />
      <div data-testid="application-receipt">
        <Typography.Title level={2} style={{ fontSize: 18, textAlign: 'center' }}>
          {accepted ? t('applications.acceptanceTitle') : t('applications.noticeTitle')}
        </Typography.Title>
        <CaseNumbers
          trackingNo={result.trackingNo}
          testId="application-tracking-no"
          more={[
            { key: 'item', label: t('applications.item'), children: item.name },
            { key: 'applicant', label: t('applications.applicant'), children: applicant },
            ...(accepted
              ? [{ key: 'due', label: t('applications.processingDue'), children: <span data-testid="processing-due">{result.processingDueDate ?? t('applications.duePending')}</span> }]
              : [
                  {
                    key: 'missing',
                    label: t('applications.missing'),
                    children: (
                      <ol style={{ margin: 0, paddingInlineStart: 18 }} data-testid="notice-items">
                        {(notice?.items ?? []).map((m) => (
                          <li key={m.code}>{m.name}</li>
                        ))}
                      </ol>
                    ),
                  },
                  { key: 'channels', label: t('serviceItems.complaintChannels'), children: item.complaintChannels.join('；') },
                ]),
          ]}
        />
      </div>
    </Card>
  );
}
