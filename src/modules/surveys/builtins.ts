import { presetFor } from '../../policy/index.js';
import { allowedValues, surveyDefinitionSchema, type SurveyDefinition, type SurveyDefinitionInput } from './schema.js';

/**
 * Built-in templates (RULES §3): outpatient and inpatient satisfaction (the monthly nursing
 * satisfaction survey, 000:L89 / 003:L116), discharge follow-up, window service (the GB/T 39734
 * offline indicators), a bank branch survey, a utility repair and service follow-up, and the
 * quarterly canteen survey (003:L248, subject `canteen`, matched
 * against the pack's canteen threshold). Organisations copy them and edit the copy.
 *
 * "What were you unhappy with?" follows an overall answer below the pack's positive levels
 * (好评, 5 and 4 by default: it shows for 3, 2 and 1), so the built-ins are made per pack.
 */
const overall = (zh: string, en: string) => ({ id: 'overall', type: 'five_level' as const, required: true, title: { zh, en } });
const recommend = (zh: string, en: string) => ({ id: 'recommend', type: 'nps' as const, title: { zh, en } });
const suggestion = { id: 'suggestion', type: 'text' as const, title: { zh: '您对我们还有哪些意见和建议？', en: 'Any comments or suggestions?' } };

type Option = { code: string; zh: string; en: string };

/** The hall's reasons, for the window template when no pack's are given (its raw form). */
const hallProblems: Option[] = [
  { code: 'slow', zh: '办事效率低、等候时间长', en: 'Slow service, long wait' },
  { code: 'attitude', zh: '服务态度差', en: 'Poor attitude' },
  { code: 'repeat_visits', zh: '多次跑腿', en: 'Had to come back several times' },
  { code: 'guide_unclear', zh: '办事指南不清楚', en: 'Unclear guidance' },
  { code: 'other', zh: '其他', en: 'Other' },
];

/**
 * `problems`: what the window template offers under "what were you unhappy with?" — the pack's
 * 差评 reasons, so a hospital's window survey asks about 候诊时间长, not 多次跑腿.
 */
