import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import type { SanctionRuleItem } from '../../app/types';

/** The rules in force (GET /sanction-rules), under ['policy'] like the policy screen's tab so an override refreshes them. */
export function useSanctionRules() {
  return useQuery({ queryKey: ['policy', 'sanction-rules'], queryFn: () => api.get<{ items: SanctionRuleItem[] }>(paths.sanctionRules.list), staleTime: 60_000 });
}
