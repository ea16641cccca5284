/**
 * The incident file (差错事故档案, issue 15 item 1; RULES §5): incidents of a person and/or a unit,
 * of the kinds in `kinds.ts`, each with a date, an amount in fen where the kind has one, its
 * details, a verification state (reported → verified | unfounded, only the office decides) and its
 * source record. Other flows feed it as verified (`recordIncident`); the office and unit heads
 * report by hand (`createIncident`). Awards and sanctions read it: `listIncidentFacts` and
 * `getIncident` are the contract the sanctions module uses.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { requireRole, requireUnitInScope, unitInScope, type Actor, type Role } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { requireNotInFuture } from '../../shared/fields.js';
import { pageOf, pageWindow } from '../../shared/page.js';
import { dayPeriod, localDate, rangePeriod } from '../../shared/months.js';
import type { IncidentsTable } from '../../db/types.js';
import { businessHoursOf } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { getStaff, primaryUnitOfStaff, requireStaffInOrg, staffWorksUnder, unitIdsOfStaff } from '../staff/service.js';
import { loadUnitInScope, requireUnitInOrg } from '../units/service.js';
import { incidentKindCatalogue, incidentKinds, type IncidentKind, type IncidentState } from './kinds.js';
import { incidentDetailSchemas, type CreateIncidentInput, type IncidentDetails, type ListIncidentsQuery, type RejectIncidentInput, type UnitIncidentsQuery, type VerifyIncidentInput } from './schema.js';
import * as repo from './repository.js';

export { incidentKinds, incidentKindCatalogue, type IncidentKind, type IncidentState, type IncidentDetails };

/** Who reads files: the office and managers (unit heads in their scope), inspectors; staff read their own. */
const readers: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'inspector', 'staff'];
/** Who records an incident by hand: the office, and unit heads for their own units (它们上报, the office verifies). */
const reporters: readonly Role[] = ['admin', 'quality_office', 'unit_head'];
/** Only the quality office (and the administrator) verifies or finds an incident unfounded. */
const office: readonly Role[] = ['admin', 'quality_office'];

// --- Presenting ------------------------------------------------------------------------------

function detailsOf(kind: string, raw: string): Record<string, unknown> {
  const value = parseJson<Record<string, unknown>>(raw, {});
  const schema = incidentDetailSchemas[kind as IncidentKind];
  const parsed = schema?.safeParse(value);
  return parsed?.success ? (parsed.data as Record<string, unknown>) : value;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function presentIncident(row: repo.IncidentListRow, utcOffsetMinutes: number) {
  const info = incidentKindCatalogue[row.kind as IncidentKind];
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: info?.label ?? { zh: row.kind, en: row.kind },
    staffId: row.staff_id,
    staff: row.staff_id ? { id: row.staff_id, name: row.staff_name ?? '', badgeNo: row.staff_badge_no ?? '' } : null,
    unitId: row.unit_id,
    unit: row.unit_id ? { id: row.unit_id, code: row.unit_code ?? '', name: row.unit_name ?? '' } : null,
    occurredAt: iso(row.occurred_at)!,
    /** The date in the organisation's offset (what people read). */
    occurredOn: localDate(Number(row.occurred_at), utcOffsetMinutes),
    amountFen: row.amount_fen === null ? null : Number(row.amount_fen),
    details: detailsOf(row.kind, row.details),
    summary: row.summary,
    verdict: row.verdict,
    state: row.state as IncidentState,
    sourceType: row.source_type,
    sourceId: row.source_id,
    reportedBy: { userId: row.reported_by, name: row.reported_by_name },
    reportedAt: iso(row.created_at)!,
    /** Who verified it or found it unfounded, when, and the note or reason. */
    decision: row.verified_at === null ? null : { userId: row.verified_by, name: row.verified_by_name, at: iso(row.verified_at)!, note: row.state_note },
    version: Number(row.version),
    updatedAt: iso(row.updated_at)!,
  };
}
export type IncidentView = ReturnType<typeof presentIncident>;

async function offsetOf(ctx: AppContext, orgId: string, db: Executor = ctx.db.kysely): Promise<number> {
  return businessHoursOf(await policyForOrganisation(ctx, orgId, db)).utcOffsetMinutes;
}

// --- Feeds from other flows ------------------------------------------------------------------

