import { App as AntApp } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import type { SheetDetail, SheetSummary } from './types';

/** confirm, object, approve, reopen: the steps the sheet route takes. */
export type SheetStep = Parameters<typeof paths.appraisals.step>[1];

/**
 * A step on one sheet (confirm, object, approve, reopen) with the version read: the answer
 * replaces the cached sheet, `onDone` closes what asked for it, the step is announced and the
 * lists refresh.
 */
export function useSheetStep(sheet: Pick<SheetSummary, 'id' | 'version'>, onDone?: () => void) {
  const { t } = useI18n();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = AntApp.useApp();
  return useMutation({
    mutationFn: (v: { step: SheetStep; body?: Record<string, string> }) => api.post<SheetDetail>(paths.appraisals.step(sheet.id, v.step), { version: sheet.version, ...v.body }),
    onSuccess: async (s, v) => {
      client.setQueryData(['appraisals', 'sheet', sheet.id], s);
      onDone?.();
      message.success(t(`appraisals.done.${v.step}`));
      await client.invalidateQueries({ queryKey: ['appraisals'] });
    },
    onError: showError,
  });
}
