import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../support/app.js';

/**
 * Authentication runs before validation: every route that needs a caller answers an anonymous
 * request `401 unauthenticated`, the same body whatever its parameters, query string or body —
 * never a 400 describing what the route expects, never a 415 or a parse error. The routes are
 * the registered ones (`app.routeList`), so a route added later is covered without an entry here.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** The rule of the auth plugin: a route says how it is reached; API routes need a caller unless they say otherwise. */
const modeOf = (r: { url: string; auth?: string }) => r.auth ?? (r.url.startsWith('/api/v1/') ? 'required' : 'public');

const fill = (url: string, param: string) => url.replace(/:[A-Za-z_]+/g, param);

const queries = ['', '?month=nope', '?month=2026-13&page=-1&pageSize=99999&from=2026-02-30&to=x', '?a=%00&b[]=1&%ZZ=1', `?q=${'x'.repeat(3000)}`];
const params = ['x', '00000000-0000-4000-8000-000000000000', '..%2f..', 'hall'];
const boundary = 'yz-anon';
const bodies: Pick<InjectOptions, 'payload' | 'headers'>[] = [
  {},
  { payload: '{not json', headers: { 'content-type': 'application/json' } },
  { payload: JSON.stringify({ version: 'x', unknown: true, counts: 'many' }), headers: { 'content-type': 'application/json' } },
  { payload: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { payload: '\u0000\u0001 garbage', headers: { 'content-type': 'text/plain' } },
  {
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u0003\u0004 not a workbook\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  },
  { payload: 'x'.repeat(64), headers: { 'content-type': 'multipart/form-data; boundary=' } },
];

describe('anonymous requests to protected routes', () => {
  it('the protected routes are all the API routes not marked public or optional', () => {
    const protectedRoutes = t.app.routeList.filter((r) => modeOf(r) === 'required');
    expect(protectedRoutes.length).toBeGreaterThan(80);
    // Nothing outside /api/v1 asks for a caller; public pages, /r/, /s/, Open311 and the login stay open.
    expect(protectedRoutes.filter((r) => !r.url.startsWith('/api/v1/'))).toEqual([]);
    const open = t.app.routeList.filter((r) => modeOf(r) !== 'required').map((r) => `${r.method} ${r.url}`);
    for (const route of ['POST /api/v1/auth/login', 'GET /healthz', 'POST /api/v1/public/ratings', 'POST /api/v1/public/survey-responses', 'GET /r/:token', 'POST /r/c/:code', 'GET /s/:code']) {
      expect(open).toContain(route);
    }
    expect(open.filter((r) => r.includes('/open311/')).length).toBeGreaterThan(3);
  });

  it('answer 401 unauthenticated, the same body whatever the query, parameters or body', async () => {
    const routes = t.app.routeList.filter((r) => modeOf(r) === 'required');
    const wrong: string[] = [];
    let sent = 0;
    for (const route of routes) {
      const answers = new Set<string>();
      for (const [i, query] of queries.entries()) {
        for (const [j, body] of bodies.entries()) {
          // Every query with the empty body, every body with one query, a garbage session cookie now and then.
          if (i > 0 && j > 0 && (i + j) % 3 !== 0) continue;
          const cookie = (i + j) % 2 === 1 ? { cookie: 'yz_session=forged-session-id' } : {};
          const res = await t.app.inject({
            method: route.method as InjectOptions['method'],
            url: fill(route.url, params[(i + j) % params.length]) + query,
            ...body,
            headers: { ...body.headers, ...cookie },
          });
          sent++;
          if (res.statusCode !== 401 || res.json().error?.code !== 'unauthenticated') wrong.push(`${route.method} ${route.url}${query.slice(0, 40)} → ${res.statusCode} ${res.body.slice(0, 160)}`);
          answers.add(res.body);
        }
      }
      if (answers.size !== 1) wrong.push(`${route.method} ${route.url} answers differently: ${[...answers].join(' | ').slice(0, 300)}`);
    }
    expect(wrong, wrong.slice(0, 20).join('\n')).toEqual([]);
    expect(sent).toBeGreaterThan(routes.length * 10);
  }, 120_000);

  it('e.g. the dashboard without a session and without its month', async () => {
    const res = await t.anonymous.get('/api/v1/dashboard');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'unauthenticated', details: null });
  });

  it('public routes still answer without a session, and validate their input', async () => {
    expect((await t.anonymous.get('/healthz')).statusCode).toBe(200);
    const login = await t.anonymous.post('/api/v1/auth/login', { username: 'nobody-here', password: 'nope-nope' });
    expect(login.json().error.code).toBe('invalid_credentials');
    const rating = await t.anonymous.post('/api/v1/public/ratings', { level: 9 });
    expect([rating.statusCode, rating.json().error.code]).toEqual([400, 'validation_failed']);
  });
});
