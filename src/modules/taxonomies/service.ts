import { z } from 'zod';
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { parseJson } from '../../shared/json.js';
import { onUniqueViolation } from '../../db/dialect.js';
import { appendAudit } from '../audit/service.js';
import { freeText, says, text } from '../../shared/fields.js';
import * as repo from './repository.js';

/** An entry of an editable list (complaint categories, causes, 差评 reasons…). */
export const taxonomyItem = z.strictObject({
  code: text(40).regex(/^[a-z0-9_]+$/, 'lower-case letters, digits and _'),
  zh: text(60),
  en: text(80),
  source: freeText(60).optional(),
  active: z.boolean().default(true),
});
export type TaxonomyItem = z.infer<typeof taxonomyItem>;
export const taxonomyItems = z.array(taxonomyItem).min(1).max(200).refine((items) => new Set(items.map((i) => i.code)).size === items.length, says('编码不能重复', 'codes must be unique'));
/** The body that replaces a list: the version read (0 while the defaults are in force) and the items. */
export const replaceTaxonomyBody = z.strictObject({ version: z.number().int().min(0), items: taxonomyItems });

/** An organisation's list, or the module's defaults when it has not edited it. */
export async function readTaxonomy(ctx: AppContext, orgId: string, kind: string, defaults: readonly TaxonomyItem[], db: Executor = ctx.db.kysely) {
  const row = await repo.findTaxonomy(db, orgId, kind);
  return { kind, items: row ? parseJson<TaxonomyItem[]>(row.items, [...defaults]) : [...defaults], version: row?.version ?? 0, customised: !!row };
}

export async function replaceTaxonomy(ctx: AppContext, actor: Actor, kind: string, input: { version: number; items: TaxonomyItem[] }, defaults: readonly TaxonomyItem[]) {
  requireRole(actor, orgManagers);
  const before = await readTaxonomy(ctx, actor.orgId, kind, defaults);
  requireVersion(before.version, input.version);
  // Two first edits racing both insert the row: the loser's unique violation is a version conflict.
  await onUniqueViolation(
    () =>
      ctx.db.kysely.transaction().execute(async (trx) => {
        if (!(await repo.upsertTaxonomy(trx, actor.orgId, kind, JSON.stringify(input.items), ctx.clock.now(), input.version))) throw new AppError('version_conflict');
        await appendAudit(ctx, trx, actor, { action: 'update', entity: `taxonomy:${kind}`, entityId: actor.orgId, before: before.items, after: input.items });
      }),
    () => new AppError('version_conflict'),
  );
  return readTaxonomy(ctx, actor.orgId, kind, defaults);
}
