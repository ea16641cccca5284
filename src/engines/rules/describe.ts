/**
 * A rule's amounts in words, for the policy screen and the rule list: "每人 100 元（在场员工）",
 * "300–500 元；情节严重 500–1000 元", "1000 元 + 每差 1 分 200 元". An unset placeholder reads
 * "金额未设定" / "amount not set".
 */
import { formatMilli, toMilli } from '../scoring/points.js';
import type { Decimal, Fen, Label, SanctionRule, TargetScore } from './types.js';
import { money, words } from './words.js';

const UNSET: Label = { zh: '金额未设定', en: 'amount not set' };
const amount = (fen: Fen): Label => (fen === null ? UNSET : money(fen));
const dec = (d: Decimal) => {
  const m = toMilli(d);
  return m === undefined ? String(d) : formatMilli(m);
};

function targetWords(t: TargetScore): Label {
  if (typeof t !== 'object') return { zh: `目标 ${dec(t)} 分`, en: `target ${dec(t)}` };
  const stages = Object.entries(t.byStage);
  return {
    zh: `目标：${stages.map(([s, v]) => `第 ${s} 阶段 ${dec(v)} 分`).join('，')}`,
    en: `targets: ${stages.map(([s, v]) => `stage ${s} ${dec(v)}`).join(', ')}`,
  };
}

const perPoint = (fen: Fen): Label => words([{ zh: '每差 1 分 ', en: '' }, amount(fen), { zh: '', en: ' per point short' }]);

/** The rule's amounts in words, both languages. */
export function describeRule(rule: SanctionRule): Label {
  const parts: Label[] = [];
  switch (rule.kind) {
    case 'fixed':
      parts.push(rule.amountFen === 0 ? { zh: '不罚款', en: 'no money' } : amount(rule.amountFen));
      break;
    case 'per_item': {
      const unit = rule.facts.find((f) => f.name === rule.countFact);
      parts.push(unit?.type === 'decimal' ? words([{ zh: '每分 ', en: '' }, amount(rule.amountFen), { zh: '', en: ' per point' }]) : words([amount(rule.amountFen), ' × ', unit?.label ?? { zh: '项数', en: 'items' }]));
      break;
    }
    case 'per_member':
      parts.push(words([{ zh: '每处 ', en: '' }, amount(rule.amountFen), { zh: '，单位全体人员每人', en: ' per spot, to every member of the unit' }]));
      break;
    case 'per_person_present':
      parts.push(words([{ zh: '在场员工每人 ', en: '' }, amount(rule.amountFen), { zh: '', en: ' to every employee present' }]));
      break;
    case 'per_participant':
      parts.push(words([{ zh: '每人 ', en: '' }, amount(rule.amountFen), { zh: '', en: ' per participant' }]));
      break;
    case 'range':
      parts.push(words([amount(rule.minFen), ' – ', amount(rule.maxFen)]));
      if (rule.serious) parts.push(words([{ zh: '情节严重 ', en: 'serious: ' }, amount(rule.serious.minFen), ' – ', amount(rule.serious.maxFen)]));
      break;
    case 'formula':
      parts.push(words([amount(rule.baseFen), ' + ', perPoint(rule.perPointFen)]));
      parts.push(targetWords(rule.target));
      break;
    case 'rank_band':
      for (const b of rule.bands) parts.push(words([b.label, ' ', amount(b.amountFen)]));
      if (rule.perPointFen !== undefined) parts.push(words(['+ ', perPoint(rule.perPointFen)]));
      if (rule.target !== undefined) parts.push(targetWords(rule.target));
      break;
  }
  const perUnit = rule.kind === 'per_item' && rule.facts.find((f) => f.name === rule.countFact)?.type === 'decimal' ? { zh: '每分 ', en: 'per point ' } : { zh: '', en: '' };
  if (rule.repeatRate) parts.push(words([{ zh: `再犯${perUnit.zh}`, en: `again: ${perUnit.en}` }, amount(rule.repeatRate.amountFen)]));
  else if (rule.facts.some((f) => f.name === 'repeat' || f.name === 'priority') && !(rule.kind === 'fixed' && rule.amountFen === 0)) parts.push({ zh: '重复发生加倍', en: 'doubled on a repeat' });
  return { zh: parts.map((p) => p.zh).join('；'), en: parts.map((p) => p.en).join('; ') };
}
