import type { Executor } from '../../shared/context.js';
import type { SanctionAppealsTable, SanctionEventsTable, SanctionsTable } from '../../db/types.js';
import { updateIfVersion } from '../../db/versioned.js';

/** Inserts unless the (source, rule, target) is proposed already: true when this call stored it. */
export async function insertSanction(db: Executor, row: SanctionsTable): Promise<boolean> {
  const r = await db
    .insertInto('sanctions')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'source_type', 'source_id', 'rule_code', 'target_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findSanction(db: Executor, id: string) {
  return db.selectFrom('sanctions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The unit's and the person's names of a sanction and of its sibling targets, for the screens. */
export async function findNames(db: Executor, orgId: string, unitIds: string[], staffIds: string[]) {
  const [units, staff] = await Promise.all([
    unitIds.length ? db.selectFrom('units').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', unitIds).execute() : [],
    staffIds.length ? db.selectFrom('staff').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', staffIds).execute() : [],
  ]);
  return { units: new Map(units.map((u) => [u.id, u.name])), staff: new Map(staff.map((p) => [p.id, p.name])) };
}

export async function findByKey(db: Executor, orgId: string, k: { sourceType: string; sourceId: string; ruleCode: string; targetKey: string }) {
  return db
    .selectFrom('sanctions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('source_type', '=', k.sourceType)
    .where('source_id', '=', k.sourceId)
    .where('rule_code', '=', k.ruleCode)
    .where('target_key', '=', k.targetKey)
    .executeTakeFirst();
}

/** The other targets of the same fact and rule (a loud noise charges everyone present). */
export async function findSiblings(db: Executor, row: SanctionsTable) {
  return db
    .selectFrom('sanctions')
    .select(['id', 'target_kind', 'target_key', 'staff_id', 'unit_id', 'amount_fen', 'status'])
    .where('org_id', '=', row.org_id)
    .where('source_type', '=', row.source_type)
    .where('source_id', '=', row.source_id)
    .where('id', '!=', row.id)
    .orderBy('created_at')
    .execute();
}

export function updateSanctionIfVersion(db: Executor, id: string, version: number, changes: Partial<SanctionsTable>): Promise<boolean> {
  return updateIfVersion(db, 'sanctions', id, version, changes);
}

export interface SanctionFilter {
  orgId: string;
  scopePath: string | null;
  /** A person sees their own, once they were told. */
  staffId?: string;
  noticedOnly?: boolean;
  statuses?: string[];
  unitPath?: string;
  direction?: string;
  /** The appeal's state: pending, decided (upheld, reduced, revoked) or none filed. */
  appeal?: 'pending' | 'decided' | 'none';
  /** Proposed within [from, to). */
  createdFrom?: number;
  createdTo?: number;
  limit: number;
  offset: number;
}

export async function findSanctions(db: Executor, f: SanctionFilter) {
  // One appeal per sanction at most (unique on sanction_id): the join keeps one row each.
  let q = db.selectFrom('sanctions as s').leftJoin('sanction_appeals as a', 'a.sanction_id', 's.id').where('s.org_id', '=', f.orgId);
  if (f.scopePath) q = q.where('s.unit_path', 'like', `${f.scopePath}%`);
  if (f.staffId !== undefined) q = q.where('s.staff_id', '=', f.staffId);
  if (f.noticedOnly) q = q.where('s.notice_at', 'is not', null);
  if (f.statuses?.length) q = q.where('s.status', 'in', f.statuses);
  if (f.unitPath) q = q.where('s.unit_path', 'like', `${f.unitPath}%`);
  if (f.direction) q = q.where('s.direction', '=', f.direction);
  if (f.appeal === 'pending') q = q.where('a.status', '=', 'pending');
  else if (f.appeal === 'decided') q = q.where('a.status', 'in', ['upheld', 'reduced', 'revoked']);
  else if (f.appeal === 'none') q = q.where('a.id', 'is', null);
  if (f.createdFrom !== undefined) q = q.where('s.created_at', '>=', f.createdFrom);
  if (f.createdTo !== undefined) q = q.where('s.created_at', '<', f.createdTo);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await q
    .leftJoin('units as u', 'u.id', 's.unit_id')
    .leftJoin('staff as p', 'p.id', 's.staff_id')
    .selectAll('s')
    .select(['u.name as unit_name', 'p.name as staff_name', 'a.status as appeal_status', 'a.filed_at as appeal_filed_at', 'a.decided_at as appeal_decided_at'])
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Sanctions whose appeal window closed without an appeal, oldest first. */
export async function findWindowsClosed(db: Executor, now: number, limit: number) {
  return db.selectFrom('sanctions').selectAll().where('status', '=', 'noticed').where('appeal_closes_at', '<=', now).orderBy('appeal_closes_at').limit(limit).execute();
}

export async function insertEvent(db: Executor, row: SanctionEventsTable) {
  await db.insertInto('sanction_events').values(row).execute();
}

export async function findEvents(db: Executor, sanctionId: string) {
  return db.selectFrom('sanction_events').selectAll().where('sanction_id', '=', sanctionId).orderBy('at').orderBy('id').execute();
}

export async function insertAppeal(db: Executor, row: SanctionAppealsTable) {
  await db.insertInto('sanction_appeals').values(row).execute();
}

export async function findAppeal(db: Executor, sanctionId: string) {
  return db.selectFrom('sanction_appeals').selectAll().where('sanction_id', '=', sanctionId).executeTakeFirst();
}

export async function decideAppeal(db: Executor, id: string, changes: Pick<SanctionAppealsTable, 'status' | 'decided_at' | 'decided_by' | 'decision_reason' | 'amount_fen'>): Promise<boolean> {
  const r = await db.updateTable('sanction_appeals').set(changes).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function readSweepCursor(db: Executor, orgId: string): Promise<number | undefined> {
  const r = await db.selectFrom('sanction_sweeps').select('verified_until').where('org_id', '=', orgId).executeTakeFirst();
  return r ? Number(r.verified_until) : undefined;
}

/** Moves the cursor forward only (two sweeps at once: the later one wins). */
export async function writeSweepCursor(db: Executor, orgId: string, until: number) {
  await db
    .insertInto('sanction_sweeps')
    .values({ org_id: orgId, verified_until: until })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ verified_until: until }).where('sanction_sweeps.verified_until', '<', until))
    .execute();
}

export async function readCompetitionCursor(db: Executor, orgId: string): Promise<number | undefined> {
  const r = await db.selectFrom('sanction_sweeps').select('competitions_until').where('org_id', '=', orgId).executeTakeFirst();
  return r?.competitions_until === null || r?.competitions_until === undefined ? undefined : Number(r.competitions_until);
}

/** Moves the competitions cursor forward only; a new row leaves the incidents cursor at the beginning (0). */
export async function writeCompetitionCursor(db: Executor, orgId: string, until: number) {
  await db
    .insertInto('sanction_sweeps')
    .values({ org_id: orgId, verified_until: 0, competitions_until: until })
    .onConflict((oc) =>
      oc
        .column('org_id')
        .doUpdateSet({ competitions_until: until })
        .where((eb) => eb.or([eb('sanction_sweeps.competitions_until', 'is', null), eb('sanction_sweeps.competitions_until', '<', until)])),
    )
    .execute();
}

export async function setPayrollMonth(db: Executor, id: string, month: string) {
  await db.updateTable('sanctions').set({ payroll_month: month }).where('id', '=', id).execute();
}

// ---- facts waiting for a policy value ----------------------------------------------------------

export interface UnpricedKey {
  orgId: string;
  sourceType: string;
  sourceId: string;
  ruleCode: string;
}

/** Records (or refreshes) a fact the sweep could not price: kept until a sweep proposes it. */
export async function upsertUnpriced(db: Executor, k: UnpricedKey, refusal: { code: string; missing: string[] }, now: number) {
  const missing = JSON.stringify(refusal.missing);
  await db
    .insertInto('sanction_unpriced')
    .values({ org_id: k.orgId, source_type: k.sourceType, source_id: k.sourceId, rule_code: k.ruleCode, code: refusal.code, missing, first_at: now, tried_at: now })
    .onConflict((oc) => oc.columns(['org_id', 'source_type', 'source_id', 'rule_code']).doUpdateSet({ code: refusal.code, missing, tried_at: now }))
    .execute();
}

export async function deleteUnpriced(db: Executor, k: UnpricedKey) {
  await db
    .deleteFrom('sanction_unpriced')
    .where('org_id', '=', k.orgId)
    .where('source_type', '=', k.sourceType)
    .where('source_id', '=', k.sourceId)
    .where('rule_code', '=', k.ruleCode)
    .execute();
}

/** A page of the organisation's waiting facts, oldest first (keyset on source id and rule). */
export async function findUnpriced(db: Executor, orgId: string, after: { sourceId: string; ruleCode: string } | null, limit: number) {
  let q = db.selectFrom('sanction_unpriced').selectAll().where('org_id', '=', orgId);
  if (after) q = q.where((eb) => eb.or([eb('source_id', '>', after.sourceId), eb.and([eb('source_id', '=', after.sourceId), eb('rule_code', '>', after.ruleCode)])]));
  return q.orderBy('source_id').orderBy('rule_code').limit(limit).execute();
}

/** The waiting facts as the office lists them, the longest waiting first, with the count. */
export async function listUnpriced(db: Executor, orgId: string, window: { limit: number; offset: number }) {
  const q = db.selectFrom('sanction_unpriced').where('org_id', '=', orgId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await q.selectAll().orderBy('first_at').orderBy('source_id').orderBy('rule_code').limit(window.limit).offset(window.offset).execute();
  return { rows, total: Number(total?.n ?? 0) };
}