export interface RecordIncidentOptions {
  orgId: string;
  /** The person, or null for a unit-level incident (a finding against the unit). */
  staffId: string | null;
  /** The unit; for a person, null means their primary unit. */
  unitId: string | null;
  sourceType: string;
  sourceId: string;
  kind: IncidentKind;
  verdict: string | null;
  summary: string;
  occurredAt: number;
  details?: Record<string, unknown>;
  amountFen?: number | null;
}

/**
 * A verified complaint, an inspection finding or veto, an application's notice violation enters the
 * file as `verified` — the flow it came from verified it. Recorded in the caller's transaction,
 * once per (source, person or unit): a retry or a re-verification updates the same row.
 */
export async function recordIncident(ctx: AppContext, trx: Executor, actor: Actor, options: RecordIncidentOptions) {
  const now = ctx.clock.now();
  const unitId = options.unitId ?? (options.staffId ? ((await primaryUnitOfStaff(ctx, options.staffId, trx))?.id ?? null) : null);
  if (!options.staffId && !unitId) throw new Error('recordIncident: an incident needs a person or a unit');
  const subjectKey = options.staffId ?? `unit:${unitId}`;
  // The feeding flow's details must fit the kind's shape: a mismatch is a programming error.
  const details = incidentDetailSchemas[options.kind].parse(options.details ?? {});
  const before = await repo.findIncidentBySource(trx, options.sourceType, options.sourceId, subjectKey);
  const row: IncidentsTable = {
    id: before?.id ?? newId(now),
    org_id: options.orgId,
    staff_id: options.staffId,
    unit_id: unitId,
    subject_key: subjectKey,
    kind: options.kind,
    state: 'verified',
    occurred_at: options.occurredAt,
    amount_fen: options.amountFen ?? null,
    details: JSON.stringify(details),
    summary: options.summary,
    verdict: options.verdict,
    source_type: options.sourceType,
    source_id: options.sourceId,
    // Who first recorded it stays; who verified it is whoever's flow verified it last.
    reported_by: before ? before.reported_by : actor.userId || null,
    reported_by_name: before ? before.reported_by_name : actor.username,
    verified_by: actor.userId || null,
    verified_by_name: actor.username,
    verified_at: now,
    state_note: null,
    created_at: before?.created_at ?? now,
    updated_at: now,
    version: before ? Number(before.version) + 1 : 1,
  };
  await repo.upsertFedIncident(trx, row);
  await appendAudit(ctx, trx, actor, {
    action: before ? 'update' : 'record',
    entity: 'incident',
    entityId: row.id,
    before: before ? auditView(before) : undefined,
    after: auditView(row),
  });
}

/** Told, in the same transaction, when a verified incident is found unfounded after all. */
export type IncidentWithdrawnListener = (ctx: AppContext, trx: Executor, actor: Actor, incident: { id: string; orgId: string; summary: string }, reason: string) => Promise<void>;
const withdrawnListeners = new Set<IncidentWithdrawnListener>();

/**
 * Registers a listener (src/modules/case-types.ts registers the appraisal sheets' reopen: the
 * appraisals module reads ratings, which reach back here, so this module cannot call it).
 */
export function onIncidentWithdrawn(listener: IncidentWithdrawnListener): void {
  withdrawnListeners.add(listener);
}

/**
 * The source flow found it unfounded after all (a complaint re-verified 不属实): its incidents stay
 * in the file, marked unfounded with the reason, so what was proposed from them can be traced.
 */
export async function withdrawIncident(ctx: AppContext, trx: Executor, actor: Actor, sourceType: string, sourceId: string, reason = '来源记录复核不属实') {
  const now = ctx.clock.now();
  for (const row of await repo.findIncidentsOfSource(trx, sourceType, sourceId)) {
    if (row.state === 'unfounded') continue;
    const changes = { state: 'unfounded', verified_by: actor.userId || null, verified_by_name: actor.username, verified_at: now, state_note: reason, updated_at: now };
    await repo.updateIncidentIfVersion(trx, row.id, Number(row.version), changes);
    await appendAudit(ctx, trx, actor, { action: 'withdraw', entity: 'incident', entityId: row.id, before: auditView(row), after: auditView({ ...row, ...changes }) });
    for (const listener of withdrawnListeners) await listener(ctx, trx, actor, { id: row.id, orgId: row.org_id, summary: row.summary }, reason);
  }
}

