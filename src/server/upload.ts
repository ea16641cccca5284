import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';

export interface UploadedFile {
  name: string;
  data: Buffer;
}

/**
 * The one file of a multipart upload. A second file is refused (400 too_many_files) rather than
 * silently dropped: the sender must not believe both were stored. Form fields are ignored.
 */
export async function readSingleFile(req: FastifyRequest): Promise<UploadedFile | null> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', { details: { reason: 'multipart/form-data with a "file" field' } });
  let file: UploadedFile | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (file) throw tooManyFiles();
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
