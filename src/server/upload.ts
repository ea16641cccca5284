import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';
import { isFitText, unfitTextMessage } from '../shared/fields.js';
import { fieldIssue, invalidFields } from '../shared/issues.js';
import type { ReadUpload, UploadedFile } from '../shared/upload.js';

/**
 * The multipart field "file" of a request, read when the service calls for it (after its access
 * check): a request that is not multipart is 415, one without a file names the missing field.
 */
export function uploadOf(request: FastifyRequest): ReadUpload {
  return async () => {
    const file = await readSingleFile(request);
    if (!file) throw invalidFields(fieldIssue('body.file', { zh: '请选择要上传的文件', en: 'Choose a file to upload' }));
    return file;
  };
}

/**
 * The one file of a multipart upload. A second file is refused (400 too_many_files) rather than
 * silently dropped: the sender must not believe both were stored. Form fields are ignored.
 */
async function readSingleFile(req: FastifyRequest): Promise<UploadedFile | null> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', { details: { reason: 'multipart/form-data with a "file" field' } });
  let file: UploadedFile | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (file) throw tooManyFiles();
      // The name is stored with the attachment: the same text rule as every other field.
      if (!isFitText(part.filename)) throw invalidFields(fieldIssue('body.file', { zh: `文件名${unfitTextMessage.zh}`, en: `the file name ${unfitTextMessage.en}` }));
      file = { name: part.filename, data: await part.toBuffer() };
    }
  } catch (e) {
    // The multipart limit (one file) stops the parser at the second file's header.
    if ((e as { code?: string }).code === 'FST_FILES_LIMIT') throw tooManyFiles();
    throw e;
  }
  return file;
}

const tooManyFiles = () => new AppError('too_many_files', { details: { reason: 'one file per request' } });
