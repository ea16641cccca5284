import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import type { CaseClocksTable, CaseEventsTable, CasesTable } from '../../db/types.js';
import { appendAudits, type AuditRecord } from '../audit/service.js';
import { notifyUsersOfEach, type NotifyUsersOptions } from '../notifications/service.js';
import { nearestUnitHeadIds, userIdsWithRole } from '../users/service.js';
import { emitEvents, type WebhookEvent } from '../webhooks/index.js';
import * as repo from './repository.js';

/**
 * One claimed batch of the deadline sweep, inside its transaction: what the checks read is read
 * once for the whole batch (the cases, the levels already fired, who heads a unit, who holds a
 * role), and what they append — timeline events, inbox messages, audit entries, the re-evaluated
 * clocks — is written in a few statements when the batch ends. At close of business a batch is
 * hundreds of clocks turning overdue at once; one query per fact per clock made that minutes.
 * Only the firing record (the exactly-once guard) and a case's own change are written at once.
 */
export class SweepBatch {
  private readonly recipients = new Map<string, Promise<string[]>>();
  private readonly events: Omit<CaseEventsTable, 'seq'>[] = [];
  private readonly messages: NotifyUsersOptions[] = [];
  private readonly audits: { actor: Actor; record: AuditRecord }[] = [];
  private readonly clocks: CaseClocksTable[] = [];
  private readonly webhookEvents: WebhookEvent[] = [];

  private constructor(
    private readonly ctx: AppContext,
    readonly trx: Executor,
    private readonly cases: Map<string, CasesTable>,
    private readonly fired: Map<string, Set<string>>,
  ) {}

  static async open(ctx: AppContext, trx: Executor, rows: CaseClocksTable[]): Promise<SweepBatch> {
    const caseIds = [...new Set(rows.map((r) => r.case_id))];
    const [cases, fired] = await Promise.all([repo.findCasesByIds(trx, caseIds), repo.findFiredLevelsOfCases(trx, caseIds)]);
    return new SweepBatch(ctx, trx, new Map(cases.map((c) => [c.id, c])), fired);
  }

  /** The case as this batch has left it (a level's priority raise or reassignment shows to its other clocks). */
  caseOf(id: string): CasesTable | undefined {
    return this.cases.get(id);
  }

  firedLevels(row: CaseClocksTable): Set<string> {
    return new Set(this.fired.get(repo.clockRunKey(row)));
  }

  unitHeadIds(orgId: string, unitPath: string): Promise<string[]> {
    return this.memo(`head|${orgId}|${unitPath}`, () => nearestUnitHeadIds(this.ctx, orgId, unitPath, this.trx));
  }

  userIdsWithRole(orgId: string, role: string): Promise<string[]> {
    return this.memo(`role|${orgId}|${role}`, () => userIdsWithRole(this.ctx, orgId, role, this.trx));
  }

  private memo(key: string, load: () => Promise<string[]>): Promise<string[]> {
    let ids = this.recipients.get(key);
    if (!ids) this.recipients.set(key, (ids = load()));
    return ids;
  }

  addEvent(event: Omit<CaseEventsTable, 'seq'>): void {
    this.events.push(event);
  }

  notify(message: NotifyUsersOptions): void {
    this.messages.push(message);
  }

  audit(actor: Actor, record: AuditRecord): void {
    this.audits.push({ actor, record });
  }

  /** A webhook event, queued with the batch (rectification overdue). */
  emit(event: WebhookEvent): void {
    this.webhookEvents.push(event);
  }

  saveClock(row: CaseClocksTable): void {
    this.clocks.push(row);
  }

  async write(): Promise<void> {
    await repo.insertEvents(this.trx, this.events);
    await notifyUsersOfEach(this.ctx, this.trx, this.messages);
    await appendAudits(this.ctx, this.trx, this.audits);
    await emitEvents(this.ctx, this.trx, this.webhookEvents);
    await repo.upsertClocks(this.trx, this.clocks);
  }
}
