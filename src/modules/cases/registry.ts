import type { z } from 'zod';
import type { WorkflowDefinition } from '../../engines/workflow/index.js';
import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import type { CasesTable } from '../../db/types.js';
import type { PolicyPack } from '../../policy/index.js';

/** What an action changes on the case besides its status. */
export interface ActionOutcome {
  data?: Record<string, unknown>;
  note?: string;
  /** Text shown to the public on the status page for this event (e.g. the reply). */
  publicNote?: string;
  assigneeId?: string | null;
  staffId?: string | null;
  priority?: 'normal' | 'high' | 'urgent';
  category?: string | null;
  eventData?: Record<string, unknown>;
}

export interface CaseAfterAction {
  ctx: AppContext;
  trx: Executor;
  actor: Actor;
  before: CasesTable;
  after: CasesTable;
  action: string;
  input: unknown;
}

/**
 * A case type: its workflow, the input each action takes, and how an action changes the case's
 * data. The types are registered from one list (src/modules/case-types.ts); the case engine and
 * module never name a type.
 */
export interface CaseTypeDefinition {
  type: string;
  /**
   * Window staff see a case of this type that names them or their window before it reaches them
   * — read-only, so they know what was said about their window (complaints).
   */
  shownToNamedStaff?: boolean;
  /**
   * Work queues shown on each role's home desk: the cases of this type whose clock `runningClock`
   * still runs (e.g. 差评 awaiting their call-back).
   */
  deskQueues?: readonly { id: string; label: { zh: string; en: string }; runningClock: string }[];
  /** Prefix of tracking numbers, e.g. TS (投诉) → TS20261122-0001. */
  trackingPrefix: string;
  workflow: WorkflowDefinition;
  inputs: Record<string, z.ZodType>;
  /** What the workflow's guards and variants read from the organisation's pack (CaseSnapshot.settings). */
  settings?(pack: PolicyPack): Record<string, unknown>;
  reduce(action: string, input: any, current: { data: Record<string, unknown>; status: string }, meta: { now: number; actor: Actor }): ActionOutcome;
  /** The workflow variant of an action whose outcome depends on its input (see ActionDefinition.variants); undefined = the action's own. */
  variant?(action: string, input: any, current: { data: Record<string, unknown>; status: string; settings: Readonly<Record<string, unknown>> }): string | undefined;
  /** Checks that need the database (e.g. the assignee exists); throws AppError. */
  check?(args: { ctx: AppContext; trx: Executor; actor: Actor; current: CasesTable; action: string; input: any }): Promise<void>;
  /** The input as the timeline and the audit log keep it, when it holds what they should not copy (a drawn signature's bytes). */
  recordedInput?(action: string, input: any): unknown;
  /** Side effects inside the action's transaction (incident file, notifications). */
  after?(args: CaseAfterAction): Promise<void>;
}

const types = new Map<string, CaseTypeDefinition>();

/**
 * Something another module does when a case of any type closes, inside the closing action's
 * transaction (a follow-up call after a closed complaint). Registered from
 * src/modules/case-types.ts, so the case types need not know who listens.
 */
export type CaseClosedListener = (args: CaseAfterAction) => Promise<void>;
const closedListeners: CaseClosedListener[] = [];

export function onCaseClosed(listener: CaseClosedListener): void {
  if (!closedListeners.includes(listener)) closedListeners.push(listener);
}

export function caseClosedListeners(): readonly CaseClosedListener[] {
  return closedListeners;
}

export function registerCaseType(def: CaseTypeDefinition): void {
  types.set(def.type, def);
}

export function caseTypeOf(type: string): CaseTypeDefinition | undefined {
  return types.get(type);
}

export function registeredCaseTypes(): string[] {
  return [...types.keys()];
}
