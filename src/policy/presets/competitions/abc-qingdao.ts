/**
 * ABC Qingdao 服务营销竞赛 (001:L921–975): 25 sub-branches, nine indicators in three blocks
 * weighing 40 / 20 / 40, 百分制, each indicator capped at 1.2 × its weight (001:L927). RULES §7
 * decisions: each indicator floors at 0; a zero or negative bank-wide increment scores 80 % of the
 * weight for every unit; scores round to 2 places only for display.
 */
import type { CompetitionPreset } from '../../competitions.js';
import { dec, label, note, src } from '../common.js';

const imported = (code: string, zh: string, en: string, measure: string) => ({ code, label: label(zh, en), measure, source: 'imported' as const });
const ratioInputs = (what: { zh: string; en: string }, measure: string, increment: boolean, level = true) => [
  ...(level ? [imported('unit_value', `本行${what.zh}`, `unit ${what.en}`, measure), imported('bank_value', `全行${what.zh}`, `bank-wide ${what.en}`, measure)] : []),
  ...(increment ? [imported('unit_increment', `本行${what.zh}增量`, `unit ${what.en} increment`, measure), imported('bank_increment', `全行${what.zh}增量`, `bank-wide ${what.en} increment`, measure)] : []),
];

export const abcQingdao: CompetitionPreset = {
  label: label('农行青岛分行服务营销竞赛（支行九项指标）', 'ABC Qingdao service & sales competition (nine sub-branch indicators)'),
  description: label(
    '服务质量 40 分、服务能力 20 分、营销业绩 40 分，百分制；单项指标最高得权重分的 1.2 倍，最低 0 分；重大有责投诉及市级以上媒体负面报道每件（次）扣 1 分，3 件（次）及以上取消评先资格。',
    'Service quality 40, capability 20, sales 40, out of 100; each indicator at most 1.2 × its weight and at least 0; −1 per major liability complaint or city-level negative media report, 3 or more: not eligible for honours.',
  ),
  source: '001:L921–975',
  capMultiple: src('1.2', '001:L927', note('单项指标得分最高得权重分的 1.2 倍；最低为 0 分（产品决定，RULES §7）。', 'An indicator scores at most 1.2 × its weight (单项指标得分最高得权重分的1.2倍) and at least 0 (RULES §7 decision).')),
  undefinedRatioShare: dec(
    '0.8',
    note(
      '全行增量（或全行值）为 0 或负数时比值无意义：该指标各支行一律按权重分的 80% 计分，并在明细中注明原因。',
      'A zero or negative bank-wide increment (or value) makes the ratio undefined: the indicator scores 80 % of its weight for every sub-branch, and the breakdown says why.',
    ),
    'RULES.md §7',
  ),
  blocks: [
    { code: 'quality', label: label('服务质量', 'Service quality'), weight: src('40', '001:L929') },
    { code: 'capability', label: label('服务能力提升', 'Service capability'), weight: src('20', '001:L941') },
    { code: 'sales', label: label('营销业绩', 'Sales performance'), weight: src('40', '001:L951') },
  ],
  indicators: [
    {
      code: 'mystery_shopper',
      label: label('“神秘人”检查', 'Mystery shopper'),
      block: 'quality',
      kind: 'average',
      weight: src('20', '001:L931'),
      fullMark: src('100', '001:L933'),
      formula: label('四次“神秘人”检查平均得分/100×权重分', 'average of the four mystery-shopper checks ÷ 100 × weight'),
      inputs: [1, 2, 3, 4].map((n) => ({ code: `check${n}`, label: label(`第${n}次检查得分`, `check ${n} score`), measure: '分', source: 'computed:mystery_shopper' as const })),
      source: '001:L931–933',
    },
    {
      code: 'satisfaction',
      label: label('客户满意度调查', 'Customer satisfaction survey'),
      block: 'quality',
      kind: 'average',
      weight: src('20', '001:L935'),
      fullMark: src('100', '001:L937'),
      formula: label('客户满意度调查得分/100×权重分', 'survey score ÷ 100 × weight'),
      inputs: [{ code: 'survey', label: label('满意度调查得分', 'survey score'), measure: '分', source: 'computed:satisfaction' }],
      source: '001:L935–937',
    },
    {
      code: 'major_complaints',
      label: label('重大有责投诉及媒体负面报道', 'Major complaints and media reports'),
      block: 'quality',
      kind: 'deduction',
      weight: src('0', '001:L939', note('倒扣分项，不占权重。', 'A deduction: it carries no weight.')),
      perItem: src('1', '001:L939'),
      ineligibleAtLeast: src(3, '001:L939', note('原文写“分行”，指支行（RULES §7）；全年 3 件（次）及以上取消评先资格。', 'The text says 分行 but means the sub-branch (RULES §7); 3 or more in the year: not eligible for honours.')),
      formula: label('每件（次）扣 1 分，全年 3 件（次）及以上取消评先资格', '−1 each; 3 or more in the year: not eligible for honours'),
      inputs: [
        { code: 'complaints', label: label('客户重大有责投诉', 'major liability complaints'), measure: '件', source: 'imported' },
        imported('media_reports', '市级以上媒体负面报道', 'city-level or higher negative media reports', '次'),
      ],
      source: '001:L939',
    },
    {
      code: 'sales_skills',
      label: label('网点营销技能提升导入', 'Sales-skill rollout'),
      block: 'capability',
      kind: 'ratio',
      terms: ['level'],
      weight: src('10', '001:L943'),
      factors: src(['0.8'], '001:L945'),
      acceptanceFullMark: src('100', '001:L945'),
      formula: label('本行导入网点占比/全行导入网点占比×权重分×80%×导入验收得分/100', 'unit share ÷ bank-wide share × weight × 80 % × acceptance ÷ 100'),
      inputs: [...ratioInputs(label('导入网点占比', 'share of outlets rolled out'), '%', false), imported('acceptance', '导入验收得分', 'acceptance score', '分')],
      source: '001:L943–945',
    },
    {
      code: 'e_diversion',
      label: label('金融性交易电子渠道分流率', 'E-channel diversion rate'),
      block: 'capability',
      kind: 'ratio',
      terms: ['level', 'increment'],
      weight: src('10', '001:L947'),
      factors: src(['0.8', '0.5'], '001:L949'),
      formula: label('(本行分流率/全行分流率+本行分流率增量/全行分流率增量)×权重分×80%×50%', '(r + Δr) × weight × 80 % × 50 %'),
      inputs: ratioInputs(label('电子渠道分流率', 'e-channel diversion rate'), '%', true),
      source: '001:L947–949',
    },
    {
      code: 'vip_increment',
      label: label('点均个人贵宾客户增量', 'VIP customers gained per outlet'),
      block: 'sales',
      kind: 'ratio',
      terms: ['increment'],
      weight: src('10', '001:L953'),
      factors: src(['0.8'], '001:L955'),
      formula: label('本行点均个人贵宾增量/全行点均个人贵宾客户增量×权重分×80%', 'unit increment per outlet ÷ bank-wide increment per outlet × weight × 80 %'),
      inputs: ratioInputs(label('点均个人贵宾客户', 'VIP customers per outlet'), '户', true, false),
      source: '001:L953–955',
    },
    {
      code: 'vip_assets',
      label: label('个人贵宾客户金融资产占比', 'VIP share of financial assets'),
      block: 'sales',
      kind: 'ratio',
      terms: ['level', 'increment'],
      weight: src('10', '001:L957'),
      factors: src(['0.8', '0.5'], '001:L961'),
      formula: label('(本行贵宾金融资产占比/全行占比+本行占比增量/全行占比增量)×权重分×80%×50%（个人贷款按 50% 折算）', '(r + Δr) × weight × 80 % × 50 % (personal loans count at 50 %)'),
      inputs: ratioInputs(label('贵宾客户金融资产占比', 'VIP asset share'), '%', true),
      source: '001:L957–961',
    },
    {
      code: 'vip_card_rate',
      label: label('贵宾客户发卡率', 'VIP card rate'),
      block: 'sales',
      kind: 'ratio',
      terms: ['level', 'increment'],
      weight: src('10', '001:L963'),
      factors: src(['0.8', '0.5'], '001:L965'),
      formula: label('(本行发卡率/全行平均发卡率+本行发卡率增量/全行发卡率增量)×权重分×80%×50%；发卡率=发放贵宾卡人数/符合条件贵宾客户数', '(r + Δr) × weight × 80 % × 50 %; card rate = cards issued ÷ eligible VIP customers'),
      inputs: ratioInputs(label('贵宾客户发卡率', 'VIP card rate'), '%', true),
      source: '001:L963–967',
    },
    {
      code: 'savings_increment',
      label: label('点均本外币储蓄存款增量', 'Savings gained per outlet'),
      block: 'sales',
      kind: 'ratio',
      terms: ['increment'],
      weight: src('10', '001:L969'),
      factors: src(['0.8'], '001:L971'),
      formula: label('本行点均本外币储蓄存款增量/全行点均增量×权重分×80%', 'unit savings increment per outlet ÷ bank-wide increment per outlet × weight × 80 %'),
      inputs: ratioInputs(label('点均本外币储蓄存款', 'savings per outlet'), '万元', true, false),
      source: '001:L969–971',
    },
  ],
  targets: [
    { code: 'city', label: label('市区网点', 'City outlets'), atLeast: src('90', '001:L893', note('市区网点服务测评得分达到 90 分以上（“以上”含本数）。', 'City outlets: 90 or more (以上 → ≥).')) },
    { code: 'county', label: label('县域网点', 'County outlets'), atLeast: src('85', '001:L893', note('县域网点服务测评得分达到 85 分以上（“以上”含本数）。', 'County outlets: 85 or more (以上 → ≥).')) },
  ],
};
