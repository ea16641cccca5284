/** Government service hall (政务服务大厅) preset. */
import type { PolicyPack } from '../schema.js';
import { caseworkPreset } from '../casework.js';
import { hall } from './sanctions/hall.js';
import { payrollPreset } from '../payroll.js';
import { sanctionsPreset } from './sanctions.js';
import { windowNorm } from './templates/window-norm.js';
import { commonCalendar, commonCases, commonHorizons, commonRatings, commonReports, dec, halfHeartedWindow, label, note, windowRatingThresholds } from './common.js';

export const hallPreset: PolicyPack = {
  version: 1,
  sector: 'hall',
  name: label('政务服务大厅', 'Government service hall'),
  horizons: commonHorizons(),
  calendar: commonCalendar(
    dec(
      [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:00' },
      ],
      note('政务服务大厅常见的上午、下午两个时段（中间午休）；文件没有规定，各大厅可自行设置。', 'Typical hall opening hours with a lunch break; the seeds give none. Each hall sets its own.'),
    ),
  ),
  cases: commonCases(),
  ratings: commonRatings(
    windowRatingThresholds(
      '001:L155',
      note(
        '配有评价器的窗口：月评价率（评价数 ÷ 服务人次）以及窗口和个人满意度均达到 90% 以上（“以上”含本数）。这是文件中唯一的评价器指标（原为医院窗口的规定），政务大厅同样采用。',
        'Windows with a rating device: monthly rating rate (ratings ÷ clients served) and window and individual satisfaction 90 % or more (以上 → ≥). The only rating-device target in the seeds (a hospital\'s window rule), used for halls too.',
      ),
    ),
  ),
  reports: commonReports(),
  inspections: { templates: [windowNorm], halfHeartedWithinDays: halfHeartedWindow() },
  casework: caseworkPreset('hall'),
  sanctionRules: { hall },
  payroll: payrollPreset(),
  sanctions: sanctionsPreset('hall'),
};
