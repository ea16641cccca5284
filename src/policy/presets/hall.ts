/** Government service hall (政务服务大厅) preset. */
import type { PolicyPack } from '../schema.js';
import { commonCalendar, commonCases, commonRatings, dec, label, windowRatingThresholds } from './common.js';

export const hallPreset: PolicyPack = {
  version: 1,
  sector: 'hall',
  name: label('政务服务大厅', 'Government service hall'),
  calendar: commonCalendar(
    dec(
      [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:00' },
      ],
      'Typical hall opening hours with a lunch break; the seeds give none. Each hall sets its own.',
    ),
  ),
  cases: commonCases(),
  ratings: commonRatings(
    windowRatingThresholds(
      '001:L155',
      'Windows with a rating device: monthly rating rate (ratings ÷ clients served) and window and individual satisfaction 90 % or more (以上 → ≥). The only rating-device target in the seeds (a hospital\'s window rule), used for halls too.',
    ),
  ),
};
