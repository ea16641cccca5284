/**
 * Checking a template and compiling it into the form the scorer uses: every amount in whole
 * thousandths, items and metrics indexed by code. Hand-written so the engine stays dependency-free;
 * the policy pack's schema calls `validateTemplate` and adds its citation rules on top.
 */
import { expectArray, expectBilingual, expectBoolean, expectRecord, expectText, guarded, issue, onlyKeys, type Path } from './issues.js';
import { MAX_POINTS, formatMilli, toMilli } from './points.js';
import {
  BOUNDARIES,
  METRIC_UNITS,
  type Boundary,
  type DeductionBasis,
  type MetricUnit,
  type ScoringIssue,
  type ScoringMode,
  type ScoringTemplate,
  type VetoOutcome,
} from './types.js';
import { ScoringTemplateError } from './errors.js';

/** Template codes are kebab-case (`hospital-scorecard`); sections, items and metrics snake_case. */
export const TEMPLATE_CODE = /^[a-z][a-z0-9-]{0,62}$/;
export const CODE = /^[a-z][a-z0-9_]{0,62}$/;

const LIMITS = { sections: 50, items: 500, itemsPerSection: 200, metrics: 20, label: 200, text: 2000 } as const;

/** Range of a valid measurement by unit, unless the metric sets its own. */
export const METRIC_RANGES: Record<MetricUnit, { min: number; max: number; integer: boolean }> = {
  count: { min: 0, max: 1_000_000, integer: true },
  rings: { min: 0, max: 1_000, integer: true },
  minutes: { min: 0, max: 1_000_000, integer: false },
  hours: { min: 0, max: 1_000_000, integer: false },
  days: { min: 0, max: 100_000, integer: false },
  percent: { min: 0, max: 100, integer: false },
  minute_of_day: { min: 0, max: 1440, integer: true },
};

export interface CompiledMetric {
  code: string;
  failsWhen: Boundary;
  threshold: number;
  min: number;
  max: number;
  integer: boolean;
}

export interface CompiledItem {
  code: string;
  section: string;
  per: DeductionBasis | undefined;
  /** Thousandths; 0 for advisory and incomplete items. */
  points: number;
  deduction: number;
  cap: number;
  metrics: Map<string, CompiledMetric>;
  allowNa: boolean;
  advisory: boolean;
  veto: boolean;
  incomplete: boolean;
  /** A finding needs a note and a photo (SafetyCulture-style "NO needs evidence"); checked by the caller. */
  evidence: boolean;
  /** Counted in the score: neither advisory nor incomplete. */
  scored: boolean;
}

const COMPILED = Symbol('youzhi.scoring.compiled');

export interface CompiledTemplate {
  readonly [COMPILED]: true;
  code: string;
  version?: number;
  mode: ScoringMode;
  /** Thousandths: `deduct` — the full mark; `earn` — the sum of the scored items' points. */
  fullMark: number;
  vetoOutcome: VetoOutcome;
  /** In template order. */
  items: CompiledItem[];
  byCode: Map<string, CompiledItem>;
}

export function isCompiledTemplate(x: unknown): x is CompiledTemplate {
  return typeof x === 'object' && x !== null && (x as Partial<CompiledTemplate>)[COMPILED] === true;
}

const TEMPLATE_KEYS = ['code', 'version', 'label', 'mode', 'fullMark', 'vetoOutcome', 'sections', 'source', 'decision'];
const SECTION_KEYS = ['code', 'label', 'items', 'source', 'decision'];
const ITEM_KEYS = ['code', 'label', 'points', 'per', 'deduction', 'cap', 'metrics', 'allowNa', 'advisory', 'veto', 'incomplete', 'evidence', 'source', 'decision'];
const METRIC_KEYS = ['code', 'label', 'unit', 'failsWhen', 'threshold', 'min', 'max', 'source', 'decision'];

