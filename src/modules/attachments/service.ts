import path from 'node:path';
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import type { ReadUpload } from '../../shared/upload.js';
import { orgManagers, type Actor } from '../../shared/access.js';
import { newId, sha256Hex } from '../../shared/ids.js';
import { requireExtensionOf, sniffFile } from '../../shared/sniff.js';
import type { CaseAttachmentsTable, CasesTable } from '../../db/types.js';
import { appendAudit } from '../audit/service.js';
import { loadCaseInScope, recordCaseEvent } from '../cases/service.js';
import * as repo from './repository.js';

export function presentAttachment(row: CaseAttachmentsTable) {
  return {
    id: row.id,
    caseId: row.case_id,
    name: row.name,
    mime: row.mime,
    size: Number(row.size),
    sha256: row.sha256,
    uploadedBy: row.uploaded_label,
    uploadedAt: new Date(Number(row.uploaded_at)).toISOString(),
  };
}

/** A file name as the user gave it, without a path, control characters or an endless length. */
function cleanName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'attachment').slice(-200);
}

/** Who a stored file is recorded as coming from: the caller, or (public uploads) a label. */
type Uploader = { id: string | null; label: string };

/**
 * The one way a checked file enters a case, inside the caller's transaction: its row and bytes,
 * an `attach` event on the timeline and the audit entry. `at` orders several files stored at once.
 */
async function storeAttachment(ctx: AppContext, trx: Executor, actor: Actor, kase: Pick<CasesTable, 'id' | 'org_id' | 'type'>, file: { name: string; mime: string; content: Buffer }, options: { uploader?: Uploader; at?: number } = {}) {
  const now = ctx.clock.now();
  const uploader = options.uploader ?? { id: actor.userId || null, label: actor.username };
  const row: CaseAttachmentsTable = {
    id: newId(options.at ?? now),
    case_id: kase.id,
    org_id: kase.org_id,
    name: file.name,
    mime: file.mime,
    size: file.content.length,
    sha256: sha256Hex(file.content),
    uploaded_by: uploader.id,
    uploaded_label: uploader.label,
    uploaded_at: now,
    deleted_at: null,
  };
  await repo.insertAttachment(trx, row, file.content);
  await recordCaseEvent(trx, { id: newId(now), case_id: kase.id, org_id: kase.org_id, at: now, actor_id: uploader.id, actor_label: uploader.label, action: 'attach', from_status: null, to_status: null, note: file.name, data: JSON.stringify({ attachmentId: row.id, size: row.size, mime: row.mime }), public: 0, public_note: null });
  await appendAudit(ctx, trx, actor, { action: 'attach', entity: `case:${kase.type}`, entityId: kase.id, after: presentAttachment(row) });
  return presentAttachment(row);
}

/**
 * 上传附件: anyone who may see the case may add evidence to it (a photo, the recording of the call,
 * a scan). The kind is read from the bytes and the name must agree with it; the timeline and the audit log name the file.
 * Access first: the file is read only once the caller is known to see the case.
 */
export async function attachFile(ctx: AppContext, actor: Actor, caseId: string, readFile: ReadUpload) {
  await loadCaseInScope(ctx, actor, caseId);
  const upload = await readFile();
  const file = { name: upload.name, content: upload.data };
  const name = cleanName(file.name);
  if (file.content.length === 0) throw invalidFields(fieldIssue('body.file', { zh: '文件为空', en: 'The file is empty' }));
  const kind = sniffFile(file.content, name);
  if (!kind) throw new AppError('file_type_not_allowed', { details: { name } });
  requireExtensionOf(kind, name);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const kase = await loadCaseInScope(ctx, actor, caseId, trx);
    return storeAttachment(ctx, trx, actor, kase, { name, mime: kind.mime, content: file.content });
  });
}

/**
 * Stores a file a case type made itself (the customer's signature drawn on a phone) inside the
 * action's transaction: judged by its bytes like any upload, recorded on the timeline and audited.
 * `field` names the input the bytes came from, for the 400 when they are not of an allowed kind.
 */
export async function attachBytesWith(ctx: AppContext, trx: Executor, actor: Actor, kase: Pick<CasesTable, 'id' | 'org_id' | 'type'>, file: { name: string; content: Buffer; field: string; allowedMimes?: readonly string[] }) {
  const name = cleanName(file.name);
  const kind = file.content.length ? sniffFile(file.content, name) : null;
  if (!kind || (file.allowedMimes && !file.allowedMimes.includes(kind.mime))) {
    throw invalidFields(fieldIssue(file.field, { zh: `文件内容不是允许的类型（${(file.allowedMimes ?? ['图片、文档']).join('、')}）`, en: `the content is not of an allowed kind (${(file.allowedMimes ?? ['image, document']).join(', ')})` }));
  }
  requireExtensionOf(kind, name);
  return storeAttachment(ctx, trx, actor, kase, { name, mime: kind.mime, content: file.content });
}

