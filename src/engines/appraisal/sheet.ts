/**
 * Filling one sheet (每人每周期一张考核表, 002:L216): every measured item from the person's facts by
 * its rule, every judged item (德能勤绩) from the head's score, each clamped to its floor and cap and
 * rounded to 2 places, with the formula and its figures in words and the records behind the figure.
 */
import { add, cmp, div, fromInt, max as maxOf, min as minOf, mul, parse, round2, sub, sum, text, ZERO, type Exact } from './decimal.js';
import { AppraisalError } from './errors.js';
import { checkJudged, checkTemplate } from './check.js';
import { starFor } from './stars.js';
import type { AmountBand, Decimal, FactRecord, FilledItem, FilledSheet, Label, MeasuredItem, MeasuredSource, SheetTemplate, StaffFacts } from './types.js';

const HUNDRED = fromInt(100);
const d = (x: Decimal) => parse(x) as Exact; // template decimals are checked before use
const t = text;
const yuan = (fen: number) => t(div(fromInt(fen), HUNDRED));

const MEASURE_WORDS: Record<MeasuredSource, Label> = {
  satisfaction: { zh: '满意率', en: 'satisfaction' },
  rating_rate: { zh: '评价率', en: 'rating rate' },
  verified_complaints: { zh: '查实投诉', en: 'verified complaints' },
  inspection_deductions: { zh: '检查扣分', en: 'inspection deductions' },
  inspection_vetoes: { zh: '一票否决', en: 'vetoes' },
  sanctions: { zh: '奖惩', en: 'sanctions' },
  follow_up_timeliness: { zh: '按时回访率', en: 'on-time follow-ups' },
  campaign_deliverables: { zh: '专项活动材料', en: 'campaign deliverables' },
};

interface Raw {
  value: Exact | null;
  raw: Exact;
  records: FactRecord[];
  zh: string;
  en: string;
  vetoed?: boolean;
}

function checkFacts(f: StaffFacts): void {
  const counts: [string, number][] = [
    ['ratings.rated', f.ratings.rated],
    ['ratings.satisfied', f.ratings.satisfied],
    ['ratings.served', f.ratings.served],
    ['sanctions.fineFen', f.sanctions.fineFen],
    ['sanctions.rewardFen', f.sanctions.rewardFen],
    ['followUps.due', f.followUps.due],
    ['followUps.onTime', f.followUps.onTime],
    ['deliverables.due', f.deliverables.due],
    ['deliverables.late', f.deliverables.late],
    ['deliverables.missing', f.deliverables.missing],
  ];
  for (const [field, n] of counts) {
    if (!Number.isSafeInteger(n) || n < 0) throw new AppraisalError('appraisal_facts_invalid', `${field} must be a whole number ≥ 0, not ${n}`, field);
  }
  if (f.ratings.satisfied > f.ratings.rated) throw new AppraisalError('appraisal_facts_invalid', 'more satisfied ratings than ratings', 'ratings.satisfied');
  if (f.followUps.onTime > f.followUps.due) throw new AppraisalError('appraisal_facts_invalid', 'more follow-ups on time than due', 'followUps.onTime');
  const p = parse(f.inspectionDeductions.points);
  if (!p || cmp(p, ZERO) < 0) throw new AppraisalError('appraisal_facts_invalid', `inspection deduction points "${f.inspectionDeductions.points}" are not a decimal ≥ 0`, 'inspectionDeductions.points');
}

function ratioOf(item: MeasuredItem, f: StaffFacts): { num: number; den: number; records: FactRecord[] } {
  switch (item.measure) {
    case 'satisfaction':
      return { num: f.ratings.satisfied, den: f.ratings.rated, records: f.ratings.records ?? [] };
    case 'rating_rate':
      return { num: f.ratings.rated, den: f.ratings.served, records: f.ratings.records ?? [] };
    default:
      return { num: f.followUps.onTime, den: f.followUps.due, records: f.followUps.records };
  }
}

const band = (bands: readonly AmountBand[], fen: number): Exact =>
  bands.reduce<Exact>((acc, b) => (fen >= b.atLeastFen && fen > 0 ? d(b.points) : acc), ZERO);

