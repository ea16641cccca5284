import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { describeSource, explainPolicy, presetFor, resolvePolicy, validatePolicyOverrides, type PolicyPack, type Sector } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { readPolicyOverrides, writePolicyOverrides } from '../organisations/service.js';

/**
 * Resolved packs, per database and organisation. A pack is re-read when this process changed it,
 * or after a few seconds — how long another app node may take to see an edit.
 */
const cacheTtlMs = 5_000;
const caches = new WeakMap<object, Map<string, { version: number; pack: PolicyPack; checkedAt: number }>>();
const cacheOf = (ctx: AppContext) => caches.get(ctx.db) ?? caches.set(ctx.db, new Map()).get(ctx.db)!;

/**
 * The pack in force for an organisation: its sector preset with its validated overrides.
 * Inside a transaction pass it as `db`: SQLite has one connection, and a query outside the transaction would wait for it.
 */
export async function policyForOrganisation(ctx: AppContext, orgId: string, db: Executor = ctx.db.kysely): Promise<PolicyPack> {
  const cache = cacheOf(ctx);
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.checkedAt < cacheTtlMs) return hit.pack;
  const stored = await readPolicyOverrides(ctx, orgId, db);
  if (hit && hit.version === stored.version) {
    hit.checkedAt = Date.now();
    return hit.pack;
  }
  const pack = resolvePolicy(stored.sector, stored.overrides as never);
  cache.set(orgId, { version: stored.version, pack, checkedAt: Date.now() });
  return pack;
}

/** Every value with its source in words (the document's title and part), the raw citation kept for the office. */
const explained = (pack: PolicyPack) => explainPolicy(pack).map((v) => ({ ...v, references: describeSource(v.source) }));

export async function getEffectivePolicy(ctx: AppContext, actor: Actor) {
  const stored = await readPolicyOverrides(ctx, actor.orgId);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  return { sector: stored.sector, version: stored.version, pack, values: explained(pack), overrides: stored.overrides };
}

export async function getPolicyPreset(_ctx: AppContext, _actor: Actor, sector: Sector) {
  const pack = presetFor(sector);
  return { sector, pack, values: explained(pack) };
}

/**
 * Replaces the organisation's overrides. Each overridden value must carry a source or a
 * decision note; the merged pack must still validate, or nothing is saved.
 */
export async function updatePolicyOverrides(ctx: AppContext, actor: Actor, input: { version: number; overrides: unknown }) {
  requireRole(actor, orgManagers);
  const stored = await readPolicyOverrides(ctx, actor.orgId);
  requireVersion(stored.version, input.version);
  const result = validatePolicyOverrides(stored.sector, input.overrides);
  if (!result.ok) throw new AppError('policy_invalid', { details: { issues: result.issues } });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await writePolicyOverrides(ctx, trx, actor.orgId, input.version, input.overrides);
    cacheOf(ctx).delete(actor.orgId);
    await appendAudit(ctx, trx, actor, { action: 'update', entity: 'policy_overrides', entityId: actor.orgId, before: stored.overrides, after: input.overrides });
  });
  cacheOf(ctx).delete(actor.orgId);
  return getEffectivePolicy(ctx, actor);
}
