import type { AppContext, Executor } from '../../shared/context.js';
import { systemActor, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import type { CaseClock, CaseEventsTable, CasesTable } from '../../db/types.js';
import type { ClockDefinition, EscalationLevel } from '../../engines/sla/index.js';
import type { WorkCalendar } from '../../engines/calendar/index.js';
import { findClock, type Label as ClockLabel, type PolicyPack } from '../../policy/index.js';
import { calendarForOrganisation } from '../calendar/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { definitionOf } from './clocks.js';
import { appendAudits, batchAuditRecords, type AuditRecord } from '../audit/service.js';
import { notifyUsersOfEach, type NotifyUsersOptions } from '../notifications/service.js';
import { nearestUnitHeadIds, userIdsWithRole } from '../users/service.js';
import { emitEvents, type WebhookEvent } from '../webhooks/index.js';
import * as repo from './repository.js';

/**
 * One claimed batch of the deadline sweep, inside its transaction: what the checks read is read
 * once for the whole batch (the cases and the levels already fired come with the claim; who heads
 * a unit or holds a role, once per round: SweepRound), and what they append — timeline events,
 * inbox messages, audit entries, the re-evaluated clocks — is written in a few statements when the
 * batch ends. At close of business a batch is hundreds of clocks turning overdue at once; one
 * query per fact per clock made that minutes.
 * The organisation's calendar and policy pack are looked up once per batch, and each distinct
 * clock definition parsed once. Only the firing record (the exactly-once guard) is written at once.
 */
export class SweepBatch {
  private readonly events: Omit<CaseEventsTable, 'seq'>[] = [];
  private readonly messages: NotifyUsersOptions[] = [];
  private readonly firings: FiringAudit[] = [];
  private readonly clocks: CaseClock[] = [];
  private readonly checks: Pick<CaseClock, 'case_id' | 'clock_id' | 'lateness' | 'next_check_at'>[] = [];
  private readonly caseChanges = new Map<string, repo.SweepCaseChange>();
  private readonly webhookEvents: WebhookEvent[] = [];
  private readonly organisations = new Map<string, { cal: WorkCalendar; pack: PolicyPack }>();
  private readonly definitions = new Map<string, ClockDefinition>();
  private readonly clockLabels = new Map<PolicyPack, Map<string, Map<string, ClockLabel | undefined>>>();
  private readonly addressees = new WeakMap<EscalationLevel, Map<string, Map<string, Map<string | null, Promise<Addressees>>>>>();

  constructor(
    private readonly ctx: AppContext,
    readonly trx: Executor,
    private readonly work: repo.DueWork,
    private readonly round: SweepRound,
  ) {}

  /** The case as this batch has left it (a level's priority raise or reassignment shows to its other clocks). */
  caseOf(id: string): repo.SweepCase | undefined {
    return this.work.cases.get(id);
  }

  /** Reads the working calendar and policy pack of each organisation the claimed clocks belong to. */
  async loadOrganisations(): Promise<void> {
    for (const { org_id } of this.work.clocks) {
      if (!this.organisations.has(org_id)) this.organisations.set(org_id, { cal: await calendarForOrganisation(this.ctx, org_id, this.trx), pack: await policyForOrganisation(this.ctx, org_id, this.trx) });
    }
  }

  /** The organisation's working calendar and policy pack, as they stood when the batch began (loadOrganisations). */
  organisation(orgId: string): { cal: WorkCalendar; pack: PolicyPack } {
    const loaded = this.organisations.get(orgId);
    if (!loaded) throw new Error(`sweep batch: organisation ${orgId} not loaded`);
    return loaded;
  }

  /** A clock's label in the pack (what a reminder calls it), looked up once per batch for each case type and clock. */
  clockLabel(pack: PolicyPack, caseType: string, clockId: string): ClockLabel | undefined {
    const ofType = getOrMake(getOrMake(this.clockLabels, pack, () => new Map()), caseType, () => new Map<string, ClockLabel | undefined>());
    return getOrMake(ofType, clockId, () => findClock(pack, caseType, clockId)?.label);
  }

  /** The clock's definition, parsed once per distinct text (a million complaints share a handful). */
  definitionOf(row: Pick<CaseClock, 'definition'>): ClockDefinition {
    return getOrMake(this.definitions, row.definition, () => definitionOf(row));
  }

  /** The levels fired in the claimed clock's run; the sweep adds those it fires. */
  firedLevels(row: CaseClock): Set<string> {
    return this.work.fired.get(row) ?? new Set();
  }

  unitHeadIds(orgId: string, unitPath: string): Promise<string[]> {
    return getOrMake(this.round.people, `head|${orgId}|${unitPath}`, () => nearestUnitHeadIds(this.ctx, orgId, unitPath, this.trx));
  }

  userIdsWithRole(orgId: string, role: string): Promise<string[]> {
    return getOrMake(this.round.people, `role|${orgId}|${role}`, () => userIdsWithRole(this.ctx, orgId, role, this.trx));
  }

  /** Who a level tells about a case, worked out once per batch for each unit and assignee (a close of business fires the same levels on thousands of cases). */
  addresseesOf(level: EscalationLevel, kase: Pick<repo.SweepCase, 'org_id' | 'unit_path' | 'assignee_id'>, load: () => Promise<Addressees>): Promise<Addressees> {
    // Maps within maps, by the row's own strings: a key made by joining them was a new string to hash for every firing.
    const byOrg = getOrMake(this.addressees, level, () => new Map());
    const byUnit = getOrMake(byOrg, kase.org_id, () => new Map());
    return getOrMake(getOrMake(byUnit, kase.unit_path, () => new Map()), kase.assignee_id, load);
  }

  addEvent(event: Omit<CaseEventsTable, 'seq'>): void {
    this.events.push(event);
  }

  notify(message: NotifyUsersOptions): void {
    this.messages.push(message);
  }

  /** A level that fired, audited with the batch (firingAudits). */
  auditFiring(firing: FiringAudit): void {
    this.firings.push(firing);
  }

  /** A webhook event, queued with the batch (rectification overdue). */
  emit(event: WebhookEvent): void {
    this.webhookEvents.push(event);
  }

  /** A level's change to its case (priority, assignee), written with the batch; later levels see it through caseOf. */
  changeCase(kase: repo.SweepCase, changes: Partial<Pick<CasesTable, 'priority' | 'assignee_id'>>): void {
    this.caseChanges.set(kase.id, { ...this.caseChanges.get(kase.id), ...changes, id: kase.id });
    Object.assign(kase, changes);
  }

  /** The re-evaluated clock; `stored` is the row as claimed, so an unmoved deadline writes only what changed. */
  saveClock(row: CaseClock, stored?: CaseClock): void {
    if (stored && sameDeadline(row, stored)) this.checks.push({ case_id: row.case_id, clock_id: row.clock_id, lateness: row.lateness, next_check_at: row.next_check_at });
    else this.clocks.push(row);
  }

  async write(now: number): Promise<void> {
    await repo.updateCasesBySweep(this.trx, this.ctx.db, [...this.caseChanges.values()], now);
    await repo.insertEvents(this.trx, this.events, this.ctx.db);
    await notifyUsersOfEach(this.ctx, this.trx, this.messages);
    await emitEvents(this.ctx, this.trx, this.webhookEvents);
    await repo.upsertClocks(this.trx, this.clocks);
    await repo.updateClockChecks(this.trx, this.ctx.db, this.checks);
    // Last: the audit chain's head stays locked until commit, and every writer of the log waits for it.
    await appendAudits(this.ctx, this.trx, firingAudits(this.firings, now));
  }
}

/**
 * What the batches of one sweep round share: who heads each unit and who holds each role, looked
 * up once per round rather than once per batch (at close of business a round is seventy batches
 * over the same few units, and each lookup was a round trip the batch waited for). A round lasts
 * seconds; an appointment made during one reaches the next round's reminders.
 */
export interface SweepRound {
  people: Map<string, Promise<string[]>>;
}

export function newSweepRound(): SweepRound {
  return { people: new Map() };
}

/** The value `map` holds under `key`, made and kept on first asking: the batch's one way of working a thing out once. */
function getOrMake<K, V>(map: { has(key: K): boolean; get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  const kept = map.get(key);
  if (kept !== undefined || map.has(key)) return kept as V;
  const made = make();
  map.set(key, made);
  return made;
}

/** Whom a level's reminder goes to; `fallback` when its own recipients resolved to nobody. */
export interface Addressees {
  recipients: string[];
  fallback?: 'quality_office';
}

/** What the audit log keeps of one firing. */
export interface FiringAudit {
  orgId: string;
  caseId: string;
  caseType: string;
  trackingNo: string;
  clockId: string;
  levelId: string;
  actions: string[];
}

/**
 * The batch's firings in the audit log, per organisation: a lone firing on its case's own entry
 * (case:<type>, the case's id), more listed a hundred to an entry of escalation_batch, each naming
 * the case, its tracking number, the clock and the level. At close of business a batch fires a
 * thousand levels: ten entries to chain instead of a thousand (npm run bench -- sweep); the case's
 * own timeline has each firing too.
 */
function firingAudits(firings: FiringAudit[], now: number): { actor: Actor; record: AuditRecord }[] {
  const byOrg = new Map<string, FiringAudit[]>();
  for (const f of firings) {
    const items = byOrg.get(f.orgId);
    if (items) items.push(f);
    else byOrg.set(f.orgId, [f]);
  }
  return [...byOrg].flatMap(([orgId, items]) => {
    const actor = systemActor(orgId, 'deadline-sweep');
    const records = batchAuditRecords({
      action: 'escalate',
      entity: 'escalation_batch',
      batchId: newId(now),
      items,
      // Members in key order: the audit log's canonical JSON then serialises them as they stand (no sorted copy).
      single: (f) => ({ action: 'escalate', entity: `case:${f.caseType}`, entityId: f.caseId, after: { actions: f.actions, clockId: f.clockId, levelId: f.levelId } }),
      view: (part) => ({ count: part.length, firings: part.map((f) => ({ actions: f.actions, caseId: f.caseId, caseType: f.caseType, clockId: f.clockId, levelId: f.levelId, trackingNo: f.trackingNo })) }),
    });
    return records.map((record) => ({ actor, record }));
  });
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

/** Everything but the lateness and the next check as stored (the sweep never touches the run itself). */
function sameDeadline(a: CaseClock, b: CaseClock): boolean {
  return (
    num(a.due_at) === num(b.due_at) &&
    a.due_date === b.due_date &&
    num(a.severe_at) === num(b.severe_at) &&
    num(a.pending_year) === num(b.pending_year) &&
    num(a.stopped_at) === num(b.stopped_at) &&
    num(a.paused_at) === num(b.paused_at) &&
    num(a.started_at) === num(b.started_at) &&
    a.pauses === b.pauses &&
    a.definition === b.definition &&
    Number(a.run) === Number(b.run)
  );
}