function measured(item: MeasuredItem, f: StaffFacts): Raw {
  const top = d(item.max);
  const floor = d(item.min);
  const name = MEASURE_WORDS[item.measure];
  const rule = item.rule;
  switch (rule.kind) {
    case 'ratio': {
      const { num, den, records } = ratioOf(item, f);
      if (den === 0) {
        const raw = rule.noData === 'full' ? top : floor;
        return { value: null, raw, records, zh: `无${name.zh}数据,按${rule.noData === 'full' ? '满分' : '保底分'}计 ${t(raw)} 分`, en: `no ${name.en} data: ${rule.noData === 'full' ? 'full points' : 'the floor'}, ${t(raw)}` };
      }
      const pct = div(mul(fromInt(num), HUNDRED), fromInt(den));
      const target = d(rule.target);
      const fig = `${name.zh} ${t(pct)}%(${num}/${den})`;
      const figEn = `${name.en} ${t(pct)}% (${num}/${den})`;
      if (rule.mode === 'threshold') {
        const met = cmp(pct, target) >= 0;
        const raw = met ? top : floor;
        return { value: pct, raw, records, zh: `${fig}${met ? '达到' : '未达'}目标 ${rule.target}%,计 ${t(raw)} 分`, en: `${figEn} ${met ? 'meets' : 'misses'} the target ${rule.target}%: ${t(raw)}` };
      }
      if (rule.mode === 'per_point') {
        const gap = maxOf(ZERO, sub(target, pct));
        const raw = sub(top, mul(gap, d(rule.perPoint ?? '0')));
        return { value: pct, raw, records, zh: `${item.max} − (目标 ${rule.target}% − ${fig})× ${rule.perPoint ?? '0'} = ${t(raw)} 分`, en: `${item.max} − (target ${rule.target}% − ${figEn}) × ${rule.perPoint ?? '0'} = ${t(raw)}` };
      }
      const share = minOf(fromInt(1), div(pct, target));
      const raw = mul(top, share);
      return { value: pct, raw, records, zh: `${fig} ÷ 目标 ${rule.target}%(至多 1)× ${item.max} = ${t(raw)} 分`, en: `${figEn} ÷ target ${rule.target}% (at most 1) × ${item.max} = ${t(raw)}` };
    }
    case 'per_record': {
      const records = item.measure === 'verified_complaints' ? f.verifiedComplaints : f.inspectionVetoes;
      const raw = sub(top, mul(fromInt(records.length), d(rule.points)));
      return { value: fromInt(records.length), raw, records, zh: `${item.max} − ${name.zh} ${records.length} 件 × ${rule.points} = ${t(raw)} 分`, en: `${item.max} − ${records.length} ${name.en} × ${rule.points} = ${t(raw)}` };
    }
    case 'deducted_points': {
      const pts = d(f.inspectionDeductions.points);
      const raw = sub(top, mul(pts, d(rule.factor)));
      return { value: pts, raw, records: f.inspectionDeductions.records, zh: `${item.max} − ${name.zh} ${t(pts)} × ${rule.factor} = ${t(raw)} 分`, en: `${item.max} − ${name.en} ${t(pts)} × ${rule.factor} = ${t(raw)}` };
    }
    case 'veto': {
      const n = f.inspectionVetoes.length;
      if (n === 0) return { value: ZERO, raw: top, records: [], zh: `无一票否决事项,计 ${item.max} 分`, en: `no veto: ${item.max}` };
      return { value: fromInt(n), raw: floor, records: f.inspectionVetoes, vetoed: true, zh: `一票否决 ${n} 件:本项计 ${item.min} 分,本期不评星`, en: `${n} veto(es): ${item.min} for this item and no star this period` };
    }
    case 'bands': {
      const { fineFen, rewardFen, records } = f.sanctions;
      const fine = band(rule.fines, fineFen);
      const reward = band(rule.rewards, rewardFen);
      const raw = add(sub(d(rule.base), fine), reward);
      return {
        value: div(fromInt(rewardFen - fineFen), HUNDRED),
        raw,
        records,
        zh: `基础 ${rule.base} − 罚款 ${yuan(fineFen)} 元档 ${t(fine)} + 奖励 ${yuan(rewardFen)} 元档 ${t(reward)} = ${t(raw)} 分`,
        en: `base ${rule.base} − fines ¥${yuan(fineFen)} band ${t(fine)} + rewards ¥${yuan(rewardFen)} band ${t(reward)} = ${t(raw)}`,
      };
    }
    case 'deliverables': {
      const { due, late, missing, records } = f.deliverables;
      const raw = sub(sub(top, mul(fromInt(late), d(rule.late))), mul(fromInt(missing), d(rule.missing)));
      return {
        value: fromInt(late + missing),
        raw,
        records,
        zh: `应交 ${due} 项:${item.max} − 逾期 ${late} × ${rule.late} − 缺交 ${missing} × ${rule.missing} = ${t(raw)} 分`,
        en: `${due} due: ${item.max} − ${late} late × ${rule.late} − ${missing} missing × ${rule.missing} = ${t(raw)}`,
      };
    }
  }
}

