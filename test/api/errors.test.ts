import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { IndicatorDefinitionError, IndicatorInputError } from '../../src/engines/indicators/index.js';
import { periodOf } from '../../src/engines/appraisal/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { errorCatalogue } from '../../src/shared/errors.js';
import { CalendarConfigError, CalendarFormatError, CalendarYearMissingError, InvalidDateError } from '../../src/engines/calendar/index.js';
import { applyAction, WorkflowError } from '../../src/engines/workflow/index.js';
import { ScoringInputError, ScoringTemplateError } from '../../src/engines/scoring/index.js';
import { RuleError } from '../../src/engines/rules/index.js';
import { clockFor, presetFor, PolicyInvalidError, PolicyLookupError, resolvePolicy } from '../../src/policy/index.js';
import { caseTypeOf, registeredCaseTypes } from '../../src/modules/cases/registry.js';

/**
 * Every error has one shape, {"error":{code,message,messages:{zh,en},details}}: the application's,
 * Fastify's (bad JSON, bad URLs, rate limits) and those of Node's HTTP parser, which Fastify
 * never sees as requests. Validation details name the field in both languages.
 */
let t: TestApp;
let admin: Session;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('hosp-admin');
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as net.AddressInfo).port;
});
afterAll(async () => t?.close());

function expectErrorShape(body: unknown, code: string) {
  expect(body).toEqual({
    error: {
      code,
      message: expect.any(String),
      messages: { zh: expect.any(String), en: expect.any(String) },
      details: expect.anything(),
    },
  });
}

/** Sends bytes as they are over a socket (inject and fetch would encode the URL first). */
function rawRequest(bytes: Buffer): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: JSON.parse(rest.join('\r\n\r\n')) });
    });
  });
}

describe('validation details', () => {
  it('name the field and say what is wrong in Chinese and English', async () => {
    const res = await t.anonymous.get('/api/v1/calendar/working-days/add?date=2026-1-1&days=99999');
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'validation_failed');
    const details = res.json().error.details;
    expect(details).toEqual([
      { path: 'querystring.date', message: '日期格式应为 YYYY-MM-DD', messages: { zh: '日期格式应为 YYYY-MM-DD', en: 'must be a date YYYY-MM-DD' } },
      { path: 'querystring.days', message: '不得大于 3660', messages: { zh: '不得大于 3660', en: 'must be at most 3660' } },
    ]);
  });

  it('follow the request language in `message`', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { ...admin.headers, 'accept-language': 'en' }, payload: { code: 'bad code', kind: 'nowhere' } });
    const byPath = Object.fromEntries(res.json().error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath).toMatchObject({
      'body.code': 'may use letters, digits and . _ - only, starting with a letter or digit',
      'body.name': 'is required',
      'body.kind': expect.stringMatching(/^must be one of "organisation", "department"/),
    });
  });

  it('an unknown field is reported at its own path', async () => {
    const res = await admin.post('/api/v1/calendar/overrides', { date: '2026-06-03', kind: 'closure', colour: 'red' });
    expect(res.json().error.details).toEqual([{ path: 'body.colour', message: '未知的键“colour”', messages: { zh: '未知的键“colour”', en: 'unknown key "colour"' } }]);
  });

  it('a duplicate key names the field', async () => {
    const res = await admin.post('/api/v1/units', { code: 'H-OPD', name: '重复的门诊部', kind: 'department' });
    expect(res.statusCode).toBe(409);
    expectErrorShape(res.json(), 'duplicate');
    expect(res.json().error.messages).toEqual({ zh: '单位编码已存在', en: 'Unit code already exists' });
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'body.code', messages: { zh: '单位编码已存在', en: 'Unit code already exists' } })]);
    const user = await admin.post('/api/v1/users', { username: 'hosp-staff', password: 'password-123', role: 'staff' });
    expect([user.statusCode, user.json().error.messages.zh, user.json().error.details[0].path]).toEqual([409, '用户名已存在', 'body.username']);
  });
});