/** What the template, its sections, items and metrics share: known keys, a label, an optional citation. */
function node(x: unknown, keys: readonly string[], path: Path, out: ScoringIssue[]): x is Record<string, unknown> {
  if (!expectRecord(x, path, out)) return false;
  onlyKeys(x, keys, path, out);
  expectBilingual(x.label, [...path, 'label'], LIMITS.label, out);
  if (x.source !== undefined) expectText(x.source, [...path, 'source'], LIMITS.label, out);
  if (x.decision !== undefined) expectBilingual(x.decision, [...path, 'decision'], LIMITS.text, out);
  return true;
}

function code(x: unknown, pattern: RegExp, path: Path, out: ScoringIssue[], what: string): x is string {
  if (typeof x === 'string' && pattern.test(x)) return true;
  const shape = pattern === TEMPLATE_CODE ? 'lower-case kebab-case (a-z, 0-9, -)' : 'lower-case snake_case (a-z, 0-9, _)';
  const shapeZh = pattern === TEMPLATE_CODE ? '小写字母开头,只含 a-z、0-9、-' : '小写字母开头,只含 a-z、0-9、_';
  out.push(issue(path, 'invalid_code', `a ${what} code is ${shape}, at most 63 characters`, `编码须${shapeZh},最多 63 个字符`));
  return false;
}

function points(x: unknown, path: Path, out: ScoringIssue[]): number | undefined {
  const milli = toMilli(x);
  if (milli === undefined) {
    out.push(issue(path, 'invalid_points', `points are a decimal from 0 to ${MAX_POINTS} with at most 3 decimal places`, `分值须为 0–${MAX_POINTS} 之间、最多 3 位小数的数`));
  }
  return milli;
}

function finite(x: unknown, path: Path, out: ScoringIssue[]): x is number {
  if (typeof x === 'number' && Number.isFinite(x)) return true;
  out.push(issue(path, 'invalid_shape', 'must be a number', '应为数字'));
  return false;
}

function compileMetric(m: unknown, path: Path, out: ScoringIssue[]): CompiledMetric | undefined {
  const before = out.length;
  if (!node(m, METRIC_KEYS, path, out)) return undefined;
  code(m.code, CODE, [...path, 'code'], out, 'metric');
  const unit = m.unit as MetricUnit;
  if (!METRIC_UNITS.includes(unit)) {
    out.push(issue([...path, 'unit'], 'invalid_shape', `unit must be one of ${METRIC_UNITS.join(', ')}`, `单位须为 ${METRIC_UNITS.join('、')} 之一`));
    return undefined;
  }
  if (!BOUNDARIES.includes(m.failsWhen as Boundary)) {
    out.push(issue([...path, 'failsWhen'], 'invalid_shape', `failsWhen must be one of ${BOUNDARIES.join(' ')}`, `failsWhen 须为 ${BOUNDARIES.join(' ')} 之一`));
  }
  const range = METRIC_RANGES[unit];
  const min = m.min === undefined ? range.min : m.min;
  const max = m.max === undefined ? range.max : m.max;
  if (finite(min, [...path, 'min'], out) && finite(max, [...path, 'max'], out)) {
    if (min >= max) out.push(issue([...path, 'max'], 'inconsistent', `max (${max}) must be greater than min (${min})`, `上限(${max})须大于下限(${min})`));
    else if (finite(m.threshold, [...path, 'threshold'], out) && (m.threshold < min || m.threshold > max)) {
      out.push(issue([...path, 'threshold'], 'out_of_range', `threshold ${m.threshold} is outside the metric's range ${min}–${max}`, `阈值 ${m.threshold} 超出该指标的取值范围 ${min}–${max}`));
    }
  } else if (m.threshold !== undefined) finite(m.threshold, [...path, 'threshold'], out);
  if (out.length > before) return undefined;
  return { code: m.code as string, failsWhen: m.failsWhen as Boundary, threshold: m.threshold as number, min: min as number, max: max as number, integer: range.integer };
}

