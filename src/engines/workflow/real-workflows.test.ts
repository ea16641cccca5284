/**
 * The real case types' workflows, walked through every action from every state (table-driven):
 * each allowed transition lands where the table says, every other one is refused with
 * `invalid_transition`; each action admits exactly the roles listed; guards refuse with their
 * own code. The tables are written out from RULES §2 and issue 4, not derived from the
 * definitions, so a change to a workflow must change its table too.
 */
import { describe, expect, it } from 'vitest';
import { applyAction, availableActions, validateWorkflow, type WorkflowDefinition } from './index.js';
import { refusal } from '../../../test/support/workflow.js';
import { complaintWorkflow } from '../../modules/complaints/workflow.js';
import { inquiryWorkflow } from '../../modules/inquiries/workflow.js';
import { applicationWorkflow } from '../../modules/applications/workflow.js';
import { rectificationWorkflow } from '../../modules/rectifications/workflow.js';
import { followUpWorkflow } from '../../modules/followups/workflow.js';

const ROLES = ['admin', 'quality_office', 'unit_head', 'staff', 'inspector', 'supervisor'] as const;
const SAME = '=' as const;

interface Table {
  def: WorkflowDefinition;
  /** state → allowed `action` or `action:variant` → the state after it (SAME: unchanged). */
  allowed: Record<string, Record<string, string>>;
  /** action → the roles that may perform it. */
  roles: Record<string, readonly string[]>;
  /** Case data that satisfies the action's guards (the guards themselves are tested below). */
  dataFor?: (action: string) => Record<string, unknown>;
  /** The pack settings under which the action is allowed (CaseSnapshot.settings). */
  settingsFor?: (action: string) => Record<string, unknown>;
  /** The role that takes the action when no staff role may (the complainant's rating); default admin. */
  roleFor?: (action: string) => string;
}

const managers = ['admin', 'quality_office', 'unit_head'];
const handlers = ['admin', 'quality_office', 'unit_head', 'staff'];
const office = ['admin', 'quality_office'];

const complaintData = (action: string): Record<string, unknown> => {
  if (action === 'resume') return { waiting: { reason: '等待投诉人补充' } };
  if (action === 'close' || action === 'review_close' || action === 'record_satisfaction') return { reply: { channel: 'phone', content: '已答复' } };
  if (action === 'reply') return { verification: { verdict: 'substantiated' }, causes: ['attitude'], measure: { text: '批评教育' } };
  return {};
};

/**
 * RULES §2 Complaint: register → assign → verify → cause → corrective action → reply →
 * [审核办结 / 退回重办 when the pack asks for review] → close; reopen; 002:L129. The complainant rates.
 */
const complaint: Table = {
  def: complaintWorkflow,
  dataFor: complaintData,
  settingsFor: (action) => (action === 'review_close' || action === 'send_back' ? { reviewClose: true } : {}),
  roleFor: (action) => (action === 'record_satisfaction' ? 'complainant' : 'admin'),
  allowed: {
    registered: { assign: 'assigned', close: 'closed', await_complainant: SAME, resume: SAME, note: SAME, complainant_comment: SAME },
    assigned: { reassign: SAME, verify: 'verified', close: 'closed', await_complainant: SAME, resume: SAME, note: SAME, complainant_comment: SAME },
    verified: { reassign: SAME, verify: 'verified', record_cause: SAME, record_measure: SAME, reply: 'replied', 'reply:review': 'awaiting_review', close: 'closed', await_complainant: SAME, resume: SAME, note: SAME, complainant_comment: SAME },
    replied: { reassign: SAME, record_cause: SAME, record_measure: SAME, record_satisfaction: SAME, close: 'closed', review_close: 'closed', send_back: 'verified', await_complainant: SAME, resume: SAME, note: SAME, complainant_comment: SAME },
    awaiting_review: { reassign: SAME, record_satisfaction: SAME, close: 'closed', review_close: 'closed', send_back: 'verified', await_complainant: SAME, resume: SAME, note: SAME, complainant_comment: SAME },
    closed: { reopen: 'assigned', record_satisfaction: SAME },
  },
  roles: {
    assign: managers,
    reassign: managers,
    verify: managers,
    record_cause: managers,
    record_measure: managers,
    close: managers,
    reply: handlers,
    record_satisfaction: [],
    review_close: office,
    send_back: office,
    await_complainant: handlers,
    resume: handlers,
    note: handlers,
    complainant_comment: handlers,
    reopen: office,
  },
};

