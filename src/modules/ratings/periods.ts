/** Date ranges of the statistics, as YYYY-MM-DD and YYYY-MM strings (pure). */

export interface DayRange {
  from: string;
  to: string;
}

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** The whole months inside `from`…`to` that ended before `today` (closed: no rating can still land in them). */
export function closedMonthsWithin(range: DayRange, today: string): string[] {
  const months: string[] = [];
  for (let m = range.from.slice(0, 7); m <= range.to.slice(0, 7); m = nextMonth(m)) {
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

const shiftDay = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const dayBefore = (date: string) => shiftDay(date, -1);
const dayAfter = (date: string) => shiftDay(date, 1);
