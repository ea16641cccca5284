import type { Kysely } from 'kysely';

/**
 * Inspections (明察暗访, RULES §4): the versions of each scoring template an organisation used
 * (seeded from the pack on first use; an edit adds a version, never rewrites one), the inspections
 * scored with one version, their item results (a finding links its rectification case), and the
 * quarterly coverage plans. Scores are whole thousandths of a point.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection_templates')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_templates_pk', ['org_id', 'code', 'version'])
    .execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('template_code', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('performed_at', 'bigint', (c) => c.notNull())
    .addColumn('inspector_id', 'text')
    .addColumn('inspector_label', 'text', (c) => c.notNull())
    .addColumn('score_milli', 'integer', (c) => c.notNull())
    .addColumn('max_milli', 'integer', (c) => c.notNull())
    .addColumn('vetoed', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('request_hash', 'text')
    .addColumn('signature', 'text')
    .addColumn('signer_name', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('inspections_idempotency_uq', ['org_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('inspections_org_performed_ix').on('inspections').columns(['org_id', 'performed_at']).execute();
  await db.schema.createIndex('inspections_org_unit_path_ix').on('inspections').columns(['org_id', 'unit_path']).execute();
  await db.schema.createIndex('inspections_unit_template_ix').on('inspections').columns(['unit_id', 'template_code', 'performed_at']).execute();
  await db.schema.createIndex('inspections_inspector_ix').on('inspections').columns(['inspector_id', 'performed_at']).execute();

  await db.schema
    .createTable('inspection_items')
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('cases', 'integer', (c) => c.notNull())
    .addColumn('observations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('pass', 'integer')
    .addColumn('na', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('deduction_milli', 'integer', (c) => c.notNull())
    .addColumn('failed', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('scored', 'integer', (c) => c.notNull())
    // A finding: a scored item that found something. It opens a rectification case.
    .addColumn('finding', 'integer', (c) => c.notNull())
    .addColumn('veto', 'integer', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('half_hearted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_items_pk', ['inspection_id', 'item'])
    .execute();
  await db.schema.createIndex('inspection_items_case_ix').on('inspection_items').column('case_id').execute();

  await db.schema
    .createTable('inspection_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('units', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('inspection_plans_quarter_uq', ['org_id', 'quarter'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
