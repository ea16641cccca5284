import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorCatalogue, type ErrorCode, type Bilingual } from '../../shared/errors.js';

/** The one place where errors become HTTP responses: `{"error":{"code","message","messages","details"}}`. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toAppError(error);
    if (mapped.status >= 500) request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, mapped);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('route_not_found')));
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const messages: Bilingual = error.messages;
  const english = /^en\b/i.test(String(request.headers['accept-language'] ?? ''));
  return reply.status(error.status).send({
    error: {
      code: error.code,
      message: english ? messages.en : `${messages.zh} (${messages.en})`,
      messages,
      details: error.details ?? null,
    },
  });
}

const statusCodes: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'route_not_found',
  406: 'bad_request',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; statusCode?: number; message?: string; validation?: unknown; year?: number };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
      message: v.message,
    }));
    return new AppError('validation_failed', { details });
  }
  // Errors from the engines carry a catalogued code (calendar_year_missing, invalid_date, …).
  if (e?.code && e.code in errorCatalogue && errorCatalogue[e.code as ErrorCode].status < 500) {
    const code = e.code as ErrorCode;
    const details = e.year !== undefined ? { year: e.year } : { reason: e.message };
    const message =
      code === 'calendar_year_missing' && e.year !== undefined
        ? { zh: `${e.year} 年的法定节假日安排尚未发布或导入`, en: `No holiday schedule is published for ${e.year}` }
        : undefined;
    return new AppError(code, { details, message });
  }
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(statusCodes[e.statusCode] ?? 'bad_request', { details: { reason: e.message } });
  }
  return new AppError('internal');
}
