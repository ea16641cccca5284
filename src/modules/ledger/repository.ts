import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { LedgerEntriesTable, PayrollMonthsTable } from '../../db/types.js';
import type { Db } from '../../db/connect.js';
import { insertMany, supportsRowLocks, type DialectName } from '../../db/dialect.js';
import { chunks } from '../../db/chunks.js';

// ---- payroll months ------------------------------------------------------------------------

/** Makes sure the month has its row (open), so that posting and closing can lock one row. */
export async function ensurePayrollMonth(db: Executor, orgId: string, month: string, now: number): Promise<void> {
  await db
    .insertInto('payroll_months')
    .values({ org_id: orgId, month, status: 'open', lines: 0, people: 0, fines_fen: 0, rewards_fen: 0, closed_at: null, closed_by: null, created_at: now, version: 1 })
    .onConflict((oc) => oc.columns(['org_id', 'month']).doNothing())
    .execute();
}

/** The month's row, locked until the transaction ends on PostgreSQL (SQLite serialises writers). */
export async function lockPayrollMonth(db: Executor, dialect: DialectName, orgId: string, month: string): Promise<PayrollMonthsTable | undefined> {
  let q = db.selectFrom('payroll_months').selectAll().where('org_id', '=', orgId).where('month', '=', month);
  if (supportsRowLocks(dialect)) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findPayrollMonth(db: Executor, orgId: string, month: string): Promise<PayrollMonthsTable | undefined> {
  return db.selectFrom('payroll_months').selectAll().where('org_id', '=', orgId).where('month', '=', month).executeTakeFirst();
}

/** Closed months from `from` on, ascending: where a new line may not go. */
export async function findClosedMonthsFrom(db: Executor, orgId: string, from: string): Promise<string[]> {
  const rows = await db.selectFrom('payroll_months').select('month').where('org_id', '=', orgId).where('status', '=', 'closed').where('month', '>=', from).orderBy('month').execute();
  return rows.map((r) => r.month);
}

export async function findPayrollMonths(db: Executor, orgId: string): Promise<PayrollMonthsTable[]> {
  return db.selectFrom('payroll_months').selectAll().where('org_id', '=', orgId).orderBy('month', 'desc').execute();
}

export async function closePayrollMonthIfVersion(
  db: Executor,
  orgId: string,
  month: string,
  version: number,
  changes: Pick<PayrollMonthsTable, 'lines' | 'people' | 'fines_fen' | 'rewards_fen' | 'closed_at' | 'closed_by'>,
): Promise<boolean> {
  const r = await db
    .updateTable('payroll_months')
    .set({ ...changes, status: 'closed', version: version + 1 })
    .where('org_id', '=', orgId)
    .where('month', '=', month)
    .where('status', '=', 'open')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface MonthTotals {
  lines: number;
  people: number;
  finesFen: number;
  rewardsFen: number;
}

/** One aggregate over the month's lines: what the close fixes and the month list shows while open. */
export async function monthTotals(db: Executor, orgId: string, months: string[]): Promise<Map<string, MonthTotals>> {
  if (months.length === 0) return new Map();
  const rows = await db
    .selectFrom('ledger_entries')
    .select((eb) => [
      'payroll_month',
      eb.fn.countAll<number>().as('lines'),
      sql<number>`count(distinct coalesce(staff_id, 'u:' || unit_id))`.as('people'),
      sql<number>`coalesce(sum(case when amount_fen < 0 then amount_fen else 0 end), 0)`.as('fines'),
      sql<number>`coalesce(sum(case when amount_fen > 0 then amount_fen else 0 end), 0)`.as('rewards'),
    ])
    .where('org_id', '=', orgId)
    .where('payroll_month', 'in', months)
    // An outcome-only line (0 fen: 通报批评, 取消当年评优, 004:L124) is on record, not on the payroll.
    .where('amount_fen', '!=', 0)
    .groupBy('payroll_month')
    .execute();
  return new Map(rows.map((r) => [r.payroll_month, { lines: Number(r.lines), people: Number(r.people), finesFen: Number(r.fines), rewardsFen: Number(r.rewards) }]));
}

// ---- ledger lines --------------------------------------------------------------------------

/** New lines, in as few statements as the dialect allows (a month's 50,000 lines: npm run bench -- payroll). */
export async function insertEntries(db: Executor, handle: Pick<Db, 'dialect' | 'sqlite'>, rows: LedgerEntriesTable[]): Promise<void> {
  await insertMany(db, handle.dialect, 'ledger_entries', rows, handle.sqlite);
}

/**
 * Ids per `in (…)` list when posting: a batch of a thousand lines is one lookup, not five. While a
 * month is being posted the table's statistics lag behind it, and PostgreSQL may read it whole for
 * each list (npm run bench -- payroll).
 */
const idsPerLookup = 1_000;

/** The entry lines already posted for these sanctions (a repeated post finds its line). */
export async function findEntryLinesOfSanctions(db: Executor, orgId: string, sanctionIds: string[]): Promise<LedgerEntriesTable[]> {
  const out: LedgerEntriesTable[] = [];
  for (const c of chunks([...new Set(sanctionIds)], idsPerLookup)) {
    out.push(...(await db.selectFrom('ledger_entries').selectAll().where('org_id', '=', orgId).where('sanction_id', 'in', c).where('line_kind', '=', 'entry').execute()));
  }
  return out;
}

/** The organisation's staff among `ids`, each with their primary unit (the unit whose subtree sees their lines). */
export async function findStaffScopes(db: Executor, orgId: string, ids: string[]): Promise<Map<string, { unitId: string | null; path: string | null }>> {
  const out = new Map<string, { unitId: string | null; path: string | null }>();
  for (const c of chunks([...new Set(ids)], idsPerLookup)) {
    const rows = await db
      .selectFrom('staff as s')
      .leftJoin('staff_units as su', 'su.staff_id', 's.id')
      .leftJoin('units as u', 'u.id', 'su.unit_id')
      .select(['s.id', 'u.id as unit_id', 'u.path', 'su.is_primary'])
      .where('s.org_id', '=', orgId)
      .where('s.id', 'in', c)
      .orderBy('su.is_primary', 'desc')
      .execute();
    for (const r of rows) if (!out.has(r.id)) out.set(r.id, { unitId: r.unit_id, path: r.path });
  }
  return out;
}

/** The organisation's units among `ids`, with their paths. */
export async function findUnitPaths(db: Executor, orgId: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of chunks([...new Set(ids)], idsPerLookup)) {
    for (const r of await db.selectFrom('units').select(['id', 'path']).where('org_id', '=', orgId).where('id', 'in', c).execute()) out.set(r.id, r.path);
  }
  return out;
}

export async function findEntriesOfSanction(db: Executor, orgId: string, sanctionId: string): Promise<LedgerEntriesTable[]> {
  return db.selectFrom('ledger_entries').selectAll().where('org_id', '=', orgId).where('sanction_id', '=', sanctionId).orderBy('created_at').orderBy('id').execute();
}

export interface EntryFilter {
  orgId: string;
  staffId?: string;
  /** The unit's subtree: lines whose scope unit lies under this path. */
  unitPath?: string;
  payrollMonth?: string;
  /** Payroll months in [from, to], inclusive. */
  monthFrom?: string;
  monthTo?: string;
}

export type EntryRow = LedgerEntriesTable & { staff_name: string | null; badge_no: string | null; unit_name: string | null };

function filtered(db: Executor, f: EntryFilter) {
  let q = db.selectFrom('ledger_entries as e').where('e.org_id', '=', f.orgId);
  if (f.staffId) q = q.where('e.staff_id', '=', f.staffId);
  if (f.unitPath) q = q.where('e.unit_path', 'like', `${f.unitPath}%`);
  if (f.payrollMonth) q = q.where('e.payroll_month', '=', f.payrollMonth);
  if (f.monthFrom) q = q.where('e.payroll_month', '>=', f.monthFrom);
  if (f.monthTo) q = q.where('e.payroll_month', '<=', f.monthTo);
  return q;
}

/** A window of the filtered lines, by payroll month, then when they became final. */
export async function findEntries(db: Executor, f: EntryFilter, window: { limit: number; offset: number }): Promise<EntryRow[]> {
  return filtered(db, f)
    .leftJoin('staff as s', 's.id', 'e.staff_id')
    .leftJoin('units as u', 'u.id', 'e.scope_unit_id')
    .selectAll('e')
    .select(['s.name as staff_name', 's.badge_no as badge_no', 'u.name as unit_name'])
    .orderBy('e.payroll_month')
    .orderBy('e.final_at')
    .orderBy('e.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

/** Count and sums of the filtered lines, per payroll month. */
export async function entryTotals(db: Executor, f: EntryFilter) {
  const rows = await filtered(db, f)
    .select((eb) => [
      'e.payroll_month as month',
      eb.fn.countAll<number>().as('lines'),
      sql<number>`coalesce(sum(case when e.amount_fen < 0 then e.amount_fen else 0 end), 0)`.as('fines'),
      sql<number>`coalesce(sum(case when e.amount_fen > 0 then e.amount_fen else 0 end), 0)`.as('rewards'),
    ])
    .groupBy('e.payroll_month')
    .orderBy('e.payroll_month')
    .execute();
  return rows.map((r) => ({ month: r.month, lines: Number(r.lines), finesFen: Number(r.fines), rewardsFen: Number(r.rewards) }));
}

/** Lines with a notice outcome decided in a month (by the month they became final), not reversed. */
export async function findNoticeEntries(db: Executor, orgId: string, finalMonth: string, notice: string): Promise<EntryRow[]> {
  return db
    .selectFrom('ledger_entries as e')
    .leftJoin('staff as s', 's.id', 'e.staff_id')
    .leftJoin('units as u', 'u.id', 'e.scope_unit_id')
    .selectAll('e')
    .select(['s.name as staff_name', 's.badge_no as badge_no', 'u.name as unit_name'])
    .where('e.org_id', '=', orgId)
    .where('e.final_month', '=', finalMonth)
    .where('e.notice', '=', notice)
    .where('e.line_kind', '=', 'entry')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('ledger_entries as c')
            .select('c.id')
            .whereRef('c.corrects_id', '=', 'e.id'),
        ),
      ),
    )
    .orderBy('u.name')
    .orderBy('e.final_at')
    .orderBy('e.id')
    .execute();
}

