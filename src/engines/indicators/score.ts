/**
 * Scores a competition (RULES §7; ABC Qingdao 001:L927–971): every unit, every indicator, exactly.
 * Each indicator but a deduction floors at 0 and is capped at capMultiple × its weight; a ratio
 * whose bank-wide denominator is zero or negative scores `undefinedRatioShare` × weight for every
 * unit; the total is the exact sum of the indicator scores; ranks are competition ranks
 * (1, 2, 2, 4) by the exact total; a deduction counting `ineligibleAtLeast` items makes the unit
 * not eligible for honours. Pure.
 */
import { IndicatorDefinitionError, IndicatorInputError, type InputIssue } from './errors.js';
import { ZERO, cmp, div, fromInt, mul, neg, parseDecimal, percent, show, sum, toFixed, toFraction, type Exact } from './exact.js';
import type { BlockScore, CompetitionDefinition, CompetitionScores, Indicator, IndicatorScore, Label, UnitInput, UnitScore, UnitValues } from './types.js';
import { INDICATOR_KINDS, RATIO_TERMS } from './types.js';

const CODE = /^[a-z][a-z0-9_]{0,62}$/;

/** The input codes an indicator reads, in order. */
export function inputsOf(ind: Indicator): string[] {
  switch (ind.kind) {
    case 'average':
    case 'deduction':
      return [...ind.inputs];
    case 'ratio':
      return [
        ...(ind.terms.includes('level') ? ['unit_value', 'bank_value'] : []),
        ...(ind.terms.includes('increment') ? ['unit_increment', 'bank_increment'] : []),
        ...(ind.acceptanceFullMark !== undefined ? ['acceptance'] : []),
      ];
    case 'points':
      return ['points'];
    case 'achievement':
      return ['value'];
  }
}

/** Inputs that may be negative (increments); every other input is ≥ 0. */
export const SIGNED_INPUTS: ReadonlySet<string> = new Set(['unit_increment', 'bank_increment']);

function dec(path: string, x: unknown, { positive = false } = {}): Exact {
  const v = parseDecimal(x);
  if (v === undefined || v.n < 0n || (positive && v.n === 0n)) throw new IndicatorDefinitionError(path, `${JSON.stringify(x)} is not a decimal ${positive ? '> 0' : '≥ 0'}`);
  return v;
}

/** Checks a definition; throws IndicatorDefinitionError naming the first problem. */
export function validateDefinition(def: CompetitionDefinition): void {
  dec('capMultiple', def.capMultiple, { positive: true });
  const share = dec('undefinedRatioShare', def.undefinedRatioShare);
  if (cmp(share, fromInt(1)) > 0) throw new IndicatorDefinitionError('undefinedRatioShare', 'a share is at most 1');
  const blocks = new Set<string>();
  def.blocks.forEach((b, i) => {
    if (!CODE.test(b.code) || blocks.has(b.code)) throw new IndicatorDefinitionError(`blocks.${i}.code`, `"${b.code}" is not a new snake_case code`);
    blocks.add(b.code);
    dec(`blocks.${i}.weight`, b.weight);
  });
  if (def.indicators.length === 0) throw new IndicatorDefinitionError('indicators', 'a competition has at least one indicator');
  const codes = new Set<string>();
  def.indicators.forEach((ind, i) => {
    const at = `indicators.${i}`;
    if (!CODE.test(ind.code) || codes.has(ind.code)) throw new IndicatorDefinitionError(`${at}.code`, `"${ind.code}" is not a new snake_case code`);
    codes.add(ind.code);
    if (!(INDICATOR_KINDS as readonly string[]).includes(ind.kind)) throw new IndicatorDefinitionError(`${at}.kind`, `unknown kind "${String(ind.kind)}"`);
    if (!blocks.has(ind.block)) throw new IndicatorDefinitionError(`${at}.block`, `no block "${ind.block}"`);
    const w = dec(`${at}.weight`, ind.weight);
    const inputs = inputsOf(ind);
    if (inputs.length === 0 || new Set(inputs).size !== inputs.length || inputs.some((c) => !CODE.test(c))) throw new IndicatorDefinitionError(`${at}.inputs`, 'one or more distinct snake_case input codes');
    switch (ind.kind) {
      case 'average':
        dec(`${at}.fullMark`, ind.fullMark, { positive: true });
        break;
      case 'ratio':
        if (ind.terms.length === 0 || new Set(ind.terms).size !== ind.terms.length || ind.terms.some((t) => !(RATIO_TERMS as readonly string[]).includes(t))) throw new IndicatorDefinitionError(`${at}.terms`, 'level and/or increment, each once');
        ind.factors.forEach((f, j) => dec(`${at}.factors.${j}`, f));
        if (ind.acceptanceFullMark !== undefined) dec(`${at}.acceptanceFullMark`, ind.acceptanceFullMark, { positive: true });
        break;
      case 'deduction':
        if (w.n !== 0n) throw new IndicatorDefinitionError(`${at}.weight`, 'a deduction weighs 0');
        dec(`${at}.perItem`, ind.perItem);
        if (ind.ineligibleAtLeast !== undefined && (!Number.isInteger(ind.ineligibleAtLeast) || ind.ineligibleAtLeast < 1)) throw new IndicatorDefinitionError(`${at}.ineligibleAtLeast`, 'a whole number ≥ 1');
        break;
      case 'achievement':
        dec(`${at}.target`, ind.target, { positive: true });
        break;
      case 'points':
        break;
    }
  });
}