function auditView(row: IncidentsTable) {
  return {
    kind: row.kind,
    state: row.state,
    staffId: row.staff_id,
    unitId: row.unit_id,
    occurredAt: Number(row.occurred_at),
    amountFen: row.amount_fen === null ? null : Number(row.amount_fen),
    details: parseJson<unknown>(row.details, {}),
    summary: row.summary,
    source: row.source_type ? `${row.source_type}:${row.source_id}` : null,
    note: row.state_note,
  };
}

// --- Recording by hand and deciding ----------------------------------------------------------

/**
 * Records an incident by hand (state `reported`). The office records for anyone; a unit head for
 * people and units in their subtree only. A person without a unit named is filed under the unit
 * they work in (for a unit head: the first of theirs in the head's scope).
 */
export async function createIncident(ctx: AppContext, actor: Actor, input: CreateIncidentInput) {
  requireRole(actor, reporters);
  if (!input.staffId && !input.unitId) {
    const says = { zh: '请填写当事人或责任单位', en: 'name a person or a unit' };
    throw invalidFields(fieldIssue('body.staffId', says), fieldIssue('body.unitId', says));
  }
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const offset = await offsetOf(ctx, actor.orgId, trx);
    const occurredAt = input.occurredAt.length === 10 ? dayPeriod(input.occurredAt, offset).start : Date.parse(input.occurredAt);
    const now = ctx.clock.now();
    requireNotInFuture(occurredAt, now, 'body.occurredAt');
    let unitId = input.unitId ?? null;
    if (unitId) requireUnitInScope(actor, (await requireUnitInOrg(ctx, actor.orgId, unitId, trx)).path);
    if (input.staffId) {
      await requireStaffInOrg(ctx, actor.orgId, input.staffId, trx);
      if (actor.scopePath && actor.staffId !== input.staffId && !(await staffWorksUnder(ctx, input.staffId, actor.scopePath, trx))) throw new AppError('out_of_scope', { details: { staffId: input.staffId } });
      unitId ??= await unitOfStaffFor(ctx, actor, input.staffId, trx);
    }
    const row: IncidentsTable = {
      id: newId(now),
      org_id: actor.orgId,
      staff_id: input.staffId ?? null,
      unit_id: unitId,
      subject_key: input.staffId ?? `unit:${unitId}`,
      kind: input.kind,
      state: 'reported',
      occurred_at: occurredAt,
      amount_fen: input.amountFen ?? null,
      details: JSON.stringify(input.details),
      summary: input.summary,
      verdict: null,
      source_type: null,
      source_id: null,
      reported_by: actor.userId || null,
      reported_by_name: actor.username,
      verified_by: null,
      verified_by_name: null,
      verified_at: null,
      state_note: null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await repo.insertIncident(trx, row);
    await appendAudit(ctx, trx, actor, { action: 'create', entity: 'incident', entityId: row.id, after: auditView(row) });
    return presentIncident((await repo.findIncidentView(trx, row.id))!, offset);
  });
}

async function unitOfStaffFor(ctx: AppContext, actor: Actor, staffId: string, trx: Executor): Promise<string | null> {
  if (!actor.scopePath) return (await primaryUnitOfStaff(ctx, staffId, trx))?.id ?? null;
  for (const id of await unitIdsOfStaff(ctx, staffId, trx)) {
    const unit = await loadUnitInScope(ctx, actor, id, trx).catch(() => null);
    if (unit) return unit.id;
  }
  return (await primaryUnitOfStaff(ctx, staffId, trx))?.id ?? null;
}

/** The office confirms a reported incident (核实属实): it becomes a fact sanctions may use. */
export async function verifyIncident(ctx: AppContext, actor: Actor, id: string, input: VerifyIncidentInput) {
  return decide(ctx, actor, id, input.version, 'verified', input.note?.trim() || null);
}

/** The office finds a reported incident unfounded (不属实), with the reason. */
export async function rejectIncident(ctx: AppContext, actor: Actor, id: string, input: RejectIncidentInput) {
  return decide(ctx, actor, id, input.version, 'unfounded', input.reason);
}

