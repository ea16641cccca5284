import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion, type Bilingual } from '../../shared/errors.js';
import { isUnitScoped, systemActor, unitInScope, type Actor } from '../../shared/access.js';
import { newId, randomToken, sha256Hex } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { fieldIssue, fieldIssuesOf, invalidFields } from '../../shared/issues.js';
import { pageOf, sortedPageWindow } from '../../shared/page.js';
import type { CaseClock, CaseEventsTable, CasesTable } from '../../db/types.js';
import { shiftInstant, startClock } from '../../engines/sla/index.js';
import { localDateOf, type WorkCalendar } from '../../engines/calendar/index.js';
import { applyAction, availableActions, isClosedStatus } from '../../engines/workflow/index.js';
import { businessHoursOf, clockFor, horizonsOf, type PolicyPack } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { calendarForOrganisation } from '../calendar/service.js';
import { monthPeriod } from '../../shared/months.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope } from '../units/service.js';
import { nearestUnitHeadIds, userIdsWithRole } from '../users/service.js';
import { actorNamer } from '../users/index.js';
import { emitEvent, emitEvents, type WebhookEvent } from '../webhooks/index.js';
import { unitIdsOfStaff } from '../staff/service.js';
import { applyClockOps, definitionOf, evaluatedClockRow } from './clocks.js';
import { levelWords } from './reminder-text.js';
import { caseClosedListeners, caseTypeOf, registeredCaseTypes, type CaseTypeDefinition } from './registry.js';
import { presentCase, presentEvent } from './view.js';
import { opensCase, statusLinkCode } from './status-link.js';
import * as repo from './repository.js';

export interface RegisterCaseOptions {
  type: string;
  channel: string;
  title: string;
  content: string;
  receivedAt: number;
  unitId?: string | null;
  staffId?: string | null;
  category?: string | null;
  firstResponderId?: string | null;
  assigneeId?: string | null;
  data?: Record<string, unknown>;
  contact?: Record<string, unknown>;
  /** Issue a query code for the public status page (returned once, stored hashed). */
  withPublicCode?: boolean;
  /** Public intake: the unit is named by the public, not checked against a caller's scope. */
  unitPath?: string;
  /** Clocks to start instead of the type's default list (e.g. no callback clock without a contact). */
  clocks?: readonly string[];
}

export function requireCaseType(type: string): CaseTypeDefinition {
  const def = caseTypeOf(type);
  if (!def) throw new AppError('not_found', { details: { caseType: type } });
  return def;
}

/**
 * 临期: due within the pack's span from now (`horizons.dueSoon`, one working day by default). Where
 * the calendar does not reach that far yet, the span is counted in calendar time instead.
 */
function dueSoonBoundary(cal: WorkCalendar, pack: PolicyPack, now: number): number {
  const span = horizonsOf(pack).dueSoon;
  try {
    return shiftInstant(cal, now, span, 1);
  } catch {
    const unit = span.unit === 'working_days' ? 'calendar_days' : span.unit === 'business_hours' ? 'calendar_hours' : span.unit;
    return shiftInstant(cal, now, { amount: span.amount, unit }, 1);
  }
}

async function trackingNumber(db: Executor, orgId: string, cal: WorkCalendar, prefix: string, at: number): Promise<string> {
  const day = localDateOf(cal, at).replaceAll('-', '');
  // One counter per organisation, prefix and day: a shared one would show each tenant the others' volume.
  const n = await repo.nextCounter(db, orgId, `${prefix}${day}`);
  return `${prefix}${day}${String(n).padStart(4, '0')}`;
}

/**
 * Registers a case inside the caller's transaction: tracking number, the type's clocks started
 * at receipt (deadlines from the pack in force, snapshotted so later policy edits do not move
 * them), the first timeline event, the audit entry.
 */
