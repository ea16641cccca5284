import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { publicActions } from '../../src/server/rate-limits.js';

/**
 * Issue 12 item 9: a public action has one budget per client, whichever form it arrives by — the
 * JSON API and the plain HTML page of the same action count together, or a client switching
 * between them would get twice the limit.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

type Call = { method: 'GET' | 'POST'; url: string; payload?: string; type?: string };
const json = (url: string, payload = '{}'): Call => ({ method: 'POST', url, payload, type: 'application/json' });
const form = (url: string, payload = 'x=1'): Call => ({ method: 'POST', url, payload, type: 'application/x-www-form-urlencoded' });
const send = (c: Call, remoteAddress: string) =>
  t.app.inject({ method: c.method, url: c.url, remoteAddress, ...(c.payload !== undefined ? { payload: c.payload, headers: { 'content-type': c.type! } } : {}) });

/** Spends the action's whole budget through `first` from one client, then tries `second`. */
async function afterBudget(max: number, first: Call, second: Call, remoteAddress: string) {
  for (let i = 0; i < max; i++) expect((await send(first, remoteAddress)).statusCode, `${first.url} #${i + 1}`).not.toBe(429);
  return send(second, remoteAddress);
}

describe('one budget per client and public action, across its JSON and HTML forms', () => {
  it('complaints: the HTML form spends the JSON budget, and the other way round', async () => {
    const { max } = publicActions.complaint;
    const html = form('/public/demo-hospital/complaint', 'content=');
    const api = json('/api/v1/public/complaints');
    const res = await afterBudget(max, html, api, '127.0.7.1');
    expect([res.statusCode, res.json().error.code]).toEqual([429, 'rate_limited']);
    expect((await afterBudget(max, api, html, '127.0.7.2')).statusCode).toBe(429);
    // Another client still has its own.
    expect((await send(api, '127.0.7.3')).statusCode).toBe(400);
  });

  it('ratings: JSON, one-time link and standing code pages share one budget', async () => {
    const res = await afterBudget(publicActions.rating.max, json('/api/v1/public/ratings'), form('/r/c/not-a-code', 'level=5'), '127.0.7.4');
    expect(res.statusCode).toBe(429);
    expect((await afterBudget(publicActions.rating.max, form('/r/not-a-token', 'level=5'), json('/api/v1/public/ratings'), '127.0.7.5')).statusCode).toBe(429);
  });

  it('surveys: JSON and the survey pages share one budget', async () => {
    expect((await afterBudget(publicActions.survey.max, json('/api/v1/public/survey-responses'), form('/s/not-a-code'), '127.0.7.6')).statusCode).toBe(429);
    expect((await afterBudget(publicActions.survey.max, form('/s/t/not-a-token'), json('/api/v1/public/survey-responses'), '127.0.7.7')).statusCode).toBe(429);
  });

  it('complaint look-ups: the status page and the JSON look-up share one budget (query codes cannot be guessed twice as fast)', async () => {
    const api: Call = { method: 'GET', url: '/api/v1/public/complaints/TS000000000000?code=abcd' };
    const page: Call = { method: 'GET', url: '/public/complaints/status?no=TS000000000000&code=abcd' };
    expect((await afterBudget(publicActions.complaintLookup.max, api, page, '127.0.7.8')).statusCode).toBe(429);
  });

  it('logins keep their own budget, apart from the public forms', async () => {
    await afterBudget(publicActions.complaint.max, json('/api/v1/public/complaints'), json('/api/v1/public/complaints'), '127.0.7.9');
    const login = await send(json('/api/v1/auth/login', JSON.stringify({ username: 'nobody-here', password: 'x' })), '127.0.7.9');
    expect(login.statusCode).toBe(401);
  });
});
