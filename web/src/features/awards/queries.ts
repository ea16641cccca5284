import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { itemsOf, type AwardType, type Nomination, type Round } from './model';

/** The pack's award types (their names, method, quota in words and score sheet). */
export function useAwardTypes() {
  return useQuery({ queryKey: ['awards', 'types'], queryFn: async () => itemsOf<AwardType>(await api.get<unknown>(paths.awardTypes.list)), staleTime: 300_000 });
}

export function useRounds(query: { state?: string; year?: number } = {}) {
  return useQuery({ queryKey: ['awards', 'rounds', query], queryFn: async () => itemsOf<Round>(await api.get<unknown>(paths.awardRounds.list, query)) });
}

export function useRound(id: string | undefined) {
  return useQuery({ queryKey: ['awards', 'round', id], queryFn: () => api.get<Round>(paths.awardRounds.one(id!)), enabled: !!id });
}

export function useNominations(id: string | undefined) {
  return useQuery({ queryKey: ['awards', 'round', id, 'nominations'], queryFn: async () => itemsOf<Nomination>(await api.get<unknown>(paths.awardRounds.nominations(id!))), enabled: !!id });
}

/** The type of a round, once the types have loaded. */
export function typeOf(types: AwardType[] | undefined, round: Pick<Round, 'awardType'> | undefined): AwardType | undefined {
  return round ? types?.find((t) => t.code === round.awardType) : undefined;
}
