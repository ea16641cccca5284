import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { useUnitTree } from '../units/useUnitTree';
import type { TaxonomyItem } from './model';

/** The organisation's complaint categories or causes (any signed-in role may read them). */
export function useComplaintTaxonomy(kind: 'categories' | 'causes', enabled = true) {
  return useQuery({
    queryKey: ['complaints', 'taxonomy', kind],
    queryFn: () => api.get<{ items: TaxonomyItem[]; labels?: Record<string, { zh: string; en: string }> }>(paths.complaints.taxonomy(kind)),
    staleTime: 300_000,
    enabled,
  });
}

/**
 * Labels for everything a case shows: known codes come from the locales, unknown ones (a case
 * type added later) fall back to the code itself, so the generic screens never break.
 */
export function useCaseLabels() {
  const { t, pick } = useI18n();
  const tree = useUnitTree();
  const categories = useComplaintTaxonomy('categories');
  const categoryByCode = useMemo(() => new Map((categories.data?.items ?? []).map((c) => [c.code, c])), [categories.data]);

  const typeLabel = useCallback((type: string) => t(`cases.types.${type}`, { defaultValue: type }), [t]);
  const statusLabel = useCallback(
    (type: string, status: string | null | undefined) => (status ? t(`cases.statuses.${type}.${status}`, { defaultValue: status }) : ''),
    [t],
  );
  const actionLabel = useCallback(
    (type: string, action: string) => t(`cases.actionLabels.${type}.${action}`, { defaultValue: t(`cases.actionLabels.common.${action}`, { defaultValue: action }) }),
    [t],
  );
  const channelLabel = useCallback((channel: string) => t(`cases.channels.${channel}`, { defaultValue: channel }), [t]);
  const clockLabel = useCallback((clockId: string) => t(`cases.clocks.${clockId}`, { defaultValue: clockId }), [t]);
  const badgeLabel = useCallback((badge: string) => t(`cases.badges.${badge}`, { defaultValue: badge }), [t]);
  const priorityLabel = useCallback((p: string) => t(`cases.priorities.${p}`, { defaultValue: p }), [t]);
  const categoryLabel = useCallback(
    (code: string | null | undefined) => {
      if (!code) return '';
      // A past case's category the list no longer offers still has words (`labels`).
      const item = categoryByCode.get(code) ?? categories.data?.labels?.[code];
      return item ? pick(item) : code;
    },
    [categoryByCode, categories.data, pick],
  );
  // A case outside the caller's own subtree (a clerk's complaint about another unit) still names its
  // unit: every signed-in role may read the organisation's unit names.
  const options = useQuery({ queryKey: ['units', 'options'], queryFn: () => api.get<{ items: { id: string; name: string }[] }>(paths.units.options), staleTime: 300_000 });
  const optionName = useMemo(() => new Map((options.data?.items ?? []).map((u) => [u.id, u.name])), [options.data]);
  const unitName = useCallback((id: string | null | undefined) => (id ? (tree.byId.get(id)?.name ?? optionName.get(id) ?? '') : ''), [tree.byId, optionName]);
  return { typeLabel, statusLabel, actionLabel, channelLabel, clockLabel, badgeLabel, priorityLabel, categoryLabel, unitName, tree };
}
