/** Utility preset (gas, water, power): hotline, repair work orders, service halls. */
import type { PolicyPack } from '../schema.js';
import {
  clock,
  clocks,
  commonCalendar,
  commonCases,
  commonRatings,
  days,
  dec,
  hours,
  inquiryCase,
  label,
  src,
  standard,
  windowRatingThresholds,
} from './common.js';

const inquiry = inquiryCase();

export const utilityPreset: PolicyPack = {
  version: 1,
  sector: 'utility',
  name: label('公用事业(燃气、供水、供电)', 'Utility (gas, water, power)'),
  calendar: commonCalendar(
    dec(
      [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
      'Business-hall hours with a lunch break; the seeds give none. The repair hotline itself runs 24 h (see cases.repair.standards).',
    ),
  ),
  cases: {
    ...commonCases(),
    inquiry: {
      ...inquiry,
      standards: {
        phone_answer_rings: standard(label('电话铃响几声内接听', 'Phone answered within N rings'), 'rings', src(4, '004:L66, L214', '电话铃响4声内接听.')),
      },
    },
    repair: {
      label: label('故障报修', 'Repair work order'),
      clocks: clocks(
        clock(
          'arrival',
          label('到达现场', 'Arrive on site'),
          dec(hours(1), 'The arrival limit is missing in the text (快速内到达现场, the number is lost). Default 1 hour, after the utility leak-report commitment "on site within 60 min".', '004:L80; ANCHORS.md'),
        ),
        clock(
          'completion',
          label('修复完成', 'Repair completed'),
          dec(hours(24), 'No repair-completion limit in the seeds; utility commitments seen in the wild: small repairs 24 h, large 48 h. Default 24 hours; large repairs may be given a longer clock.', 'ANCHORS.md'),
        ),
        clock(
          'callback',
          label('维修回访', 'Callback after repair'),
          dec(days(3), 'Callback (回访) after opening or repair is required but its interval is not given: default within 3 working days of completion, like the rating invitation 3 days after completion.', '004:L76; ANCHORS.md'),
        ),
      ),
      standards: {
        hotline_hours_per_day: standard(label('故障报修电话服务时长', 'Repair hotline hours a day'), 'hours_per_day', src(24, '004:L80', '24小时故障报修服务; customer-service phones stay on 24 h.')),
      },
    },
  },
  ratings: commonRatings(
    windowRatingThresholds(
      '001:L155',
      'No utility seed sets a rating target (the property contractor\'s 95 % in 003:L80 is not a utility rule). Business-hall windows take the window rule: rating rate and satisfaction 90 % or more.',
    ),
  ),
};
