/**
 * Calendar months in the organisation's local time (China has no DST: a fixed UTC offset from the
 * pack, `calendar.utcOffsetMinutes`). Months are 'YYYY-MM'; ranges are [start, end) in epoch ms.
 */
const MINUTE = 60_000;

export interface MonthRange {
  month: string;
  /** First instant of the month (local midnight), inclusive. */
  start: number;
  /** First instant of the next month, exclusive. */
  end: number;
  /** First and last civil date, for date-keyed rollups. */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function localMonthOf(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * MINUTE).toISOString().slice(0, 7);
}

export function monthRange(month: string, utcOffsetMinutes: number): MonthRange {
  const [y, m] = month.split('-').map(Number);
  const start = Date.UTC(y, m - 1, 1) - utcOffsetMinutes * MINUTE;
  const end = Date.UTC(y, m, 1) - utcOffsetMinutes * MINUTE;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { month, start, end, from: `${month}-01`, to: `${month}-${pad(lastDay)}` };
}

/** The `count` full months before the month containing `now`, oldest first. */
export function fullMonthsBefore(now: number, utcOffsetMinutes: number, count: number): MonthRange[] {
  const [y, m] = localMonthOf(now, utcOffsetMinutes).split('-').map(Number);
  const out: MonthRange[] = [];
  for (let i = count; i >= 1; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(monthRange(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`, utcOffsetMinutes));
  }
  return out;
}
