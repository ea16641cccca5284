/**
 * ABC 服务体验提升年 branch evaluation (001:L653–669): mechanisms 30 (lobby managers 10, service
 * managers 10, 6S 10) + supervision 70 (head-office survey and mystery shopper 20, 95599
 * complaint reduction 20, teller satisfaction 20, branch supervision 10), a deduction for major
 * complaints and negative publicity, bonus items. The scoring method itself is in an annex the
 * seeds do not carry (001:L669): where the seed gives only the points, the assessor awards them.
 */
import type { CompetitionPreset } from '../../competitions.js';
import { dec, label, note, src } from '../common.js';

const annex = note(
  '具体计分方法见附件 2，文件中没有：由考核人直接评定得分（0 至权重分）。',
  'The scoring method is in annex 2, which the seeds do not carry: the assessor awards the points (0 to the weight).',
);
const points = (code: string, zh: string, en: string, block: string, weight: string, source: string) => ({
  code,
  label: label(zh, en),
  block,
  kind: 'points' as const,
  weight: src(weight, source),
  formula: label('考核人评定得分（附件 2 计分标准）', 'points awarded by the assessor (annex 2)'),
  inputs: [{ code: 'points', label: label('评定得分', 'points awarded'), measure: '分', source: 'imported' as const }],
  source,
  decision: annex,
});

export const abcBranchEvaluation: CompetitionPreset = {
  label: label('农行“服务体验提升年”分行考核评价', 'ABC Service Experience Year branch evaluation'),
  description: label('服务管理机制落实 30 分、服务监督检查 70 分，重大服务投诉与负面舆情扣分，服务文化培育加分。', 'Mechanisms 30, supervision 70, deductions for major complaints and negative publicity, bonus items.'),
  source: '001:L653–669',
  capMultiple: dec('1', note('原文未规定单项封顶：各项最高得权重分（加分项最高得其上限）。', 'The source sets no per-indicator cap: each scores at most its weight (a bonus item at most its limit).'), '001:L669'),
  undefinedRatioShare: dec('0.8', note('本考核没有比值指标；与青岛竞赛一致取 80%。', 'No ratio indicator here; 80 % as in the Qingdao competition.'), 'RULES.md §7'),
  blocks: [
    { code: 'mechanisms', label: label('服务管理机制落实', 'Service management mechanisms'), weight: src('30', '001:L655') },
    { code: 'supervision', label: label('服务监督检查', 'Service supervision'), weight: src('70', '001:L659') },
    { code: 'culture', label: label('服务文化培育（加分项）', 'Service culture (bonus)'), weight: dec('0', note('加分项不计入百分制权重。', 'Bonus items are outside the 100 points.'), '001:L667') },
  ],
  indicators: [
    points('lobby_managers', '网点大堂经理配备', 'Lobby managers in place', 'mechanisms', '10', '001:L655'),
    points('service_managers', '服务管理人员配备', 'Service management staff in place', 'mechanisms', '10', '001:L655'),
    points('six_s', '6S 管理推广', '6S management rolled out', 'mechanisms', '10', '001:L657'),
    {
      code: 'survey_mystery',
      label: label('总行客户满意度调查及“神秘人”检查', 'Head-office survey and mystery shopper'),
      block: 'supervision',
      kind: 'average',
      weight: src('20', '001:L661'),
      fullMark: dec('100', note('两项按百分制各占一半：(调查得分 + 神秘人平均得分) ÷ 2 ÷ 100 × 权重分。', 'Both out of 100, half each: (survey + mystery-shopper average) ÷ 2 ÷ 100 × weight.'), '001:L661'),
      formula: label('(满意度调查得分+“神秘人”检查平均得分)/2/100×权重分', '(survey + mystery-shopper average) ÷ 2 ÷ 100 × weight'),
      inputs: [
        { code: 'survey', label: label('总行满意度调查得分', 'head-office survey score'), measure: '分', source: 'computed:satisfaction' },
        { code: 'mystery_shopper', label: label('“神秘人”检查平均得分', 'mystery-shopper average'), measure: '分', source: 'computed:mystery_shopper' },
      ],
      source: '001:L661',
      decision: annex,
    },
    points('complaints_95599', '95599 服务投诉压降', '95599 complaint reduction', 'supervision', '20', '001:L663'),
    {
      code: 'teller_satisfaction',
      label: label('柜员服务满意度评价', 'Teller satisfaction'),
      block: 'supervision',
      kind: 'average',
      weight: src('20', '001:L663'),
      fullMark: dec('100', note('以柜台评价器满意率（%）÷ 100 × 权重分计。', 'The counter rating devices\' satisfaction rate (%) ÷ 100 × weight.'), '001:L557–563'),
      formula: label('柜员服务评价满意率(%)/100×权重分', 'teller satisfaction rate (%) ÷ 100 × weight'),
      inputs: [{ code: 'rate', label: label('柜员服务评价满意率', 'teller satisfaction rate'), measure: '%', source: 'computed:satisfaction' }],
      source: '001:L663',
      decision: annex,
    },
    points('branch_supervision', '分行服务监督检查', 'Branch supervision checks', 'supervision', '10', '001:L665'),
    {
      code: 'major_complaints',
      label: label('重大服务投诉与负面舆情', 'Major complaints and negative publicity'),
      block: 'supervision',
      kind: 'deduction',
      weight: src('0', '001:L665', note('扣分项，不占权重。', 'A deduction: it carries no weight.')),
      perItem: dec('1', note('扣分标准在附件 2 中；与青岛竞赛一致，每件（次）扣 1 分。', 'The amount is in annex 2; −1 each, as in the Qingdao competition (001:L939).'), '001:L939'),
      formula: label('每件（次）扣 1 分', '−1 each'),
      inputs: [
        { code: 'complaints', label: label('重大服务投诉', 'major complaints'), measure: '件', source: 'imported' },
        { code: 'publicity', label: label('负面舆情', 'negative publicity'), measure: '次', source: 'imported' },
      ],
      source: '001:L665',
    },
    {
      ...points('hundred_best', '百佳、千佳网点创建', '“Top 100 / Top 1000” outlets', 'culture', '5', '001:L667'),
      weight: dec('5', note('加分项的分值在附件 2 中：默认每项最多加 5 分，各行可调整。', 'Bonus amounts are in annex 2: at most 5 points each by default; each bank sets its own.'), '001:L667'),
    },
    {
      ...points('contests', '活动竞赛', 'Activity contests', 'culture', '5', '001:L667'),
      weight: dec('5', note('加分项的分值在附件 2 中：默认每项最多加 5 分，各行可调整。', 'Bonus amounts are in annex 2: at most 5 points each by default; each bank sets its own.'), '001:L667'),
    },
  ],
  targets: [],
};
