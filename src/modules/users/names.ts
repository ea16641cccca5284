import type { AppContext, Executor } from '../../shared/context.js';
import { actorKindOf, type ActorKind } from '../../shared/access.js';
import * as repo from './repository.js';

/**
 * Names for the actors of case events and the assignee, looked up once: never a user id or a
 * login name where a person's name belongs. `actorName` is null for the public and the system
 * (the screens say 公众 / 系统 in the reader's language).
 */
export async function actorNamer(ctx: AppContext, orgId: string, actorIds: (string | null)[], db: Executor = ctx.db.kysely) {
  const ids = [...new Set(actorIds.filter((id): id is string => !!id))];
  const names = new Map((await repo.findDisplayNames(db, orgId, ids)).map((u) => [u.id, u.display_name || u.username]));
  return (actorId: string | null, label: string): { actorKind: ActorKind; actorName: string | null } => {
    const actorKind = actorKindOf(actorId, label);
    return { actorKind, actorName: actorId ? (names.get(actorId) ?? label) : null };
  };
}
