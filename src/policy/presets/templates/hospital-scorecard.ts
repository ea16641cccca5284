/**
 * 创建优质服务窗口奖惩制度 — the hospital's 10-point monthly scorecard for each clinical department
 * (004:L202–204, RULES §4). Item codes and metric codes are stable: inspections refer to them.
 */
import type { ScoringTemplate } from '../../../engines/scoring/index.js';
import { label, note } from '../common.js';

export const hospitalScorecard: ScoringTemplate = {
  code: 'hospital-scorecard',
  version: 1,
  label: label('临床科室优质服务考核(月度,满分 10 分)', 'Clinical department service scorecard (monthly, 10 points)'),
  mode: 'deduct',
  fullMark: 10,
  source: '004:L202',
  decision: note(
    '考核对象为各临床科室,每月一次;满分 10 分,"扣分最多为10分",总分不低于 0。每项扣分不超过该项分值;原文未定义的项目按满分计。',
    'Each clinical department is scored monthly: 10 points in all, "扣分最多为10分", so the total never goes below 0. An item never loses more than its points; items the text does not define score full.',
  ),
  sections: [
    {
      code: 'scorecard',
      label: label('考核奖惩内容', 'Scored items'),
      source: '004:L202–204',
      items: [
        {
          code: 'lawful',
          label: label('(一)医疗执业守法', '(1) Lawful practice'),
          points: 1,
          per: 'case',
          deduction: 1,
          source: '004:L202',
        },
        {
          code: 'service',
          label: label('(二)医疗服务优良', '(2) Good service'),
          points: 1,
          per: 'case',
          deduction: 0.1,
          source: '004:L202–204',
          decision: note(
            '超过时限的每一次等候或出结果都记为一例,扣 0.1 分;"≤10分钟"等含本数,10 分钟本身达标。',
            'Every wait or result beyond its limit is one case, −0.1 each; the limits are "≤", so 10 minutes itself complies.',
          ),
          metrics: [
            {
              code: 'window_wait',
              label: label('挂号、划价、收费、取药、采血等窗口等候时间(分钟)', 'Window wait: registration, pricing, payment, pharmacy, blood draw (minutes)'),
              unit: 'minutes',
              failsWhen: '>',
              threshold: 10,
              source: '004:L202',
            },
            {
              code: 'equipment_report',
              label: label('大型设备检查:开单到出结果(小时)', 'Large-equipment examination: request to result (hours)'),
              unit: 'hours',
              failsWhen: '>',
              threshold: 24,
              source: '004:L202',
            },
            {
              code: 'routine_test',
              label: label('检验、心电、超声、X 光等常规检查:开单到出结果(分钟)', 'Routine test (lab, ECG, ultrasound, X-ray): request to result (minutes)'),
              unit: 'minutes',
              failsWhen: '>',
              threshold: 30,
              source: '004:L202',
            },
          ],
        },
        {
          code: 'quality',
          label: label('(三)医疗质量安全', '(3) Quality and safety'),
          points: 3,
          per: 'failure',
          deduction: 0.5,
          source: '004:L204',
          decision: note('每一项指标未达标扣 0.5 分,七项全部未达标也最多扣 3 分。', 'Each failed indicator loses 0.5; even all seven failing lose at most the item\'s 3 points.'),
          metrics: [
            { code: 'major_incident', label: label('重大医疗安全事故(起)', 'Major safety incidents (count)'), unit: 'count', failsWhen: '>', threshold: 0, source: '004:L204' },
            { code: 'incident_reporting', label: label('医疗事故报告率(%)', 'Incident reporting rate (%)'), unit: 'percent', failsWhen: '<', threshold: 100, source: '004:L204' },
            { code: 'average_stay', label: label('平均住院日(天)', 'Average length of stay (days)'), unit: 'days', failsWhen: '>', threshold: 10, source: '004:L204' },
            { code: 'prescription_compliance', label: label('门诊处方合格率(%)', 'Outpatient prescription compliance (%)'), unit: 'percent', failsWhen: '<', threshold: 98, source: '004:L204' },
            { code: 'grade_a_records', label: label('甲级病案率(%)', 'Grade-A medical records (%)'), unit: 'percent', failsWhen: '<', threshold: 85, source: '004:L204' },
            { code: 'grade_c_records', label: label('丙级病历(份)', 'Grade-C medical records (count)'), unit: 'count', failsWhen: '>', threshold: 0, source: '004:L204' },
            {
              code: 'drug_ratio',
              label: label('药品收入占比(%)', 'Drugs share of revenue (%)'),
              unit: 'percent',
              failsWhen: '>',
              threshold: 30,
              source: '004:L204',
              decision: note('"控制在30%以内":30% 本身达标。', '"30%以内" (within 30 %): 30 % itself complies.'),
            },
          ],
        },
        {
          code: 'fees',
          label: label('(四)医疗收费规范', '(4) Lawful fees'),
          points: 1,
          per: 'case',
          deduction: 0.2,
          source: '004:L204',
        },
        {
          code: 'care',
          label: label('(五)检查、用药、治疗合理', '(5) Reasonable tests, drugs and treatment'),
          points: 1,
          per: 'case',
          deduction: 0.2,
          source: '004:L204',
        },
        {
          code: 'relations',
          label: label('(六)医患关系和谐', '(6) Doctor–patient relations'),
          incomplete: true,
          source: '004:L204',
          decision: note(
            '原文在此项中途截断,分值和扣分办法缺失:本项列出但不计分,由各医院补充定义后启用。',
            'The text breaks off inside this item: its points and deductions are lost. Listed but not scored until the hospital defines it.',
          ),
        },
      ],
    },
  ],
};
