/**
 * Competition standings as facts for the ABC bands (003:L341–343: top 5 and 90 or more → reward;
 * below 85 → pay docked; below 80 → docked more). A published competition proposes, for each unit
 * in it, the rules the pack maps the fact `competition` to, with the unit's rank and total; the
 * rule decides the band (a unit in no band proposes nothing). Once per (competition and unit, rule,
 * target): the source is `competition`, its id `<competition>:<unit>`.
 */
import { formatMilli } from '../../engines/scoring/index.js';
import { proposalsFor, type PolicyPack, type ProposalMapping } from '../../policy/index.js';
import type { CompetitionStanding } from '../competitions/index.js';
import { findRule } from './engine.js';

export interface StandingProposal {
  sourceId: string;
  unitId: string;
  mapping: ProposalMapping;
  /** The fact as people read it. */
  fact: Record<string, unknown>;
  /** What the rule reads: rank (1 = best) and score. */
  facts: Record<string, unknown>;
}

/**
 * The total as the band rules read it, exact: the fraction floored to thousandths (a line such
 * as 90 or 85 is met exactly when the floored score meets it), and never below 0 — every band
 * line is positive, so a negative total stays below them all.
 */
export function bandScoreOf(exactTotal: string): string {
  const [n, d = '1'] = exactTotal.split('/');
  const num = BigInt(n) * 1000n;
  const den = BigInt(d);
  let milli = num / den;
  if (num % den !== 0n && num < 0n !== den < 0n) milli -= 1n;
  return formatMilli(Math.max(0, Number(milli)));
}

/** The proposals of one published competition. A unit not eligible for honours gets no reward (001:L939). */
export function proposalsOfStanding(pack: PolicyPack, c: CompetitionStanding): StandingProposal[] {
  const mappings = proposalsFor(pack, 'competition');
  const out: StandingProposal[] = [];
  for (const u of c.units) {
    for (const m of mappings) {
      if (!u.eligible && findRule(pack, m.rule)?.direction === 'reward') continue;
      out.push({
        sourceId: `${c.competitionId}:${u.unitId}`,
        unitId: u.unitId,
        mapping: m,
        fact: { kind: 'competition', competitionId: c.competitionId, title: c.title, period: c.period, rank: u.rank, total: u.total, eligible: u.eligible },
        facts: { ...m.facts, rank: u.rank, score: bandScoreOf(u.exactTotal) },
      });
    }
  }
  return out;
}
