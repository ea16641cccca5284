import type { Kysely } from 'kysely';

/**
 * Sanctions (奖惩, RULES §5): one row per proposal and target, unique on (source, rule, target)
 * so a fact proposes once however often the sweep or a retry runs; its timeline; the person's
 * appeal (申诉, at most one per sanction); and the sweep's cursor over verified incidents.
 * Amounts are whole fen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sanctions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('rule_code', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('committee_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('proposed_amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('evaluation', 'text', (c) => c.notNull())
    .addColumn('fact', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notice_at', 'bigint')
    .addColumn('appeal_due_date', 'text')
    .addColumn('appeal_closes_at', 'bigint')
    .addColumn('final_at', 'bigint')
    .addColumn('payroll_month', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('sanctions_source_rule_target_uq', ['org_id', 'source_type', 'source_id', 'rule_code', 'target_key'])
    .execute();
  await db.schema.createIndex('sanctions_org_status_ix').on('sanctions').columns(['org_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('sanctions_org_path_ix').on('sanctions').columns(['org_id', 'unit_path']).execute();
  await db.schema.createIndex('sanctions_staff_ix').on('sanctions').columns(['staff_id', 'created_at']).execute();
  await db.schema.createIndex('sanctions_window_ix').on('sanctions').columns(['status', 'appeal_closes_at']).execute();

  await db.schema
    .createTable('sanction_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sanction_id', 'text', (c) => c.notNull().references('sanctions.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('amount_fen', 'bigint')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('sanction_events_sanction_ix').on('sanction_events').columns(['sanction_id', 'at']).execute();

  await db.schema
    .createTable('sanction_appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sanction_id', 'text', (c) => c.notNull().unique().references('sanctions.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'bigint', (c) => c.notNull())
    .addColumn('filed_by', 'text')
    .addColumn('filed_label', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addColumn('decided_by', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('amount_fen', 'bigint')
    .execute();

  await db.schema
    .createTable('sanction_sweeps')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('verified_until', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
