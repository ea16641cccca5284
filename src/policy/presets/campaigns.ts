/**
 * The campaign templates of the seeds (RULES §8), with stable codes. Every phase, deadline and
 * setting says where it comes from (seed:line) or, where the seed is silent, the decision taken.
 * Dates are relative to the year a template is copied into (`yearOffset: 1` = the next year).
 */
import type { CampaignTemplate } from '../campaigns.js';

const l = (zh: string, en: string) => ({ zh, en });

/** RULES §8: the seeds name no reminder; a week and a day before a deadline. */
const reminders: CampaignTemplate['reminderDaysBefore'] = {
  value: [7, 1],
  decision: l('原文未规定提醒；截止前 7 天和 1 天各提醒一次', 'The seeds name no reminder: one a week and one a day before a deadline'),
};

/** Monthly progress reports (003:L166; 001:L687): a month's report is missing once the month has ended. */
const monthly: CampaignTemplate['monthlyReport'] = {
  value: { graceDays: 0 },
  source: '003:L166; 001:L687',
  decision: l('月度进展报告应在当月最后一天前报送，次月起未报即标记缺报', "A month's report is due by the month's last day and flagged missing from the next month on"),
};

/** 活动总结报告要在次年1月10日前上报 (001:L687). */
const annual: CampaignTemplate['annualReport'] = { value: { month: 1, day: 10, yearOffset: 1 }, source: '001:L687' };

const byOffice = (source: string): CampaignTemplate['acceptanceByInspection'] => ({ value: false, source });

