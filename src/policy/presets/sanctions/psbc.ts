/**
 * 邮储银行 outlet service-check scheme (003:L418–448): stage targets 92 / 95 / 98, the stage-3
 * ranking, the region's bottom two, customer-sight items, complaints, media, hardware and "soft"
 * problems, and the rewards. A repeat or a superior's priority item doubles (003:L432).
 */
import { facts as f, label, note, yuan, type Catalogue } from './build.js';

const fine = { direction: 'fine' as const, targets: ['unit' as const] };
const reward = { direction: 'reward' as const, targets: ['unit' as const], outcomes: ['notice_praise' as const] };
const stageTargets = { value: { byStage: { '1': 92, '2': 95, '3': 98 } }, source: '003:L420–422' };
const doubles = [f.repeat, f.priority];

export const psbc: Catalogue = {
  stage_target: {
    ...fine,
    kind: 'formula',
    source: '003:L426–428',
    baseFen: yuan(1000, '003:L427'),
    perPointFen: yuan(200, '003:L427'),
    target: { value: { byStage: { '1': 92, '2': 95 } }, source: '003:L420–421' },
    boundary: 'strict',
    label: label('未完成第一、二阶段得分计划：考核 1000 元，每差 1 分再考核 200 元', 'Stage 1 or 2 target missed: 1,000 yuan plus 200 yuan per point short'),
    decision: note('“92分以上”含 92 分：正好 92 分即为达标，不考核。', '"92分以上" includes 92: exactly 92 meets the target and costs nothing.'),
    facts: [f.stage, f.target, f.score, ...doubles],
  },
  stage3: {
    direction: 'fine',
    targets: ['department'],
    kind: 'rank_band',
    source: '003:L429–430',
    rankCounted: 'from_bottom',
    bands: {
      bottom_100: {
        rankFrom: 1,
        rankTo: 100,
        amountFen: yuan(null, '003:L429', note('原文为“20xx元”，金额缺失：由本单位设定后方可计算。', 'The source document says "20xx 元": the amount is lost and must be set by the organisation.')),
        label: label('全省倒数后 100 名', 'bottom 100 in the province'),
      },
      bottom_101_200: { rankFrom: 101, rankTo: 200, amountFen: yuan(1000, '003:L429'), label: label('全省倒数后 101–200 名', 'bottom 101–200 in the province') },
    },
    perPointFen: yuan(200, '003:L429'),
    target: { value: 98, source: '003:L422' },
    boundary: 'strict',
    when: 'target_missed',
    label: label('第三阶段：全省排名靠后且低于 98 分，考核支行，每差 1 分再考核 200 元', 'Stage 3: low in the province and below 98, the sub-branch is charged, plus 200 yuan per point short'),
    decision: note('考核对象为网点所属支行（上级部门）；98 分不含。', "Charged to the outlet's sub-branch (the department above it); 98 itself is excluded."),
    facts: [f.rankFromBottom, f.score, ...doubles],
  },
  region_bottom: {
    ...fine,
    kind: 'rank_band',
    source: '003:L431',
    rankCounted: 'from_bottom',
    bands: {
      last: { rankFrom: 1, rankTo: 1, amountFen: yuan(500, '003:L431'), label: label('全区倒数第一', 'last in the region') },
      second_last: { rankFrom: 2, rankTo: 2, amountFen: yuan(300, '003:L431'), label: label('全区倒数第二', 'second last in the region') },
    },
    perPointFen: yuan(200, '003:L431'),
    target: stageTargets,
    boundary: 'strict',
    when: 'always',
    label: label('全区服务检查后两名：分别考核 500、300 元，每差 1 分再考核 200 元', 'Last two in the region: 500 and 300 yuan, plus 200 yuan per point short'),
    decision: note('每差 1 分按当期阶段目标计算；与阶段目标考核同时适用、相加。', "Points short are counted from the stage's target; applies on top of the stage-target fine."),
    facts: [f.rankFromBottom, f.stage, f.target, f.score, ...doubles],
  },
  items_in_sight: { ...fine, kind: 'range', source: '003:L433', minFen: yuan(100, '003:L433'), maxFen: yuan(200, '003:L433'), label: label('客户视线内有非当笔业务必备的单据、报表和设备外的物品', 'Items in customers\' sight the current transaction does not need'), facts: [f.amountFen, ...doubles] },
  no_hand_signal: { ...fine, kind: 'per_item', countFact: 'times', source: '003:L433', amountFen: yuan(100, '003:L433'), label: label('叫号后或新客户到来时未举手示意，每次', 'No raised hand after calling a number or for a new customer: per time'), facts: [f.times, ...doubles] },
  crowding: { ...fine, kind: 'per_item', countFact: 'times', source: '003:L433', amountFen: yuan(100, '003:L433'), label: label('未请围拢在柜台前的客户在一米线外等待，每次', 'Customers crowding the counter not asked behind the one-metre line: per time'), facts: [f.times, ...doubles] },
  posters: { ...fine, kind: 'range', source: '003:L433', minFen: yuan(100, '003:L433'), maxFen: yuan(200, '003:L433'), label: label('营业厅有无关或非标准的宣传画、宣传牌，公示悬挂不整齐', 'Unrelated or non-standard posters; notices not hung neatly'), facts: [f.amountFen, ...doubles] },
  fixed_items_unreported: {
    direction: 'fine',
    targets: ['manager'],
    kind: 'fixed',
    source: '003:L434',
    amountFen: yuan(null, '003:L434', note('原文只说“考核支行长”，未给金额：由本单位设定。', 'The source document charges the sub-branch head but gives no amount: the organisation sets it.')),
    label: label('定置定位物品缺少或损坏，网点未及时申请，考核支行长', 'Fixed items missing or damaged and not reported: the sub-branch head is charged'),
    facts: [...doubles],
  },
  subjective_complaint: { ...fine, kind: 'range', source: '003:L435', minFen: yuan(200, '003:L435'), maxFen: yuan(500, '003:L435'), label: label('因服务态度、业务技能等主观原因造成客户有理由投诉，每次', 'Justified complaint from attitude or skill: per complaint'), facts: [f.amountFen, ...doubles] },
  media_exposure: { ...fine, kind: 'range', source: '003:L435', minFen: yuan(1000, '003:L435'), maxFen: yuan(10000, '003:L435'), label: label('县级及以上媒体或监督单位负面报导、曝光、通报，经查属实，每次', 'Verified negative report by county-level or higher media or supervisors: per report'), facts: [f.amountFen, f.level, ...doubles] },
  hardware_after_may: { ...fine, kind: 'per_item', countFact: 'points', source: '003:L439', amountFen: yuan(200, '003:L439'), label: label('5 月份后硬件仍被扣分，每分另考核', 'Hardware points still lost after May: per point, on top'), facts: [f.points, ...doubles] },
  soft_problem: {
    direction: 'fine',
    targets: ['person'],
    kind: 'per_item',
    countFact: 'points',
    source: '003:L448',
    amountFen: yuan(200, '003:L448'),
    repeatRate: yuan(500, '003:L448'),
    outcomes: ['evening_drill'],
    repeatOutcomes: ['training'],
    label: label('“软件”服务问题现场处罚：每分 200 元并参加晚间演练；再犯每分 500 元并培训半天以上', '"Soft" service problem fined on the spot: 200 yuan per point and the evening drill; again: 500 yuan per point and half a day of training'),
    decision: note('再犯按每分 500 元计，取代一般的加倍考核；被处罚人可向上一级申诉。', 'A repeat is charged 500 per point, replacing the general doubling; the person may appeal one level up.'),
    facts: [f.points, f.repeat],
  },
  early_target_reward: { ...reward, kind: 'per_item', countFact: 'quarters', source: '003:L423', amountFen: yuan(300, '003:L423'), label: label('全省服务检查 98 分以上，每提前一个季度达标奖励', 'Reaching 98 early: per quarter ahead'), facts: [f.quarters] },
  region_top_reward: {
    ...reward,
    kind: 'rank_band',
    source: '003:L424',
    rankCounted: 'from_top',
    bands: { top_2: { rankFrom: 1, rankTo: 2, amountFen: yuan(500, '003:L424'), label: label('全区前 2 名', 'top 2 in the region') } },
    target: stageTargets,
    boundary: 'strict',
    when: 'target_met',
    label: label('达到阶段得分要求且列全区前 2 名，分别奖励', 'Stage target reached and in the top 2 of the region'),
    facts: [f.rankFromTop, f.stage, f.target, f.score],
  },
  no_work_orders_reward: { ...reward, kind: 'fixed', source: '003:L425', amountFen: yuan(500, '003:L425'), label: label('网点全年没有考核工单', 'No work orders against the outlet all year'), facts: [] },
};
