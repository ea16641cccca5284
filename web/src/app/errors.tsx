import { useCallback, type CSSProperties } from 'react';
import { Alert, App as AntApp, Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { isApiError, type Bilingual } from './api';
import { useI18n } from './i18n';

/** A problem with one input field, as the server reports it (validation_failed, duplicate). */
export interface ServerFieldIssue {
  path: string;
  messages: Bilingual;
}

/** The field issues of a server error: details `[{ path: 'body.code', messages: { zh, en } }]`. */
export function fieldIssuesOf(e: unknown): ServerFieldIssue[] {
  if (!isApiError(e) || !Array.isArray(e.details)) return [];
  return (e.details as unknown[]).filter((d): d is ServerFieldIssue => {
    const x = d as ServerFieldIssue | null;
    return typeof x?.path === 'string' && typeof x.messages?.zh === 'string' && typeof x.messages?.en === 'string';
  });
}

/** `querystring.days: 不得大于 3660` — a field issue where no form field can show it. */
export function fieldIssueText(issue: ServerFieldIssue, pick: (m: Bilingual) => string): string {
  return `${issue.path.replace(/^(body|querystring|params)\./, '')}: ${pick(issue.messages)}`;
}

/**
 * The text to show for an error: the server's message in the current language, followed by what
 * was wrong with each field (unless `headlineOnly`, for forms that show those under the fields).
 */
export function useErrorText() {
  const { t, pick } = useI18n();
  return useCallback(
    (e: unknown, headlineOnly = false): string => {
      if (isApiError(e)) {
        if (e.code === 'version_conflict') return t('errors.versionConflict');
        const issues = headlineOnly ? [] : fieldIssuesOf(e).filter((i) => pick(i.messages) !== pick(e.messages));
        return [pick(e.messages), ...issues.map((i) => fieldIssueText(i, pick))].join('；');
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

/** A page in place of a screen one cannot see (403) or that does not exist (404), with the way home. */
function StatusPage({ status, text, testId }: { status: '403' | '404'; text: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status={status}
      title={status}
      subTitle={text}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
      data-testid={testId}
    />
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return <StatusPage status="403" text={t('errors.forbidden')} testId="forbidden" />;
}

export function NotFoundPage() {
  const { t } = useI18n();
  return <StatusPage status="404" text={t('errors.notFound')} />;
}

/** A refused request above the form that sent it (nothing while there is none). */
export function ErrorAlert({ error, style }: { error: unknown; style?: CSSProperties }) {
  const text = useErrorText();
  return error == null ? null : <Alert type="error" showIcon style={style} title={text(error)} />;
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
