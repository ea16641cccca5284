/**
 * 建议措施 of the monthly report, from the month's figures: windows below a threshold, overdue
 * complaints, windows to be talked to, and the most frequent 差评 reasons. The wording is data:
 * one measure per metric and per reason code (hospital and service-hall codes), with a plain
 * fallback for a reason an organisation added itself.
 */
export const metricMeasures: Record<string, string> = {
  ratingRate: '服务结束时主动邀请评价，每日核对服务人次与评价数，提高评价率',
  satisfactionRate: '逐条回访不满意评价，查找服务短板并限期整改',
  negativeRate: '对差评逐条核实原因，整改后回访评价人',
  positiveRate: '总结好评窗口的做法并推广',
};

export const reasonMeasures: Record<string, string> = {
  // Service hall (GB/T 39734 reasons).
  slow: '优化排班和取号分流，高峰时段增开窗口，缩短等候时间',
  attitude: '开展服务礼仪和沟通培训，对被差评人员逐一谈话提醒',
  not_told_once: '落实一次性告知制度，窗口配备材料清单',
  repeat_visits: '梳理多次跑腿的事项，推行容缺受理和帮办代办',
  guide_unclear: '修订办事指南，在窗口和网上同步公示',
  fees: '核对收费项目和标准，在显著位置公示收费依据',
  environment: '检查等候区设施和卫生，限期修复',
  // Hospital (its preset's reasons, src/policy/wording.ts).
  waiting: '优化门诊排班和分时段预约，高峰时段增开诊室和收费窗口，缩短候诊时间',
  long_wait: '优化门诊排班和分时段预约，高峰时段增开诊室和收费窗口，缩短候诊时间',
  communication: '开展医患沟通培训，落实诊疗告知和知情同意',
  fee_question: '公示收费项目和标准，设立费用咨询岗，及时解答收费疑问',
  cleanliness: '加强保洁巡查，落实病区和候诊区环境卫生责任',
  privacy: '落实一人一诊一室，规范检查和病历信息的隐私保护',
  process: '梳理就医流程，推行诊间结算和检查集中预约，减少患者重复排队',
  guidance: '完善院内导视标识，在门诊大厅安排导医引导',
  // Bank.
  long_queue: '高峰时段增开柜台，引导客户使用自助设备和预约取号，缩短排队时间',
  product_unclear: '规范产品介绍和风险提示，开展销售适当性培训',
  self_service: '加强自助设备巡检，故障限时修复并公示报修电话',
  // Utility.
  repair_slow: '落实报修限时到场制度，公示抢修电话和到场时限',
  outage_notice: '计划停水停电提前公告并短信通知用户',
  billing: '核查抄表和计费数据，公示收费标准，及时解答账单疑问',
};

/** Where one code means different things by sector: the sector's wording of the measure wins. */
const sectorReasonMeasures: Partial<Record<string, Record<string, string>>> = {
  bank: { privacy: '落实客户信息保护制度，柜面和自助区设置一米线和遮挡' },
};

export interface MeasureFigures {
  /** Threshold breaches of windows and units (subject name, the metric). */
  breaches: readonly { subjectName: string; metric: string; label: string }[];
  overdue: { total: number; severe: number };
  talks: readonly string[];
  /** This month's 差评 reasons with their codes, any order. */
  reasons: readonly { code: string; label: string; count: number }[];
  /** The pack's sector: picks the sector's wording of a reason's measure. */
  sector?: string;
}

/** The suggested measures, most pressing first; a month with nothing to act on says so. */
export function suggestedMeasures(f: MeasureFigures, topReasons = 3): string[] {
  const out: string[] = [];
  if (f.overdue.total > 0) out.push(`督办超期投诉 ${f.overdue.total} 件${f.overdue.severe ? `（其中严重超期 ${f.overdue.severe} 件，报分管领导）` : ''}，限期答复投诉人`);
  if (f.talks.length) out.push(`约谈${f.talks.join('、')}负责人，制定整改计划并跟踪下月满意率`);
  const byMetric = new Map<string, { label: string; names: string[] }>();
  for (const b of f.breaches) {
    const entry = byMetric.get(b.metric) ?? { label: b.label, names: [] };
    if (!entry.names.includes(b.subjectName)) entry.names.push(b.subjectName);
    byMetric.set(b.metric, entry);
  }
  for (const [metric, { label, names }] of byMetric) {
    const shown = names.length > 5 ? `${names.slice(0, 5).join('、')}等 ${names.length} 个` : names.join('、');
    out.push(`${label}未达标（${shown}）：${metricMeasures[metric] ?? '分析原因并限期整改'}`);
  }
  const reasons = [...f.reasons].filter((r) => r.count > 0).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).slice(0, topReasons);
  for (const r of reasons) out.push(`差评原因“${r.label}”（${r.count} 条）：${(f.sector ? sectorReasonMeasures[f.sector]?.[r.code] : undefined) ?? reasonMeasures[r.code] ?? '逐条核实原因，制定整改措施并回访评价人'}`);
  if (out.length === 0) out.push('本月各项指标正常，保持现有做法，继续做好差评回访和投诉答复');
  return out;
}
