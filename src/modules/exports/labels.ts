/** Column headers and value labels of the exports, Chinese by default, English with lang=en. */
export type Lang = 'zh' | 'en';
export type Bilingual = { zh: string; en: string };

export const caseColumns: { key: string; zh: string; en: string; width: number }[] = [
  { key: 'trackingNo', zh: '受理编号', en: 'Tracking no.', width: 18 },
  { key: 'type', zh: '类型', en: 'Type', width: 10 },
  { key: 'channel', zh: '渠道', en: 'Channel', width: 12 },
  { key: 'category', zh: '类别', en: 'Category', width: 14 },
  { key: 'unit', zh: '单位', en: 'Unit', width: 18 },
  { key: 'staff', zh: '当事人员', en: 'Staff', width: 10 },
  { key: 'receivedAt', zh: '受理时间', en: 'Received', width: 17 },
  { key: 'title', zh: '摘要', en: 'Summary', width: 24 },
  { key: 'content', zh: '内容', en: 'Content', width: 50 },
  { key: 'complainant', zh: '投诉人', en: 'Complainant', width: 10 },
  { key: 'contact', zh: '联系方式', en: 'Contact', width: 16 },
  { key: 'verification', zh: '核实情况', en: 'Verification', width: 40 },
  { key: 'cause', zh: '原因分析', en: 'Cause', width: 24 },
  { key: 'measure', zh: '整改措施', en: 'Corrective action', width: 40 },
  { key: 'replyChannel', zh: '答复方式', en: 'Reply channel', width: 10 },
  { key: 'reply', zh: '答复内容', en: 'Reply', width: 40 },
  { key: 'firstResponseAt', zh: '首次响应时间', en: 'First response', width: 17 },
  { key: 'firstResponseHours', zh: '首次响应用时（小时）', en: 'Hours to first response', width: 12 },
  { key: 'replyAt', zh: '答复时间', en: 'Reply', width: 17 },
  { key: 'closedAt', zh: '办结时间', en: 'Closed', width: 17 },
  { key: 'resolutionHours', zh: '办结用时（小时）', en: 'Hours to resolution', width: 12 },
  { key: 'dueDate', zh: '办理期限', en: 'Due date', width: 12 },
  { key: 'deadlineMet', zh: '是否按期', en: 'Deadline met', width: 10 },
  { key: 'satisfaction', zh: '投诉人满意度', en: 'Complainant satisfaction', width: 12 },
  { key: 'satisfactionNote', zh: '满意度说明', en: 'Satisfaction comment', width: 20 },
  { key: 'status', zh: '状态', en: 'Status', width: 12 },
  { key: 'deadlines', zh: '各项期限', en: 'All deadlines', width: 40 },
];

export const ratingColumns: { key: string; zh: string; en: string; width: number }[] = [
  { key: 'date', zh: '评价日期', en: 'Date', width: 12 },
  { key: 'time', zh: '评价时间', en: 'Time', width: 17 },
  { key: 'unit', zh: '单位', en: 'Unit', width: 18 },
  { key: 'staff', zh: '工作人员', en: 'Staff', width: 10 },
  { key: 'level', zh: '评价等级', en: 'Level', width: 12 },
  { key: 'reasons', zh: '差评原因', en: 'Reasons', width: 24 },
  { key: 'comment', zh: '评价内容', en: 'Comment', width: 30 },
  { key: 'source', zh: '评价方式', en: 'Source', width: 12 },
  { key: 'excluded', zh: '申诉剔除', en: 'Excluded', width: 10 },
];

export const typeLabels: Record<string, Bilingual> = {
  complaint: { zh: '投诉', en: 'Complaint' },
  rectification: { zh: '差评整改', en: 'Rectification' },
  inquiry: { zh: '咨询', en: 'Inquiry' },
  application: { zh: '办件', en: 'Application' },
  repair: { zh: '故障报修', en: 'Repair' },
};

export const channelLabels: Record<string, Bilingual> = {
  window: { zh: '窗口', en: 'Window' },
  phone: { zh: '电话', en: 'Phone' },
  online: { zh: '网上', en: 'Online' },
  counter: { zh: '柜台', en: 'Counter' },
  qr: { zh: '扫码', en: 'QR code' },
  suggestion_box: { zh: '意见箱', en: 'Suggestion box' },
  supervision_card: { zh: '监督卡', en: 'Supervision card' },
  social_supervisor: { zh: '社会监督员', en: 'Social supervisor' },
  hotline_12345: { zh: '12345热线', en: '12345 hotline' },
  media: { zh: '媒体', en: 'Media' },
  deputy: { zh: '人大代表/政协委员', en: 'Deputy' },
  rating_link: { zh: '评价链接', en: 'Rating link' },
  rating_qr: { zh: '评价二维码', en: 'Rating QR code' },
  inspection: { zh: '检查发现', en: 'Inspection finding' },
};

/** How a complaint was answered (complaints' reply channels). */
export const replyChannelLabels: Record<string, Bilingual> = {
  phone: { zh: '电话', en: 'Phone' },
  sms: { zh: '短信', en: 'SMS' },
  letter: { zh: '书面', en: 'Letter' },
  in_person: { zh: '当面', en: 'In person' },
  email: { zh: '电子邮件', en: 'Email' },
  online: { zh: '网上', en: 'Online' },
  wechat: { zh: '微信', en: 'WeChat' },
};

