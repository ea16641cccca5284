/**
 * 档次 as facts (RULES §4; 003:L341, L343; issue 14 item 6). While a round (a quarter) is open its
 * bands are computed on the fly (plans.ts `quarterBands`); the quality office closes it once it has
 * ended, and each unit's result is stored: score on the 100-point scale (exact thousandths), rank,
 * band codes, the pack version and citation. Closing again answers the stored facts (nothing is
 * stored twice); inspections entered after the close never change them. Closing a year closes its
 * quarters first, then stores each unit's annual average with 优秀网点.
 *
 * Ranks are competition ranks (1, 2, 2, 4): units with the same score share a rank, so two units
 * tied at 5th are both in the top 5 (both rewarded when ≥ 90) and the next unit is 7th.
 */
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { managers, orgManagers, requireRole, requireSameOrg, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { annualBands, fromMilli, roundBands, type BandRule, type RoundBand } from '../../engines/scoring/index.js';
import { businessHoursOf, inspectionBandsOf, type PolicyPack } from '../../policy/index.js';
import type { InspectionBandFactsTable, InspectionRoundsTable } from '../../db/types.js';
import { appendAudit } from '../audit/service.js';
import { readPolicyOverrides } from '../organisations/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { quarterBands, quarterRange } from './plans.js';
import * as repo from './repository.js';
import * as results from './results-repository.js';

/** Band codes of the stored facts. In a round at most one of reward / docked / docked_more (docked_more replaces docked); in a year excellent_outlet. */
export type BandCode = 'reward' | 'docked' | 'docked_more' | 'excellent_outlet';
export const bandCodes: readonly BandCode[] = ['reward', 'docked', 'docked_more', 'excellent_outlet'];

/** One unit's result of a closed quarter or year: what the sanctions module turns into money. */
export interface BandFact {
  /** Stable: the same stored fact always has this id (a sanction can cite it). */
  id: string;
  orgId: string;
  unitId: string;
  unitCode: string | null;
  unitName: string | null;
  periodKind: 'quarter' | 'year';
  /** '2026-Q3' or '2026'. */
  period: string;
  /** First and last local date of the period. */
  periodFrom: string;
  periodTo: string;
  /** On the 100-point scale, exact to the thousandth (89.9 stays 89.9). */
  score: number;
  rank: number;
  /** How many units were ranked. */
  ranked: number;
  bands: BandCode[];
  /** The round's inspection the score comes from (a quarter); null for a year's average. */
  inspectionId: string | null;
  /** Rounds averaged (1 for a quarter). */
  rounds: number;
  /** The organisation's policy version in force at the close (GET /api/v1/policy `version`). */
  packVersion: number;
  /** Where the band rule comes from (003:L341, L343), or `decision` when the organisation set it. */
  citation: string;
  closedAt: string;
}

const closedNote = {
  zh: '本期已结算：结果按结算时的检查得分保存，之后补录的检查不改变本期结果。',
  en: 'This period is closed: its results were stored from the scores at closing; inspections entered later do not change them.',
};

/** On the 100-point scale, floored to the thousandth: 9.3 of 10 → 93 (plans.ts `quarterBands` scales alike). */
export function hundredScale(scoreMilli: number, maxMilli: number): number {
  return Math.floor((scoreMilli * 100_000) / maxMilli);
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, month0: number) => new Date(Date.UTC(y, month0 + 1, 0)).getUTCDate();

/** Local dates and instants of a quarter ('2026-Q3') or a year ('2026'). */
function periodOf(period: string, offset: number) {
  const y = Number(period.slice(0, 4));
  if (period.length === 4) {
    const shift = offset * 60_000;
    return { kind: 'year' as const, from: `${y}-01-01`, to: `${y}-12-31`, start: Date.UTC(y, 0, 1) - shift, end: Date.UTC(y + 1, 0, 1) - shift };
  }
  const q = Number(period.slice(6));
  const r = quarterRange(period, offset);
  return { kind: 'quarter' as const, from: `${y}-${pad(q * 3 - 2)}-01`, to: `${y}-${pad(q * 3)}-${lastDay(y, q * 3 - 1)}`, start: r.from, end: r.to };
}

const quartersOf = (year: string) => [1, 2, 3, 4].map((q) => `${year}-Q${q}`);

function citationOf(pack: PolicyPack): string {
  return pack.inspections.bands?.source ?? 'decision';
}

function requireBandRule(pack: PolicyPack): BandRule {
  const rule = inspectionBandsOf(pack);
  if (!rule) throw new AppError('no_band_rule');
  return rule;
}

type FactRow = Awaited<ReturnType<typeof results.findBandFacts>>[number];

function presentFact(r: FactRow): BandFact {
  return {
    id: r.id,
    orgId: r.org_id,
    unitId: r.unit_id,
    unitCode: r.unit_code ?? null,
    unitName: r.unit_name ?? null,
    periodKind: r.period_kind,
    period: r.period,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    score: fromMilli(Number(r.score_milli)),
    rank: Number(r.rank),
    ranked: Number(r.ranked),
    bands: parseJson<BandCode[]>(r.bands, []),
    inspectionId: r.inspection_id,
    rounds: Number(r.rounds),
    packVersion: Number(r.pack_version),
    citation: r.citation,
    closedAt: new Date(Number(r.closed_at)).toISOString(),
  };
}

function presentRound(round: InspectionRoundsTable) {
  return { closedAt: new Date(Number(round.closed_at)).toISOString(), closedBy: round.closed_by_label, packVersion: Number(round.pack_version), citation: round.citation, note: closedNote };
}

/** Each unit's newest inspection of a live round, on the 100-point scale. */
async function liveRound(ctx: AppContext, orgId: string, range: { start: number; end: number }) {
  const newest = await repo.findNewestPerUnit(ctx.db.kysely, orgId, range.start, range.end);
  return newest.filter((r) => r.max_milli > 0).map((r) => ({ unitId: r.unit_id, unitPath: r.unit_path, inspectionId: r.id, scoreMilli: hundredScale(r.score_milli, r.max_milli) }));
}

const roundCodes = (band: RoundBand): BandCode[] => (band ? [band] : []);

interface Closing {
  actor: Actor;
  pack: PolicyPack;
  rule: BandRule;
  offset: number;
  packVersion: number;
}

/** Stores a round and its facts with the audit entry; false when another close got there first. */
async function storeRound(ctx: AppContext, c: Closing, period: string, facts: Omit<InspectionBandFactsTable, 'id' | 'org_id' | 'period' | 'period_kind' | 'period_from' | 'period_to' | 'pack_version' | 'citation' | 'closed_at'>[], summary: Record<string, unknown>) {
  const p = periodOf(period, c.offset);
  const now = ctx.clock.now();
  const citation = citationOf(c.pack);
  const round: InspectionRoundsTable = {
    org_id: c.actor.orgId,
    period,
    period_kind: p.kind,
    pack_version: c.packVersion,
    rule: JSON.stringify({ ...c.rule, ...summary }),
    citation,
    units: facts.length,
    closed_by: c.actor.userId || null,
    closed_by_label: c.actor.username,
    closed_at: now,
  };
  const rows: InspectionBandFactsTable[] = facts.map((f) => ({ ...f, id: newId(now), org_id: c.actor.orgId, period, period_kind: p.kind, period_from: p.from, period_to: p.to, pack_version: c.packVersion, citation, closed_at: now }));
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await results.insertRound(trx, round, rows))) return false;
    const counted = (code: BandCode) => rows.filter((r) => parseJson<BandCode[]>(r.bands, []).includes(code)).length;
    await appendAudit(ctx, trx, c.actor, {
      action: 'close',
      entity: 'inspection_round',
      entityId: period,
      after: { period, units: rows.length, packVersion: c.packVersion, citation, ...Object.fromEntries(bandCodes.map((b) => [b, counted(b)])) },
    });
    return true;
  });
}