function definitions(positiveLevels: readonly number[], problems: readonly Option[] = hallProblems): Record<string, SurveyDefinitionInput> {
  const notPositive = allowedValues({ type: 'five_level' }).filter((v) => !positiveLevels.includes(Number(v)));
  // Positive levels covering all of 1…5 leave no unhappy answer on this scale: ask after the lowest then.
  const unhappy = [{ question: 'overall', in: notPositive.length ? notPositive : [1] }];

  return {
    outpatient: {
      title: { zh: '门诊患者满意度调查', en: 'Outpatient satisfaction survey' },
      intro: { zh: '感谢您抽出时间填写本问卷，问卷匿名，结果仅用于改进服务。', en: 'Thank you for taking the time. The survey is anonymous and used only to improve our service.' },
      satisfactionQuestion: 'overall',
      questions: [
        overall('总体而言，您对本次门诊就医满意吗？', 'Overall, how satisfied are you with this outpatient visit?'),
        { id: 'registration', type: 'five_level', title: { zh: '挂号、缴费是否方便快捷？', en: 'Registration and payment were quick and easy' } },
        {
          id: 'waiting',
          type: 'single',
          title: { zh: '从挂号到就诊，您大约等候了多久？', en: 'How long did you wait between registration and seeing the doctor?' },
          options: [
            { code: 'lt15', zh: '15分钟以内', en: 'Under 15 minutes' },
            { code: 'm15_30', zh: '15–30分钟', en: '15–30 minutes' },
            { code: 'm30_60', zh: '30–60分钟', en: '30–60 minutes' },
            { code: 'gt60', zh: '1小时以上', en: 'Over an hour' },
          ],
        },
        { id: 'doctor', type: 'five_level', title: { zh: '医生的服务态度及对病情、用药的解释', en: "The doctor's manner and explanation of your condition and medicines" } },
        { id: 'environment', type: 'five_level', title: { zh: '就诊环境（整洁、标识、秩序）', en: 'The environment (clean, well signposted, orderly)' } },
        {
          id: 'problems',
          type: 'multiple',
          title: { zh: '您不满意的主要方面（可多选）', en: 'What were you unhappy with? (choose any)' },
          conditions: unhappy,
          options: [
            { code: 'queue', zh: '排队等候时间长', en: 'Long queues' },
            { code: 'guidance', zh: '指引标识不清', en: 'Unclear signs and guidance' },
            { code: 'attitude', zh: '服务态度不好', en: 'Poor attitude' },
            { code: 'explanation', zh: '病情解释不够', en: 'Not enough explanation' },
            { code: 'fees', zh: '收费有疑问', en: 'Questions about fees' },
            { code: 'other', zh: '其他', en: 'Other' },
          ],
        },
        recommend('您有多大可能向亲友推荐本院门诊？（0 = 完全不可能，10 = 非常可能）', 'How likely are you to recommend our outpatient clinic to friends and family? (0 = not at all, 10 = extremely)'),
        suggestion,
      ],
    },
    inpatient: {
      title: { zh: '住院患者满意度调查', en: 'Inpatient satisfaction survey' },
      intro: { zh: '本问卷每月开展（护理满意度调查），匿名填写，感谢您的配合。', en: 'A monthly survey (including nursing satisfaction). Anonymous; thank you for your help.' },
      satisfactionQuestion: 'overall',
      questions: [
        overall('总体而言，您对本次住院期间的服务满意吗？', 'Overall, how satisfied are you with your stay?'),
        { id: 'nursing', type: 'five_level', required: true, title: { zh: '护士的服务态度与护理质量', en: "The nurses' manner and quality of care" } },
        { id: 'doctor', type: 'five_level', title: { zh: '医生的诊疗及病情告知', en: 'Treatment by the doctors and how they kept you informed' } },
        {
          id: 'call_response',
          type: 'single',
          title: { zh: '您按呼叫铃后，护士一般多久到达？', en: 'After pressing the call bell, how soon did a nurse come?' },
          options: [
            { code: 'immediate', zh: '立即', en: 'At once' },
            { code: 'lt5', zh: '5分钟以内', en: 'Within 5 minutes' },
            { code: 'm5_15', zh: '5–15分钟', en: '5–15 minutes' },
            { code: 'gt15', zh: '15分钟以上', en: 'Over 15 minutes' },
            { code: 'not_used', zh: '未使用呼叫铃', en: 'Did not use it' },
          ],
        },
        { id: 'environment', type: 'five_level', title: { zh: '病房环境（整洁、安静、安全）', en: 'The ward (clean, quiet, safe)' } },
        { id: 'fees', type: 'five_level', title: { zh: '费用清单及收费解释', en: 'The bill and how charges were explained' } },
        recommend('您有多大可能向亲友推荐本院？（0 = 完全不可能，10 = 非常可能）', 'How likely are you to recommend our hospital to friends and family? (0 = not at all, 10 = extremely)'),
        { id: 'praise', type: 'text', title: { zh: '您想表扬的医护人员（可选）', en: 'Anyone you would like to thank? (optional)' } },
        suggestion,
      ],
    },
    discharge_followup: {
      title: { zh: '出院患者随访', en: 'Discharge follow-up' },
      intro: { zh: '您好，这是出院后的随访问卷，用于了解您的恢复情况和对住院服务的评价。', en: 'A follow-up after your discharge: how you are recovering and how we did.' },
      satisfactionQuestion: 'overall',
      questions: [
        {
          id: 'recovery',
          type: 'single',
          required: true,
          title: { zh: '出院后您的恢复情况如何？', en: 'How have you been since discharge?' },
          options: [
            { code: 'good', zh: '恢复良好', en: 'Recovering well' },
            { code: 'stable', zh: '病情平稳', en: 'Stable' },
            { code: 'worse', zh: '有所加重', en: 'Worse' },
            { code: 'readmitted', zh: '已再次就医', en: 'Had to see a doctor again' },
          ],
        },
        {
          id: 'recovery_detail',
          type: 'text',
          required: true,
          conditions: [{ question: 'recovery', in: ['worse', 'readmitted'] }],
          title: { zh: '请简要描述目前的不适或就医情况，我们会安排医生联系您', en: 'Please describe your symptoms or visit; a doctor will contact you' },
        },
        {
          id: 'instructions',
          type: 'single',
          title: { zh: '出院时医护人员是否向您交代了用药和复诊注意事项？', en: 'At discharge, were you told about your medicines and follow-up visits?' },
          options: [
            { code: 'clear', zh: '交代清楚', en: 'Yes, clearly' },
            { code: 'partly', zh: '部分交代', en: 'Partly' },
            { code: 'no', zh: '没有交代', en: 'No' },
          ],
        },
        overall('您对本次住院的总体满意程度', 'Overall, how satisfied were you with your stay?'),
        recommend('您有多大可能向亲友推荐本院？（0 = 完全不可能，10 = 非常可能）', 'How likely are you to recommend our hospital? (0 = not at all, 10 = extremely)'),
        suggestion,
      ],
    },
    window: {
      title: { zh: '窗口服务满意度调查', en: 'Service window satisfaction survey' },
      satisfactionQuestion: 'overall',
      questions: [
        overall('整体满意度：您对本次窗口服务满意吗？', 'Overall, how satisfied are you with this window?'),
        { id: 'efficiency', type: 'five_level', title: { zh: '服务效率（等候和办理时间）', en: 'Efficiency (waiting and handling time)' } },
        { id: 'competence', type: 'five_level', title: { zh: '服务水平（业务熟练、解答准确）', en: 'Competence (knew the job, correct answers)' } },
        { id: 'attitude', type: 'five_level', title: { zh: '服务态度（文明礼貌、耐心热情）', en: 'Attitude (courteous and patient)' } },
        {
          id: 'told_once',
          type: 'single',
          title: { zh: '工作人员是否一次性告知了所需材料？', en: 'Were you told everything you needed at once?' },
          options: [
            { code: 'yes', zh: '是', en: 'Yes' },
            { code: 'no', zh: '否', en: 'No' },
            { code: 'na', zh: '不涉及', en: 'Not applicable' },
          ],
        },
        {
          id: 'problems',
          type: 'multiple',
          title: { zh: '您不满意的主要方面（可多选）', en: 'What were you unhappy with? (choose any)' },
          conditions: unhappy,
          options: problems.map(({ code, zh, en }) => ({ code, zh, en })),
        },
        recommend('您有多大可能向他人推荐在本窗口办理业务？（0 = 完全不可能，10 = 非常可能）', 'How likely are you to recommend this window to others? (0 = not at all, 10 = extremely)'),
        suggestion,
      ],
    },
    bank_branch: {
      title: { zh: '网点服务满意度调查', en: 'Branch service satisfaction survey' },
      intro: { zh: '感谢您在本网点办理业务，问卷匿名，结果仅用于改进服务。', en: 'Thank you for banking with us. The survey is anonymous and used only to improve our service.' },
      satisfactionQuestion: 'overall',
      questions: [
        overall('总体而言，您对本次网点服务满意吗？', 'Overall, how satisfied are you with this visit to the branch?'),
        {
          id: 'waiting',
          type: 'single',
          title: { zh: '从取号到办理，您大约等候了多久？', en: 'How long did you wait from taking a number to being served?' },
          options: [
            { code: 'lt10', zh: '10分钟以内', en: 'Under 10 minutes' },
            { code: 'm10_20', zh: '10–20分钟', en: '10–20 minutes' },
            { code: 'm20_40', zh: '20–40分钟', en: '20–40 minutes' },
            { code: 'gt40', zh: '40分钟以上', en: 'Over 40 minutes' },
          ],
        },
        { id: 'attitude', type: 'five_level', title: { zh: '柜员服务态度（文明礼貌、耐心热情）', en: "The teller's manner (courteous and patient)" } },
        { id: 'explanation', type: 'five_level', title: { zh: '业务和产品的介绍是否清楚、有无风险提示', en: 'Products and risks were explained clearly' } },
        { id: 'environment', type: 'five_level', title: { zh: '网点环境和自助设备', en: 'The branch and its self-service machines' } },
        {
          id: 'problems',
          type: 'multiple',
          title: { zh: '您不满意的主要方面（可多选）', en: 'What were you unhappy with? (choose any)' },
          conditions: unhappy,
          options: problems.map(({ code, zh, en }) => ({ code, zh, en })),
        },
        recommend('您有多大可能向亲友推荐本网点？（0 = 完全不可能，10 = 非常可能）', 'How likely are you to recommend this branch? (0 = not at all, 10 = extremely)'),
        suggestion,
      ],
    },
    utility_followup: {
      title: { zh: '报修及业务办理回访', en: 'Repair and service follow-up' },
      intro: { zh: '您好，这是对您近期报修或业务办理的回访，问卷匿名，感谢您的配合。', en: 'A follow-up on your recent repair call or application. Anonymous; thank you for your help.' },
      satisfactionQuestion: 'overall',
      questions: [
        {
          id: 'service',
          type: 'single',
          required: true,
          title: { zh: '您最近办理的是', en: 'What did you contact us about?' },
          options: [
            { code: 'repair', zh: '故障报修', en: 'A fault or repair' },
            { code: 'application', zh: '业务办理（开户、过户、增容等）', en: 'An application (new account, transfer, capacity…)' },
            { code: 'billing', zh: '缴费或账单咨询', en: 'A payment or bill question' },
          ],
        },
        overall('总体而言，您对本次服务满意吗？', 'Overall, how satisfied are you with our service?'),
        {
          id: 'arrival',
          type: 'single',
          conditions: [{ question: 'service', in: ['repair'] }],
          title: { zh: '报修后维修人员多久到达现场？', en: 'How soon did the repair crew arrive?' },
          options: [
            { code: 'lt1h', zh: '1小时以内', en: 'Within an hour' },
            { code: 'h1_4', zh: '1–4小时', en: '1–4 hours' },
            { code: 'h4_24', zh: '4–24小时', en: '4–24 hours' },
            { code: 'gt24h', zh: '超过24小时', en: 'Over 24 hours' },
          ],
        },
        { id: 'attitude', type: 'five_level', title: { zh: '工作人员的服务态度', en: "The staff's manner" } },
        { id: 'resolved', type: 'five_level', title: { zh: '问题是否得到解决', en: 'Your problem was solved' } },
        {
          id: 'problems',
          type: 'multiple',
          title: { zh: '您不满意的主要方面（可多选）', en: 'What were you unhappy with? (choose any)' },
          conditions: unhappy,
          options: problems.map(({ code, zh, en }) => ({ code, zh, en })),
        },
        suggestion,
      ],
    },
    canteen_quarterly: {
      title: { zh: '食堂季度满意度调查', en: 'Quarterly canteen satisfaction survey' },
      intro: { zh: '本调查每季度开展一次，满意度低于规定比例时，食堂管理委员会将要求限期整改。', en: 'Held every quarter; if satisfaction falls below the required level, the canteen committee requires rectification.' },
      subject: 'canteen',
      satisfactionQuestion: 'overall',
      questions: [
        {
          id: 'respondent',
          type: 'single',
          title: { zh: '您的身份', en: 'You are' },
          options: [
            { code: 'staff', zh: '本院职工', en: 'Staff' },
            { code: 'patient', zh: '患者或家属', en: 'A patient or relative' },
            { code: 'other', zh: '其他', en: 'Other' },
          ],
        },
        overall('您对食堂的总体满意程度', 'Overall, how satisfied are you with the canteen?'),
        { id: 'taste', type: 'five_level', title: { zh: '饭菜质量与口味', en: 'Quality and taste of the food' } },
        { id: 'variety', type: 'five_level', title: { zh: '菜品种类与花样', en: 'Choice and variety' } },
        { id: 'price', type: 'five_level', title: { zh: '价格合理程度', en: 'Value for money' } },
        { id: 'hygiene', type: 'five_level', title: { zh: '食品安全与卫生状况', en: 'Food safety and hygiene' } },
        { id: 'service', type: 'five_level', title: { zh: '工作人员服务态度', en: 'Staff attitude' } },
        {
          id: 'problems',
          type: 'multiple',
          title: { zh: '您认为最需要改进的方面（可多选）', en: 'What most needs improving? (choose any)' },
          conditions: unhappy,
          options: [
            { code: 'taste', zh: '口味', en: 'Taste' },
            { code: 'variety', zh: '品种', en: 'Variety' },
            { code: 'price', zh: '价格', en: 'Price' },
            { code: 'hygiene', zh: '卫生', en: 'Hygiene' },
            { code: 'queue', zh: '排队时间', en: 'Queues' },
            { code: 'service', zh: '服务态度', en: 'Service' },
          ],
        },
        recommend('您有多大可能向同事推荐在食堂就餐？（0 = 完全不可能，10 = 非常可能）', 'How likely are you to recommend the canteen to a colleague? (0 = not at all, 10 = extremely)'),
        suggestion,
      ],
    },
  };
}

