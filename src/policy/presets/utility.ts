/** Utility preset (gas, water, power): hotline, repair work orders, service halls. */
import type { PolicyPack } from '../schema.js';
import { caseworkPreset } from '../casework.js';
import { publicationPreset } from '../publication.js';
import { wordingPreset } from '../wording.js';
import { payrollPreset } from '../payroll.js';
import { sanctionsPreset } from './sanctions.js';
import { awardsPreset } from './awards.js';
import { appraisalPreset } from './appraisal.js';
import {
  clock,
  clocks,
  commonCalendar,
  commonCases,
  followUpCase,
  commonHorizons,
  commonRatings,
  commonReports,
  days,
  dec,
  hours,
  inquiryCase,
  label,
  note,
  src,
  standard,
  halfHeartedWindow,
  managementChecksRule,
  windowRatingThresholds,
} from './common.js';
import { phoneCheck } from './templates/phone-check.js';
import { windowNorm } from './templates/window-norm.js';

const inquiry = inquiryCase();
/** 铃响 4 声内接听: the inquiry standard and the phone check share it. */
const phoneRings = src(4, '004:L66, L214', note('电话铃响 4 声内接听。', 'Phone answered within 4 rings.'));

export const utilityPreset: PolicyPack = {
  version: 1,
  sector: 'utility',
  name: label('公用事业(燃气、供水、供电)', 'Utility (gas, water, power)'),
  horizons: commonHorizons(),
  calendar: commonCalendar(
    dec(
      [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
      note(
        '营业厅上午、下午两个时段（中间午休）；文件没有规定。故障报修电话 24 小时服务（见“故障报修”的服务标准）。',
        'Business-hall hours with a lunch break; the source documents give none. The repair hotline itself runs 24 h (see cases.repair.standards).',
      ),
    ),
  ),
  cases: {
    ...commonCases(),
    inquiry: {
      ...inquiry,
      standards: {
        phone_answer_rings: standard(label('电话铃响几声内接听', 'Phone answered within N rings'), 'rings', phoneRings),
      },
    },
    follow_up: followUpCase(['complaint']),
    repair: {
      label: label('故障报修', 'Repair work order'),
      clocks: clocks(
        clock(
          'arrival',
          label('到达现场', 'Arrive on site'),
          dec(
            hours(1),
            note(
              '原文到达现场的时限缺失（“快速内到达现场”，数字缺失）。默认 1 小时，参照燃气行业“接报后 60 分钟内到达现场”的承诺。',
              'The arrival limit is missing in the text (快速内到达现场, the number is lost). Default 1 hour, after the utility leak-report commitment "on site within 60 min".',
            ),
            '004:L80; ANCHORS.md',
          ),
        ),
        clock(
          'completion',
          label('修复完成', 'Repair completed'),
          dec(
            hours(24),
            note(
              '文件没有规定修复时限；常见承诺为小修 24 小时、大修 48 小时。默认 24 小时，大修可另设更长的时限。',
              'No repair-completion limit in the source documents; utility commitments seen in the wild: small repairs 24 h, large 48 h. Default 24 hours; large repairs may be given a longer clock.',
            ),
            'ANCHORS.md',
          ),
        ),
        clock(
          'callback',
          label('维修回访', 'Callback after repair'),
          dec(
            days(3),
            note(
              '开通或维修后必须回访，但文件没有规定间隔：默认完工后 3 个工作日内回访，与完工 3 天后发出评价邀请一致。',
              'Callback (回访) after opening or repair is required but its interval is not given: default within 3 working days of completion, like the rating invitation 3 days after completion.',
            ),
            '004:L76; ANCHORS.md',
          ),
        ),
      ),
      checklist: [
        { id: 'badge', label: label('佩戴胸卡', 'Badge worn'), applies: src('always', '004:L84') },
        { id: 'id_shown', label: label('主动出示工作证件', 'Work ID shown'), applies: src('always', '004:L84') },
        { id: 'consent', label: label('征得用户同意后入内', 'Consent asked before entering'), applies: src('always', '004:L84') },
        { id: 'shoe_covers', label: label('穿上鞋套', 'Shoe covers worn'), applies: src('always', '004:L84') },
        { id: 'safety_signs', label: label('公共场所施工悬挂安全标志', 'Safety signs at a public site'), applies: src('public_sites', '004:L94') },
        { id: 'site_cleaned', label: label('完工后清扫现场', 'Site cleaned after the work'), applies: src('always', '004:L92') },
      ],
      standards: {
        hotline_hours_per_day: standard(label('故障报修电话服务时长', 'Repair hotline hours a day'), 'hours_per_day', src(24, '004:L80', note('24 小时故障报修服务，客服电话 24 小时畅通。', 'A 24-hour repair service; the customer-service phones stay on around the clock.'))),
      },
    },
  },
  ratings: commonRatings(
    windowRatingThresholds(
      '001:L155',
      note(
        '公用事业的文件没有规定评价指标（文件 003 第 80 行中物业公司的 95% 不是公用事业的规定）。营业厅窗口采用窗口规则：评价率和满意度均达到 90% 以上。',
        'No utility source document sets a rating target (the property contractor\'s 95 % in 003:L80 is not a utility rule). Business-hall windows take the window rule: rating rate and satisfaction 90 % or more.',
      ),
    ),
  ),
  reports: commonReports(),
  inspections: {
    templates: [phoneCheck(phoneRings.value), windowNorm],
    halfHeartedWithinDays: halfHeartedWindow(),
    managementChecks: managementChecksRule(
      ['outlet'],
      note(
        '公司经理层每月对每个供电所（单位类型 outlet）至少随机检查 1 次；电话检查、定期检查和暗访都计入。',
        'Management checks every power-supply station (unit kind outlet) at least once a month at random; phone checks, scheduled and unannounced visits count.',
      ),
    ),
  },
  casework: caseworkPreset('utility'),
  publication: publicationPreset(),
  sanctionRules: {},
  wording: wordingPreset('utility'),
  payroll: payrollPreset(),
  sanctions: sanctionsPreset('utility'),
  awards: awardsPreset('utility'),
  competitions: {},
  appraisal: appraisalPreset('utility'),
};
