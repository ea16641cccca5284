import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Assignments of a stored quarterly plan's entries to an inspector or social supervisor, with a
 * due date (issue 14 item 3). An inspection performed against one marks it done and keeps its id,
 * so an inspector sees what was assigned to them as well as what they performed.
 * The (org, kind, performed_at) index serves the monthly coverage reads (management checks, CCTV
 * clips), which filter on the inspection kind over a month.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('inspection_plans.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('inspection_id', 'text')
    .addColumn('done_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('inspection_assignments_plan_unit_ux').on('inspection_assignments').columns(['plan_id', 'unit_id']).unique().execute();
  await db.schema.createIndex('inspection_assignments_assignee_ix').on('inspection_assignments').columns(['org_id', 'assignee_id', 'status']).execute();
  await db.schema.alterTable('inspections').addColumn('assignment_id', 'text').execute();
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) await sql`create index inspections_round_cover_ix on inspections (org_id, unit_id, performed_at, id) include (score_milli, max_milli)`.execute(db);
  else await db.schema.createIndex('inspections_round_cover_ix').on('inspections').columns(['org_id', 'unit_id', 'performed_at', 'id', 'score_milli', 'max_milli']).execute();
  await db.schema.dropIndex('inspections_org_unit_round_ix').execute();
  await db.schema.createIndex('inspections_org_kind_performed_ix').on('inspections').columns(['org_id', 'kind', 'performed_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
