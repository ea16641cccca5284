/**
 * Evaluating one sanction rule against the facts (RULES §5): the amount in fen, exact; who is
 * charged; the non-money outcomes; the sum in words.
 */
import { formatMilli, toMilli } from '../scoring/points.js';
import { RuleError } from './errors.js';
import { FactReader } from './facts.js';
import type { Band, Fen, Label, OutcomeCode, RankBandRule, RuleEvaluation, RuleFacts, SanctionRule, SanctionShare, TargetBoundary, TargetScore } from './types.js';
import { count, money, points, words } from './words.js';

/** What a kind computes before repeats and shares: the amount per head (or per target), and heads. */
/** The per-unit amount in force (the rule's own, or its repeat rate) and the pack value it comes from. */
interface Rate {
  fen: Fen;
  field: string;
}

interface Charge {
  eachFen: number;
  /** Heads charged for a headcount rule (every member, everyone present, each participant). */
  heads?: { n: number; label: Label };
  lines: Label[];
  /** Outcomes of the matched band. */
  outcomes?: OutcomeCode[];
  /** False when the facts do not trigger the rule (target met, in no band): no outcomes either. */
  applies: boolean;
}

/** A placeholder the organisation has not set refuses, naming the pack value (RULES §5 Decisions). */
function need(rule: SanctionRule, value: Fen | undefined, field: string): number {
  if (value === null || value === undefined) {
    throw new RuleError('policy_value_missing', `${rule.code}.${field}`, rule.code, `the pack value ${rule.code}.${field} is not set`);
  }
  return value;
}

/** `perFen × milli / 1000`, rounded half up to whole fen (exact for every whole-yuan rate and 0.001 points). */
const times = (perFen: number, milli: number) => Math.floor((perFen * milli + 500) / 1000);

const decimalOf = (rule: SanctionRule, d: string | number, field: string): number => {
  const m = toMilli(d);
  if (m === undefined) throw new RuleError('policy_value_missing', `${rule.code}.${field}`, rule.code, `the pack value ${rule.code}.${field} is not a decimal`);
  return m;
};

/** The target in thousandths: fixed, or the stage's (003:L420–422); a `target` fact must agree. */
function targetOf(rule: SanctionRule, target: TargetScore, f: FactReader): { milli: number; stage?: string } {
  let milli: number;
  let stage: string | undefined;
  if (typeof target === 'object') {
    stage = f.text('stage');
    const t = Object.hasOwn(target.byStage, stage) ? target.byStage[stage] : undefined;
    if (t === undefined) f.invalid('stage', `one of ${Object.keys(target.byStage).join(', ')}`);
    milli = decimalOf(rule, t as string | number, `target.byStage.${stage}`);
  } else {
    milli = decimalOf(rule, target, 'target');
  }
  if (!f.isAbsent('target') && f.milli('target') !== milli) f.invalid('target', `the rule's target ${formatMilli(milli)}`);
  return { milli, stage };
}

const missed = (gapMilli: number, boundary: TargetBoundary) => (boundary === 'strict' ? gapMilli > 0 : gapMilli >= 0);

function targetLine(t: { milli: number; stage?: string }, scoreMilli: number): Label {
  const s = formatMilli(scoreMilli);
  const tg = formatMilli(t.milli);
  return t.stage
    ? { zh: `第 ${t.stage} 阶段目标 ${tg} 分，得分 ${s} 分`, en: `stage ${t.stage} target ${tg}, score ${s}` }
    : { zh: `目标 ${tg} 分，得分 ${s} 分`, en: `target ${tg}, score ${s}` };
}

const NOTHING: Label = { zh: '不处罚', en: 'nothing is charged' };
const NO_REWARD: Label = { zh: '不奖励', en: 'no reward' };

function formula(rule: Extract<SanctionRule, { kind: 'formula' }>, f: FactReader, rate: Rate): Charge {
  const t = targetOf(rule, rule.target, f);
  const score = f.milli('score');
  const gap = t.milli - score;
  if (!missed(gap, rule.boundary)) {
    return { eachFen: 0, lines: [words([targetLine(t, score), '：', { zh: '达到目标，', en: ': target met, ' }, rule.direction === 'fine' ? NOTHING : NO_REWARD])], applies: false };
  }
  const base = need(rule, rule.baseFen, 'baseFen');
  const per = need(rule, rate.fen, rate.field);
  const gapAbs = Math.max(gap, 0);
  const each = base + times(per, gapAbs);
  return {
    eachFen: each,
    lines: [
      words([targetLine(t, score), { zh: `，差 ${formatMilli(gapAbs)} 分`, en: `, ${formatMilli(gapAbs)} short` }]),
      words([money(base), ' + ', points(gapAbs), ' × ', money(per), ' = ', money(each)]),
    ],
    applies: true,
  };
}

