/** Star grades (挂星上岗、星薪挂钩, 000:L115) and 末位 (bottom of the unit, 003:L94). */
import { describe, expect, it } from 'vitest';
import { windowTemplate } from '../../test-support/appraisal-template.js';
import { bottomOfUnit, starFor, type BottomEntry } from './index.js';

const grades = windowTemplate.stars;

describe('starFor', () => {
  it('is inclusive at each threshold (以上)', () => {
    expect(starFor('95', grades)?.stars).toBe(5);
    expect(starFor('94.99', grades)?.stars).toBe(4);
    expect(starFor('85', grades)?.stars).toBe(4);
    expect(starFor('0', grades)?.stars).toBe(1);
    expect(starFor('-1', grades)).toBeNull();
    expect(starFor('100', [])).toBeNull();
  });
  it('does not depend on the order of the grades', () => {
    expect(starFor('90', [...grades].reverse())?.stars).toBe(4);
  });
});

const e = (period: string, unitId: string, staffId: string, total: string): BottomEntry => ({ period, unitId, staffId, total });

describe('bottomOfUnit', () => {
  const history = [
    [e('2026-09', 'u1', 'a', '90'), e('2026-09', 'u1', 'b', '80'), e('2026-09', 'u2', 'c', '70')],
    [e('2026-10', 'u1', 'a', '90'), e('2026-10', 'u1', 'b', '85'), e('2026-10', 'u2', 'c', '60')],
    [e('2026-11', 'u1', 'a', '75'), e('2026-11', 'u1', 'b', '75'), e('2026-11', 'u1', 'd', '99'), e('2026-11', 'u2', 'c', '50')],
  ];
  it('finds who was last of the unit N periods in a row; ties at the bottom all count', () => {
    expect(bottomOfUnit(history, 3)).toEqual([{ staffId: 'b', unitId: 'u1', periods: ['2026-09', '2026-10', '2026-11'] }]);
    expect(bottomOfUnit(history, 1).map((f) => f.staffId)).toEqual(['a', 'b']);
  });
  it('never names a unit of one person, or a unit where everyone ties', () => {
    expect(bottomOfUnit(history, 1).some((f) => f.staffId === 'c')).toBe(false);
    expect(bottomOfUnit([[e('p', 'u', 'x', '80'), e('p', 'u', 'y', '80')]], 1)).toEqual([]);
  });
  it('needs N periods of history', () => {
    expect(bottomOfUnit(history.slice(1), 3)).toEqual([]);
    expect(() => bottomOfUnit(history, 0)).toThrow(expect.objectContaining({ code: 'appraisal_template_invalid' }));
  });
  it('does not count a person who moved unit within the run', () => {
    const moved = [[e('p1', 'u1', 'x', '1'), e('p1', 'u1', 'y', '2')], [e('p2', 'u2', 'x', '1'), e('p2', 'u2', 'z', '2')]];
    expect(bottomOfUnit(moved, 2)).toEqual([]);
  });
});
