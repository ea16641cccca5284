/**
 * Local months and days as instants. An organisation's civil dates follow its pack's UTC offset
 * (China has no DST), so a local month is one half-open interval [start, end) of epoch ms.
 */

export interface Period {
  /** 'YYYY-MM' for a month, 'YYYY-MM-DD' for a day. */
  key: string;
  /** First and last civil date, inclusive (rollups and served counts are keyed by date). */
  from: string;
  to: string;
  /** Epoch ms of local midnight at `from`, and of local midnight after `to`. */
  start: number;
  end: number;
}

const DAY = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');

export function isMonth(text: string): boolean {
  return /^(19|20|21)\d\d-(0[1-9]|1[0-2])$/.test(text);
}

export function monthPeriod(month: string, utcOffsetMinutes: number): Period {
  const [y, m] = month.split('-').map(Number);
  const first = Date.UTC(y, m - 1, 1);
  const next = Date.UTC(y, m, 1);
  const last = new Date(next - DAY);
  return {
    key: month,
    from: `${month}-01`,
    to: `${last.getUTCFullYear()}-${pad(last.getUTCMonth() + 1)}-${pad(last.getUTCDate())}`,
    start: first - utcOffsetMinutes * 60_000,
    end: next - utcOffsetMinutes * 60_000,
  };
}

export function dayPeriod(date: string, utcOffsetMinutes: number): Period {
  const start = Date.parse(`${date}T00:00:00Z`) - utcOffsetMinutes * 60_000;
  return { key: date, from: date, to: date, start, end: start + DAY };
}

/** From one civil date to another, inclusive, as instants. */
export function rangePeriod(from: string, to: string, utcOffsetMinutes: number): Period {
  return { key: `${from}..${to}`, from, to, start: dayPeriod(from, utcOffsetMinutes).start, end: dayPeriod(to, utcOffsetMinutes).end };
}

/** The month `n` months after (n < 0: before) `month`. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** The `count` months ending with `month`, oldest first. */
export function monthsEndingWith(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(month, i - count + 1));
}

/** The local civil date and month of an instant. */
export function localDate(instant: number, utcOffsetMinutes: number): string {
  return new Date(instant + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function localMonth(instant: number, utcOffsetMinutes: number): string {
  return localDate(instant, utcOffsetMinutes).slice(0, 7);
}

/** The last closed month (the one before the current local month): what a monthly report defaults to. */
export function lastClosedMonth(instant: number, utcOffsetMinutes: number): string {
  return shiftMonth(localMonth(instant, utcOffsetMinutes), -1);
}

/** The period a download's name carries: '2026-11' for a whole month, '2026-11-05' for a day, else 'from_to'. */
export function periodLabel(from: string, to: string): string {
  if (from === to) return from;
  const month = from.slice(0, 7);
  if (from === `${month}-01` && to.slice(0, 7) === month && dayPeriod(to, 0).end === dayPeriod(`${shiftMonth(month, 1)}-01`, 0).start) return month;
  return `${from}_${to}`;
}

/** A local time stamp for people ('2026-11-05 14:03'), or '' for none. */
export function localTime(instant: number | null | undefined, utcOffsetMinutes: number): string {
  if (instant === null || instant === undefined) return '';
  return new Date(Number(instant) + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** An instant as ISO 8601 in the organisation's offset ('2026-11-08T03:10:00+08:00'): what a person's deadline reads. */
export function offsetIso(instant: number, utcOffsetMinutes: number): string {
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  return `${new Date(instant + utcOffsetMinutes * 60_000).toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
