import type { TaxonomyItem } from '../taxonomies/service.js';

/** Complaint intake channels (投诉渠道), 002:L71, L87, L103, L108; 000:L99. */
export const complaintChannels = ['window', 'phone', 'online', 'qr', 'suggestion_box', 'supervision_card', 'social_supervisor', 'hotline_12345', 'media', 'deputy'] as const;
export type ComplaintChannel = (typeof complaintChannels)[number];

// 投诉类别 are per sector: the pack's wording (src/policy/wording.ts), read through categories.ts.

/** Causes found on verification (投诉原因), from the seeds' analyses (002 篇7, 篇12). Editable per organisation. */
export const defaultComplaintCauses: TaxonomyItem[] = [
  { code: 'attitude', zh: '服务态度生硬', en: 'Staff attitude', source: '002 篇7', active: true },
  { code: 'emotion', zh: '情绪控制不当', en: 'Poor emotional control', source: '002 篇7', active: true },
  { code: 'knowledge', zh: '专业知识不足', en: 'Insufficient professional knowledge', source: '002 篇7', active: true },
  { code: 'expectation', zh: '期望与实际不符', en: 'Expectations not met', source: '002 篇7', active: true },
  { code: 'process', zh: '流程繁琐、等候时间长', en: 'Cumbersome process or long wait', source: '002 篇12', active: true },
  { code: 'illegible', zh: '处方或单据字迹不清', en: 'Illegible prescription or form', source: '002 篇12', active: true },
  { code: 'cashier_error', zh: '收费差错（项目、姓名、找零、漏盖章）', en: 'Cashier error (item, name, change, stamp)', source: '002 篇12', active: true },
  { code: 'disrespect', zh: '不尊重服务对象', en: 'Disrespect', source: '002 篇12', active: true },
  { code: 'coordination', zh: '部门协调不畅', en: 'Poor coordination', source: '002 篇12', active: true },
  { code: 'other', zh: '其他', en: 'Other', active: true },
];
