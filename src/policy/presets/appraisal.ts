/**
 * Appraisal templates of the presets (个人考核, issue #21): window staff of a government hall, nurses
 * and doctors of a hospital, bank tellers, utility technicians. Each sheet is 100 points; measured
 * items come from the facts (好差评, verified complaints, inspections 003:L143, sanctions, follow-ups,
 * campaign deliverables), judged items are 德、能、勤、绩 (000:L115). Stars and pay coefficients make
 * 挂星上岗、星薪挂钩 (000:L115); 末位 follows 003:L94. Where the seeds give no figure the number
 * carries a decision.
 */
import type { AppraisalPolicy, PackAppraisalTemplate } from '../appraisal.js';
import type { Sector } from '../schema.js';
import { note } from './common.js';

type Item = PackAppraisalTemplate['items'][number];
const l = (zh: string, en: string) => ({ zh, en });

const MONTHLY = note('按月考核:种子文件要求员工"每月考核",检查分数"与每月绩效相结合";每人每周期一张考核表。', 'Monthly: the source documents appraise staff "every month" and count inspection scores "in each month\'s performance"; one sheet per person per period.');

/** 德、能、勤、绩 judged by the unit head, `each` points apiece (000:L115); the split is a decision. */
function judged(each: string, deSource?: string): Item[] {
  const split = note(`德、能、勤、绩四项各 ${each} 分,由科室(窗口)负责人在 0 至 ${each} 分内评定。`, `德 (conduct), 能 (ability), 勤 (diligence), 绩 (achievement): ${each} points each, scored by the unit head from 0 to ${each}.`);
  const one = (code: string, zh: string, en: string, source = '000:L115'): Item => ({ code, kind: 'judged', label: l(zh, en), group: code, max: each, min: '0', range: { min: '0', max: each }, source, decision: split });
  return [one('de', '德:职业道德与服务态度', 'Conduct and attitude (德)', deSource ?? '000:L115'), one('neng', '能:业务能力', 'Ability (能)'), one('qin', '勤:出勤与工作量', 'Diligence (勤)'), one('ji', '绩:工作实绩', 'Achievement (绩)')];
}

const veto = (source: string, zh: string, en: string): Item => ({
  code: 'veto',
  kind: 'measured',
  label: l('一票否决', 'Veto (一票否决)'),
  group: 'de',
  max: '0',
  min: '0',
  measure: 'inspection_vetoes',
  rule: { kind: 'veto' },
  source,
  decision: note(`${zh}:本期不评星,该项不计分。`, `${en}: no star this period; the item carries no points.`),
});

const sanctions = (max: string, base: string): Item => ({
  code: 'sanctions',
  kind: 'measured',
  label: l('奖惩', 'Fines and rewards'),
  group: 'ji',
  max,
  min: '0',
  measure: 'sanctions',
  rule: { kind: 'bands', base, fines: [{ atLeastFen: 1, points: '2' }, { atLeastFen: 10_000, points: base }], rewards: [{ atLeastFen: 1, points: String(Number(max) - Number(base)) }] },
  source: 'RULES.md §5',
  decision: note(
    `本期生效的罚款或奖励计入考核:基础 ${base} 分;有罚款扣 2 分,罚款满 100 元扣 ${base} 分;有奖励加 ${Number(max) - Number(base)} 分;封顶 ${max} 分、保底 0 分。`,
    `Fines and rewards final in the period: base ${base}; any fine −2, fines of ¥100 or more −${base}; any reward +${Number(max) - Number(base)}; capped at ${max}, floor 0.`,
  ),
});

const complaints = (max: string, each: string, source: string): Item => ({
  code: 'complaints',
  kind: 'measured',
  label: l('查实投诉', 'Verified complaints'),
  group: 'ji',
  max,
  min: '0',
  measure: 'verified_complaints',
  rule: { kind: 'per_record', points: each },
  source,
  decision: note(`要求"无服务投诉";每件查实的有责投诉扣 ${each} 分,扣完为止。`, `"No service complaints" is required; each verified complaint costs ${each} points, down to 0.`),
});

