import type { WorkflowDefinition } from '../../engines/workflow/index.js';
import { followUpSources } from './schema.js';

/** Who calls: the attending physician or nurse it is assigned to (role staff; access: assignee), their unit head, the quality office. */
const callers = ['admin', 'quality_office', 'unit_head', 'staff'] as const;
/** The patient (or customer) answering the one-time questionnaire link. */
export const respondentRole = 'respondent';
/** The case a follow-up was opened for, when its callback was recorded there (callbacks.ts). */
export const sourceCaseRole = 'source_case';

/** Every source's due clock: whichever the follow-up runs stops when it is decided. */
const dueClocks = { stop: followUpSources } as const;

/**
 * 回访/随访 (RULES §2 Follow-up; 000:L89, 003:L605, 003:L109, 004:L76, L214): a follow-up opened
 * from a discharge, a closed complaint (or, where the pack says so, a repair or a 差评) → call
 * attempts (a call, an SMS or a home visit — 上门随访, 003:L109), each with its outcome → reached: the answers on the questionnaire (recovery,
 * satisfaction) → done; or the questionnaire sent as a one-time link by SMS, answered by the
 * patient. The pack's count of failed attempts (3) makes it unreachable; a refusal ends it.
 * The due clock is the source's (cases.follow_up.clocks.<source>), started by the module at
 * registration; every ending stops it. A negative answer opens a rectification (type.ts).
 */
export const followUpWorkflow: WorkflowDefinition = {
  type: 'follow_up',
  initial: 'pending',
  // The module starts the source's clock itself (service.ts: the clock of the follow-up's source).
  startClocks: [],
  states: {
    pending: { label: { zh: '待随访', en: 'To call' } },
    link_sent: { label: { zh: '已发送问卷', en: 'Questionnaire sent' } },
    reached: { label: { zh: '已接通待记录', en: 'Reached, answers due' } },
    completed: { label: { zh: '已完成', en: 'Done' }, closed: true },
    refused: { label: { zh: '拒绝随访', en: 'Refused' }, closed: true },
    unreachable: { label: { zh: '无法联系', en: 'Unreachable' }, closed: true },
  },
  actions: {
    attempt: {
      label: { zh: '记录拨打结果', en: 'Record a call attempt' },
      from: ['pending', 'link_sent'],
      roles: callers,
      // The type names the variant from the outcome and the failed attempts so far (type.ts).
      variants: {
        reached: { to: 'reached', clocks: dueClocks },
        failed: {},
        unreachable: { to: 'unreachable', clocks: dueClocks },
        refused: { to: 'refused', clocks: dueClocks },
      },
    },
    record_answers: { label: { zh: '记录随访结果', en: 'Record the answers' }, from: ['reached'], to: 'completed', roles: callers },
    send_link: { label: { zh: '短信发送问卷链接', en: 'Send the questionnaire by SMS' }, from: ['pending', 'link_sent'], to: 'link_sent', roles: callers },
    answer_by_link: { label: { zh: '患者在线作答', en: 'Answered online' }, from: ['link_sent'], to: 'completed', roles: [respondentRole], clocks: dueClocks },
    // The work order's (or the 差评's) callback was recorded on that case: this follow-up is it, done.
    recorded_on_source: { label: { zh: '已在原工单记录回访', en: 'Callback recorded on the case' }, from: ['pending', 'link_sent', 'reached'], to: 'completed', roles: [sourceCaseRole], clocks: dueClocks },
    note: { label: { zh: '备注', en: 'Note' }, from: 'any_open', roles: callers },
  },
};
