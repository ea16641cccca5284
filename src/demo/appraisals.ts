/**
 * The demo's personal appraisal (个人考核, issue 21): last period's sheets of every template of
 * the organisation's pack, filled from the demo's month of activity through the appraisals
 * service, then taken along the workflow so each state shows: some left for the head to score,
 * some scored, some confirmed by the person, one objected to (with the head's feedback), the rest
 * approved with their star (挂星上岗). Running it again changes nothing (the period exists).
 */
import type { AppContext } from '../shared/context.js';
import { AppError } from '../shared/errors.js';
import { systemActor, type Actor } from '../shared/access.js';
import { localDate } from '../shared/months.js';
import { periodContaining, previousPeriods, type SheetTemplate } from '../engines/appraisal/index.js';
import { createPeriod, listSheets } from '../modules/appraisals/service.js';
import { approveSheet, confirmSheet, objectSheet, putJudged } from '../modules/appraisals/workflow.js';
import { templatesFor } from '../modules/appraisals/template.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';

/** The head's scores: the top of each judged item's range; every third person the bottom (a spread to see). */
function judgedFor(template: SheetTemplate, i: number): Record<string, string> {
  const scores: Record<string, string> = {};
  for (const x of template.items) if (x.kind === 'judged') scores[x.code] = i % 3 === 2 ? x.range.min : x.range.max;
  return scores;
}

/** Where the i-th sheet of a period is left: each state early on (one objected), then mostly approved. */
function targetState(i: number): 'filled' | 'scored' | 'objected' | 'confirmed' | 'approved' {
  const first = ['approved', 'filled', 'objected', 'scored', 'confirmed'] as const;
  return i < first.length ? first[i] : i % 4 === 1 ? 'filled' : 'approved';
}

export async function seedDemoAppraisals(ctx: AppContext, orgCode: string, now: number, utcOffsetMinutes: number): Promise<number> {
  const org = await findOrganisationByCode(ctx, orgCode);
  if (!org) return 0;
  const office = systemActor(org.id, 'demo-seed');
  // The head and the person as the demo acts for them (scope: the whole organisation).
  const head: Actor = { ...office, role: 'unit_head' };
  const person = (staffId: string): Actor => ({ ...office, role: 'staff', staffId });
  let filled = 0;
  for (const template of await templatesFor(ctx, org.id)) {
    const [last] = previousPeriods(periodContaining(template.period, localDate(now, utcOffsetMinutes)), 1);
    let periodId: string;
    try {
      periodId = (await createPeriod(ctx, office, { template: template.code, period: last.label })).id;
    } catch (e) {
      if (e instanceof AppError && e.code === 'appraisal_period_exists') continue;
      throw e;
    }
    const sheets = (await listSheets(ctx, office, { page: 1, pageSize: 500, periodId })).items;
    for (const [i, s] of sheets.entries()) {
      filled++;
      const target = targetState(i);
      if (target === 'filled') continue; // left for the head to score
      let sheet = await putJudged(ctx, head, s.id, { version: s.version, items: judgedFor(template, i), ...(target === 'objected' || i % 3 === 2 ? { feedback: '本月服务规范执行到位，请继续保持主动服务。' } : {}) });
      if (!sheet.complete || target === 'scored') continue; // waiting for the person
      if (target === 'objected') {
        await objectSheet(ctx, person(s.staff.id), s.id, sheet.version, '本月投诉已在处理中说明情况，请复核查实投诉一项。');
        continue;
      }
      sheet = await confirmSheet(ctx, person(s.staff.id), s.id, sheet.version);
      if (target === 'approved') await approveSheet(ctx, office, s.id, sheet.version);
    }
  }
  return filled;
}
