import type { ReactNode } from 'react';
import { Button, Popconfirm, Space, type ButtonProps } from 'antd';
import { settled } from '../app/errors';
import { useI18n } from '../app/i18n';

/** The actions of a table row, as small links side by side. */
export function RowActions({ children }: { children: ReactNode }) {
  return (
    <Space size={0} wrap>
      {children}
    </Space>
  );
}

/**
 * One action of a table row (编辑…). Other props, and those a Popconfirm or Tooltip around it adds
 * (its ref and mouse handlers), reach the button.
 */
export function RowAction({ label, testId, ...props }: ButtonProps & { label?: string; testId?: string }) {
  return <Button type="link" size="small" aria-label={label} data-testid={testId} {...props} />;
}

/**
 * A row action that asks first (删除, 停用…). The dialog stays busy until `onConfirm`'s change
 * settles; a refusal is the change's own to report (its onError), so it does not escape here.
 */
export function ConfirmAction({ confirm, okText, onConfirm, danger, label, children }: { confirm: string; okText?: string; onConfirm: () => Promise<unknown>; danger?: boolean; label?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Popconfirm title={confirm} okText={okText ?? t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => settled(onConfirm())}>
      <RowAction danger={danger} label={label}>
        {children}
      </RowAction>
    </Popconfirm>
  );
}
