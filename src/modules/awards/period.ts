/** A round's period (2026-11, 2026-Q4, 2026) as local dates, checked against the award's cadence. */
import { AppError } from '../../shared/errors.js';
import { dayPeriod } from '../../shared/months.js';

export interface PeriodRange {
  /** First and last local date (inclusive). */
  from: string;
  to: string;
  year: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function periodRange(period: string, cadence: 'monthly' | 'quarterly' | 'annual'): PeriodRange {
  const year = Number(period.slice(0, 4));
  const month = /^\d{4}-(\d{2})$/.exec(period);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (cadence === 'monthly' && month) {
    const m = Number(month[1]);
    return { from: `${year}-${pad(m)}-01`, to: `${year}-${pad(m)}-${pad(lastDay(year, m))}`, year };
  }
  if (cadence === 'quarterly' && quarter) {
    const q = Number(quarter[1]);
    const first = q * 3 - 2;
    return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}`, year };
  }
  if (cadence === 'annual' && /^\d{4}$/.test(period)) return { from: `${year}-01-01`, to: `${year}-12-31`, year };
  throw new AppError('award_period_invalid', { details: { period, cadence } });
}

/** [start, end) epoch ms of a range of local dates. */
export function rangeInstants(r: { from: string; to: string }, utcOffsetMinutes: number): { from: number; to: number } {
  return { from: dayPeriod(r.from, utcOffsetMinutes).start, to: dayPeriod(r.to, utcOffsetMinutes).end };
}
