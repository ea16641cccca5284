/** Types of the selection engine (评选, RULES §6). Pure data: the pack supplies the values. */

export interface Label {
  zh: string;
  en: string;
}

/** How a fraction of a headcount is rounded (RULES §6 decision: half up by default). */
export type Rounding = 'half_up' | 'down' | 'up';

/**
 * What limits the number of nominations in one scope:
 * - `unlimited`: no limit;
 * - `count`: a fixed number;
 * - `fraction`: numerator/denominator of the scope's headcount, rounded, at least `minimum`;
 * - `table`: a number per key (a party branch, a category); keys not in the table get `otherwise`
 *   (null: none may be nominated).
 */
export type QuotaLimit =
  | { kind: 'unlimited' }
  | { kind: 'count'; count: number }
  | { kind: 'fraction'; numerator: number; denominator: number; minimum: number; rounding: Rounding }
  | { kind: 'table'; entries: { key: string; count: number }[]; otherwise: number | null };

/**
 * Which nominations share one quota: the whole round, each nominee's department (unit), party
 * branch, category, or category within the department.
 */
export type QuotaScopeKind = 'round' | 'unit' | 'party_branch' | 'category' | 'unit_category';

/** One quota rule of an award type; a nominee falls under the first rule whose categories match. */
export interface QuotaRule {
  per: QuotaScopeKind;
  limit: QuotaLimit;
  /** Only nominees of these staff categories (absent: every nominee). */
  categories?: string[];
}

/** Who is nominated, as the quota sees them. */
export interface Nominee {
  unitId: string | null;
  category: string | null;
  partyBranch: string | null;
}

/** The scope a nomination counts against, and the key of its limit (a table key). */
export interface QuotaScope {
  /** Stable key of the scope: `all`, a unit id, a branch, a category, or `unitId|category`. */
  key: string;
  per: QuotaScopeKind;
  /** Index of the rule in the type's quota rules. */
  rule: number;
}

// --- eligibility -----------------------------------------------------------------------------

/** A fact about a nominee: an incident of the file, a 取消当年评优 line, … */
export interface SelectionFact {
  /** The kind: an incident kind (`damage`, `dispute`…) or `disqualify_year_awards`. */
  kind: string;
  /** Where it comes from (shown with the reason). */
  source: { kind: string; id: string };
  /** Epoch ms when it happened. */
  at: number;
  /** Amount in fen (damage, loss, sum), null when none. */
  amountFen: number | null;
  /** Details to match: `graded`, `reputationDamage`, `returnedInTime`… */
  attributes: Record<string, string | number | boolean | null | undefined>;
}

/** A rate as a fraction (rating rate, satisfaction). */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** The figures of the nominee in the period (null: not measured, e.g. no rating device). */
export interface SelectionFigures {
  ratingRate: Fraction | null;
  satisfactionRate: Fraction | null;
}

/** One way a fact matches a rule (all given conditions must hold). */
export interface FactMatch {
  kind: string;
  /** Attributes that must equal these values. */
  attributes?: Record<string, string | number | boolean>;
  /** The amount (fen) must be at least this (以上: inclusive); a fact without an amount counts as 0. */
  minAmountFen?: number;
}

/**
 * A disqualification rule: facts matching any of `anyOf` in the window; `minCount` of them (default 1)
 * disqualify (3 major complaints in a year…).
 */
export interface FactRule {
  type: 'facts';
  code: string;
  label: Label;
  citation: string;
  anyOf: FactMatch[];
  /** `period`: the round's period; `year`: the calendar year of the period. */
  window: 'period' | 'year';
  minCount?: number;
}

/** A figure that must reach a value (以上 → gte); unmeasured figures are not held against anyone. */
export interface FigureRule {
  type: 'figure';
  code: string;
  label: Label;
  citation: string;
  metric: 'ratingRate' | 'satisfactionRate';
  /** As a fraction in thousandths, exact: 900 = 90 %. */
  atLeastPermille: number;
  /** Who it applies to: a person, a unit, or both. */
  subject: 'person' | 'unit' | 'any';
}

export type EligibilityRule = FactRule | FigureRule;

export interface Reason {
  code: string;
  text: Label;
  source: { kind: string; id: string } | null;
  citation: string;
}

export interface Eligibility {
  eligible: boolean;
  reasons: Reason[];
}

// --- votes and scores --------------------------------------------------------------------------

export interface Candidate {
  id: string;
  /** Epoch ms of the nomination (the last tie-break by default). */
  nominatedAt: number;
  /** Score-sheet total as a fraction (sum of sheets / sheets), null when not scored. */
  score?: Fraction | null;
}

export type TieBreak = 'score' | 'earliest_nomination';

export interface RankedCandidate {
  id: string;
  /** Votes, or the score in the score-sheet method. */
  votes: number;
  score: Fraction | null;
  /** Competition rank on the main measure (1, 2, 2, 4). */
  rank: number;
  /** Shares its main measure with another candidate. */
  tied: boolean;
  /** Position after the tie-break (1-based). */
  position: number;
  winner: boolean;
}

export interface TallyResult {
  ranked: RankedCandidate[];
  /** Groups of candidates with equal measure (each of two or more), in rank order. */
  ties: string[][];
  /** Whether a tie straddles the last seat (the tie-break decided who won). */
  tieAtCut: boolean;
}

export interface ScoreItem {
  code: string;
  label: Label;
  max: number;
}
