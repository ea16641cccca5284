/**
 * 公布 tells the winners (issue 17 item 5): each winning staff member's logins, and the head of
 * each winning unit (a collective award), get an in-app message and — where their login has an
 * email address — an email through the notification outbox, in the announcement's transaction.
 * The announcement happens once (the round's state moves to announced under its version), and a
 * person named twice (a head of two winning units, a winner who heads a winning unit) hears once.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import type { AwardRoundsTable } from '../../db/types.js';
import type { AwardTypeInForce } from '../../policy/index.js';
import { notifyAddress, notifyUsersOfEach } from '../notifications/service.js';
import { nearestUnitHeadContacts, usersOfStaff } from '../users/service.js';
import type { NominationRow } from './repository.js';

export async function notifyWinners(ctx: AppContext, trx: Executor, row: AwardRoundsTable, type: AwardTypeInForce, winners: NominationRow[]): Promise<void> {
  const users = new Map<string, { email: string | null; winner: string }>();
  for (const n of winners) {
    const name = n.staff_name ?? n.unit_name;
    const contacts = n.staff_id
      ? (await usersOfStaff(ctx, row.org_id, n.staff_id, trx)).map((u) => ({ userId: u.id, email: u.email }))
      : await nearestUnitHeadContacts(ctx, row.org_id, n.unit_path, trx);
    for (const c of contacts) if (!users.has(c.userId)) users.set(c.userId, { email: c.email, winner: name });
  }
  const subject = `【评选结果公布】${type.name.zh}（${row.period}）`;
  const bodyOf = (winner: string) => `${winner} 获评“${type.name.zh}”（${row.period}），祝贺！`;
  await notifyUsersOfEach(ctx, trx, [...users.entries()].map(([userId, u]) => ({ orgId: row.org_id, userIds: [userId], subject, body: bodyOf(u.winner) })));
  const emails = new Set<string>();
  for (const u of users.values()) {
    if (!u.email || emails.has(u.email)) continue;
    emails.add(u.email);
    await notifyAddress(ctx, trx, { orgId: row.org_id, channel: 'email', address: u.email, subject, body: bodyOf(u.winner) });
  }
}
