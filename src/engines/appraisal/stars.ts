/** Star grades (挂星上岗, 000:L115) and the bottom of the unit (末位, 003:L94). */
import { cmp, parse } from './decimal.js';
import { AppraisalError } from './errors.js';
import type { BottomEntry, BottomFinding, Decimal, StarGrade } from './types.js';

function exactOf(x: Decimal, field: string) {
  const v = parse(x);
  if (!v) throw new AppraisalError('appraisal_template_invalid', `"${x}" is not a decimal`, field);
  return v;
}

/** The highest grade whose threshold the total reaches (以上: inclusive), or null. */
export function starFor(total: Decimal, grades: readonly StarGrade[]): StarGrade | null {
  const t = exactOf(total, 'total');
  let best: StarGrade | null = null;
  for (const [i, g] of grades.entries()) {
    const at = exactOf(g.atLeast, `stars.${i}.atLeast`);
    if (cmp(t, at) < 0) continue;
    if (!best || cmp(at, exactOf(best.atLeast, 'stars')) > 0 || (cmp(at, exactOf(best.atLeast, 'stars')) === 0 && g.stars > best.stars)) best = g;
  }
  return best;
}

/**
 * Staff last of their unit in each of the latest `consecutive` periods of `history` (one array per
 * period, oldest first). Ties at the bottom all count; a unit of one person, or a unit where everyone
 * ties, has nobody last (nobody scored below anyone). A person must be in the same unit throughout.
 */
export function bottomOfUnit(history: readonly (readonly BottomEntry[])[], consecutive: number): BottomFinding[] {
  if (!Number.isInteger(consecutive) || consecutive < 1) throw new AppraisalError('appraisal_template_invalid', `consecutive must be a whole number ≥ 1, not ${consecutive}`, 'bottom.consecutive');
  if (history.length < consecutive) return [];
  const window = history.slice(history.length - consecutive);
  const lastSets = window.map((entries) => {
    const byUnit = new Map<string, BottomEntry[]>();
    for (const e of entries) byUnit.set(e.unitId, [...(byUnit.get(e.unitId) ?? []), e]);
    const last = new Map<string, string>(); // staffId → unitId
    for (const [unitId, list] of byUnit) {
      const staff = new Set(list.map((e) => e.staffId));
      if (staff.size < 2) continue;
      const totals = list.map((e) => exactOf(e.total, 'total'));
      const lowest = totals.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
      const allTie = totals.every((t) => cmp(t, lowest) === 0);
      if (allTie) continue;
      list.forEach((e, i) => {
        if (cmp(totals[i], lowest) === 0) last.set(e.staffId, unitId);
      });
    }
    return last;
  });
  const labels = window.map((entries) => entries[0]?.period ?? '');
  const out: BottomFinding[] = [];
  for (const [staffId, unitId] of lastSets[lastSets.length - 1]) {
    if (lastSets.every((s) => s.get(staffId) === unitId)) out.push({ staffId, unitId, periods: labels });
  }
  return out.sort((a, b) => (a.unitId + a.staffId < b.unitId + b.staffId ? -1 : 1));
}