export const campaignTemplates: CampaignTemplate[] = [
  {
    code: 'taixing-2013',
    label: l('泰兴医院“服务提升年”活动', 'Taixing hospital “service improvement year”'),
    sector: 'hospital',
    seedYear: 2013,
    source: '001:L51–83',
    leadingGroup: l('服务提升年活动领导小组', 'Service improvement year leading group'),
    office: l('医院服务提升年活动办公室（党办）', 'Service improvement year office (Party office)'),
    phases: [
      { code: 'mobilise', label: l('动员学习阶段', 'Mobilise and study'), timing: { from: { month: 2, part: 'late' }, to: { month: 3, part: 'early' } }, source: '001:L51' },
      { code: 'implement', label: l('组织实施阶段', 'Implement'), timing: { from: { month: 3, part: 'mid' }, to: { month: 11, part: 'month' } }, source: '001:L57' },
      { code: 'rectify', label: l('整改提高阶段', 'Rectify and improve'), timing: { from: { month: 12, part: 'mid' }, to: { month: 12, part: 'mid' } }, source: '001:L77' },
      { code: 'summarise', label: l('总结表彰阶段', 'Summarise and commend'), timing: { from: { month: 12, part: 'late' }, to: { month: 12, part: 'late' } }, source: '001:L79' },
    ],
    tasks: [
      { code: 'commitments', label: l('本科室优质服务承诺措施', "The unit's quality-service commitments"), phase: 'implement', deliverable: 'document', due: { month: 3, part: 'month' }, source: '001:L59' },
      { code: 'satisfaction', label: l('住院和门诊病人满意度调查结果（%）', 'Inpatient and outpatient satisfaction survey (%)'), phase: 'implement', deliverable: 'figure', due: { month: 11, part: 'month' }, source: '001:L73', decision: l('原文未给日期，定为实施阶段结束', 'The seed gives no date: the end of the implementation phase') },
      { code: 'rectification', label: l('整改措施和整改效果', 'Rectification measures and their effect'), phase: 'rectify', deliverable: 'upload', due: { month: 12, part: 'mid' }, source: '001:L77', decision: l('原文未给日期，定为整改阶段结束', 'The seed gives no date: the end of the rectification phase') },
      { code: 'acceptance_check', label: l('活动办公室检查验收', "The office's acceptance check"), phase: 'summarise', deliverable: 'inspection', due: { month: 12, part: 'late' }, source: '001:L81' },
    ],
    monthlyReport: null,
    annualReport: null,
    acceptanceByInspection: byOffice('001:L81'),
    reminderDaysBefore: reminders,
  },
  {
    code: 'fumin',
    label: l('富民县医院“执行力提升年”活动', 'Fumin county hospital “execution year”'),
    sector: 'hospital',
    seedYear: null,
    source: '001:L751–787',
    leadingGroup: l('执行力提升年活动领导小组', 'Execution year leading group'),
    office: l('院办公室', 'Hospital office'),
    phases: [
      { code: 'publicise', label: l('宣传发动阶段', 'Publicise and mobilise'), timing: { from: { month: 4, part: 'month' }, to: { month: 4, part: 'month' } }, source: '001:L751' },
      { code: 'organise', label: l('组织实施阶段', 'Organise'), timing: { from: { month: 5, part: 'month' }, to: { month: 5, part: 'month' } }, source: '001:L759' },
      { code: 'implement', label: l('推进落实阶段', 'Carry through'), timing: { from: { month: 6, part: 'month' }, to: { month: 11, part: 'month' } }, source: '001:L767' },
      { code: 'summarise', label: l('总结考评阶段', 'Summarise and appraise'), timing: { from: { month: 12, part: 'month' }, to: { month: 12, part: 'month' } }, source: '001:L783' },
    ],
    tasks: [
      // Due in May although the task belongs to April's phase (001:L755–757).
      { code: 'leaders_article', label: l('党政主要负责人心得体会及动员学习情况', "Leaders' reflections and the mobilisation report"), phase: 'publicise', deliverable: 'document', due: { month: 5, day: 6 }, source: '001:L757' },
      { code: 'cadres_articles', label: l('中层干部心得体会', "Middle managers' reflections"), phase: 'publicise', deliverable: 'upload', due: { month: 5, day: 13 }, source: '001:L757' },
      { code: 'rectification_plan', label: l('对照检查及整改方案', 'Self-check and rectification plan'), phase: 'organise', deliverable: 'document', due: { month: 5, day: 20 }, source: '001:L765' },
      { code: 'mechanisms', label: l('六个工作机制建章立制情况', 'The six working mechanisms in place'), phase: 'implement', deliverable: 'document', due: { month: 11, day: 25 }, source: '001:L781' },
      { code: 'summary', label: l('科室活动总结', "The unit's campaign summary"), phase: 'summarise', deliverable: 'document', due: { month: 12, day: 25 }, source: '001:L787' },
    ],
    monthlyReport: null,
    annualReport: null,
    acceptanceByInspection: byOffice('001:L787'),
    reminderDaysBefore: reminders,
  },
  {
    code: 'abc-service',
    label: l('农业银行“服务体验提升年”（服务新坐标）', 'Agricultural Bank “service experience year” (new coordinates)'),
    sector: 'bank',
    seedYear: 2016,
    source: '001:L619–651',
    leadingGroup: l('服务体验提升年活动领导小组', 'Service experience year leading group'),
    office: l('领导小组办公室', 'Leading group office'),
    phases: [
      { code: 'discussion', label: l('农行“好服务”大讨论', '“Good service” discussion'), timing: { from: { month: 5, part: 'month' }, to: { month: 5, part: 'month' } }, source: '001:L621' },
      { code: 'outlet_coaching', label: l('千佳网点创建现场辅导', 'On-site coaching of candidate outlets'), timing: { from: { month: 6, part: 'month' }, to: { month: 7, part: 'month' } }, source: '001:L627' },
      { code: 'six_s', label: l('网点“6S”管理回头看', 'Outlet “6S” review'), timing: { from: { month: 6, part: 'month' }, to: { month: 6, part: 'month' } }, source: '001:L629' },
      { code: 'brand', label: l('我为农行服务品牌代言', 'Champion the service brand'), timing: { from: { month: 7, part: 'month' }, to: { month: 7, part: 'month' } }, source: '001:L623' },
      { code: 'pre_acceptance', label: l('候选网点预验收', 'Pre-acceptance of candidate outlets'), timing: { from: { month: 8, part: 'month' }, to: { month: 8, part: 'month' } }, source: '001:L627' },
      { code: 'stories', label: l('“我的服务故事”演讲比赛', '“My service story” contest'), timing: { from: { month: 9, part: 'month' }, to: { month: 10, part: 'month' } }, source: '001:L633' },
      { code: 'finals', label: l('总行总决赛', 'Head-office final'), timing: { from: { month: 12, part: 'month' }, to: { month: 12, part: 'month' } }, source: '001:L633' },
    ],
    tasks: [
      { code: 'good_service_standard', label: l('网点“好服务”心得与标准提炼', 'The outlet’s “good service” notes and standard'), phase: 'discussion', deliverable: 'document', due: { month: 5, part: 'month' }, source: '001:L621' },
      { code: 'six_s_photos', label: l('“6S”回头看照片', '“6S” review photographs'), phase: 'six_s', deliverable: 'upload', due: { month: 6, part: 'month' }, source: '001:L629' },
      { code: 'pre_acceptance_check', label: l('预验收检查', 'Pre-acceptance inspection'), phase: 'pre_acceptance', deliverable: 'inspection', due: { month: 8, part: 'month' }, source: '001:L627' },
      { code: 'story_entries', label: l('初赛微视频参赛数', 'Micro-video entries in the first round'), phase: 'stories', deliverable: 'figure', due: { month: 9, part: 'month' }, source: '001:L633' },
    ],
    monthlyReport: { ...monthly, source: '001:L687' },
    annualReport: annual,
    acceptanceByInspection: { value: true, source: '001:L627' },
    reminderDaysBefore: reminders,
  },
  {
    code: 'hefei',
    label: l('合肥市窗口服务质量提升活动', 'Hefei window-service quality campaign'),
    sector: 'hall',
    seedYear: 2013,
    source: '002:L76–82',
    leadingGroup: l('窗口服务效能建设领导小组', 'Window-service efficiency leading group'),
    office: l('效能办', 'Efficiency office'),
    phases: [
      { code: 'study', label: l('学习动员阶段', 'Study and mobilise'), timing: { from: { month: 12, day: 31 }, to: { month: 1, day: 30, yearOffset: 1 } }, source: '002:L76' },
      { code: 'implement', label: l('组织实施阶段', 'Implement'), timing: { from: { month: 1, day: 31, yearOffset: 1 }, to: { month: 2, part: 'month', yearOffset: 1 } }, source: '002:L78' },
      { code: 'acceptance', label: l('总结验收阶段', 'Summarise and accept'), timing: { from: { month: 3, part: 'month', yearOffset: 1 }, to: { month: 3, part: 'month', yearOffset: 1 } }, source: '002:L81' },
    ],
    tasks: [
      { code: 'implementation_plan', label: l('本单位具体实施方案', "The unit's implementation plan"), phase: 'study', deliverable: 'document', due: { month: 1, day: 30, yearOffset: 1 }, source: '002:L77', decision: l('原文未给日期，定为学习动员阶段结束', 'The seed gives no date: the end of the study phase') },
      { code: 'self_check', label: l('服务窗口查摆问题及整改', 'Problems found at the windows and their rectification'), phase: 'implement', deliverable: 'upload', due: { month: 2, part: 'month', yearOffset: 1 }, source: '002:L78–80', decision: l('原文未给日期，定为实施阶段结束', 'The seed gives no date: the end of the implementation phase') },
      { code: 'undercover_acceptance', label: l('暗访验收', 'Acceptance by undercover visit (暗访)'), phase: 'acceptance', deliverable: 'inspection', due: { month: 3, part: 'month', yearOffset: 1 }, source: '002:L82' },
      { code: 'summary', label: l('活动成果总结', 'Summary of results'), phase: 'acceptance', deliverable: 'document', due: { month: 3, part: 'month', yearOffset: 1 }, source: '002:L82' },
    ],
    monthlyReport: null,
    annualReport: null,
    acceptanceByInspection: { value: true, source: '002:L82' },
    reminderDaysBefore: reminders,
  },
  {
    code: 'hospital-quality-year',
    label: l('医疗服务质量提升年活动', 'Hospital service quality year'),
    sector: 'hospital',
    seedYear: null,
    source: '003:L137–145',
    leadingGroup: l('医疗质量提升年活动领导小组', 'Quality year leading group'),
    office: l('社会服务部', 'Social services department'),
    // 每个阶段不分时间，各项工作穿插进行 (003:L137): the phases overlap.
    phases: [
      { code: 'mobilise', label: l('宣传动员阶段', 'Publicise and mobilise'), timing: { from: { month: 3, day: 17 }, to: { month: 4, day: 1 } }, source: '003:L138' },
      { code: 'self_check', label: l('自查提高阶段', 'Self-check and improve'), timing: { from: { month: 4, day: 1 }, to: { month: 12, day: 31 } }, source: '003:L140' },
      { code: 'supervise', label: l('考核督导阶段', 'Appraise and supervise'), timing: { from: { month: 6, day: 1 }, to: { month: 12, day: 31 } }, source: '003:L142' },
      { code: 'summarise', label: l('总结表彰阶段', 'Summarise and commend'), timing: { from: { month: 12, day: 1 }, to: { month: 12, day: 31 } }, source: '003:L144' },
    ],
    tasks: [
      { code: 'work_plan', label: l('科室详细工作计划和措施', "The unit's detailed work plan and measures"), phase: 'mobilise', deliverable: 'document', due: { month: 4, day: 1 }, source: '003:L138–139' },
      { code: 'service_standards', label: l('服务标准和流程', 'Service standards and procedures'), phase: 'self_check', deliverable: 'upload', due: { month: 6, part: 'month' }, source: '003:L141', decision: l('原文未给日期，定为督导阶段开始前', 'The seed gives no date: before supervision starts') },
      { code: 'supervision_check', label: l('督查组督查考核', "The supervision team's check"), phase: 'supervise', deliverable: 'inspection', due: { month: 11, part: 'month' }, source: '003:L143', decision: l('原文未给日期，定为总结阶段开始前', 'The seed gives no date: before the summary phase') },
      { code: 'satisfaction', label: l('征求意见满意度（%）', 'Satisfaction from the consultation (%)'), phase: 'supervise', deliverable: 'figure', due: { month: 11, part: 'month' }, source: '003:L143', decision: l('原文未给日期，定为总结阶段开始前', 'The seed gives no date: before the summary phase') },
      { code: 'summary', label: l('科室活动总结', "The unit's campaign summary"), phase: 'summarise', deliverable: 'document', due: { month: 12, day: 31 }, source: '003:L145' },
    ],
    monthlyReport: monthly,
    annualReport: annual,
    acceptanceByInspection: byOffice('003:L145'),
    reminderDaysBefore: reminders,
  },
];
