import type { CreateServiceItemInput } from '../modules/applications/schema.js';
import type { CreateCommitmentInput } from '../modules/commitments/schema.js';

/**
 * What each demo organisation publishes on its public board (RULES §9): service items with their
 * guide (002:L69) and commitments linked to measured figures (000:L5). Fictional phone numbers.
 */
export interface DemoContent {
  serviceItems: (Omit<CreateServiceItemInput, 'unitId'> & { unit?: string })[];
  commitments: (Omit<CreateCommitmentInput, 'unitId'> & { unit?: string })[];
}

const hallChannels = ['现场：服务中心一楼督查办', '电话：0510-80001234（工作日 9:00–17:30）', '网上：本中心投诉建议页面', '12345 政务服务便民热线'];
const hospitalChannels = ['现场：门诊一楼投诉接待室（质控办）', '电话：0510-80005678（24 小时录音）', '网上：本院投诉建议页面'];

export const hallContent: DemoContent = {
  serviceItems: [
    {
      code: 'QY-KB-01',
      name: '企业开办（设立登记）',
      unit: 'G-A-01',
      responsibleBody: '示范县市场监督管理局',
      legalBasis: '《中华人民共和国市场主体登记管理条例》第三条、第十七条',
      conditions: '申请人为拟设立企业的投资人或其委托的代理人；企业名称已自主申报通过；有符合规定的住所。',
      procedure: '申请 → 受理（材料齐全当场受理）→ 审核 → 决定 → 领取营业执照（可邮寄）',
      materials: [
        { code: 'application', name: '公司登记（备案）申请书', required: true },
        { code: 'articles', name: '公司章程', required: true },
        { code: 'id', name: '股东、法定代表人身份证明', required: true },
        { code: 'address', name: '住所使用证明', required: true },
        { code: 'proxy', name: '委托代理人的授权委托书', required: false },
      ],
      statutoryLimitDays: 3,
      committedLimitDays: 1,
      fees: '不收费',
      complaintChannels: hallChannels,
    },
    {
      code: 'BDC-DJ-02',
      name: '不动产转移登记（二手房）',
      unit: 'G-A-02',
      responsibleBody: '示范县不动产登记中心',
      legalBasis: '《不动产登记暂行条例》第十四条、第二十条',
      conditions: '买卖双方已签订存量房买卖合同并完成网签；相关税费已缴纳。',
      procedure: '申请 → 受理 → 审核 → 登簿 → 缴费 → 领证',
      materials: [
        { code: 'application', name: '不动产登记申请书', required: true },
        { code: 'id', name: '买卖双方身份证明', required: true },
        { code: 'certificate', name: '不动产权属证书', required: true },
        { code: 'contract', name: '存量房买卖合同', required: true },
        { code: 'tax', name: '完税凭证', required: true },
      ],
      statutoryLimitDays: 30,
      committedLimitDays: 5,
      fees: '住宅 80 元/件；每增加一本证书加收 10 元',
      feeBasis: '《关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559 号）',
      complaintChannels: hallChannels,
    },
    {
      code: 'SB-CB-03',
      name: '城乡居民基本养老保险参保登记',
      unit: 'G-A-03',
      responsibleBody: '示范县社会保险事业管理中心',
      legalBasis: '《中华人民共和国社会保险法》第二十条、第二十二条',
      conditions: '年满 16 周岁（不含在校学生），非国家机关和事业单位工作人员，未参加职工基本养老保险的本县户籍居民。',
      procedure: '申请 → 受理 → 即办',
      materials: [
        { code: 'id', name: '居民身份证或户口簿', required: true },
        { code: 'form', name: '城乡居民基本养老保险参保登记表', required: true },
      ],
      statutoryLimitDays: 0,
      committedLimitDays: 0,
      fees: '不收费',
      complaintChannels: hallChannels,
    },
  ],
  commitments: [
    { text: '投诉件件有回音', textEn: 'Every complaint answered', promise: '收到投诉后 5 个工作日内答复投诉人', promiseEn: 'We reply to every complaint within 5 working days of receipt.', supervisionPhone: '0510-80001234', published: true, sortOrder: 1, measure: 'complaint_reply_on_time_rate', targetOp: 'gte', target: 95 },
    { text: '一次性告知', textEn: 'One-time notice', promise: '申请材料不全的，当场或 5 个工作日内一次性告知需补正的全部内容', promiseEn: 'If materials are missing, we tell you everything that is needed at once: on the spot or within 5 working days.', supervisionPhone: '0510-80001234', published: true, sortOrder: 2 },
    { text: '办事群众满意', textEn: 'Satisfied applicants', promise: '窗口服务满意率不低于 90%', promiseEn: 'At least 90 % of ratings at our windows are satisfied.', supervisionPhone: '0510-80001234', published: true, sortOrder: 3, measure: 'rating_satisfaction_rate', targetOp: 'gte', target: 90 },
  ],
};

export const hospitalContent: DemoContent = {
  serviceItems: [
    {
      code: 'BL-FY-01',
      name: '病历复印',
      unit: 'H-OPD-INF',
      responsibleBody: '示范县人民医院病案室',
      legalBasis: '《医疗机构病历管理规定》第十七条、第十八条',
      conditions: '患者本人或其委托代理人、死亡患者法定继承人或其代理人；出院病历已归档。',
      procedure: '门诊一楼导医台登记 → 病案室审核身份 → 复印盖章 → 领取或邮寄',
      materials: [
        { code: 'id', name: '患者身份证明', required: true },
        { code: 'proxy', name: '代理人身份证明及授权委托书', required: false },
      ],
      statutoryLimitDays: 5,
      committedLimitDays: 2,
      fees: '复印费 0.5 元/页',
      complaintChannels: hospitalChannels,
    },
    {
      code: 'CS-ZM-02',
      name: '出生医学证明首次签发',
      unit: 'H-OPD-INF',
      responsibleBody: '示范县人民医院妇产科、医务科',
      legalBasis: '《中华人民共和国母婴保健法》第二十三条',
      conditions: '在本院出生的新生儿；父母双方身份信息已核实。',
      procedure: '填写申请 → 核对身份 → 签发 → 父母签字领取',
      materials: [
        { code: 'parents_id', name: '父母双方身份证', required: true },
        { code: 'application', name: '出生医学证明办理申请表', required: true },
      ],
      statutoryLimitDays: 10,
      committedLimitDays: 3,
      fees: '不收费',
      complaintChannels: hospitalChannels,
    },
  ],
  commitments: [
    { text: '投诉及时答复', textEn: 'Timely replies to complaints', promise: '患者投诉 5 个工作日内给予答复', promiseEn: 'Patients receive a reply to a complaint within 5 working days.', supervisionPhone: '0510-80005678', published: true, sortOrder: 1, measure: 'complaint_reply_on_time_rate', targetOp: 'gte', target: 95 },
    { text: '窗口服务满意', textEn: 'Satisfied patients at our windows', promise: '挂号收费、药房等窗口月满意率不低于 90%，参评率不低于 90%', promiseEn: 'Registration, cashier and pharmacy windows keep monthly satisfaction and rating rates of at least 90 %.', supervisionPhone: '0510-80005678', published: true, sortOrder: 2, measure: 'rating_satisfaction_rate', targetOp: 'gte', target: 90 },
    { text: '急诊绿色通道', textEn: 'Emergency green channel', promise: '急危重症患者先救治、后付费，绿色通道 24 小时畅通', promiseEn: 'Critically ill patients are treated first and pay later; the green channel is open 24 hours a day.', supervisionPhone: '0510-80005678', published: true, sortOrder: 3 },
  ],
};
