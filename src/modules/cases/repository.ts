import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../shared/context.js';
import { insertMany, insertNew, insertNumbered, supportsRowLocks, updateMany, type DialectName } from '../../db/dialect.js';
import { arrayParameter } from '../../db/pg-arrays.js';
import type { Db } from '../../db/connect.js';
import type { CaseClock, CaseClocksTable, CaseEscalationsTable, CaseEventsTable, CasesTable, ClockChecksTable } from '../../db/types.js';
import { chunks } from '../../db/chunks.js';
import { updateIfVersion } from '../../db/versioned.js';
import { definitionOfClock, knownDefinitions, rememberDefinition } from './definition-repository.js';

export async function insertCase(db: Executor, row: CasesTable) {
  await db.insertInto('cases').values(row).execute();
}

export async function findCaseById(db: Executor, id: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What the deadline sweep reads of a case (claimDueClocks): who it tells, what a reminder names, what a level changes. */
const sweepCaseColumns = ['type', 'status', 'priority', 'assignee_id', 'unit_id', 'unit_path', 'tracking_no', 'title'] as const;
export type SweepCase = Pick<CasesTable, 'id' | 'org_id' | (typeof sweepCaseColumns)[number]>;

export async function findCasesByIds(db: Executor, ids: string[]): Promise<CasesTable[]> {
  const out: CasesTable[] = [];
  for (const some of chunks(ids)) out.push(...(await db.selectFrom('cases').selectAll().where('id', 'in', some).execute()));
  return out;
}

/** The cases of every organisation holding a tracking number (numbers count per organisation). */
export async function findCasesByTrackingNo(db: Executor, trackingNo: string) {
  return db.selectFrom('cases').selectAll().where('tracking_no', '=', trackingNo).execute();
}

export function updateCaseIfVersion(db: Executor, id: string, version: number, changes: Partial<CasesTable>): Promise<boolean> {
  return updateIfVersion(db, 'cases', id, version, changes);
}

/** What the deadline sweep changes on a case when a level fires: the priority, the assignee, or both. */
export type SweepCaseChange = { id: string } & Partial<Pick<CasesTable, 'priority' | 'assignee_id'>>;

/**
 * The deadline sweep's unconditional changes to cases, many cases per statement (one per set of
 * changed columns): each bumps the version, so an editor holding the old one gets a 409.
 * Only the columns a level changed are written, never a whole row read earlier.
 */
export async function updateCasesBySweep(db: Executor, handle: Pick<Db, 'dialect' | 'sqlite'>, changes: SweepCaseChange[], now: number) {
  const groups = new Map<string, SweepCaseChange[]>();
  for (const c of changes) {
    const key = (['priority', 'assignee_id'] as const).filter((k) => k in c).join(',');
    const group = groups.get(key);
    if (group) group.push(c);
    else if (key) groups.set(key, [c]);
  }
  for (const [key, rows] of groups) {
    const columns = key.split(',') as ('priority' | 'assignee_id')[];
    const also = sql`updated_at = ${now}, version = cases.version + 1`;
    await updateMany(db, handle.dialect, 'cases', { keys: ['id'], columns, also }, rows.map((r) => [r.id, ...columns.map((c) => r[c] ?? null)]), handle.sqlite);
  }
}

export async function setCaseFields(db: Executor, id: string, fields: Partial<Pick<CasesTable, 'status' | 'data' | 'unit_id' | 'unit_path' | 'assignee_id'>>) {
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length) await db.updateTable('cases').set(set).where('id', '=', id).execute();
}

