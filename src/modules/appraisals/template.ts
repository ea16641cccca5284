/**
 * The templates an organisation fills: the pack's (src/policy/appraisal.ts), where the
 * organisation has edited one the edited version (the template editor). One home, so the
 * periods, the job and the reopen all see the same template.
 */
import type { AppContext } from '../../shared/context.js';
import type { SheetTemplate } from '../../engines/appraisal/index.js';
import { appraisalSettingsOf, appraisalTemplatesOf, findAppraisalTemplate } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';

export async function templateFor(ctx: AppContext, orgId: string, code: string): Promise<SheetTemplate | null> {
  return findAppraisalTemplate(await policyForOrganisation(ctx, orgId), code) ?? null;
}

export async function templatesFor(ctx: AppContext, orgId: string): Promise<SheetTemplate[]> {
  return appraisalTemplatesOf(await policyForOrganisation(ctx, orgId)).map((t) => t.template);
}

export async function settingsFor(ctx: AppContext, orgId: string) {
  return appraisalSettingsOf(await policyForOrganisation(ctx, orgId));
}
