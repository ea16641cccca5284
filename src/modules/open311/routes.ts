/**
 * Open311 GeoReport v2 at /open311/v2/…{.json,.xml}. The routes are `auth: 'public'` for the
 * auth plugin and check the spec's api_key themselves; errors use the spec's format
 * (`[{"code","description"}]`, `<errors><error>…`) instead of Youzhi's, inside this scope only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { AppError, errorCatalogue, type ErrorCode } from '../../shared/errors.js';
import { str } from '../../shared/fields.js';
import { discoveryDocument, xmlItemNames } from './mapping.js';
import { requireTokenScope } from '../../server/plugins/auth.js';
import { toAppError as appErrorOf } from '../../server/plugins/errors.js';
import * as service from './service.js';
import { open311Posts } from '../../server/rate-limits.js';
import { sha256Hex } from '../../shared/ids.js';
import type { UploadedFile } from '../../shared/upload.js';
import { toXml, type XmlValue } from './xml.js';

type Format = 'json' | 'xml';
const formEncoded = 'application/x-www-form-urlencoded';

function send(reply: FastifyReply, format: Format, root: string, body: XmlValue, status = 200) {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, body, xmlItemNames));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** The format of the answer, from the path suffix; errors before routing default to JSON. */
function formatOf(request: FastifyRequest): Format {
  return /\.xml$/i.test(request.url.split('?')[0]) ? 'xml' : 'json';
}

const statusCodes: Record<number, ErrorCode> = { 400: 'bad_request', 403: 'forbidden', 404: 'route_not_found', 413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'rate_limited' };

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map((v) => `${v.instancePath.replace(/^\//, '').replace(/\//g, '.') || error.validationContext}: ${v.message}`).join('; ');
    return new AppError('validation_failed', { message: { zh: `参数无效：${problems}`, en: `invalid parameters: ${problems}` } });
  }
  // Fastify's own 4xx (malformed JSON, unknown content type, body too large).
  const e = error as { statusCode?: number; message?: string };
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    const code = statusCodes[e.statusCode] ?? 'bad_request';
    return new AppError(code, { message: { zh: `${errorCatalogue[code].zh}：${e.message}`, en: `${errorCatalogue[code].en}: ${e.message}` } });
  }
  // The engines' coded errors (a workflow refusing an action on a closed case…) as everywhere else.
  return appErrorOf(error);
}

/** Field issues a shared check raised (photos, files), named in the one line Open311 has for an error. */
function issuesOf(error: AppError): { zh: string; en: string } | null {
  const issues = Array.isArray(error.details) ? (error.details as { path?: unknown; messages?: { zh?: unknown; en?: unknown } }[]).filter((i) => typeof i?.path === 'string' && i.messages) : [];
  if (!issues.length) return null;
  const field = (p: unknown) => String(p).replace(/^body\./, '');
  return { zh: issues.map((i) => `${field(i.path)}：${String(i.messages!.zh)}`).join('；'), en: issues.map((i) => `${field(i.path)}: ${String(i.messages!.en)}`).join('; ') };
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const english = /^en\b/i.test(String(request.headers['accept-language'] ?? ''));
  const issues = issuesOf(error);
  const messages = issues ? { zh: `${error.messages.zh}：${issues.zh}`, en: `${error.messages.en}: ${issues.en}` } : error.messages;
  const description = english ? messages.en : `${messages.zh} (${messages.en})`;
  return send(reply, formatOf(request), 'errors', [{ code: error.status, description }], error.status);
}

/** api_key as the spec sends it (query or form field), or as a bearer token like the rest of the API. */
function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim();
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.api_key;
  if (typeof fromQuery === 'string') return fromQuery;
  const body = request.body;
  if (body && typeof body === 'object' && !Array.isArray(body) && typeof (body as Record<string, unknown>).api_key === 'string') return (body as Record<string, string>).api_key;
  return undefined;
}

