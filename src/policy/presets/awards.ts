/**
 * Award types of the presets (评选, RULES §6): Taixing (001:L107–315) and Huizhou (001:L331–455)
 * hospitals and the five-star doctor (003:L189), with the disqualification profiles of both
 * hospitals, the automatic honours, publicity and the tie-break. Every number is cited.
 */
import type { AwardsPolicy } from '../awards.js';
import type { Sector } from '../schema.js';
import { note } from './common.js';

type Rule = AwardsPolicy['profiles']['taixing'][number];
type Type = AwardsPolicy['types'][number];

const l = (zh: string, en: string) => ({ zh, en });
const yuanFen = (y: number) => y * 100;

const facts = (code: string, label: { zh: string; en: string }, citation: string, anyOf: Extract<Rule, { type: 'facts' }>['anyOf'], window: 'period' | 'year' = 'period', minCount?: number): Rule => ({
  type: 'facts',
  code,
  label,
  citation,
  anyOf,
  window,
  ...(minCount ? { minCount } : {}),
});

/** Taixing 七、有下列情况之一的，取消评选资格 (001:L203–215) and its window figures (001:L155). */
const taixingProfile: Rule[] = [
  facts('taixing.concealed_error', l('发生一般差错隐瞒不报', 'An error concealed'), '001:L205', [{ kind: 'concealed_error' }]),
  facts('taixing.accident', l('发生医疗事故或责任事故', 'A medical or liability accident'), '001:L205', [{ kind: 'accident' }]),
  facts('taixing.dispute', l('发生纠纷（与病人或职工），造成医院名誉损害或经济损失', 'A dispute (with a patient or a colleague) harming the hospital\'s name or causing a loss'), '001:L205, L211', [{ kind: 'dispute' }]),
  facts('taixing.red_envelope', l('收受红包、回扣、统方费，经调查核实未退还或上交', 'A red envelope, kickback or prescription fee not returned or handed in'), '001:L207', [{ kind: 'red_envelope', attributes: { returned: false } }]),
  facts('taixing.verified_complaint', l('服务或技术不到位引起投诉，经调查核实', 'A complaint verified on investigation'), '001:L209', [{ kind: 'verified_complaint' }]),
  facts('taixing.damage', l('因工作不细造成医院财物损坏达 200 元以上', 'Property damaged by carelessness, 200 元 or more'), '001:L213', [{ kind: 'damage', minAmountFen: yuanFen(200) }]),
  { type: 'figure', code: 'taixing.rating_rate', label: l('月接受评价率', 'Monthly rating rate'), citation: '001:L155', metric: 'ratingRate', atLeastPermille: 900, subject: 'any' },
  { type: 'figure', code: 'taixing.satisfaction', label: l('满意度', 'Satisfaction'), citation: '001:L155', metric: 'satisfactionRate', atLeastPermille: 900, subject: 'any' },
];

/** Huizhou 七、有下列情况之一的取消评选资格 (001:L445–455) and its window satisfaction (001:L349). */
const huizhouProfile: Rule[] = [
  facts('huizhou.concealed_error', l('发生一般差错隐瞒不报', 'An error concealed'), '001:L447', [{ kind: 'concealed_error' }]),
  facts('huizhou.accident', l('发生等级医疗事故或责任事故', 'A graded medical accident or a liability accident'), '001:L447', [
    { kind: 'accident', attributes: { graded: true } },
    { kind: 'accident', attributes: { liability: true } },
  ]),
  facts('huizhou.red_envelope', l('收受红包回扣，经查实未在规定时间内退还或上交', 'A red envelope or kickback not returned within the set time'), '001:L449', [{ kind: 'red_envelope', attributes: { returnedInTime: false } }]),
  facts('huizhou.verified_complaint', l('服务或技术不到位引起投诉，经调查核实', 'A complaint verified on investigation'), '001:L451', [{ kind: 'verified_complaint' }]),
  facts('huizhou.dispute', l('因纠纷造成医院名誉损害或经济损失在 2000 元以上', 'A dispute harming the hospital\'s name or causing a loss of 2,000 元 or more'), '001:L453', [
    { kind: 'dispute', attributes: { reputationDamage: true } },
    { kind: 'dispute', minAmountFen: yuanFen(2000) },
  ]),
  facts('huizhou.damage', l('因工作不细造成医院财物损坏达 200 元以上', 'Property damaged by carelessness, 200 元 or more'), '001:L455', [{ kind: 'damage', minAmountFen: yuanFen(200) }]),
  { type: 'figure', code: 'huizhou.window_satisfaction', label: l('窗口群众综合满意度', 'Window satisfaction'), citation: '001:L349', metric: 'satisfactionRate', atLeastPermille: 950, subject: 'unit' },
];