const inspections = (max: string, source = '003:L143'): Item => ({
  code: 'inspection',
  kind: 'measured',
  label: l('检查扣分', 'Inspection deductions'),
  group: 'ji',
  max,
  min: '0',
  measure: 'inspection_deductions',
  rule: { kind: 'deducted_points', factor: '1' },
  source,
  decision: note(`督查中记在本人名下的扣分逐分扣减,满分 ${max} 分,扣完为止。`, `Points deducted on inspection findings charged to the person come off one for one from ${max}, down to 0.`),
});

const satisfaction = (max: string, target: string, source: string): Item => ({
  code: 'satisfaction',
  kind: 'measured',
  label: l('满意率', 'Satisfaction'),
  group: 'ji',
  max,
  min: '0',
  measure: 'satisfaction',
  rule: { kind: 'ratio', target, mode: 'proportional', noData: 'full' },
  source,
  decision: note(`满意率达到 ${target}% 得满分 ${max} 分,不足按比例计分(满意率 ÷ ${target}% × ${max});本期无评价按满分计。`, `Satisfaction of ${target}% or more earns the full ${max}; below, in proportion (rate ÷ ${target}% × ${max}); no ratings in the period: full points.`),
});

const ratingRate = (max: string, target: string, source: string): Item => ({
  code: 'rating_rate',
  kind: 'measured',
  label: l('评价率', 'Rating rate'),
  group: 'qin',
  max,
  min: '0',
  measure: 'rating_rate',
  rule: { kind: 'ratio', target, mode: 'threshold', noData: 'full' },
  source,
  decision: note(`主动接受评价率达到 ${target}% 得 ${max} 分,未达到不得分;本期无服务记录按满分计。`, `A rating rate of ${target}% or more earns ${max}; below, nothing; no service recorded in the period: full points.`),
});

const followUps = (max: string, source: string, zh: string, en: string): Item => ({
  code: 'follow_ups',
  kind: 'measured',
  label: l(zh, en),
  group: 'qin',
  max,
  min: '0',
  measure: 'follow_up_timeliness',
  rule: { kind: 'ratio', target: '100', mode: 'per_point', perPoint: '1', noData: 'full' },
  source,
  decision: note(`应回访的都应按时回访:按时率每低 1 个百分点扣 1 分,满分 ${max} 分;本期无应回访的按满分计。`, `Every due follow-up is due on time: −1 per percentage point below 100 % on time, from ${max}; none due: full points.`),
});

const deliverables = (max: string): Item => ({
  code: 'deliverables',
  kind: 'measured',
  label: l('专项活动材料', 'Campaign deliverables'),
  group: 'qin',
  max,
  min: '0',
  measure: 'campaign_deliverables',
  rule: { kind: 'deliverables', late: '1', missing: '2' },
  source: 'RULES.md §8',
  decision: note(`本单位本期应交的专项活动材料:逾期一项扣 1 分,缺交一项扣 2 分,满分 ${max} 分。`, `Campaign deliverables of the unit due in the period: −1 for each late, −2 for each missing, from ${max}.`),
});

/** 挂星上岗、以岗定酬、星薪挂钩 (000:L115): five grades; thresholds and coefficients are a decision. */
function stars(): PackAppraisalTemplate['stars'] {
  const d = note('星级分数线与薪酬系数由本单位决定(种子文件只规定"星薪挂钩",未给分数线):95 分以上五星 1.2,85 分以上四星 1.1,75 分以上三星 1.0,60 分以上二星 0.9,其余一星 0.8。', 'The seeds say only "star grade tied to pay"; the thresholds and coefficients are the organisation\'s decision: 95+ five stars ×1.2, 85+ four ×1.1, 75+ three ×1.0, 60+ two ×0.9, otherwise one ×0.8.');
  const g = (n: number, atLeast: string, payCoefficient: string, zh: string, en: string) => ({ stars: n, atLeast, payCoefficient, label: l(zh, en), source: '000:L115', decision: d });
  return [g(5, '95', '1.2', '五星', 'Five stars'), g(4, '85', '1.1', '四星', 'Four stars'), g(3, '75', '1', '三星', 'Three stars'), g(2, '60', '0.9', '二星', 'Two stars'), g(1, '0', '0.8', '一星', 'One star')];
}

