/**
 * Fixtures of the calendar and SLA engine tests (not part of the library: tsconfig leaves
 * src/test-support out of the build). One home for the national schedule they run on, China
 * local time and the window hours.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromChineseDaysData, type NationalSchedule } from '../engines/calendar/index.js';

const require = createRequire(import.meta.url);

/** The folder of chinese-days' published data (chinese-days.json and the iCalendar files). */
export const chineseDaysDist = path.dirname(require.resolve('chinese-days/dist/chinese-days.json'));

/** chinese-days' own data file, as it is published. */
export const chineseDaysData = JSON.parse(readFileSync(path.join(chineseDaysDist, 'chinese-days.json'), 'utf8')) as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/** The national schedule read from chinese-days' data. */
export const nationalSchedule: NationalSchedule = fromChineseDaysData(chineseDaysData);

/** holiday-cn's year files (NateScarlet/holiday-cn), beside the checkout: /work/shared/data/holiday-cn. */
export const holidayCnDir = path.resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/data/holiday-cn');

/** Window hours in China time, Monday–Friday (002:L99): 09:00–12:00 and 13:30 until `close`. */
export function windowHours(close: string) {
  return {
    periods: [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: close },
    ],
    utcOffsetMinutes: 480,
    weekdays: [1, 2, 3, 4, 5],
  };
}

/** Instant of a China local time, e.g. at('2026-09-30T10:00'). */
export const at = (local: string): number => Date.parse(`${local}:00+08:00`);

/** China local time of an instant, 'YYYY-MM-DDTHH:MM' (seconds dropped). */
export const local = (t: number): string => new Date(t + 480 * 60_000).toISOString().slice(0, 16);

/** What `fn` throws (undefined when it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}
