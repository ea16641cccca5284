import { createRequire } from 'node:module';
import { fromChineseDaysData, type NationalSchedule } from '../../engines/calendar/index.js';

type ChineseDaysData = { holidays: Record<string, string>; workdays: Record<string, string> };

/** The State Council schedules shipped with the `chinese-days` package: the seed for a new database. */
export function chineseDaysSchedule(): { schedule: NationalSchedule; names: Record<string, string> } {
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  // Values read "English,中文,days"; keep the Chinese name, and mark make-up days 补班.
  const names: Record<string, string> = {};
  for (const [date, v] of Object.entries(data.holidays)) names[date] = v.split(',')[1] ?? v;
  for (const [date, v] of Object.entries(data.workdays)) names[date] = `${v.split(',')[1] ?? v}补班`;
  return { schedule: fromChineseDaysData(data), names };
}

export const chineseDaysSource = 'chinese-days@1.5.7';