function compileItem(it: unknown, section: string, path: Path, out: ScoringIssue[]): CompiledItem | undefined {
  const before = out.length;
  if (!node(it, ITEM_KEYS, path, out)) return undefined;
  code(it.code, CODE, [...path, 'code'], out, 'item');
  for (const flag of ['allowNa', 'advisory', 'veto', 'incomplete', 'evidence'] as const) expectBoolean(it[flag], [...path, flag], out);
  const advisory = it.advisory === true;
  const veto = it.veto === true;
  const incomplete = it.incomplete === true;
  if ([advisory, veto, incomplete].filter(Boolean).length > 1) {
    out.push(issue(path, 'inconsistent', 'an item is at most one of advisory, veto and incomplete', '一个项目只能是"提倡项""一票否决项""内容缺失项"中的一种'));
  }
  const scored = !advisory && !incomplete;
  if (it.per === undefined ? !incomplete : it.per !== 'case' && it.per !== 'failure') {
    out.push(issue([...path, 'per'], 'invalid_shape', 'per must be "case" (deduct per case) or "failure" (per failed indicator)', 'per 须为 "case"(按例扣分)或 "failure"(按未达标指标扣分)'));
  }
  let pts = 0;
  if (it.points !== undefined) pts = points(it.points, [...path, 'points'], out) ?? 0;
  else if (scored) out.push(issue([...path, 'points'], 'invalid_points', 'a scored item needs its points', '计分项目须写明分值'));
  let deduction = pts;
  if (it.deduction !== undefined) {
    const d = points(it.deduction, [...path, 'deduction'], out);
    if (d === 0) out.push(issue([...path, 'deduction'], 'invalid_points', 'a deduction must be more than 0', '扣分须大于 0'));
    deduction = d ?? 0;
  }
  let cap = pts;
  if (it.cap !== undefined) {
    const c = points(it.cap, [...path, 'cap'], out);
    if (c !== undefined && c > pts) {
      out.push(issue([...path, 'cap'], 'inconsistent', `the cap (${formatMilli(c)}) cannot exceed the item's points (${formatMilli(pts)})`, `扣分上限(${formatMilli(c)})不能超过该项分值(${formatMilli(pts)})`));
    }
    cap = c ?? 0;
  }
  const metrics = new Map<string, CompiledMetric>();
  if (it.metrics !== undefined && expectArray(it.metrics, [...path, 'metrics'], 1, LIMITS.metrics, out)) {
    it.metrics.forEach((m, i) => {
      const cm = compileMetric(m, [...path, 'metrics', i], out);
      if (!cm) return;
      if (metrics.has(cm.code)) out.push(issue([...path, 'metrics', i, 'code'], 'duplicate_code', `metric "${cm.code}" is listed twice`, `指标"${cm.code}"重复`));
      metrics.set(cm.code, cm);
    });
  }
  if (out.length > before) return undefined;
  return {
    code: it.code as string,
    section,
    per: it.per as DeductionBasis | undefined,
    points: scored ? pts : 0,
    deduction,
    cap,
    metrics,
    allowNa: it.allowNa === true,
    advisory,
    veto,
    incomplete,
    evidence: it.evidence === true,
    scored,
  };
}

