import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { historicLabels, wordingDefaults } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { readTaxonomy, replaceTaxonomy, type TaxonomyItem } from '../taxonomies/service.js';

type Label = { zh: string; en: string };

/** The sector's 差评 reasons from the pack in force: the list until the organisation edits its own. */
async function reasonDefaults(ctx: AppContext, orgId: string, db?: Executor): Promise<TaxonomyItem[]> {
  return wordingDefaults(await policyForOrganisation(ctx, orgId, db), 'ratingReasons');
}

/** The organisation's 差评 reasons (its own list, else its sector's). */
export async function ratingReasons(ctx: AppContext, orgId: string, db?: Executor) {
  return (await readTaxonomy(ctx, orgId, 'rating_reason', await reasonDefaults(ctx, orgId, db), db)).items;
}

/**
 * Words for every reason code a stored rating may hold: the organisation's list first, then any
 * sector list's (a reason retired or from the list in force before) — never the bare code.
 */
export async function reasonLabels(ctx: AppContext, orgId: string, db?: Executor): Promise<Map<string, Label>> {
  const out = new Map<string, Label>();
  for (const r of await ratingReasons(ctx, orgId, db)) out.set(r.code, { zh: r.zh, en: r.en });
  for (const [code, label] of historicLabels('ratingReasons')) if (!out.has(code)) out.set(code, label);
  return out;
}

/** A reason's words, the code only if no list ever had it (an organisation's own, since deleted). */
export function labelOfReason(labels: ReadonlyMap<string, Label>, code: string): Label {
  return labels.get(code) ?? { zh: code, en: code };
}

/** GET /ratings/reasons: the list to edit, and the words of codes past ratings may still hold. */
export async function getRatingReasons(ctx: AppContext, actor: Actor) {
  const list = await readTaxonomy(ctx, actor.orgId, 'rating_reason', await reasonDefaults(ctx, actor.orgId));
  const labels = await reasonLabels(ctx, actor.orgId);
  return { ...list, labels: Object.fromEntries(labels) };
}

export async function updateRatingReasons(ctx: AppContext, actor: Actor, input: { version: number; items: TaxonomyItem[] }) {
  return replaceTaxonomy(ctx, actor, 'rating_reason', input, await reasonDefaults(ctx, actor.orgId));
}
