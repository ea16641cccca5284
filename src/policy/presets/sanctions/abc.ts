/**
 * 农业银行 outlet check bands (003:L341–343): reward, 优秀网点, pay docked. The source document
 * gives no amounts: each is a placeholder the organisation sets.
 */
import { facts as f, label, note, yuan, type Catalogue } from './build.js';

const unset = (source: string) => yuan(null, source, note('原文未给金额：由本单位设定后方可计算。', 'The source document gives no amount: the organisation sets it.'));

export const abc: Catalogue = {
  round_reward: {
    direction: 'reward',
    targets: ['unit'],
    kind: 'rank_band',
    source: '003:L341',
    rankCounted: 'from_top',
    bands: { top_5: { rankTo: 5, scoreAtLeast: 90, amountFen: unset('003:L341'), label: label('营业部前五名且 90 分（含）以上', 'top 5 and 90 or more') } },
    outcomes: ['notice_praise'],
    label: label('检查得分排名前五且当期 90 分（含）以上，给予奖励', 'Top 5 and at least 90 in a check: reward'),
    facts: [f.rankFromTop, f.score],
  },
  excellent_outlet: {
    direction: 'reward',
    targets: ['unit'],
    kind: 'rank_band',
    source: '003:L341',
    rankCounted: 'from_top',
    bands: { top_3: { rankTo: 3, scoreAtLeast: 90, amountFen: unset('003:L341'), outcomes: ['excellent_outlet'], label: label('全辖前三名且年度平均 90 分以上', 'top 3 and a yearly average of 90 or more') } },
    label: label('年度平均 90 分以上且全辖前三名：授予优秀网点并给予绩效奖励', 'Yearly average 90 or more and top 3: 优秀网点 and a performance reward'),
    decision: note('得分为年度平均分；“90分以上”含 90 分。', 'The score is the yearly average; "90分以上" includes 90.'),
    facts: [f.rankFromTop, f.score],
  },
  score_bands: {
    direction: 'fine',
    targets: ['unit'],
    kind: 'rank_band',
    source: '003:L341, L343',
    rankCounted: 'from_top',
    bands: {
      below_80: { scoreBelow: 80, amountFen: unset('003:L341, L343'), outcomes: ['performance_pay_docked_more'], label: label('低于 80 分，加重扣罚绩效', 'below 80: docked more') },
      below_85: { scoreAtLeast: 80, scoreBelow: 85, amountFen: unset('003:L341, L343'), outcomes: ['performance_pay_docked'], label: label('低于 85 分，扣罚绩效', 'below 85: docked') },
    },
    label: label('检查得分低于 85 分扣罚网点绩效，低于 80 分加重扣罚', 'Below 85: outlet performance pay docked; below 80: docked more'),
    facts: [f.score],
  },
};
