/** Hospital preset (outpatient windows, wards, support departments). */
import type { PolicyPack } from '../schema.js';
import { caseworkPreset } from '../casework.js';
import { publicationPreset } from '../publication.js';
import { huizhou, taixing } from './sanctions/hospital.js';
import { wordingPreset } from '../wording.js';
import { payrollPreset } from '../payroll.js';
import { sanctionsPreset } from './sanctions.js';
import { awardsPreset } from './awards.js';
import { appraisalPreset } from './appraisal.js';
import { hospitalScorecard } from './templates/hospital-scorecard.js';
import { windowNorm } from './templates/window-norm.js';
import { commonCalendar, commonCases, commonHorizons, followUpCase, commonRatings, commonReports, dec, halfHeartedWindow, label, note, src, threshold, windowRatingThresholds } from './common.js';

export const hospitalPreset: PolicyPack = {
  version: 1,
  sector: 'hospital',
  name: label('医院', 'Hospital'),
  horizons: commonHorizons(),
  calendar: commonCalendar(
    dec(
      [
        { start: '08:00', end: '12:00' },
        { start: '14:00', end: '17:30' },
      ],
      note(
        '门诊窗口上午、下午两个时段（中间午休）；文件没有规定。急诊和病区 24 小时运转，但期限按办公时间计算。',
        'Outpatient window hours with a lunch break; the source documents give none. Emergency and wards run around the clock but deadlines are counted in office hours.',
      ),
    ),
    src(
      [1, 2, 3, 4, 5],
      '002:L99',
      note(
        '周末开设门诊的，期限仍按周一至周五的工作日计算；法定节假日和调休以工作日历为准。',
        'Deadlines count Monday–Friday working days even where weekend clinics open; statutory holidays and 调休 come from the working-day calendar.',
      ),
    ),
  ),
  cases: { ...commonCases(), follow_up: followUpCase(['discharge', 'complaint']) },
  ratings: commonRatings({
    ...windowRatingThresholds(
      '001:L155',
      note('配有评价器的窗口：月评价率以及窗口和个人满意度均达到 90% 以上（“以上”含本数）。', 'Windows with a rating device: monthly rating rate and window and individual satisfaction 90 % or more (以上 → ≥).'),
    ),
    organisation_satisfaction: threshold(
      {
        label: label('群众综合满意度', 'Overall satisfaction'),
        metric: 'satisfactionRate',
        op: 'gte',
        value: 0.95,
        scope: 'organisation',
        period: 'month',
        kind: 'target',
        action: 'alert',
      },
      '001:L349',
      note(
        '群众综合满意度在 95% 以上（“以上”含本数）。原文列为文明窗口的评选条件，这里作为全院综合满意度目标，按月监测。',
        'Huizhou: 群众综合满意度在95%以上 (以上 → ≥). The text lists it among the 文明窗口 criteria; read as the hospital-wide overall satisfaction target, watched monthly.',
      ),
    ),
    canteen_satisfaction: threshold(
      {
        label: label('食堂满意度调查', 'Canteen satisfaction survey'),
        metric: 'surveySatisfaction',
        op: 'lt',
        value: 0.6,
        scope: 'organisation',
        period: 'quarter',
        kind: 'trigger',
        action: 'rectification',
        subject: 'canteen',
      },
      '003:L248',
      note(
        '食堂满意度每季度调查一次：低于 60%（“低于”不含本数）的，由膳食管理委员会责令限期整改。',
        'Quarterly canteen survey: satisfaction below 60 % (低于 → strict <) makes the canteen committee require rectification with a deadline.',
      ),
    ),
  }),
  reports: commonReports(),
  inspections: { templates: [hospitalScorecard, windowNorm], halfHeartedWithinDays: halfHeartedWindow() },
  casework: caseworkPreset('hospital'),
  publication: publicationPreset(),
  sanctionRules: { taixing, huizhou },
  wording: wordingPreset('hospital'),
  payroll: payrollPreset(),
  sanctions: sanctionsPreset('hospital'),
  awards: awardsPreset('hospital'),
  competitions: {},
  appraisal: appraisalPreset('hospital'),
};
