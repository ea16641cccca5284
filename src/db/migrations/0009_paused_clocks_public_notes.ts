import { sql, type Kysely } from 'kysely';

/**
 * Two facts the case engine needs in SQL:
 * - `case_clocks.paused_at`: when the open pause of a clock began (null when running or stopped).
 *   A paused clock (e.g. waiting for the complainant) is neither due soon nor overdue, and the
 *   inbox filters must be able to leave it out without parsing the pauses JSON.
 * - `case_events.public_note`: the text an action explicitly addresses to the public (the reply
 *   to the complainant). The public status page shows only this, never the internal note.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_clocks').addColumn('paused_at', 'bigint').execute();
  await db.schema.alterTable('case_events').addColumn('public_note', 'text').execute();

  const open = await db.selectFrom('case_clocks').select(['case_id', 'clock_id', 'pauses']).where('stopped_at', 'is', null).where('pauses', '<>', '[]').execute();
  for (const row of open) {
    const pauses = JSON.parse(String(row.pauses)) as { from: number; to: number | null }[];
    const current = pauses.find((p) => p.to === null);
    if (current) await db.updateTable('case_clocks').set({ paused_at: current.from }).where('case_id', '=', row.case_id).where('clock_id', '=', row.clock_id).execute();
  }
  // Until now the note of the reply (a complaint's answer, a rectification's measure) and of a
  // deadline set by the sweep was the public text; other public notes stay internal from now on.
  await sql`update case_events set public_note = note where public = 1 and action in ('reply', 'rectify', 'deadline_set')`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
