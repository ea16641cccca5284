import { Form, Input } from 'antd';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { EditModal } from '../../components/EditModal';
import { kindName } from './IncidentTable';
import type { Incident } from './model';

export type Decision = { incident: Incident; outcome: 'verify' | 'reject' };

/** The quality office's decision on a reported incident: 核实属实 (a note may follow) or 不属实 (with the reason). */
export function DecideDialog({ decision, onClose }: { decision: Decision | null; onClose: () => void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<{ text?: string }>();
  const verify = decision?.outcome === 'verify';
  const save = (v: { text?: string }) => {
    const { incident } = decision!;
    return verify
      ? api.post(paths.incidents.verify(incident.id), { version: incident.version, note: v.text || undefined })
      : api.post(paths.incidents.reject(incident.id), { version: incident.version, reason: v.text ?? '' });
  };
  return (
    <EditModal
      open={!!decision}
      form={form}
      name="incident-decision"
      title={verify ? t('incidents.verifyTitle') : t('incidents.rejectTitle')}
      save={save}
      invalidate={[['incidents'], ['staff', 'incidents']]}
      onClose={onClose}
      rename={([field]) => (field === 'note' || field === 'reason' ? ['text'] : null)}
      intro={decision && <p>{`${decision.incident.occurredOn} ${kindName(t, pick, decision.incident)}：${decision.incident.summary}`}</p>}
    >
      <Form.Item name="text" label={verify ? t('incidents.note') : t('incidents.reason')} rules={verify ? [] : [{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input.TextArea rows={3} maxLength={1000} data-testid="decision-text" />
      </Form.Item>
    </EditModal>
  );
}
