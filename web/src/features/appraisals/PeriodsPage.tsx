import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { AutoComplete, Card, Form, Input, Modal, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { LoadError } from '../../app/errors';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { PageTitle } from '../../components/PageTitle';
import { UnitField } from '../../components/UnitSelect';
import { periodPattern, previousPeriodLabel } from './model';
import type { AppraisalPeriod, TemplateOption } from './types';

interface FillForm {
  template: string;
  period: string;
  unitId?: string;
}

/** 生成考核表: a template (the pack's or the organisation's edited version) and a period; optionally one unit. */
function FillDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, pick } = useI18n();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<FillForm>();
  const onError = useFormErrors(form);
  const templates = useQuery({ queryKey: ['appraisals', 'templates'], queryFn: () => api.get<{ items: TemplateOption[] }>(paths.appraisalTemplates.list), enabled: open, retry: false });
  const code = Form.useWatch('template', form) as string | undefined;
  const chosen = (templates.data?.items ?? []).find((x) => x.code === code);
  const fill = useMutation({
    mutationFn: (v: FillForm) => api.post<AppraisalPeriod>(paths.appraisals.periods, { template: v.template.trim(), period: v.period.trim(), ...(v.unitId ? { unitId: v.unitId } : {}) }),
    onSuccess: async (p) => {
      await client.invalidateQueries({ queryKey: ['appraisals'] });
      onClose();
      navigate(`/appraisals/periods/${p.id}`);
    },
    onError,
  });
  return (
    <Modal open={open} title={t('appraisals.fill')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: fill.isPending, ...({ 'data-testid': 'fill-ok' } as Record<string, string>) }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('appraisals.fillNote')}</Typography.Paragraph>
      <Form<FillForm>
        form={form}
        layout="vertical"
        onFinish={(v) => fill.mutate(v)}
        onValuesChange={(changed: Partial<FillForm>) => {
          const kind = (templates.data?.items ?? []).find((x) => x.code === changed.template)?.period;
          if (kind && !form.getFieldValue('period')) form.setFieldValue('period', previousPeriodLabel(kind));
        }}
      >
        <Form.Item name="template" label={t('appraisals.template')} rules={[{ required: true, message: t('validation.required') }]}>
          <AutoComplete
            data-testid="fill-template"
            options={(templates.data?.items ?? []).map((x) => ({ value: x.code, label: `${pick(x.label)}（${x.code}${x.version ? ` v${x.version}` : ''}）` }))}
            filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())}
          />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('appraisals.period')}
          extra={chosen ? t(`appraisals.periodHint.${chosen.period}`) : t('appraisals.periodHintAny')}
          rules={[
            { required: true, message: t('validation.required') },
            { validator: async (_, v: string) => (!v || !chosen || periodPattern[chosen.period].test(v.trim()) ? undefined : Promise.reject(new Error(t(`appraisals.periodHint.${chosen.period}`)))) },
          ]}
        >
          <Input data-testid="fill-period" />
        </Form.Item>
        <UnitField label={t('appraisals.fillUnit')} extra={t('appraisals.fillUnitHint')} />
      </Form>
    </Modal>
  );
}

/** 个人考核: the periods the office has filled, newest first; each opens its summary. */
export default function PeriodsPage() {
  const { t, pick } = useI18n();
  const [filling, setFilling] = useState(false);
  const list = useQuery({ queryKey: ['appraisals', 'periods'], queryFn: () => api.get<{ items: AppraisalPeriod[] }>(paths.appraisals.periods, { pageSize: 100 }) });
  const columns: TableColumnsType<AppraisalPeriod> = [
    { title: t('appraisals.period'), key: 'period', render: (_, p) => <Link to={`/appraisals/periods/${p.id}`}>{p.period.label}</Link> },
    { title: t('appraisals.template'), key: 'template', render: (_, p) => `${pick(p.template.label)}（v${p.template.version}）` },
    { title: t('appraisals.dates'), key: 'dates', render: (_, p) => `${p.period.from} – ${p.period.to}` },
    { title: t('appraisals.sheets'), dataIndex: 'sheets', key: 'sheets', align: 'right' },
    { title: t('appraisals.state'), key: 'state', render: (_, p) => <Tag color={p.state === 'open' ? 'blue' : 'green'}>{t(`appraisals.periodStates.${p.state}`)}</Tag> },
  ];
  return (
    <>
      <PageTitle title={t('appraisals.title')} add={{ text: t('appraisals.fill'), onClick: () => setFilling(true), testId: 'appraisal-fill' }} />
      <Typography.Paragraph type="secondary">{t('appraisals.note')}</Typography.Paragraph>
      <Card size="small">
        {list.error ? (
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<AppraisalPeriod> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={false} scroll={{ x: 'max-content' }} data-testid="appraisal-periods" />
        )}
      </Card>
      <FillDialog open={filling} onClose={() => setFilling(false)} />
    </>
  );
}
