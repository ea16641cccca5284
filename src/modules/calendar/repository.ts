import type { Executor } from '../../shared/context.js';
import type { CalendarOverridesTable } from '../../db/types.js';
import { chunks } from '../../db/chunks.js';
import { deleteIfVersion } from '../../db/versioned.js';

export async function readNationalDays(db: Executor) {
  return db.selectFrom('national_days').select(['date', 'kind', 'name', 'year']).execute();
}

export async function readCalendarYears(db: Executor) {
  return db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
}

/** A cheap change stamp: recompile cached calendars only when the data moved. */
export async function readNationalStamp(db: Executor): Promise<string> {
  const row = await db
    .selectFrom('calendar_years')
    .select((eb) => [eb.fn.max('imported_at').as('last'), eb.fn.countAll<number>().as('n')])
    .executeTakeFirst();
  return `${row?.last ?? 0}:${row?.n ?? 0}`;
}

export async function replaceScheduleYear(
  db: Executor,
  year: number,
  days: { date: string; kind: 'off' | 'work'; name: string }[],
  source: string,
  now: number,
) {
  await db.deleteFrom('national_days').where('year', '=', year).execute();
  if (days.length) {
    await db.deleteFrom('national_days').where('date', 'in', days.map((d) => d.date)).execute();
    for (const some of chunks(days)) await db.insertInto('national_days').values(some.map((d) => ({ ...d, year }))).execute();
  }
  await db.deleteFrom('calendar_years').where('year', '=', year).execute();
  await db.insertInto('calendar_years').values({ year, source, imported_at: now }).execute();
}

export async function readOverrides(db: Executor, orgId: string, from?: string, to?: string) {
  let q = db.selectFrom('calendar_overrides').selectAll().where('org_id', '=', orgId);
  if (from) q = q.where('date', '>=', from);
  if (to) q = q.where('date', '<=', to);
  return q.orderBy('date').execute();
}

export async function readOverridesStamp(db: Executor, orgId: string): Promise<string> {
  const row = await db
    .selectFrom('calendar_overrides')
    .select((eb) => [eb.fn.max('updated_at').as('last'), eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return `${row?.last ?? 0}:${row?.n ?? 0}`;
}

export async function findOverride(db: Executor, id: string) {
  return db.selectFrom('calendar_overrides').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOverride(db: Executor, row: CalendarOverridesTable) {
  await db.insertInto('calendar_overrides').values(row).execute();
}

export function deleteOverrideIfVersion(db: Executor, id: string, version: number): Promise<boolean> {
  return deleteIfVersion(db, 'calendar_overrides', id, version);
}