/**
 * Checks raw figures against a definition: every indicator and input code known, every value a
 * decimal (≥ 0 except increments). Returns every issue found (empty when all is well).
 */
export function checkInputs(def: CompetitionDefinition, units: readonly UnitInput[]): InputIssue[] {
  const byCode = new Map(def.indicators.map((i) => [i.code, i]));
  const issues: InputIssue[] = [];
  for (const u of units) {
    for (const [indicator, inputs] of Object.entries(u.values)) {
      const ind = byCode.get(indicator);
      if (!ind) {
        issues.push({ unitId: u.unitId, indicator, input: '', reason: 'unknown_indicator' });
        continue;
      }
      const known = new Set(inputsOf(ind));
      for (const [input, value] of Object.entries(inputs)) {
        if (!known.has(input)) issues.push({ unitId: u.unitId, indicator, input, reason: 'unknown_input' });
        else if (value === null || value === undefined) continue;
        else {
          const v = parseDecimal(value);
          if (v === undefined) issues.push({ unitId: u.unitId, indicator, input, reason: 'not_a_decimal' });
          else if (v.n < 0n && !SIGNED_INPUTS.has(input)) issues.push({ unitId: u.unitId, indicator, input, reason: 'negative' });
          else if (ind.kind === 'deduction' && v.d !== 1n) issues.push({ unitId: u.unitId, indicator, input, reason: 'not_whole' });
        }
      }
    }
  }
  return issues;
}

const two = (x: Exact) => toFixed(x, 2);
const w2 = (zh: string, en: string): Label => ({ zh, en });

interface Raw {
  status: 'scored' | 'fallback';
  raw: Exact;
  items?: number;
  formula: Label;
}

