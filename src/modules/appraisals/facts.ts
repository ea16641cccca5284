// PLACEHOLDER owned by appraisal-facts: replaced at merge by wt-appraisal-facts' facts.ts.
// Returns empty facts for every staff member asked for, so the appraisal module compiles and runs.
import type { Executor } from '../../shared/context.js';
import { emptyFacts, type StaffFacts } from '../../engines/appraisal/index.js';

export async function readAppraisalFacts(_db: Executor, opts: { orgId: string; from: string; to: string; staffIds?: string[]; satisfiedLevel?: number }): Promise<Map<string, StaffFacts>> {
  return new Map((opts.staffIds ?? []).map((id) => [id, emptyFacts(id, null)]));
}
