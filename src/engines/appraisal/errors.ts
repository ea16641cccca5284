/** The appraisal engine's one error class: a stable `code`, and the field it concerns when there is one. */

export const APPRAISAL_ERROR_CODES = [
  'appraisal_period_invalid',
  'appraisal_template_invalid',
  'appraisal_judged_out_of_range',
  'appraisal_facts_invalid',
] as const;
export type AppraisalErrorCode = (typeof APPRAISAL_ERROR_CODES)[number];

export class AppraisalError extends Error {
  /** What an HTTP answer carries along: the field and the reason. */
  readonly details: { field: string | null; reason: string };
  constructor(
    readonly code: AppraisalErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppraisalError';
    this.details = { field: field ?? null, reason: message };
  }
}
