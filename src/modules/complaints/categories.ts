import type { AppContext, Executor } from '../../shared/context.js';
import { historicLabels, wordingDefaults } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { readTaxonomy, type TaxonomyItem } from '../taxonomies/service.js';
import { defaultComplaintCauses } from './taxonomy.js';

export type ComplaintTaxonomyKind = 'complaint_category' | 'complaint_cause';

/** Defaults of a list until the organisation edits it: categories are the sector's (pack wording), causes shared. */
export async function complaintTaxonomyDefaults(ctx: AppContext, orgId: string, kind: ComplaintTaxonomyKind, db?: Executor): Promise<TaxonomyItem[]> {
  return kind === 'complaint_category' ? wordingDefaults(await policyForOrganisation(ctx, orgId, db), 'complaintCategories') : defaultComplaintCauses;
}

/** The organisation's 投诉类别 or 投诉原因 list (its own, else the defaults). */
export async function readComplaintTaxonomy(ctx: AppContext, orgId: string, kind: ComplaintTaxonomyKind, db?: Executor) {
  return readTaxonomy(ctx, orgId, kind, await complaintTaxonomyDefaults(ctx, orgId, kind, db), db);
}

/**
 * Words for every code a stored case may hold: the organisation's list first, then the codes of
 * any sector's list (a category from the list in force before), so a past case never shows a code.
 */
export async function complaintTaxonomyLabels(ctx: AppContext, orgId: string, kind: ComplaintTaxonomyKind, db?: Executor): Promise<Map<string, TaxonomyItem>> {
  const out = new Map((await readComplaintTaxonomy(ctx, orgId, kind, db)).items.map((i) => [i.code, i]));
  if (kind === 'complaint_category') {
    for (const [code, l] of historicLabels('complaintCategories')) if (!out.has(code)) out.set(code, { code, zh: l.zh, en: l.en, active: false });
  }
  return out;
}
