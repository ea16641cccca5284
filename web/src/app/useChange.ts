import { App as AntApp } from 'antd';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useShowError } from './errors';

export interface ChangeOptions<V, R> {
  mutationFn: (vars: V) => Promise<R>;
  /** The toast once the change is made; none when absent. */
  success?: string | ((result: R) => string);
  /** The queries the change makes stale, refetched one after the other before `onSuccess`. */
  invalidate?: QueryKey[];
  /** What follows (closing a dialog…), after the toast and the refetch. */
  onSuccess?: (result: R, vars: V) => unknown;
  /** A refusal's handling; by default, a toast. */
  onError?: (e: unknown) => void;
}

/**
 * A change the user makes from a screen (save, delete, switch on or off): the one way it says it is
 * done, refreshes what it changed and reports a refusal.
 */
export function useChange<V = void, R = unknown>({ mutationFn, success, invalidate = [], onSuccess, onError }: ChangeOptions<V, R>) {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const showError = useShowError();
  return useMutation({
    mutationFn,
    onSuccess: async (result: R, vars: V) => {
      if (success) void message.success(typeof success === 'string' ? success : success(result));
      for (const queryKey of invalidate) await queryClient.invalidateQueries({ queryKey });
      await onSuccess?.(result, vars);
    },
    onError: onError ?? showError,
  });
}