async function decide(ctx: AppContext, actor: Actor, id: string, version: number, state: 'verified' | 'unfounded', note: string | null) {
  requireRole(actor, office);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await repo.findIncidentById(trx, id);
    if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'incident', id } });
    requireVersion(row.version, version);
    if (row.state !== 'reported') throw new AppError('invalid_transition', { details: { state: row.state } });
    const now = ctx.clock.now();
    const changes = { state, verified_by: actor.userId || null, verified_by_name: actor.username, verified_at: now, state_note: note, updated_at: now };
    if (!(await repo.updateIncidentIfVersion(trx, id, version, changes))) throw new AppError('version_conflict');
    await appendAudit(ctx, trx, actor, { action: state === 'verified' ? 'verify' : 'reject', entity: 'incident', entityId: id, before: auditView(row), after: auditView({ ...row, ...changes }) });
    return presentIncident((await repo.findIncidentView(trx, id))!, await offsetOf(ctx, actor.orgId, trx));
  });
}

// --- Reading ---------------------------------------------------------------------------------

/** Whether the caller may see this incident: staff their own; unit heads their units' and people's. */
async function requireMayRead(ctx: AppContext, actor: Actor, row: repo.IncidentListRow, db: Executor) {
  requireRole(actor, readers);
  if (actor.role === 'staff') {
    if (!actor.staffId || row.staff_id !== actor.staffId) throw new AppError('forbidden', { details: { reason: 'staff read their own file' } });
    return;
  }
  if (!actor.scopePath) return;
  if (row.staff_id && row.staff_id === actor.staffId) return;
  const unit = row.unit_id ? await loadUnitInScope(ctx, actor, row.unit_id, db).catch(() => null) : null;
  if (unit && unitInScope(actor, unit.path)) return;
  if (row.staff_id && (await staffWorksUnder(ctx, row.staff_id, actor.scopePath, db))) return;
  throw new AppError('out_of_scope');
}

/** One incident, for whoever may see it (contract: the sanctions module shows the fact behind a proposal). */
export async function getIncident(ctx: AppContext, actor: Actor, id: string): Promise<IncidentView> {
  const row = await repo.findIncidentView(ctx.db.kysely, id);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'incident', id } });
  await requireMayRead(ctx, actor, row, ctx.db.kysely);
  return presentIncident(row, await offsetOf(ctx, actor.orgId));
}

function periodOf(query: { from?: string; to?: string }, offset: number): { start?: number; end?: number } {
  return {
    start: query.from ? dayPeriod(query.from, offset).start : undefined,
    end: query.to ? rangePeriod(query.to, query.to, offset).end : undefined,
  };
}

/** GET /api/v1/incidents: the incidents the caller may see, newest first, paged. */
export async function listIncidents(ctx: AppContext, actor: Actor, query: ListIncidentsQuery) {
  requireRole(actor, readers);
  let staffId = query.staffId;
  if (actor.role === 'staff') {
    if (staffId && staffId !== actor.staffId) throw new AppError('forbidden', { details: { reason: 'staff read their own file' } });
    staffId = actor.staffId ?? '-none-';
  } else if (staffId) {
    await getStaff(ctx, actor, staffId);
  }
  if (query.unitId) await loadUnitInScope(ctx, actor, query.unitId);
  const offset = await offsetOf(ctx, actor.orgId);
  const { rows, total } = await repo.findIncidents(ctx.db.kysely, ctx.db.dialect, {
    orgId: actor.orgId,
    scopePath: actor.role === 'staff' ? null : actor.scopePath,
    staffId,
    unitId: query.unitId,
    kind: query.kind,
    state: query.state,
    q: query.q || undefined,
    ...periodOf(query, offset),
    ...pageWindow(query),
  });
  return pageOf(rows.map((r) => presentIncident(r, offset)), total, query);
}

/** The most a person's file answers at once (newest first); the general list pages beyond it. */
const staffFileLimit = 500;

