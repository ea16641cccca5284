import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { judgedItemOf, type TemplateItem } from '../../web/src/features/appraisal-templates/model.js';
import { sumDecimals } from '../../web/src/features/appraisals/decimal.js';

describe('the template editor', () => {
  it('adds points exactly (0.1 three times is 0.3), whatever the places', () => {
    expect(sumDecimals(['0.1', '0.1', '0.1'])).toBe('0.3');
    expect(sumDecimals(['35', '2.5', '62.5'])).toBe('100');
    expect(sumDecimals(['0.000001', '1'])).toBe('1.000001');
    expect(sumDecimals([])).toBe('0');
    // In millionths, any list of decimal texts with up to six places sums to the integer sum.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9_999_999_999 }), { maxLength: 40 }), (millionths) => {
        const text = (m: number) => `${Math.floor(m / 1e6)}.${String(m % 1e6).padStart(6, '0')}`;
        const sum = millionths.reduce((a, b) => a + b, 0);
        expect(sumDecimals(millionths.map(text))).toBe(sumDecimals([text(sum)]));
        expect(Number(sumDecimals(millionths.map(text))) * 1e6).toBeCloseTo(sum, 0);
      }),
    );
  });

  it('gives an item of the office its own first free code, judged from 0 to its points', () => {
    const existing = [{ code: 'satisfaction' }, { code: 'local_1' }] as TemplateItem[];
    const item = judgedItemOf({ zh: ' 窗口礼仪 ', en: 'Window etiquette', group: 'de', max: '5' }, existing);
    expect(item).toMatchObject({ code: 'local_2', kind: 'judged', group: 'de', label: { zh: '窗口礼仪', en: 'Window etiquette' }, min: '0', max: '5', range: { min: '0', max: '5' } });
  });
});