export async function registerCaseWith(ctx: AppContext, trx: Executor, actor: Actor, options: RegisterCaseOptions) {
  const def = requireCaseType(options.type);
  const now = ctx.clock.now();
  let unitPath = options.unitPath ?? '/';
  if (options.unitId && !options.unitPath) unitPath = (await loadUnitInScope(ctx, actor, options.unitId, trx)).path;
  const cal = await calendarForOrganisation(ctx, actor.orgId, trx);
  const pack = await policyForOrganisation(ctx, actor.orgId, trx);
  const publicCode = options.withPublicCode ? randomToken(6).replace(/[-_]/g, 'x').slice(0, 8) : null;
  const row: CasesTable = {
    id: newId(now),
    org_id: actor.orgId,
    type: def.type,
    tracking_no: await trackingNumber(trx, actor.orgId, cal, def.trackingPrefix, options.receivedAt),
    channel: options.channel,
    status: def.workflow.initial,
    priority: 'normal',
    category: options.category ?? null,
    title: options.title,
    content: options.content,
    unit_id: options.unitId ?? null,
    unit_path: unitPath,
    staff_id: options.staffId ?? null,
    first_responder_id: options.firstResponderId ?? null,
    assignee_id: options.assigneeId ?? null,
    created_by: actor.userId || null,
    data: JSON.stringify(options.data ?? {}),
    contact: JSON.stringify(options.contact ?? {}),
    public_code_hash: publicCode ? sha256Hex(publicCode) : null,
    received_at: options.receivedAt,
    closed_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await repo.insertCase(trx, row);
  const clocks: CaseClock[] = [];
  for (const clockId of options.clocks ?? def.workflow.startClocks) {
    const c = clockFor(pack, def.type, clockId);
    const definition = { id: c.id, duration: c.duration, severelyOverdue: c.severelyOverdue, escalations: c.escalations };
    const clock = evaluatedClockRow(cal, { case_id: row.id, clock_id: clockId, org_id: row.org_id, definition: JSON.stringify(definition), run: 1 }, startClock(options.receivedAt), now);
    await repo.upsertClock(trx, clock);
    clocks.push(clock);
  }
  await repo.insertEvent(trx, { id: newId(now), case_id: row.id, org_id: row.org_id, at: now, actor_id: actor.userId || null, actor_label: actor.username, action: 'register', from_status: null, to_status: row.status, note: null, public_note: null, data: JSON.stringify({ channel: row.channel }), public: 1 });
  await appendAudit(ctx, trx, actor, { action: 'create', entity: `case:${def.type}`, entityId: row.id, after: { trackingNo: row.tracking_no, channel: row.channel, unitId: row.unit_id, staffId: row.staff_id, status: row.status } });
  await emitEvent(ctx, trx, { orgId: row.org_id, type: 'case.created', data: { ...caseEventData(row), channel: row.channel, receivedAt: new Date(Number(row.received_at)).toISOString() } });
  return { row, clocks, publicCode, view: presentCase(row, def.workflow, clocks, now, dueSoonBoundary(cal, pack, now)) };
}

/** What a webhook says of a case: ids, number, type, status and unit — never the complainant's contact or words. */
function caseEventData(row: CasesTable) {
  return { caseId: row.id, caseType: row.type, trackingNo: row.tracking_no, status: row.status, unitId: row.unit_id };
}

/** Actions that answer the person who raised the case (a complaint's reply, an inquiry's answer): `case.replied`. */
const replyActions: ReadonlySet<string> = new Set(['reply', 'answer']);

/** The webhook events of one workflow action: status changed, replied, closed. */
function caseActionEvents(def: CaseTypeDefinition, before: CasesTable, after: CasesTable, action: string): WebhookEvent[] {
  const data = { ...caseEventData(after), action, fromStatus: before.status, toStatus: after.status };
  const events: WebhookEvent[] = [];
  if (before.status !== after.status) events.push({ orgId: after.org_id, type: 'case.status_changed', data });
  if (replyActions.has(action)) events.push({ orgId: after.org_id, type: 'case.replied', data });
  if (isClosedStatus(def.workflow, after.status) && !isClosedStatus(def.workflow, before.status)) events.push({ orgId: after.org_id, type: 'case.closed', data });
  return events;
}

// ---------------------------------------------------------------------------------------------
// Intake: what taking a complaint, an inquiry or an application has in common.

/** Clock skew allowed on a given receipt instant before it counts as "in the future". */
const receiptSkewMs = 60_000;

/** When a matter was received: the instant given at intake (never in the future) or now. */
export function intakeReceivedAt(ctx: AppContext, given: string | undefined): number {
  const now = ctx.clock.now();
  if (!given) return now;
  const at = Date.parse(given);
  if (at > now + receiptSkewMs) throw invalidFields(fieldIssue('body.receivedAt', { zh: '受理时间不能晚于当前时间', en: 'must not be in the future' }));
  return at;
}

/** A case's title when intake gives none: the first line of what was said, at most 40 characters. */
export function intakeTitle(text: string): string {
  const first = text.split(/\r?\n/)[0].trim();
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}

export interface IntakeOptions extends Omit<RegisterCaseOptions, 'title' | 'unitId' | 'unitPath'> {
  /** Default: the content's first line (`intakeTitle`). */
  title?: string | null;
  /** The unit the matter concerns, already checked by the caller; none: the organisation as a whole. */
  unit: { id: string; path: string } | null | undefined;
}

/**
 * Registers a case taken at a counter, on the phone or from the public form (inside the caller's
 * transaction): the title defaults to the content's first line, the unit is named by the caller
 * (intake may name any unit and gives no access to it), and the first clock's due date comes back.
 */
export async function registerIntakeWith(ctx: AppContext, trx: Executor, actor: Actor, options: IntakeOptions) {
  const { unit, title, ...rest } = options;
  const registered = await registerCaseWith(ctx, trx, actor, { ...rest, title: title ?? intakeTitle(options.content), unitId: unit?.id ?? null, unitPath: unit?.path ?? '/' });
  const first = registered.clocks[0];
  return { ...registered, dueDate: first?.due_date ?? null, duePendingYear: first?.pending_year ?? null };
}

/**
 * A case the caller may see: organisation first, then unit scope, then — for front-line roles —
 * their own. `read`: also a case window staff may only read (one naming them or their window).
 */
export async function loadCaseInScope(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db.kysely, mode: 'handle' | 'read' = 'handle'): Promise<CasesTable> {
  const row = await repo.findCaseById(db, id);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'case', id } });
  const access = await accessTo(ctx, actor, row, db);
  if (!access || (access === 'read' && mode === 'handle')) throw new AppError('out_of_scope');
  return row;
}

