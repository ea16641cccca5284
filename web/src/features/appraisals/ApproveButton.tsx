import { useState } from 'react';
import { App as AntApp, Button, Input, Modal, Popconfirm, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import type { SheetDetail, SheetSummary } from './types';

/**
 * 审核通过: the office makes a sheet final. An objected sheet is approved with the answer to the
 * objection (反馈, 002:L216) unless the head has answered it since; the server says which.
 */
export function ApproveButton({ sheet, size, testId }: { sheet: Pick<SheetSummary, 'id' | 'state' | 'version'>; size?: 'small'; testId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [feedback, setFeedback] = useState('');
  const approve = useMutation({
    mutationFn: (fb?: string) => api.post<SheetDetail>(paths.appraisals.step(sheet.id, 'approve'), { version: sheet.version, ...(fb ? { feedback: fb } : {}) }),
    onSuccess: async (s) => {
      client.setQueryData(['appraisals', 'sheet', sheet.id], s);
      setOpen(false);
      message.success(t('appraisals.done.approve'));
      await client.invalidateQueries({ queryKey: ['appraisals'] });
    },
    onError: showError,
  });
  const button = (
    <Button size={size} type="primary" icon={<SafetyCertificateOutlined />} loading={approve.isPending} onClick={sheet.state === 'objected' ? () => setOpen(true) : undefined} data-testid={testId}>
      {t('appraisals.approve')}
    </Button>
  );
  return (
    <>
      {sheet.state === 'objected' ? (
        button
      ) : (
        <Popconfirm title={t('appraisals.approveAsk')} onConfirm={() => approve.mutateAsync(undefined)} okButtonProps={{ 'data-testid': `${testId}-ok` } as Record<string, string>}>
          {button}
        </Popconfirm>
      )}
      <Modal
        open={open}
        title={t('appraisals.approveObjected')}
        onCancel={() => setOpen(false)}
        onOk={() => approve.mutate(feedback.trim() || undefined)}
        okText={t('appraisals.approve')}
        okButtonProps={{ loading: approve.isPending, ...({ 'data-testid': `${testId}-ok` } as Record<string, string>) }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('appraisals.approveObjectedHelp')}</Typography.Paragraph>
        <Input.TextArea rows={4} maxLength={2000} value={feedback} onChange={(e) => setFeedback(e.target.value)} aria-label={t('appraisals.feedback')} data-testid={`${testId}-feedback`} />
      </Modal>
    </>
  );
}