const bottom = {
  consecutive: 3,
  action: 'interview' as const,
  source: '003:L94',
  decision: note('考评成绩处于末位:连续 3 个考核期为本科室(窗口)末位的,由负责人约谈(本系统不做辞退处理)。', 'Last in the appraisal: last of the unit three periods in a row → an interview (约谈) by the head; Youzhi does not dismiss anyone.'),
};

function template(code: string, zh: string, en: string, items: Item[]): [string, PackAppraisalTemplate] {
  return [code, { label: l(zh, en), post: code, period: 'monthly', items, stars: stars(), bottom, source: '002:L216', decision: MONTHLY }];
}

const windowStaff = template('window_staff', '窗口工作人员月度考核表', 'Window staff monthly sheet', [
  satisfaction('30', '95', '001:L349'),
  ratingRate('10', '90', '001:L155'),
  complaints('15', '5', '001:L157'),
  inspections('10'),
  veto('001:L157', '发生违法违纪事件', 'A breach of law or discipline'),
  sanctions('10', '5'),
  deliverables('5'),
  ...judged('5'),
]);

const nurse = template('nurse', '护士月度考核表', 'Nurse monthly sheet', [
  satisfaction('30', '90', '001:L155'),
  ratingRate('10', '90', '001:L155'),
  complaints('15', '5', '001:L209'),
  inspections('10'),
  veto('001:L205', '发生医疗事故或责任事故', 'A medical or liability accident'),
  followUps('10', '004:L214', '按时回访', 'On-time follow-ups'),
  sanctions('5', '3'),
  ...judged('5'),
]);

const doctor = template('doctor', '医生月度考核表', 'Doctor monthly sheet', [
  satisfaction('30', '90', '001:L155'),
  complaints('20', '5', '001:L209'),
  inspections('10'),
  veto('001:L205', '发生医疗事故或责任事故', 'A medical or liability accident'),
  followUps('10', '004:L214', '出院回访', 'Discharge follow-ups'),
  sanctions('10', '5'),
  ...judged('5', '001:L281'),
]);

const teller = template('teller', '柜员月度考核表', 'Teller monthly sheet', [
  satisfaction('20', '90', '001:L559, L663'),
  ratingRate('10', '90', '001:L597'),
  complaints('20', '10', '001:L663'),
  inspections('20', '001:L661; 003:L143'),
  veto('003:L143', '检查中发现一票否决事项', 'A veto finding on an inspection'),
  sanctions('10', '5'),
  ...judged('5'),
]);

const technician = template('technician', '供电服务人员月度考核表', 'Utility technician monthly sheet', [
  satisfaction('20', '95', '004:L212'),
  complaints('20', '10', '004:L212'),
  inspections('15', '004:L214'),
  veto('004:L212', '发生供电服务质量事故', 'A service-quality incident'),
  followUps('15', '004:L214', '闭环回访', 'Closed-loop follow-ups'),
  sanctions('10', '5'),
  ...judged('5'),
]);

const TEMPLATES: Record<Sector, [string, PackAppraisalTemplate][]> = {
  hall: [windowStaff],
  hospital: [nurse, doctor],
  bank: [teller],
  utility: [technician],
};

/** The appraisal section of a sector preset. */
export function appraisalPreset(sector: Sector): AppraisalPolicy {
  return {
    settings: {
      showStarsPublicly: { value: sector !== 'hospital', source: '000:L115', decision: note('挂星上岗:星级显示在公开评价页上;医院默认不公开(由医院自行开启)。', 'Stars are shown on the public rating page (挂星上岗); hospitals start with it off and may turn it on.') },
      bottom,
    },
    templates: Object.fromEntries(structuredClone(TEMPLATES[sector])),
  };
}