function requireEnded(ctx: AppContext, period: string, end: number) {
  if (ctx.clock.now() < end) throw new AppError('round_not_ended', { details: { period, endsAt: new Date(end).toISOString() } });
}

/** Closes one quarter unless it is closed; true when this call closed it. */
async function closeQuarter(ctx: AppContext, c: Closing, quarter: string): Promise<boolean> {
  if (await results.findRound(ctx.db.kysely, c.actor.orgId, quarter)) return false;
  const p = periodOf(quarter, c.offset);
  requireEnded(ctx, quarter, p.end);
  const live = await liveRound(ctx, c.actor.orgId, p);
  const byUnit = new Map(live.map((r) => [r.unitId, r]));
  const ranked = roundBands(c.rule, live);
  // The bottom 一级支行 (003:L298) as they stood at the close, kept with the round.
  const bottomBranches = (await quarterBands(ctx, c.actor, quarter)).bottomBranches;
  const facts = ranked.map((r) => ({ unit_id: r.unitId, unit_path: byUnit.get(r.unitId)!.unitPath, score_milli: r.scoreMilli, rank: r.rank, ranked: ranked.length, bands: JSON.stringify(roundCodes(r.band)), inspection_id: byUnit.get(r.unitId)!.inspectionId, rounds: 1 }));
  return storeRound(ctx, c, quarter, facts, { bottomBranches });
}