function personalRole(actor: Actor): boolean {
  return actor.role === 'staff' || actor.role === 'inspector' || actor.role === 'supervisor';
}

/** The case types window staff read when a case names them or their window (CaseTypeDefinition.shownToNamedStaff). */
const namedTypes = () => registeredCaseTypes().filter((t) => caseTypeOf(t)?.shownToNamedStaff);

/** How window staff are named in cases: themselves, or a unit their staff record belongs to. */
async function namedStaff(ctx: AppContext, actor: Actor, db: Executor = ctx.db.kysely) {
  if (actor.role !== 'staff' || !actor.staffId) return undefined;
  return { types: namedTypes(), unitIds: await unitIdsOfStaff(ctx, actor.staffId, db) };
}

/** `handle`: the caller may act on the case; `read`: see it only; null: not at all. */
async function accessTo(ctx: AppContext, actor: Actor, row: CasesTable, db: Executor): Promise<'handle' | 'read' | null> {
  if (!personalRole(actor)) return !isUnitScoped(actor.role) || unitInScope(actor, row.unit_path) ? 'handle' : null;
  if (row.created_by === actor.userId || row.assignee_id === actor.userId || (!!actor.staffId && row.first_responder_id === actor.staffId)) return 'handle';
  const named = await namedStaff(ctx, actor, db);
  const naming = !!named && named.types.includes(row.type) && (row.staff_id === actor.staffId || (!!row.unit_id && named.unitIds.includes(row.unit_id)));
  return naming ? 'read' : null;
}

