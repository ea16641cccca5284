import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Attachments of a case (附件: photos, recordings of the hotline call, scans, the signed service
 * contact card). Metadata and content in separate tables, so listing a case's files never reads
 * their bytes; the content lives in the database, so every app node serves every file and a
 * backup of the database is a backup of the files. A deleted file keeps its metadata (the audit
 * log names it) and loses its content.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('case_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_label', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('case_attachments_case_ix').on('case_attachments').columns(['case_id', 'uploaded_at']).execute();
  await db.schema
    .createTable('case_attachment_contents')
    .addColumn('attachment_id', 'text', (c) => c.primaryKey().references('case_attachments.id'))
    .addColumn('content', binary as 'blob', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
