import type { TFunction } from 'i18next';
import type { TemplateItem } from './model';

const yuan = (fen: number) => String(fen / 100);
/** A band from 1 fen is any amount at all. */
const from = (fen: number, t: TFunction) => (fen <= 1 ? t('appraisalTemplates.rules.any') : `≥ ¥${yuan(fen)}`);

/** How an item is scored, in words (the rule's figures; the engine's formula per sheet is in the sheet). */
export function ruleInWords(item: TemplateItem, t: TFunction): string {
  if (item.kind === 'judged') return t('appraisalTemplates.rules.judged', { min: item.range?.min, max: item.range?.max });
  const measure = t(`appraisalTemplates.measures.${item.measure}`);
  const r = item.rule!;
  switch (r.kind) {
    case 'ratio':
      return `${measure}: ${t(`appraisalTemplates.rules.ratio.${r.mode}`, { target: r.target, perPoint: r.perPoint ?? '0', max: item.max })}`;
    case 'per_record':
      return `${measure}: ${t('appraisalTemplates.rules.perRecord', { points: r.points })}`;
    case 'deducted_points':
      return `${measure}: ${t('appraisalTemplates.rules.deductedPoints', { factor: r.factor })}`;
    case 'veto':
      return `${measure}: ${t('appraisalTemplates.rules.veto')}`;
    case 'bands':
      return `${measure}: ${t('appraisalTemplates.rules.bands', {
        base: r.base,
        fines: r.fines.map((b) => `${from(b.atLeastFen, t)} −${b.points}`).join(', ') || '—',
        rewards: r.rewards.map((b) => `${from(b.atLeastFen, t)} +${b.points}`).join(', ') || '—',
      })}`;
    case 'deliverables':
      return `${measure}: ${t('appraisalTemplates.rules.deliverables', { late: r.late, missing: r.missing })}`;
  }
}
