/**
 * Small builders for the sanction catalogues: facts with their labels, amounts in 元 written as
 * cited fen, so each catalogue reads like its source document.
 */
import type { FactSpec } from '../../../engines/rules/index.js';
import type { PackSanctionRule } from '../../sanction-rules.js';

type Note = { zh: string; en: string };
export type Catalogue = Record<string, PackSanctionRule>;

export const label = (zh: string, en: string) => ({ zh, en });
export const note = (zh: string, en: string): Note => ({ zh, en });

/** An amount in 元 as cited fen; null is a placeholder the organisation must set. */
export function yuan(amount: number | null, source: string, decision?: Note) {
  return { value: amount === null ? null : amount * 100, source, ...(decision ? { decision } : {}) };
}

const fact = (name: string, type: FactSpec['type'], required: boolean, zh: string, en: string): FactSpec => ({ name, type, required, label: { zh, en } });

/** The facts the catalogues read, one wording each. */
export const facts = {
  items: fact('items', 'integer', true, '项数', 'items'),
  times: fact('times', 'integer', true, '次数', 'times'),
  points: fact('points', 'decimal', true, '扣分', 'points lost'),
  quarters: fact('quarters', 'integer', true, '提前达标的季度数', 'quarters early'),
  spots: fact('spots', 'integer', true, '查到的处数', 'spots found'),
  members: fact('members', 'integer', true, '单位人数', 'members of the unit'),
  present: fact('present', 'integer', true, '在场员工人数', 'employees present'),
  participants: fact('participants', 'integer', true, '参与人数', 'participants'),
  amountFen: fact('amountFen', 'fen', true, '审核人确定的金额（分）', "the reviewer's amount (fen)"),
  serious: fact('serious', 'boolean', false, '情节严重', 'serious'),
  stage: fact('stage', 'string', true, '阶段', 'stage'),
  target: fact('target', 'decimal', false, '目标分值（须与阶段目标一致）', "target (must match the stage's)"),
  score: fact('score', 'decimal', true, '得分', 'score'),
  rankFromBottom: fact('rank', 'integer', true, '倒数名次', 'rank from the bottom'),
  rankFromTop: fact('rank', 'integer', true, '名次', 'rank'),
  level: fact('level', 'string', false, '媒体或监督单位级别', 'level of the media or supervisor'),
  repeat: fact('repeat', 'boolean', false, '同样问题再次发生', 'the same problem again'),
  priority: fact('priority', 'boolean', false, '上级行重点整治项目', "a superior's priority item"),
} as const;
