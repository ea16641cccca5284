/** Nomination quotas of a round: the scope a nominee counts against, its limit and what is used. */
import type { AppContext, Executor } from '../../shared/context.js';
import { quotaLimit, quotaScopeOf, type Nominee, type QuotaRule } from '../../engines/selection/index.js';
import type { AwardTypeInForce } from '../../policy/index.js';
import { countActiveStaff } from '../staff/service.js';
import { requireUnitInOrg } from '../units/service.js';
import { quotaText } from './present.js';
import * as repo from './repository.js';

/** Unit kinds that are a 科室 for quotas: a window counts under its department; a ward is its own (001:L423 以病区或科室为单位). */
const quotaUnitKinds = new Set(['department', 'ward', 'office']);

/**
 * The department a nominee's quota is counted in: the nearest unit at or above theirs of a
 * department, ward or office kind (a window clerk counts in the window's department), or their
 * own unit when there is none.
 */
export async function quotaUnitOf(ctx: AppContext, db: Executor, orgId: string, unit: { id: string; path: string; kind?: string }): Promise<{ id: string; path: string }> {
  const chain = unit.path.split('/').filter(Boolean).reverse();
  for (const id of chain) {
    const u = id === unit.id && unit.kind ? { id: unit.id, path: unit.path, kind: unit.kind } : await requireUnitInOrg(ctx, orgId, id, db);
    if (quotaUnitKinds.has(u.kind)) return { id: u.id, path: u.path };
  }
  return { id: unit.id, path: unit.path };
}

async function pathOf(ctx: AppContext, db: Executor, orgId: string, unitId: string): Promise<string> {
  return (await requireUnitInOrg(ctx, orgId, unitId, db)).path;
}

/** The headcount a fraction is taken of: the department (its subtree), the categories, or the organisation. */
async function headcountOf(ctx: AppContext, db: Executor, orgId: string, rule: QuotaRule, key: string): Promise<number> {
  if (rule.limit.kind !== 'fraction') return 0;
  switch (rule.per) {
    case 'unit':
      return countActiveStaff(ctx, { orgId, unitPath: await pathOf(ctx, db, orgId, key) }, db);
    case 'unit_category': {
      const [unitId, category] = key.split('|');
      return countActiveStaff(ctx, { orgId, unitPath: await pathOf(ctx, db, orgId, unitId), categories: [category] }, db);
    }
    case 'category':
      return countActiveStaff(ctx, { orgId, categories: [key] }, db);
    default:
      return countActiveStaff(ctx, { orgId, ...(rule.categories ? { categories: rule.categories } : {}) }, db);
  }
}

export interface QuotaState {
  key: string;
  rule: number;
  scope: string;
  per: QuotaRule['per'];
  limit: number | null;
  used: number;
  text: { zh: string; en: string };
}

export async function limitOf(ctx: AppContext, db: Executor, orgId: string, type: AwardTypeInForce, rule: number, scope: string): Promise<number | null> {
  const r = type.quotas[rule];
  return quotaLimit(r.limit, { key: scope, headcount: await headcountOf(ctx, db, orgId, r, scope) });
}

/** The quota key of a nominee (`<rule>:<scope>`), or null when no rule takes them (no quota at all). */
export function quotaKeyOf(type: AwardTypeInForce, nominee: Nominee): { key: string; rule: number; scope: string } | null {
  const s = quotaScopeOf(type.quotas, nominee);
  return s ? { key: `${s.rule}:${s.key}`, rule: s.rule, scope: s.key } : null;
}

/** The quotas in use in a round, and those of the caller's own unit (a department head's view). */
export async function quotaStates(ctx: AppContext, db: Executor, o: { orgId: string; roundId: string; type: AwardTypeInForce; ownUnitId: string | null }): Promise<QuotaState[]> {
  const used = new Map((await repo.countNominationsByQuota(db, o.roundId)).map((r) => [r.quota_key, r.n]));
  const keys = new Set(used.keys());
  o.type.quotas.forEach((q, i) => {
    if (q.per === 'round' && !q.categories) keys.add(`${i}:all`);
    if (q.per === 'unit' && o.ownUnitId) keys.add(`${i}:${o.ownUnitId}`);
  });
  const out: QuotaState[] = [];
  for (const key of [...keys].sort()) {
    const cut = key.indexOf(':');
    const rule = Number(key.slice(0, cut));
    const scope = key.slice(cut + 1);
    const r = o.type.quotas[rule];
    if (!r) continue;
    out.push({ key, rule, scope, per: r.per, limit: await limitOf(ctx, db, o.orgId, o.type, rule, scope), used: used.get(key) ?? 0, text: quotaText(r) });
  }
  return out;
}
