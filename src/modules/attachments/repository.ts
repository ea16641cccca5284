import type { Executor } from '../../shared/context.js';
import type { CaseAttachmentsTable } from '../../db/types.js';

export async function insertAttachment(db: Executor, row: CaseAttachmentsTable, content: Buffer) {
  await db.insertInto('case_attachments').values(row).execute();
  await db.insertInto('case_attachment_contents').values({ attachment_id: row.id, content }).execute();
}

export async function findAttachments(db: Executor, caseId: string) {
  return db.selectFrom('case_attachments').selectAll().where('case_id', '=', caseId).where('deleted_at', 'is', null).orderBy('uploaded_at').orderBy('id').execute();
}

export async function findAttachment(db: Executor, id: string) {
  return db.selectFrom('case_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function readContent(db: Executor, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('case_attachment_contents').select('content').where('attachment_id', '=', id).executeTakeFirst();
  return row ? Buffer.from(row.content) : undefined;
}

/** Marks the file deleted and drops its bytes; false when it was already deleted. */
export async function deleteAttachment(db: Executor, id: string, at: number): Promise<boolean> {
  const r = await db.updateTable('case_attachments').set({ deleted_at: at }).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db.deleteFrom('case_attachment_contents').where('attachment_id', '=', id).execute();
  return true;
}
