/**
 * Errors of the scoring engine. Each carries a stable `code` and the list of issues, each with a
 * path, a machine-readable reason and a message in Chinese and English; the API layer maps them
 * to a 400 naming the field.
 */
import type { ScoringIssue } from './types.js';

function summary(what: string, issues: readonly ScoringIssue[]): string {
  const first = issues[0];
  const where = first ? `; first at ${first.path.join('.') || '(root)'}: ${first.message.en}` : '';
  return `${what}: ${issues.length} issue(s)${where}`;
}

/** The inspection's results do not fit the template (unknown codes, repeats, values out of range…). */
export class ScoringInputError extends Error {
  readonly code = 'scoring_invalid' as const;
  readonly issues: ScoringIssue[];
  constructor(issues: ScoringIssue[]) {
    super(summary('invalid inspection results', issues));
    this.name = 'ScoringInputError';
    this.issues = issues;
  }
}

/** The template itself is malformed (a pack or the template editor wrote something unusable). */
export class ScoringTemplateError extends Error {
  readonly code = 'scoring_template_invalid' as const;
  readonly issues: ScoringIssue[];
  constructor(issues: ScoringIssue[]) {
    super(summary('invalid scoring template', issues));
    this.name = 'ScoringTemplateError';
    this.issues = issues;
  }
}