/** RULES §2 Inquiry (首问负责): answer, handle, or transfer with the contact; 转办 inside the organisation stays open. */
const inquiryOpen = { answer: 'answered', handle: 'handled', transfer: 'transferred', 'transfer:internal': 'referred', note: SAME };
const inquiry: Table = {
  def: inquiryWorkflow,
  allowed: { open: inquiryOpen, referred: inquiryOpen, answered: {}, handled: {}, transferred: {} },
  roles: { answer: handlers, handle: handlers, transfer: handlers, note: handlers },
};

/** RULES §2 Application (受理; 002:L98, L180, L184): one supplement notice, partial supplements, decision, tell the applicant, close. */
const application: Table = {
  def: applicationWorkflow,
  dataFor: (action) => (action === 'close' ? { applicantNotified: { channel: 'phone' } } : {}),
  allowed: {
    received: { note: SAME },
    awaiting_materials: { request_supplement: 'awaiting_materials', receive_supplement: 'accepted', 'receive_supplement:partial': 'awaiting_materials', refuse: 'decided', note: SAME },
    accepted: { request_supplement: 'awaiting_materials', approve: 'decided', refuse: 'decided', note: SAME },
    decided: { notify_applicant: SAME, close: 'closed', note: SAME },
    closed: {},
  },
  roles: {
    request_supplement: handlers,
    receive_supplement: handlers,
    notify_applicant: handlers,
    close: handlers,
    note: handlers,
    approve: ['admin', 'unit_head', 'staff'],
    refuse: ['admin', 'unit_head', 'staff'],
  },
};

/** RULES §2 Rectification (整改; ANCHORS 评价 → 核实 → 整改 → 反馈 → 复核), with the appeal of a false 差评. */
const rectification: Table = {
  def: rectificationWorkflow,
  allowed: {
    open: { record_callback: 'called_back', rectify: 'rectified', appeal: 'appealed', note: SAME },
    called_back: { rectify: 'rectified', appeal: 'appealed', note: SAME },
    rectified: { verify: 'closed', return_for_rework: 'open', note: SAME },
    appealed: { uphold_appeal: 'closed', reject_appeal: 'open', note: SAME },
    closed: {},
  },
  roles: {
    record_callback: handlers,
    rectify: handlers,
    note: handlers,
    appeal: managers,
    verify: office,
    return_for_rework: office,
    uphold_appeal: office,
    reject_appeal: office,
  },
};

/**
 * RULES §2 Follow-up (回访/随访; 003:L605, 003:L109): call attempts (reached, no answer, wrong
 * number, refused; the pack's third failure → unreachable, a variant the type picks), answers
 * after a reached call, or the questionnaire by SMS answered by the patient (respondent).
 */
const attemptRow = { attempt: SAME, 'attempt:reached': 'reached', 'attempt:failed': SAME, 'attempt:unreachable': 'unreachable', 'attempt:refused': 'refused' };
const followUp: Table = {
  def: followUpWorkflow,
  // answer_by_link is the patient's; recorded_on_source only the system's, when the callback is
  // recorded on the repair or rectification the follow-up came from (one callback, not two).
  roleFor: (action) => (action === 'answer_by_link' ? 'respondent' : action === 'recorded_on_source' ? 'source_case' : 'admin'),
  allowed: {
    pending: { ...attemptRow, send_link: 'link_sent', recorded_on_source: 'completed', note: SAME },
    link_sent: { ...attemptRow, send_link: 'link_sent', answer_by_link: 'completed', recorded_on_source: 'completed', note: SAME },
    reached: { record_answers: 'completed', recorded_on_source: 'completed', note: SAME },
    completed: {},
    refused: {},
    unreachable: {},
  },
  roles: {
    attempt: handlers,
    record_answers: handlers,
    send_link: handlers,
    note: handlers,
    answer_by_link: [],
    recorded_on_source: [],
  },
};