/** A year's averages of its quarterly round scores: closed quarters from their facts, open ones live. */
async function annualAverages(ctx: AppContext, orgId: string, year: string, offset: number) {
  const sums = new Map<string, { total: number; rounds: number; unitPath: string }>();
  const quarters: { quarter: string; closed: boolean }[] = [];
  for (const quarter of quartersOf(year)) {
    const p = periodOf(quarter, offset);
    if (p.start > ctx.clock.now()) continue;
    const closed = !!(await results.findRound(ctx.db.kysely, orgId, quarter));
    quarters.push({ quarter, closed });
    const scores = closed
      ? (await results.findBandFacts(ctx.db.kysely, { orgId, period: quarter })).map((f) => ({ unitId: f.unit_id, unitPath: f.unit_path, scoreMilli: Number(f.score_milli) }))
      : await liveRound(ctx, orgId, p);
    for (const s of scores) {
      const x = sums.get(s.unitId) ?? { total: 0, rounds: 0, unitPath: s.unitPath };
      x.total += s.scoreMilli;
      x.rounds++;
      sums.set(s.unitId, x);
    }
  }
  // Floored to the thousandth, as every average of scores here.
  const averages = [...sums].map(([unitId, s]) => ({ unitId, unitPath: s.unitPath, scoreMilli: Math.floor(s.total / s.rounds), rounds: s.rounds }));
  return { quarters, averages };
}

async function closingOf(ctx: AppContext, actor: Actor): Promise<Closing> {
  requireRole(actor, orgManagers);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const rule = requireBandRule(pack);
  return { actor, pack, rule, offset: businessHoursOf(pack).utcOffsetMinutes, packVersion: (await readPolicyOverrides(ctx, actor.orgId)).version };
}

/**
 * 结算: closes a quarter (`2026-Q3`) or a year (`2026`, its quarters first) that has ended, and
 * stores its band facts. `closed: true` — this call closed it; false — it was closed before, and
 * the stored facts are answered unchanged.
 */
export async function closeBandPeriod(ctx: AppContext, actor: Actor, input: { quarter?: string; year?: string }) {
  if (!!input.quarter === !!input.year) throw invalidFields(fieldIssue('querystring.quarter', { zh: '请指定季度（如 2026-Q3）或年度（如 2026）之一', en: 'give a quarter (2026-Q3) or a year (2026), one of them' }));
  const c = await closingOf(ctx, actor);
  if (input.quarter) {
    const closed = await closeQuarter(ctx, c, input.quarter);
    return { closed, ...(await storedPeriod(ctx, actor, input.quarter)) };
  }
  const year = input.year!;
  if (await results.findRound(ctx.db.kysely, actor.orgId, year)) return { closed: false, ...(await storedPeriod(ctx, actor, year)) };
  requireEnded(ctx, year, periodOf(year, c.offset).end);
  for (const quarter of quartersOf(year)) await closeQuarter(ctx, c, quarter);
  const { averages, quarters } = await annualAverages(ctx, actor.orgId, year, c.offset);
  const byUnit = new Map(averages.map((a) => [a.unitId, a]));
  const ranked = annualBands(c.rule, averages);
  const facts = ranked.map((r) => ({ unit_id: r.unitId, unit_path: byUnit.get(r.unitId)!.unitPath, score_milli: r.scoreMilli, rank: r.rank, ranked: ranked.length, bands: JSON.stringify(r.band ? ['excellent_outlet'] : []), inspection_id: null, rounds: byUnit.get(r.unitId)!.rounds }));
  const closed = await storeRound(ctx, c, year, facts, { quarters: quarters.map((q) => q.quarter) });
  return { closed, ...(await storedPeriod(ctx, actor, year)) };
}

/** A closed period as stored: the round and its facts in the caller's scope. */
async function storedPeriod(ctx: AppContext, actor: Actor, period: string) {
  const round = (await results.findRound(ctx.db.kysely, actor.orgId, period))!;
  const facts = await results.findBandFacts(ctx.db.kysely, { orgId: actor.orgId, period, scopePath: actor.scopePath });
  return { period, kind: round.period_kind, rule: parseJson<BandRule & { bottomBranches?: unknown }>(round.rule, {} as BandRule), round: presentRound(round), items: facts.map(presentFact) };
}

