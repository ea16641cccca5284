import { useCallback } from 'react';
import { Alert, App as AntApp, Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { isApiError } from './api';
import { useI18n } from './i18n';

/** The text to show for an error: the server's message in the current language. */
export function useErrorText() {
  const { t, pick } = useI18n();
  return useCallback(
    (e: unknown): string => {
      if (isApiError(e)) {
        if (e.code === 'version_conflict') return t('errors.versionConflict');
        return pick(e.messages);
      }
      return t('errors.unexpected');
    },
    [t, pick],
  );
}

/**
 * For a confirm dialog's handler (Popconfirm `onConfirm`, `modal.confirm` `onOk`): the dialog shows
 * the mutation loading until it settles, but a refusal must not escape as an unhandled rejection —
 * the mutation's `onError` has already told the user.
 */
export function settled(promise: Promise<unknown>): Promise<void> {
  return promise.then(
    () => undefined,
    () => undefined,
  );
}

/** Shows an error as a toast (for mutations). */
export function useShowError() {
  const { message } = AntApp.useApp();
  const text = useErrorText();
  return useCallback((e: unknown) => void message.error(text(e)), [message, text]);
}

export function isForbidden(e: unknown): boolean {
  return isApiError(e) && e.status === 403 && (e.code === 'forbidden' || e.code === 'out_of_scope');
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('errors.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
      data-testid="forbidden"
    />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('errors.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** An error from loading a screen's data: a 403 page for access errors, else an alert with retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useErrorText();
  if (isForbidden(error)) return <ForbiddenPage />;
  return (
    <Alert
      type="error"
      showIcon
      title={text(error)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
