/** 挂星上岗、星薪挂钩 (000:L115): each person's star from their latest approved sheet. */
import type { Executor } from '../../shared/context.js';
import { parseJson } from '../../shared/json.js';
import type { StarGrade } from '../../engines/appraisal/index.js';
import * as repo from './repository.js';

export interface LatestStar {
  stars: number;
  label: { zh: string; en: string };
  payCoefficient: string;
  period: string;
  sheetId: string;
}

/**
 * The latest approved sheet with a star of each person (by its period's end; `notAfter` a date
 * YYYY-MM-DD to read the star in force at a month's end, as the payroll export does).
 */
export async function readLatestStars(db: Executor, opts: { orgId: string; staffIds: string[]; notAfter?: string }): Promise<Map<string, LatestStar>> {
  const out = new Map<string, LatestStar>();
  const seen = new Set<string>();
  for (const r of await repo.findLatestApproved(db, opts.orgId, opts.staffIds, opts.notAfter)) {
    if (seen.has(r.staff_id)) continue;
    seen.add(r.staff_id);
    // A vetoed or ungraded sheet is the latest sheet all the same: the person has no star then.
    const grade = parseJson<StarGrade | null>(r.star, null);
    if (grade) out.set(r.staff_id, { stars: grade.stars, label: grade.label, payCoefficient: grade.payCoefficient, period: r.label, sheetId: r.id });
  }
  return out;
}