function compile(t: unknown, out: ScoringIssue[]): CompiledTemplate | undefined {
  if (!node(t, TEMPLATE_KEYS, [], out)) return undefined;
  code(t.code, TEMPLATE_CODE, ['code'], out, 'template');
  if (t.version !== undefined && !(Number.isInteger(t.version) && (t.version as number) >= 1)) {
    out.push(issue(['version'], 'invalid_shape', 'version is a whole number from 1', '版本号须为不小于 1 的整数'));
  }
  const mode = t.mode as ScoringMode;
  if (mode !== 'deduct' && mode !== 'earn') {
    out.push(issue(['mode'], 'invalid_shape', 'mode must be "deduct" (full mark minus deductions) or "earn" (sum of the points kept)', 'mode 须为 "deduct"(满分减扣分)或 "earn"(各项得分相加)'));
  }
  const vetoOutcome = (t.vetoOutcome ?? 'zero') as VetoOutcome;
  if (vetoOutcome !== 'zero' && vetoOutcome !== 'flag') {
    out.push(issue(['vetoOutcome'], 'invalid_shape', 'vetoOutcome must be "zero" or "flag"', 'vetoOutcome 须为 "zero"(记 0 分)或 "flag"(保留得分并标记否决)'));
  }
  const items: CompiledItem[] = [];
  const byCode = new Map<string, CompiledItem>();
  const sectionCodes = new Set<string>();
  if (expectArray(t.sections, ['sections'], 1, LIMITS.sections, out)) {
    t.sections.forEach((s, si) => {
      const sp: Path = ['sections', si];
      if (!node(s, SECTION_KEYS, sp, out)) return;
      if (code(s.code, CODE, [...sp, 'code'], out, 'section')) {
        if (sectionCodes.has(s.code)) out.push(issue([...sp, 'code'], 'duplicate_code', `section "${s.code}" is listed twice`, `分节"${s.code}"重复`));
        sectionCodes.add(s.code);
      }
      if (!expectArray(s.items, [...sp, 'items'], 1, LIMITS.itemsPerSection, out)) return;
      s.items.forEach((it, ii) => {
        const item = compileItem(it, String(s.code), [...sp, 'items', ii], out);
        if (!item) return;
        if (byCode.has(item.code)) {
          out.push(issue([...sp, 'items', ii, 'code'], 'duplicate_code', `item "${item.code}" is listed twice in the template`, `项目"${item.code}"在模板中重复`));
          return;
        }
        byCode.set(item.code, item);
        items.push(item);
      });
    });
    if (items.length > LIMITS.items) out.push(issue(['sections'], 'out_of_range', `a template holds at most ${LIMITS.items} items`, `一个模板最多 ${LIMITS.items} 个项目`));
  }
  if (out.length > 0) return undefined;
  if (!items.some((i) => i.scored)) {
    out.push(issue(['sections'], 'inconsistent', 'a template needs at least one scored item', '模板至少需要一个计分项目'));
    return undefined;
  }
  const sum = items.reduce((acc, i) => acc + i.points, 0);
  let fullMark = sum;
  if (t.fullMark !== undefined) {
    const fm = points(t.fullMark, ['fullMark'], out);
    if (fm === undefined) return undefined;
    if (fm === 0) out.push(issue(['fullMark'], 'invalid_points', 'the full mark must be more than 0', '满分须大于 0'));
    if (mode === 'earn' && fm !== sum) {
      out.push(issue(['fullMark'], 'inconsistent', `an "earn" template's full mark (${formatMilli(fm)}) must equal its items' points (${formatMilli(sum)})`, `"earn"模板的满分(${formatMilli(fm)})须等于各项分值之和(${formatMilli(sum)})`));
    }
    fullMark = fm;
  } else if (mode === 'deduct') {
    out.push(issue(['fullMark'], 'invalid_points', 'a "deduct" template needs its full mark', '"deduct"(满分减扣分)模板须写明满分'));
  }
  if (out.length > 0) return undefined;
  const compiled: CompiledTemplate = { [COMPILED]: true, code: t.code as string, mode, fullMark, vetoOutcome, items, byCode };
  if (t.version !== undefined) compiled.version = t.version as number;
  return compiled;
}

export type TemplateValidation = { ok: true; template: ScoringTemplate; compiled: CompiledTemplate } | { ok: false; issues: ScoringIssue[] };

/** Checks a template; never throws. */
export function validateTemplate(template: unknown): TemplateValidation {
  const issues: ScoringIssue[] = [];
  const compiled = guarded(() => compile(template, issues), [], issues);
  if (compiled && issues.length === 0) return { ok: true, template: template as ScoringTemplate, compiled };
  if (issues.length === 0) issues.push(issue([], 'invalid_shape', 'not a scoring template', '不是有效的评分模板'));
  return { ok: false, issues };
}

const cache = new WeakMap<object, CompiledTemplate>();

/**
 * The compiled form of a template; throws `ScoringTemplateError`. Frozen templates (pack data)
 * are compiled once.
 */
export function compileTemplate(template: ScoringTemplate | CompiledTemplate): CompiledTemplate {
  if (isCompiledTemplate(template)) return template;
  const frozen = typeof template === 'object' && template !== null && Object.isFrozen(template);
  const hit = frozen ? cache.get(template) : undefined;
  if (hit) return hit;
  const r = validateTemplate(template);
  if (!r.ok) throw new ScoringTemplateError(r.issues);
  if (frozen) cache.set(template, r.compiled);
  return r.compiled;
}
