import type { WorkflowDefinition } from '../../engines/workflow/index.js';

const handlers = ['admin', 'quality_office', 'unit_head', 'staff'] as const;
/** Who decides an application: the handling window and its head; the quality office supervises, it does not approve. */
const deciders = ['admin', 'unit_head', 'staff'] as const;

/** The applicant must be told the outcome before the case closes (002:L98 "审批完结并告知申请人"). */
const applicantNotified = (c: { data: Readonly<Record<string, unknown>> }) => (c.data.applicantNotified ? null : 'applicant_not_notified');

/** The processing clock: the service item's committed limit, started by the application type on acceptance. */
export const PROCESSING_CLOCK = 'processing';

/**
 * 受理 (RULES §2; 002:L98, L180, L184). Intake checks the materials against the service item and
 * leaves the case `accepted` (complete: processing clock = the item's committed limit) or
 * `awaiting_materials` (one notice listing every missing item; the pack's `supplement_notice`
 * clock measures it against 5 working days from receipt). A supplement that completes the file →
 * accepted (a partial one keeps it awaiting the rest); approve/refuse → decided; the applicant is
 * told → close.
 */
export const applicationWorkflow: WorkflowDefinition = {
  type: 'application',
  initial: 'received',
  // Started by the intake itself: which clock depends on the materials (see service.ts).
  startClocks: [],
  states: {
    received: { label: { zh: '已收件', en: 'Received' } },
    awaiting_materials: { label: { zh: '待补正材料', en: 'Awaiting materials' } },
    accepted: { label: { zh: '已受理', en: 'Accepted' } },
    decided: { label: { zh: '已作出决定', en: 'Decided' } },
    closed: { label: { zh: '已办结', en: 'Closed' }, closed: true },
  },
  actions: {
    request_supplement: { label: { zh: '补正告知', en: 'Supplement notice' }, from: ['awaiting_materials', 'accepted'], to: 'awaiting_materials', roles: handlers, clocks: { pause: [PROCESSING_CLOCK] } },
    receive_supplement: {
      label: { zh: '收到补正材料', en: 'Supplement received' },
      from: ['awaiting_materials'],
      to: 'accepted',
      roles: handlers,
      clocks: { resume: [PROCESSING_CLOCK] },
      // Some of the missing items: still awaiting the rest, the processing clock stays paused.
      variants: { partial: { to: 'awaiting_materials' } },
    },
    approve: { label: { zh: '准予办理', en: 'Approve' }, from: ['accepted'], to: 'decided', roles: deciders, clocks: { stop: [PROCESSING_CLOCK] } },
    refuse: { label: { zh: '不予办理', en: 'Refuse' }, from: ['accepted', 'awaiting_materials'], to: 'decided', roles: deciders, clocks: { stop: [PROCESSING_CLOCK] } },
    notify_applicant: { label: { zh: '告知申请人', en: 'Tell the applicant' }, from: ['decided'], roles: handlers },
    close: { label: { zh: '办结', en: 'Close' }, from: ['decided'], to: 'closed', roles: handlers, guards: [applicantNotified] },
    note: { label: { zh: '备注', en: 'Add a note' }, from: 'any_open', roles: handlers },
  },
};
