/** A window-staff template for the engine's tests (the presets in src/policy carry the cited one). */
import type { SheetTemplate } from '../engines/appraisal/index.js';

const L = (zh: string, en = zh) => ({ zh, en });
export const windowTemplate: SheetTemplate = {
  code: 'window_staff',
  version: 1,
  label: L('窗口人员考核表', 'Window staff sheet'),
  post: 'window_staff',
  period: 'monthly',
  items: [
    { code: 'satisfaction', kind: 'measured', label: L('满意率'), group: 'ji', max: '30', min: '0', measure: 'satisfaction', rule: { kind: 'ratio', target: '100', mode: 'proportional', noData: 'full' } },
    { code: 'rating_rate', kind: 'measured', label: L('评价率'), group: 'ji', max: '10', min: '0', measure: 'rating_rate', rule: { kind: 'ratio', target: '90', mode: 'threshold', noData: 'min' } },
    { code: 'complaints', kind: 'measured', label: L('查实投诉'), group: 'ji', max: '10', min: '0', measure: 'verified_complaints', rule: { kind: 'per_record', points: '5' } },
    { code: 'inspection', kind: 'measured', label: L('检查扣分'), group: 'ji', max: '10', min: '0', measure: 'inspection_deductions', rule: { kind: 'deducted_points', factor: '1' } },
    { code: 'veto', kind: 'measured', label: L('一票否决'), group: 'de', max: '0', min: '0', measure: 'inspection_vetoes', rule: { kind: 'veto' } },
    { code: 'sanctions', kind: 'measured', label: L('奖惩'), group: 'ji', max: '10', min: '0', measure: 'sanctions', rule: { kind: 'bands', base: '8', fines: [{ atLeastFen: 1, points: '2' }, { atLeastFen: 10000, points: '5' }], rewards: [{ atLeastFen: 1, points: '2' }] } },
    { code: 'follow_ups', kind: 'measured', label: L('按时回访'), group: 'qin', max: '5', min: '0', measure: 'follow_up_timeliness', rule: { kind: 'ratio', target: '95', mode: 'per_point', perPoint: '0.5', noData: 'full' } },
    { code: 'deliverables', kind: 'measured', label: L('专项材料'), group: 'qin', max: '5', min: '0', measure: 'campaign_deliverables', rule: { kind: 'deliverables', late: '1', missing: '2' } },
    { code: 'de', kind: 'judged', label: L('德'), group: 'de', max: '5', min: '0', range: { min: '0', max: '5' } },
    { code: 'neng', kind: 'judged', label: L('能'), group: 'neng', max: '5', min: '0', range: { min: '0', max: '5' } },
    { code: 'qin', kind: 'judged', label: L('勤'), group: 'qin', max: '5', min: '0', range: { min: '1', max: '5' } },
    { code: 'ji', kind: 'judged', label: L('绩'), group: 'ji', max: '5', min: '0', range: { min: '0', max: '5' } },
  ],
  stars: [
    { stars: 5, atLeast: '95', payCoefficient: '1.2', label: L('五星') },
    { stars: 4, atLeast: '85', payCoefficient: '1.1', label: L('四星') },
    { stars: 3, atLeast: '75', payCoefficient: '1', label: L('三星') },
    { stars: 2, atLeast: '60', payCoefficient: '0.9', label: L('二星') },
    { stars: 1, atLeast: '0', payCoefficient: '0.8', label: L('一星') },
  ],
  bottom: { consecutive: 3, action: 'interview' },
};