/** Whatever the profile: one-vote vetoes, three major complaints a year, 取消当年评优, the 八不准. */
const everyAward: Rule[] = [
  facts('every.veto', l('一票否决（有责投诉或负面报道）', 'One-vote veto (a liability complaint or negative reporting)'), '001:L869', [{ kind: 'veto' }, { kind: 'exposure' }]),
  facts('every.major_complaints', l('全年发生 3 件及以上重大有责投诉', 'Three or more major liability complaints in the year'), '001:L939', [{ kind: 'major_complaint' }], 'year', 3),
  facts('every.disqualified_year', l('受到取消当年评优的处理', 'Barred from the year\'s awards by a sanction (取消当年评优)'), '004:L124', [{ kind: 'disqualify_year_awards' }], 'year'),
  facts('every.eight_prohibitions', l('违反“八不准”', 'A breach of the Eight Prohibitions (八不准)'), '004:L124', [{ kind: 'eight_prohibitions' }], 'year'),
];

const unlimited = (source: string, zh: string, en: string) => ({ per: 'round' as const, limit: { kind: 'unlimited' as const }, source, decision: note(zh, en) });
const seats = (n: number | [number, number] | null, source: string, decision?: { zh: string; en: string }) => ({
  value: n === null ? null : Array.isArray(n) ? { min: n[0], max: n[1] } : { min: n, max: n },
  source,
  ...(decision ? { decision } : {}),
});

const item = (code: string, zh: string, en: string, max: number, source: string) => ({ code, name: l(zh, en), max, source });

const civilitySheet = [
  item('language', '文明用语，服务语言佳', 'Courteous language', 10, '001:L263'),
  item('appearance', '规范着装，服务仪表佳', 'Dress and bearing', 10, '001:L265'),
  item('attitude', '态度和蔼，服务态度佳', 'Friendly attitude', 10, '001:L267'),
  item('technique', '医疗技术优良，服务技术佳', 'Sound technique', 10, '001:L269'),
  item('dedication', '“三心”，爱岗敬业佳', 'Dedication (三心)', 10, '001:L271'),
  item('image', '团结互助，社会形象佳', 'Teamwork and public image', 10, '001:L273'),
  item('commitment', '落实服务承诺、首问负责，履行承诺佳', 'Commitments and first-question responsibility kept', 10, '001:L275'),
  item('quality_service', '落实“四个六”“六个三”，优质服务佳', 'The hospital\'s service norms kept', 10, '001:L277'),
  item('process', '改善流程，维护群众利益佳', 'Better processes for the public', 10, '001:L279'),
  item('ethics', '遵守“八荣八耻”，医德医风佳', 'Medical ethics', 10, '001:L281'),
];

const integritySheet = [
  item('responsibility', '工作负责，责任心强', 'Responsibility', 10, '001:L285'),
  item('warmth', '温馨服务，待病人如亲人', 'Warm service', 10, '001:L287'),
  item('honesty', '诚信服务，遵守服务承诺', 'Honest service', 10, '001:L289'),
  item('rational_treatment', '因病施治，坚持“四个合理”', 'Treatment as the illness needs', 10, '001:L291'),
  item('no_referral_fees', '不以医谋私，不收介绍费、转诊费', 'No referral fees', 15, '001:L293'),
  item('no_kickbacks', '不接受企业回扣提成', 'No kickbacks from suppliers', 15, '001:L295'),
  item('no_incidents', '连续五年无医疗事故、纠纷、投诉', 'Five years without accidents, disputes or complaints', 15, '001:L297'),
  item('no_red_envelopes', '不收红包、物品和吃请', 'No red envelopes, gifts or meals', 15, '001:L299'),
];