export const verdictLabels: Record<string, Bilingual> = {
  substantiated: { zh: '属实', en: 'Substantiated' },
  partly_substantiated: { zh: '部分属实', en: 'Partly substantiated' },
  unsubstantiated: { zh: '不属实', en: 'Unsubstantiated' },
};

export const satisfactionLabels: Record<string, Bilingual> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
};

export const sourceLabels: Record<string, Bilingual> = { code: { zh: '二维码', en: 'QR code' }, token: { zh: '评价链接', en: 'Rating link' } };

export const yesNo = { yes: { zh: '是', en: 'yes' }, no: { zh: '否', en: 'no' } } as const;

/** The due-date cell of a deadline that waits for a year's holiday schedule (期限待定). */
export const pendingText = { zh: (year: number) => `待定（${year} 年放假安排未导入）`, en: (year: number) => `pending (${year} holiday schedule not imported)` } as const;

export function label(map: Record<string, Bilingual>, code: string | null | undefined, lang: Lang): string {
  if (code === null || code === undefined || code === '') return '';
  return Object.hasOwn(map, code) ? map[code][lang] : code;
}

export const inspectionColumns: { key: string; zh: string; en: string; width: number }[] = [
  { key: 'performedAt', zh: '检查时间', en: 'Performed', width: 17 },
  { key: 'unit', zh: '受检单位', en: 'Unit', width: 18 },
  { key: 'staff', zh: '受检人员', en: 'Staff', width: 10 },
  { key: 'template', zh: '检查表', en: 'Checklist', width: 26 },
  { key: 'version', zh: '版本', en: 'Version', width: 6 },
  { key: 'kind', zh: '检查方式', en: 'Kind', width: 12 },
  { key: 'inspector', zh: '检查人', en: 'Inspector', width: 14 },
  { key: 'score', zh: '得分', en: 'Score', width: 8 },
  { key: 'maxScore', zh: '满分', en: 'Full mark', width: 8 },
  { key: 'vetoed', zh: '一票否决', en: 'Vetoed', width: 8 },
  { key: 'findings', zh: '问题数', en: 'Findings', width: 8 },
  { key: 'signer', zh: '签字人', en: 'Signed by', width: 10 },
];

export const findingColumns: { key: string; zh: string; en: string; width: number }[] = [
  { key: 'performedAt', zh: '检查时间', en: 'Performed', width: 17 },
  { key: 'unit', zh: '受检单位', en: 'Unit', width: 18 },
  { key: 'staff', zh: '受检人员', en: 'Staff', width: 10 },
  { key: 'template', zh: '检查表', en: 'Checklist', width: 26 },
  { key: 'kind', zh: '检查方式', en: 'Kind', width: 12 },
  { key: 'item', zh: '检查项目', en: 'Item', width: 30 },
  { key: 'deduction', zh: '扣分', en: 'Deduction', width: 8 },
  { key: 'cases', zh: '例数', en: 'Cases', width: 6 },
  { key: 'failed', zh: '未达标指标', en: 'Failed indicators', width: 22 },
  { key: 'veto', zh: '一票否决', en: 'Veto', width: 8 },
  { key: 'note', zh: '说明', en: 'Note', width: 30 },
  { key: 'trackingNo', zh: '整改单号', en: 'Rectification no.', width: 18 },
  { key: 'caseStatus', zh: '整改状态', en: 'Rectification status', width: 14 },
  { key: 'halfHearted', zh: '整改不力（复查再犯）', en: 'Half-hearted (repeated)', width: 12 },
];

/** 检查结果: one row per inspected unit and month (the results screen's table, long form). */
export const inspectionResultColumns: { key: string; zh: string; en: string; width: number }[] = [
  { key: 'unitCode', zh: '单位编码', en: 'Unit code', width: 12 },
  { key: 'unit', zh: '受检单位', en: 'Unit', width: 20 },
  { key: 'month', zh: '月份', en: 'Month', width: 9 },
  { key: 'count', zh: '检查次数', en: 'Inspections', width: 9 },
  { key: 'average', zh: '平均得分（百分制）', en: 'Average (of 100)', width: 12 },
  { key: 'vetoes', zh: '一票否决', en: 'Vetoes', width: 8 },
  { key: 'previous', zh: '上月平均得分', en: 'Last month\'s average', width: 12 },
  { key: 'change', zh: '较上月', en: 'Change', width: 8 },
];

export const inspectionKindLabels: Record<string, Bilingual> = {
  scheduled: { zh: '定期检查', en: 'Scheduled' },
  unannounced: { zh: '暗访', en: 'Unannounced' },
  mystery_shopper: { zh: '神秘人检查', en: 'Mystery shopper' },
  video_review: { zh: '视频检查', en: 'Video review' },
  phone_check: { zh: '电话抽查', en: 'Phone check' },
  self_inspection: { zh: '自查', en: 'Self-inspection' },
  supervisor_report: { zh: '社会监督员反映', en: 'Social supervisor report' },
};
