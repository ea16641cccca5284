import type { WorkflowDefinition } from '../../engines/workflow/index.js';

/** Everyone who answers questions at a window or on the phone; inspectors and supervisors only watch. */
const handlers = ['admin', 'quality_office', 'unit_head', 'staff'] as const;

/**
 * 首问负责制 (RULES §2; 002:L100, L108, L183; 004:L56, L188): the first staff member asked owns the
 * matter and closes the loop by answering, handling it, or transferring it to the right window or
 * agency with its contact. "Not my responsibility" is not an outcome. Answered, handled and a
 * transfer to an outside agency are terminal and stop the `close_loop` clock (the pack's inquiry
 * clock). A transfer to a unit of the organisation (转办) hands the case to that unit, still open,
 * for it to answer or handle; the first responder stays stamped, and the clock keeps running from
 * the first question — passing a matter on inside the organisation does not restart the promise.
 */
export const inquiryWorkflow: WorkflowDefinition = {
  type: 'inquiry',
  initial: 'open',
  startClocks: ['close_loop'],
  states: {
    open: { label: { zh: '待答复', en: 'Open' } },
    referred: { label: { zh: '已转本单位科室办理', en: 'Referred to a unit' } },
    answered: { label: { zh: '已解答', en: 'Answered' }, closed: true },
    handled: { label: { zh: '已办理', en: 'Handled' }, closed: true },
    transferred: { label: { zh: '已移交', en: 'Transferred' }, closed: true },
  },
  actions: {
    answer: { label: { zh: '解答', en: 'Answer' }, from: ['open', 'referred'], to: 'answered', roles: handlers, clocks: { stop: ['close_loop'] } },
    handle: { label: { zh: '办理', en: 'Handle' }, from: ['open', 'referred'], to: 'handled', roles: handlers, clocks: { stop: ['close_loop'] } },
    transfer: {
      label: { zh: '移交并告知联系方式', en: 'Transfer, with the contact' },
      from: ['open', 'referred'],
      to: 'transferred',
      roles: handlers,
      clocks: { stop: ['close_loop'] },
      variants: { internal: { to: 'referred' } },
    },
    note: { label: { zh: '备注', en: 'Add a note' }, from: 'any_open', roles: handlers },
  },
};