export interface PerformActionOptions {
  action: string;
  version: number;
  input: unknown;
  /** A type's own route acts on cases of that type only: any other case is not found there. */
  type?: string;
  /** The workflow role the action is taken in when it is not the caller's: `complainant` on the public page. */
  role?: string;
}

/**
 * Performs a workflow action: access, version, the type's input schema, the workflow's
 * transition and guards, then data, clocks, timeline and audit in one transaction.
 */
export async function performCaseAction(ctx: AppContext, actor: Actor, caseId: string, options: PerformActionOptions) {
  return ctx.db.kysely.transaction().execute((trx) => performCaseActionWith(ctx, trx, actor, caseId, options));
}

/**
 * The same, inside the caller's transaction: one case's action taken because of another's (a
 * follow-up that records the callback of the work order or the 差评 it was opened for).
 */
export async function performCaseActionWith(ctx: AppContext, trx: Executor, actor: Actor, caseId: string, options: PerformActionOptions) {
  const current = await loadCaseInScope(ctx, actor, caseId, trx);
  if (options.type && current.type !== options.type) throw new AppError('not_found', { details: { entity: options.type, id: caseId } });
  // Before the case row: a sweep batch holding the clocks is waited for here, not crosswise (it writes the case last).
  await repo.lockClockChecks(trx, ctx.db.dialect, { orgId: current.org_id, caseId });
  const def = requireCaseType(current.type);
  const schema = Object.hasOwn(def.inputs, options.action) ? def.inputs[options.action] : undefined;
  if (!schema) throw new AppError('unknown_action', { details: { action: options.action } });
  requireVersion(current.version, options.version);
  const parsed = schema.safeParse(options.input ?? {});
  if (!parsed.success) throw invalidFields(...fieldIssuesOf(parsed.error.issues, 'body'));
  const data = parseJson<Record<string, unknown>>(current.data, {});
  const pack = await policyForOrganisation(ctx, actor.orgId, trx);
  const settings = def.settings?.(pack) ?? {};
  // A refusal is a WorkflowError with a catalogued code (invalid_transition, forbidden, a guard's
  // reply_required…): the HTTP layer's one mapping answers it.
  const transition = applyAction(def.workflow, { status: current.status, data, settings }, options.action, options.role ?? actor.role, def.variant?.(options.action, parsed.data, { data, status: current.status, settings }));
  await def.check?.({ ctx, trx, actor, current, action: options.action, input: parsed.data });
  const now = ctx.clock.now();
  const outcome = def.reduce(options.action, parsed.data, { data, status: current.status }, { now, actor });
  const closed = isClosedStatus(def.workflow, transition.to);
  const changes: Partial<CasesTable> = { status: transition.to, updated_at: now, closed_at: closed ? now : null };
  if (outcome.data) changes.data = JSON.stringify({ ...data, ...outcome.data });
  if (outcome.assigneeId !== undefined) changes.assignee_id = outcome.assigneeId;
  if (outcome.staffId !== undefined) changes.staff_id = outcome.staffId;
  if (outcome.priority !== undefined) changes.priority = outcome.priority;
  if (outcome.category !== undefined) changes.category = outcome.category;
  if (!(await repo.updateCaseIfVersion(trx, caseId, options.version, changes))) throw new AppError('version_conflict');
  const after: CasesTable = { ...current, ...changes, version: options.version + 1 };

  const cal = await calendarForOrganisation(ctx, actor.orgId, trx);
  const clockRows = await repo.findClocks(trx, [caseId]);
  const firedByClock = new Map<string, Set<string>>();
  for (const c of clockRows) firedByClock.set(c.clock_id, await repo.findFiredLevels(trx, caseId, c.clock_id, c.run));
  const updated = applyClockOps(
    cal,
    clockRows,
    transition.clocks,
    now,
    (clockId) => {
      const c = clockFor(pack, def.type, clockId);
      return { id: c.id, duration: c.duration, severelyOverdue: c.severelyOverdue, escalations: c.escalations };
    },
    (row) => firedByClock.get(row.clock_id) ?? new Set(),
  );
  for (const row of updated) await repo.upsertClock(trx, { ...row, case_id: caseId, org_id: current.org_id });

  const action = def.workflow.actions[options.action];
  const recorded = def.recordedInput ? def.recordedInput(options.action, parsed.data) : parsed.data;
  await repo.insertEvent(trx, {
    id: newId(now),
    case_id: caseId,
    org_id: current.org_id,
    at: now,
    actor_id: actor.userId || null,
    actor_label: actor.username,
    action: options.action,
    from_status: transition.from,
    to_status: transition.to,
    note: outcome.note ?? outcome.publicNote ?? null,
    public_note: action.public ? (outcome.publicNote ?? null) : null,
    data: JSON.stringify(outcome.eventData ?? recorded ?? {}),
    public: action.public ? 1 : 0,
  });
  await def.after?.({ ctx, trx, actor, before: current, after, action: options.action, input: parsed.data });
  await emitEvents(ctx, trx, caseActionEvents(def, current, after, options.action));
  if (closed && current.closed_at === null) for (const listener of caseClosedListeners()) await listener({ ctx, trx, actor, before: current, after, action: options.action, input: parsed.data });
  await appendAudit(ctx, trx, actor, {
    action: options.action,
    entity: `case:${def.type}`,
    entityId: caseId,
    before: { status: current.status, version: current.version, assigneeId: current.assignee_id, priority: current.priority },
    after: { status: after.status, version: after.version, assigneeId: after.assignee_id, priority: after.priority, input: recorded },
  });
  return describeCase(ctx, actor, after, trx);
}

