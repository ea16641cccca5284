/**
 * The one error of the rule engine: a stable `code` and the `field` it is about (a fact's name,
 * or the pack value that is still a placeholder). The API layer maps it to 400/422 naming the field.
 */
export type RuleErrorCode = 'policy_value_missing' | 'fact_missing' | 'fact_invalid' | 'amount_out_of_range';

export interface RuleErrorDetails {
  field: string;
  rule: string;
  /** For amount_out_of_range: the allowed range in fen. */
  minFen?: number;
  maxFen?: number;
}

export class RuleError extends Error {
  readonly code: RuleErrorCode;
  readonly field: string;
  readonly details: RuleErrorDetails;
  constructor(code: RuleErrorCode, field: string, rule: string, message: string, range?: { minFen: number; maxFen: number }) {
    super(`${rule}: ${message}`);
    this.name = 'RuleError';
    this.code = code;
    this.field = field;
    this.details = { field, rule, ...range };
  }
}
