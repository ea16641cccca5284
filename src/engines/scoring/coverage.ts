/**
 * Quarterly inspection coverage (RULES §4; 003:L297–298, L304–305; 004:L116, L214): a plan must
 * cover every 一级支行 (units of the branch kind), at least a share of the outlets rounded up,
 * every outlet that scored below the recheck line last round, and a number of video checks.
 * Pure: the caller gives the units, their last-round scores and the pack's numbers. Scores are
 * compared as a share of their full mark in whole thousandths (84.9 of 100 is below 85; 85.0 is
 * not), so a 10-point scorecard and a 100-point checklist read alike.
 */

export interface CoverageRule {
  branchKind: string;
  outletKind: string;
  /** Whole percent of the outlets, rounded up (60 → ⌈0.6 n⌉). */
  outletPercent: number;
  /** Full-mark-100 points; outlets below it last round must be rechecked. */
  recheckBelow: number;
  videoChecks: number;
}

export interface CoverageUnit {
  id: string;
  kind: string;
  /** The unit's last-round result in thousandths (score and full mark), if it was inspected. */
  last?: { scoreMilli: number; maxMilli: number };
  /** Inspected at all this year (before the planned quarter). */
  inspectedThisYear?: boolean;
}

export interface PlannedUnit {
  unitId: string;
  /** Planned as a video check (视频监控检查). */
  video?: boolean;
}

export type CoverageReason = 'branch' | 'recheck' | 'outlet_share' | 'video';

export type PlanShortfall =
  | { code: 'branches_missing'; unitIds: string[] }
  | { code: 'rechecks_missing'; unitIds: string[] }
  | { code: 'outlets_below_share'; required: number; planned: number }
  | { code: 'video_checks_below'; required: number; planned: number };

/** ⌈outlets × percent / 100⌉ in integers: 60 % of 7 outlets is 5, of 10 is 6. */
export function requiredOutlets(outlets: number, percent: number): number {
  return Math.floor((outlets * percent + 99) / 100);
}

/** Below the recheck line: score / max < line / 100, in integers (the line in whole thousandths). */
export function belowRecheckLine(last: { scoreMilli: number; maxMilli: number }, recheckBelowMilli: number): boolean {
  return last.maxMilli > 0 && last.scoreMilli * 100_000 < recheckBelowMilli * last.maxMilli;
}

const milli = (points: number) => Math.round(points * 1000);

/** What a plan lacks against the rule; an empty list means it is sufficient. */
export function checkPlan(rule: CoverageRule, units: readonly CoverageUnit[], plan: readonly PlannedUnit[]): PlanShortfall[] {
  const planned = new Set(plan.map((p) => p.unitId));
  const out: PlanShortfall[] = [];
  const branches = units.filter((u) => u.kind === rule.branchKind && !planned.has(u.id)).map((u) => u.id);
  if (branches.length) out.push({ code: 'branches_missing', unitIds: branches });
  const outlets = units.filter((u) => u.kind === rule.outletKind);
  const line = milli(rule.recheckBelow);
  const rechecks = outlets.filter((u) => u.last && belowRecheckLine(u.last, line) && !planned.has(u.id)).map((u) => u.id);
  if (rechecks.length) out.push({ code: 'rechecks_missing', unitIds: rechecks });
  const required = requiredOutlets(outlets.length, rule.outletPercent);
  const plannedOutlets = outlets.filter((u) => planned.has(u.id)).length;
  if (plannedOutlets < required) out.push({ code: 'outlets_below_share', required, planned: plannedOutlets });
  const video = plan.filter((p) => p.video).length;
  if (video < rule.videoChecks) out.push({ code: 'video_checks_below', required: rule.videoChecks, planned: video });
  return out;
}

export interface GeneratedUnit {
  unitId: string;
  reasons: CoverageReason[];
  video: boolean;
  /** Flag for the planner: not inspected at all this year (全年覆盖面 100 %, 003:L298). */
  notInspectedThisYear: boolean;
}

/**
 * A plan that meets the rule with the fewest outlets: every branch, every outlet to recheck, then
 * outlets up to the share — first those not inspected this year, then the lowest last scores —
 * and the first planned outlets (else branches) as the video checks.
 */
export function generatePlan(rule: CoverageRule, units: readonly CoverageUnit[]): GeneratedUnit[] {
  const line = milli(rule.recheckBelow);
  const out = new Map<string, GeneratedUnit>();
  const add = (u: CoverageUnit, reason: CoverageReason) => {
    const e = out.get(u.id) ?? { unitId: u.id, reasons: [], video: false, notInspectedThisYear: !u.inspectedThisYear };
    if (!e.reasons.includes(reason)) e.reasons.push(reason);
    out.set(u.id, e);
  };
  for (const u of units) if (u.kind === rule.branchKind) add(u, 'branch');
  const outlets = units.filter((u) => u.kind === rule.outletKind);
  for (const u of outlets) if (u.last && belowRecheckLine(u.last, line)) add(u, 'recheck');
  const required = requiredOutlets(outlets.length, rule.outletPercent);
  // Share of a score in millionths of the full mark, for ordering (never inspected first).
  const share = (u: CoverageUnit) => (u.last && u.last.maxMilli > 0 ? Math.floor((u.last.scoreMilli * 1_000_000) / u.last.maxMilli) : -1);
  const rest = outlets
    .filter((u) => !out.has(u.id))
    .map((u, i) => ({ u, i }))
    .sort((a, b) => Number(!!a.u.inspectedThisYear) - Number(!!b.u.inspectedThisYear) || share(a.u) - share(b.u) || a.i - b.i);
  let count = outlets.filter((u) => out.has(u.id)).length;
  for (const { u } of rest) {
    if (count >= required) break;
    add(u, 'outlet_share');
    count++;
  }
  const plan = [...out.values()];
  const byId = new Map(units.map((u) => [u.id, u]));
  const videoOrder = [...plan.filter((p) => byId.get(p.unitId)?.kind === rule.outletKind), ...plan.filter((p) => byId.get(p.unitId)?.kind !== rule.outletKind)];
  for (const p of videoOrder.slice(0, rule.videoChecks)) {
    p.video = true;
    p.reasons.push('video');
  }
  return plan;
}
