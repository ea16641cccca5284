/** Bank preset (sub-branches and outlets). */
import type { PolicyPack } from '../schema.js';
import { caseworkPreset } from '../casework.js';
import { bankMysteryShopper } from './templates/bank-mystery-shopper.js';
import { cctvClips } from './templates/cctv-clips.js';
import { commonCalendar, commonCases, commonRatings, commonReports, dec, label, note, src, threshold } from './common.js';

export const bankPreset: PolicyPack = {
  version: 1,
  sector: 'bank',
  name: label('银行', 'Bank'),
  calendar: commonCalendar(
    dec([{ start: '09:00', end: '17:00' }], note('网点柜面营业时间按一个时段计；文件没有规定，各网点可自行设置。', 'Outlet counter hours in one period; the seeds give none. Each outlet sets its own.')),
    src(
      [1, 2, 3, 4, 5],
      '002:L99',
      note(
        '网点周末营业的，期限仍按周一至周五的工作日计算；法定节假日和调休以工作日历为准。',
        'Deadlines count Monday–Friday working days even where outlets open at weekends; statutory holidays and 调休 come from the working-day calendar.',
      ),
    ),
  ),
  cases: commonCases(),
  ratings: commonRatings({
    outlet_satisfaction: threshold(
      {
        label: label('网点客户满意度', 'Outlet customer satisfaction'),
        metric: 'satisfactionRate',
        op: 'gte',
        value: 0.85,
        scope: 'unit',
        period: 'month',
        kind: 'target',
        action: 'alert',
      },
      '003:L288',
      note(
        '网点目标：客户满意度达到 85% 以上（“以上”含本数）。原文为年度目标，按月监测，以便及早发现下滑。',
        'Outlet goal: 客户满意度达到85%以上 (以上 → ≥). The seed states a yearly goal; watched monthly so slippage shows early.',
      ),
    ),
    teller_satisfaction: threshold(
      {
        label: label('柜员服务评价满意度', 'Teller rating satisfaction'),
        metric: 'satisfactionRate',
        op: 'gte',
        value: 0.9,
        scope: 'staff',
        period: 'month',
        kind: 'target',
        action: 'alert',
      },
      '001:L557–563',
      note(
        '柜员服务评价满意度达到 90% 以上（“以上”含本数），数据来自柜台评价器。原文为年度目标，按月监测。',
        'ABC: 柜员服务评价满意度达到90%以上 (以上 → ≥), from the teller rating device. The seed states a yearly goal; watched monthly.',
      ),
    ),
  }),
  reports: commonReports(),
  inspections: { templates: [bankMysteryShopper, cctvClips] },
  casework: caseworkPreset('bank'),
};
