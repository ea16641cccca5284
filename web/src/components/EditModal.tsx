import { useEffect, useEffectEvent, type ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import type { QueryKey } from '@tanstack/react-query';
import { useFormErrors } from '../app/formErrors';
import { useI18n } from '../app/i18n';
import { useChange } from '../app/useChange';

type FieldName = (string | number)[];

export interface EditFormOptions<V, R> {
  open: boolean;
  form: FormInstance<V>;
  /** What the fields show each time the form opens (after a reset to the form's initial values). */
  values?: Parameters<FormInstance<V>['setFieldsValue']>[0];
  /** The request that saves the values (a create or an update). */
  save: (values: V) => Promise<R>;
  /** The queries the save makes stale. */
  invalidate: QueryKey[];
  onClose: () => void;
  /** A request field's name in the form where they differ (see `useFormErrors`). */
  rename?: (field: FieldName) => FieldName | null;
  /** A refusal's handling; by default each field issue under its field, the rest as a toast. */
  onError?: (e: unknown) => void;
}

/**
 * A create-or-edit form's life: filled when it opens, saved with 已保存, the lists refetched and the
 * form closed; a refusal shown on the fields. For a form in a drawer; a dialog uses `EditModal`.
 */
export function useEditForm<V, R>({ open, form, values, save, invalidate, onClose, rename, onError }: EditFormOptions<V, R>) {
  const { t } = useI18n();
  const showFieldErrors = useFormErrors(form, rename);
  const fill = useEffectEvent(() => {
    form.resetFields();
    if (values) form.setFieldsValue(values);
  });
  useEffect(() => {
    if (open) fill();
  }, [open]);
  return useChange<V, R>({ mutationFn: save, success: t('common.saved'), invalidate, onSuccess: onClose, onError: onError ?? showFieldErrors });
}

export interface EditModalProps<V, R> extends EditFormOptions<V, R> {
  title: string;
  /** The form's name (its fields' ids start with it). */
  name: string;
  width?: number;
  /** Shown above the form (what is being edited). */
  intro?: ReactNode;
  /** Shown below the form (issues no field shows). */
  footnote?: ReactNode;
  onValuesChange?: () => void;
  children: ReactNode;
}

/** The dialog that adds or edits one record: its fields as children, 保存 and 取消 below. */
export function EditModal<V, R>({ title, name, width, intro, footnote, onValuesChange, children, ...options }: EditModalProps<V, R>) {
  const { t } = useI18n();
  const { open, form, onClose } = options;
  const save = useEditForm(options);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      width={width}
      forceRender
    >
      {intro}
      <Form form={form} layout="vertical" name={name} onFinish={(v) => save.mutate(v)} onValuesChange={onValuesChange}>
        {children}
      </Form>
      {footnote}
    </Modal>
  );
}