/**
 * A fired level in words (到期前 1 个工作日：通知承办人), from the definition its clock runs on: a
 * pack names its levels by codes of its own, which a reader should never have to decode.
 */
function firedLevelWords(clocks: CaseClock[], e: { clock_id: string; level_id: string }): string | null {
  const clock = clocks.find((c) => c.clock_id === e.clock_id);
  const level = clock ? definitionOf(clock)?.escalations.find((l) => l.id === e.level_id) : undefined;
  return level ? levelWords(level) : null;
}

/** A case with its clocks, timeline, and the actions the caller may take now. */
export async function describeCase(ctx: AppContext, actor: Actor, row: CasesTable, db: Executor = ctx.db.kysely) {
  const readOnly = (await accessTo(ctx, actor, row, db)) !== 'handle';
  const def = caseTypeOf(row.type);
  const now = ctx.clock.now();
  const cal = await calendarForOrganisation(ctx, row.org_id, db);
  const pack = await policyForOrganisation(ctx, row.org_id, db);
  const clocks = await repo.findClocks(db, [row.id]);
  const events = await repo.findEvents(db, row.id);
  const escalations = await repo.findEscalations(db, row.id);
  const data = parseJson<Record<string, unknown>>(row.data, {});
  // People by name in the timeline and as the assignee, never by id.
  const nameOf = await actorNamer(ctx, row.org_id, [row.assignee_id, ...events.map((e) => e.actor_id)], db);
  const settings = def?.settings?.(await policyForOrganisation(ctx, row.org_id, db)) ?? {};
  return {
    ...presentCase(row, def?.workflow, clocks, now, dueSoonBoundary(cal, pack, now)),
    assigneeName: row.assignee_id ? nameOf(row.assignee_id, '').actorName || null : null,
    timeline: events.map((e) => ({ ...presentEvent(e), ...nameOf(e.actor_id, e.actor_label) })),
    escalations: escalations.map((e) => ({ clockId: e.clock_id, levelId: e.level_id, levelWords: firedLevelWords(clocks, e), run: e.run, firedAt: new Date(Number(e.fired_at)).toISOString() })),
    actions: def && !readOnly ? availableActions(def.workflow, { status: row.status, data, settings }, actor.role) : [],
    /** Shown to window staff named in it, without actions (由本窗口被投诉). */
    readOnly,
  };
}

