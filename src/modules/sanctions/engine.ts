/**
 * The rule engine as the sanctions module uses it: the pack's rule by code, the evaluation, and
 * the engine's refusals as coded 4xx naming the fact (`body.facts.amountFen`).
 */
import { AppError } from '../../shared/errors.js';
import { fieldIssue } from '../../shared/issues.js';
import { evaluateRule, RuleError, type RuleEvaluation, type RuleFacts, type SanctionRule } from '../../engines/rules/index.js';
import type { PolicyPack } from '../../policy/index.js';
import { findSanctionRule } from '../../policy/sanction-rules.js';

// The engine's rules of a pack, built once per pack and code: a sweep prices thousands of facts
// under a handful of rules (npm run bench -- payroll). Packs are never changed in place (a change
// is a new pack object), and the engine only reads its rules.
const rulesOfPack = new WeakMap<PolicyPack, Map<string, SanctionRule | undefined>>();

export function findRule(pack: PolicyPack, code: string): SanctionRule | undefined {
  let rules = rulesOfPack.get(pack);
  if (!rules) rulesOfPack.set(pack, (rules = new Map()));
  if (!rules.has(code)) rules.set(code, findSanctionRule(pack, code)?.rule);
  return rules.get(code);
}

export function requireRule(pack: PolicyPack, code: string, path = 'body.rule'): SanctionRule {
  const rule = findRule(pack, code);
  if (!rule) throw new AppError('validation_failed', { details: [fieldIssue(path, { zh: `没有奖惩规则"${code}"`, en: `no sanction rule "${code}"` })] });
  return rule;
}

/**
 * A range rule proposed from a fact before any reviewer chose: its lower bound (the higher range's
 * when the fact is serious), for the reviewer to adjust inside the range.
 */
export function withDefaultPick(rule: SanctionRule, facts: Record<string, unknown>): Record<string, unknown> {
  if (rule.kind !== 'range' || facts.amountFen !== undefined) return facts;
  const range = facts.serious === true && rule.serious ? rule.serious : rule;
  return range.minFen === null ? facts : { ...facts, amountFen: range.minFen };
}

/** The range a reviewer may pick in, when the rule is a range. */
export function rangeOf(rule: SanctionRule, facts: Record<string, unknown>): { minFen: number | null; maxFen: number | null } | null {
  if (rule.kind !== 'range') return null;
  const r = facts.serious === true && rule.serious ? rule.serious : rule;
  return { minFen: r.minFen, maxFen: r.maxFen };
}

export function evaluate(rule: SanctionRule, facts: Record<string, unknown>, path = 'body.facts'): RuleEvaluation {
  try {
    return evaluateRule(rule, facts as RuleFacts);
  } catch (e) {
    if (e instanceof RuleError) {
      const at = e.code === 'policy_value_missing' ? `policy.sanctionRules.${e.field}` : `${path}.${e.field}`;
      throw new AppError(e.code, { details: [{ ...fieldIssue(at, { zh: e.message, en: e.message }), ...e.details }] });
    }
    throw e;
  }
}