const hospitalTypes: Type[] = [
  {
    code: 'taixing.window',
    name: l('优质服务窗口', 'Quality service window'),
    subject: 'unit',
    cadence: 'quarterly',
    method: 'leadership',
    quotas: [unlimited('001:L167', '原文未限定推荐数：窗口从季度当选名单中推荐，由领导小组研究决定。', 'The source sets no nomination limit: windows are proposed from the quarter\'s monthly winners and the leading group decides.')],
    seats: seats(3, '001:L167'),
    profile: 'taixing',
    rewardRule: 'taixing.window_award',
    redFlag: true,
    honours: 'taixing',
    source: '001:L161–169, L195',
  },
  {
    code: 'taixing.star',
    name: l('优质服务标兵', 'Quality service model'),
    subject: 'person',
    cadence: 'quarterly',
    method: 'leadership',
    quotas: [unlimited('001:L167', '原文未限定推荐数：标兵从季度当选名单中推荐，由领导小组研究决定。', 'The source sets no nomination limit: models are proposed from the quarter\'s monthly winners and the leading group decides.')],
    seats: seats(10, '001:L167'),
    profile: 'taixing',
    rewardRule: 'taixing.model_award',
    honours: 'taixing',
    source: '001:L161–169, L195',
  },
  {
    code: 'taixing.dept_star',
    name: l('科室服务标兵', 'Department service model'),
    subject: 'person',
    cadence: 'monthly',
    method: 'leadership',
    quotas: [{ per: 'unit', limit: { kind: 'count', count: 1 }, source: '001:L161', decision: note('各科室每月评选科室服务标兵：每个科室推荐 1 名。', 'Each department chooses its monthly model: one nomination per department.') }],
    seats: seats(null, '001:L161', note('名额随科室数而定，由领导小组确定。', 'As many as departments; the leading group decides.')),
    profile: 'taixing',
    rewardRule: null,
    honours: null,
    source: '001:L161, L231',
  },
  {
    code: 'taixing.model_department',
    name: l('优质服务示范科室', 'Model department'),
    subject: 'unit',
    cadence: 'annual',
    method: 'leadership',
    quotas: [unlimited('001:L143', '原文未限定推荐数：在医德医风优胜科室中优中选优。', 'No nomination limit: chosen from the year\'s best departments.')],
    seats: seats(2, '001:L143'),
    profile: 'taixing',
    rewardRule: null,
    honours: null,
    source: '001:L141–147',
  },
  {
    code: 'taixing.civility_star',
    name: l('文明服务标兵', 'Civility model'),
    subject: 'person',
    cadence: 'annual',
    method: 'vote',
    voters: 'middle_cadres',
    quotas: [
      {
        per: 'unit',
        limit: { kind: 'fraction', numerator: 1, denominator: 10, minimum: 1, rounding: 'half_up' },
        source: '001:L311',
        decision: note('按科室职工总数的十分之一推荐，四舍五入，至少 1 名（25 人 → 3，24 人 → 2，4 人 → 1）。', 'One tenth of the department\'s headcount, rounded half up, at least 1 (25 → 3, 24 → 2, 4 → 1).'),
      },
    ],
    seats: seats(10, '001:L315'),
    scoreSheet: civilitySheet,
    profile: 'taixing',
    rewardRule: null,
    honours: null,
    source: '001:L241–315',
  },
  {
    code: 'taixing.integrity_star',
    name: l('廉洁行医标兵', 'Integrity model'),
    subject: 'person',
    cadence: 'annual',
    method: 'vote',
    voters: 'middle_cadres',
    quotas: [{ per: 'unit', limit: { kind: 'count', count: 1 }, source: '001:L313' }],
    seats: seats(10, '001:L315'),
    scoreSheet: integritySheet,
    profile: 'taixing',
    rewardRule: null,
    honours: null,
    source: '001:L241–315',
  },
  {
    code: 'taixing.service_star',
    name: l('优质服务之星', 'Quality service star'),
    subject: 'person',
    cadence: 'annual',
    method: 'leadership',
    quotas: [
      {
        per: 'party_branch',
        limit: {
          kind: 'table',
          entries: [
            { key: '内儿', count: 3 },
            { key: '外产', count: 3 },
            { key: '门诊', count: 3 },
            { key: '医技', count: 2 },
            { key: '保健', count: 2 },
            { key: '崇凭', count: 2 },
            { key: '管理', count: 2 },
          ],
          otherwise: null,
        },
        source: '001:L239',
        decision: note('“保健支部、崇凭支部2名”按每个支部各 2 名理解（可修改）；表外支部不分配名额。', '"保健支部、崇凭支部2名" is read as 2 each (configurable); branches not in the table have no quota.'),
      },
    ],
    seats: seats(null, '001:L239', note('各支部按名额推荐，名额合计即当选人数。', 'Each branch fills its quota; the quotas add up to the winners.')),
    profile: 'taixing',
    rewardRule: null,
    honours: null,
    source: '001:L233–239',
  },
  {
    code: 'huizhou.window',
    name: l('文明示范窗口', 'Model window'),
    subject: 'unit',
    cadence: 'quarterly',
    method: 'leadership',
    quotas: [unlimited('001:L421', '推荐不限数：门诊收费处、住院收费处、药房、挂号处、候诊各评一个。', 'No nomination limit: one each of outpatient cashier, inpatient cashier, pharmacy, registration and waiting area is chosen.')],
    seats: seats(5, '001:L421'),
    profile: 'huizhou',
    rewardRule: 'huizhou.model_award',
    honours: 'huizhou',
    routing: [
      { categories: ['收费处'], reviewers: ['财务部'], source: '001:L401' },
      { categories: ['挂号处'], reviewers: ['门诊办'], source: '001:L403' },
      { categories: ['药房'], reviewers: ['药剂科'], source: '001:L405' },
      { categories: ['候诊'], reviewers: ['门诊办', '护理部'], source: '001:L407' },
    ],
    source: '001:L397–407, L421, L441',
  },
  {
    code: 'huizhou.star',
    name: l('文明服务标兵（惠州）', 'Civility model (Huizhou)'),
    subject: 'person',
    cadence: 'quarterly',
    method: 'leadership',
    quotas: [
      { per: 'unit_category', limit: { kind: 'count', count: 1 }, categories: ['医生', '医技', '药剂', '护理'], source: '001:L423' },
      {
        per: 'round',
        limit: { kind: 'fraction', numerator: 5, denominator: 100, minimum: 1, rounding: 'half_up' },
        categories: ['行政', '工勤'],
        source: '001:L423',
        decision: note('行政工勤人员按总人数 5% 评选，四舍五入，至少 1 名（130 人 → 7，129 人 → 6）。', 'Admin and logistics staff: 5 % of their headcount, rounded half up, at least 1 (130 → 7, 129 → 6).'),
      },
    ],
    seats: seats(null, '001:L423', note('按病区、类别的名额合计。', 'The quotas per ward and category add up to the winners.')),
    profile: 'huizhou',
    rewardRule: 'huizhou.model_award',
    honours: 'huizhou',
    routing: [
      { categories: ['医生', '医技', '药剂'], reviewers: ['医务部', '药剂科'], source: '001:L411' },
      { categories: ['护理'], reviewers: ['护理部'], source: '001:L413' },
      { categories: ['行政', '工勤'], reviewers: ['人力资源部'], source: '001:L415' },
    ],
    source: '001:L397–423, L441',
  },
  {
    code: 'five_star_doctor',
    name: l('五星级医生', 'Five-star doctor'),
    subject: 'person',
    cadence: 'annual',
    method: 'leadership',
    quotas: [{ per: 'party_branch', limit: { kind: 'count', count: 2 }, source: '003:L189', decision: note('每个支部推选 1～2 名：上限 2 名。', 'Each party branch proposes 1–2: at most 2.') }],
    seats: seats([5, 6], '003:L189'),
    profile: null,
    rewardRule: null,
    honours: null,
    source: '003:L189',
  },
];