function rawScore(def: CompetitionDefinition, ind: Indicator, v: Record<string, Exact>): Raw {
  const w = parseDecimal(ind.weight)!;
  switch (ind.kind) {
    case 'average': {
      const xs = ind.inputs.map((c) => v[c]);
      const avg = div(sum(xs), fromInt(xs.length));
      const full = parseDecimal(ind.fullMark)!;
      const raw = div(mul(avg, w), full);
      const tail = `${show(avg)} ÷ ${show(full)} × ${show(w)} = ${show(raw)}`;
      if (xs.length === 1) return { status: 'scored', raw, formula: w2(`得分 ${tail}`, `score ${tail}`) };
      const list = xs.map(show);
      return {
        status: 'scored',
        raw,
        formula: w2(`${xs.length} 次平均 (${list.join(' + ')}) ÷ ${xs.length} = ${show(avg)}；${tail}`, `average of ${xs.length} (${list.join(' + ')}) ÷ ${xs.length} = ${show(avg)}; ${tail}`),
      };
    }
    case 'ratio': {
      const factors = ind.factors.map((f) => parseDecimal(f)!);
      const parts: { name: string; unit: string; bank: string; denominator: string }[] = [];
      if (ind.terms.includes('level')) parts.push({ name: ind.terms.length > 1 ? 'r' : 'r', unit: 'unit_value', bank: 'bank_value', denominator: 'value' });
      if (ind.terms.includes('increment')) parts.push({ name: ind.terms.length > 1 ? 'Δr' : 'r', unit: 'unit_increment', bank: 'bank_increment', denominator: 'increment' });
      const undefinedPart = parts.find((p) => v[p.bank].n <= 0n);
      if (undefinedPart) {
        const share = parseDecimal(def.undefinedRatioShare)!;
        const raw = mul(w, share);
        const what = undefinedPart.denominator === 'increment' ? w2('全行增量', 'the bank-wide increment') : w2('全行值', 'the bank-wide value');
        return {
          status: 'fallback',
          raw,
          formula: w2(
            `${what.zh}为 ${show(v[undefinedPart.bank])}（≤ 0），比值无意义：各行均按权重的 ${percent(share)} 计，${show(w)} × ${percent(share)} = ${show(raw)}`,
            `${what.en} is ${show(v[undefinedPart.bank])} (≤ 0), so the ratio is undefined: every unit scores ${percent(share)} of the weight, ${show(w)} × ${percent(share)} = ${show(raw)}`,
          ),
        };
      }
      const ratios = parts.map((p) => ({ p, r: div(v[p.unit], v[p.bank]) }));
      const r = sum(ratios.map((x) => x.r));
      let raw = mul(r, w);
      for (const f of factors) raw = mul(raw, f);
      let accZh = '';
      let accEn = '';
      if (ind.acceptanceFullMark !== undefined) {
        const full = parseDecimal(ind.acceptanceFullMark)!;
        raw = div(mul(raw, v.acceptance), full);
        accZh = ` × 验收 ${show(v.acceptance)} ÷ ${show(full)}`;
        accEn = ` × acceptance ${show(v.acceptance)} ÷ ${show(full)}`;
      }
      const defs = ratios.map(({ p, r: x }) => `${p.name} = ${show(v[p.unit])} ÷ ${show(v[p.bank])} = ${show(x)}`);
      const sumText = ratios.length > 1 ? `(${ratios.map((x) => x.p.name).join(' + ')})` : ratios[0].p.name;
      const fText = factors.map((f) => ` × ${percent(f)}`).join('');
      return {
        status: 'scored',
        raw,
        formula: w2(`${defs.join('；')}；${sumText} × ${show(w)}${fText}${accZh} = ${show(raw)}`, `${defs.join('; ')}; ${sumText} × ${show(w)}${fText}${accEn} = ${show(raw)}`),
      };
    }
    case 'deduction': {
      const per = parseDecimal(ind.perItem)!;
      const count = sum(ind.inputs.map((c) => v[c]));
      const raw = neg(mul(count, per));
      const items = Number(count.n / count.d);
      const list = ind.inputs.map((c) => show(v[c])).join(' + ');
      return { status: 'scored', raw, items, formula: w2(`${list} = ${show(count)} 件(次) × −${show(per)} = ${show(raw)}`, `${list} = ${show(count)} item(s) × −${show(per)} = ${show(raw)}`) };
    }
    case 'points': {
      const raw = v.points;
      return { status: 'scored', raw, formula: w2(`评定得分 ${show(raw)}`, `points awarded ${show(raw)}`) };
    }
    case 'achievement': {
      const target = parseDecimal(ind.target)!;
      const value = v.value;
      if (ind.direction === 'higher') {
        const raw = div(mul(value, w), target);
        return { status: 'scored', raw, formula: w2(`实际 ${show(value)} ÷ 目标 ${show(target)} × ${show(w)} = ${show(raw)}`, `actual ${show(value)} ÷ target ${show(target)} × ${show(w)} = ${show(raw)}`) };
      }
      if (value.n === 0n) {
        const raw = mul(w, parseDecimal(def.capMultiple)!);
        return { status: 'scored', raw, formula: w2(`实际为 0，优于目标 ${show(target)}：得封顶分`, `actual 0 beats target ${show(target)}: the cap`) };
      }
      const raw = div(mul(target, w), value);
      return { status: 'scored', raw, formula: w2(`目标 ${show(target)} ÷ 实际 ${show(value)} × ${show(w)} = ${show(raw)}`, `target ${show(target)} ÷ actual ${show(value)} × ${show(w)} = ${show(raw)}`) };
    }
  }
}

