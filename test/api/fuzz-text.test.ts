import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

/**
 * Hostile text on every route, on SQLite and PostgreSQL (DATABASE_URL): NUL, lone surrogates,
 * invalid percent-encoding, 1 MB strings, 10,000-level bodies and wrong types answer 4xx — never
 * a 5xx, and never a stored record. Bodies are built from each route's OpenAPI schema with valid
 * samples, so that one hostile field at a time reaches the validation (and, for open fields such
 * as survey answers or policy overrides, the handler). Values are sampled per field rather than
 * crossed, to keep the run short.
 */
let t: TestApp;
let admin: Session;
type Doc = { paths: Record<string, Record<string, Operation>> };
type Operation = { parameters?: { in: string; name: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
let doc: Doc;
let unitId: string;
let ratingCode: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('hosp-admin');
  await t.app.ready();
  doc = t.app.swagger() as unknown as Doc;
  // Real records where the schemas point at them, so hostile text gets past the look-ups to the writes.
  const units = (await admin.get('/api/v1/units?pageSize=100')).json().items as { id: string; code: string }[];
  unitId = units.find((u) => u.code === 'H-OPD-REG')!.id;
  ratingCode = (await admin.get(`/api/v1/rating-codes?unitId=${unitId}`)).json().code;
  expect(ratingCode.length).toBeGreaterThan(10);
}, 60_000);
afterAll(async () => t?.close());

const NUL = 'a\u0000b';
const HIGH = 'a\uD800b';
const LOW = '\uDC00z';
const hostile = [NUL, HIGH, LOW];
const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Routes whose success would end the session the fuzzing runs in.
const skipped = new Set(['POST /api/v1/auth/logout']);

let client = 0;
/** Each request from its own address, so that per-client rate limits do not hide what a route answers. */
function send(options: InjectOptions): Promise<LightMyRequestResponse> {
  client++;
  return t.app.inject({ remoteAddress: `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`, ...options });
}

function fill(url: string, value?: string): string {
  const real: Record<string, string> = { orgCode: 'demo-hospital', format: 'json', action: 'comment', kind: 'category', code: ratingCode };
  return url.replace(/:([A-Za-z_]+)/g, (_m, name: string) => value ?? real[name] ?? (name.endsWith('Id') || name === 'id' ? randomUUID() : 'x'));
}

/** The route's documented body with valid samples (a real unit, a real rating code); undefined when it documents none. */
function skeletonOf(r: { method: string; url: string }): unknown {
  if (r.url === '/api/v1/public/ratings') return { code: ratingCode, level: 2, reasons: ['long_wait'], comment: 'x', contactName: 'x', contactPhone: '13800138000' };
  const schema = bodySchema(r);
  if (!schema) return undefined;
  const withUnits = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(withUnits) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'unitId' || k === 'parentId' ? unitId : withUnits(x)])) : v;
  return withUnits(sample(schema));
}
const openApiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}');

const patternSamples = ['A1', 'a1', '2026-10-09', '2026-10', '09:30', 'abc', 'x1', '2026-Q3', '13800138000'];

/** A valid-looking value of a JSON schema: the first enum value, a matching pattern sample, a uuid… */
function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return 'x';
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const union = s.anyOf ?? s.oneOf;
  if (union) return sample(union.find((o) => o.type !== 'null') ?? union[0], depth + 1);
  if (s.allOf) return sample(s.allOf[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'string': {
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '2026-10-09';
      if (s.format === 'date-time') return '2026-10-09T09:30:00+08:00';
      if (s.format === 'email') return 'a@example.com';
      if (s.pattern) return patternSamples.find((p) => new RegExp(s.pattern!).test(p)) ?? 'x';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    }
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items, depth + 1));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, depth + 1);
      if (typeof s.additionalProperties === 'object') out.k = sample(s.additionalProperties, depth + 1);
      return out;
    }
    default:
      return 'x';
  }
}