export function awardsPreset(sector: Sector): AwardsPolicy {
  return {
    profiles: { taixing: taixingProfile, huizhou: huizhouProfile },
    everyAward,
    honours: {
      taixing: [
        { code: 'taixing.excellent_rating', name: l('考核等次优秀', 'Appraisal: excellent'), citation: '001:L197; RULES.md §6', winsInYear: 1 },
        { code: 'taixing.advanced_worker', name: l('先进工作者', 'Advanced worker'), citation: '001:L199; RULES.md §6', winsInYear: 2 },
        { code: 'taixing.window_head', name: l('先进工作者（优质服务窗口负责人）', 'Advanced worker (head of a winning window)'), citation: '001:L201', unitHead: true },
      ],
      huizhou: [{ code: 'huizhou.recommended', name: l('推荐考核优秀等次或医院先进工作者', 'Recommended for an excellent appraisal or advanced worker'), citation: '001:L443', winsInYear: 2 }],
    },
    publicityDays: { value: 5, source: 'RULES.md §6', decision: note('公示 5 个工作日，按工作日历计算（含调休）。', 'Publicity lasts 5 working days on the working-day calendar (调休 included).') },
    tieBreak: {
      value: ['score', 'earliest_nomination'],
      source: 'RULES.md §6',
      decision: note('票数相同时先报告并列，再按评分表总分、最早推荐的顺序决定。', 'A tie in votes is reported, then broken by the score-sheet total, then by the earliest nomination.'),
    },
    types: sector === 'hospital' ? hospitalTypes : [],
  };
}