/** Lines that disqualify from the year's awards (取消当年评优), not reversed. */
export async function findDisqualifications(db: Executor, orgId: string, year: number) {
  return db
    .selectFrom('ledger_entries as e')
    .select(['e.staff_id', 'e.unit_id', 'e.sanction_id', 'e.final_at'])
    .where('e.org_id', '=', orgId)
    .where('e.disqualifies_year', '=', year)
    .where('e.line_kind', '=', 'entry')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('ledger_entries as c').select('c.id').whereRef('c.corrects_id', '=', 'e.id'))))
    .orderBy('e.final_at')
    .orderBy('e.id')
    .execute();
}

const finesSum = sql<number>`coalesce(sum(case when e.amount_fen < 0 then e.amount_fen else 0 end), 0)`;
const rewardsSum = sql<number>`coalesce(sum(case when e.amount_fen > 0 then e.amount_fen else 0 end), 0)`;

/**
 * One page of the month's people in badge order: a keyset walk of the roster, (badge, id) after
 * the last page's, keeping those with a line in the month (one index probe each). A page costs
 * the same whatever the month's size; the totals come from the page's own lines.
 */
export async function findStaffPayeePage(db: Executor, orgId: string, month: string, after: { badge: string; id: string } | null, limit: number, appraised?: { from: string; to: string }) {
  let q = db
    .selectFrom('staff as s')
    .select(['s.id as staff_id', 's.badge_no as badge_no', 's.name as name'])
    .where('s.org_id', '=', orgId)
    .where((eb) => {
      const lines = eb.exists(eb.selectFrom('ledger_entries as e').select('e.id').where('e.org_id', '=', orgId).where('e.payroll_month', '=', month).whereRef('e.staff_id', '=', 's.id').where('e.amount_fen', '!=', 0));
      if (!appraised) return lines;
      // 星薪挂钩: a person with an approved appraisal sheet of a period ended in `appraised` is paid by it, fined or not.
      const sheet = eb.exists(
        eb
          .selectFrom('appraisal_sheets as a')
          .innerJoin('appraisal_periods as p', 'p.id', 'a.period_id')
          .select('a.id')
          .where('a.org_id', '=', orgId)
          .where('a.state', '=', 'approved')
          .whereRef('a.staff_id', '=', 's.id')
          .where('p.to_date', '>=', appraised.from)
          .where('p.to_date', '<=', appraised.to),
      );
      return eb.or([lines, sheet]);
    });
  if (after) q = q.where((eb) => eb.or([eb('s.badge_no', '>', after.badge), eb.and([eb('s.badge_no', '=', after.badge), eb('s.id', '>', after.id)])]));
  return q.orderBy('s.badge_no').orderBy('s.id').limit(limit).execute();
}

