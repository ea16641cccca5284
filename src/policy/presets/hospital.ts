/** Hospital preset (outpatient windows, wards, support departments). */
import type { PolicyPack } from '../schema.js';
import { commonCalendar, commonCases, commonRatings, dec, label, src, threshold, windowRatingThresholds } from './common.js';

export const hospitalPreset: PolicyPack = {
  version: 1,
  sector: 'hospital',
  name: label('医院', 'Hospital'),
  calendar: commonCalendar(
    dec(
      [
        { start: '08:00', end: '12:00' },
        { start: '14:00', end: '17:30' },
      ],
      'Outpatient window hours with a lunch break; the seeds give none. Emergency and wards run around the clock but deadlines are counted in office hours.',
    ),
    src([1, 2, 3, 4, 5], '002:L99', 'Deadlines count Monday–Friday working days even where weekend clinics open; statutory holidays and 调休 come from the working-day calendar.'),
  ),
  cases: commonCases(),
  ratings: commonRatings({
    ...windowRatingThresholds('001:L155', 'Windows with a rating device: monthly rating rate and window and individual satisfaction 90 % or more (以上 → ≥).'),
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
      'Huizhou: 群众综合满意度在95%以上 (以上 → ≥). The text lists it among the 文明窗口 criteria; read as the hospital-wide overall satisfaction target, watched monthly.',
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
      'Quarterly canteen survey: satisfaction below 60 % (低于 → strict <) makes the canteen committee require rectification with a deadline.',
    ),
  }),
};
