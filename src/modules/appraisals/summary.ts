/**
 * A period's summary for the office: counts by state, the star distribution, sheets not yet
 * scored, and outliers — a vetoed sheet (一票否决) or a complete total more than two standard
 * deviations from the period's mean. Decided exactly: totals are scaled to integers (BigInt) and
 * |x − mean| > 2σ is tested as (n·x − S)² > 4·(n·Q − S²), with S = Σx and Q = Σx² — no floats.
 */
export interface SummaryRow {
  id: string;
  staffName: string;
  state: string;
  total: string;
  stars: number | null;
  complete: boolean;
  vetoed: boolean;
}

export interface Outlier {
  sheetId: string;
  staffName: string;
  total: string;
  reason: 'vetoed' | 'high' | 'low';
}

function scaleOf(values: string[]): number {
  return values.reduce((m, v) => Math.max(m, v.includes('.') ? v.length - v.indexOf('.') - 1 : 0), 0);
}

/** Decimal text as an integer of `scale` decimal places ("96.5", 2 → 9650n). */
export function scaled(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [int, frac = ''] = (negative ? value.slice(1) : value).split('.');
  const n = BigInt(int || '0') * 10n ** BigInt(scale) + BigInt((frac + '0'.repeat(scale)).slice(0, scale) || '0');
  return negative ? -n : n;
}

export function outliersOf(rows: SummaryRow[]): Outlier[] {
  const scored = rows.filter((r) => r.complete && !r.vetoed);
  const scale = scaleOf(scored.map((r) => r.total));
  const xs = scored.map((r) => scaled(r.total, scale));
  const n = BigInt(xs.length);
  const s = xs.reduce((a, x) => a + x, 0n);
  const q = xs.reduce((a, x) => a + x * x, 0n);
  const spread4 = 4n * (n * q - s * s);
  const out: Outlier[] = [];
  for (const r of rows) {
    if (r.vetoed) {
      out.push({ sheetId: r.id, staffName: r.staffName, total: r.total, reason: 'vetoed' });
      continue;
    }
    if (!r.complete || xs.length < 2) continue;
    const d = n * scaled(r.total, scale) - s;
    if (d * d > spread4) out.push({ sheetId: r.id, staffName: r.staffName, total: r.total, reason: d > 0n ? 'high' : 'low' });
  }
  return out;
}

export function summaryOf(rows: SummaryRow[]) {
  const byState: Record<string, number> = {};
  const stars = new Map<number, number>();
  let notScored = 0;
  for (const r of rows) {
    byState[r.state] = (byState[r.state] ?? 0) + 1;
    if (!r.complete) notScored++;
    else if (r.stars !== null) stars.set(r.stars, (stars.get(r.stars) ?? 0) + 1);
  }
  const distribution = [...stars.entries()].sort((a, b) => b[0] - a[0]).map(([s, count]) => ({ stars: s, count }));
  return { count: rows.length, byState, distribution, notScored, outliers: outliersOf(rows) };
}