/** The paths of every string (and open) leaf of a sample body, and whether its object takes extra keys. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [];
}

function setAt(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), leaf);
  return copy;
}

function routesOf(methods: (m: string) => boolean) {
  return t.app.routeList.filter((r) => methods(r.method) && !skipped.has(`${r.method} ${r.url}`) && !r.url.startsWith('/api/docs'));
}
const isPublic = (url: string) => /^\/(public|r|s|open311)\//.test(url) || url.startsWith('/api/v1/public/') || url === '/api/v1/auth/login';
const bodySchema = (r: { method: string; url: string }) => doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;

function describeRes(r: { method: string; url: string }, what: string, res: LightMyRequestResponse) {
  return `${r.method} ${r.url} (${what}) → ${res.statusCode}: ${res.body.slice(0, 300)}`;
}

describe('hostile text never reaches the database', () => {
  it('a NUL or a lone surrogate in any field of any write route is a 4xx with a catalogued code', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const r of routesOf((m) => writeMethods.has(m))) {
      const skeleton = skeletonOf(r) as Record<string, unknown>;
      const paths = leaves(skeleton);
      // A route without a documented body (HTML forms, Open311) gets the fields its forms use.
      const probes = paths.length > 0 ? paths : [['content'], ['comment'], ['contactName'], ['q1']];
      const base = paths.length > 0 ? skeleton : { content: 'x', comment: 'x', contactName: 'x', score: '5', q1: 'x', version: 1 };
      for (const path of probes) {
        for (const [value, body] of [...hostile.map((h) => [h, setAt(base, path, h)]), [NUL, { ...(base as object), [`k${NUL}`]: 'x' }]]) {
          tried++;
          const res = await send({ method: r.method as 'POST', url: fill(r.url), headers: isPublic(r.url) ? {} : admin.headers, payload: body as object });
          if (res.statusCode < 400 || res.statusCode >= 500) failures.push(describeRes(r, `${JSON.stringify(value)} at ${path.join('.')}`, res));
          // Open311 answers in its own error format; HTML forms in a page.
          else if (!r.url.startsWith('/open311/') && res.headers['content-type']?.toString().startsWith('application/json')) expect(res.json().error.messages.en.length).toBeGreaterThan(0);
        }
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 120_000);

  it('the error names the field and says why, in both languages', async () => {
    const res = await admin.post('/api/v1/units', { code: 'NUL-1', name: 'a\u0000b', kind: 'window' });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([expect.objectContaining({ path: 'body.name', messages: { zh: '不能包含空字符或无效的 Unicode 字符', en: 'must not contain NUL or invalid Unicode' } })]);
    // Open fields (survey answers, policy overrides, action inputs) are checked the same way, at their path.
    const deep = await admin.put('/api/v1/policy/overrides', { version: 1, overrides: { 'complaint.note': { text: ['ok', 'x\uDC00'] } } });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.details[0].path).toBe('body.overrides.complaint.note.text.1');
  });

  it('HTML forms and public look-ups refuse %00 in their fields and paths', async () => {
    const forms = routesOf((m) => m === 'POST').filter((r) => /^\/(public|r|s)\//.test(r.url));
    expect(forms.length).toBeGreaterThanOrEqual(5);
    const failures: string[] = [];
    for (const r of forms) {
      for (const field of ['content', 'comment', 'contactName', 'contactPhone', 'reason', 'q1']) {
        const res = await send({ method: 'POST', url: fill(r.url), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `content=ok&score=5&${field}=a%00b` });
        if (res.statusCode >= 500 || (field === 'content' && res.statusCode < 400)) failures.push(describeRes(r, `${field}=%00`, res));
      }
      for (const p of ['%00', 'a%00b', '%ED%A0%80']) {
        const res = await send({ method: 'POST', url: fill(r.url, p), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'content=ok&score=5' });
        if (res.statusCode < 400 || res.statusCode >= 500) failures.push(describeRes(r, `param ${p}`, res));
      }
    }
    for (const q of ['no=%00&code=x', 'no=H-1&code=%00', 'no=%ED%A0%80&code=x', 'no=%ZZ&code=x']) {
      const res = await send({ method: 'GET', url: `/public/complaints/status?${q}` });
      if (res.statusCode < 400 || res.statusCode >= 500) failures.push(`GET /public/complaints/status?${q} → ${res.statusCode}: ${res.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('%00 and invalid percent-encoding in the query or path of any GET route is a 4xx', async () => {
    const failures: string[] = [];
    for (const r of routesOf((m) => m === 'GET')) {
      const op = doc.paths[openApiPath(r.url)]?.get;
      const names = [...new Set(['q', ...(op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)])];
      for (const [i, name] of names.entries()) {
        const bad = ['%00', 'a%00b', '%ED%A0%80', '%ZZ', '%E4%B8'][i % 5];
        const res = await send({ method: 'GET', url: `${fill(r.url)}?${name}=${bad}`, headers: isPublic(r.url) ? {} : admin.headers });
        if (res.statusCode < 400 || res.statusCode >= 500) failures.push(describeRes(r, `?${name}=${bad}`, res));
      }
      if (r.url.includes(':')) {
        for (const p of ['%00', '%ED%A0%80']) {
          const res = await send({ method: 'GET', url: fill(r.url, p), headers: isPublic(r.url) ? {} : admin.headers });
          if (res.statusCode < 400 || res.statusCode >= 500) failures.push(describeRes(r, `param ${p}`, res));
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('huge strings, 10,000-level bodies and wrong types are a 4xx on every write route', async () => {
    const depth = 10_000;
    const deepArray = '['.repeat(depth) + ']'.repeat(depth);
    const deepObject = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const mega = 'x'.repeat(1024 * 1024);
    const failures: string[] = [];
    for (const r of routesOf((m) => writeMethods.has(m))) {
      const skeleton = skeletonOf(r);
      const first = leaves(skeleton)[0] ?? ['content'];
      const wrong = skeleton && typeof skeleton === 'object' ? Object.fromEntries(Object.keys(skeleton).map((k, i) => [k, [[], {}, 12, true, null][i % 5]])) : {};
      const payloads: [string, string][] = [
        ['deep array', deepArray],
        ['deep object', deepObject],
        ['1 MB field', JSON.stringify(setAt(skeleton ?? {}, first, mega))],
        ['5 MB body', JSON.stringify({ content: mega.repeat(5) })],
        ['wrong types', JSON.stringify(wrong)],
        ['a string', '"x"'],
        ['null', 'null'],
      ];
      for (const [what, payload] of payloads) {
        const res = await send({ method: r.method as 'POST', url: fill(r.url), headers: { ...(isPublic(r.url) ? {} : admin.headers), 'content-type': 'application/json' }, payload });
        // A route without a body ignores a flat one; a deep one is refused everywhere.
        const mustRefuse = what.startsWith('deep') || what === '5 MB body' || (bodySchema(r) !== undefined && what !== 'wrong types' && what !== 'null');
        if (res.statusCode >= 500 || (mustRefuse && res.statusCode < 400)) failures.push(describeRes(r, what, res));
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('a header used as data (Idempotency-Key) is held to the same rule', async () => {
    const res = await send({ method: 'POST', url: '/api/v1/public/ratings', headers: { 'idempotency-key': 'key-\u0000-12345678' }, payload: { code: ratingCode, level: 5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'headers.idempotency-key', messages: { en: 'must not contain NUL or invalid Unicode' } });
  });

  it('an upload whose file name holds a NUL is refused', async () => {
    const created = await admin.post('/api/v1/complaints', { content: '窗口排队时间长', channel: 'phone' });
    expect(created.statusCode).toBe(201);
    const boundary = 'fuzzboundary';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''a%00b.txt\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`;
    const res = await send({ method: 'POST', url: `/api/v1/cases/${created.json().id}/attachments`, headers: { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.file');
  });
});

describe('odd but legitimate text is stored and exported whole', () => {
  it('emoji, CJK extension characters and control characters survive the xlsx export', async () => {
    const odd = '窗口😀𠀀𪚥\u0007铃\ttab';
    const units = (await admin.get('/api/v1/units')).json();
    const parentId = (units.items ?? units).find((u: { code: string }) => u.code === 'H-OPD').id;
    const unit = await admin.post('/api/v1/units', { code: 'ODD-1', name: odd, kind: 'window', parentId });
    expect(unit.statusCode).toBe(201);
    for (let i = 0; i < 30; i++) expect((await admin.post('/api/v1/complaints', { content: `投诉 ${i}`, channel: 'phone', unitId: unit.json().id })).statusCode).toBe(201);
    const day = (offset: number) => new Date(t.ctx.clock.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const res = await admin.get(`/api/v1/exports/cases.xlsx?from=${day(-1)}&to=${day(1)}&unitId=${unit.json().id}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    // Every complaint is there, the last one too: the stream did not stop at the odd characters.
    expect(rows.filter((r) => r.some((c) => c.includes('😀𠀀𪚥'))).length).toBe(30);
  });
});
