import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';
import { fieldIssue, invalidFields } from '../shared/issues.js';
import type { ReadUpload } from '../shared/upload.js';

/**
 * The multipart field "file" of a request, read when the service calls for it (after its access
 * check): a request that is not multipart is 415, one without a file names the missing field.
 */
export function uploadOf(request: FastifyRequest): ReadUpload {
  return async () => {
    if (!request.isMultipart()) throw new AppError('unsupported_media_type', { details: { reason: 'multipart/form-data with a "file" field' } });
    const file = await request.file();
    if (!file) throw invalidFields(fieldIssue('body.file', { zh: '请选择要上传的文件', en: 'Choose a file to upload' }));
    return { name: file.filename, data: await file.toBuffer() };
  };
}