/** Next value of a per-organisation counter (tracking numbers), safe under concurrency. */
export async function nextCounter(db: Executor, orgId: string, name: string): Promise<number> {
  await db.insertInto('counters').values({ org_id: orgId, name, value: 0 }).onConflict((oc) => oc.columns(['org_id', 'name']).doNothing()).execute();
  const row = await db
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function insertEvent(db: Executor, row: Omit<CaseEventsTable, 'seq'>) {
  await insertEvents(db, [row]);
}

/** Appends events in the order given, each after its case's last one (inside the caller's transaction). */
export async function insertEvents(db: Executor, rows: Omit<CaseEventsTable, 'seq'>[], handle?: Pick<Db, 'dialect' | 'sqlite'>) {
  if (rows.length === 0) return;
  // PostgreSQL, many events: numbered in the insert (no round trip to read each case's last number).
  if (handle?.dialect === 'postgres') return insertNumbered(db, 'case_events', { column: 'seq', within: 'case_id' }, rows);
  const seq = new Map<string, number>();
  const caseIds = [...new Set(rows.map((r) => r.case_id))];
  // One index probe per case for its last event, driven from the cases' own key: a grouped scan of
  // case_events by an `in` list is planned on the table's statistics, and while a burst appends
  // thousands of events they lag (PostgreSQL then read the whole timeline for each list).
  for (const some of chunks(caseIds, 1_000)) {
    const last = await db
      .selectFrom('cases')
      .select(['cases.id', (eb) => eb.selectFrom('case_events').select((e) => e.fn.max('case_events.seq').as('seq')).whereRef('case_events.case_id', '=', 'cases.id').as('seq')])
      .where('cases.id', 'in', some)
      .execute();
    for (const r of last) seq.set(r.id, Number(r.seq ?? 0));
  }
  const values: CaseEventsTable[] = rows.map((r) => {
    const next = (seq.get(r.case_id) ?? 0) + 1;
    seq.set(r.case_id, next);
    return withSeq(r, next);
  });
  if (handle) await insertMany(db, handle.dialect, 'case_events', values, handle.sqlite);
  else for (const some of chunks(values)) await db.insertInto('case_events').values(some).execute();
}

/** The event with its number, field by field: a spread copy made a slow dictionary object, a thousand a sweep batch. */
function withSeq(r: Omit<CaseEventsTable, 'seq'>, seq: number): CaseEventsTable {
  const { id, case_id, org_id, at, actor_id, actor_label, action, from_status, to_status, note, public_note, data, public: isPublic } = r;
  return { id, case_id, org_id, seq, at, actor_id, actor_label, action, from_status, to_status, note, public_note, data, public: isPublic };
}

export async function findEvents(db: Executor, caseId: string, publicOnly = false) {
  let q = db.selectFrom('case_events').selectAll().where('case_id', '=', caseId);
  if (publicOnly) q = q.where('public', '=', 1);
  return q.orderBy('seq').execute();
}

export async function upsertClock(db: Executor, row: CaseClock) {
  await upsertClocks(db, [row]);
}

const clockColumns = ['definition', 'started_at', 'pauses', 'stopped_at', 'due_at', 'due_date', 'severe_at', 'run', 'pending_year', 'paused_at'] as const;

/** A clock as its two rows: the deadline (case_clocks) and the sweep's bookmark (clock_checks). */
export function clockTableRows(row: CaseClock): { clock: CaseClocksTable; check: ClockChecksTable } {
  const { lateness, next_check_at, ...clock } = row;
  return { clock, check: { case_id: row.case_id, clock_id: row.clock_id, org_id: row.org_id, lateness, next_check_at } };
}

/** Each clock (c) with its bookmark (k), selecting the bookmark's two columns. */
function clockJoin(db: Executor) {
  return db
    .selectFrom('case_clocks as c')
    .innerJoin('clock_checks as k', (j) => j.onRef('k.case_id', '=', 'c.case_id').onRef('k.clock_id', '=', 'c.clock_id'))
    .select(['k.lateness', 'k.next_check_at']);
}

/** Clocks with their bookmarks: one row per clock, as CaseClock. */
const clocksWithChecks = (db: Executor) => clockJoin(db).selectAll('c');

/**
 * The deadline sweep's re-evaluated clocks whose deadline stayed where it was: only the lateness and
 * the next check move, and only the bookmark is written — at close of business, most of the batch.
 */
export async function updateClockChecks(db: Executor, handle: Pick<Db, 'dialect' | 'sqlite'>, rows: Pick<ClockChecksTable, 'case_id' | 'clock_id' | 'lateness' | 'next_check_at'>[]) {
  const shape = { keys: ['case_id', 'clock_id'], columns: ['lateness', 'next_check_at'] };
  await updateMany(db, handle.dialect, 'clock_checks', shape, rows.map((r) => [r.case_id, r.clock_id, r.lateness, r.next_check_at]), handle.sqlite);
}

/**
 * Writes clocks, each replacing the stored deadline and bookmark of its (case, clock); a few hundred
 * rows per statement. The deadline first (the bookmark refers to it); a writer of an existing clock
 * holds its bookmark already (lockClockChecks, or the sweep's claim), so two never wait on each other crosswise.
 */
export async function upsertClocks(db: Executor, rows: CaseClock[]) {
  for (const some of chunks(rows)) {
    const split = some.map(clockTableRows);
    await db
      .insertInto('case_clocks')
      .values(split.map((r) => r.clock))
      .onConflict((oc) => oc.columns(['case_id', 'clock_id']).doUpdateSet((eb) => Object.fromEntries(clockColumns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
      .execute();
    await db
      .insertInto('clock_checks')
      .values(split.map((r) => r.check))
      .onConflict((oc) => oc.columns(['case_id', 'clock_id']).doUpdateSet((eb) => ({ lateness: eb.ref('excluded.lateness'), next_check_at: eb.ref('excluded.next_check_at') })))
      .execute();
  }
}

export async function findClocks(db: Executor, caseIds: string[]): Promise<CaseClock[]> {
  if (caseIds.length === 0) return [];
  return clocksWithChecks(db).where('c.case_id', 'in', caseIds).execute();
}

/** One of `of` disjoint shares of the cases, by the last hex digit of the case id (the sweep's concurrent transactions). */
export interface CaseShare {
  index: number;
  of: number;
}

const hexDigits = [...'0123456789abcdef'];

/** What a sweep batch works on: the clocks it claimed, their cases, and the levels each claimed run has fired. */
export interface DueWork {
  clocks: CaseClock[];
  /** By case id, the columns the sweep reads (SweepCase); one object per case, however many of its clocks came. */
  cases: Map<string, SweepCase>;
  /** Level ids fired in the current run of each claimed clock that has any, by the clock (an element of `clocks`). */
  fired: Map<CaseClock, Set<string>>;
}

/**
 * Claims the clocks the sweep must look at now, in (next check, case) order: those due at one
 * instant come as neighbouring cases, whose rows and index entries share pages. On PostgreSQL, rows
 * another node is working on are skipped. With a share, only its cases: digit d goes to share d mod
 * `of`, and the last share takes whatever ends otherwise, so every clock belongs to exactly one.
 * The same query reads each clock's case and fired levels (a query each for a thousand cases was
 * two more round trips a batch, each a statement of a thousand parameters).
 */
export async function claimDueClocks(db: Executor, dialect: DialectName, options: { now: number; limit: number; share?: CaseShare }): Promise<DueWork> {
  if (dialect !== 'postgres') {
    const rows = await dueFirst(clockJoin(db).innerJoin('cases as s', 's.id', 'c.case_id'), options)
      .selectAll('c')
      .select(sweepCaseColumnsOfClock)
      .select(sql<string>`(select json_group_array(e.level_id) ${firedInClockRun})`.as('fired_levels'))
      .execute();
    return dueWork(rows.map((r) => ({ clock: dueClock(r, r, r.definition), kase: r, fired: JSON.parse(r.fired_levels) as string[] })));
  }
  // Only the bookmarks are locked, and the deadlines read once they are: every writer of a clock
  // locks its bookmark first (lockClockChecks), so a deadline cannot change under the batch. A lock
  // on the deadline row itself wrote a page image per page after each checkpoint (the rows carry
  // their definition): a sixth of the close-of-business burst's WAL.
  const claimed = await dueFirst(db.selectFrom('clock_checks as k').select(['k.case_id', 'k.clock_id', 'k.org_id', 'k.lateness', 'k.next_check_at']), options).forUpdate().skipLocked().execute();
  if (claimed.length === 0) return dueWork([]);
  const orgIds = [...new Set(claimed.map((k) => k.org_id))];
  const known = knownDefinitions(orgIds);
  const ofCases = await db
    .selectFrom('case_clocks as c')
    .innerJoin('cases as s', 's.id', 'c.case_id')
    .select(clockColumnsButDefinition.map((c) => `c.${c}` as const))
    .select(definitionOfClock(known))
    .select(sweepCaseColumnsOfClock)
    // As JSON, which the driver parses natively (a text array goes through a parser written in JavaScript).
    .select(sql<string[]>`coalesce((select json_agg(e.level_id) ${firedInClockRun}), '[]'::json)`.as('fired_levels'))
    .where('c.org_id', '=', sql<string>`any(${arrayParameter('text', orgIds)})`)
    .where('c.case_id', '=', sql<string>`any(${arrayParameter('text', claimed.map((k) => k.case_id))})`)
    .execute();
  const byKey = new Map(ofCases.map((c) => [clockKey(c), c]));
  // A case's other clocks came too; only the claimed ones count (the foreign key gives each its deadline).
  return dueWork(
    claimed.map((k) => {
      const c = byKey.get(clockKey(k))!;
      let definition = c.definition;
      if (definition === null) definition = known[Number(c.definition_known) - 1];
      else rememberDefinition(c.org_id, definition);
      return { clock: dueClock(c, k, definition), kase: c, fired: c.fired_levels };
    }),
  );
}

/** The firings (e) of a claimed clock's (c) current run, for the claim's list of fired levels (JSON on either database). */
const firedInClockRun = sql`from case_escalations e where e.case_id = c.case_id and e.clock_id = c.clock_id and e.run = c.run`;

/** The case columns the sweep reads, as they come with a clock (c) joined to its case (s); the clock gives the id and organisation. */
const sweepCaseColumnsOfClock = sweepCaseColumns.map((c) => `s.${c}` as const);

type DeadlineColumns = Omit<CaseClocksTable, 'definition'>;

/**
 * A claimed clock, field by field from its deadline (c) and bookmark (k) rows: a rest-and-spread
 * copy of a row made a slow dictionary object (a sixteenth of the burst's allocation), and the
 * rows carry the case's columns too.
 */
function dueClock(c: DeadlineColumns, k: Pick<CaseClock, 'lateness' | 'next_check_at'>, definition: string): CaseClock {
  return {
    case_id: c.case_id,
    clock_id: c.clock_id,
    org_id: c.org_id,
    definition,
    started_at: c.started_at,
    pauses: c.pauses,
    stopped_at: c.stopped_at,
    due_at: c.due_at,
    due_date: c.due_date,
    severe_at: c.severe_at,
    run: c.run,
    pending_year: c.pending_year,
    paused_at: c.paused_at,
    lateness: k.lateness,
    next_check_at: k.next_check_at,
  };
}

/** The claimed clocks with their cases (one object per case) and fired levels. */
function dueWork(claimed: { clock: CaseClock; kase: Omit<SweepCase, 'id'>; fired: string[] }[]): DueWork {
  const work: DueWork = { clocks: [], cases: new Map(), fired: new Map() };
  for (const { clock, kase, fired } of claimed) {
    work.clocks.push(clock);
    if (!work.cases.has(clock.case_id)) {
      const { org_id, type, status, priority, assignee_id, unit_id, unit_path, tracking_no, title } = kase;
      work.cases.set(clock.case_id, { id: clock.case_id, org_id, type, status, priority, assignee_id, unit_id, unit_path, tracking_no, title });
    }
    if (fired.length) work.fired.set(clock, new Set(fired));
  }
  return work;
}

const clockKey = (r: { case_id: string; clock_id: string }) => `${r.case_id}|${r.clock_id}`;

/** The due bookmarks (k) of a share, first due first, at most `limit`. */
function dueFirst<Q extends SelectQueryBuilder<any, any, any>>(q: Q, options: { now: number; limit: number; share?: CaseShare }): Q {
  const { now, limit, share } = options;
  let out = q.where('k.next_check_at', '<=', now);
  if (share && share.of > 1) {
    const digitsOf = (k: number) => hexDigits.filter((_, d) => d % share.of === k);
    const last = sql<string>`substr(k.case_id, length(k.case_id), 1)`;
    if (share.index < share.of - 1) out = out.where(last, 'in', digitsOf(share.index));
    else out = out.where(last, 'not in', hexDigits.filter((_, d) => d % share.of !== share.index));
  }
  return out.orderBy('k.next_check_at').orderBy('k.case_id').limit(limit) as Q;
}

/**
 * Locks a case's clock bookmarks for the transaction (PostgreSQL): what every writer of a case's
 * clocks does before it writes the case or its deadlines, so a sweep batch holding them (claimDueClocks)
 * is waited for, and the two never wait on each other crosswise.
 */
export async function lockClockChecks(db: Executor, dialect: DialectName, kase: { orgId: string; caseId: string }): Promise<void> {
  if (supportsRowLocks(dialect)) await db.selectFrom('clock_checks').select('clock_id').where('org_id', '=', kase.orgId).where('case_id', '=', kase.caseId).forUpdate().execute();
}

/** The columns of case_clocks besides the definition (claimDueClocks reads it only when it does not know it). */
const clockColumnsButDefinition = ['case_id', 'clock_id', 'org_id', ...clockColumns.filter((c): c is Exclude<(typeof clockColumns)[number], 'definition'> => c !== 'definition')] as const;

/** Organisations with clocks waiting for a year's holiday schedule, and the earliest such year. */
export async function findPendingDeadlineOrgs(db: Executor) {
  const rows = await db
    .selectFrom('case_clocks')
    .select(['org_id', (eb) => eb.fn.min('pending_year').as('year')])
    .where('pending_year', 'is not', null)
    .groupBy('org_id')
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, year: Number(r.year) }));
}

export async function findPendingClocks(db: Executor, orgId: string, upToYear: number): Promise<CaseClock[]> {
  return clocksWithChecks(db).where('c.pending_year', 'is not', null).where('c.org_id', '=', orgId).where('c.pending_year', '<=', upToYear).execute();
}

/** Stores a re-evaluated pending clock unless another process already did (compare-and-set on pending_year). */
export async function resolvePendingClock(db: Executor, row: CaseClock, pendingYear: number): Promise<boolean> {
  const r = await db
    .updateTable('case_clocks')
    .set({ due_at: row.due_at, due_date: row.due_date, severe_at: row.severe_at, pending_year: row.pending_year })
    .where('case_id', '=', row.case_id)
    .where('clock_id', '=', row.clock_id)
    .where('pending_year', '=', pendingYear)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db.updateTable('clock_checks').set({ lateness: row.lateness, next_check_at: row.next_check_at }).where('case_id', '=', row.case_id).where('clock_id', '=', row.clock_id).execute();
  return true;
}

export async function findFiredLevels(db: Executor, caseId: string, clockId: string, run: number) {
  const rows = await db.selectFrom('case_escalations').select('level_id').where('case_id', '=', caseId).where('clock_id', '=', clockId).where('run', '=', run).execute();
  return new Set(rows.map((r) => r.level_id));
}

/** Records firings at once; returns the rows (of those given) this call inserted — a row already there (another node fired it) is skipped. */
export async function recordFirings(db: Executor, handle: Pick<Db, 'dialect' | 'sqlite'>, rows: CaseEscalationsTable[]): Promise<Set<CaseEscalationsTable>> {
  return new Set(await insertNew(db, handle.dialect, 'case_escalations', ['case_id', 'clock_id', 'run', 'level_id'], rows, handle.sqlite));
}

export async function findEscalations(db: Executor, caseId: string) {
  return db.selectFrom('case_escalations').selectAll().where('case_id', '=', caseId).orderBy('fired_at').execute();
}

export interface CaseFilter {
  orgId: string;
  scopePath: string | null;
  /** For front-line roles: only cases they registered, hold, or first received. */
  personal?: { userId: string; staffId: string | null; /** cases of these types naming this staff member or one of their units, read-only */ named?: { types: string[]; unitIds: string[] } };
  type?: string;
  status?: string;
  unitPath?: string;
  staffId?: string;
  /** Only cases assigned to this user (我的待办). */
  assigneeId?: string;
  /** Only cases not closed. */
  openOnly?: boolean;
  /** Only cases received in [from, to). */
  receivedFrom?: number;
  receivedTo?: number;
  /** Only cases whose clock of this id is running (not stopped). */
  runningClock?: string;
  /** pending: a running clock waits for a year's holiday schedule (期限待定). A paused clock is never due soon or overdue. */
  lateness?: 'overdue' | 'severely_overdue' | 'due_soon' | 'pending';
  /** Only cases received in [start, end). */
  received?: { start: number; end: number };
  now: number;
  dueSoonBefore: number;
  q?: string;
  sort?: 'receivedAt' | 'dueDate';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function findCases(db: Executor, f: CaseFilter) {
  let q = db.selectFrom('cases').where('cases.org_id', '=', f.orgId);
  if (f.scopePath) q = q.where('cases.unit_path', 'like', `${f.scopePath}%`);
  if (f.personal) {
    const { userId, staffId, named } = f.personal;
    q = q.where((eb) => {
      const naming = [...(staffId ? [eb('cases.staff_id', '=', staffId)] : []), ...(named?.unitIds.length ? [eb('cases.unit_id', 'in', named.unitIds)] : [])];
      return eb.or([
        eb('cases.created_by', '=', userId),
        eb('cases.assignee_id', '=', userId),
        ...(staffId ? [eb('cases.first_responder_id', '=', staffId)] : []),
        ...(named?.types.length && naming.length ? [eb.and([eb('cases.type', 'in', named.types), eb.or(naming)])] : []),
      ]);
    });
  }
  if (f.type) q = q.where('cases.type', '=', f.type);
  if (f.status) q = q.where('cases.status', '=', f.status);
  if (f.unitPath) q = q.where('cases.unit_path', 'like', `${f.unitPath}%`);
  if (f.staffId) q = q.where('cases.staff_id', '=', f.staffId);
  if (f.assigneeId) q = q.where('cases.assignee_id', '=', f.assigneeId);
  if (f.openOnly) q = q.where('cases.closed_at', 'is', null);
  if (f.receivedFrom !== undefined) q = q.where('cases.received_at', '>=', f.receivedFrom);
  if (f.receivedTo !== undefined) q = q.where('cases.received_at', '<', f.receivedTo);
  if (f.received) q = q.where('cases.received_at', '>=', f.received.start).where('cases.received_at', '<', f.received.end);
  if (f.runningClock) {
    const clockId = f.runningClock;
    q = q.where((eb) => eb.exists(eb.selectFrom('case_clocks').select(sql`1`.as('one')).whereRef('case_clocks.case_id', '=', 'cases.id').where('case_clocks.clock_id', '=', clockId).where('case_clocks.stopped_at', 'is', null)));
  }
  if (f.q) q = q.where((eb) => eb.or([eb('cases.tracking_no', '=', f.q!), eb('cases.title', 'like', `%${f.q}%`)]));
  if (f.lateness) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_clocks')
          .select(sql`1`.as('one'))
          .whereRef('case_clocks.case_id', '=', 'cases.id')
          .where('case_clocks.stopped_at', 'is', null)
          .$call((w) => (f.lateness === 'pending' ? w : w.where('case_clocks.paused_at', 'is', null)))
          .$call((w) =>
            f.lateness === 'severely_overdue'
              ? w.where('case_clocks.severe_at', '<', f.now)
              : f.lateness === 'overdue'
                ? w.where('case_clocks.due_at', '<', f.now)
                : f.lateness === 'pending'
                  ? w.where('case_clocks.pending_year', 'is not', null)
                  : w.where('case_clocks.due_at', '>=', f.now).where('case_clocks.due_at', '<', f.dueSoonBefore),
          ),
      ),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  if (f.limit === 0) return { rows: [], total: Number(total?.n ?? 0) };
  const rows = await q
    .selectAll('cases')
    .$call((w) => {
      if (f.sort !== 'dueDate') return w.orderBy('cases.received_at', f.order ?? 'desc').orderBy('cases.id', f.order ?? 'desc');
      // The due instant that comes first among the running clocks; cases with none (closed, pending) last either way.
      const due = sql`(select min(cc.due_at) from case_clocks cc where cc.case_id = cases.id and cc.stopped_at is null)`;
      return w
        .orderBy(sql`case when ${due} is null then 1 else 0 end`)
        .orderBy(due, f.order ?? 'asc')
        .orderBy('cases.received_at', 'desc')
        .orderBy('cases.id', 'desc');
    })
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Public events of one case type in [from, to], oldest first (the Open311 request updates feed). */
export async function findPublicEventsBetween(db: Executor, f: { orgId: string; type: string; from: number; to: number; limit: number }) {
  return db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select(['e.id', 'e.case_id', 'e.seq', 'e.at', 'e.action', 'e.to_status', 'e.public_note', 'c.tracking_no'])
    .where('e.org_id', '=', f.orgId)
    .where('c.type', '=', f.type)
    .where('e.public', '=', 1)
    .where('e.at', '>=', f.from)
    .where('e.at', '<=', f.to)
    .orderBy('e.at')
    .orderBy('e.seq')
    .limit(f.limit)
    .execute();
}

/** The status a case had just before an event: the last status set by an earlier event. */
export async function findStatusBefore(db: Executor, caseId: string, seq: number): Promise<string | null> {
  const row = await db
    .selectFrom('case_events')
    .select('to_status')
    .where('case_id', '=', caseId)
    .where('seq', '<', seq)
    .where('to_status', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.to_status ?? null;
}
