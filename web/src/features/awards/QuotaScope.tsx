import { useI18n } from '../../app/i18n';
import { useUnitTree } from '../units/useUnitTree';
import type { Quota } from './model';

/** Whom a quota is for, in words: a department's name, 全院, or a category as the pack names it. */
export function useQuotaScope() {
  const { t } = useI18n();
  const tree = useUnitTree();
  return (q: Quota) => (q.scope === 'all' ? t('awards.quotaAll') : (tree.byId.get(q.scope)?.name ?? q.scope));
}

/** 3 / 不限. */
export function useQuotaLimit() {
  const { t } = useI18n();
  return (q: Quota) => (q.limit === null ? t('awards.unlimited') : String(q.limit));
}
