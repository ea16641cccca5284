import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Campaigns (服务提升年 plans, RULES §8; issue 18): a plan copied from a template or written from
 * scratch into a year, its phases and tasks with their resolved dates, the units in scope (with
 * the leader held accountable and the acceptance result), each unit's deliverable submissions
 * (time received, days late in the organisation's time zone; an upload's bytes apart from its
 * row), monthly and annual reports, and the reminders sent (unique, so a sweep sends each once).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('template_code', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('leading_group', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_org_year_ix').on('campaigns').columns(['org_id', 'year']).execute();

  await db.schema
    .createTable('campaign_phases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('timing', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addUniqueConstraint('campaign_phases_code_uq', ['campaign_id', 'code'])
    .execute();

  await db.schema
    .createTable('campaign_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('phase_code', 'text', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('deliverable', 'text', (c) => c.notNull())
    .addColumn('due_spec', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addUniqueConstraint('campaign_tasks_code_uq', ['campaign_id', 'code'])
    .execute();
  await db.schema.createIndex('campaign_tasks_due_ix').on('campaign_tasks').columns(['due_on']).execute();

  await db.schema
    .createTable('campaign_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('leader_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('acceptance', 'text')
    .addColumn('accepted_at', 'bigint')
    .addColumn('accepted_by', 'text')
    .addColumn('acceptance_inspection_id', 'text')
    .addColumn('acceptance_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('campaign_units_unit_uq', ['campaign_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('campaign_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('campaign_tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('late_days', 'integer', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('figure', 'text')
    .addColumn('inspection_id', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_mime', 'text')
    .addColumn('file_size', 'integer')
    .addColumn('file_sha256', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_label', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_submissions_task_unit_uq', ['task_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('campaign_submissions_campaign_ix').on('campaign_submissions').columns(['campaign_id', 'unit_id']).execute();
  await db.schema
    .createTable('campaign_submission_files')
    .addColumn('submission_id', 'text', (c) => c.primaryKey().references('campaign_submissions.id'))
    .addColumn('content', binary as 'blob', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('campaign_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('late_days', 'integer', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_label', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_reports_period_uq', ['campaign_id', 'unit_id', 'kind', 'period'])
    .execute();

  await db.schema
    .createTable('campaign_reminders')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('days_before', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_reminders_pk', ['task_id', 'unit_id', 'days_before'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
