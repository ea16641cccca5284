/**
 * Checks of an edited template (codes unique, floors ≤ caps, ranges inside them, stars descending,
 * coefficients ≥ 0, each rule fit for its measure) and of the head's judged scores. Each problem is a
 * field path (`items.2.max`), a stable code and words in zh and en, so an API can answer 400 naming it.
 */
import { cmp, parse, ZERO, type Exact } from './decimal.js';
import { MEASURED_SOURCES, PERIOD_KINDS, type FieldIssue, type Label, type MeasuredSource, type SheetTemplate } from './types.js';

const CODE = /^[a-z][a-z0-9_]{0,62}$/;
const RULES_FOR: Record<MeasuredSource, readonly string[]> = {
  satisfaction: ['ratio'],
  rating_rate: ['ratio'],
  follow_up_timeliness: ['ratio'],
  verified_complaints: ['per_record'],
  inspection_deductions: ['deducted_points'],
  inspection_vetoes: ['veto', 'per_record'],
  sanctions: ['bands'],
  campaign_deliverables: ['deliverables'],
};

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const L = (zh: string, en: string): Label => ({ zh, en });

class Issues {
  readonly list: FieldIssue[] = [];
  add(field: string, code: string, zh: string, en: string) {
    this.list.push({ field, code, message: L(zh, en) });
  }
  /** A decimal ≥ 0 at `field`, or undefined after an issue. */
  decimal(o: Obj, key: string, at: string, opts: { signed?: boolean } = {}): Exact | undefined {
    const field = `${at}${key}`;
    const v = parse(o[key]);
    if (v === undefined || typeof o[key] !== 'string') {
      this.add(field, 'appraisal_template_not_a_decimal', '应为小数文本(如 "96.5")', 'must be decimal text such as "96.5"');
      return undefined;
    }
    if (!opts.signed && cmp(v, ZERO) < 0) {
      this.add(field, 'appraisal_template_negative', '不得为负数', 'must not be negative');
      return undefined;
    }
    return v;
  }
  whole(o: Obj, key: string, at: string, lo: number, hi: number): number | undefined {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
      this.add(`${at}${key}`, 'appraisal_template_not_whole', `应为 ${lo} 至 ${hi} 的整数`, `must be a whole number from ${lo} to ${hi}`);
      return undefined;
    }
    return v;
  }
  label(o: Obj, key: string, at: string) {
    const v = o[key];
    if (!isObj(v) || typeof v.zh !== 'string' || typeof v.en !== 'string' || !v.zh.trim() || !v.en.trim()) {
      this.add(`${at}${key}`, 'appraisal_template_label_missing', '需要中英文名称', 'needs a name in zh and en');
    }
  }
}

