import type { ReactNode } from 'react';
import { Button, Modal, Space } from 'antd';
import { useI18n } from '../app/i18n';

/** A dialog to work in rather than to fill in and save (a report to send, a file to import): 关闭, then its own `actions`. */
export function ToolDialog({ open, title, width, onClose, actions, children }: { open: boolean; title: string; width: number; onClose: () => void; actions: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  const footer = (
    <Space>
      <Button onClick={onClose}>{t('common.close')}</Button>
      {actions}
    </Space>
  );
  return (
    <Modal open={open} title={title} onCancel={onClose} width={width} footer={footer}>
      {children}
    </Modal>
  );
}