function scoreIndicator(def: CompetitionDefinition, ind: Indicator, values: UnitValues): { result: IndicatorScore; exactScore: Exact } {
  const w = parseDecimal(ind.weight)!;
  const given = values[ind.code] ?? {};
  const v: Record<string, Exact> = {};
  const missing: string[] = [];
  for (const c of inputsOf(ind)) {
    const x = given[c];
    const parsed = x === null || x === undefined ? undefined : parseDecimal(x);
    if (parsed === undefined) missing.push(c);
    else v[c] = parsed;
  }
  const base = { code: ind.code, block: ind.block, kind: ind.kind, weight: show(w), missing };
  if (missing.length > 0) {
    return {
      exactScore: ZERO,
      result: { ...base, status: 'missing', raw: null, score: two(ZERO), exact: '0', capped: false, floored: false, formula: w2(`缺少数据：${missing.join('、')}，计 0 分`, `missing ${missing.join(', ')}: scores 0`) },
    };
  }
  const r = rawScore(def, ind, v);
  let score = r.raw;
  let capped = false;
  let floored = false;
  let zh = r.formula.zh;
  let en = r.formula.en;
  if (ind.kind !== 'deduction') {
    const capMultiple = parseDecimal(def.capMultiple)!;
    const cap = mul(capMultiple, w);
    if (cmp(score, cap) > 0) {
      score = cap;
      capped = true;
      zh += `，超过上限，按 ${show(capMultiple)} × ${show(w)} = ${two(cap)} 计`;
      en += `, capped at ${show(capMultiple)} × ${show(w)} = ${two(cap)}`;
    } else if (score.n < 0n) {
      score = ZERO;
      floored = true;
      zh += '，低于 0，按 0 分计';
      en += ', floored at 0';
    }
  }
  zh += ` → ${two(score)}`;
  en += ` → ${two(score)}`;
  return {
    exactScore: score,
    result: { ...base, status: r.status, raw: show(r.raw), score: two(score), exact: toFraction(score), capped, floored, ...(r.items !== undefined ? { items: r.items } : {}), formula: { zh, en } },
  };
}

/** Competition ranks by an exact value, highest first (1, 2, 2, 4); ties keep input order. */
export function rankExact<T>(items: readonly T[], value: (t: T) => Exact): (T & { rank: number })[] {
  const sorted = items.map((t, i) => ({ t, i, x: value(t) })).sort((a, b) => cmp(b.x, a.x) || a.i - b.i);
  let rank = 0;
  return sorted.map((s, n) => {
    if (n === 0 || cmp(s.x, sorted[n - 1].x) !== 0) rank = n + 1;
    return { ...s.t, rank };
  });
}

/**
 * Every unit's score with its breakdown, ranked. Throws IndicatorDefinitionError for a bad
 * definition and IndicatorInputError (every issue at once) for a value that is not a decimal.
 * A unit without some input scores 0 on that indicator and is marked incomplete.
 */
export function scoreCompetition(def: CompetitionDefinition, units: readonly UnitInput[]): CompetitionScores {
  validateDefinition(def);
  const issues = checkInputs(def, units);
  if (issues.length > 0) throw new IndicatorInputError(issues);
  const scored = units.map((u) => {
    const parts = def.indicators.map((ind) => scoreIndicator(def, ind, u.values));
    const total = sum(parts.map((p) => p.exactScore));
    const blocks: BlockScore[] = def.blocks.map((b) => ({
      code: b.code,
      label: b.label,
      weight: show(parseDecimal(b.weight)!),
      score: two(sum(parts.filter((p) => p.result.block === b.code).map((p) => p.exactScore))),
    }));
    const reasons: Label[] = [];
    def.indicators.forEach((ind, i) => {
      if (ind.kind !== 'deduction' || ind.ineligibleAtLeast === undefined) return;
      const items = parts[i].result.items;
      if (items !== undefined && items >= ind.ineligibleAtLeast) {
        reasons.push(w2(`${ind.label.zh}本期 ${items} 件(次)，达到 ${ind.ineligibleAtLeast} 件(次)，取消评先资格`, `${ind.label.en}: ${items} in the period, at least ${ind.ineligibleAtLeast}: not eligible for honours`));
      }
    });
    const unit: Omit<UnitScore, 'rank'> & { sortKey: Exact } = {
      unitId: u.unitId,
      total: two(total),
      exactTotal: toFraction(total),
      sortKey: total,
      eligible: reasons.length === 0,
      complete: parts.every((p) => p.result.status !== 'missing'),
      blocks,
      indicators: parts.map((p) => p.result),
      ineligibleReason: reasons.length === 0 ? null : { zh: reasons.map((r) => r.zh).join('；'), en: reasons.map((r) => r.en).join('; ') },
    };
    return unit;
  });
  return {
    code: def.code,
    units: rankExact(scored, (u) => u.sortKey).map(({ sortKey: _, ...u }) => u),
  };
}

