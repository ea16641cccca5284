/**
 * Scoring one inspection (RULES §4). An item loses its deduction per case or per failed
 * indicator, never more than its cap; `deduct` templates score the full mark minus the
 * deductions, floored at 0; `earn` templates add up what each item keeps. Advisory and incomplete
 * items are recorded but never scored; a finding on a veto item (一票否决) fails the inspection.
 *
 * N/A: in `earn` mode an N/A item leaves the maximum (the inspection is scored out of what
 * applied); in `deduct` mode it simply loses nothing — the full mark is fixed by the rule (the
 * hospital's 10 points, 004:L202), like the items an organisation has not defined (RULES §4).
 */
import { ScoringInputError, ScoringTemplateError } from './errors.js';
import { expectArray, expectBoolean, expectRecord, guarded, issue, onlyKeys, type Path } from './issues.js';
import { fromMilli } from './points.js';
import { compileTemplate, type CompiledItem, type CompiledMetric, type CompiledTemplate } from './template.js';
import type { Boundary, ItemScore, ScoreResult, ScoringInput, ScoringIssue, ScoringTemplate } from './types.js';

export const INPUT_LIMITS = { results: 1000, cases: 100_000, observations: 10_000, note: 2000 } as const;

const RESULT_KEYS = ['item', 'cases', 'observations', 'pass', 'na', 'note'];
const OBSERVATION_KEYS = ['metric', 'value'];

/** A result after checking: the findings the scorer counts. */
interface Findings {
  cases: number;
  /** Per metric code: how many measurements breached it. */
  breaches: Map<string, number>;
  pass?: boolean;
  na: boolean;
}

export function breaches(value: number, op: Boundary, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

function checkObservation(o: unknown, item: CompiledItem, path: Path, seen: Set<string>, f: Findings, out: ScoringIssue[]): void {
  if (!expectRecord(o, path, out)) return;
  onlyKeys(o, OBSERVATION_KEYS, path, out);
  const metric: CompiledMetric | undefined = typeof o.metric === 'string' ? item.metrics.get(o.metric) : undefined;
  if (!metric) {
    const known = [...item.metrics.keys()].join(', ');
    out.push(issue([...path, 'metric'], 'unknown_metric', `unknown metric ${JSON.stringify(o.metric)} for item "${item.code}" (known: ${known})`, `项目"${item.code}"没有指标 ${JSON.stringify(o.metric)}(可用:${known})`));
    return;
  }
  if (item.per === 'failure' && seen.has(metric.code)) {
    out.push(issue([...path, 'metric'], 'duplicate_metric', `indicator "${metric.code}" is measured once per inspection`, `指标"${metric.code}"每次检查只能填写一次`));
    return;
  }
  seen.add(metric.code);
  const v = o.value;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < metric.min || v > metric.max || (metric.integer && !Number.isInteger(v))) {
    const kind = metric.integer ? 'a whole number' : 'a number';
    const kindZh = metric.integer ? '整数' : '数字';
    out.push(issue([...path, 'value'], 'out_of_range', `${metric.code} must be ${kind} from ${metric.min} to ${metric.max}`, `${metric.code} 须为 ${metric.min}–${metric.max} 之间的${kindZh}`));
    return;
  }
  if (breaches(v, metric.failsWhen, metric.threshold)) f.breaches.set(metric.code, (f.breaches.get(metric.code) ?? 0) + 1);
}

function checkResult(r: unknown, i: number, t: CompiledTemplate, found: Map<string, Findings>, out: ScoringIssue[]): void {
  const path: Path = ['results', i];
  if (!expectRecord(r, path, out)) return;
  onlyKeys(r, RESULT_KEYS, path, out);
  const item = typeof r.item === 'string' ? t.byCode.get(r.item) : undefined;
  if (!item) {
    out.push(issue([...path, 'item'], 'unknown_item', `unknown item ${JSON.stringify(r.item)} in template "${t.code}"`, `模板"${t.code}"中没有项目 ${JSON.stringify(r.item)}`));
    return;
  }
  if (found.has(item.code)) {
    out.push(issue([...path, 'item'], 'duplicate_item', `item "${item.code}" is given twice`, `项目"${item.code}"重复填写`));
    return;
  }
  const f: Findings = { cases: 0, breaches: new Map(), na: r.na === true };
  found.set(item.code, f);
  expectBoolean(r.na, [...path, 'na'], out);
  if (r.note !== undefined && (typeof r.note !== 'string' || r.note.length > INPUT_LIMITS.note)) {
    out.push(issue([...path, 'note'], 'invalid_shape', `a note is text of at most ${INPUT_LIMITS.note} characters`, `备注须为文本,最多 ${INPUT_LIMITS.note} 个字符`));
  }
  const hasFindings = r.cases !== undefined || r.observations !== undefined || r.pass !== undefined;
  if (item.incomplete && hasFindings) {
    out.push(issue(path, 'item_incomplete', `item "${item.code}" is incomplete in the rules and cannot be scored: give a note only`, `项目"${item.code}"的规则内容缺失,无法计分:只能填写备注`));
    return;
  }
  if (f.na) {
    if (!item.allowNa) out.push(issue([...path, 'na'], 'na_not_allowed', `item "${item.code}" cannot be marked not applicable`, `项目"${item.code}"不能标记为"不适用"`));
    else if (hasFindings) out.push(issue([...path, 'na'], 'na_with_findings', 'a not-applicable item takes no cases, measurements or pass/fail', '标记为"不适用"的项目不能再填写例数、测量值或是否达标'));
    return;
  }
  if (r.cases !== undefined) {
    if (item.per !== 'case') {
      out.push(issue([...path, 'cases'], 'not_accepted', `item "${item.code}" counts failed indicators, not cases`, `项目"${item.code}"按未达标指标扣分,不填写例数`));
    } else if (typeof r.cases !== 'number' || !Number.isInteger(r.cases) || r.cases < 0 || r.cases > INPUT_LIMITS.cases) {
      out.push(issue([...path, 'cases'], 'out_of_range', `cases must be a whole number from 0 to ${INPUT_LIMITS.cases}`, `例数须为 0–${INPUT_LIMITS.cases} 之间的整数`));
    } else f.cases = r.cases;
  }
  if (r.pass !== undefined && expectBoolean(r.pass, [...path, 'pass'], out)) {
    if (item.per !== 'failure' || item.metrics.size > 0) {
      const why = item.per !== 'failure' ? 'counts cases: give cases' : 'is measured: give observations';
      const whyZh = item.per !== 'failure' ? '按例扣分:请填写例数' : '按测量值判定:请填写测量值';
      out.push(issue([...path, 'pass'], 'not_accepted', `item "${item.code}" ${why}`, `项目"${item.code}"${whyZh}`));
    } else f.pass = r.pass;
  }
  if (r.observations !== undefined) {
    if (item.metrics.size === 0) {
      out.push(issue([...path, 'observations'], 'not_accepted', `item "${item.code}" has no measured metrics`, `项目"${item.code}"没有测量指标`));
    } else if (expectArray(r.observations, [...path, 'observations'], 0, INPUT_LIMITS.observations, out)) {
      const seen = new Set<string>();
      r.observations.forEach((o, j) => checkObservation(o, item, [...path, 'observations', j], seen, f, out));
    }
  }
}

