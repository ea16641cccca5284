/** Errors of the indicator engine: a definition that cannot be scored, or an input that is not a decimal. */

export class IndicatorDefinitionError extends Error {
  readonly code = 'indicator_definition_invalid' as const;
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'IndicatorDefinitionError';
  }
}

export interface InputIssue {
  unitId: string;
  indicator: string;
  input: string;
  reason: 'unknown_indicator' | 'unknown_input' | 'not_a_decimal' | 'negative' | 'not_whole';
}

export class IndicatorInputError extends Error {
  readonly code = 'indicator_input_invalid' as const;
  constructor(readonly issues: InputIssue[]) {
    super(`${issues.length} input value(s) refused: ${issues.slice(0, 3).map((i) => `${i.unitId}/${i.indicator}/${i.input} ${i.reason}`).join('; ')}`);
    this.name = 'IndicatorInputError';
  }
}
