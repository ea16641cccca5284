import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { outliersOf, scaled, summaryOf, type SummaryRow } from './summary.js';

const row = (id: string, total: string, extra: Partial<SummaryRow> = {}): SummaryRow => ({ id, staffName: id, state: 'approved', total, stars: null, complete: true, vetoed: false, ...extra });

describe('outliers: more than two standard deviations from the mean, or vetoed (issue 21 item 4)', () => {
  it('exactly 2σ is not an outlier; beyond it is', () => {
    // 0,0,0,0,10: mean 2, σ 4 — 10 is exactly 2σ above.
    expect(outliersOf(['0', '0', '0', '0', '10'].map((t, i) => row(`s${i}`, t)))).toEqual([]);
    // 0 ×5, 10: mean 5/3, σ² = 500/36 — 10 lies 8.33 > 7.45 above.
    expect(outliersOf(['0', '0', '0', '0', '0', '10'].map((t, i) => row(`s${i}`, t)))).toEqual([{ sheetId: 's5', staffName: 's5', total: '10', reason: 'high' }]);
    expect(outliersOf(['10', '10', '10', '10', '10', '0'].map((t, i) => row(`s${i}`, t)))[0].reason).toBe('low');
  });

  it('decimals compare exactly (0.1 + 0.2 is 0.3): a boundary in tenths is still exactly 2σ', () => {
    expect(outliersOf(['90.1', '90.1', '90.1', '90.1', '91.1'].map((t, i) => row(`s${i}`, t)))).toEqual([]);
    expect(outliersOf(['90.1', '90.10', '90.1', '90.100', '91.10'].map((t, i) => row(`s${i}`, t)))).toEqual([]);
    expect(outliersOf(['90.1', '90.1', '90.1', '90.1', '90.1', '91.1'].map((t, i) => row(`s${i}`, t))).map((o) => o.sheetId)).toEqual(['s5']);
  });

  it('a vetoed sheet is always an outlier and takes no part in the mean; incomplete sheets neither', () => {
    const rows = [row('a', '90'), row('b', '91'), row('v', '0', { vetoed: true }), row('i', '10', { complete: false })];
    expect(outliersOf(rows)).toEqual([{ sheetId: 'v', staffName: 'v', total: '0', reason: 'vetoed' }]);
  });

  it('property: agrees with |x − mean| > 2σ computed in floating point, away from the boundary', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 30 }), fc.integer({ min: 0, max: 2 }), (xs, decimals) => {
        const texts = xs.map((x) => (decimals ? (x / 10 ** decimals).toFixed(decimals) : String(x)));
        const values = texts.map(Number);
        const mean = values.reduce((a, x) => a + x, 0) / values.length;
        const sd = Math.sqrt(values.reduce((a, x) => a + (x - mean) ** 2, 0) / values.length);
        const found = new Set(outliersOf(texts.map((t, i) => row(`s${i}`, t))).map((o) => o.sheetId));
        values.forEach((x, i) => {
          const d = Math.abs(x - mean);
          if (Math.abs(d - 2 * sd) > 1e-9) expect(found.has(`s${i}`)).toBe(d > 2 * sd);
        });
      }),
    );
  });

  it('scales decimal text to integers', () => {
    expect(scaled('96.5', 2)).toBe(9650n);
    expect(scaled('-0.25', 2)).toBe(-25n);
    expect(scaled('7', 1)).toBe(70n);
  });
});

describe('summary', () => {
  it('counts by state, stars of complete sheets, and sheets not yet scored', () => {
    const rows = [row('a', '96', { stars: 5 }), row('b', '88', { stars: 4, state: 'confirmed' }), row('c', '40', { complete: false, state: 'filled' }), row('d', '97', { stars: 5 })];
    expect(summaryOf(rows)).toMatchObject({ count: 4, byState: { approved: 2, confirmed: 1, filled: 1 }, distribution: [{ stars: 5, count: 2 }, { stars: 4, count: 1 }], notScored: 1 });
  });
});