export interface BuiltinTemplate {
  code: string;
  definition: SurveyDefinition;
}

/** The presets' positive levels (the same in every sector: 5 and 4). */
const presetPositiveLevels = presetFor('hall').ratings.positiveLevels.value;

/** The built-ins as written for the presets' positive levels. */
export const rawBuiltinDefinitions: Readonly<Record<string, SurveyDefinitionInput>> = definitions(presetPositiveLevels);

export const builtinCodes: readonly string[] = Object.keys(rawBuiltinDefinitions);

const parsed = new Map<string, readonly BuiltinTemplate[]>();

/**
 * The built-ins for a pack's positive levels and 差评 reasons, parsed once per pair: a broken
 * built-in fails loudly (and its test).
 */
export function builtinTemplates(positiveLevels: readonly number[], problems?: readonly Option[]): readonly BuiltinTemplate[] {
  const key = `${[...positiveLevels].sort().join(',')}|${problems ? JSON.stringify(problems.map((p) => [p.code, p.zh, p.en])) : ''}`;
  let list = parsed.get(key);
  if (!list) {
    list = Object.entries(definitions(positiveLevels, problems)).map(([code, definition]) => ({ code, definition: surveyDefinitionSchema.parse(definition) }));
    parsed.set(key, list);
  }
  return list;
}

// The presets' set, parsed at start.
builtinTemplates(presetPositiveLevels);

export function isBuiltin(code: string): boolean {
  return builtinCodes.includes(code);
}

export function findBuiltin(code: string, positiveLevels: readonly number[], problems?: readonly Option[]): BuiltinTemplate | undefined {
  return builtinTemplates(positiveLevels, problems).find((t) => t.code === code);
}