describe('errors outside the routes', () => {
  it('raw UTF-8 in the request line', async () => {
    const res = await rawRequest(Buffer.concat([Buffer.from('GET /api/v1/units?q='), Buffer.from('门诊'), Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]));
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'bad_request');
  });

  it('a malformed header', async () => {
    const res = await rawRequest(Buffer.from('GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n'));
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'bad_request');
  });

  it('bad percent-encoding in the path', async () => {
    const res = await rawRequest(Buffer.from('GET /api/v1/units/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'bad_request');
  });

  it('a body that is not JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{x' });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'bad_request');
  });

  it('the public complaint rate limits (JSON API and HTML form) answer 429 rate_limited with the wait', async () => {
    const post = (url: string, payload: string, type: string) => t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': type }, remoteAddress: '127.0.9.1' });
    for (const [url, payload, type] of [
      ['/api/v1/public/complaints', '{}', 'application/json'],
      ['/public/demo-hospital/complaint', 'content=', 'application/x-www-form-urlencoded'],
    ]) {
      let last = await post(url, payload, type);
      for (let i = 0; i < 10 && last.statusCode !== 429; i++) last = await post(url, payload, type);
      expect([url, last.statusCode]).toEqual([url, 429]);
      expectErrorShape(last.json(), 'rate_limited');
      expect(last.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
    }
  });
});

