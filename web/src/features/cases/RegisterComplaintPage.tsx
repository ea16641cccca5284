import { Button, Card, Checkbox, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, isApiError } from '../../app/api';
import { paths } from '../../app/paths';
import { canReadRoster } from '../../app/access';
import { useMe } from '../../app/auth';
import { ErrorAlert } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { Columns } from '../../components/Columns';
import { PageTitle } from '../../components/PageTitle';
import { UnitField } from '../../components/UnitSelect';
import { StaffSelect } from '../users/StaffSelect';
import { replyChannels } from './actionSpecs';
import { CaseNumbers, ChannelField, PhoneField, Registered, TitleField, useIntake } from './Intake';
import { useComplaintTaxonomy } from './labels';
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

type Complaint = CaseSummary & { replyDueDate: string | null; queryCode: string | null };

/** 登记投诉: a complaint taken at the counter, on the phone or by letter. */
export default function RegisterComplaintPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const categories = useComplaintTaxonomy('categories');
  const { form, submit: register, done, again } = useIntake<Values, Complaint>(
    (v) => {
      const complainant: Record<string, unknown> = {};
      if (v.anonymous) complainant.anonymous = true;
      else if (v.name?.trim()) complainant.name = v.name.trim();
      if (v.phone?.trim()) complainant.phone = v.phone.trim();
      if (v.email?.trim()) complainant.email = v.email.trim();
      if (v.replyChannel) complainant.replyChannel = v.replyChannel;
      return api.post<Complaint>(paths.complaints.create, {
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
    (e) => {
      if (isApiError(e) && e.code === 'validation_failed' && Array.isArray(e.details)) {
        const map: Record<string, string> = { 'complainant.phone': 'phone', 'complainant.name': 'name', 'complainant.email': 'email' };
        const fields = (e.details as { path?: string; message?: string }[]).map((d) => {
          const path = String(d.path ?? '').replace(/^body\./, '');
          return { name: (map[path] ?? path.split('.')[0]) as keyof Values, errors: [d.message ?? ''] };
        });
        form.setFields(fields.filter((f) => ['channel', 'content', 'title', 'unitId', 'staffId', 'category', 'name', 'phone', 'email', 'replyChannel', 'receivedAt'].includes(f.name)));
      }
    },
  );
  const anonymous = Form.useWatch('anonymous', form);

  if (done) {
    const statusUrl = `${window.location.origin}/public/complaints/status?no=${encodeURIComponent(done.trackingNo)}&code=${encodeURIComponent(done.queryCode ?? '')}`;
    return (
      <Registered
        caseId={done.id}
        title={t('complaints.registered')}
        subTitle={t('complaints.tellComplainant')}
        open={{ text: t('complaints.openCase') }}
        again={{ text: t('complaints.registerAnother'), onClick: again }}
      >
        <CaseNumbers
          trackingNo={done.trackingNo}
          testId="registered-tracking-no"
          more={[
            { key: 'code', label: t('complaints.queryCode'), children: <Typography.Text strong copyable data-testid="registered-query-code">{done.queryCode}</Typography.Text> },
            { key: 'due', label: t('complaints.replyDue'), children: <span data-testid="registered-reply-due">{done.replyDueDate ?? '—'}</span> },
            { key: 'status', label: t('complaints.statusPage'), children: <Typography.Text copyable={{ text: statusUrl }} style={{ wordBreak: 'break-all' }}>{statusUrl}</Typography.Text> },
          ]}
        />
      </Registered>
    );
  }

  return (
    <>
      <PageTitle title={t('complaints.register')} />
      <Card>
        <ErrorAlert error={register.error} style={{ marginBottom: 12 }} />
        <Form<Values>
          form={form}
          layout="vertical"
          name="register-complaint"
          initialValues={{ channel: 'window', unitId: me.unitId ?? undefined, receivedAt: dayjs() }}
          onFinish={(v) => register.mutate(v)}
        >
          <Columns cols={[8, 8, 8]}>
            <ChannelField channels={complaintChannels} />
            <Form.Item name="receivedAt" label={t('complaints.receivedAt')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item name="category" label={t('cases.category')}>
              <Select allowClear loading={categories.isFetching} options={(categories.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: pick(c) }))} />
            </Form.Item>
          </Columns>
          <Form.Item name="content" label={t('complaints.content')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} showCount placeholder={t('complaints.contentHint')} />
          </Form.Item>
          <TitleField />
          <Columns cols={[12, 12]}>
            <UnitField label={t('complaints.unit')} extra={canReadRoster(me.role) ? undefined : t('complaints.unitHintStaff')} />
            {canReadRoster(me.role) && (
              <Form.Item name="staffId" label={t('complaints.staff')}>
                <StaffSelect />
              </Form.Item>
            )}
          </Columns>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('complaints.complainant')}
          </Typography.Title>
          <Columns cols={[6, 6, 6, 6, 6]}>
            <Form.Item name="name" label={t('complaints.name')}>
              <Input maxLength={40} disabled={!!anonymous} />
            </Form.Item>
            <PhoneField label={t('complaints.phone')} />
            <Form.Item name="email" label={t('complaints.email')} rules={[{ type: 'email', message: t('complaints.emailInvalid') }]}>
              <Input maxLength={100} inputMode="email" />
            </Form.Item>
            <Form.Item name="replyChannel" label={t('complaints.replyChannel')}>
              <Select allowClear options={replyChannels.map((c) => ({ value: c, label: t(`cases.options.replyChannels.${c}`) }))} />
            </Form.Item>
            <Form.Item name="anonymous" label=" " colon={false} valuePropName="checked">
              <Checkbox>{t('complaints.anonymous')}</Checkbox>
            </Form.Item>
          </Columns>
          <Button type="primary" htmlType="submit" loading={register.isPending}>
            {t('complaints.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
