/**
 * Case workflow engine. The definition below is a small complaint flow after RULES §2 Complaint:
 * register → verify (属实 / 部分属实 / 不属实) → … → reply to the complainant → close; "a complaint
 * cannot close without a recorded reply" (002:L129; 000:L99 "件件有结果、有回音"); waiting for the
 * complainant pauses the reply clock (ANCHORS Zammad: pending states stop the clock).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  WorkflowError,
  applyAction,
  availableActions,
  isClosedStatus,
  validateWorkflow,
  type ActionDefinition,
  type CaseSnapshot,
  type ClockOps,
  type Guard,
  type WorkflowDefinition,
} from './index.js';
import { refusal } from '../../../test/support/workflow.js';

type S = 'registered' | 'assigned' | 'verified' | 'replied' | 'closed';

const L = (zh: string, en: string) => ({ zh, en });

/** 002:L129: a complaint cannot close without a recorded reply. */
const replyRequired: Guard = (c) => (typeof c.data.reply === 'string' && c.data.reply.trim() !== '' ? null : 'reply_required');
/** RULES §2: verification outcome 属实 / 部分属实 / 不属实 must be recorded before replying. */
const verdictRequired: Guard = (c) => (['true', 'partly_true', 'false'].includes(c.data.verdict as string) ? null : 'verdict_required');

const complaint: WorkflowDefinition<S> = {
  type: 'complaint',
  initial: 'registered',
  states: {
    registered: { label: L('已登记', 'Registered') },
    assigned: { label: L('已分派', 'Assigned') },
    verified: { label: L('已核实', 'Verified') },
    replied: { label: L('已答复', 'Replied') },
    closed: { label: L('已办结', 'Closed'), closed: true },
  },
  actions: {
    assign: { label: L('分派', 'Assign'), from: ['registered', 'assigned'], to: 'assigned', roles: ['supervisor'] },
    verify: { label: L('核实', 'Verify'), from: ['assigned'], to: 'verified', roles: ['handler', 'supervisor'], guards: [verdictRequired] },
    request_info: { label: L('补充材料', 'Ask the complainant'), from: ['assigned', 'verified'], clocks: { pause: ['reply'] } },
    receive_info: { label: L('收到材料', 'Complainant answered'), from: ['assigned', 'verified'], clocks: { resume: ['reply'] } },
    reply: { label: L('答复', 'Reply'), from: ['verified'], to: 'replied', roles: ['handler'], guards: [replyRequired], clocks: { stop: ['reply'] }, public: true },
    close: { label: L('办结', 'Close'), from: ['replied', 'verified'], to: 'closed', roles: ['supervisor'], guards: [replyRequired], clocks: { stop: ['resolution'] } },
    reopen: { label: L('重新办理', 'Reopen'), from: ['closed'], to: 'assigned', roles: ['supervisor'], clocks: { start: ['resolution'] } },
    add_note: { label: L('备注', 'Add note'), from: 'any_open' },
  },
  startClocks: ['reply', 'resolution'],
};

const STATUSES: readonly S[] = ['registered', 'assigned', 'verified', 'replied', 'closed'];
const ROLES = ['clerk', 'handler', 'supervisor'] as const;
const ACTIONS = Object.keys(complaint.actions);

const snap = (status: string, data: Record<string, unknown> = {}): CaseSnapshot => ({ status, data });
const FULL = { verdict: 'true', reply: '已电话答复投诉人，并致歉。' };

describe('validateWorkflow', () => {
  it('accepts the complaint definition', () => {
    expect(validateWorkflow(complaint)).toEqual([]);
  });

  it('reports an unknown initial state, unknown targets and unknown sources, each once', () => {
    const bad = {
      ...complaint,
      initial: 'new',
      actions: {
        ...complaint.actions,
        escalate: { label: L('升级', 'Escalate'), from: ['assigned', 'waiting'], to: 'escalated' },
        archive: { label: L('归档', 'Archive'), from: ['closed'], to: 'archived' },
      },
    } as unknown as WorkflowDefinition;
    const problems = validateWorkflow(bad);
    expect(problems).toHaveLength(4);
    expect(problems.some((p) => p.includes('initial') && p.includes('new'))).toBe(true);
    expect(problems.some((p) => p.includes('escalate') && p.includes('escalated'))).toBe(true);
    expect(problems.some((p) => p.includes('escalate') && p.includes('waiting'))).toBe(true);
    expect(problems.some((p) => p.includes('archive') && p.includes('archived'))).toBe(true);
  });

  it('any_open actions and actions without a target are fine', () => {
    const def: WorkflowDefinition = {
      type: 't',
      initial: 'a',
      states: { a: { label: L('甲', 'A') } },
      actions: { note: { label: L('备注', 'Note'), from: 'any_open' }, touch: { label: L('触碰', 'Touch'), from: ['a'] } },
      startClocks: [],
    };
    expect(validateWorkflow(def)).toEqual([]);
  });

  it('names inherited from Object.prototype are not states (definitions come from pack data)', () => {
    const def = {
      type: 't',
      initial: 'constructor',
      states: { a: { label: L('甲', 'A') } },
      actions: {
        x: { label: L('x', 'x'), from: ['toString'], to: 'a' },
        y: { label: L('y', 'y'), from: ['a'], to: 'hasOwnProperty' },
      },
      startClocks: [],
    } as unknown as WorkflowDefinition;
    expect(validateWorkflow(def)).toHaveLength(3);
  });
});

