/**
 * Youzhi selection engine (评选, RULES §6): nomination quotas, eligibility over facts and figures,
 * ballots, tallies with ties and tie-breaks, score sheets, automatic honours. Pure: no I/O, no
 * dependencies. Public API of `youzhi/selection`; the award types themselves are pack data.
 */
export type {
  Candidate,
  Eligibility,
  EligibilityRule,
  FactMatch,
  FactRule,
  FigureRule,
  Fraction,
  Label,
  Nominee,
  QuotaLimit,
  QuotaRule,
  QuotaScope,
  QuotaScopeKind,
  RankedCandidate,
  Reason,
  Rounding,
  ScoreItem,
  SelectionFact,
  SelectionFigures,
  TallyResult,
  TieBreak,
} from './types.js';
export { branchKey, fractionOfHeadcount, quotaAllows, quotaLimit, quotaRuleOf, quotaScopeOf, roundFraction } from './quota.js';
export { evaluateEligibility, factMatches, reachesPermille, type EligibilityInput } from './eligibility.js';
export { checkBallot, compareFractions, countVotes, rankCandidates, type BallotCheck, type BallotProblem, type RankOptions } from './tally.js';
export { checkScoreSheet, fractionValue, meanScore, sheetMaximum, sheetTotal, type SheetProblem } from './scores.js';
export { honoursForWin, type HonourRule } from './honours.js';