function bandMatches(rule: RankBandRule, band: Band, rank: number | undefined, score: number | undefined): boolean {
  if (band.rankFrom !== undefined && (rank as number) < band.rankFrom) return false;
  if (band.rankTo !== undefined && (rank as number) > band.rankTo) return false;
  if (band.scoreAtLeast !== undefined && (score as number) < decimalOf(rule, band.scoreAtLeast, 'bands.scoreAtLeast')) return false;
  if (band.scoreBelow !== undefined && (score as number) >= decimalOf(rule, band.scoreBelow, 'bands.scoreBelow')) return false;
  return true;
}

function rankBand(rule: RankBandRule, f: FactReader, rate: Rate): Charge {
  const usesRank = rule.bands.some((b) => b.rankFrom !== undefined || b.rankTo !== undefined);
  const usesScore = rule.target !== undefined || rule.bands.some((b) => b.scoreAtLeast !== undefined || b.scoreBelow !== undefined);
  const rank = usesRank ? f.integer('rank', 1) : undefined;
  const score = usesScore ? f.milli('score') : undefined;
  const lines: Label[] = [];
  const none = (why: Label): Charge => ({ eachFen: 0, lines: [...lines, words([why, '：', rule.direction === 'fine' ? NOTHING : NO_REWARD])], applies: false });
  if (rank !== undefined) {
    lines.push(rule.rankCounted === 'from_bottom' ? { zh: `倒数第 ${rank} 名`, en: `${rank} from the bottom` } : { zh: `第 ${rank} 名`, en: `ranked ${rank}` });
  }
  let gap = 0;
  if (rule.target !== undefined) {
    const t = targetOf(rule, rule.target, f);
    gap = t.milli - (score as number);
    lines.push(targetLine(t, score as number));
    const isMissed = missed(gap, rule.boundary ?? 'strict');
    if (rule.when === 'target_missed' && !isMissed) return none({ zh: '达到目标', en: 'target met' });
    if (rule.when === 'target_met' && isMissed) return none({ zh: '未达到目标', en: 'target not met' });
    if (!isMissed) gap = 0;
  } else if (score !== undefined) {
    lines.push({ zh: `得分 ${formatMilli(score)} 分`, en: `score ${formatMilli(score)}` });
  }
  const i = rule.bands.findIndex((b) => bandMatches(rule, b, rank, score));
  if (i < 0) return none({ zh: '不在任何档次内', en: 'in no band' });
  const band = rule.bands[i];
  const base = need(rule, band.amountFen, `bands.${band.id ?? i}.amountFen`);
  const perPoint = rule.perPointFen === undefined ? undefined : rate;
  const parts: (Label | string)[] = [words([band.label, ' ', money(base)])];
  let each = base;
  if (perPoint !== undefined && gap > 0) {
    const per = need(rule, perPoint.fen, perPoint.field);
    each += times(per, gap);
    parts.push(' + ', points(gap), ' × ', money(per));
  }
  lines.push(words([...parts, ' = ', money(each)]));
  return { eachFen: each, lines, outcomes: band.outcomes, applies: true };
}

function charge(rule: SanctionRule, f: FactReader, rate: Rate): Charge {
  switch (rule.kind) {
    case 'fixed': {
      const each = need(rule, rate.fen, rate.field);
      return { eachFen: each, lines: [words([rule.label, ' ', money(each)])], applies: true };
    }
    case 'per_item': {
      const per = need(rule, rate.fen, rate.field);
      const n = f.countMilli(rule.countFact);
      const each = times(per, n);
      const spec = f.specOf(rule.countFact);
      const what: Label = spec?.type === 'decimal' ? points(n) : { zh: `${formatMilli(n)} ${spec?.label.zh ?? '项'}`, en: `${formatMilli(n)} ${spec?.label.en ?? 'items'}` };
      return { eachFen: each, lines: [words([what, ' × ', money(per), ' = ', money(each)])], applies: true };
    }
    case 'per_member': {
      const per = need(rule, rate.fen, rate.field);
      const spots = f.integer('spots', 1);
      const members = f.integer('members', 1);
      const each = per * spots;
      return {
        eachFen: each,
        heads: { n: members, label: { zh: '单位全体人员', en: 'every member of the unit' } },
        lines: [words([count(spots, '处', ['spot', 'spots']), ' × ', money(per), ' = ', { zh: `每人 ${money(each).zh}`, en: `${money(each).en} each` }])],
        applies: true,
      };
    }
    case 'per_person_present':
    case 'per_participant': {
      const per = need(rule, rate.fen, rate.field);
      const present = rule.kind === 'per_person_present';
      const n = f.integer(present ? 'present' : 'participants', 1);
      return {
        eachFen: per,
        heads: { n, label: present ? { zh: '在场员工', en: 'employees present' } : { zh: '参与人员', en: 'participants' } },
        lines: [words([rule.label, ' ', { zh: `每人 ${money(per).zh}`, en: `${money(per).en} each` }])],
        applies: true,
      };
    }
    case 'range': {
      const serious = rule.serious !== undefined && f.flag('serious');
      const r = serious ? rule.serious! : rule;
      const prefix = serious ? 'serious.' : '';
      const min = need(rule, r.minFen, `${prefix}minFen`);
      const max = need(rule, r.maxFen, `${prefix}maxFen`);
      const picked = f.fen('amountFen');
      if (picked < min || picked > max) {
        throw new RuleError('amount_out_of_range', 'amountFen', rule.code, `the amount must lie in ${min}–${max} fen`, { minFen: min, maxFen: max });
      }
      const range = words([serious ? { zh: '情节严重，', en: 'serious, ' } : '', { zh: '范围 ', en: 'range ' }, money(min), ' – ', money(max)]);
      return { eachFen: picked, lines: [words([range, { zh: '，选定 ', en: ', chosen ' }, money(picked)])], applies: true };
    }
    case 'formula':
      return formula(rule, f, rate);
    case 'rank_band':
      return rankBand(rule, f, rate);
  }
}

