/**
 * Exact points. Every amount is held as whole thousandths of a point ("milli-points") so that
 * ten deductions of 0.1 are exactly 1 and 10 − 0.7 is exactly 9.3; floats appear only when a
 * result is presented (`milli / 1000` is the double nearest the decimal and prints as it).
 */
import type { PointsValue } from './types.js';

export const POINTS_SCALE = 1000;
/** Largest amount a template may write: keeps every sum far inside safe integers. */
export const MAX_POINTS = 10_000;

const DECIMAL = /^(\d{1,5})(?:\.(\d{1,3}))?$/;

/** Whole thousandths of `x`, or undefined when `x` is not a decimal ≥ 0 with ≤ 3 places, ≤ MAX_POINTS. */
export function toMilli(x: PointsValue | unknown): number | undefined {
  let s: string;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) return undefined;
    s = String(x); // shortest round-trip form: 0.1 → "0.1", 1e-7 → "1e-7" (refused)
  } else if (typeof x === 'string') {
    s = x.trim();
  } else {
    return undefined;
  }
  const m = DECIMAL.exec(s);
  if (!m) return undefined;
  const milli = Number(m[1]) * POINTS_SCALE + Number((m[2] ?? '').padEnd(3, '0'));
  return milli <= MAX_POINTS * POINTS_SCALE ? milli : undefined;
}

/** Thousandths as the exact decimal number they stand for: 9300 → 9.3. */
export function fromMilli(milli: number): number {
  return milli / POINTS_SCALE;
}

/** Thousandths as a decimal string without trailing zeros: 9300 → "9.3", 10000 → "10". */
export function formatMilli(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const whole = Math.floor(abs / POINTS_SCALE);
  const frac = String(abs % POINTS_SCALE).padStart(3, '0').replace(/0+$/, '');
  return sign + String(whole) + (frac ? `.${frac}` : '');
}
