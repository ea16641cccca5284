/**
 * Quarterly inspection plans (RULES §4; issue 14 item 5): the pack's coverage rule checks a plan
 * and proposes one. The units come from the unit tree, the last round's scores from the previous
 * quarter's inspections (the newest per unit). A plan below the rule is refused with the reasons.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { bottomGroups, checkPlan, fromMilli, generatePlan, roundBands, requiredOutlets, type CoverageRule, type CoverageUnit, type PlannedUnit, type PlanShortfall } from '../../engines/scoring/index.js';
import { businessHoursOf, inspectionBandsOf, inspectionCoverageOf } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { listUnitOptions } from '../units/service.js';
import * as repo from './repository.js';

/** [start, end) of a local quarter (2026-Q4) and of the one before it, at the organisation's offset. */
export function quarterRange(quarter: string, offsetMinutes: number) {
  const [y, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const shift = offsetMinutes * 60_000;
  const at = (year: number, month0: number) => Date.UTC(year, month0, 1) - shift;
  return { from: at(y, (q - 1) * 3), to: at(y, q * 3), previousFrom: at(y, (q - 2) * 3), yearFrom: at(y, 0) };
}

async function coverageOf(ctx: AppContext, actor: Actor, db: Executor) {
  const pack = await policyForOrganisation(ctx, actor.orgId, db);
  const rule = inspectionCoverageOf(pack);
  if (!rule) throw new AppError('no_coverage_rule');
  return { rule, offset: businessHoursOf(pack).utcOffsetMinutes };
}

/** The units with their last-round result and whether they were inspected this year: one query (bench/inspections.ts). */
async function coverageUnits(ctx: AppContext, actor: Actor, quarter: string, offset: number, db: Executor) {
  const units = await repo.findPlanFacts(db, ctx.db.dialect, actor.orgId, quarterRange(quarter, offset));
  const coverage: CoverageUnit[] = units.map((u) => ({ id: u.id, kind: u.kind, inspectedThisYear: u.seen, ...(u.last ? { last: u.last } : {}) }));
  return { units, coverage };
}

const shortfallText: Record<PlanShortfall['code'], (s: any) => { zh: string; en: string }> = {
  branches_missing: (s) => ({ zh: `未覆盖全部一级支行：缺 ${s.unitIds.length} 个`, en: `not every 一级支行 is covered: ${s.unitIds.length} missing` }),
  rechecks_missing: (s) => ({ zh: `上期低于复查线的网点未全部复查：缺 ${s.unitIds.length} 个`, en: `${s.unitIds.length} outlet(s) below the recheck line last round are not rechecked` }),
  outlets_below_share: (s) => ({ zh: `网点覆盖不足：至少 ${s.required} 个，计划 ${s.planned} 个`, en: `too few outlets: at least ${s.required}, planned ${s.planned}` }),
  video_checks_below: (s) => ({ zh: `视频监控检查不足：至少 ${s.required} 次，计划 ${s.planned} 次`, en: `too few video checks: at least ${s.required}, planned ${s.planned}` }),
};

function requirements(rule: CoverageRule, coverage: CoverageUnit[]) {
  const outlets = coverage.filter((u) => u.kind === rule.outletKind).length;
  return { branches: coverage.filter((u) => u.kind === rule.branchKind).length, outlets, outletsRequired: requiredOutlets(outlets, rule.outletPercent), videoChecks: rule.videoChecks, rule };
}

/** 生成季度检查计划: a plan that meets the pack's coverage with the fewest outlets. */
export async function generateQuarterPlan(ctx: AppContext, actor: Actor, quarter: string) {
  requireRole(actor, orgManagers);
  const db = ctx.db.kysely;
  const { rule, offset } = await coverageOf(ctx, actor, db);
  const { units, coverage } = await coverageUnits(ctx, actor, quarter, offset, db);
  const byId = new Map(units.map((u) => [u.id, u]));
  const lastOf = new Map(coverage.map((c) => [c.id, c.last]));
  return {
    quarter,
    required: requirements(rule, coverage),
    units: generatePlan(rule, coverage).map((p) => {
      const u = byId.get(p.unitId)!;
      const last = lastOf.get(p.unitId);
      return { ...p, code: u.code, name: u.name, kind: u.kind, lastScore: last ? fromMilli(last.scoreMilli) : null, lastMaxScore: last ? fromMilli(last.maxMilli) : null };
    }),
  };
}

/**
 * Stores a quarter's plan, or refuses it (409 plan_insufficient) with what it lacks. A sector whose
 * pack sets no coverage rule (hospital, hall) may still store a plan to assign its entries: there
 * is nothing to fall short of.
 */
export async function createQuarterPlan(ctx: AppContext, actor: Actor, input: { quarter: string; units: PlannedUnit[] }) {
  requireRole(actor, orgManagers);
  const db = ctx.db.kysely;
  const pack = await policyForOrganisation(ctx, actor.orgId, db);
  const rule = inspectionCoverageOf(pack);
  const { coverage } = await coverageUnits(ctx, actor, input.quarter, businessHoursOf(pack).utcOffsetMinutes, db);
  const known = new Set(coverage.map((c) => c.id));
  const unknown = input.units.flatMap((u, i) => (known.has(u.unitId) ? [] : [fieldIssue(`body.units.${i}.unitId`, { zh: '单位不存在', en: 'No such unit' })]));
  if (unknown.length) throw invalidFields(...unknown);
  const shortfalls = rule ? checkPlan(rule, coverage, input.units) : [];
  if (shortfalls.length) throw new AppError('plan_insufficient', { details: shortfalls.map((s) => ({ ...s, messages: shortfallText[s.code](s) })) });
  const now = ctx.clock.now();
  const row = { id: newId(now), org_id: actor.orgId, quarter: input.quarter, units: JSON.stringify(input.units), created_by: actor.userId || null, created_at: now, version: 1 };
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertPlan(trx, row);
      await appendAudit(ctx, trx, actor, { action: 'create', entity: 'inspection_plan', entityId: row.id, after: { quarter: row.quarter, units: input.units.length } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('duplicate', { details: { quarter: input.quarter } });
    throw e;
  }
  return presentPlan(row);
}

function presentPlan(row: { id: string; quarter: string; units: string; created_at: number; version: number }) {
  return { id: row.id, quarter: row.quarter, units: parseJson<PlannedUnit[]>(row.units, []), createdAt: new Date(Number(row.created_at)).toISOString(), version: row.version };
}

export async function getQuarterPlan(ctx: AppContext, actor: Actor, quarter: string) {
  requireRole(actor, orgManagers);
  const row = await repo.findPlan(ctx.db.kysely, actor.orgId, quarter);
  if (!row) throw new AppError('not_found', { details: { entity: 'inspection_plan', quarter } });
  return presentPlan(row);
}

/**
 * 档次: a quarter's round with its bands (003:L341, L343) — each unit's newest score of the
 * quarter on the full-mark-100 scale, ranked; reward, docked, docked more. Computed from the
 * stored inspections, so the sanctions that turn bands into money read the same facts.
 */
export async function quarterBands(ctx: AppContext, actor: Actor, quarter: string) {
  requireRole(actor, orgManagers);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const rule = inspectionBandsOf(pack);
  if (!rule) throw new AppError('no_band_rule');
  const range = quarterRange(quarter, businessHoursOf(pack).utcOffsetMinutes);
  const newest = new Map((await repo.findNewestPerUnit(ctx.db.kysely, actor.orgId, range.from, range.to)).map((r) => [r.unit_id, { scoreMilli: Number(r.score_milli), maxMilli: Number(r.max_milli) }]));
  const units = new Map((await listUnitOptions(ctx, actor)).items.map((u) => [u.id, u]));
  // On the 100-point scale, floored to the thousandth: 9.3 of 10 → 93.
  const results = [...newest].filter(([, s]) => s.maxMilli > 0).map(([unitId, s]) => ({ unitId, scoreMilli: Math.floor((s.scoreMilli * 100_000) / s.maxMilli) }));
  return {
    quarter,
    rule,
    bottomBranches: bottomBranchesOf(inspectionCoverageOf(pack), units, results),
    items: roundBands(rule, results).map((b) => ({ unitId: b.unitId, code: units.get(b.unitId)?.code ?? null, name: units.get(b.unitId)?.name ?? null, score: fromMilli(b.scoreMilli), rank: b.rank, band: b.band })),
  };
}

type UnitOption = Awaited<ReturnType<typeof listUnitOptions>>['items'][number];

/** 排名后三名一级支行 (003:L298): the branches whose outlets averaged lowest this round. */
function bottomBranchesOf(coverage: CoverageRule & { bottomBranches: number } | undefined, units: Map<string, UnitOption>, results: { unitId: string; scoreMilli: number }[]) {
  if (!coverage) return [];
  const branchOf = (id: string): string | undefined => {
    for (let u = units.get(id); u; u = u.parentId ? units.get(u.parentId) : undefined) if (u.kind === coverage.branchKind) return u.id;
    return undefined;
  };
  const grouped = results.flatMap((r) => {
    const groupId = units.get(r.unitId)?.kind === coverage.outletKind ? branchOf(r.unitId) : undefined;
    return groupId ? [{ groupId, scoreMilli: r.scoreMilli }] : [];
  });
  return bottomGroups(grouped, coverage.bottomBranches).map((g) => ({ unitId: g.groupId, code: units.get(g.groupId)?.code ?? null, name: units.get(g.groupId)?.name ?? null, average: fromMilli(g.averageMilli), outlets: g.units }));
}
