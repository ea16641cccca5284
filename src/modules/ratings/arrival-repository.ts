import type { Executor } from '../../shared/context.js';
import type { RatingArrivalsTable } from '../../db/types.js';

export async function insertArrival(db: Executor, row: RatingArrivalsTable) {
  await db.insertInto('rating_arrivals').values(row).execute();
}

/** Whether this device rated this window after `since`. */
export async function deviceRatedSince(db: Executor, unitId: string, device: string, since: number): Promise<boolean> {
  const row = await db.selectFrom('rating_arrivals').select('rating_id').where('unit_id', '=', unitId).where('device', '=', device).where('at', '>', since).limit(1).executeTakeFirst();
  return !!row;
}

/** Ratings of this window from this client address after `since`. */
export async function countFromClientSince(db: Executor, unitId: string, client: string, since: number): Promise<number> {
  const row = await db
    .selectFrom('rating_arrivals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', unitId)
    .where('client', '=', client)
    .where('at', '>', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
