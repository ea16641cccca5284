import type { Kysely } from 'kysely';

/**
 * Personal appraisal (个人考核, issue 21): one sheet per person per period (002:L216).
 * - `appraisal_periods`: a template of the pack (or the organisation's edited version) run for a
 *   period; the template as filled is copied in (`template`), so a sheet keeps its version.
 * - `appraisal_sheets`: the person's sheet; the filled items are JSON on the row (one insert per
 *   sheet, batched: 5,000 sheets fill in a few statements), the head's judged scores as JSON.
 * - `appraisal_sheet_facts`: which records a sheet was filled from (kind + id), so a fact that
 *   changes after approval (an upheld appeal) finds the sheets to reopen.
 * - `appraisal_sheet_notes`: objections, feedback, reopen notes (with the old and new total).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appraisal_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('template_code', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    // 'open' while a sheet is not approved; 'closed' once every sheet is
    .addColumn('state', 'text', (c) => c.notNull())
    // 末位 checked once the period first closed (the interview/training tasks are not sent twice)
    .addColumn('bottom_checked_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('appraisal_periods_label_uq', ['org_id', 'template_code', 'label'])
    .execute();
  await db.schema.createIndex('appraisal_periods_org_ix').on('appraisal_periods').columns(['org_id', 'to_date', 'created_at']).execute();

  await db.schema
    .createTable('appraisal_sheets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('period_id', 'text', (c) => c.notNull().references('appraisal_periods.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    // filled → scored → confirmed | objected → approved; a reopened sheet goes back to scored/filled
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('total', 'text', (c) => c.notNull())
    .addColumn('stars', 'integer')
    .addColumn('pay_coefficient', 'text')
    .addColumn('star', 'text')
    .addColumn('complete', 'integer', (c) => c.notNull())
    .addColumn('vetoed', 'integer', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('judged', 'text', (c) => c.notNull())
    .addColumn('feedback', 'text')
    .addColumn('feedback_at', 'bigint')
    .addColumn('objection', 'text')
    .addColumn('objected_at', 'bigint')
    .addColumn('approved_at', 'bigint')
    .addColumn('approved_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('appraisal_sheets_staff_uq', ['period_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('appraisal_sheets_period_ix').on('appraisal_sheets').columns(['period_id', 'state']).execute();
  await db.schema.createIndex('appraisal_sheets_staff_ix').on('appraisal_sheets').columns(['org_id', 'staff_id', 'state']).execute();

  await db.schema
    .createTable('appraisal_sheet_facts')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fact_id', 'text', (c) => c.notNull())
    .addColumn('sheet_id', 'text', (c) => c.notNull().references('appraisal_sheets.id'))
    .addPrimaryKeyConstraint('appraisal_sheet_facts_pk', ['org_id', 'kind', 'fact_id', 'sheet_id'])
    .execute();
  await db.schema.createIndex('appraisal_sheet_facts_sheet_ix').on('appraisal_sheet_facts').columns(['sheet_id']).execute();

  await db.schema
    .createTable('appraisal_sheet_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('sheet_id', 'text', (c) => c.notNull().references('appraisal_sheets.id'))
    // 'objection' | 'feedback' | 'reopen' | 'fact' (reopened because a fact changed)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appraisal_sheet_notes_sheet_ix').on('appraisal_sheet_notes').columns(['sheet_id', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
