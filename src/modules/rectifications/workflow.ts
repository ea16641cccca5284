import type { WorkflowDefinition } from '../../engines/workflow/index.js';

const handlers = ['admin', 'quality_office', 'unit_head', 'staff'] as const;
const office = ['admin', 'quality_office'] as const;

/**
 * 整改 (RULES §2 Rectification; ANCHORS 好差评 closed loop 评价 → 核实 → 整改 → 反馈 → 复核): the
 * handling unit calls the rater back, rectifies and reports back; the quality office verifies.
 * A false 差评 may be appealed (申诉复核): upheld, the rating leaves the statistics.
 */
export const rectificationWorkflow: WorkflowDefinition = {
  type: 'rectification',
  initial: 'open',
  startClocks: ['callback', 'feedback'],
  states: {
    open: { label: { zh: '待整改', en: 'Open' } },
    called_back: { label: { zh: '已回访', en: 'Called back' } },
    rectified: { label: { zh: '已整改待复核', en: 'Rectified, awaiting review' } },
    appealed: { label: { zh: '申诉复核中', en: 'Appeal under review' } },
    closed: { label: { zh: '已办结', en: 'Closed' }, closed: true },
  },
  actions: {
    record_callback: { label: { zh: '记录回访', en: 'Record the call-back' }, from: ['open'], to: 'called_back', roles: handlers, clocks: { stop: ['callback'] } },
    rectify: { label: { zh: '整改反馈', en: 'Report the rectification' }, from: ['open', 'called_back'], to: 'rectified', roles: handlers, clocks: { stop: ['feedback', 'callback'] }, public: true },
    verify: { label: { zh: '复核通过', en: 'Verify and close' }, from: ['rectified'], to: 'closed', roles: office },
    return_for_rework: { label: { zh: '退回重新整改', en: 'Return for rework' }, from: ['rectified'], to: 'open', roles: office, clocks: { start: ['feedback'] } },
    appeal: { label: { zh: '申诉（差评不实）', en: 'Appeal: the rating is unfounded' }, from: ['open', 'called_back'], to: 'appealed', roles: ['admin', 'quality_office', 'unit_head'], clocks: { pause: ['feedback', 'callback'] } },
    uphold_appeal: { label: { zh: '申诉成立', en: 'Uphold the appeal' }, from: ['appealed'], to: 'closed', roles: office, clocks: { stop: ['feedback', 'callback'] } },
    reject_appeal: { label: { zh: '申诉不成立', en: 'Reject the appeal' }, from: ['appealed'], to: 'open', roles: office, clocks: { resume: ['feedback', 'callback'] } },
    note: { label: { zh: '备注', en: 'Add a note' }, from: 'any_open', roles: handlers },
  },
};