const tables = { complaint, inquiry, application, rectification, followUp };

describe.each(Object.entries(tables))('the %s workflow', (_name, table) => {
  const { def } = table;
  const data = table.dataFor ?? (() => ({}));
  const snap = (status: string, action: string) => ({ status, data: data(action), settings: table.settingsFor?.(action) });
  const roleFor = table.roleFor ?? (() => 'admin');
  const plainActions = Object.keys(def.actions);

  it('is valid, and the table covers exactly its states, actions and variants', () => {
    expect(validateWorkflow(def)).toEqual([]);
    expect(Object.keys(table.allowed).sort()).toEqual(Object.keys(def.states).sort());
    expect(Object.keys(table.roles).sort()).toEqual([...plainActions].sort());
    const variants = plainActions.flatMap((a) => Object.keys(def.actions[a].variants ?? {}).map((v) => `${a}:${v}`));
    const tabled = new Set(Object.values(table.allowed).flatMap((row) => Object.keys(row).filter((k) => k.includes(':'))));
    expect([...tabled].sort()).toEqual(variants.sort());
  });

  for (const state of Object.keys(table.allowed)) {
    for (const action of plainActions) {
      const variants = [undefined, ...Object.keys(def.actions[action].variants ?? {})];
      for (const variant of variants) {
        const key = variant ? `${action}:${variant}` : action;
        const expected = table.allowed[state][key];
        if (expected !== undefined) {
          it(`${state} --${key}--> ${expected === SAME ? state : expected}`, () => {
            const r = applyAction(def, snap(state, action), action, roleFor(action), variant);
            expect(r.to).toBe(expected === SAME ? state : expected);
          });
        } else {
          it(`${state} refuses ${key} (invalid_transition)`, () => {
            expect(refusal(() => applyAction(def, snap(state, action), action, roleFor(action), variant)).code).toBe('invalid_transition');
          });
        }
      }
    }
  }

  it('each action admits exactly its roles (403 forbidden for the others)', () => {
    for (const action of plainActions) {
      const state = Object.keys(table.allowed).find((s) => table.allowed[s][action] !== undefined)!;
      for (const role of ROLES) {
        const attempt = () => applyAction(def, snap(state, action), action, role);
        if (table.roles[action].includes(role)) expect(attempt().action, `${role} ${action}`).toBe(action);
        else expect(refusal(attempt).code, `${role} ${action}`).toBe('forbidden');
      }
    }
  });

  it('the case page offers, per state, the allowed actions to a role that may take them', () => {
    for (const state of Object.keys(table.allowed)) {
      const offered = new Set(Object.keys(table.allowed[state]).map((k) => k.split(':')[0]));
      for (const action of offered) expect(availableActions(def, snap(state, action), roleFor(action)), `${state} ${action}`).toContain(action);
    }
  });
});

