import { useState } from 'react';
import { Button, Input, Modal, Typography } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import type { SheetDetail } from './types';
import { useSheetStep } from './useSheetStep';

/**
 * 重新打开: the office reopens a sheet with a note — refilled from the facts as they stand, back to
 * the person to confirm; the note and the change of total stay on the sheet.
 */
export function ReopenButton({ sheet }: { sheet: Pick<SheetDetail, 'id' | 'version'> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const reopen = useSheetStep(sheet, () => {
    setOpen(false);
    setNote('');
  });
  return (
    <>
      <Button icon={<RollbackOutlined />} onClick={() => setOpen(true)} data-testid="sheet-reopen">
        {t('appraisals.reopenSheet')}
      </Button>
      <Modal
        open={open}
        title={t('appraisals.reopenTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => reopen.mutate({ step: 'reopen', body: { note: note.trim() } })}
        okText={t('appraisals.reopenSheet')}
        okButtonProps={{ disabled: note.trim().length === 0, loading: reopen.isPending, ...({ 'data-testid': 'sheet-reopen-ok' } as Record<string, string>) }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('appraisals.reopenHelp')}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t('appraisals.reopenNote')} data-testid="sheet-reopen-text" />
      </Modal>
    </>
  );
}
