import type { Kysely } from 'kysely';

/**
 * The sanctions ledger (奖惩台账, RULES §5): one line per final fine or reward and target, and one
 * correction line per reversal, each in a payroll month; and the payroll months the office has
 * opened or closed. A closed month's lines are never edited: a later reversal is a correction line
 * in the next open month. Amounts are signed fen (fines negative, rewards positive).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payroll_months')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lines', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fines_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rewards_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('closed_at', 'bigint')
    .addColumn('closed_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('payroll_months_pk', ['org_id', 'month'])
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('sanction_id', 'text', (c) => c.notNull())
    // 'entry' (the sanction's line) or 'correction' (its reversal); one of each per sanction and target.
    .addColumn('line_kind', 'text', (c) => c.notNull())
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    // The unit whose subtree may see the line (the target unit, or the person's primary unit).
    .addColumn('scope_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('unit_path', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('outcomes', 'text', (c) => c.notNull())
    .addColumn('notice', 'text')
    .addColumn('disqualifies_year', 'integer')
    .addColumn('rule_code', 'text', (c) => c.notNull())
    .addColumn('citation', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('final_at', 'bigint', (c) => c.notNull())
    .addColumn('final_month', 'text', (c) => c.notNull())
    .addColumn('payroll_month', 'text', (c) => c.notNull())
    .addColumn('corrects_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('ledger_entries_sanction_uq', ['org_id', 'sanction_id', 'target_key', 'line_kind'])
    .execute();
  await db.schema.createIndex('ledger_entries_month_ix').on('ledger_entries').columns(['org_id', 'payroll_month', 'staff_id']).execute();
  await db.schema.createIndex('ledger_entries_staff_ix').on('ledger_entries').columns(['staff_id', 'payroll_month']).execute();
  await db.schema.createIndex('ledger_entries_path_ix').on('ledger_entries').columns(['org_id', 'unit_path']).execute();
  await db.schema.createIndex('ledger_entries_final_ix').on('ledger_entries').columns(['org_id', 'final_month']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
