import { useState } from 'react';
import { Button, Input, Modal, Popconfirm, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import type { SheetSummary } from './types';
import { useSheetStep } from './useSheetStep';

/**
 * 审核通过: the office makes a sheet final. An objected sheet is approved with the answer to the
 * objection (反馈, 002:L216) unless the head has answered it since; the server says which.
 */
export function ApproveButton({ sheet, size, testId }: { sheet: Pick<SheetSummary, 'id' | 'state' | 'version'>; size?: 'small'; testId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [feedback, setFeedback] = useState('');
  const approve = useSheetStep(sheet, () => setOpen(false));
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
        <Popconfirm title={t('appraisals.approveAsk')} onConfirm={() => approve.mutateAsync({ step: 'approve' })} okButtonProps={{ 'data-testid': `${testId}-ok` } as Record<string, string>}>
          {button}
        </Popconfirm>
      )}
      <Modal
        open={open}
        title={t('appraisals.approveObjected')}
        onCancel={() => setOpen(false)}
        onOk={() => approve.mutate({ step: 'approve', body: feedback.trim() ? { feedback: feedback.trim() } : undefined })}
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