export async function getCase(ctx: AppContext, actor: Actor, id: string) {
  return describeCase(ctx, actor, await loadCaseInScope(ctx, actor, id, ctx.db.kysely, 'read'));
}

export interface ListCasesOptions {
  type?: string;
  status?: string;
  unitId?: string;
  staffId?: string;
  overdue?: 'overdue' | 'severely_overdue' | 'due_soon' | 'pending';
  /** 'true': only the caller's own assignments. */
  mine?: 'true' | 'false';
  /** Only the cases held by this user (a dispatcher's view of one technician). */
  assigneeId?: string;
  /** Only cases received in [from, to) (epoch ms). */
  receivedFrom?: number;
  receivedTo?: number;
  /** Only cases whose clock of this id is running (e.g. callbacks still due). */
  runningClock?: string;
  /** Only cases not closed, whatever their state (a desk's "to do" list). */
  openOnly?: boolean;
  /** YYYY-MM: only cases received in the month (local time). */
  month?: string;
  q?: string;
  sort?: 'receivedAt' | 'dueDate';
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** Every type of case the caller may see, newest first. */
export async function listCases(ctx: AppContext, actor: Actor, options: ListCasesOptions) {
  const now = ctx.clock.now();
  const cal = await calendarForOrganisation(ctx, actor.orgId);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const dueSoonBefore = dueSoonBoundary(cal, pack, now);
  const unitPath = options.unitId ? (await loadUnitInScope(ctx, actor, options.unitId)).path : undefined;
  const { rows, total } = await repo.findCases(ctx.db.kysely, {
    orgId: actor.orgId,
    scopePath: personalRole(actor) ? null : actor.scopePath,
    personal: personalRole(actor) ? { userId: actor.userId, staffId: actor.staffId, named: await namedStaff(ctx, actor) } : undefined,
    type: options.type,
    status: options.status,
    unitPath,
    staffId: options.staffId,
    assigneeId: options.mine === 'true' ? actor.userId || '-' : options.assigneeId,
    receivedFrom: options.receivedFrom,
    receivedTo: options.receivedTo,
    runningClock: options.runningClock,
    openOnly: options.openOnly,
    lateness: options.overdue,
    received: options.month ? monthPeriod(options.month, businessHoursOf(pack).utcOffsetMinutes) : undefined,
    now,
    dueSoonBefore,
    ...sortedPageWindow(options),
  });
  const clocks = await repo.findClocks(ctx.db.kysely, rows.map((r) => r.id));
  return pageOf(rows.map((r) => presentCase(r, caseTypeOf(r.type)?.workflow, clocks.filter((c) => c.case_id === r.id), now, dueSoonBefore)), total, options);
}

/**
 * 工作台: what each role's home shows first — the caller's own open cases, soonest deadline first
 * (top 10), the overdue and due-soon counts of the open cases they may see, and the case types'
 * desk queues (差评 awaiting call-back) within the same scope.
 */
export async function deskOf(ctx: AppContext, actor: Actor) {
  const now = ctx.clock.now();
  const cal = await calendarForOrganisation(ctx, actor.orgId);
  const dueSoonBefore = dueSoonBoundary(cal, await policyForOrganisation(ctx, actor.orgId), now);
  const scope = {
    orgId: actor.orgId,
    scopePath: personalRole(actor) ? null : actor.scopePath,
    personal: personalRole(actor) ? { userId: actor.userId, staffId: actor.staffId } : undefined,
    openOnly: true,
    now,
    dueSoonBefore,
    offset: 0,
  };
  const db = ctx.db.kysely;
  const count = async (extra: Partial<repo.CaseFilter>) => (await repo.findCases(db, { ...scope, ...extra, limit: 0 })).total;
  const mine = await repo.findCases(db, { ...scope, assigneeId: actor.userId || '-', sort: 'dueDate', order: 'asc', limit: 10 });
  const clocks = await repo.findClocks(db, mine.rows.map((r) => r.id));
  const queues = [];
  for (const type of registeredCaseTypes()) {
    for (const q of caseTypeOf(type)?.deskQueues ?? []) queues.push({ id: q.id, type, label: q.label, count: await count({ type, runningClock: q.runningClock }) });
  }
  return {
    mine: { total: mine.total, items: mine.rows.map((r) => presentCase(r, caseTypeOf(r.type)?.workflow, clocks.filter((c) => c.case_id === r.id), now, dueSoonBefore)) },
    counts: { overdue: await count({ lateness: 'overdue' }), severelyOverdue: await count({ lateness: 'severely_overdue' }), dueSoon: await count({ lateness: 'due_soon' }), mineOverdue: await count({ assigneeId: actor.userId || '-', lateness: 'overdue' }) },
    queues,
  };
}

/** Timeline events the engine itself records (not workflow actions), as the public reads them. */
const engineEventLabels: Record<string, { zh: string; en: string }> = {
  register: { zh: '已受理登记', en: 'Registered' },
  deadline_set: { zh: '办理期限已确定', en: 'Deadline set' },
};

/** How people read an event: the workflow's action label, the engine's own events, or the code as a last resort. */
function eventLabel(def: CaseTypeDefinition, action: string): Bilingual {
  return def.workflow.actions[action]?.label ?? engineEventLabels[action] ?? { zh: action, en: action };
}

/** The case a tracking number and its secret (query code or link code) open, or not found. */
async function caseForPublic(ctx: AppContext, trackingNo: string, code: string, type: string, db: Executor = ctx.db.kysely): Promise<CasesTable> {
  // Numbers repeat across organisations: the secret tells which case is meant.
  const row = (await repo.findCasesByTrackingNo(db, trackingNo)).find((c) => c.type === type && opensCase(ctx.config.secret!, c, code));
  if (!row) throw new AppError('not_found');
  return row;
}

/** The role the public status page acts in (the case type's workflow grants it its actions, e.g. the rating). */
const complainantRole = 'complainant';

/**
 * The public view of a case: tracking number and query code must match; nothing about staff.
 * Public events show their label, and a text only where the action addressed one to the public
 * (the reply): internal notes (findings, a close note naming a colleague) never appear here.
 * `publicActions` are what the complainant may do now (rate the handling).
 */
export async function findCaseForPublic(ctx: AppContext, trackingNo: string, code: string, type: string) {
  const row = await caseForPublic(ctx, trackingNo, code, type);
  const def = requireCaseType(row.type);
  const clocks = await repo.findClocks(ctx.db.kysely, [row.id]);
  const events = await repo.findEvents(ctx.db.kysely, row.id, true);
  const state = def.workflow.states[row.status];
  const data = parseJson<Record<string, unknown>>(row.data, {});
  const settings = def.settings?.(await policyForOrganisation(ctx, row.org_id)) ?? {};
  return {
    trackingNo: row.tracking_no,
    status: row.status,
    statusLabel: state?.label ?? { zh: row.status, en: row.status },
    publicStatus: state?.closed ? 'closed' : 'open',
    receivedAt: new Date(Number(row.received_at)).toISOString(),
    replyDueDate: clocks[0]?.due_date ?? null,
    replyDuePendingYear: clocks[0]?.pending_year ?? null,
    events: events.map((e) => ({ at: new Date(Number(e.at)).toISOString(), action: e.action, label: eventLabel(def, e.action), note: e.public_note })),
    publicActions: availableActions(def.workflow, { status: row.status, data, settings }, complainantRole),
    satisfaction: (data.satisfaction as { value?: string } | null | undefined)?.value ?? null,
  };
}

export interface PublicCaseUpdate {
  id: string;
  /** The event's number within its case. */
  seq: number;
  caseId: string;
  trackingNo: string;
  at: string;
  action: string;
  label: Bilingual;
  /** What the public status page shows for the event (the reply); null = its label only. */
  publicNote: string | null;
  /** Whether the case was closed once this event happened. */
  closed: boolean;
}

/**
 * The public events of one case type's cases in [from, to], oldest first, at most `limit`: what
 * the public status page shows, for feeds (Open311 service request updates). Organisation-wide
 * readers only — the feed covers every unit.
 */
export async function listPublicCaseUpdates(ctx: AppContext, actor: Actor, options: { type: string; from: number; to: number; limit: number }): Promise<PublicCaseUpdate[]> {
  if (actor.scopePath !== null) throw new AppError('out_of_scope');
  const def = requireCaseType(options.type);
  const db = ctx.db.kysely;
  const rows = await repo.findPublicEventsBetween(db, { orgId: actor.orgId, ...options });
  // An event that sets no status (a deadline notice) reports the status the case had then.
  const lastStatus = new Map<string, string | null>();
  const out: PublicCaseUpdate[] = [];
  for (const e of rows) {
    let status = e.to_status;
    if (status === null) status = lastStatus.has(e.case_id) ? lastStatus.get(e.case_id)! : await repo.findStatusBefore(db, e.case_id, Number(e.seq));
    lastStatus.set(e.case_id, status);
    out.push({
      id: e.id,
      seq: Number(e.seq),
      caseId: e.case_id,
      trackingNo: e.tracking_no,
      at: new Date(Number(e.at)).toISOString(),
      action: e.action,
      label: eventLabel(def, e.action),
      publicNote: e.public_note,
      closed: status !== null && !!def.workflow.states[status]?.closed,
    });
  }
  return out;
}

/** An action the complainant takes on the public status page (the rating), recorded like any other. */
export async function performPublicCaseAction(ctx: AppContext, trackingNo: string, code: string, type: string, action: string, input: unknown) {
  const row = await caseForPublic(ctx, trackingNo, code, type);
  await performCaseAction(ctx, systemActor(row.org_id, '投诉人'), row.id, { action, version: row.version, input, type, role: complainantRole });
  return findCaseForPublic(ctx, trackingNo, code, type);
}

/** The link code of a case's status page (sent with the reply to ask for the rating). */
export function publicStatusCode(ctx: AppContext, caseId: string): string {
  return statusLinkCode(ctx.config.secret!, caseId);
}

export { dueSoonBoundary };
export { pendingDueText } from './view.js';

// For case-type modules, inside the transaction of their intake or action: the engine's tables
// stay the engine's, written only through these.

/** Sets the outcome of an intake check (status, data) or re-routes a case to another unit and its holder. */
export async function amendCase(trx: Executor, caseId: string, fields: { status?: string; data?: string; unitId?: string; unitPath?: string; assigneeId?: string | null }) {
  await repo.setCaseFields(trx, caseId, { status: fields.status, data: fields.data, unit_id: fields.unitId, unit_path: fields.unitPath, assignee_id: fields.assigneeId });
}

/**
 * Who answers for a case under a unit while nobody holds it: the heads of the nearest unit above
 * it (or at it) that has one, else the quality office — never nobody.
 */
export async function unitHeadsOrQualityOffice(ctx: AppContext, trx: Executor, orgId: string, unitPath: string): Promise<string[]> {
  const heads = await nearestUnitHeadIds(ctx, orgId, unitPath, trx);
  return heads.length ? heads : userIdsWithRole(ctx, orgId, 'quality_office', trx);
}

/** Stores a clock a type computed itself (e.g. a limit that comes from a service item, not the pack). */
export async function storeCaseClock(trx: Executor, row: CaseClock) {
  await repo.upsertClock(trx, row);
}

export async function caseClocksOf(trx: Executor, caseId: string) {
  return repo.findClocks(trx, [caseId]);
}

/** Adds an event to a case's timeline. */
export async function recordCaseEvent(trx: Executor, event: Omit<CaseEventsTable, 'seq'>) {
  await repo.insertEvent(trx, event);
}

/** Cases by id, in the caller's transaction (a module checking the cases it opened: status, closing time). */
export async function casesByIds(trx: Executor, ids: string[]): Promise<CasesTable[]> {
  return ids.length ? repo.findCasesByIds(trx, [...new Set(ids)]) : [];
}
