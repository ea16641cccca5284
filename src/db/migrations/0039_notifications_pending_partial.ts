import { sql, type Kysely } from 'kysely';

/**
 * The notification outbox's index holds only the messages still to send. An inbox message is
 * stored as sent, and at close of business the deadline sweep stores tens of thousands at once
 * (npm run bench -- sweep): each added an entry the outbox never looks for. The outbox asks for
 * pending messages by their next attempt (findPending, the status written as a literal), which the
 * partial index answers on both databases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notifications_pending_ix').execute();
  await db.schema.createIndex('notifications_pending_ix').on('notifications').column('next_attempt_at').where(sql.ref('status'), '=', 'pending').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
