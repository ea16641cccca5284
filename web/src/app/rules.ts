import { useMemo } from 'react';
import { useI18n } from './i18n';

/**
 * Form rules that mirror the server's schemas, in the locales' words: `required`, and `code` for
 * codes, badge numbers and user names (a letter or digit, then letters, digits and . _ -).
 */
export function useRules() {
  const { t } = useI18n();
  return useMemo(
    () => ({
      required: { required: true, message: t('validation.required') },
      code: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: t('validation.code') },
    }),
    [t],
  );
}