describe('guards of the real workflows', () => {
  const refuse = (def: WorkflowDefinition, status: string, action: string, data: Record<string, unknown>) => refusal(() => applyAction(def, { status, data }, action, 'admin')).code;

  it('002:L129: a complaint cannot close without a recorded reply, from any open state', () => {
    for (const status of ['registered', 'assigned', 'verified', 'replied', 'awaiting_review']) expect(refuse(complaintWorkflow, status, 'close', {})).toBe('reply_required');
  });

  it('审核办结 (pack casework.complaintReviewClose): with it on only the review closes; off, there is no review of a replied case', () => {
    const replied = { reply: { channel: 'phone', content: '已答复' } };
    const on = { reviewClose: true };
    expect(refusal(() => applyAction(complaintWorkflow, { status: 'replied', data: replied, settings: on }, 'close', 'unit_head')).code).toBe('review_required');
    expect(refusal(() => applyAction(complaintWorkflow, { status: 'awaiting_review', data: replied, settings: on }, 'close', 'admin')).code).toBe('review_required');
    expect(refusal(() => applyAction(complaintWorkflow, { status: 'replied', data: replied, settings: {} }, 'review_close', 'quality_office')).code).toBe('review_not_required');
    expect(applyAction(complaintWorkflow, { status: 'replied', data: replied, settings: on }, 'review_close', 'quality_office').to).toBe('closed');
  });

  it('the complainant rates the handling once per reply, and only after it', () => {
    expect(refusal(() => applyAction(complaintWorkflow, { status: 'replied', data: {} }, 'record_satisfaction', 'complainant')).code).toBe('reply_required');
    const rated = { reply: { content: 'x' }, satisfaction: { value: 'satisfied' } };
    expect(refusal(() => applyAction(complaintWorkflow, { status: 'closed', data: rated }, 'record_satisfaction', 'complainant')).code).toBe('satisfaction_recorded');
  });

  it('RULES §2: 属实 / 部分属实 need cause and corrective action before the reply; 不属实 needs neither', () => {
    const measure = { text: '批评教育' };
    for (const verdict of ['substantiated', 'partly_substantiated']) {
      expect(refuse(complaintWorkflow, 'verified', 'reply', { verification: { verdict } })).toBe('cause_and_measure_required');
      expect(refuse(complaintWorkflow, 'verified', 'reply', { verification: { verdict }, causes: ['attitude'] })).toBe('cause_and_measure_required');
      expect(refuse(complaintWorkflow, 'verified', 'reply', { verification: { verdict }, causes: [], measure })).toBe('cause_and_measure_required');
      expect(applyAction(complaintWorkflow, { status: 'verified', data: { verification: { verdict }, causes: ['attitude'], measure } }, 'reply', 'staff').to).toBe('replied');
    }
    expect(applyAction(complaintWorkflow, { status: 'verified', data: { verification: { verdict: 'unsubstantiated' } } }, 'reply', 'staff').to).toBe('replied');
  });

  it('waiting for the complainant: not twice, and resume only while waiting', () => {
    expect(refuse(complaintWorkflow, 'assigned', 'await_complainant', { waiting: { reason: 'x' } })).toBe('already_waiting');
    expect(refuse(complaintWorkflow, 'assigned', 'resume', {})).toBe('not_waiting');
  });

  it('002:L98: an application closes only after the applicant was told', () => {
    expect(refuse(applicationWorkflow, 'decided', 'close', {})).toBe('applicant_not_notified');
  });
});

describe('clocks moved by the real transitions', () => {
  const clocks = (def: WorkflowDefinition, status: string, action: string, data: Record<string, unknown> = {}, variant?: string) => applyAction(def, { status, data }, action, 'admin', variant).clocks;

  it('complaint: the reply stops the reply clock (002:L103), waiting pauses and resumes it, a reopen starts a new run', () => {
    expect(clocks(complaintWorkflow, 'verified', 'reply', complaintData('reply'))).toEqual({ stop: ['reply'] });
    expect(clocks(complaintWorkflow, 'verified', 'reply', complaintData('reply'), 'review')).toEqual({ stop: ['reply'] });
    expect(clocks(complaintWorkflow, 'assigned', 'await_complainant')).toEqual({ pause: ['reply'] });
    expect(clocks(complaintWorkflow, 'assigned', 'resume', complaintData('resume'))).toEqual({ resume: ['reply'] });
    expect(clocks(complaintWorkflow, 'closed', 'reopen')).toEqual({ start: ['reply'] });
  });

  it('inquiry: an outcome stops close_loop; 转办 inside the organisation leaves it running', () => {
    for (const action of ['answer', 'handle', 'transfer']) expect(clocks(inquiryWorkflow, 'open', action)).toEqual({ stop: ['close_loop'] });
    expect(clocks(inquiryWorkflow, 'open', 'transfer', {}, 'internal')).toEqual({});
  });

  it('application: a notice pauses processing, a complete supplement resumes it, a partial one leaves it paused', () => {
    expect(clocks(applicationWorkflow, 'accepted', 'request_supplement')).toEqual({ pause: ['processing'] });
    expect(clocks(applicationWorkflow, 'awaiting_materials', 'receive_supplement')).toEqual({ resume: ['processing'] });
    expect(clocks(applicationWorkflow, 'awaiting_materials', 'receive_supplement', {}, 'partial')).toEqual({});
  });
});
