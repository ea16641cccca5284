import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App as AntApp, Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Segmented, Select, Space, Switch, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { useErrorText } from '../../app/errors';
import { withQuery } from '../../app/api';
import { downloadFile } from '../dashboard/model';
import { PageTitle } from '../../components/PageTitle';
import { isLate, shortTime, type Repair } from './model';
import { RepairFiguresCard } from './RepairFiguresCard';

type View = 'reported' | 'overdue' | 'callbacks' | 'all';

interface Assignable {
  id: string;
  displayName: string | null;
  username: string;
  role: string;
  unitName: string | null;
}

/** A deadline cell: the local time, red when passed and the step not done. */
function Due({ at, badge, testId }: { at: string | null; badge: Repair['arrivalBadge']; testId: string }) {
  const { t } = useI18n();
  if (!at) return null;
  return (
    <Space size={4} data-testid={testId} data-late={isLate(badge) ? 'true' : 'false'}>
      <span style={isLate(badge) ? { color: '#cf1322', fontWeight: 600 } : undefined}>{shortTime(at)}</span>
      {isLate(badge) && <Tag color="red">{t(`repairs.badge.${badge}`)}</Tag>}
      {badge === 'met' && <Tag color="green">{t('repairs.badge.met')}</Tag>}
    </Space>
  );
}