describe('isClosedStatus (Open311 closed)', () => {
  it('only states marked closed', () => {
    expect(STATUSES.filter((s) => isClosedStatus(complaint, s))).toEqual(['closed']);
    expect(isClosedStatus(complaint, 'nonexistent')).toBe(false);
    expect(isClosedStatus(complaint, 'constructor')).toBe(false);
  });
});

describe('applyAction: allowed transitions (RULES §2 Complaint flow)', () => {
  const ALLOWED: [S, string, string, Record<string, unknown>, S, ClockOps][] = [
    ['registered', 'assign', 'supervisor', {}, 'assigned', {}],
    ['assigned', 'assign', 'supervisor', {}, 'assigned', {}], // reassignment
    ['assigned', 'verify', 'handler', { verdict: 'partly_true' }, 'verified', {}],
    ['assigned', 'verify', 'supervisor', { verdict: 'false' }, 'verified', {}],
    ['assigned', 'request_info', 'clerk', {}, 'assigned', { pause: ['reply'] }], // no `to`: unchanged
    ['verified', 'request_info', 'handler', {}, 'verified', { pause: ['reply'] }],
    ['verified', 'receive_info', 'clerk', {}, 'verified', { resume: ['reply'] }],
    ['verified', 'reply', 'handler', FULL, 'replied', { stop: ['reply'] }],
    ['replied', 'close', 'supervisor', FULL, 'closed', { stop: ['resolution'] }],
    ['verified', 'close', 'supervisor', FULL, 'closed', { stop: ['resolution'] }],
    ['closed', 'reopen', 'supervisor', {}, 'assigned', { start: ['resolution'] }],
    ['registered', 'add_note', 'clerk', {}, 'registered', {}],
    ['replied', 'add_note', 'handler', {}, 'replied', {}],
  ];
  for (const [from, action, role, data, to, clocks] of ALLOWED) {
    it(`${from} --${action} (${role})--> ${to}`, () => {
      expect(applyAction(complaint, snap(from, data), action, role)).toEqual({ action, from, to, clocks });
    });
  }

  it('the whole life of a complaint, with a reopen', () => {
    let status: string = complaint.initial;
    const data: Record<string, unknown> = {};
    const ops: ClockOps[] = [];
    const step = (action: string, role: string) => {
      const r = applyAction(complaint, snap(status, data), action, role);
      expect(r.from).toBe(status);
      status = r.to;
      ops.push(r.clocks);
    };
    step('assign', 'supervisor');
    data.verdict = 'true';
    step('verify', 'handler');
    step('request_info', 'handler');
    step('receive_info', 'handler');
    data.reply = '已答复';
    step('reply', 'handler');
    step('close', 'supervisor');
    expect(isClosedStatus(complaint, status)).toBe(true);
    step('reopen', 'supervisor');
    expect(status).toBe('assigned');
    expect(ops.flatMap((o) => [...(o.pause ?? []), ...(o.resume ?? []), ...(o.stop ?? []), ...(o.start ?? [])])).toEqual(['reply', 'reply', 'reply', 'resolution', 'resolution']);
  });

  it('applyAction is pure: the snapshot is not changed', () => {
    const s = snap('verified', { ...FULL });
    const copy = structuredClone(s);
    applyAction(complaint, s, 'reply', 'handler');
    expect(s).toEqual(copy);
  });
});

