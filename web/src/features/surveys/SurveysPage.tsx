import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { LinkOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, isApiError } from '../../app/api';
import { paths } from '../../app/paths';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { ErrorAlert, LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useServerTable } from '../../app/useServerTable';
import { PageTitle } from '../../components/PageTitle';
import { QueryTable, ServerTable } from '../../components/QueryTable';
import { UnitField } from '../../components/UnitSelect';
import { cycles, type Coverage, type CoverageState, type Survey, type Template } from './model';
import { PublicUrlWarning } from '../../app/PublicUrlWarning';

const stateColours: Record<CoverageState, string> = { done: 'green', pending: 'blue', missing: 'red' };

function CoverageTag({ state }: { state: CoverageState }) {
  const { t } = useI18n();
  return (
    <Tag color={stateColours[state]} data-state={state}>
      {t(`surveys.coverage.states.${state}`)}
    </Tag>
  );
}

function LinksDialog({ survey, onClose }: { survey: Survey | null; onClose: () => void }) {
  const { t, pick } = useI18n();
  const showError = useShowError();
  const [single, setSingle] = useState<{ url: string; publicUrl: string; expiresAt: string } | null>(null);
  const create = useMutation({
    mutationFn: () => api.post<{ url: string; publicUrl: string; expiresAt: string }>(paths.surveys.links(survey!.id), { expiresInDays: 30 }),
    onSuccess: setSingle,
    onError: showError,
  });
  return (
    <Modal open={!!survey} title={survey ? pick(survey.title) : ''} onCancel={() => { setSingle(null); onClose(); }} footer={null} width={560} destroyOnHidden>
      {survey && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <PublicUrlWarning check={survey.publicUrlCheck} />
          <Typography.Text strong>{t('surveys.links.standing')}</Typography.Text>
          <Typography.Paragraph copyable={{ text: survey.publicUrl }} style={{ wordBreak: 'break-all' }}>
            <a href={survey.url} target="_blank" rel="noreferrer" data-testid="survey-public-link">
              {survey.publicUrl}
            </a>
          </Typography.Paragraph>
          <img src={paths.surveys.qr(survey.id)} alt={t('surveys.links.qr')} width={180} height={180} data-testid="survey-qr" />
          <Typography.Text strong>{t('surveys.links.single')}</Typography.Text>
          <Typography.Text type="secondary">{t('surveys.links.singleHint')}</Typography.Text>
          <Button icon={<LinkOutlined />} loading={create.isPending} onClick={() => create.mutate()} data-testid="single-link">
            {t('surveys.links.create')}
          </Button>
          {single && (
            <Alert
              type="success"
              showIcon
              title={<Typography.Text copyable={{ text: single.publicUrl }} data-testid="single-link-url">{single.publicUrl}</Typography.Text>}
              description={t('surveys.links.expires', { at: dayjs(single.expiresAt).format('YYYY-MM-DD HH:mm') })}
            />
          )}
        </Space>
      )}
    </Modal>
  );
}

interface CreateValues {
  templateId: string;
  unitId: string;
  cycle: string;
  startsOn: Dayjs;
  endsOn?: Dayjs;
}

