/**
 * The templates an organisation fills: the pack's (src/policy/appraisal.ts), each in the newest
 * version the organisation saved with the template editor. One home, so the periods, the job and
 * the demo see the same template; a period copies the template it was filled with.
 */
import type { AppContext } from '../../shared/context.js';
import type { SheetTemplate } from '../../engines/appraisal/index.js';
import { appraisalSettingsOf, appraisalTemplatesOf } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { resolveAppraisalTemplate } from '../appraisal-templates/index.js';

export async function templateFor(ctx: AppContext, orgId: string, code: string): Promise<SheetTemplate | null> {
  return (await resolveAppraisalTemplate(ctx, orgId, code)) ?? null;
}

export async function templatesFor(ctx: AppContext, orgId: string): Promise<SheetTemplate[]> {
  const out: SheetTemplate[] = [];
  for (const { code } of appraisalTemplatesOf(await policyForOrganisation(ctx, orgId))) {
    const t = await resolveAppraisalTemplate(ctx, orgId, code);
    if (t) out.push(t);
  }
  return out;
}

/** 末位 of a template: its own rule, else the pack's setting (003:L94). */
export async function bottomRuleFor(ctx: AppContext, orgId: string, template: SheetTemplate) {
  return template.bottom ?? appraisalSettingsOf(await policyForOrganisation(ctx, orgId)).bottom;
}
