/**
 * Civil-date arithmetic on "day numbers" (days since 1970-01-01, proleptic Gregorian).
 * No Date objects: civil dates have no time zone, and Date parsing is lenient
 * (new Date('2026-02-30') rolls over), which is exactly what we must reject.
 */
import { InvalidDateError } from './errors.js';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

export function isLeapYear(y: number): boolean {
  return (y & 3) === 0 && (y % 100 !== 0 || y % 400 === 0);
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m];
}

/** Day number of a civil date (H. Hinnant's days_from_civil). Inputs must be valid. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + d - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilParts {
  y: number;
  m: number;
  d: number;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(dayNumber: number): CivilParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function yearOfDayNumber(dayNumber: number): number {
  return civilFromDays(dayNumber).y;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function formatCivil(y: number, m: number, d: number): string {
  const ys = y < 10 ? '000' + y : y < 100 ? '00' + y : y < 1000 ? '0' + y : String(y);
  return ys + '-' + pad2(m) + '-' + pad2(d);
}

export function formatDayNumber(dayNumber: number): string {
  const { y, m, d } = civilFromDays(dayNumber);
  return formatCivil(y, m, d);
}

/**
 * Strictly parse 'YYYY-MM-DD' to a day number, by char codes (this is on the hot path of
 * addWorkingDays). Rejects other lengths, separators, signs, spaces and impossible dates.
 */
export function parseDayNumber(s: string): number {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) {
    throw new InvalidDateError(s);
  }
  const y0 = s.charCodeAt(0) - 48;
  const y1 = s.charCodeAt(1) - 48;
  const y2 = s.charCodeAt(2) - 48;
  const y3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48;
  const m1 = s.charCodeAt(6) - 48;
  const d0 = s.charCodeAt(8) - 48;
  const d1 = s.charCodeAt(9) - 48;
  // `>>> 0` turns a negative difference (char below '0') into a huge number.
  if (
    y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9
  ) {
    throw new InvalidDateError(s);
  }
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new InvalidDateError(s, 'no such day');
  return daysFromCivil(y, m, d);
}

/** Strict parse returning the parts. */
export function parseCivilDate(s: string): CivilParts {
  return civilFromDays(parseDayNumber(s));
}

export function isValidCivilDate(s: unknown): s is string {
  try {
    parseDayNumber(s as string);
    return true;
  } catch {
    return false;
  }
}

/**
 * 'HH:MM' → minutes after local midnight. '24:00' is accepted only as an end time (a period
 * running to midnight, e.g. a 24-hour service).
 */
export function parseClock(s: string, allowMidnightEnd: boolean): number | undefined {
  if (typeof s !== 'string' || s.length !== 5 || s.charCodeAt(2) !== 58) return undefined;
  const h0 = s.charCodeAt(0) - 48;
  const h1 = s.charCodeAt(1) - 48;
  const n0 = s.charCodeAt(3) - 48;
  const n1 = s.charCodeAt(4) - 48;
  if (h0 >>> 0 > 9 || h1 >>> 0 > 9 || n0 >>> 0 > 9 || n1 >>> 0 > 9) return undefined;
  const h = h0 * 10 + h1;
  const min = n0 * 10 + n1;
  if (min > 59) return undefined;
  if (h === 24 && min === 0 && allowMidnightEnd) return 1440;
  if (h > 23) return undefined;
  return h * 60 + min;
}

export function formatClock(minutes: number): string {
  return pad2(Math.floor(minutes / 60)) + ':' + pad2(minutes % 60);
}
