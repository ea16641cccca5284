import type { AppContext } from '../../shared/context.js';
import * as repo from './repository.js';

/** Whether the database answers (readiness). */
export async function databaseReachable(ctx: AppContext): Promise<boolean> {
  try {
    await repo.ping(ctx.db.kysely);
    return true;
  } catch {
    return false;
  }
}
