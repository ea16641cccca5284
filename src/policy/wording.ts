/**
 * The pack's wording section (schema in schema.ts): the lists people pick from — 差评 reasons,
 * complaint categories (投诉类别), built-in survey templates — in each sector's own words, and
 * the accessors that read them. Codes are stable: ratings and cases store them, so a code once
 * shipped keeps its meaning; `historicLabels` still names codes a list no longer offers.
 */
import type { Cited, Label, PolicyPack, Sector, WordingItem, WordingPolicy } from './schema.js';

const note = (zh: string, en: string) => ({ zh, en });
const item = (code: string, zh: string, en: string, source?: string): WordingItem => (source ? { code, zh, en, source } : { code, zh, en });

const GBT = 'GB/T 39734';
const other = item('other', '其他', 'Other');

/** GB/T 39734 (政务服务评价工作指南) style 差评 reasons of a service hall — the list every organisation had before sector lists. */
const hallReasons = [
  item('slow', '办事效率低、等候时间长', 'Slow service, long wait', GBT),
  item('attitude', '服务态度差', 'Poor attitude', GBT),
  item('not_told_once', '未一次性告知所需材料', 'Requirements not told at once', '002:L98'),
  item('repeat_visits', '多次跑腿', 'Had to come back several times', GBT),
  item('guide_unclear', '办事指南不清楚', 'Unclear service guide', GBT),
  item('fees', '收费不合理', 'Unreasonable fees', GBT),
  item('environment', '环境设施不便', 'Poor environment or facilities', GBT),
  other,
];

const hospitalReasons = [
  item('long_wait', '候诊时间长', 'Long wait to be seen'),
  item('communication', '医患沟通不足', 'Too little explanation from doctors or nurses'),
  item('attitude', '服务态度差', 'Poor attitude'),
  item('fee_question', '收费有疑问', 'Questions about charges'),
  item('cleanliness', '环境不整洁', 'Untidy or unclean surroundings'),
  item('privacy', '隐私保护不到位', 'Privacy not protected'),
  item('process', '就医流程繁琐、多次排队', 'Cumbersome process, queuing again and again', '002 篇12'),
  item('guidance', '指引标识不清', 'Unclear signs and directions'),
  other,
];

const bankReasons = [
  item('long_queue', '排队等候时间长', 'Long queue'),
  item('attitude', '服务态度差', 'Poor attitude'),
  item('process', '业务手续繁琐', 'Cumbersome procedure'),
  item('not_told_once', '未一次性告知所需材料', 'Requirements not told at once', '002:L98'),
  item('product_unclear', '产品介绍不清楚', 'Products not explained clearly'),
  item('fees', '收费不透明', 'Unclear fees'),
  item('self_service', '自助设备故障', 'Self-service machine out of order'),
  item('privacy', '个人信息保护不到位', 'Personal data not protected'),
  other,
];

const utilityReasons = [
  item('slow', '办事效率低、等候时间长', 'Slow service, long wait', GBT),
  item('attitude', '服务态度差', 'Poor attitude'),
  item('repair_slow', '报修响应慢', 'Slow response to a repair call'),
  item('outage_notice', '停水停电未提前告知', 'Outage without notice'),
  item('billing', '账单或计费有疑问', 'Questions about the bill'),
  item('repeat_visits', '多次跑腿', 'Had to come back several times', GBT),
  item('environment', '营业厅环境设施不便', 'Poor business-hall facilities'),
  other,
];

/** 投诉类别 before sector lists; a service hall keeps them. */
const hallCategories = [
  item('attitude', '服务态度', 'Staff attitude'),
  item('efficiency', '办事效率', 'Efficiency and waiting'),
  item('competence', '业务水平', 'Professional competence'),
  item('fees', '收费问题', 'Fees and charges'),
  item('environment', '环境设施', 'Environment and facilities'),
  item('discipline', '工作纪律', 'Work discipline'),
  other,
];

const hospitalCategories = [
  item('attitude', '服务态度', 'Staff attitude'),
  item('efficiency', '候诊等候与就医流程', 'Waiting and the care process'),
  item('medical_quality', '诊疗质量', 'Quality of treatment'),
  item('communication', '医患沟通', 'Doctor–patient communication'),
  item('fees', '收费问题', 'Fees and charges'),
  item('medication', '药品与用药', 'Medicines'),
  item('environment', '环境与后勤（保洁、食堂、停车）', 'Surroundings and support services (cleaning, canteen, parking)'),
  item('privacy', '隐私保护', 'Privacy'),
  item('discipline', '医德医风与工作纪律', 'Medical ethics and work discipline'),
  other,
];

const bankCategories = [
  item('attitude', '服务态度', 'Staff attitude'),
  item('efficiency', '排队等候与办理效率', 'Queues and speed'),
  item('competence', '业务差错', 'Errors in transactions'),
  item('fees', '收费与利率', 'Fees and interest'),
  item('product_sales', '产品销售与宣传', 'Product sales and advertising'),
  item('privacy', '个人信息保护', 'Personal data protection'),
  item('environment', '网点环境与自助设备', 'Branch premises and self-service machines'),
  item('discipline', '工作纪律', 'Work discipline'),
  other,
];

const utilityCategories = [
  item('attitude', '服务态度', 'Staff attitude'),
  item('repair', '抢修与维修时效', 'Emergency and routine repairs'),
  item('supply_quality', '供应质量（停水停电、水压电压）', 'Supply quality (outages, pressure, voltage)'),
  item('fees', '抄表与计费', 'Meter reading and billing'),
  item('efficiency', '业务办理时效', 'Speed of applications'),
  item('environment', '营业厅环境设施', 'Business-hall facilities'),
  item('discipline', '工作纪律', 'Work discipline'),
  other,
];

