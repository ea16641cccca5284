import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';

/** The cheapest round trip to the database. */
export async function ping(db: Executor): Promise<void> {
  await sql`select 1`.execute(db);
}
