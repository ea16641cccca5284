/**
 * The sanction rules in force (RULES §5) and the preview of one rule on given facts. No tables:
 * the rules are the organisation's policy pack, computed by the pure rule engine.
 */
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { requireRole, type Actor, type Role } from '../../shared/access.js';
import { describeSource, findSanctionRule, sanctionRulesOf, type SanctionRuleInForce } from '../../policy/index.js';
import { describeRule, evaluateRule, type RuleFacts } from '../../engines/rules/index.js';
import { policyForOrganisation } from '../policy/service.js';

/**
 * Who may compute a fine or reward: the office and administrators, unit heads and inspectors
 * (003:L448 gives 县行服务检查人员和支行长 the power to fine on the spot). Staff read the rules.
 */
const previewers: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'inspector'];

function present({ rule, values, decision }: SanctionRuleInForce) {
  return {
    code: rule.code,
    kind: rule.kind,
    direction: rule.direction,
    targets: rule.targets,
    label: rule.label,
    words: describeRule(rule),
    citation: rule.citation,
    references: describeSource(rule.citation),
    decision: decision ?? null,
    outcomes: rule.outcomes ?? [],
    repeatOutcomes: rule.repeatOutcomes ?? [],
    facts: rule.facts,
    values: values.map((v) => ({ ...v, references: describeSource(v.source) })),
  };
}

/** Every rule of the organisation's pack, in pack order, in words with its citation. */
export async function listSanctionRules(ctx: AppContext, actor: Actor) {
  const pack = await policyForOrganisation(ctx, actor.orgId);
  return { items: sanctionRulesOf(pack).map(present) };
}

/** One rule on the facts: amount, who pays, outcomes, the sum in words. Refusals name the field. */
export async function previewSanction(ctx: AppContext, actor: Actor, input: { rule: string; facts: RuleFacts }) {
  requireRole(actor, previewers);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const found = findSanctionRule(pack, input.rule);
  if (!found) throw new AppError('rule_unknown', { details: { field: 'rule', rule: input.rule } });
  const r = evaluateRule(found.rule, input.facts); // RuleError → 400/422 with its code and field
  return { rule: r.ruleCode, amountFen: r.amountFen, direction: r.direction, shares: r.shares, outcomes: r.outcomes, breakdown: r.breakdown };
}