/** The raw result clamped to the floor and cap, with the clamp said in words. */
function clamp(raw: Exact, item: { min: Decimal; max: Decimal }): { points: Exact; zh: string; en: string } {
  const r = round2(raw);
  if (cmp(r, d(item.max)) > 0) return { points: d(item.max), zh: `,封顶 ${item.max} 分`, en: `, capped at ${item.max}` };
  if (cmp(r, d(item.min)) < 0) return { points: d(item.min), zh: `,保底 ${item.min} 分`, en: `, floor ${item.min}` };
  return { points: r, zh: '', en: '' };
}

/**
 * The sheet of one person for one period. `judged` holds the head's scores (missing or null: not
 * yet scored). Throws AppraisalError: `appraisal_template_invalid` (a template checkTemplate
 * refuses), `appraisal_judged_out_of_range` (a score checkJudged refuses), `appraisal_facts_invalid`.
 */
export function fillSheet(template: SheetTemplate, facts: StaffFacts, judged: Record<string, Decimal | null>): FilledSheet {
  const problems = checkTemplate(template);
  if (problems.length > 0) throw new AppraisalError('appraisal_template_invalid', `${problems[0].field}: ${problems[0].message?.en ?? problems[0].code}`, problems[0].field);
  const bad = checkJudged(template, judged ?? {});
  if (bad.length > 0) throw new AppraisalError('appraisal_judged_out_of_range', bad[0].message?.en ?? bad[0].code, bad[0].field);
  checkFacts(facts);

  let vetoed = false;
  const items: FilledItem[] = template.items.map((item) => {
    const base = { code: item.code, label: { ...item.label }, group: item.group, kind: item.kind, max: item.max, min: item.min };
    if (item.kind === 'judged') {
      const given = judged?.[item.code];
      if (given === undefined || given === null) {
        return { ...base, source: 'judged' as const, value: null, points: null, range: { ...item.range }, records: [], inWords: { zh: `待评分(${item.range.min}–${item.range.max} 分)`, en: `not yet scored (${item.range.min}–${item.range.max})` } };
      }
      const v = d(given);
      const c = clamp(v, item);
      return { ...base, source: 'judged' as const, value: t(v), points: t(c.points), range: { ...item.range }, records: [], inWords: { zh: `负责人评分 ${t(v)} 分${c.zh}`, en: `scored ${t(v)} by the head${c.en}` } };
    }
    const r = measured(item, facts);
    const c = clamp(r.raw, item);
    if (r.vetoed) vetoed = true;
    return {
      ...base,
      source: item.measure,
      value: r.value === null ? null : t(r.value),
      points: t(c.points),
      records: r.records.map((x) => ({ ...x })),
      inWords: { zh: r.zh + c.zh, en: r.en + c.en },
      ...(r.vetoed ? { vetoed: true } : {}),
    };
  });
  const total = sum(items.map((i) => (i.points === null ? ZERO : d(i.points))));
  const complete = items.every((i) => i.points !== null);
  const totalText = t(total);
  return { items, total: totalText, complete, vetoed, star: complete && !vetoed ? starFor(totalText, template.stars) : null };
}
