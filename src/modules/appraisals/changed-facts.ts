/**
 * A fact that changes after a sheet was filled (an upheld appeal revokes or reduces a sanction, a
 * verified complaint is found unfounded): every sheet filled from it is refilled and reopened with
 * a note naming the fact, the old and the new total and star — never changed silently. An approved
 * sheet goes back to scored and needs approval again.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import * as repo from './repository.js';
import { reopenOne } from './workflow.js';

export interface ChangedFact {
  orgId: string;
  kind: 'sanction' | 'incident' | 'case' | 'inspection';
  id: string;
  /** In words, naming the fact and what happened to it (shown on the sheet). */
  note: string;
}

/** Reopens the sheets filled from the fact, in the caller's transaction; returns their ids. */
export async function reopenSheetsForFact(ctx: AppContext, trx: Executor, actor: Actor, fact: ChangedFact): Promise<string[]> {
  const ids = (await repo.findSheetIdsOfFact(trx, fact.orgId, fact.kind, fact.id)).map((r) => r.sheet_id);
  for (const id of ids) {
    const sheet = await repo.findSheetById(trx, fact.orgId, id);
    if (!sheet) continue;
    await reopenOne(ctx, trx, actor, sheet, 'fact', fact.note, { kind: fact.kind, id: fact.id });
  }
  return ids;
}