export async function listAttachments(ctx: AppContext, actor: Actor, caseId: string) {
  const kase = await loadCaseInScope(ctx, actor, caseId, ctx.db.kysely, 'read');
  return { items: (await repo.findAttachments(ctx.db.kysely, kase.id)).map(presentAttachment) };
}

async function attachmentOfCase(ctx: AppContext, actor: Actor, caseId: string, attachmentId: string) {
  const kase = await loadCaseInScope(ctx, actor, caseId);
  const row = await repo.findAttachment(ctx.db.kysely, attachmentId);
  if (!row || row.case_id !== kase.id || row.deleted_at !== null) throw new AppError('not_found', { details: { entity: 'attachment', id: attachmentId } });
  return { kase, row };
}

export async function downloadAttachment(ctx: AppContext, actor: Actor, caseId: string, attachmentId: string) {
  const { row } = await attachmentOfCase(ctx, actor, caseId, attachmentId);
  const content = await repo.readContent(ctx.db.kysely, row.id);
  if (!content) throw new AppError('not_found', { details: { entity: 'attachment', id: attachmentId } });
  return { name: row.name, mime: row.mime, content };
}

/** 删除附件: by whoever uploaded it, or by an administrator or the quality office; the audit log keeps its name. */
export async function removeAttachment(ctx: AppContext, actor: Actor, caseId: string, attachmentId: string) {
  const { kase, row } = await attachmentOfCase(ctx, actor, caseId, attachmentId);
  const mayDelete = (actor.userId !== '' && row.uploaded_by === actor.userId) || orgManagers.includes(actor.role);
  if (!mayDelete) throw new AppError('forbidden', { details: { reason: 'only the uploader, an administrator or the quality office may delete an attachment' } });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    if (!(await repo.deleteAttachment(trx, row.id, now))) throw new AppError('not_found', { details: { entity: 'attachment', id: attachmentId } });
    await recordCaseEvent(trx, { id: newId(now), case_id: kase.id, org_id: kase.org_id, at: now, actor_id: actor.userId || null, actor_label: actor.username, action: 'detach', from_status: null, to_status: null, note: row.name, data: JSON.stringify({ attachmentId: row.id }), public: 0, public_note: null });
    await appendAudit(ctx, trx, actor, { action: 'delete', entity: 'case_attachment', entityId: row.id, before: presentAttachment(row) });
  });
}

/** A photo sent with a public complaint, checked and ready to store. */
export interface CheckedPhoto {
  name: string;
  content: Buffer;
  mime: string;
}

const photoTypes = ['image/jpeg', 'image/png'];

/**
 * 投诉照片: the photos a complainant sends with the public form, checked before anything is
 * written — at most `count`, each JPEG or PNG by its bytes (the name must agree) and at most
 * `maxBytes` — so a bad photo refuses the whole complaint (400 naming `field`) and stores nothing.
 */
export function checkPublicPhotos(photos: readonly { name: string; data: Buffer }[], limits: { count: number; maxBytes: number }, field = 'body.photos'): CheckedPhoto[] {
  const mb = Math.round((limits.maxBytes / 1024 / 1024) * 10) / 10;
  if (photos.length > limits.count) {
    throw invalidFields(fieldIssue(field, { zh: `最多只能附 ${limits.count} 张照片（收到 ${photos.length} 张）`, en: `at most ${limits.count} photos (got ${photos.length})` }));
  }
  return photos.map((p, i) => {
    const name = cleanName(p.name || `photo-${i + 1}.jpg`);
    if (p.data.length === 0) throw invalidFields(fieldIssue(field, { zh: `第 ${i + 1} 张照片是空文件`, en: `photo ${i + 1} is empty` }));
    if (p.data.length > limits.maxBytes) throw invalidFields(fieldIssue(field, { zh: `第 ${i + 1} 张照片超过 ${mb} MB`, en: `photo ${i + 1} is larger than ${mb} MB` }));
    const kind = sniffFile(p.data, name);
    const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
    if (!kind || !photoTypes.includes(kind.mime) || (ext && !kind.extensions.includes(ext))) {
      throw invalidFields(fieldIssue(field, { zh: `第 ${i + 1} 张不是 JPEG 或 PNG 照片`, en: `photo ${i + 1} is not a JPEG or PNG image` }));
    }
    return { name, content: p.data, mime: kind.mime };
  });
}

/** Stores checked photos on a case just registered, inside the caller's transaction (timeline and audit name each). */
export async function attachPublicPhotos(ctx: AppContext, trx: Executor, actor: Actor, kase: { id: string; org_id: string; type: string }, photos: readonly CheckedPhoto[]) {
  const now = ctx.clock.now();
  for (const [i, p] of photos.entries()) {
    // Ids a millisecond apart keep the photos in the order they were chosen (the list sorts by id);
    // the complainant is named in words (no login behind a public upload).
    await storeAttachment(ctx, trx, actor, kase, p, { at: now + i, uploader: { id: null, label: '投诉人' } });
  }
}
