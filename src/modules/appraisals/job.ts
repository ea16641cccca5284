/**
 * The background step: at each period's end Youzhi fills every person's sheet (issue 21 item 2).
 * For each organisation and each template of its pack, the last closed period is filled once:
 * the period row's unique key (organisation, template, label) is inserted or ignored, so of
 * several nodes running the round at once only the one that inserted it fills the sheets.
 */
import type { AppContext } from '../../shared/context.js';
import { systemActor } from '../../shared/access.js';
import { periodContaining, previousPeriods } from '../../engines/appraisal/index.js';
import { listOrganisations } from '../organisations/service.js';
import { createAndFill, newPeriodRow, todayOf } from './service.js';
import * as repo from './repository.js';
import { templatesFor } from './template.js';

export async function fillClosedPeriods(ctx: AppContext): Promise<{ periods: number; sheets: number; failed: { orgId: string; template: string; error: string }[] }> {
  let periods = 0;
  let sheets = 0;
  // A template that cannot be filled (a broken organisation template) is reported, and the round goes on.
  const failed: { orgId: string; template: string; error: string }[] = [];
  for (const org of await listOrganisations(ctx)) {
    const templates = await templatesFor(ctx, org.id);
    if (templates.length === 0) continue;
    const today = await todayOf(ctx, org.id);
    for (const template of templates) {
      const [last] = previousPeriods(periodContaining(template.period, today), 1);
      if (!last || (await repo.findPeriodByLabel(ctx.db.kysely, org.id, template.code, last.label))) continue;
      try {
        const row = newPeriodRow(ctx, org.id, template, last.label, null, null);
        const filled = await ctx.db.kysely.transaction().execute((trx) => createAndFill(ctx, trx, systemActor(org.id, 'appraisal-fill'), row, null));
        if (filled !== null) {
          periods++;
          sheets += filled;
        }
      } catch (e) {
        failed.push({ orgId: org.id, template: template.code, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  return { periods, sheets, failed };
}