/** 报修调度台: new orders to dispatch, late arrivals and completions highlighted, callbacks due; intake of a phone report; the month's figures. */
export default function RepairsPage() {
  const { t, pick } = useI18n();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [view, setView] = useState<View>('reported');
  const [dispatching, setDispatching] = useState<Repair | null>(null);
  const [calling, setCalling] = useState<Repair | null>(null);
  const [intake, setIntake] = useState(false);
  const month = dayjs().format('YYYY-MM');
  const filter = view === 'reported' ? { state: 'reported' } : view === 'overdue' ? { overdue: 'overdue' } : view === 'callbacks' ? { callbackDue: 'true' } : {};
  const list = useQuery({ queryKey: ['repairs', view], queryFn: () => api.get<Page<Repair>>(paths.repairs.list, { ...filter, pageSize: 100 }) });
  const technicians = useQuery({ queryKey: ['users', 'assignable'], queryFn: () => api.get<{ items: Assignable[] }>(paths.users.assignable) });
  const refresh = () => client.invalidateQueries({ queryKey: ['repairs'] });

  const act = async (r: Repair, action: string, body: Record<string, unknown>) => {
    try {
      await api.post(paths.repairs.action(r.id, action), { version: r.version, ...body });
      message.success(t('repairs.saved'));
      await refresh();
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    }
  };

  return (
    <>
      <PageTitle title={t('menu.repairs')} add={{ text: t('repairs.new'), onClick: () => setIntake(true), testId: 'repair-new' }}>
        <Button onClick={() => downloadFile(withQuery(paths.exports.repairs, { month }), `报修工单_${month}.xlsx`).catch((e) => message.error(errorText(e)))} data-testid="repairs-export">
          {t('repairs.export')}
        </Button>
      </PageTitle>
      <Segmented
        value={view}
        onChange={(v) => setView(v as View)}
        options={(['reported', 'overdue', 'callbacks', 'all'] as const).map((v) => ({ value: v, label: t(`repairs.views.${v}`) }))}
        data-testid="repair-views"
        style={{ marginBottom: 12 }}
      />
      <Table<Repair>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="repairs-table"
        columns={[
          { title: t('repairs.trackingNo'), key: 'no', render: (_, r) => <Link to={`/repairs/${r.id}`}>{r.trackingNo}</Link> },
          { title: t('repairs.status'), key: 'status', render: (_, r) => pick(r.statusLabel) },
          { title: t('repairs.reportedAt'), key: 'at', render: (_, r) => shortTime(r.receivedAt) },
          { title: t('repairs.fault'), dataIndex: 'title' },
          { title: t('repairs.address'), key: 'addr', render: (_, r) => String(r.contact.address ?? '') },
          { title: t('repairs.arrivalDue'), key: 'arr', render: (_, r) => <Due at={r.arrivalDueAt} badge={r.arrivalBadge} testId={`arrival-${r.trackingNo}`} /> },
          { title: t('repairs.completionDue'), key: 'done', render: (_, r) => <Due at={r.completionDueAt} badge={r.completionBadge} testId={`completion-${r.trackingNo}`} /> },
          { title: t('repairs.callbackDue'), key: 'cb', render: (_, r) => (r.callbackDueDate ? <span style={isLate(r.callbackBadge) ? { color: '#cf1322', fontWeight: 600 } : undefined}>{r.callbackDueDate}</span> : null) },
          {
            title: t('repairs.actions'),
            key: 'act',
            render: (_, r) => (
              <Space>
                {(r.status === 'reported' || r.status === 'dispatched') && (
                  <Button size="small" onClick={() => setDispatching(r)} data-testid={`dispatch-${r.trackingNo}`}>
                    {r.status === 'reported' ? t('repairs.dispatch') : t('repairs.redispatch')}
                  </Button>
                )}
                {r.status === 'completed' && (
                  <Button size="small" onClick={() => setCalling(r)} data-testid={`callback-${r.trackingNo}`}>
                    {t('repairs.callback')}
                  </Button>
                )}
                {(r.status === 'called_back' || r.status === 'completed') && (
                  <Button size="small" onClick={() => act(r, 'close', {})} data-testid={`close-${r.trackingNo}`}>
                    {t('repairs.close')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <RepairFiguresCard month={month} />
      </div>
      <DispatchDialog
        order={dispatching}
        technicians={(technicians.data?.items ?? []).filter((u) => u.role === 'staff')}
        onClose={() => setDispatching(null)}
        onSubmit={async (body) => dispatching && (await act(dispatching, 'dispatch', body)) && setDispatching(null)}
      />
      <CallbackDialog order={calling} onClose={() => setCalling(null)} onSubmit={async (body) => calling && (await act(calling, 'callback', body)) && setCalling(null)} />
      <IntakeDialog open={intake} onClose={() => setIntake(false)} onSaved={() => (setIntake(false), refresh())} />
    </>
  );
}

function DispatchDialog({ order, technicians, onClose, onSubmit }: { order: Repair | null; technicians: Assignable[]; onClose: () => void; onSubmit: (body: Record<string, unknown>) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ technicianId: string; appointmentAt?: Dayjs; sms?: boolean }>();
  return (
    <Modal
      open={!!order}
      title={`${t('repairs.dispatch')} ${order?.trackingNo ?? ''}`}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then((v) => onSubmit({ technicianId: v.technicianId, ...(v.appointmentAt ? { appointmentAt: v.appointmentAt.format() } : {}), ...(v.sms ? { notify: ['sms'] } : {}) }))
      }
      okButtonProps={{ 'data-testid': 'dispatch-ok' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="technicianId" label={t('repairs.technician')} rules={[{ required: true, message: t('repairs.required') }]}>
          <Select data-testid="dispatch-technician" options={technicians.map((u) => ({ value: u.id, label: `${u.displayName ?? u.username}${u.unitName ? `（${u.unitName}）` : ''}` }))} />
        </Form.Item>
        <Form.Item name="appointmentAt" label={t('repairs.appointment')} extra={t('repairs.appointmentHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="sms" valuePropName="checked" label={t('repairs.sms')}>
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CallbackDialog({ order, onClose, onSubmit }: { order: Repair | null; onClose: () => void; onSubmit: (body: Record<string, unknown>) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ outcome: string; satisfied: boolean }>();
  return (
    <Modal open={!!order} title={`${t('repairs.callback')} ${order?.trackingNo ?? ''}`} onCancel={onClose} destroyOnHidden onOk={() => form.validateFields().then(onSubmit)} okButtonProps={{ 'data-testid': 'callback-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ satisfied: true }}>
        <Form.Item name="outcome" label={t('repairs.callbackOutcome')} rules={[{ required: true, message: t('repairs.required') }]}>
          <Input.TextArea rows={3} data-testid="callback-outcome" />
        </Form.Item>
        <Form.Item name="satisfied" label={t('repairs.satisfied')}>
          <Radio.Group options={[{ value: true, label: t('repairs.yes') }, { value: false, label: t('repairs.no') }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function IntakeDialog({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const save = async () => {
    const v = await form.validateFields();
    try {
      const r = await api.post<Repair>(paths.repairs.list, {
        channel: v.channel,
        fault: v.fault,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        address: v.address,
        ...(v.appointmentAt ? { appointmentAt: (v.appointmentAt as Dayjs).format() } : {}),
        publicSite: !!v.publicSite,
      });
      message.success(t('repairs.registered', { no: r.trackingNo, due: shortTime(r.arrivalDueAt) }));
      form.resetFields();
      onSaved();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Modal open={open} title={t('repairs.new')} onCancel={onClose} onOk={save} okButtonProps={{ 'data-testid': 'intake-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" initialValues={{ channel: 'phone' }}>
        <Form.Item name="channel" label={t('repairs.channel')}>
          <Radio.Group options={(['phone', 'counter'] as const).map((c) => ({ value: c, label: t(`repairs.channels.${c}`) }))} />
        </Form.Item>
        <Form.Item name="fault" label={t('repairs.fault')} rules={[{ required: true, message: t('repairs.required') }]}>
          <Input.TextArea rows={3} data-testid="intake-fault" />
        </Form.Item>
        <Form.Item name="contactName" label={t('repairs.contactName')} rules={[{ required: true, message: t('repairs.required') }]}>
          <Input data-testid="intake-name" />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('repairs.contactPhone')} rules={[{ required: true, message: t('repairs.required') }]}>
          <Input data-testid="intake-phone" />
        </Form.Item>
        <Form.Item name="address" label={t('repairs.address')} rules={[{ required: true, message: t('repairs.required') }]}>
          <Input data-testid="intake-address" />
        </Form.Item>
        <Form.Item name="appointmentAt" label={t('repairs.appointment')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="publicSite" valuePropName="checked">
          <Checkbox>{t('repairs.publicSite')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