function scoreItem(item: CompiledItem, f: Findings | undefined): { score: ItemScore; applicable: boolean } {
  const failed = f ? [...item.metrics.keys()].filter((m) => (f.breaches.get(m) ?? 0) > 0) : [];
  let cases = 0;
  let failures = 0;
  if (f && !f.na) {
    if (item.per === 'case') cases = f.cases + [...f.breaches.values()].reduce((a, b) => a + b, 0);
    else failures = failed.length + (f.pass === false ? 1 : 0);
  }
  const raw = item.deduction * (item.per === 'case' ? cases : failures);
  const deduction = item.scored ? Math.min(raw, item.cap) : 0;
  const na = f?.na === true;
  return {
    applicable: item.scored && !na,
    score: {
      item: item.code,
      section: item.section,
      deduction,
      cases,
      failed,
      failures,
      capped: item.scored && raw > item.cap,
      na,
      scored: item.scored,
      veto: item.veto && cases + failures > 0,
    },
  };
}

/** The compiled template; a hostile object (a throwing proxy) is a template error too. */
function compiled(template: ScoringTemplate | CompiledTemplate): CompiledTemplate {
  try {
    return compileTemplate(template);
  } catch (err) {
    if (err instanceof ScoringTemplateError) throw err;
    throw new ScoringTemplateError([issue(['template'], 'invalid_shape', 'could not be read', '无法读取')]);
  }
}

/**
 * Scores an inspection. Throws `ScoringTemplateError` for a malformed template and
 * `ScoringInputError` for results that do not fit it — never anything else, and nothing is
 * scored half-way.
 */
export function scoreInspection(input: ScoringInput | { template: CompiledTemplate; results: unknown }): ScoreResult {
  const out: ScoringIssue[] = [];
  const template = guarded(() => (input as { template?: unknown }).template, ['template'], out);
  if (template === undefined || template === null) {
    throw new ScoringTemplateError(out.length ? out : [issue(['template'], 'invalid_shape', 'a template is required', '缺少评分模板')]);
  }
  const t = compiled(template as ScoringTemplate);
  const found = new Map<string, Findings>();
  guarded(
    () => {
      const results = (input as { results?: unknown }).results;
      if (expectArray(results, ['results'], 0, INPUT_LIMITS.results, out)) results.forEach((r, i) => checkResult(r, i, t, found, out));
    },
    ['results'],
    out,
  );
  if (out.length > 0) throw new ScoringInputError(out);

  const items: ItemScore[] = [];
  let deductions = 0;
  let applicablePoints = 0;
  for (const item of t.items) {
    const { score, applicable } = scoreItem(item, found.get(item.code));
    items.push(score);
    deductions += score.deduction;
    if (applicable) applicablePoints += item.points;
  }
  const vetoed = items.some((i) => i.veto);
  const maxScore = t.mode === 'deduct' ? t.fullMark : applicablePoints;
  let score = Math.max(0, maxScore - deductions);
  if (vetoed && t.vetoOutcome === 'zero') score = 0;
  const result: ScoreResult = {
    template: t.code,
    mode: t.mode,
    score: fromMilli(score),
    maxScore: fromMilli(maxScore),
    deductions: fromMilli(deductions),
    vetoed,
    items: items.map((i) => ({ ...i, deduction: fromMilli(i.deduction) })),
  };
  if (t.version !== undefined) result.version = t.version;
  return result;
}
