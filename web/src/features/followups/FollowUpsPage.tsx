import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, isApiError, withQuery, type Bilingual, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { useErrorText } from '../../app/errors';
import { useFormErrors } from '../../app/formErrors';
import { downloadFile } from '../dashboard/model';
import { PageTitle } from '../../components/PageTitle';
import { isLateBadge, lastHomeVisit, type FollowUp } from './model';
import { FollowUpFiguresCard } from './FollowUpFiguresCard';
import { AnswerForm, HomeVisitLine } from './MyFollowUpsPage';

type View = 'open' | 'overdue' | 'unreachable' | 'all';

interface UnitOption {
  id: string;
  name: string;
}

/** 随访管理 (quality office, unit heads): follow-ups with filters, overdue ones, discharges (one or a sheet), the month's figures and export. */
export default function FollowUpsPage() {
  const { t, pick } = useI18n();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [view, setView] = useState<View>('open');
  const [unitId, setUnitId] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [answering, setAnswering] = useState<FollowUp | null>(null);
  const month = dayjs().format('YYYY-MM');
  const filter = view === 'open' ? { state: 'open' } : view === 'overdue' ? { overdue: 'overdue' } : view === 'unreachable' ? { state: 'unreachable' } : {};
  const list = useQuery({ queryKey: ['followups', view, unitId ?? null], queryFn: () => api.get<Page<FollowUp>>(paths.followups.list, { ...filter, unitId, pageSize: 100 }) });
  const units = useQuery({ queryKey: ['units', 'options'], queryFn: () => api.get<{ items: UnitOption[] }>(paths.units.options) });
  const refresh = () => client.invalidateQueries({ queryKey: ['followups'] });
  const attempt = async (f: FollowUp, outcome: string) => {
    try {
      await api.post(paths.followups.action(f.id, 'attempt'), { version: f.version, outcome });
      message.success(t('followups.saved'));
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <>
      <PageTitle title={t('menu.followups')} add={{ text: t('followups.newDischarge'), onClick: () => setAdding(true), testId: 'discharge-new' }}>
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="discharge-import">
          {t('followups.import.title')}
        </Button>
        <Button onClick={() => downloadFile(withQuery(paths.exports.followups, { month }), `随访_${month}.xlsx`).catch((e) => message.error(errorText(e)))} data-testid="followups-export">
          {t('followups.export')}
        </Button>
      </PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={view} onChange={(v) => setView(v as View)} options={(['open', 'overdue', 'unreachable', 'all'] as const).map((v) => ({ value: v, label: t(`followups.views.${v}`) }))} data-testid="followup-views" />
        <Select allowClear placeholder={t('followups.unit')} style={{ minWidth: 180 }} value={unitId} onChange={setUnitId} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} data-testid="followup-unit" />
      </Space>
      <Table<FollowUp>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="followups-table"
        columns={[
          { title: t('followups.trackingNo'), key: 'no', render: (_, f) => <Link to={`/cases/${f.id}`}>{f.trackingNo}</Link> },
          { title: t('followups.source'), key: 'src', render: (_, f) => t(`followups.sources.${f.source}`) },
          { title: t('followups.patient'), key: 'p', render: (_, f) => `${f.patientName ?? ''} ${f.phone ?? ''}` },
          { title: t('followups.title'), dataIndex: 'title' },
          { title: t('followups.status'), key: 's', render: (_, f) => pick(f.statusLabel) },
          {
            title: t('followups.dueDate'),
            key: 'due',
            render: (_, f) => (
              <span data-testid={`due-${f.trackingNo}`} data-late={isLateBadge(f.dueBadge) ? 'true' : 'false'} style={isLateBadge(f.dueBadge) ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                {f.dueDate}
                {isLateBadge(f.dueBadge) && <Tag color="red" style={{ marginLeft: 4 }}>{t('followups.late')}</Tag>}
              </span>
            ),
          },
          {
            title: t('followups.attempts'),
            key: 'a',
            render: (_, f) => {
              const visit = lastHomeVisit(f);
              return (
                <Space direction="vertical" size={0} data-testid={`attempts-${f.trackingNo}`}>
                  <span>{`${f.attempts.length}（${t('followups.failedOf', { n: f.failedAttempts, max: f.maxFailedAttempts })}）`}</span>
                  {visit && <HomeVisitLine visit={visit} />}
                </Space>
              );
            },
          },
          { title: t('followups.satisfaction'), key: 'sat', render: (_, f) => (f.answers ? String(f.answers.satisfaction) : '') },
          { title: t('followups.rectification'), key: 'rect', render: (_, f) => (f.rectification ? <Link to={`/cases/${f.rectification.caseId}`}>{f.rectification.trackingNo}</Link> : null) },
          {
            title: t('followups.actions'),
            key: 'act',
            render: (_, f) =>
              f.status === 'reached' ? (
                <Button size="small" onClick={() => setAnswering(f)} data-testid={`answer-${f.trackingNo}`}>
                  {t('followups.saveAnswers')}
                </Button>
              ) : f.closed ? null : (
                <Space size={4}>
                  <Button size="small" onClick={() => attempt(f, 'reached')}>
                    {t('followups.outcomes.reached')}
                  </Button>
                  <Button size="small" onClick={() => attempt(f, 'no_answer')}>
                    {t('followups.outcomes.no_answer')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <FollowUpFiguresCard month={month} unitId={unitId} />
      </div>
      <DischargeDialog open={adding} units={units.data?.items ?? []} onClose={() => setAdding(false)} onSaved={() => (setAdding(false), refresh())} />
      <ImportDialog open={importing} onClose={() => setImporting(false)} onDone={() => (setImporting(false), refresh())} />
      <Modal open={!!answering} title={answering?.patientName} footer={null} onCancel={() => setAnswering(null)} destroyOnHidden>
        {answering && <AnswerForm f={answering} onDone={() => setAnswering(null)} />}
      </Modal>
    </>
  );
}

function DischargeDialog({ open, units, onClose, onSaved }: { open: boolean; units: UnitOption[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ patientName: string; phone: string; unitId: string; physicianBadgeNo?: string; dischargedOn: Dayjs; diagnosis?: string }>();
  const showErrors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const f = await api.post<FollowUp>(paths.followups.discharges, { ...v, physicianBadgeNo: v.physicianBadgeNo || undefined, diagnosis: v.diagnosis || undefined, dischargedOn: v.dischargedOn.format('YYYY-MM-DD') });
      message.success(t('followups.registered', { no: f.trackingNo, due: f.dueDate }));
      form.resetFields();
      onSaved();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('followups.newDischarge')} onCancel={onClose} onOk={save} confirmLoading={busy} okButtonProps={{ 'data-testid': 'discharge-save' } as never} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ dischargedOn: dayjs() }}>
        <Form.Item name="patientName" label={t('followups.patient')} rules={[{ required: true, message: t('followups.required') }]}>
          <Input maxLength={40} data-testid="discharge-patient" />
        </Form.Item>
        <Form.Item name="phone" label={t('followups.phone')} rules={[{ required: true, message: t('followups.required') }]}>
          <Input maxLength={20} inputMode="tel" data-testid="discharge-phone" />
        </Form.Item>
        <Form.Item name="unitId" label={t('followups.unit')} rules={[{ required: true, message: t('followups.required') }]}>
          <Select showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} data-testid="discharge-unit" />
        </Form.Item>
        <Form.Item name="physicianBadgeNo" label={t('followups.physicianBadge')}>
          <Input maxLength={40} data-testid="discharge-physician" />
        </Form.Item>
        <Form.Item name="dischargedOn" label={t('followups.dischargedOn')} rules={[{ required: true, message: t('followups.required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="discharge-date" />
        </Form.Item>
        <Form.Item name="diagnosis" label={t('followups.diagnosis')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RowError {
  row: number;
  field: string | null;
  message: Bilingual;
}

function ImportDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t, pick } = useI18n();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<RowError[] | null>(null);
  const run = async () => {
    if (!file) return;
    setBusy(true);
    setErrors(null);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const res = await api.upload<{ imported: number; skipped?: { row: number; reason: string }[] }>(paths.followups.dischargesImport, form);
      const skipped = res.skipped ?? [];
      if (skipped.length) message.warning(t('followups.import.doneSkipped', { count: res.imported, skipped: skipped.length, rows: skipped.map((x) => x.row).join(', ') }));
      else message.success(t('followups.import.done', { count: res.imported }));
      setFile(null);
      onDone();
    } catch (e) {
      const details = isApiError(e) ? (e.details as { errors?: RowError[] } | null) : null;
      if (isApiError(e) && e.code === 'import_failed' && details?.errors?.length) setErrors(details.errors);
      else message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('followups.import.title')} onCancel={() => (setFile(null), setErrors(null), onClose())} onOk={run} okText={t('followups.import.run')} okButtonProps={{ disabled: !file, 'data-testid': 'import-run' } as never} confirmLoading={busy} width={640}>
      <Typography.Paragraph type="secondary">{t('followups.import.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Upload accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => (setFile(f), setErrors(null), false)} onRemove={() => setFile(null)} fileList={file ? [{ uid: '1', name: file.name }] : []}>
          <Button icon={<UploadOutlined />} data-testid="import-choose">
            {t('followups.import.choose')}
          </Button>
        </Upload>
        <Button icon={<DownloadOutlined />} onClick={() => downloadFile(paths.followups.dischargesTemplate, '出院患者导入模板.xlsx').catch((e) => message.error(errorText(e)))} data-testid="import-template">
          {t('followups.import.template')}
        </Button>
      </Space>
      {errors && (
        <Alert
          type="error"
          showIcon
          message={t('followups.import.failed', { count: errors.length })}
          data-testid="import-errors"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {errors.map((e, i) => (
                <li key={i}>{t('followups.import.row', { row: e.row, message: pick(e.message) })}</li>
              ))}
            </ul>
          }
        />
      )}
    </Modal>
  );
}
