import { Alert } from 'antd';
import type { Bilingual } from './api';
import { useI18n } from './i18n';

/** What the server says about the address its QR codes open (YOUZHI_PUBLIC_URL unset, page opened on 127.0.0.1…). */
export interface PublicUrlCheck {
  reachableFromPhones: boolean;
  hint: Bilingual | null;
}

/** Says plainly, above the codes, when phones cannot open them and how to fix it. */
export function PublicUrlWarning({ check }: { check?: PublicUrlCheck | null }) {
  const { t, pick } = useI18n();
  if (!check || check.reachableFromPhones) return null;
  return <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('ratingCodes.unreachableTitle')} description={pick(check.hint)} data-testid="public-url-warning" />;
}
