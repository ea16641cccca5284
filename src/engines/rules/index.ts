/**
 * Youzhi sanctions rule engine (RULES §5 奖惩): fines and rewards as data, computed exactly in fen.
 * Pure: no I/O, no dependencies. Public API of `youzhi/rules`; everything else is internal.
 */
export type {
  Band,
  Decimal,
  FactSpec,
  FactType,
  Fen,
  FixedRule,
  FormulaRule,
  Label,
  OutcomeCode,
  PerItemRule,
  PerMemberRule,
  PerParticipantRule,
  PerPersonPresentRule,
  RangeRule,
  RankBandRule,
  RuleEvaluation,
  RuleFacts,
  RuleKind,
  SanctionRule,
  SanctionShare,
  SanctionTarget,
  TargetBoundary,
  TargetScore,
} from './types.js';
export { OUTCOME_CODES, RULE_KINDS, SANCTION_TARGETS } from './types.js';
export { RuleError, type RuleErrorCode, type RuleErrorDetails } from './errors.js';
export { MAX_COUNT, MAX_FACT_FEN } from './facts.js';
export { evaluateRule } from './evaluate.js';
export { describeRule } from './describe.js';