/** The month's units fined or rewarded as a unit (no person named), in code order. */
export async function findUnitPayees(db: Executor, orgId: string, month: string) {
  return db
    .selectFrom('ledger_entries as e')
    .innerJoin('units as u', 'u.id', 'e.unit_id')
    .select(['e.unit_id as unit_id', 'u.code as code', 'u.name as name', finesSum.as('fines'), rewardsSum.as('rewards')])
    .where('e.org_id', '=', orgId)
    .where('e.payroll_month', '=', month)
    .where('e.staff_id', 'is', null)
    .where('e.amount_fen', '!=', 0)
    .groupBy(['e.unit_id', 'u.code', 'u.name'])
    .orderBy('u.code')
    .execute();
}

/** The primary unit names of a page of people (the export's unit column). */
export async function findPrimaryUnitNames(db: Executor, staffIds: string[]): Promise<Map<string, string>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff_units as su')
    .innerJoin('units as u', 'u.id', 'su.unit_id')
    .select(['su.staff_id', 'u.name', 'su.is_primary'])
    .where('su.staff_id', 'in', staffIds)
    .orderBy('su.is_primary', 'desc')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.staff_id)) out.set(r.staff_id, r.name);
  return out;
}

/** What a payroll row shows of each line behind it (the export reads 500 people's lines at a time: only these columns). */
export type PayrollLine = Pick<LedgerEntriesTable, 'staff_id' | 'unit_id' | 'line_kind' | 'summary' | 'rule_code' | 'amount_fen'>;

/** The lines behind a page of payees. */
export async function findLinesOfPayees(db: Executor, orgId: string, month: string, staffIds: string[], unitIds: string[]): Promise<PayrollLine[]> {
  if (staffIds.length === 0 && unitIds.length === 0) return [];
  return db
    .selectFrom('ledger_entries as e')
    .select(['e.staff_id', 'e.unit_id', 'e.line_kind', 'e.summary', 'e.rule_code', 'e.amount_fen'])
    .where('e.org_id', '=', orgId)
    .where('e.payroll_month', '=', month)
    .where('e.amount_fen', '!=', 0)
    .where((eb) => {
      const ors = [];
      if (staffIds.length) ors.push(eb('e.staff_id', 'in', staffIds));
      if (unitIds.length) ors.push(eb.and([eb('e.staff_id', 'is', null), eb('e.unit_id', 'in', unitIds)]));
      return eb.or(ors);
    })
    .orderBy('e.final_at')
    .orderBy('e.id')
    .execute();
}
