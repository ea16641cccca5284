import { Form, Input, Modal, Upload, Button, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api } from '../../app/api';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useChange } from '../../app/useChange';
import { readBase64, type Task } from './model';

interface Values {
  text?: string;
  figure?: string;
  inspectionId?: string;
}

/** 报送成果: the one field the task's kind takes — a document's text, a figure, an inspection, or a file. */
export function DeliverDialog({ campaignId, task, unit, onClose }: { campaignId: string; task: Task; unit: { unitId: string; name: string }; onClose: () => void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const showFormErrors = useFormErrors(form);
  const submit = useChange({
    mutationFn: async (v: Values) => {
      const body: Record<string, unknown> = { taskId: task.id, unitId: unit.unitId };
      if (task.deliverable === 'document') body.text = v.text;
      if (task.deliverable === 'figure') body.figure = v.figure?.trim();
      if (task.deliverable === 'inspection') body.inspectionId = v.inspectionId?.trim();
      if (task.deliverable === 'upload' && file) body.file = { name: file.name, contentBase64: await readBase64(file) };
      return api.post<{ lateDays: number }>(paths.campaigns.submissions(campaignId), body);
    },
    success: (r) => (r.lateDays > 0 ? t('campaigns.submittedLate', { days: r.lateDays }) : t('campaigns.submittedOnTime')),
    invalidate: [['campaigns']],
    onSuccess: onClose,
    onError: showFormErrors,
  });
  return (
    <Modal open title={`${pick(task.label)} · ${unit.name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={submit.isPending} okButtonProps={{ 'data-testid': 'deliver-ok' } as Record<string, string>} okText={t('campaigns.submit')}>
      <Typography.Paragraph type="secondary">{t('campaigns.dueOn', { date: task.dueOn })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)}>
        {task.deliverable === 'document' && (
          <Form.Item name="text" label={t('campaigns.kinds.document')} rules={[{ required: true }]}>
            <Input.TextArea rows={5} maxLength={20000} data-testid="deliver-text" />
          </Form.Item>
        )}
        {task.deliverable === 'figure' && (
          <Form.Item name="figure" label={t('campaigns.kinds.figure')} rules={[{ required: true }]}>
            <Input inputMode="decimal" data-testid="deliver-figure" />
          </Form.Item>
        )}
        {task.deliverable === 'inspection' && (
          <Form.Item name="inspectionId" label={t('campaigns.inspectionId')} rules={[{ required: true }]}>
            <Input data-testid="deliver-inspection" />
          </Form.Item>
        )}
        {task.deliverable === 'upload' && (
          <Form.Item name="file" label={t('campaigns.kinds.upload')}>
            <Upload beforeUpload={(f) => (setFile(f), false)} maxCount={1} onRemove={() => setFile(null)}>
              <Button icon={<UploadOutlined />} data-testid="deliver-file">
                {t('campaigns.chooseFile')}
              </Button>
            </Upload>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
