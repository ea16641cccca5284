/**
 * Exact rationals on bigint. Ratios (r = unit ÷ bank-wide) are not decimals with a fixed number
 * of places, so the competition engine keeps every value as a fraction n/d in lowest terms and
 * rounds only when a score is presented (2 places, half away from zero): 0.1 × 3 is 3/10, and
 * 1.6 × 10 × 80 % is exactly 64/5.
 */

export interface Exact {
  /** Numerator, any sign. */
  readonly n: bigint;
  /** Denominator, > 0, coprime with n. */
  readonly d: bigint;
}

/** Largest magnitude of an input value (keeps input checks meaningful; bigint never overflows). */
export const MAX_INPUT = 1_000_000_000_000n;
/** Most decimal places an input value may carry. */
export const MAX_PLACES = 6;

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function exact(n: bigint, d = 1n): Exact {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO = exact(0n);
export const ONE = exact(1n);

export const add = (a: Exact, b: Exact) => exact(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Exact, b: Exact) => exact(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Exact, b: Exact) => exact(a.n * b.n, a.d * b.d);
export const div = (a: Exact, b: Exact) => exact(a.n * b.d, a.d * b.n);
export const neg = (a: Exact): Exact => ({ n: -a.n, d: a.d });
/** −1, 0 or 1 as a is below, equal to or above b. */
export const cmp = (a: Exact, b: Exact) => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
export const isZero = (a: Exact) => a.n === 0n;
export const sum = (xs: readonly Exact[]) => xs.reduce(add, ZERO);
export const min = (a: Exact, b: Exact) => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Exact, b: Exact) => (cmp(a, b) >= 0 ? a : b);
export const fromInt = (i: number | bigint) => exact(BigInt(i));

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * A decimal written as a number or a string (`92`, `"0.35"`, `-1.5`) as an exact value, or
 * undefined when it is not a plain decimal with at most MAX_PLACES places and magnitude ≤ MAX_INPUT.
 */
export function parseDecimal(x: unknown): Exact | undefined {
  let s: string;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) return undefined;
    s = String(x); // shortest round-trip form: 0.1 → "0.1"; 1e-7 → "1e-7" (refused)
  } else if (typeof x === 'string') {
    s = x.trim();
  } else {
    return undefined;
  }
  const m = DECIMAL.exec(s);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  if (frac.length > MAX_PLACES || m[2].length > 13) return undefined;
  const scale = 10n ** BigInt(frac.length);
  const n = BigInt(m[2]) * scale + BigInt(frac || '0');
  if (n > MAX_INPUT * scale) return undefined;
  return exact(m[1] === '-' ? -n : n, scale);
}

/** Rounded to `places` decimals, half away from zero, as a string with exactly that many places. */
export function toFixed(a: Exact, places = 2): string {
  const scale = 10n ** BigInt(places);
  const num = abs(a.n) * scale;
  let q = num / a.d;
  if ((num % a.d) * 2n >= a.d) q += 1n;
  const sign = a.n < 0n && q > 0n ? '-' : '';
  const s = q.toString().padStart(places + 1, '0');
  return places === 0 ? sign + s : `${sign}${s.slice(0, -places)}.${s.slice(-places)}`;
}

/** A terminating fraction as its exact decimal (no trailing zeros); others as 4 places with "≈". */
export function show(a: Exact): string {
  let d = a.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return `≈${toFixed(a, 4)}`;
  const places = Math.max(twos, fives);
  if (places === 0) return a.n.toString();
  return toFixed(a, places).replace(/\.?0+$/, '');
}

/** As a percentage in words: 0.8 → "80%". */
export const percent = (a: Exact) => `${show(mul(a, fromInt(100)))}%`;

/** The double nearest the value rounded to `places` (for charts; never for comparisons). */
export const toNumber = (a: Exact, places = 2) => Number(toFixed(a, places));

/** "n" or "n/d" in lowest terms. */
export const toFraction = (a: Exact) => (a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`);

/** The inverse of toFraction; undefined for anything else. */
export function parseFraction(s: string): Exact | undefined {
  const m = /^(-?\d+)(?:\/(\d+))?$/.exec(s);
  if (!m || m[2] === '0') return undefined;
  return exact(BigInt(m[1]), BigInt(m[2] ?? '1'));
}
