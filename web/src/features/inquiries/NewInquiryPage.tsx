import { Alert, Button, Card, Form, Input } from 'antd';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useMe } from '../../app/auth';
import { ErrorAlert } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { Columns } from '../../components/Columns';
import { PageTitle } from '../../components/PageTitle';
import { UnitField } from '../../components/UnitSelect';
import { CaseNumbers, ChannelField, PhoneField, Registered, TitleField, useIntake } from '../cases/Intake';
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
  const { form, submit: register, done, again } = useIntake<Values, CaseSummary>((v) => {
    const inquirer = { name: v.name?.trim() || undefined, phone: v.phone?.trim() || undefined };
    return api.post<CaseSummary>(paths.inquiries.create, {
      channel: v.channel,
      question: v.question.trim(),
      title: v.title?.trim() || undefined,
      unitId: v.unitId || undefined,
      inquirer: inquirer.name || inquirer.phone ? inquirer : undefined,
    });
  });

  if (done)
    return (
      <Registered
        caseId={done.id}
        title={t('inquiries.registered')}
        subTitle={t('inquiries.nextStep')}
        open={{ text: t('inquiries.open'), testId: 'open-inquiry' }}
        again={{ text: t('inquiries.another'), onClick: again }}
      >
        <CaseNumbers trackingNo={done.trackingNo} testId="inquiry-tracking-no" />
      </Registered>
    );

  return (
    <>
      <PageTitle title={t('inquiries.new')} />
      <Card>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('inquiries.rule')} />
        <ErrorAlert error={register.error} style={{ marginBottom: 12 }} />
        <Form<Values> form={form} layout="vertical" name="new-inquiry" initialValues={{ channel: 'window', unitId: me.unitId ?? undefined }} onFinish={(v) => register.mutate(v)}>
          <Columns cols={[8, 16]}>
            <ChannelField channels={inquiryChannels} />
            <UnitField label={t('inquiries.unit')} extra={t('inquiries.unitHint')} />
          </Columns>
          <Form.Item name="question" label={t('inquiries.question')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
          </Form.Item>
          <TitleField />
          <Columns cols={[12, 12]}>
            <Form.Item name="name" label={t('inquiries.name')}>
              <Input maxLength={40} />
            </Form.Item>
            <PhoneField label={t('inquiries.phone')} />
          </Columns>
          <Button type="primary" htmlType="submit" loading={register.isPending}>
            {t('inquiries.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
