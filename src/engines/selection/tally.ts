/**
 * Votes and results (RULES §6): one ballot per eligible voter per round, at most N choices, no
 * candidate twice; counts ranked with ties reported, then broken by the pack's tie-break (default:
 * score-sheet total, then the earliest nomination) to fill the seats.
 */
import type { Candidate, Fraction, RankedCandidate, TallyResult, TieBreak } from './types.js';

export type BallotProblem = 'not_a_voter' | 'already_voted' | 'too_many_choices' | 'empty_ballot' | 'duplicate_choice' | 'not_a_candidate';

export interface BallotCheck {
  voterId: string;
  choices: readonly string[];
  voters: ReadonlySet<string>;
  alreadyVoted: ReadonlySet<string>;
  candidates: ReadonlySet<string>;
  maxChoices: number;
}

/** The first problem of a ballot, or null when it may be cast. */
export function checkBallot(b: BallotCheck): BallotProblem | null {
  if (!b.voters.has(b.voterId)) return 'not_a_voter';
  if (b.alreadyVoted.has(b.voterId)) return 'already_voted';
  if (b.choices.length === 0) return 'empty_ballot';
  if (b.choices.length > b.maxChoices) return 'too_many_choices';
  if (new Set(b.choices).size !== b.choices.length) return 'duplicate_choice';
  if (b.choices.some((c) => !b.candidates.has(c))) return 'not_a_candidate';
  return null;
}

/** Votes per candidate from the ballots' choices (every candidate listed, 0 when none). */
export function countVotes(candidates: readonly string[], ballots: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map(candidates.map((c) => [c, 0]));
  for (const b of ballots) for (const c of new Set(b)) if (counts.has(c)) counts.set(c, counts.get(c)! + 1);
  return counts;
}

/** a − b on fractions, exactly (sign only); null (unscored) below every score. */
export function compareFractions(a: Fraction | null | undefined, b: Fraction | null | undefined): number {
  const av = a && a.denominator > 0 ? a : null;
  const bv = b && b.denominator > 0 ? b : null;
  if (!av || !bv) return av ? 1 : bv ? -1 : 0;
  return Math.sign(av.numerator * bv.denominator - bv.numerator * av.denominator);
}

export interface RankOptions {
  candidates: readonly Candidate[];
  /** The main measure per candidate (votes), or null to rank by score (the score-sheet method). */
  votes: ReadonlyMap<string, number> | null;
  seats: number;
  tieBreak: readonly TieBreak[];
}

/**
 * Ranks the candidates: by votes (or score), ties reported; the order within a tie by the
 * tie-breaks, then by id so the result is deterministic. The first `seats` win.
 */
export function rankCandidates(o: RankOptions): TallyResult {
  const byScore = o.votes === null;
  const main = (c: Candidate) => (byScore ? 0 : (o.votes!.get(c.id) ?? 0));
  const compareMain = (a: Candidate, b: Candidate) => (byScore ? compareFractions(b.score, a.score) : main(b) - main(a));
  const breakers: ((a: Candidate, b: Candidate) => number)[] = o.tieBreak.map((t) => (t === 'score' ? (a, b) => compareFractions(b.score, a.score) : (a, b) => a.nominatedAt - b.nominatedAt));
  const sorted = [...o.candidates].sort((a, b) => compareMain(a, b) || breakers.reduce((r, f) => r || f(a, b), 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const groups: Candidate[][] = [];
  for (const c of sorted) {
    const last = groups[groups.length - 1];
    if (last && compareMain(last[0], c) === 0) last.push(c);
    else groups.push([c]);
  }
  const ranked: RankedCandidate[] = [];
  let position = 0;
  for (const g of groups) {
    const rank = position + 1;
    for (const c of g) {
      position += 1;
      ranked.push({ id: c.id, votes: main(c), score: c.score ?? null, rank, tied: g.length > 1, position, winner: position <= o.seats });
    }
  }
  const ties = groups.filter((g) => g.length > 1).map((g) => g.map((c) => c.id));
  const tieAtCut = groups.some((g) => {
    const first = ranked.find((r) => r.id === g[0].id)!.position;
    return g.length > 1 && first <= o.seats && first + g.length - 1 > o.seats;
  });
  return { ranked, ties, tieAtCut };
}
