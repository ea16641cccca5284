/**
 * Errors of the scoring engine. Each carries a stable `code` and the list of issues, each with a
 * path, a machine-readable reason and a message in Chinese and English; the API layer maps them
 * to a 400 naming the field.
 */
import type { ScoringIssue } from './types.js';

abstract class ScoringError extends Error {
  readonly issues: ScoringIssue[];
  constructor(what: string, issues: ScoringIssue[]) {
    const first = issues[0];
    const where = first ? `; first at ${first.path.join('.') || '(root)'}: ${first.message.en}` : '';
    super(`${what}: ${issues.length} issue(s)${where}`);
    this.issues = issues;
  }
}

/** The inspection's results do not fit the template (unknown codes, repeats, values out of range…). */
export class ScoringInputError extends ScoringError {
  readonly code = 'scoring_invalid' as const;
  constructor(issues: ScoringIssue[]) {
    super('invalid inspection results', issues);
    this.name = 'ScoringInputError';
  }
}

/** The template itself is malformed (a pack or the template editor wrote something unusable). */
export class ScoringTemplateError extends ScoringError {
  readonly code = 'scoring_template_invalid' as const;
  constructor(issues: ScoringIssue[]) {
    super('invalid scoring template', issues);
    this.name = 'ScoringTemplateError';
  }
}