describe('applyAction: refusals throw WorkflowError with a stable code', () => {
  it('unknown_action, including names inherited from Object.prototype', () => {
    for (const name of ['delete', 'toString', 'constructor', '__proto__', 'hasOwnProperty', '']) {
      const e = refusal(() => applyAction(complaint, snap('registered'), name, 'supervisor'));
      expect(e.code).toBe('unknown_action');
      expect(e.details).toEqual({ action: name });
    }
  });

  it('invalid_transition: not from this status; any_open refuses closed states', () => {
    const cases: [S, string][] = [
      ['registered', 'verify'],
      ['registered', 'reply'],
      ['assigned', 'reply'], // RULES §2: verify before replying
      ['assigned', 'close'],
      ['closed', 'close'],
      ['closed', 'assign'],
      ['closed', 'add_note'], // any_open
      ['replied', 'reopen'],
    ];
    for (const [status, action] of cases) {
      const e = refusal(() => applyAction(complaint, snap(status, FULL), action, 'supervisor'));
      expect(e.code, `${status} ${action}`).toBe('invalid_transition');
      expect(e.details).toEqual({ action, status });
    }
  });

  it('forbidden: a role the action does not list', () => {
    const cases: [S, string, string][] = [
      ['registered', 'assign', 'handler'],
      ['assigned', 'verify', 'clerk'],
      ['verified', 'reply', 'supervisor'],
      ['replied', 'close', 'handler'],
      ['closed', 'reopen', 'clerk'],
    ];
    for (const [status, action, role] of cases) {
      const e = refusal(() => applyAction(complaint, snap(status, FULL), action, role));
      expect(e.code, `${status} ${action} ${role}`).toBe('forbidden');
    }
  });

  it('reply_required: a complaint cannot close or be replied without a recorded reply (002:L129)', () => {
    for (const data of [{}, { reply: '' }, { reply: '   ' }, { reply: 42 }, { verdict: 'true' }]) {
      expect(refusal(() => applyAction(complaint, snap('replied', data), 'close', 'supervisor')).code).toBe('reply_required');
      expect(refusal(() => applyAction(complaint, snap('verified', { verdict: 'true', ...data }), 'reply', 'handler')).code).toBe('reply_required');
    }
    expect(refusal(() => applyAction(complaint, snap('assigned', { verdict: 'maybe' }), 'verify', 'handler')).code).toBe('verdict_required');
  });

  it('checks in a fixed order: action, status, role, then guards', () => {
    // Clerk trying to close a registered complaint without a reply: the status is wrong first.
    expect(refusal(() => applyAction(complaint, snap('registered'), 'close', 'clerk')).code).toBe('invalid_transition');
    // Right status, wrong role, missing reply: forbidden before the guard.
    expect(refusal(() => applyAction(complaint, snap('replied'), 'close', 'clerk')).code).toBe('forbidden');
    // Guards run in order; the first failing one wins.
    const two: WorkflowDefinition = {
      ...complaint,
      actions: { x: { label: L('x', 'x'), from: ['replied'], guards: [verdictRequired, replyRequired] } },
    } as WorkflowDefinition;
    expect(refusal(() => applyAction(two, snap('replied'), 'x', 'clerk')).code).toBe('verdict_required');
    expect(refusal(() => applyAction(two, snap('replied', { verdict: 'true' }), 'x', 'clerk')).code).toBe('reply_required');
  });

  it('WorkflowError is an Error with a name, a code and a readable message', () => {
    const e = refusal(() => applyAction(complaint, snap('replied'), 'close', 'supervisor'));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('WorkflowError');
    expect(e.message).toContain('close');
    expect(e.message).toContain('reply_required');
    expect(e.details).toEqual({ action: 'close' });
  });
});

// ---------------------------------------------------------------------------------------------
// A reference model written from the documented rules, independent of the engine's code.

function modelAllows(def: WorkflowDefinition, status: string, name: string, role: string, c: CaseSnapshot): { ok: true; to: string } | { ok: false; code: string } {
  if (!Object.keys(def.actions).includes(name)) return { ok: false, code: 'unknown_action' };
  const a = def.actions[name] as ActionDefinition;
  const fromOk = a.from === 'any_open' ? !isClosedStatus(def, status) : a.from.includes(status);
  if (!fromOk) return { ok: false, code: 'invalid_transition' };
  if (a.roles !== undefined && !a.roles.includes(role)) return { ok: false, code: 'forbidden' };
  for (const g of a.guards ?? []) {
    const code = g(c);
    if (code) return { ok: false, code };
  }
  return { ok: true, to: a.to ?? status };
}

const arbStatus = fc.constantFrom<string>(...STATUSES);
const arbRole = fc.constantFrom<string>(...ROLES, 'visitor');
const arbData = fc.record(
  {
    verdict: fc.constantFrom<unknown>('true', 'partly_true', 'false', 'maybe', undefined, 1),
    reply: fc.constantFrom<unknown>('已答复', '', '  ', undefined, null, 7),
  },
  { requiredKeys: [] },
);