const format = z.enum(['json', 'xml']);
const jurisdiction = str({ error: 'jurisdiction_id (the organisation code) is required' }).trim().min(1).max(40);
const apiKey = str().max(200).optional();
const text = (max: number) => str().max(max).optional();
const coordinate = z.union([z.number(), str().max(30)]).optional();

const listQuery = z.object({
  jurisdiction_id: jurisdiction,
  api_key: apiKey,
  service_request_id: str().max(2000).optional(),
  service_code: str().max(400).optional(),
  start_date: str().max(40).optional(),
  end_date: str().max(40).optional(),
  status: str().max(20).optional(),
});

/** "X is required" for a missing field only: a present but wrong value keeps its own message (too long…). */
const required = (name: string) => str({ error: (issue) => (issue.input === undefined ? `${name} is required` : undefined) });
const lineBreaks = (value: unknown) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : value);
const oneOrMany = (max: number, count: number) => z.union([str().max(max), z.array(str().max(max)).max(count)]);

/**
 * Form fields arrive as strings (repeated ones as lists, attribute[code] gathered by formFields).
 * Fields Youzhi has no use for (device_id) are accepted and dropped; the rest are kept on the case.
 */
const postBody = z.object({
  api_key: apiKey,
  jurisdiction_id: str().trim().max(40).optional(),
  service_code: required('service_code').trim().min(1, 'service_code is required').max(40),
  // The client's text may be 4,000 characters; location and media lines are appended after it.
  description: z.preprocess(lineBreaks, required('description').trim().min(1, 'description is required').max(4000, 'description is too long (at most 4,000 characters)')),
  lat: coordinate,
  long: coordinate,
  address_string: text(200),
  address_id: text(100),
  email: text(100),
  first_name: text(40),
  last_name: text(40),
  phone: text(20),
  media_url: oneOrMany(500, 10).optional(),
  account_id: text(100),
  device_id: text(200),
  attribute: z.record(str().min(1).max(80), oneOrMany(2000, 20)).optional(),
});

/** Files of a multipart request, by request (read in a hook, used by the handler). */
const uploads = new WeakMap<FastifyRequest, UploadedFile[]>();

/** Transport bounds only: the pack's photo rules (count, size, kind) are checked by the service. */
const multipartLimits = { files: 6, fileSize: 10 * 1024 * 1024, fields: 200, fieldSize: 64 * 1024 };

/** A multipart body: its fields as formFields reads a urlencoded one, its non-empty files in order. */
async function readMultipart(request: FastifyRequest): Promise<{ fields: Record<string, unknown>; files: UploadedFile[] }> {
  const params = new URLSearchParams();
  const files: UploadedFile[] = [];
  const bad = (zh: string, en: string) => new AppError('validation_failed', { message: { zh: `media：${zh}`, en: `media: ${en}` } });
  try {
    for await (const part of request.parts({ limits: multipartLimits })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (data.length > 0) files.push({ name: part.filename || `${part.fieldname}.jpg`, data });
      } else params.append(part.fieldname, String(part.value ?? ''));
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') throw bad(`文件过多（最多 ${multipartLimits.files} 个）`, `too many files (at most ${multipartLimits.files})`);
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw bad('文件过大（每个不超过 10 MB）', 'a file is too large (at most 10 MB each)');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw bad('字段过多', 'too many fields');
    throw e;
  }
  return { fields: formFields(params), files };
}

