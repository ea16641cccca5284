import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import type { ScheduleYears } from '../../app/types';

/** Loaded national schedules and whether next year's is due, by the server's date (not the browser's). */
export function useScheduleYears(enabled = true) {
  return useQuery({ queryKey: ['calendar', 'years'], queryFn: () => api.get<ScheduleYears>(paths.calendar.years), enabled, staleTime: 300_000 });
}
