import type { Kysely } from 'kysely';

/** One case engine for every tracked matter: cases, their timeline, SLA clocks, escalations; notifications; incident files. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('tracking_no', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('category', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('first_responder_id', 'text', (c) => c.references('staff.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_by', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('public_code_hash', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('cases_org_type_status_ix').on('cases').columns(['org_id', 'type', 'status']).execute();
  await db.schema.createIndex('cases_org_received_ix').on('cases').columns(['org_id', 'received_at']).execute();
  await db.schema.createIndex('cases_org_unit_path_ix').on('cases').columns(['org_id', 'unit_path']).execute();
  await db.schema.createIndex('cases_staff_ix').on('cases').column('staff_id').execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('case_events_case_seq_uq', ['case_id', 'seq'])
    .execute();

  await db.schema
    .createTable('case_clocks')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('clock_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull()) // the pack's clock when it started: later policy edits do not move it
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('pauses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('stopped_at', 'bigint')
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('severe_at', 'bigint', (c) => c.notNull())
    .addColumn('lateness', 'text', (c) => c.notNull().defaultTo('on_time'))
    .addColumn('next_check_at', 'bigint')
    .addColumn('run', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('case_clocks_pk', ['case_id', 'clock_id'])
    .execute();
  await db.schema.createIndex('case_clocks_next_check_ix').on('case_clocks').column('next_check_at').execute();
  await db.schema.createIndex('case_clocks_org_due_ix').on('case_clocks').columns(['org_id', 'due_at']).execute();

  // One row per fired escalation level: the primary key makes "fires exactly once" a database fact.
  await db.schema
    .createTable('case_escalations')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('clock_id', 'text', (c) => c.notNull())
    .addColumn('run', 'integer', (c) => c.notNull())
    .addColumn('level_id', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'bigint', (c) => c.notNull())
    .addColumn('fired_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_escalations_pk', ['case_id', 'clock_id', 'run', 'level_id'])
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('counters_pk', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('address', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('read_at', 'bigint')
    .execute();
  await db.schema.createIndex('notifications_pending_ix').on('notifications').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('notifications_user_ix').on('notifications').columns(['user_id', 'created_at']).execute();

  // 差错投诉个人档案: verified complaints (and later inspection findings) against a staff member.
  await db.schema
    .createTable('staff_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('unit_id', 'text')
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('staff_incidents_source_uq', ['source_type', 'source_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('staff_incidents_staff_ix').on('staff_incidents').columns(['staff_id', 'occurred_at']).execute();

  // Per-organisation lists such as complaint categories and causes (editable taxonomies).
  await db.schema
    .createTable('taxonomies')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('taxonomies_pk', ['org_id', 'kind'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
