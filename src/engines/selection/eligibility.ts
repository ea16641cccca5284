/**
 * Eligibility (评选资格, RULES §6): disqualification rules evaluated over the nominee's facts (the
 * incident file, 取消当年评优) and figures (rating rate, satisfaction). Every rule that applies
 * gives a reason with its text, the fact it rests on and the citation; no reason → eligible.
 * Amounts are compared in fen (199.99 元 < 200 元), rates exactly on integers.
 */
import type { EligibilityRule, Eligibility, FactMatch, FactRule, FigureRule, Fraction, Reason, SelectionFact, SelectionFigures } from './types.js';

export interface EligibilityInput {
  subject: 'person' | 'unit';
  facts: readonly SelectionFact[];
  figures: SelectionFigures;
  /** The round's period [from, to) and its calendar year [from, to), epoch ms. */
  period: { from: number; to: number };
  year: { from: number; to: number };
}

/** Whether a fact matches one way of a rule. */
export function factMatches(fact: SelectionFact, m: FactMatch): boolean {
  if (fact.kind !== m.kind) return false;
  if (m.minAmountFen !== undefined && (fact.amountFen ?? 0) < m.minAmountFen) return false;
  for (const [k, v] of Object.entries(m.attributes ?? {})) if (fact.attributes[k] !== v) return false;
  return true;
}

/** n/d ≥ permille/1000, exactly. A rate with nothing to divide by is not measured. */
export function reachesPermille(f: Fraction, permille: number): boolean | null {
  if (f.denominator <= 0) return null;
  return f.numerator * 1000 >= permille * f.denominator;
}

const percentText = (permille: number) => `${permille / 10}%`;

function factReasons(rule: FactRule, input: EligibilityInput): Reason[] {
  const window = rule.window === 'year' ? input.year : input.period;
  const hits = input.facts.filter((f) => f.at >= window.from && f.at < window.to && rule.anyOf.some((m) => factMatches(f, m)));
  const min = rule.minCount ?? 1;
  if (hits.length < min) return [];
  if (min > 1) {
    return [{ code: rule.code, text: { zh: `${rule.label.zh}（${hits.length} 次）`, en: `${rule.label.en} (${hits.length} times)` }, source: hits[0].source, citation: rule.citation }];
  }
  return hits.map((f) => ({ code: rule.code, text: rule.label, source: f.source, citation: rule.citation }));
}

function figureReason(rule: FigureRule, input: EligibilityInput): Reason[] {
  if (rule.subject !== 'any' && rule.subject !== input.subject) return [];
  const f = input.figures[rule.metric];
  if (!f) return [];
  const ok = reachesPermille(f, rule.atLeastPermille);
  if (ok !== false) return [];
  const actual = `${f.numerator}/${f.denominator}`;
  return [
    {
      code: rule.code,
      text: { zh: `${rule.label.zh}未达到 ${percentText(rule.atLeastPermille)}（${actual}）`, en: `${rule.label.en} below ${percentText(rule.atLeastPermille)} (${actual})` },
      source: null,
      citation: rule.citation,
    },
  ];
}

/** All reasons against the nominee, in rule order; eligible when there are none. */
export function evaluateEligibility(rules: readonly EligibilityRule[], input: EligibilityInput): Eligibility {
  const reasons = rules.flatMap((r) => (r.type === 'facts' ? factReasons(r, input) : figureReason(r, input)));
  return { eligible: reasons.length === 0, reasons };
}
