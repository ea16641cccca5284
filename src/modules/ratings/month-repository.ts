import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../shared/context.js';
import { levelCountColumns } from '../../shared/level-counts.js';
import { indicatorColumns } from './repository.js';

/** When each closed month of an organisation was added up (months without a stamp are not materialised). */
export async function findMonthStamps(db: Executor, orgId: string, months: readonly string[]) {
  if (months.length === 0) return [];
  const rows = await db.selectFrom('rating_month_stamps').select(['month', 'computed_at']).where('org_id', '=', orgId).where('month', 'in', months).execute();
  return rows.map((r) => ({ month: r.month, computedAt: Number(r.computed_at) }));
}

/**
 * Adds up one closed month of the daily rollups (levels, reasons, served counts) into the month
 * tables and stamps it, inside the caller's transaction. Grouped by unit path too: a window moved
 * later keeps its earlier ratings under the path they were given in, as the daily rows do.
 */
export async function materialiseMonth(trx: Executor, orgId: string, month: string, computedAt: number) {
  const from = `${month}-01`;
  const to = `${month}-31`;
  const inMonth = sql<SqlBool>`org_id = ${orgId} and date >= ${from} and date <= ${to}`;
  const levelColumns = [...levelCountColumns, ...indicatorColumns] as const;
  const keyColumns = ['org_id', 'month', 'unit_id', 'unit_path', 'staff_id'] as const;
  await forgetMonthRows(trx, orgId, month);
  await trx
    .insertInto('rating_month_rollups')
    .columns([...keyColumns, ...levelColumns])
    .expression(
      trx
        .selectFrom('rating_rollups')
        .where(inMonth)
        .select([sql<string>`org_id`.as('org_id'), sql<string>`cast(${month} as text)`.as('month'), 'unit_id', 'unit_path', 'staff_id', ...levelColumns.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c))])
        .groupBy(['org_id', 'unit_id', 'unit_path', 'staff_id']),
    )
    .execute();
  await trx
    .insertInto('rating_month_reasons')
    .columns([...keyColumns, 'reason', 'n'])
    .expression(
      trx
        .selectFrom('rating_reason_rollups')
        .where(inMonth)
        .select([sql<string>`org_id`.as('org_id'), sql<string>`cast(${month} as text)`.as('month'), 'unit_id', 'unit_path', 'staff_id', 'reason', sql<number>`sum(n)`.as('n')])
        .groupBy(['org_id', 'unit_id', 'unit_path', 'staff_id', 'reason']),
    )
    .execute();
  await trx
    .insertInto('served_month_counts')
    .columns([...keyColumns, 'served'])
    .expression(
      trx
        .selectFrom('served_counts')
        .where(inMonth)
        .select([sql<string>`org_id`.as('org_id'), sql<string>`cast(${month} as text)`.as('month'), 'unit_id', 'unit_path', 'staff_id', sql<number>`sum(served)`.as('served')])
        .groupBy(['org_id', 'unit_id', 'unit_path', 'staff_id']),
    )
    .execute();
  await trx
    .insertInto('rating_month_stamps')
    .values({ org_id: orgId, month, computed_at: computedAt })
    .onConflict((oc) => oc.columns(['org_id', 'month']).doUpdateSet({ computed_at: computedAt }))
    .execute();
}

async function forgetMonthRows(db: Executor, orgId: string, month: string) {
  for (const table of ['rating_month_rollups', 'rating_month_reasons', 'served_month_counts'] as const) {
    await db.deleteFrom(table).where('org_id', '=', orgId).where('month', '=', month).execute();
  }
}

/** A write into the month's daily rollups: the month is added up again when next read. */
export async function forgetMonth(db: Executor, orgId: string, month: string) {
  await db.deleteFrom('rating_month_stamps').where('org_id', '=', orgId).where('month', '=', month).execute();
}

/** Forgets every materialised month of an organisation (after data was written back-dated into them). */
export async function forgetAllMonths(db: Executor, orgId: string) {
  await db.deleteFrom('rating_month_stamps').where('org_id', '=', orgId).execute();
}