/** 差错事故个人档案: the file of one staff member, for whoever may see that person (themselves included). */
export async function listStaffIncidents(ctx: AppContext, actor: Actor, staffId: string, options: { from?: string; to?: string } = {}) {
  const staff = await getStaff(ctx, actor, staffId);
  if (actor.role === 'supervisor') throw new AppError('forbidden');
  const offset = await offsetOf(ctx, actor.orgId);
  const { rows, total } = await repo.findIncidents(ctx.db.kysely, ctx.db.dialect, { orgId: actor.orgId, scopePath: null, staffId, ...periodOf(options, offset), limit: staffFileLimit, offset: 0 });
  return {
    staff: { id: staff.id, badgeNo: staff.badgeNo, name: staff.name, units: staff.units },
    total,
    items: rows.map((r) => presentIncident(r, offset)),
  };
}

/** A unit's file: incidents of the unit and the units under it (its people's included unless `unitOnly`). */
export async function listUnitIncidents(ctx: AppContext, actor: Actor, unitId: string, query: UnitIncidentsQuery) {
  requireRole(actor, readers.filter((r) => r !== 'staff'));
  const unit = await loadUnitInScope(ctx, actor, unitId);
  const offset = await offsetOf(ctx, actor.orgId);
  const { rows, total } = await repo.findIncidents(ctx.db.kysely, ctx.db.dialect, {
    orgId: actor.orgId,
    scopePath: actor.scopePath,
    unitPath: unit.path,
    unitOnly: query.unitOnly === 'true',
    kind: query.kind,
    state: query.state,
    q: query.q || undefined,
    ...periodOf(query, offset),
    ...pageWindow(query),
  });
  return { unit: { id: unit.id, code: unit.code, name: unit.name }, ...pageOf(rows.map((r) => presentIncident(r, offset)), total, query) };
}

/** Whether anything was recorded by hand yet (the demo fills an organisation's file once). */
export async function hasManualIncidents(ctx: AppContext, orgId: string): Promise<boolean> {
  return repo.hasManualIncidents(ctx.db.kysely, orgId);
}

/** The kinds with their labels, amount rule and citations (the form and the lists name them). */
export function listIncidentKinds() {
  return { items: incidentKinds.map((k) => incidentKindCatalogue[k]) };
}

// --- The contract for sanctions (issue 15 item 4) --------------------------------------------

/** A verified incident as a typed fact: `details` has the shape of its kind (`schema.ts`). */
export type IncidentFact = {
  [K in IncidentKind]: {
    id: string;
    kind: K;
    staffId: string | null;
    unitId: string | null;
    /** Epoch ms. */
    occurredAt: number;
    /** Epoch ms of the verification (for a fed incident: when its flow verified it). */
    verifiedAt: number;
    amountFen: number | null;
    details: IncidentDetails<K>;
    sourceType: string | null;
    sourceId: string | null;
    /** What happened, in words (for a proposal's text). */
    summary: string;
  };
}[IncidentKind];

export interface ListIncidentFactsOptions {
  orgId: string;
  /** Verified at or after (epoch ms). */
  verifiedFrom?: number;
  /** Verified before (epoch ms, exclusive). */
  verifiedTo?: number;
  /** Only these kinds (codes of `incidentKinds`); an empty list matches nothing. */
  kinds?: string[];
  /** Only these incidents (the sanctions sweep retrying facts it could not price yet). */
  ids?: string[];
  /** Keyset paging: the last id of the previous call. */
  afterId?: string;
  /** At most this many (default 500, at most 5,000). */
  limit?: number;
}

/**
 * Verified incidents of an organisation as facts, in id order (ids are time-ordered UUID v7), for
 * the sanctions jobs — no actor: the caller is a job and decides what to propose. Page with
 * `afterId` = the last id until fewer than `limit` come back. An incident found unfounded later
 * (a complaint re-verified 不属实) stops being listed; `getIncident` shows it as `unfounded`.
 */
export async function listIncidentFacts(ctx: AppContext, options: ListIncidentFactsOptions): Promise<IncidentFact[]> {
  const limit = Math.min(Math.max(options.limit ?? 500, 1), 5000);
  const rows = await repo.findVerifiedIncidents(ctx.db.kysely, { ...options, limit });
  return rows.map(
    (r) =>
      ({
        id: r.id,
        kind: r.kind,
        staffId: r.staff_id,
        unitId: r.unit_id,
        occurredAt: Number(r.occurred_at),
        verifiedAt: Number(r.verified_at),
        amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
        details: detailsOf(r.kind, r.details),
        sourceType: r.source_type,
        sourceId: r.source_id,
        summary: r.summary,
      }) as IncidentFact,
  );
}
