import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, errorCatalogue, type ErrorCode, type Bilingual } from '../../shared/errors.js';
import { fieldIssuesOf, type FieldIssue } from '../../shared/issues.js';
import { isWriteContention } from '../../db/dialect.js';

/**
 * The one place where errors become HTTP responses: `{"error":{"code","message","messages","details"}}`
 * — for the application's errors, Fastify's (bad JSON, rate limits, bad URLs) and the HTTP parser's.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toAppError(error);
    if (mapped.status >= 500) request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, mapped);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('route_not_found')));
}

/** The JSON body of an error in the caller's language (Chinese first unless they ask for English). */
export function errorBody(error: AppError, english: boolean) {
  const messages: Bilingual = error.messages;
  const pick = (m: Bilingual) => (english ? m.en : m.zh);
  // Field issues carry both languages; their `message` follows the request like the error's own.
  const details = Array.isArray(error.details)
    ? error.details.map((d: unknown) => (isFieldIssue(d) ? { ...d, message: pick(d.messages) } : d))
    : (error.details ?? null);
  return {
    error: {
      code: error.code,
      message: english ? messages.en : `${messages.zh} (${messages.en})`,
      messages,
      details,
    },
  };
}

function isFieldIssue(d: unknown): d is FieldIssue {
  const m = (d as FieldIssue | null)?.messages;
  return typeof d === 'object' && d !== null && typeof (d as FieldIssue).path === 'string' && typeof m?.zh === 'string' && typeof m?.en === 'string';
}

const wantsEnglish = (acceptLanguage: unknown) => /^en\b/i.test(String(acceptLanguage ?? ''));

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  return reply.status(error.status).send(errorBody(error, wantsEnglish(request.headers['accept-language'])));
}

/** Fastify's router errors (a path with bad percent-encoding, an over-long parameter). */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendError(request, reply, new AppError('bad_request', { details: { reason: error.message } }));
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (raw UTF-8 or control characters
 * in the request line, a malformed header, headers too large, a timeout): same error shape.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'bad_request';
  const status = errorCatalogue[code].status;
  const body = JSON.stringify(errorBody(new AppError(code, { details: { reason: err.code ?? 'client_error' } }), false));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

const statusCodes: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'route_not_found',
  406: 'bad_request',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
};

/** The request part a validation issue is about, as the client sees it (`body`, `querystring`…). */
function validationIssues(error: { validation: { keyword: string; instancePath: string; message?: string; params?: object }[]; validationContext?: string }): FieldIssue[] {
  // fastify-type-provider-zod keeps each zod issue as { keyword: code, instancePath, message, params: rest }.
  const issues = error.validation.map(
    (v) => ({ ...(v.params ?? {}), code: v.keyword, message: v.message ?? '', path: v.instancePath.split('/').filter(Boolean) }) as unknown as z.core.$ZodIssue,
  );
  return fieldIssuesOf(issues, error.validationContext ?? 'body');
}

/**
 * The one mapping of errors to responses. Besides AppError and Fastify's own, the errors of the
 * engines and the policy layer carry a catalogued `code` and become that error: the calendar's
 * (calendar_year_missing, invalid_date, calendar_format_invalid, calendar_config_invalid), the
 * workflow's (unknown_action, invalid_transition, forbidden, unknown_variant and each guard's own,
 * e.g. reply_required) and the policy's (policy_value_missing, policy_invalid). Their `details`
 * (or `issues`, or the year) go along; PostgreSQL's deadlock and serialisation failures are a 409
 * write_contention; anything else is a 500 and is logged.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; statusCode?: number; message?: string; validation?: unknown; year?: number; details?: unknown; issues?: unknown };
  if (hasZodFastifySchemaValidationErrors(error)) return new AppError('validation_failed', { details: validationIssues(error) });
  if (typeof e?.code === 'string' && Object.hasOwn(errorCatalogue, e.code) && errorCatalogue[e.code as ErrorCode].status < 500) {
    const code = e.code as ErrorCode;
    const details = e.details !== undefined ? e.details : e.issues !== undefined ? { issues: e.issues } : e.year !== undefined ? { year: e.year } : { reason: e.message };
    const message =
      code === 'calendar_year_missing' && e.year !== undefined
        ? { zh: `${e.year} 年的法定节假日安排尚未发布或导入`, en: `No holiday schedule is published for ${e.year}` }
        : undefined;
    return new AppError(code, { details, message });
  }
  // Nothing was written, and the same request again will go through.
  if (isWriteContention(error)) return new AppError('write_contention', { details: { reason: e.message } });
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(statusCodes[e.statusCode] ?? 'bad_request', { details: { reason: e.message } });
  }
  return new AppError('internal');
}
