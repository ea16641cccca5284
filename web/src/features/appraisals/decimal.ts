/**
 * Exact decimal sums for the live total beside the grid: scores are decimal text ("9.5"), added as
 * scaled integers so 0.1 + 0.2 shows 0.3 (the server's total is the one stored; this only previews it).
 */
const pattern = /^-?\d+(\.\d+)?$/;

export const isDecimal = (s: string) => pattern.test(s.trim());

export function sumDecimals(values: (string | null | undefined)[]): string {
  const parts = values.filter((v): v is string => !!v && isDecimal(v)).map((v) => v.trim());
  const scale = Math.max(0, ...parts.map((v) => (v.split('.')[1] ?? '').length));
  let sum = 0n;
  for (const v of parts) {
    const negative = v.startsWith('-');
    const [int, frac = ''] = v.replace('-', '').split('.');
    const n = BigInt(int + frac.padEnd(scale, '0'));
    sum += negative ? -n : n;
  }
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale ? digits.slice(-scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}
