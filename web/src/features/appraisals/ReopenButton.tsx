import { useState } from 'react';
import { App as AntApp, Button, Input, Modal, Typography } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import type { SheetDetail } from './types';

/**
 * 重新打开: the office reopens a sheet with a note — refilled from the facts as they stand, back to
 * the person to confirm; the note and the change of total stay on the sheet.
 */
export function ReopenButton({ sheet }: { sheet: Pick<SheetDetail, 'id' | 'version'> }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const reopen = useMutation({
    mutationFn: () => api.post<SheetDetail>(paths.appraisals.step(sheet.id, 'reopen'), { version: sheet.version, note: note.trim() }),
    onSuccess: async (s) => {
      client.setQueryData(['appraisals', 'sheet', sheet.id], s);
      setOpen(false);
      setNote('');
      message.success(t('appraisals.done.reopen'));
      await client.invalidateQueries({ queryKey: ['appraisals'] });
    },
    onError: showError,
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
        onOk={() => reopen.mutate()}
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