function checkRule(issues: Issues, item: Obj, at: string, lo?: Exact, hi?: Exact) {
  const measure = item.measure as MeasuredSource;
  if (!MEASURED_SOURCES.includes(measure)) {
    issues.add(`${at}measure`, 'appraisal_template_unknown_measure', '未知的计分数据来源', 'is not a measured source');
    return;
  }
  const rule = item.rule;
  if (!isObj(rule) || !RULES_FOR[measure].includes(rule.kind as string)) {
    issues.add(`${at}rule.kind`, 'appraisal_template_rule_mismatch', `该数据来源的计分规则应为 ${RULES_FOR[measure].join('/')}`, `a ${measure} item is scored by ${RULES_FOR[measure].join(' or ')}`);
    return;
  }
  const r = `${at}rule.`;
  switch (rule.kind) {
    case 'ratio': {
      const t = issues.decimal(rule, 'target', r);
      if (t && (cmp(t, ZERO) <= 0 || cmp(t, parse('100')!) > 0)) issues.add(`${r}target`, 'appraisal_template_out_of_range', '目标应大于 0% 且不超过 100%', 'must be above 0 % and at most 100 %');
      if (!['proportional', 'threshold', 'per_point'].includes(rule.mode as string)) issues.add(`${r}mode`, 'appraisal_template_unknown_mode', '应为按比例、达标或每低一个百分点扣分', 'must be proportional, threshold or per_point');
      if (rule.mode === 'per_point') issues.decimal(rule, 'perPoint', r);
      if (!['full', 'min'].includes(rule.noData as string)) issues.add(`${r}noData`, 'appraisal_template_unknown_mode', '无数据时应为满分或保底分', 'must be full or min');
      break;
    }
    case 'per_record':
      issues.decimal(rule, 'points', r);
      break;
    case 'deducted_points':
      issues.decimal(rule, 'factor', r);
      break;
    case 'deliverables':
      issues.decimal(rule, 'late', r);
      issues.decimal(rule, 'missing', r);
      break;
    case 'bands': {
      const base = issues.decimal(rule, 'base', r);
      if (base && lo && hi && (cmp(base, lo) < 0 || cmp(base, hi) > 0)) issues.add(`${r}base`, 'appraisal_template_out_of_range', '基础分应在保底分与封顶分之间', 'must lie between the floor and the cap');
      for (const side of ['fines', 'rewards'] as const) {
        const bands = rule[side];
        if (!Array.isArray(bands)) {
          issues.add(`${r}${side}`, 'appraisal_template_required', '需要金额档次列表', 'needs a list of amount bands');
          continue;
        }
        let prev = -1;
        bands.forEach((b, i) => {
          const at2 = `${r}${side}.${i}.`;
          if (!isObj(b)) return issues.add(`${r}${side}.${i}`, 'appraisal_template_required', '需要金额档次', 'needs a band');
          const fen = issues.whole(b, 'atLeastFen', at2, 0, 1_000_000_000);
          issues.decimal(b, 'points', at2);
          if (fen !== undefined && fen <= prev) issues.add(`${at2}atLeastFen`, 'appraisal_template_bands_not_ascending', '金额档次应由低到高排列', 'bands must rise in amount');
          if (fen !== undefined) prev = fen;
        });
      }
      break;
    }
  }
}

