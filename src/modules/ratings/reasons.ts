import type { AppContext } from '../../shared/context.js';
import { readTaxonomy } from '../taxonomies/service.js';
import { defaultRatingReasons } from './schema.js';

/** The organisation's 差评 reasons (GB/T 39734-style, editable per organisation). */
export async function ratingReasons(ctx: AppContext, orgId: string) {
  return (await readTaxonomy(ctx, orgId, 'rating_reason', defaultRatingReasons)).items;
}