function CreateSurveyDialog({ open, onClose, templates }: { open: boolean; onClose: () => void; templates: Template[] }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<CreateValues>();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<unknown>(null);
  const create = useMutation({
    mutationFn: (v: CreateValues) => api.post<Survey>(paths.surveys.list, { templateId: v.templateId, unitId: v.unitId, cycle: v.cycle, startsOn: v.startsOn.format('YYYY-MM-DD'), endsOn: v.endsOn?.format('YYYY-MM-DD') }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['surveys'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'validation_failed' && Array.isArray(e.details)) {
        const fields = (e.details as { path: string; message: string }[]).map((d) => ({ name: String(d.path).replace(/^body\./, '').split('.')[0] as keyof CreateValues, errors: [d.message] }));
        form.setFields(fields);
        if (fields.length) return;
      }
      setError(e);
    },
  });
  return (
    <Modal open={open} title={t('surveys.create')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={create.isPending} forceRender>
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" name="survey" initialValues={{ cycle: 'monthly', startsOn: dayjs().startOf('month') }} onFinish={(v) => { setError(null); create.mutate(v); }}>
        <Form.Item name="templateId" label={t('surveys.template')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={templates.map((tp) => ({ value: tp.id, label: `${pick(tp.title)}（${tp.code}）` }))} />
        </Form.Item>
        <UnitField label={t('surveys.unit')} required />
        <Form.Item name="cycle" label={t('surveys.cycle')} rules={[{ required: true }]}>
          <Select options={cycles.map((c) => ({ value: c, label: t(`surveys.cycles.${c}`) }))} />
        </Form.Item>
        <Space>
          <Form.Item name="startsOn" label={t('surveys.startsOn')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endsOn" label={t('surveys.endsOn')}>
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function CoverageTab() {
  const { t, pick } = useI18n();
  const [period, setPeriod] = useState(() => dayjs().format('YYYY-MM'));
  const [draft, setDraft] = useState(period);
  const query = useQuery({ queryKey: ['surveys', 'coverage', period], queryFn: () => api.get<Coverage>(paths.surveys.coverage, { period }) });
  const valid = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/.test(draft);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input value={draft} onChange={(e) => setDraft(e.target.value.trim().toUpperCase())} onPressEnter={() => valid && setPeriod(draft)} status={valid ? undefined : 'error'} style={{ width: 160 }} aria-label={t('surveys.coverage.period')} placeholder="2026-11 / 2026-Q4" />
        <Button disabled={!valid} onClick={() => setPeriod(draft)}>{t('surveys.coverage.show')}</Button>
        <Typography.Text type="secondary">{t('surveys.coverage.hint')}</Typography.Text>
      </Space>
      {query.isError && <LoadError error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <>
          {query.data.missingUnits > 0 && <Alert type="warning" showIcon title={t('surveys.coverage.missingUnits', { count: query.data.missingUnits })} />}
          {query.data.pendingUnits > 0 && <Alert type="info" showIcon title={t('surveys.coverage.pendingUnits', { count: query.data.pendingUnits, today: query.data.today })} />}
          <Table
            size="small"
            rowKey="unitId"
            pagination={false}
            dataSource={query.data.items}
            data-testid="coverage"
            locale={{ emptyText: t('surveys.coverage.none') }}
            columns={[
              { title: t('surveys.unit'), key: 'unit', render: (_, u) => `${u.unitName}（${u.unitCode}）` },
              { title: t('surveys.coverage.state'), key: 'state', render: (_, u) => <CoverageTag state={u.state} /> },
              {
                title: t('surveys.title'),
                key: 'surveys',
                render: (_, u) => (
                  <Space direction="vertical" size={0}>
                    {u.surveys.map((s) => (
                      <span key={`${s.surveyId}-${s.period}`}>
                        <Link to={`/surveys/${s.surveyId}`}>{pick(s.title)}</Link> · {t(`surveys.cycles.${s.cycle}`)} {s.period} · {t('surveys.responsesCount', { count: s.responses })} {s.state !== 'done' && <CoverageTag state={s.state} />}
                      </span>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}

/** 满意度调查: surveys per unit and cycle, their links and QR codes, templates and coverage. */
export default function SurveysPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'surveys';
  const [creating, setCreating] = useState(false);
  const [links, setLinks] = useState<Survey | null>(null);
  const table = useServerTable<Survey>('surveys', paths.surveys.list);
  const templates = useQuery({ queryKey: ['survey-templates', 'list'], queryFn: () => api.get<{ items: Template[] }>(paths.surveyTemplates.list) });
  const canTemplates = can(me.role, 'surveyTemplates');

  const columns: TableColumnsType<Survey> = [
    { title: t('surveys.title'), key: 'title', render: (_, s) => <Link to={`/surveys/${s.id}`}>{pick(s.title)}</Link> },
    { title: t('surveys.unit'), key: 'unit', render: (_, s) => (s.unit ? `${s.unit.name}（${s.unit.code}）` : s.unitId) },
    { title: t('surveys.cycle'), key: 'cycle', render: (_, s) => t(`surveys.cycles.${s.cycle}`) },
    { title: t('surveys.dates'), key: 'dates', render: (_, s) => `${s.startsOn} ~ ${s.endsOn ?? t('surveys.open')}` },
    { title: t('surveys.responses'), key: 'responses', align: 'right', render: (_, s) => s.responses ?? 0 },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) => (
        <Space size={4}>
          <Button size="small" icon={<QrcodeOutlined />} onClick={() => setLinks(s)} data-testid="survey-links">
            {t('surveys.links.open')}
          </Button>
          <Button size="small" onClick={() => navigate(`/surveys/${s.id}`)}>{t('surveys.results.open')}</Button>
        </Space>
      ),
    },
  ];
  const templateColumns: TableColumnsType<Template> = [
    { title: t('surveys.title'), key: 'title', render: (_, tp) => <Link to={`/surveys/templates/${tp.id}`}>{pick(tp.title)}</Link> },
    { title: t('surveys.editor.code'), key: 'code', render: (_, tp) => <Typography.Text code>{tp.code}</Typography.Text> },
    { title: t('surveys.questions'), key: 'n', align: 'right', render: (_, tp) => tp.definition.questions.length },
    { title: t('surveys.kind'), key: 'kind', render: (_, tp) => (tp.builtIn ? <Tag>{t('surveys.builtIn')}</Tag> : <Tag color="blue">{t('surveys.own')}</Tag>) },
  ];

  return (
    <>
      <PageTitle title={t('surveys.pageTitle')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'surveys' ? {} : { tab: k }, { replace: true })}
        items={[
          {
            key: 'surveys',
            label: t('surveys.tabs.surveys'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Input.Search allowClear placeholder={t('common.search')} onSearch={table.setSearch} style={{ width: 240 }} />
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="survey-create">
                    {t('surveys.create')}
                  </Button>
                </Space>
                <ServerTable<Survey> table={table} columns={columns} scroll={{ x: 800 }} />
              </Space>
            ),
          },
          {
            key: 'templates',
            label: t('surveys.tabs.templates'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {canTemplates && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/surveys/templates/new')} data-testid="template-new">
                    {t('surveys.editor.newTitle')}
                  </Button>
                )}
                <QueryTable<Template> query={templates} pagination={false} loading={templates.isPending} dataSource={templates.data?.items ?? []} columns={templateColumns} />
              </Space>
            ),
          },
          { key: 'coverage', label: t('surveys.tabs.coverage'), children: <CoverageTab /> },
        ]}
      />
      <CreateSurveyDialog open={creating} onClose={() => setCreating(false)} templates={templates.data?.items ?? []} />
      <LinksDialog survey={links} onClose={() => setLinks(null)} />
    </>
  );
}