/**
 * A quarter's bands: the stored facts once closed (with `closed`), else computed on the fly from
 * the newest inspection of each unit (`closed: null`).
 */
export async function quarterBandsView(ctx: AppContext, actor: Actor, quarter: string) {
  requireRole(actor, orgManagers);
  const round = await results.findRound(ctx.db.kysely, actor.orgId, quarter);
  if (!round) return { ...(await quarterBands(ctx, actor, quarter)), closed: null };
  const stored = await storedPeriod(ctx, actor, quarter);
  const { bottomBranches, ...rule } = stored.rule;
  return {
    quarter,
    rule,
    bottomBranches: bottomBranches ?? [],
    closed: stored.round,
    items: stored.items.map((f) => ({ id: f.id, unitId: f.unitId, code: f.unitCode, name: f.unitName, score: f.score, rank: f.rank, band: f.bands[0] ?? null, bands: f.bands })),
  };
}

/** 年度档次: each unit's average of the year's round scores, ranked, with 优秀网点 (annual ≥ 90 and top 3). */
export async function annualBandsView(ctx: AppContext, actor: Actor, year: string) {
  requireRole(actor, orgManagers);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const rule = requireBandRule(pack);
  if (await results.findRound(ctx.db.kysely, actor.orgId, year)) {
    const stored = await storedPeriod(ctx, actor, year);
    const { quarters, ...storedRule } = stored.rule as BandRule & { quarters?: string[] };
    return { year, rule: storedRule, quarters: (quarters ?? []).map((quarter) => ({ quarter, closed: true })), closed: stored.round, items: stored.items.map((f) => ({ id: f.id, unitId: f.unitId, code: f.unitCode, name: f.unitName, score: f.score, rank: f.rank, rounds: f.rounds, excellent: f.bands.includes('excellent_outlet') })) };
  }
  const { averages, quarters } = await annualAverages(ctx, actor.orgId, year, businessHoursOf(pack).utcOffsetMinutes);
  const rounds = new Map(averages.map((a) => [a.unitId, a.rounds]));
  const names = new Map((await results.findUnitNames(ctx.db.kysely, actor.orgId)).map((u) => [u.id, u]));
  return {
    year,
    rule,
    quarters,
    closed: null,
    items: annualBands(rule, averages).map((r) => ({ id: null, unitId: r.unitId, code: names.get(r.unitId)?.code ?? null, name: names.get(r.unitId)?.name ?? null, score: fromMilli(r.scoreMilli), rank: r.rank, rounds: rounds.get(r.unitId)!, excellent: r.band === 'excellent' })),
  };
}

export interface ListBandFactsOptions {
  orgId: string;
  /** Facts of the periods that lie within [periodFrom, periodTo] (local dates `YYYY-MM-DD`; a month `YYYY-MM` means its first day, resp. last day). */
  periodFrom?: string;
  periodTo?: string;
  /** Only facts carrying any of these band codes (an empty list: none). */
  bands?: readonly BandCode[];
}

/**
 * The stored band facts of closed quarters and years, oldest period first, then by rank — for the
 * sanctions module, which turns reward / docked / docked_more / excellent_outlet into money.
 * `actor` null: a trusted in-process caller (a sweep), organisation-wide. With an actor: managers
 * only, within their unit scope, in their own organisation. Each fact's `id` is stable.
 */
export async function listBandFacts(ctx: AppContext, actor: Actor | null, options: ListBandFactsOptions): Promise<BandFact[]> {
  if (actor) {
    requireRole(actor, managers);
    requireSameOrg(actor, options.orgId);
  }
  const monthEnd = (m: string) => `${m}-${pad(lastDay(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1))}`;
  const from = options.periodFrom && options.periodFrom.length === 7 ? `${options.periodFrom}-01` : options.periodFrom;
  const to = options.periodTo && options.periodTo.length === 7 ? monthEnd(options.periodTo) : options.periodTo;
  const rows = await results.findBandFacts(ctx.db.kysely, { orgId: options.orgId, from, to, scopePath: actor?.scopePath ?? null });
  const facts = rows.map(presentFact);
  const wanted = options.bands ? new Set(options.bands) : null;
  return wanted ? facts.filter((f) => f.bands.some((b) => wanted.has(b))) : facts;
}
