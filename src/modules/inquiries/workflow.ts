import type { WorkflowDefinition } from '../../engines/workflow/index.js';

/** Everyone who answers questions at a window or on the phone; inspectors and supervisors only watch. */
const handlers = ['admin', 'quality_office', 'unit_head', 'staff'] as const;

/**
 * 首问负责制 (RULES §2; 002:L100, L108, L183; 004:L56, L188): the first staff member asked owns the
 * matter and closes the loop by answering, handling it, or transferring it to the right window or
 * agency with its contact. Each outcome is terminal and stops the `close_loop` clock (the pack's
 * inquiry clock). "Not my responsibility" is not an outcome. A transfer to a unit of the
 * organisation re-routes the case to that unit; the first responder stays stamped.
 */
export const inquiryWorkflow: WorkflowDefinition = {
  type: 'inquiry',
  initial: 'open',
  startClocks: ['close_loop'],
  states: {
    open: { label: { zh: '待答复', en: 'Open' } },
    answered: { label: { zh: '已解答', en: 'Answered' }, closed: true },
    handled: { label: { zh: '已办理', en: 'Handled' }, closed: true },
    transferred: { label: { zh: '已移交', en: 'Transferred' }, closed: true },
  },
  actions: {
    answer: { label: { zh: '解答', en: 'Answer' }, from: ['open'], to: 'answered', roles: handlers, clocks: { stop: ['close_loop'] } },
    handle: { label: { zh: '办理', en: 'Handle' }, from: ['open'], to: 'handled', roles: handlers, clocks: { stop: ['close_loop'] } },
    transfer: { label: { zh: '移交并告知联系方式', en: 'Transfer, with the contact' }, from: ['open'], to: 'transferred', roles: handlers, clocks: { stop: ['close_loop'] } },
    note: { label: { zh: '备注', en: 'Add a note' }, from: 'any_open', roles: handlers },
  },
};
