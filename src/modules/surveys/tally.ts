import { meetsThreshold, netPromoterScore, percent, rate, type Rate, type SatisfactionOptions } from '../../engines/metrics/index.js';
import type { RatingThreshold } from '../../policy/index.js';
import type { Question, SurveyDefinition } from './schema.js';

/** The five levels of 好差评 (GB/T 39734), 5 非常满意 … 1 非常不满意. */
export const fiveLevels = [
  { value: 5, zh: '非常满意', en: 'Very satisfied' },
  { value: 4, zh: '满意', en: 'Satisfied' },
  { value: 3, zh: '基本满意', en: 'Fairly satisfied' },
  { value: 2, zh: '不满意', en: 'Dissatisfied' },
  { value: 1, zh: '非常不满意', en: 'Very dissatisfied' },
] as const;

const share = (count: number, of: number) => ({ count, percent: percent(rate(count, of)) });

/** Counts of one question: choice → number of answers (as stored, e.g. '5', 'lt15', '9'). */
export type ChoiceCounts = ReadonlyMap<string, number>;

/** What a tally takes from the pack: the minimum sample and which levels are positive and negative. */
export interface TallyOptions {
  minSample: number;
  levels: Pick<SatisfactionOptions, 'positiveLevels' | 'negativeLevels'>;
}

/**
 * Results of one question. Pure: counts in, counts and percentages out. A five-level question's
 * % positive and % negative (NHS Friends and Family Test style) count the pack's positive and
 * negative levels (好评 5 and 4, 差评 2 and 1 by default). Fewer answers than `minSample` (the
 * pack's minimum sample) flag the percentages as a small sample.
 */
export function tallyQuestion(q: Question, counts: ChoiceCounts, answered: number, { minSample, levels }: TallyOptions) {
  const base = { id: q.id, type: q.type, title: q.title, answered };
  const smallSample = answered < minSample;
  const n = (k: string | number) => counts.get(String(k)) ?? 0;
  switch (q.type) {
    case 'five_level': {
      const sum = (of: readonly number[]) => of.reduce((a, l) => a + n(l), 0);
      return {
        ...base,
        smallSample,
        levels: fiveLevels.map((l) => ({ ...l, ...share(n(l.value), answered) })),
        positive: share(sum(levels.positiveLevels), answered),
        negative: share(sum(levels.negativeLevels), answered),
      };
    }
    case 'single':
    case 'multiple':
      // Multiple choice: each option's share of the respondents to the question (they add up to more than 100 %).
      return { ...base, smallSample, options: (q.options ?? []).map((o) => ({ code: o.code, zh: o.zh, en: o.en, ...share(n(o.code), answered) })) };
    case 'nps': {
      const distribution: Record<number, number> = {};
      for (let s = 0; s <= 10; s++) distribution[s] = n(s);
      const nps = netPromoterScore(distribution, minSample);
      return {
        ...base,
        distribution,
        nps: {
          ...nps,
          promotersPercent: percent(rate(nps.promoters, nps.responses)),
          passivesPercent: percent(rate(nps.passives, nps.responses)),
          detractorsPercent: percent(rate(nps.detractors, nps.responses)),
        },
      };
    }
    case 'text':
      return base;
  }
}

/** The question whose top levels make the survey's satisfaction rate: the named one or the first five-level question. */
export function satisfactionQuestionOf(def: SurveyDefinition): Question | undefined {
  return def.questions.find((q) => q.id === def.satisfactionQuestion) ?? def.questions.find((q) => q.type === 'five_level');
}

export function satisfactionRate(counts: ChoiceCounts, satisfiedLevels: readonly number[]): Rate {
  let satisfied = 0;
  let all = 0;
  for (const l of fiveLevels) {
    const c = counts.get(String(l.value)) ?? 0;
    all += c;
    if (satisfiedLevels.includes(l.value)) satisfied += c;
  }
  return rate(satisfied, all);
}

/**
 * A pack threshold on survey satisfaction (e.g. canteen < 60 % → rectification, 003:L248).
 * `met`: the condition holds; `pass`: a target is met or a trigger is not; null without answers.
 */
export function judgeThreshold(t: RatingThreshold, r: Rate) {
  const met = meetsThreshold(r, t.op, t.value);
  const pass = met === null ? null : t.kind === 'target' ? met : !met;
  return {
    id: t.id,
    label: t.label,
    metric: t.metric,
    op: t.op,
    value: t.value,
    kind: t.kind,
    action: t.action,
    period: t.period,
    subject: t.subject ?? null,
    source: t.source ?? null,
    reference: t.reference ?? null,
    decision: t.decision ?? null,
    met,
    pass,
    rectificationRequired: pass === false && t.action === 'rectification',
  };
}
