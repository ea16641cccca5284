/**
 * Decimal text in and out of the exact rationals of the indicator engine (one home for exact
 * arithmetic): points are rounded to 2 places half away from zero per item, so a sheet's total is
 * exactly the sum of the points it shows.
 */
import { parseDecimal, toFixed, type Exact } from '../indicators/exact.js';

export { add, cmp, div, fromInt, max, min, mul, sub, sum, ZERO, type Exact } from '../indicators/exact.js';

/** The exact value of decimal text, or undefined. */
export const parse = (x: unknown): Exact | undefined => parseDecimal(x);

/** 2 places, trailing zeros dropped: 38.40 → "38.4", 40.00 → "40", -0.5 → "-0.5". */
export function text(a: Exact, places = 2): string {
  const s = toFixed(a, places);
  const t = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return t === '-0' ? '0' : t;
}

/** Rounded to 2 places (half away from zero) as an exact value. */
export const round2 = (a: Exact): Exact => parseDecimal(toFixed(a, 2)) as Exact;