describe('properties: availableActions is exactly what applyAction accepts', () => {
  it('for random statuses, roles and case data', () => {
    fc.assert(
      fc.property(fc.oneof(arbStatus, fc.constantFrom('ghost', 'toString')), arbRole, arbData, (status, role, data) => {
        const c = snap(status, data);
        const available = availableActions(complaint, c, role);
        const accepted = ACTIONS.filter((name) => {
          try {
            applyAction(complaint, c, name, role);
            return true;
          } catch (e) {
            expect(e).toBeInstanceOf(WorkflowError);
            return false;
          }
        });
        expect(available).toEqual(accepted);
        // …and, for the defined statuses, both agree with the reference model, including the
        // refusal code and the target. (What an undefined status allows is left open.)
        if (!STATUSES.includes(status as S)) return;
        expect(available).toEqual(ACTIONS.filter((name) => modelAllows(complaint, status, name, role, c).ok));
        for (const name of ACTIONS) {
          const m = modelAllows(complaint, status, name, role, c);
          if (m.ok) expect(applyAction(complaint, c, name, role).to).toBe(m.to);
          else expect(refusal(() => applyAction(complaint, c, name, role)).code).toBe(m.code);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a closed complaint offers only reopen, and only to a supervisor', () => {
    fc.assert(
      fc.property(arbRole, arbData, (role, data) => {
        expect(availableActions(complaint, snap('closed', data), role)).toEqual(role === 'supervisor' ? ['reopen'] : []);
      }),
    );
  });

  it('every open status offers add_note to every role (any_open)', () => {
    fc.assert(
      fc.property(fc.constantFrom<string>('registered', 'assigned', 'verified', 'replied'), arbRole, arbData, (status, role, data) => {
        expect(availableActions(complaint, snap(status, data), role)).toContain('add_note');
      }),
    );
  });

  it('random walks never leave the defined states', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), arbRole), { maxLength: 30 }), arbData, (steps, data) => {
        let status: string = complaint.initial;
        for (const [k, role] of steps) {
          const options = availableActions(complaint, snap(status, data), role);
          if (options.length === 0) continue;
          const r = applyAction(complaint, snap(status, data), options[k % options.length], role);
          expect(r.from).toBe(status);
          status = r.to;
          expect(STATUSES).toContain(status);
        }
      }),
    );
  });
});

describe('action variants: an outcome that depends on the input', () => {
  // A transfer inside the organisation keeps the matter open (转办); to an outside agency it closes (RULES §2 Inquiry).
  const inquiry: WorkflowDefinition = {
    type: 'inquiry',
    initial: 'open',
    startClocks: ['close_loop'],
    states: { open: { label: L('待答复', 'Open') }, referred: { label: L('转办中', 'Referred') }, transferred: { label: L('已移交', 'Transferred'), closed: true } },
    actions: {
      transfer: { label: L('移交', 'Transfer'), from: ['open', 'referred'], to: 'transferred', clocks: { stop: ['close_loop'] }, variants: { internal: { to: 'referred' } } },
    },
  };

  it('without a variant the action\'s own target and clocks apply; a variant replaces both', () => {
    expect(applyAction(inquiry, snap('open'), 'transfer', 'staff')).toEqual({ action: 'transfer', from: 'open', to: 'transferred', clocks: { stop: ['close_loop'] } });
    expect(applyAction(inquiry, snap('open'), 'transfer', 'staff', 'internal')).toEqual({ action: 'transfer', variant: 'internal', from: 'open', to: 'referred', clocks: {} });
    expect(applyAction(inquiry, snap('referred'), 'transfer', 'staff', 'internal').to).toBe('referred');
  });

  it('a variant still needs the action to be allowed from the status; an unknown variant is refused', () => {
    expect(refusal(() => applyAction(inquiry, snap('transferred'), 'transfer', 'staff', 'internal')).code).toBe('invalid_transition');
    expect(refusal(() => applyAction(inquiry, snap('open'), 'transfer', 'staff', 'sideways')).code).toBe('unknown_variant');
    expect(refusal(() => applyAction(inquiry, snap('open'), 'transfer', 'staff', 'toString')).code).toBe('unknown_variant');
  });

  it('validateWorkflow checks the targets of variants', () => {
    expect(validateWorkflow(inquiry)).toEqual([]);
    const bad = { ...inquiry, actions: { transfer: { ...inquiry.actions.transfer, variants: { internal: { to: 'limbo' } } } } };
    expect(validateWorkflow(bad)).toEqual(['action transfer (internal) goes to unknown state limbo']);
  });
});
