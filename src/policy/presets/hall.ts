/** Government service hall (政务服务大厅) preset. */
import type { PolicyPack } from '../schema.js';
import { caseworkPreset } from '../casework.js';
import { publicationPreset } from '../publication.js';
import { hall } from './sanctions/hall.js';
import { wordingPreset } from '../wording.js';
import { payrollPreset } from '../payroll.js';
import { sanctionsPreset } from './sanctions.js';
import { awardsPreset } from './awards.js';
import { appraisalPreset } from './appraisal.js';
import { windowNorm } from './templates/window-norm.js';
import { cctvClips } from './templates/cctv-clips.js';
import { phoneCheck } from './templates/phone-check.js';
import { cctvClipsRule, commonCalendar, commonCases, commonHorizons, commonRatings, commonReports, dec, halfHeartedWindow, label, managementChecksRule, note, windowRatingThresholds } from './common.js';

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
      note('政务服务大厅常见的上午、下午两个时段（中间午休）；文件没有规定，各大厅可自行设置。', 'Typical hall opening hours with a lunch break; the source documents give none. Each hall sets its own.'),
    ),
  ),
  cases: commonCases(),
  ratings: commonRatings(
    windowRatingThresholds(
      '001:L155',
      note(
        '配有评价器的窗口：月评价率（评价数 ÷ 服务人次）以及窗口和个人满意度均达到 90% 以上（“以上”含本数）。这是文件中唯一的评价器指标（原为医院窗口的规定），政务大厅同样采用。',
        'Windows with a rating device: monthly rating rate (ratings ÷ clients served) and window and individual satisfaction 90 % or more (以上 → ≥). The only rating-device target in the source documents (a hospital\'s window rule), used for halls too.',
      ),
    ),
  ),
  reports: commonReports(),
  inspections: {
    // 电话检查 (4 rings, 004:L66, L214) and 监控录像采摘 (004:L116) are the gas/power and bank norms, used for the hall's windows too.
    templates: [windowNorm, phoneCheck(4), cctvClips],
    halfHeartedWithinDays: halfHeartedWindow(),
    managementChecks: managementChecksRule(
      ['window'],
      note(
        '每个窗口（单位类型 window）每月至少由管理人员抽查 1 次；电话检查、定期检查和暗访都计入。原文是供电公司对供电所的要求，政务大厅同样采用。',
        'Management checks every window (unit kind window) at least once a month; phone checks, scheduled and unannounced visits count. The source is a power-supply company\'s rule for its stations, used for halls too.',
      ),
    ),
    cctv: cctvClipsRule(
      'window',
      note(
        '每个窗口每个工作日至少调阅 4 段监控录像：上午 2 段、下午 2 段，下午 3 点前完成（15:00 整仍算按时）。原文是银行网点对柜台的要求，政务大厅同样采用。',
        'Every window, every working day: at least 4 CCTV clips, 2 in the morning and 2 in the afternoon, finished by 15:00 (15:00 sharp is on time). The source is a bank\'s rule for its counters, used for halls too.',
      ),
    ),
  },
  casework: caseworkPreset('hall'),
  publication: publicationPreset(),
  sanctionRules: { hall },
  wording: wordingPreset('hall'),
  payroll: payrollPreset(),
  sanctions: sanctionsPreset('hall'),
  awards: awardsPreset('hall'),
  competitions: {},
  appraisal: appraisalPreset('hall'),
};
