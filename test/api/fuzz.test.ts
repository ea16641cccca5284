import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

/**
 * Random invalid input on every route: a 4xx with a stable error code, never a 500.
 * Query keys mix the names our schemas use with junk, so validation paths are reached.
 */
let t: TestApp;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  headers = (await t.login('hosp-admin')).headers;
});
afterAll(async () => t?.close());

const knownKeys = ['page', 'pageSize', 'q', 'sort', 'order', 'parentId', 'kind', 'unitId', 'active', 'role', 'date', 'days', 'from', 'to', 'receivedAt', 'version', 'dryRun', 'actor', 'entity'];
const junkValue = fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String), fc.constantFrom('-1', '0', '1e309', 'NaN', '2026-02-30', '9999-99-99', 'true', '', '%00', '[]', '{}', '2026-09-30T25:00:00+08:00'));
const query = fc.dictionary(fc.oneof(fc.constantFrom(...knownKeys), fc.string({ minLength: 1, maxLength: 6 })), junkValue, { maxKeys: 4 });
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom('code', 'name', 'kind', 'parentId', 'version', 'badgeNo', 'unitIds', 'username', 'password', 'role', 'date', 'periods', 'overrides', 'format', 'content'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
);
const param = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 10 }).map(encodeURIComponent), fc.constantFrom('hall', 'bank', '..', '%2e%2e'));

function fill(url: string, p: string) {
  return url.replace(/:[A-Za-z]+/g, p);
}

describe('no route answers 500 to random input', () => {
  it('covers every API route', () => {
    expect(t.app.routeList.filter((r) => r.url.startsWith('/api/v1/')).length).toBeGreaterThan(30);
  });

  it('the public HTML pages and Open311 never answer 500 either', async () => {
    const routes = t.app.routeList.filter((r) => /^\/(public|r|s|open311)\//.test(r.url));
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(query, body, param, fc.constantFrom('application/json', 'application/x-www-form-urlencoded'), async (q, b, p, type) => {
          const qs = new URLSearchParams(q).toString();
          const payload = type === 'application/json' ? JSON.stringify(b) : new URLSearchParams(Object.entries(typeof b === 'object' && b ? b : { v: b }).map(([k, v]) => [k, String(v)])).toString();
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: `${fill(route.url, p)}${qs ? `?${qs}` : ''}`,
            ...(route.method === 'GET' ? {} : { payload, headers: { 'content-type': type } }),
          });
          if (res.statusCode >= 500) throw new Error(`${route.method} ${route.url} → ${res.statusCode}: ${res.body.slice(0, 300)}`);
        }),
        { numRuns: 15, seed: 20261123 },
      );
    }
  }, 120_000);

  it('random queries, bodies and params give 2xx/4xx with an error code', async () => {
    const tally = { ok: 0, clientError: 0 };
    const routes = t.app.routeList.filter((r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/auth/logout');
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(query, body, param, fc.boolean(), async (q, b, p, asAdmin) => {
          const qs = new URLSearchParams(q).toString();
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: `${fill(route.url, p)}${qs ? `?${qs}` : ''}`,
            headers: asAdmin ? headers : {},
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: b as object }),
          });
          if (res.statusCode >= 500) throw new Error(`${route.method} ${route.url} → ${res.statusCode}: ${res.body}`);
          if (res.statusCode < 400) tally.ok++;
          else tally.clientError++;
          if (res.statusCode >= 400) {
            const error = res.json().error;
            expect(typeof error.code).toBe('string');
            expect(error.messages.zh.length).toBeGreaterThan(0);
            expect(error.messages.en.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 25, seed: 20261122 },
      );
    }
    // The properties really ran, and reached both validation failures and handlers.
    expect(tally.clientError).toBeGreaterThan(routes.length * 10);
    expect(tally.ok).toBeGreaterThan(10);
  }, 120_000);
});
