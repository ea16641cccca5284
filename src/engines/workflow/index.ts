/**
 * Case workflows as data: each case type declares its states and actions; this engine applies
 * an action to a case snapshot or says why it cannot. Pure: no I/O. Adding a case type means
 * writing a definition, never changing this file.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Clock operations an action performs, by clock id (the clocks themselves live in the policy pack). */
export interface ClockOps {
  start?: readonly string[];
  stop?: readonly string[];
  pause?: readonly string[];
  resume?: readonly string[];
}

export interface CaseSnapshot {
  status: string;
  data: Readonly<Record<string, unknown>>;
  /** What the organisation's pack says of this case type (e.g. a review before closing), for guards. */
  settings?: Readonly<Record<string, unknown>>;
}

/** A guard returns an error code when the action is not allowed for this case, else null. */
export type Guard = (c: CaseSnapshot) => string | null;

export interface ActionDefinition<S extends string = string> {
  label: Bilingual;
  from: readonly S[] | 'any_open';
  /** The status after the action; omitted = unchanged (e.g. add a note). */
  to?: S;
  /** Roles that may perform it; omitted = anyone who may handle the case. */
  roles?: readonly string[];
  guards?: readonly Guard[];
  clocks?: ClockOps;
  /** Listed on the public status page by its label; a note shows there only as the action's explicit public text (`publicNote`). */
  public?: boolean;
  /**
   * Outcomes that depend on the input, named by the case type when it performs the action: a
   * variant replaces `to` and `clocks` (e.g. a transfer inside the organisation keeps the case
   * open, one to an outside agency closes it).
   */
  variants?: Record<string, ActionVariant<S>>;
}

export interface ActionVariant<S extends string = string> {
  /** The status after the action; omitted = unchanged. */
  to?: S;
  clocks?: ClockOps;
}

export interface StateDefinition {
  label: Bilingual;
  /** Terminal for the public: maps to Open311 `closed`. */
  closed?: boolean;
}

export interface WorkflowDefinition<S extends string = string> {
  type: string;
  initial: S;
  states: Record<S, StateDefinition>;
  actions: Record<string, ActionDefinition<S>>;
  /** Clocks started when a case of this type is registered. */
  startClocks: readonly string[];
}

export class WorkflowError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'WorkflowError';
  }
}

export interface TransitionResult {
  action: string;
  /** The variant applied, when the action has one for this input. */
  variant?: string;
  from: string;
  to: string;
  clocks: ClockOps;
}

function allows(def: WorkflowDefinition, action: ActionDefinition, status: string): boolean {
  return action.from === 'any_open' ? !def.states[status]?.closed : (action.from as readonly string[]).includes(status);
}

/**
 * Checks and describes one action on a case. Throws WorkflowError with code `unknown_action`,
 * `invalid_transition` (not from this status), `forbidden` (role), `unknown_variant` or a
 * guard's own code.
 */
export function applyAction(def: WorkflowDefinition, snapshot: CaseSnapshot, actionName: string, role: string, variantName?: string): TransitionResult {
  const action = Object.hasOwn(def.actions, actionName) ? def.actions[actionName] : undefined;
  if (!action) throw new WorkflowError('unknown_action', `${def.type} has no action "${actionName}"`, { action: actionName });
  if (!allows(def, action, snapshot.status)) {
    throw new WorkflowError('invalid_transition', `"${actionName}" is not possible from "${snapshot.status}"`, { action: actionName, status: snapshot.status });
  }
  if (action.roles && !action.roles.includes(role)) throw new WorkflowError('forbidden', `role ${role} may not ${actionName}`, { action: actionName });
  for (const guard of action.guards ?? []) {
    const code = guard(snapshot);
    if (code) throw new WorkflowError(code, `"${actionName}" refused: ${code}`, { action: actionName });
  }
  if (variantName === undefined) return { action: actionName, from: snapshot.status, to: action.to ?? snapshot.status, clocks: action.clocks ?? {} };
  const variant = action.variants && Object.hasOwn(action.variants, variantName) ? action.variants[variantName] : undefined;
  if (!variant) throw new WorkflowError('unknown_variant', `"${actionName}" has no variant "${variantName}"`, { action: actionName, variant: variantName });
  return { action: actionName, variant: variantName, from: snapshot.status, to: variant.to ?? snapshot.status, clocks: variant.clocks ?? {} };
}

/** The actions a role may take on a case now (for the case page's buttons). */
export function availableActions(def: WorkflowDefinition, snapshot: CaseSnapshot, role: string): string[] {
  return Object.keys(def.actions).filter((name) => {
    try {
      applyAction(def, snapshot, name, role);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether a status is terminal (Open311 `closed`). */
export function isClosedStatus(def: WorkflowDefinition, status: string): boolean {
  return !!def.states[status]?.closed;
}

/**
 * Checks a definition once at registration: every transition names known states. Only the
 * definition's own states count (a pack naming "constructor" or "toString" must not pass because
 * Object.prototype has such properties).
 */
export function validateWorkflow(def: WorkflowDefinition): string[] {
  const problems: string[] = [];
  const known = (s: string) => Object.hasOwn(def.states, s);
  if (!known(def.initial)) problems.push(`initial state ${def.initial} is not defined`);
  for (const [name, a] of Object.entries(def.actions)) {
    if (a.to !== undefined && !known(a.to)) problems.push(`action ${name} goes to unknown state ${a.to}`);
    if (a.from !== 'any_open') for (const s of a.from) if (!known(s)) problems.push(`action ${name} starts from unknown state ${s}`);
    for (const [v, variant] of Object.entries(a.variants ?? {})) if (variant.to !== undefined && !known(variant.to)) problems.push(`action ${name} (${v}) goes to unknown state ${variant.to}`);
  }
  return problems;
}
