import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Space, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api';
import { can } from '../../app/access';
import { useAuth } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useChange } from '../../app/useChange';
import { DeliverDialog } from './DeliverDialog';
import { Timeline } from './Timeline';
import { stateColor, type Campaign, type Progress, type Task } from './model';

type UnitRow = Progress['units'][number];

/** 月度进展 / 年度总结: a unit's report on a month of the campaign or on its year. */
function ReportDialog({ campaign, unit, onClose }: { campaign: Campaign; unit: UnitRow; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ period: string; text: string }>();
  const showFormErrors = useFormErrors(form);
  const months = [...(unit.monthlyReports?.missing ?? [])];
  const options = [...months.map((m) => ({ value: m, label: t('campaigns.monthly', { month: m }) })), ...(unit.annualReport ? [{ value: String(campaign.year), label: t('campaigns.annual', { year: campaign.year }) }] : [])];
  const submit = useChange({
    mutationFn: (v: { period: string; text: string }) => api.post<{ lateDays: number }>(paths.campaigns.reports(campaign.id), { unitId: unit.unitId, kind: v.period.length === 4 ? 'annual' : 'monthly', period: v.period, text: v.text }),
    success: (r) => (r.lateDays > 0 ? t('campaigns.submittedLate', { days: r.lateDays }) : t('campaigns.submittedOnTime')),
    invalidate: [['campaigns']],
    onSuccess: onClose,
    onError: showFormErrors,
  });
  return (
    <Modal open title={`${t('campaigns.report')} · ${unit.name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={submit.isPending} okButtonProps={{ 'data-testid': 'report-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} initialValues={{ period: options[0]?.value }}>
        <Form.Item name="period" label={t('campaigns.period')} rules={[{ required: true }]}>
          <Select options={options} data-testid="report-period" />
        </Form.Item>
        <Form.Item name="text" label={t('campaigns.reportText')} rules={[{ required: true }]}>
          <Input.TextArea rows={5} maxLength={20000} data-testid="report-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 检查验收: pass or fail a unit (by 暗访 through an inspection where the plan says so). */
function AcceptDialog({ campaign, unit, onClose }: { campaign: Campaign; unit: UnitRow; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ result: 'pass' | 'fail'; inspectionId?: string; note?: string }>();
  const showFormErrors = useFormErrors(form);
  const accept = useChange({
    mutationFn: (v: { result: 'pass' | 'fail'; inspectionId?: string; note?: string }) =>
      api.post(paths.campaigns.acceptance(campaign.id), { unitId: unit.unitId, version: unit.version, result: v.result, inspectionId: v.inspectionId?.trim() || undefined, note: v.note || undefined }),
    success: t('campaigns.accepted'),
    invalidate: [['campaigns']],
    onSuccess: onClose,
    onError: showFormErrors,
  });
  return (
    <Modal open title={`${t('campaigns.acceptance')} · ${unit.name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={accept.isPending} okButtonProps={{ 'data-testid': 'accept-ok' } as Record<string, string>}>
      {campaign.settings.acceptanceByInspection && <Typography.Paragraph type="secondary">{t('campaigns.byInspection')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(v) => accept.mutate(v)} initialValues={{ result: 'pass' }}>
        <Form.Item name="result" label={t('campaigns.result')}>
          <Radio.Group data-testid="accept-result" options={[{ value: 'pass', label: t('campaigns.pass') }, { value: 'fail', label: t('campaigns.fail') }]} />
        </Form.Item>
        <Form.Item name="inspectionId" label={t('campaigns.inspectionId')} rules={[{ required: campaign.settings.acceptanceByInspection }]}>
          <Input data-testid="accept-inspection" />
        </Form.Item>
        <Form.Item name="note" label={t('campaigns.note')} extra={t('campaigns.failNote')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="accept-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One campaign: the plan, the phases on a timeline, and each unit × task's progress; unit heads deliver and report here. */
export default function CampaignPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const { user } = useAuth();
  const office = can(user?.role, 'campaignsEdit');
  const campaign = useQuery({ queryKey: ['campaigns', 'one', id], queryFn: () => api.get<Campaign>(paths.campaigns.one(id)) });
  const progress = useQuery({ queryKey: ['campaigns', 'progress', id], queryFn: () => api.get<Progress>(paths.campaigns.progress(id)) });
  const [deliver, setDeliver] = useState<{ task: Task; unit: UnitRow } | null>(null);
  const [reporting, setReporting] = useState<UnitRow | null>(null);
  const [accepting, setAccepting] = useState<UnitRow | null>(null);
  const update = useChange({
    mutationFn: (changes: { status?: string; published?: boolean }) => api.patch<Campaign>(paths.campaigns.one(id), { ...changes, version: campaign.data!.version }),
    success: t('common.saved'),
    invalidate: [['campaigns']],
  });
  if (campaign.error) return <LoadError error={campaign.error} onRetry={() => campaign.refetch()} />;
  if (!campaign.data || !progress.data) return <Card loading />;
  const c = campaign.data;
  const p = progress.data;
  const running = c.status === 'active';
  const taskColumns: TableColumnsType<UnitRow> = p.tasks.map((task, i) => ({
    title: (
      <Tooltip title={`${t(`campaigns.kinds.${task.deliverable}`)} · ${t('campaigns.dueOn', { date: task.dueOn })}${task.source ? ` · ${task.source}` : ''}`}>
        <span>{pick(task.label)}</span>
        <div style={{ fontSize: 11, color: '#888' }}>
          {task.dueOn}
          {task.outsidePhase ? ` · ${t('campaigns.outsidePhase')}` : ''}
        </div>
      </Tooltip>
    ),
    key: task.id,
    render: (_, u) => {
      const cell = u.cells[i];
      const open = running && !cell.receivedOn;
      return (
        <Space size={4} data-testid={`cell-${u.unitId}-${task.code}`} data-state={cell.state}>
          <Tag color={stateColor[cell.state]}>
            {t(`campaigns.states.${cell.state}`)}
            {cell.lateDays ? ` +${cell.lateDays}${t('campaigns.daysShort')}` : ''}
          </Tag>
          {open && (
            <Button size="small" onClick={() => setDeliver({ task, unit: u })} data-testid={`deliver-${u.unitId}-${task.code}`}>
              {t('campaigns.submit')}
            </Button>
          )}
        </Space>
      );
    },
  }));
  const columns: TableColumnsType<UnitRow> = [
    { title: t('campaigns.unit'), key: 'unit', fixed: 'left', render: (_, u) => <span>{u.name}{u.leaderName ? <div style={{ fontSize: 11, color: '#888' }}>{t('campaigns.leader')}：{u.leaderName}</div> : null}</span> },
    ...taskColumns,
    {
      title: t('campaigns.reports'),
      key: 'reports',
      render: (_, u) => (
        <Space direction="vertical" size={2}>
          {u.monthlyReports && (u.monthlyReports.missing.length ? <Tag color="red" data-testid={`missing-${u.unitId}`}>{t('campaigns.missingMonths', { months: u.monthlyReports.missing.join('、') })}</Tag> : <Tag color="green">{t('campaigns.monthlyOk')}</Tag>)}
          {u.annualReport && <Tag color={stateColor[u.annualReport.state]}>{t('campaigns.annualState', { date: u.annualReport.dueOn, state: t(`campaigns.states.${u.annualReport.state}`) })}</Tag>}
          {running && (u.monthlyReports || u.annualReport) && (
            <Button size="small" onClick={() => setReporting(u)} data-testid={`report-${u.unitId}`}>
              {t('campaigns.report')}
            </Button>
          )}
        </Space>
      ),
    },
    {
      title: t('campaigns.acceptance'),
      key: 'acceptance',
      render: (_, u) => (
        <Space>
          {u.acceptance && <Tag color={u.acceptance === 'pass' ? 'green' : 'red'} data-testid={`acceptance-${u.unitId}`}>{t(`campaigns.${u.acceptance}`)}</Tag>}
          {office && c.status !== 'draft' && (
            <Button size="small" onClick={() => setAccepting(u)} data-testid={`accept-${u.unitId}`}>
              {t('campaigns.accept')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }} data-testid="campaign-title">
          {c.title}
        </Typography.Title>
        <Space wrap>
          <Tag color={running ? 'green' : 'default'} data-testid="campaign-status">{t(`campaigns.statuses.${c.status}`)}</Tag>
          {office && c.status === 'draft' && (
            <Button type="primary" onClick={() => update.mutate({ status: 'active' })} loading={update.isPending} data-testid="campaign-activate">
              {t('campaigns.activate')}
            </Button>
          )}
          {office && running && (
            <Button onClick={() => update.mutate({ status: 'closed' })} loading={update.isPending} data-testid="campaign-close">
              {t('campaigns.close')}
            </Button>
          )}
          {office && (
            <Space>
              <Switch checked={c.published} onChange={(v) => update.mutate({ published: v })} data-testid="campaign-publish" />
              <span>{t('campaigns.publish')}</span>
            </Space>
          )}
          {c.published && user && (
            <a href={withQuery(`/public/${user.organisation.code}/campaigns/${c.id}`, {})} target="_blank" rel="noreferrer" data-testid="campaign-public-link">
              {t('campaigns.publicPage')}
            </a>
          )}
        </Space>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'year', label: t('campaigns.year'), children: c.year },
          { key: 'period', label: t('campaigns.period'), children: `${c.startsOn} – ${c.endsOn}` },
          { key: 'template', label: t('campaigns.template'), children: c.templateCode ?? t('campaigns.fromScratch') },
          { key: 'group', label: t('campaigns.leadingGroup'), children: c.leadingGroup },
          { key: 'office', label: t('campaigns.office'), children: c.office },
          { key: 'today', label: t('campaigns.today'), children: p.date },
        ]}
      />
      <Card size="small" title={t('campaigns.phases')} style={{ marginBottom: 12 }}>
        <Timeline phases={c.phases} from={c.startsOn} to={c.endsOn} today={p.date} active={p.activePhases} />
      </Card>
      <Card size="small" title={t('campaigns.progress')}>
        <Space wrap style={{ marginBottom: 8 }}>
          {(['done', 'late', 'missing', 'pending'] as const).map((s) => (
            <Tag key={s} color={stateColor[s]}>
              {t(`campaigns.states.${s}`)}
            </Tag>
          ))}
        </Space>
        <Table<UnitRow> rowKey="unitId" size="small" columns={columns} dataSource={p.units} pagination={false} scroll={{ x: 'max-content' }} data-testid="campaign-progress" />
      </Card>
      {deliver && <DeliverDialog campaignId={c.id} task={deliver.task} unit={deliver.unit} onClose={() => setDeliver(null)} />}
      {reporting && <ReportDialog campaign={c} unit={reporting} onClose={() => setReporting(null)} />}
      {accepting && <AcceptDialog campaign={c} unit={accepting} onClose={() => setAccepting(null)} />}
    </>
  );
}
