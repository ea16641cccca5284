import type { CaseSnapshot, WorkflowDefinition } from '../../engines/workflow/index.js';

const managers = ['admin', 'quality_office', 'unit_head'] as const;
/** Who signs a complaint off when the pack asks for a review (审核办结). */
const reviewers = ['admin', 'quality_office'] as const;
const handlers = ['admin', 'quality_office', 'unit_head', 'staff'] as const;

/** A complaint cannot close without a recorded reply (002:L129; 000:L99 "件件有结果、有回音"). */
const replyRecorded = (c: { data: Readonly<Record<string, unknown>> }) => (c.data.reply ? null : 'reply_required');
const notWaiting = (c: { data: Readonly<Record<string, unknown>> }) => (c.data.waiting ? 'already_waiting' : null);
const waiting = (c: { data: Readonly<Record<string, unknown>> }) => (c.data.waiting ? null : 'not_waiting');
/** With the pack's 审核办结 on, only the review closes a complaint (complaintReviewClose). */
const notUnderReview = (c: CaseSnapshot) => (c.settings?.reviewClose ? 'review_required' : null);
/** The review applies to a case the unit head answered while the setting was on — or, once on, to one answered before. */
const reviewApplies = (c: CaseSnapshot) => (c.status === 'awaiting_review' || c.settings?.reviewClose ? null : 'review_not_required');
/** The complainant rates the handling once per reply (a reopened case is rated anew). */
const notYetRated = (c: CaseSnapshot) => (c.data.satisfaction ? 'satisfaction_recorded' : null);

/**
 * A complaint found 属实 or 部分属实 is answered with its cause and the corrective action
 * (RULES §2: verify → cause → corrective action → reply); 不属实 needs neither.
 */
const causeAndMeasureRecorded = (c: { data: Readonly<Record<string, unknown>> }) => {
  const verdict = (c.data.verification as { verdict?: string } | null | undefined)?.verdict;
  if (verdict !== 'substantiated' && verdict !== 'partly_substantiated') return null;
  const causes = c.data.causes as unknown[] | null | undefined;
  return causes?.length && c.data.measure ? null : 'cause_and_measure_required';
};

/**
 * 投诉处理流程 (RULES §2): register → assign → verify (属实/部分属实/不属实) → cause → corrective
 * action → reply → [审核: the quality office closes or sends back] → close; reopen. The complainant
 * rates the handling on the public status page (role `complainant`), not the handler. The reply clock (002:L103: 5 working
 * days in the hall preset) runs from receipt, pauses while waiting for the complainant, stops at the reply.
 */
export const complaintWorkflow: WorkflowDefinition = {
  type: 'complaint',
  initial: 'registered',
  startClocks: ['reply'],
  states: {
    registered: { label: { zh: '已登记', en: 'Registered' } },
    assigned: { label: { zh: '处理中', en: 'Assigned' } },
    verified: { label: { zh: '已核实', en: 'Verified' } },
    replied: { label: { zh: '已答复', en: 'Replied' } },
    awaiting_review: { label: { zh: '待审核办结', en: 'Awaiting review' } },
    closed: { label: { zh: '已办结', en: 'Closed' }, closed: true },
  },
  actions: {
    assign: { label: { zh: '分派', en: 'Assign' }, from: ['registered'], to: 'assigned', roles: managers },
    reassign: { label: { zh: '改派', en: 'Reassign' }, from: ['assigned', 'verified', 'replied', 'awaiting_review'], roles: managers },
    verify: { label: { zh: '核实', en: 'Verify' }, from: ['assigned', 'verified'], to: 'verified', roles: managers },
    record_cause: { label: { zh: '分析原因', en: 'Record causes' }, from: ['verified', 'replied'], roles: managers },
    record_measure: { label: { zh: '整改措施', en: 'Record corrective action' }, from: ['verified', 'replied'], roles: managers },
    reply: {
      label: { zh: '答复投诉人', en: 'Reply to the complainant' },
      from: ['verified'],
      to: 'replied',
      roles: handlers,
      guards: [causeAndMeasureRecorded],
      clocks: { stop: ['reply'] },
      public: true,
      // 审核办结 on: the reply waits for the quality office.
      variants: { review: { to: 'awaiting_review', clocks: { stop: ['reply'] } } },
    },
    record_satisfaction: { label: { zh: '投诉人评价', en: 'Complainant\'s rating' }, from: ['replied', 'awaiting_review', 'closed'], roles: ['complainant'], guards: [replyRecorded, notYetRated] },
    close: { label: { zh: '办结', en: 'Close' }, from: 'any_open', to: 'closed', roles: managers, guards: [replyRecorded, notUnderReview], public: true },
    review_close: { label: { zh: '审核办结', en: 'Review and close' }, from: ['awaiting_review', 'replied'], to: 'closed', roles: reviewers, guards: [replyRecorded, reviewApplies], public: true },
    send_back: { label: { zh: '退回重办', en: 'Send back' }, from: ['awaiting_review', 'replied'], to: 'verified', roles: reviewers, guards: [reviewApplies] },
    reopen: { label: { zh: '重新办理', en: 'Reopen' }, from: ['closed'], to: 'assigned', roles: ['admin', 'quality_office'], clocks: { start: ['reply'] }, public: true },
    await_complainant: { label: { zh: '等待投诉人补充', en: 'Wait for the complainant' }, from: 'any_open', roles: handlers, guards: [notWaiting], clocks: { pause: ['reply'] } },
    resume: { label: { zh: '恢复办理', en: 'Resume' }, from: 'any_open', roles: handlers, guards: [waiting], clocks: { resume: ['reply'] } },
    note: { label: { zh: '备注', en: 'Add a note' }, from: 'any_open', roles: handlers },
    // What the complainant adds later through an intake channel (an Open311 client's comment): public, like the reply.
    complainant_comment: { label: { zh: '投诉人补充', en: 'Complainant\'s comment' }, from: 'any_open', roles: handlers, public: true },
  },
};
