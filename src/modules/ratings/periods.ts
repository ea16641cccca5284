/** Date ranges of the statistics, as YYYY-MM-DD and YYYY-MM strings (pure). */
import { daysInMonth, formatDayNumber, parseDayNumber } from '../../engines/calendar/dates.js';
import { shiftMonth } from '../../shared/months.js';

export interface DayRange {
  from: string;
  to: string;
}

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/** The whole months inside `from`…`to` that ended before `today` (closed: no rating can still land in them). */
export function closedMonthsWithin(range: DayRange, today: string): string[] {
  const months: string[] = [];
  for (let m = range.from.slice(0, 7); m <= range.to.slice(0, 7); m = shiftMonth(m, 1)) {
    if (`${m}-01` >= range.from && lastDayOf(m) <= range.to && lastDayOf(m) < today) months.push(m);
  }
  return months;
}

/** `range` without a run of consecutive whole months: the days before it and after it (none, one or two ranges). */
export function daysAround(range: DayRange, months: readonly string[]): DayRange[] {
  if (months.length === 0) return [range];
  const out: DayRange[] = [];
  const first = `${months[0]}-01`;
  const last = lastDayOf(months[months.length - 1]);
  if (range.from < first) out.push({ from: range.from, to: dayBefore(first) });
  if (last < range.to) out.push({ from: dayAfter(last), to: range.to });
  return out;
}

const dayBefore = (date: string) => formatDayNumber(parseDayNumber(date) - 1);
const dayAfter = (date: string) => formatDayNumber(parseDayNumber(date) + 1);