const template = (code: string, zh: string, en: string, source?: string) => item(code, zh, en, source);
const windowTemplate = template('window', '窗口服务满意度调查', 'Service window satisfaction survey', GBT);

const surveys: Record<Sector, WordingItem[]> = {
  hospital: [
    template('outpatient', '门诊患者满意度调查', 'Outpatient satisfaction survey', '000:L89'),
    template('inpatient', '住院患者满意度调查', 'Inpatient satisfaction survey', '003:L116'),
    template('discharge_followup', '出院患者随访', 'Discharge follow-up'),
    windowTemplate,
    template('canteen_quarterly', '食堂季度满意度调查', 'Quarterly canteen satisfaction survey', '003:L248'),
  ],
  hall: [windowTemplate],
  bank: [template('bank_branch', '网点服务满意度调查', 'Branch service satisfaction survey'), windowTemplate],
  utility: [template('utility_followup', '报修及业务办理回访', 'Repair and service follow-up'), windowTemplate],
};

const lists: Record<Sector, { reasons: WordingItem[]; categories: WordingItem[] }> = {
  hall: { reasons: hallReasons, categories: hallCategories },
  hospital: { reasons: hospitalReasons, categories: hospitalCategories },
  bank: { reasons: bankReasons, categories: bankCategories },
  utility: { reasons: utilityReasons, categories: utilityCategories },
};

const reasonNotes: Record<Sector, Cited<WordingItem[]>['decision']> = {
  hall: note(
    '政务服务“好差评”的常见差评原因（参照 GB/T 39734 附录）；各单位可在“差评原因”中增删。',
    'The usual 差评 reasons of government service ratings (after GB/T 39734, annex); each organisation may add or retire reasons.',
  ),
  hospital: note(
    '医院患者最常提出的不满：候诊时间、医患沟通、服务态度、收费、环境卫生和隐私保护（参照门诊、住院患者满意度调查的维度），不用政务大厅的“多次跑腿”“办事指南”等说法；各院可在“差评原因”中增删。',
    'What patients most often complain of — waiting, communication, attitude, charges, cleanliness, privacy (the dimensions of outpatient and inpatient satisfaction surveys) — instead of a service hall\'s "several trips" or "service guide"; each hospital may add or retire reasons.',
  ),
  bank: note(
    '银行网点客户常见的不满：排队、态度、手续、产品介绍、收费、自助设备和个人信息保护；各网点可在“差评原因”中增删。',
    'What bank customers most often complain of: queues, attitude, procedure, product explanation, fees, self-service machines, personal data; each bank may add or retire reasons.',
  ),
  utility: note(
    '水电气营业厅和抢修服务的常见不满：等候、态度、报修响应、停水停电告知、账单和跑腿次数；各单位可在“差评原因”中增删。',
    'What utility customers most often complain of: waiting, attitude, repair response, outage notice, bills and repeated trips; each utility may add or retire reasons.',
  ),
};

const categoryNote = (sector: Sector) =>
  sector === 'hall'
    ? note('投诉类别：服务态度、办事效率、业务水平、收费、环境设施、工作纪律；各单位可在“投诉类别”中增删。', 'Complaint categories: attitude, efficiency, competence, fees, facilities, discipline; each organisation may add or retire categories.')
    : note(
        '投诉类别按行业的说法列出（与本行业差评原因相对应），便于统计分析；各单位可在“投诉类别”中增删。已停用的类别仍显示在历史案件上。',
        'Complaint categories in the sector\'s own words (matching its 差评 reasons), for the analyses; each organisation may add or retire categories. Retired categories still show on past cases.',
      );

/** The section of each sector preset. */
export function wordingPreset(sector: Sector): WordingPolicy {
  return {
    ratingReasons: { value: lists[sector].reasons, decision: reasonNotes[sector] },
    complaintCategories: { value: lists[sector].categories, decision: categoryNote(sector) },
    surveyTemplates: {
      value: surveys[sector],
      decision: note('本行业提供的内置问卷模板；各单位可复制后修改。', 'The built-in survey templates this sector offers; organisations copy and edit them.'),
      ...(sector === 'hospital' ? { source: '000:L89; 003:L116, L248' } : {}),
    },
  };
}

export type WordingList = 'ratingReasons' | 'complaintCategories' | 'surveyTemplates';

/** The pack's list (copied: callers may keep it). */
export function wordingOf(pack: PolicyPack, list: WordingList): WordingItem[] {
  return structuredClone(pack.wording[list].value);
}

/** The pack's list as editable taxonomy defaults (every entry active). */
export function wordingDefaults(pack: PolicyPack, list: Exclude<WordingList, 'surveyTemplates'>): (WordingItem & { active: boolean })[] {
  return wordingOf(pack, list).map((i) => ({ ...i, active: true }));
}

const allSectors: Sector[] = ['hall', 'hospital', 'bank', 'utility'];

/**
 * Labels of every code any sector list has ever offered: a rating or case stored under another
 * list (a hall reason on a hospital's old rating, a category the office retired) still shows
 * words, never its code.
 */
export function historicLabels(list: Exclude<WordingList, 'surveyTemplates'>): ReadonlyMap<string, Label> {
  const out = new Map<string, Label>();
  for (const s of allSectors) {
    for (const i of list === 'ratingReasons' ? lists[s].reasons : lists[s].categories) if (!out.has(i.code)) out.set(i.code, { zh: i.zh, en: i.en });
  }
  return out;
}