/** The per-unit amount a repeat rate replaces (003:L448: the 200 per point). */
function baseRate(rule: SanctionRule): Rate {
  switch (rule.kind) {
    case 'formula':
      return { fen: rule.perPointFen, field: 'perPointFen' };
    case 'rank_band':
      return { fen: rule.perPointFen ?? null, field: 'perPointFen' };
    case 'range':
      return { fen: null, field: 'minFen' };
    default:
      return { fen: rule.amountFen, field: 'amountFen' };
  }
}

const TARGET_WORDS: Record<string, Label> = {
  person: { zh: '当事人', en: 'the person' },
  unit: { zh: '单位（网点）', en: 'the unit' },
  manager: { zh: '负责人', en: 'the manager' },
  department: { zh: '上级部门', en: 'the department' },
};

/**
 * Evaluates `rule` on `facts`. Refuses with RuleError: `fact_missing` / `fact_invalid` naming
 * the fact, `amount_out_of_range` for a pick outside the range, `policy_value_missing` naming a
 * pack value the organisation has not set.
 */
export function evaluateRule(rule: SanctionRule, facts: RuleFacts): RuleEvaluation {
  const f = new FactReader(rule, facts);
  f.checkAll();
  const takesRepeat = f.specOf('repeat') !== undefined || f.specOf('priority') !== undefined;
  // 003:L432 相同问题重复发生或上级行重点整治项目…加倍考核: either doubles, once.
  const repeat = takesRepeat && (f.flag('repeat') || f.flag('priority'));
  const ownRate = repeat && rule.repeatRate !== undefined && rule.kind !== 'range';
  const c = charge(rule, f, ownRate ? { fen: rule.repeatRate!.amountFen, field: 'repeatRate.amountFen' } : baseRate(rule));
  const lines = [...c.lines];
  let each = c.eachFen;
  if (repeat && c.applies && c.eachFen > 0) {
    if (ownRate) {
      lines.push({ zh: '重复发生，按再犯标准计算', en: 'a repeat offence, charged at the repeat rate' });
    } else {
      const doubled = each * 2;
      lines.push(words([{ zh: '重复发生或重点整治项目，加倍：', en: 'repeat or priority item, doubled: ' }, money(each), ' × 2 = ', money(doubled)]));
      each = doubled;
    }
  }
  const outcomes = c.applies ? [...new Set([...((repeat && rule.repeatOutcomes) || rule.outcomes || []), ...(c.outcomes ?? [])])] : [];
  // A rule that applies charges its targets, also when it charges no money (004:L188 批评教育,
  // 004:L124 通报批评): an outcome-only share of 0 fen names who receives the outcomes.
  const shares: SanctionShare[] = [];
  if (each > 0 || outcomes.length > 0) {
    for (const target of rule.targets) {
      const n = c.heads && target === 'person' ? c.heads.n : 1;
      shares.push({ target, count: n, amountFenEach: each });
    }
  }
  const amountFen = shares.reduce((s, x) => s + x.count * x.amountFenEach, 0);
  for (const s of shares) {
    if (s.amountFenEach === 0) continue;
    const who = s.target === 'person' && c.heads ? c.heads.label : TARGET_WORDS[s.target];
    lines.push(
      s.count > 1
        ? words([who, ` ${s.count} `, { zh: '人，每人 ', en: '× ' }, money(s.amountFenEach), { zh: '，共 ', en: ' = ' }, money(s.count * s.amountFenEach)])
        : words([who, ' ', money(s.amountFenEach)]),
    );
  }
  if (shares.length > 1 && amountFen > 0) lines.push(words([{ zh: '合计 ', en: 'in all ' }, money(amountFen)]));
  return { ruleCode: rule.code, direction: rule.direction, amountFen, shares, outcomes, breakdown: lines };
}
