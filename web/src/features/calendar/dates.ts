import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import type { EffectivePolicy } from '../../app/types';

/** China Standard Time, unless the organisation's policy pack says otherwise. */
export const defaultOffsetMinutes = 480;

/** The organisation's UTC offset (calendar.utcOffsetMinutes of its policy pack). */
export function useOrgOffset(): number {
  const policy = useQuery({ queryKey: ['policy'], queryFn: () => api.get<EffectivePolicy>(paths.policy.effective), staleTime: 300_000 });
  const calendar = policy.data?.pack.calendar as { utcOffsetMinutes?: { value?: number } } | undefined;
  return calendar?.utcOffsetMinutes?.value ?? defaultOffsetMinutes;
}

/** A wall-clock time picked in the UI, as an ISO instant in the organisation's offset. */
export function wallTimeToIso(wall: Dayjs, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${wall.format('YYYY-MM-DDTHH:mm:00')}${sign}${hh}:${mm}`;
}

/** An instant shown as wall-clock time in the organisation's offset. */
export function isoToWall(iso: string, offsetMinutes: number): Dayjs {
  return dayjs(iso).utcOffset(offsetMinutes);
}

export function monthRange(month: Dayjs): { from: string; to: string } {
  return { from: month.startOf('month').format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD') };
}