/** Problems with an (edited) template; an empty list means it can fill sheets. */
export function checkTemplate(template: unknown): FieldIssue[] {
  const issues = new Issues();
  if (!isObj(template)) {
    issues.add('template', 'appraisal_template_required', '需要考核表模板', 'needs a template');
    return issues.list;
  }
  const t = template;
  if (typeof t.code !== 'string' || !CODE.test(t.code)) issues.add('code', 'appraisal_template_bad_code', '编码应为小写字母、数字与下划线', 'must be lower-case snake_case');
  issues.whole(t, 'version', '', 1, 1_000_000);
  issues.label(t, 'label', '');
  if (typeof t.post !== 'string' || !CODE.test(t.post)) issues.add('post', 'appraisal_template_bad_code', '岗位编码应为小写字母、数字与下划线', 'must be lower-case snake_case');
  if (!(PERIOD_KINDS as readonly unknown[]).includes(t.period)) issues.add('period', 'appraisal_template_unknown_period', '周期应为周、月或季度', 'must be weekly, monthly or quarterly');

  if (!Array.isArray(t.items) || t.items.length === 0) issues.add('items', 'appraisal_template_required', '至少需要一个考核项目', 'needs at least one item');
  else {
    const seen = new Set<string>();
    t.items.forEach((raw, i) => {
      const at = `items.${i}.`;
      if (!isObj(raw)) return issues.add(`items.${i}`, 'appraisal_template_required', '需要考核项目', 'needs an item');
      const code = raw.code;
      if (typeof code !== 'string' || !CODE.test(code)) issues.add(`${at}code`, 'appraisal_template_bad_code', '编码应为小写字母、数字与下划线', 'must be lower-case snake_case');
      else if (seen.has(code)) issues.add(`${at}code`, 'appraisal_template_duplicate_code', `编码 ${code} 重复`, `code ${code} is used twice`);
      else seen.add(code);
      issues.label(raw, 'label', at);
      if (typeof raw.group !== 'string' || !CODE.test(raw.group)) issues.add(`${at}group`, 'appraisal_template_bad_code', '分组编码应为小写字母、数字与下划线', 'must be lower-case snake_case');
      const hi = issues.decimal(raw, 'max', at);
      const lo = issues.decimal(raw, 'min', at);
      if (hi && lo && cmp(lo, hi) > 0) issues.add(`${at}min`, 'appraisal_template_min_above_max', '保底分不得高于封顶分', 'the floor must not exceed the cap');
      if (raw.kind === 'judged') {
        if (!isObj(raw.range)) return issues.add(`${at}range`, 'appraisal_template_required', '评分项目需要评分范围', 'a judged item needs a range');
        const rlo = issues.decimal(raw.range, 'min', `${at}range.`);
        const rhi = issues.decimal(raw.range, 'max', `${at}range.`);
        if (rlo && rhi && cmp(rlo, rhi) > 0) issues.add(`${at}range.min`, 'appraisal_template_min_above_max', '评分范围下限不得高于上限', 'the range must not be reversed');
        else if (rlo && rhi && lo && hi && (cmp(rlo, lo) < 0 || cmp(rhi, hi) > 0)) issues.add(`${at}range`, 'appraisal_template_range_outside', '评分范围应在保底分与封顶分之内', 'the range must lie inside the floor and the cap');
      } else if (raw.kind === 'measured') {
        checkRule(issues, raw, at, lo, hi);
      } else issues.add(`${at}kind`, 'appraisal_template_unknown_kind', '项目类型应为计量或评分', 'must be measured or judged');
    });
  }

  if (!Array.isArray(t.stars)) issues.add('stars', 'appraisal_template_required', '需要星级档次列表', 'needs a list of star grades');
  else {
    let prev: { stars: number; atLeast: Exact } | undefined;
    t.stars.forEach((raw, i) => {
      const at = `stars.${i}.`;
      if (!isObj(raw)) return issues.add(`stars.${i}`, 'appraisal_template_required', '需要星级档次', 'needs a grade');
      const stars = issues.whole(raw, 'stars', at, 0, 10);
      const atLeast = issues.decimal(raw, 'atLeast', at);
      issues.decimal(raw, 'payCoefficient', at);
      issues.label(raw, 'label', at);
      if (stars !== undefined && atLeast) {
        if (prev && (stars >= prev.stars || cmp(atLeast, prev.atLeast) >= 0)) {
          issues.add(`stars.${i}`, 'appraisal_template_stars_not_descending', '星级档次应由高到低排列,星数与分数线都递减', 'grades must descend: fewer stars at a lower threshold');
        }
        prev = { stars, atLeast };
      }
    });
  }
  if (t.bottom !== undefined) {
    if (!isObj(t.bottom)) issues.add('bottom', 'appraisal_template_required', '末位规则格式有误', 'must be a bottom rule');
    else {
      issues.whole(t.bottom, 'consecutive', 'bottom.', 1, 24);
      if (!['interview', 'training'].includes(t.bottom.action as string)) issues.add('bottom.action', 'appraisal_template_unknown_mode', '应为约谈或培训', 'must be interview or training');
    }
  }
  return issues.list;
}

/** Problems with the head's judged scores: an unknown or measured item, not a decimal, outside the range. */
export function checkJudged(template: SheetTemplate, judged: Record<string, unknown>): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (!isObj(judged)) return [{ field: 'items', code: 'appraisal_judged_not_an_object', message: L('评分应为 项目编码→分数', 'scores must map item codes to points') }];
  for (const [code, value] of Object.entries(judged)) {
    const field = `items.${code}`;
    const item = template.items.find((i) => i.code === code);
    if (!item || item.kind !== 'judged') {
      out.push({ field, code: 'appraisal_judged_not_judged', message: L(`${code} 不是评分项目`, `${code} is not a judged item`) });
      continue;
    }
    if (value === null) continue;
    const v = typeof value === 'string' ? parse(value) : undefined;
    if (!v) {
      out.push({ field, code: 'appraisal_judged_not_a_decimal', message: L('分数应为小数文本', 'the score must be decimal text') });
      continue;
    }
    if (cmp(v, parse(item.range.min)!) < 0 || cmp(v, parse(item.range.max)!) > 0) {
      out.push({ field, code: 'appraisal_judged_out_of_range', message: L(`分数应在 ${item.range.min} 至 ${item.range.max} 之间`, `the score must lie from ${item.range.min} to ${item.range.max}`) });
    }
  }
  return out;
}
