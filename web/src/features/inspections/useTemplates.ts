import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import type { InspectionTemplate } from './model';

/**
 * The organisation's scoring templates. Loaded once and kept (the phone form works on them
 * offline; the service worker answers this request from its cache after a reload).
 */
export function useTemplates() {
  return useQuery({
    queryKey: ['inspections', 'templates'],
    queryFn: () => api.get<{ items: InspectionTemplate[] }>(paths.inspectionTemplates.list).then((r) => r.items),
    networkMode: 'offlineFirst',
    staleTime: 5 * 60_000,
    gcTime: Infinity,
  });
}

export function useTemplate(code: string | undefined) {
  return useQuery({
    queryKey: ['inspections', 'templates', code],
    queryFn: () => api.get<InspectionTemplate>(paths.inspectionTemplates.one(code!)),
    enabled: !!code,
    networkMode: 'offlineFirst',
  });
}
