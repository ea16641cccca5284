/**
 * Hospital rewards with amounts in the source documents: 优质服务窗口 and 标兵 (001:L195),
 * 文明示范窗口 and 文明服务标兵 (001:L441). The honours themselves are chosen by the awards module.
 */
import { label, yuan, type Catalogue } from './build.js';

const praise = ['notice_praise' as const];

export const taixing: Catalogue = {
  window_award: { direction: 'reward', targets: ['unit'], kind: 'fixed', source: '001:L195', amountFen: yuan(1000, '001:L195'), outcomes: praise, label: label('当选优质服务窗口，集体一次性奖励', 'Quality service window: one-off reward to the team'), facts: [] },
  model_award: { direction: 'reward', targets: ['person'], kind: 'fixed', source: '001:L195', amountFen: yuan(500, '001:L195'), outcomes: praise, label: label('当选优质服务标兵，个人一次性奖励', 'Quality service model: one-off personal reward'), facts: [] },
};

export const huizhou: Catalogue = {
  model_award: { direction: 'reward', targets: ['person'], kind: 'fixed', source: '001:L441', amountFen: yuan(200, '001:L441'), outcomes: praise, label: label('文明示范窗口工作人员、文明服务标兵，一次性奖励', 'Model window staff and civility models: one-off reward'), facts: [] },
};