describe('errors of the engines and the policy layer', () => {
  /** One of each error class, made the way the code makes them. */
  const thrown = (fn: () => unknown): Error => {
    try {
      fn();
    } catch (e) {
      return e as Error;
    }
    throw new Error('nothing was thrown');
  };
  const inquiryLike = { type: 'probe', initial: 'open', states: { open: {} }, actions: { transfer: { label: { zh: '转', en: 'Transfer' }, from: ['open'], variants: { internal: {} } } }, startClocks: [] };
  const samples: Record<string, { error: () => Error; code: string; status: number }> = {
    CalendarYearMissingError: { error: () => new CalendarYearMissingError(2099), code: 'calendar_year_missing', status: 422 },
    InvalidDateError: { error: () => new InvalidDateError('2026-02-30'), code: 'invalid_date', status: 400 },
    CalendarFormatError: { error: () => new CalendarFormatError('not a holiday-cn file'), code: 'calendar_format_invalid', status: 400 },
    CalendarConfigError: { error: () => new CalendarConfigError('periods overlap'), code: 'calendar_config_invalid', status: 400 },
    WorkflowError: { error: () => thrown(() => applyAction(inquiryLike as never, { status: 'open', data: {} }, 'transfer', 'admin', 'sideways')), code: 'unknown_variant', status: 409 },
    ScoringInputError: { error: () => new ScoringInputError([{ path: ['results', 0, 'item'], reason: 'unknown_item', message: { zh: '未知条目', en: 'unknown item' } }] as never), code: 'scoring_invalid', status: 400 },
    ScoringTemplateError: { error: () => new ScoringTemplateError([{ path: ['sections'], reason: 'empty', message: { zh: '没有分节', en: 'no sections' } }] as never), code: 'scoring_template_invalid', status: 400 },
    RuleError: { error: () => new RuleError('amount_out_of_range', 'amountFen', 'feixian.valid_complaint', 'outside 300–500 元', { minFen: 30_000, maxFen: 50_000 }), code: 'amount_out_of_range', status: 400 },
    PolicyLookupError: { error: () => thrown(() => clockFor(presetFor('hall'), 'complaint', 'no_such_clock')), code: 'policy_value_missing', status: 422 },
    PolicyInvalidError: { error: () => thrown(() => resolvePolicy('no-such-sector' as never)), code: 'policy_invalid', status: 400 },
    IndicatorDefinitionError: { error: () => new IndicatorDefinitionError('indicators.0.weight', 'a weight is a non-negative number'), code: 'indicator_definition_invalid', status: 400 },
    IndicatorInputError: { error: () => new IndicatorInputError([{ unitId: 'u1', indicator: 'mystery', input: 'c1', reason: 'not_a_number' }] as never), code: 'indicator_input_invalid', status: 400 },
    AppraisalError: { error: () => thrown(() => periodOf('monthly', '2026-13')), code: 'appraisal_period_invalid', status: 400 },
  };
  let e: TestApp;

  beforeAll(async () => {
    e = await createTestApp({ seed: false });
    // A route that throws what it is told to, added before the app first answers.
    e.app.get('/test/throw/:name', { config: { auth: 'public' } }, async (req) => {
      throw samples[(req.params as { name: string }).name].error();
    });
    // What the PostgreSQL driver throws when the server ends a transaction: an Error with the SQLSTATE as its code.
    e.app.get('/test/contention/:code', { config: { auth: 'public' } }, async (req) => {
      throw Object.assign(new Error('deadlock detected'), { code: (req.params as { code: string }).code });
    });
  });
  afterAll(async () => e?.close());

  it('every error class of src/engines and src/policy has a sample here', () => {
    const root = path.resolve(import.meta.dirname, '../../src');
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [path.join(dir, d.name)] : []));
    const classes = [...files(path.join(root, 'engines')), ...files(path.join(root, 'policy'))].flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/(?<!abstract )class (\w+) extends \w*Error\b/g)].map((m) => m[1]));
    expect(classes.length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(samples).sort()).toEqual([...new Set(classes)].sort());
  });

  it('each answers over HTTP with its catalogued code and status, never 500', async () => {
    for (const [name, sample] of Object.entries(samples)) {
      const error = sample.error();
      expect(error.constructor.name).toBe(name);
      expect(Object.hasOwn(errorCatalogue, (error as { code?: string }).code ?? '')).toBe(true);
      const res = await e.app.inject({ method: 'GET', url: `/test/throw/${name}`, headers: { 'accept-language': 'en' } });
      expect([name, res.statusCode, res.json().error.code]).toEqual([name, sample.status, sample.code]);
      expectErrorShape(res.json(), sample.code);
    }
    // What each carries goes along: the year, the policy issues, the workflow's details.
    expect((await e.app.inject({ method: 'GET', url: '/test/throw/CalendarYearMissingError' })).json().error.details).toEqual({ year: 2099 });
    expect((await e.app.inject({ method: 'GET', url: '/test/throw/PolicyInvalidError' })).json().error.details.issues.length).toBeGreaterThan(0);
    expect((await e.app.inject({ method: 'GET', url: '/test/throw/WorkflowError' })).json().error.details).toEqual({ action: 'transfer', variant: 'sideways' });
    expect((await e.app.inject({ method: 'GET', url: '/test/throw/AppraisalError' })).json().error.details.field).toBe('period');
    expect((await e.app.inject({ method: 'GET', url: '/test/throw/RuleError' })).json().error.details).toEqual({ field: 'amountFen', rule: 'feixian.valid_complaint', minFen: 30_000, maxFen: 50_000 });
  });

  it("every code a registered workflow refuses with (its guards') is catalogued below 500", () => {
    const snapshots = [{}, { waiting: true }, { reply: { channel: 'phone' } }, { verification: { verdict: 'substantiated' } }, { verification: { verdict: 'partly_substantiated' }, causes: ['x'] }, { applicantNotified: true }];
    const codes = new Set(['unknown_action', 'invalid_transition', 'forbidden', 'unknown_variant']);
    expect(registeredCaseTypes().length).toBeGreaterThanOrEqual(4);
    for (const type of registeredCaseTypes()) {
      for (const action of Object.values(caseTypeOf(type)!.workflow.actions)) {
        for (const guard of action.guards ?? []) for (const data of snapshots) codes.add(guard({ status: 'x', data }) ?? 'unknown_action');
      }
    }
    expect(codes.size).toBeGreaterThan(4);
    for (const code of codes) expect([code, Object.hasOwn(errorCatalogue, code) && errorCatalogue[code as keyof typeof errorCatalogue].status < 500]).toEqual([code, true]);
  });

  it("PostgreSQL's deadlock and serialisation failures are a 409 write_contention (the request can be sent again), not a 500", async () => {
    for (const code of ['40P01', '40001']) {
      const res = await e.app.inject({ method: 'GET', url: `/test/contention/${code}` });
      expect([code, res.statusCode, res.json().error.code]).toEqual([code, 409, 'write_contention']);
      expectErrorShape(res.json(), 'write_contention');
    }
    // Another PostgreSQL error stays a 500.
    expect((await e.app.inject({ method: 'GET', url: '/test/contention/23502' })).statusCode).toBe(500);
  });

  it('an uncatalogued error is a 500 internal', async () => {
    const res = await e.app.inject({ method: 'GET', url: '/test/throw/none' });
    expect([res.statusCode, res.json().error.code]).toEqual([500, 'internal']);
  });
});