/** A urlencoded body as an object: repeated names become lists, `attribute[code]` goes under `attribute`. */
export function formFields(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attribute: Record<string, string | string[]> = {};
  const add = (target: Record<string, unknown>, key: string, value: string) => {
    const prior = target[key];
    target[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  };
  for (const [key, value] of params) {
    const match = /^attribute\[(.+)\](\[\])?$/.exec(key);
    if (match) add(attribute, match[1], value);
    else add(out, key, value);
  }
  if (Object.keys(attribute).length) out.attribute = attribute;
  return out;
}

export async function open311Routes(root: FastifyInstance, ctx: AppContext) {
  await root.register(
    async (scope) => {
      const app = scope.withTypeProvider<ZodTypeProvider>();
      const tags = ['open311'];
      const read = { auth: 'public' as const, rateLimit: { max: 120, timeWindow: '1 minute' } };

      // The spec's POST format. Parsed here rather than with @fastify/formbody: one content type, this scope only.
      if (!scope.hasContentTypeParser(formEncoded)) {
        scope.addContentTypeParser(formEncoded, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
          done(null, formFields(new URLSearchParams(body as string)));
        });
      }
      scope.setErrorHandler((error, request, reply) => {
        const mapped = toAppError(error);
        if (mapped.status >= 500) request.log.error({ err: error }, 'open311: unhandled error');
        return sendError(request, reply, mapped);
      });
      scope.setNotFoundHandler((request, reply) => sendError(request, reply, notFound()));
      // Clients switch to multipart/form-data when they upload photos: the fields are read as a
      // form body (so api_key is found), the files kept for the handler. Before the key check.
      scope.addHook('preValidation', async (request) => {
        if (!request.isMultipart()) return;
        const { fields, files } = await readMultipart(request);
        request.body = fields;
        uploads.set(request, files);
      });
      // A key that is presented must be valid, on every endpoint; the user it names is the caller.
      scope.addHook('preValidation', async (request) => {
        request.actor = await service.resolveKey(ctx, presentedKey(request));
        requireTokenScope(request);
      });

      const postLimit = scope.rateLimit({
        keyGenerator: (req) => (req.actor ? `open311-key|${sha256Hex(presentedKey(req) ?? '').slice(0, 24)}` : `${req.ip}|open311-post`),
        max: (req) => (req.actor ? open311Posts.perKey.max : open311Posts.perAddress.max),
        timeWindow: open311Posts.perKey.timeWindow,
      });

      // Counted once the key is known (open311Posts); then, before body validation, a client
      // without a key hears 403 whatever it sent.
      const keyedPost = [
        postLimit,
        async (req: FastifyRequest) => {
          service.requireKey(req.actor);
        },
      ];

      app.get('/discovery.:format', { config: read, schema: { tags, summary: 'Open311 discovery document', params: z.object({ format }) } }, (req, reply) =>
        send(reply, req.params.format, 'discovery', discoveryDocument(`${req.protocol}://${req.host}`)),
      );
      app.get('/services.:format', { config: read, schema: { tags, summary: 'Services (complaint categories) of a jurisdiction (organisation code)', params: z.object({ format }), querystring: z.object({ jurisdiction_id: jurisdiction, api_key: apiKey }) } }, async (req, reply) =>
        send(reply, req.params.format, 'services', await service.listServices(ctx, req.query.jurisdiction_id)),
      );
      app.get(
        '/services/:service_code.:format',
        { config: read, schema: { tags, summary: 'Service definition (no extra attributes)', params: z.object({ service_code: str().min(1).max(40), format }), querystring: z.object({ jurisdiction_id: jurisdiction, api_key: apiKey }) } },
        async (req, reply) => send(reply, req.params.format, 'service_definition', await service.getServiceDefinition(ctx, req.query.jurisdiction_id, req.params.service_code)),
      );
      app.post(
        '/requests.:format',
        {
          config: { auth: 'public' },
          schema: { tags, summary: 'File a complaint (api_key required; form-encoded or JSON)', params: z.object({ format }), querystring: z.object({ api_key: apiKey, jurisdiction_id: str().max(40).optional() }), body: postBody },
          preValidation: keyedPost,
        },
        async (req, reply) => {
          const input = { ...req.body, jurisdiction_id: req.body.jurisdiction_id ?? req.query.jurisdiction_id };
          return send(reply, req.params.format, 'service_requests', await service.createServiceRequest(ctx, service.requireKey(req.actor), input, uploads.get(req) ?? []), 201);
        },
      );
      app.get('/requests.:format', { config: read, schema: { tags, summary: 'Service requests of a jurisdiction (≤ 90 days); personal fields need a key', params: z.object({ format }), querystring: listQuery } }, async (req, reply) =>
        send(reply, req.params.format, 'service_requests', await service.listServiceRequests(ctx, req.query, req.actor)),
      );
      app.get(
        '/requests/:service_request_id.:format',
        { config: read, schema: { tags, summary: 'One service request by tracking number', params: z.object({ service_request_id: str().min(1).max(40), format }), querystring: z.object({ jurisdiction_id: jurisdiction, api_key: apiKey }) } },
        async (req, reply) => send(reply, req.params.format, 'service_requests', await service.getServiceRequest(ctx, req.query.jurisdiction_id, req.params.service_request_id, req.actor)),
      );
      app.get(
        '/servicerequestupdates.:format',
        { config: read, schema: { tags, summary: 'Updates of service requests in a window (≤ 90 days): status changes, replies, deadline notices', params: z.object({ format }), querystring: z.object({ jurisdiction_id: jurisdiction, api_key: apiKey, start_date: str().max(40).optional(), end_date: str().max(40).optional() }) } },
        async (req, reply) => send(reply, req.params.format, 'service_request_updates', await service.listServiceRequestUpdates(ctx, req.query, req.actor)),
      );
      app.post(
        '/servicerequestupdates.:format',
        {
          config: { auth: 'public' },
          schema: {
            tags,
            summary: "Add a citizen's comment to an open service request (api_key required)",
            params: z.object({ format }),
            querystring: z.object({ api_key: apiKey, jurisdiction_id: str().max(40).optional() }),
            body: z.object({
              api_key: apiKey,
              jurisdiction_id: str().trim().max(40).optional(),
              service_request_id: required('service_request_id').trim().min(1).max(40),
              description: z.preprocess(lineBreaks, required('description').trim().min(1, 'description is required').max(2000, 'description is too long (at most 2,000 characters)')),
              email: text(100),
              first_name: text(40),
              last_name: text(40),
              media_url: oneOrMany(500, 10).optional(),
            }),
          },
          preValidation: keyedPost,
        },
        async (req, reply) => {
          const input = { ...req.body, jurisdiction_id: req.body.jurisdiction_id ?? req.query.jurisdiction_id };
          return send(reply, req.params.format, 'service_request_updates', await service.createServiceRequestUpdate(ctx, service.requireKey(req.actor), input), 201);
        },
      );
      app.get('/tokens/:token.:format', { config: read, schema: { tags, summary: 'Not supported: POST requests returns the service_request_id at once', params: z.object({ token: str().max(200), format }) } }, () => {
        throw new AppError('not_found', { message: { zh: '不支持 token：提交时即返回 service_request_id', en: 'not supported: POST requests returns the service_request_id synchronously' } });
      });
      // Paths without a .json/.xml suffix (or unknown ones) answer in Open311 format too, also
      // when the web app's catch-all route is mounted.
      app.route({ method: ['GET', 'POST'], url: '/*', config: { auth: 'public' }, schema: { hide: true }, handler: async () => {
          throw notFound();
        } });
    },
    { prefix: '/open311/v2' },
  );
}

/** Names what exists instead of guessing what was wrong with the path asked for. */
function notFound() {
  return new AppError('route_not_found', {
    message: {
      zh: '没有这个 Open311 接口。可用：discovery、services、services/{service_code}、requests、requests/{service_request_id}、servicerequestupdates，后缀 .json 或 .xml',
      en: 'no such Open311 endpoint. Available: discovery, services, services/{service_code}, requests, requests/{service_request_id}, servicerequestupdates, each ending in .json or .xml',
    },
  });
}
