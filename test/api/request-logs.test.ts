import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createTestContext, type TestContext } from '../support/context.js';

/**
 * Issue 12 item 8: request logs are read by more people than the database (an operator, a log
 * shipper): they must not carry what opens an account or a form — API keys, session cookies,
 * bearer tokens, complaint query codes, one-time rating tokens, standing rating and survey codes.
 */
let tc: TestContext;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  tc = await createTestContext();
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp(tc.ctx, { logger: { level: 'info', stream } });
});
afterAll(async () => {
  await app?.close();
  await tc?.cleanup();
});

const secrets = {
  apiKey: 'yzk_SECRET-API-KEY-0001',
  bearer: 'yzt_SECRET-BEARER-0002',
  session: 'SECRET-SESSION-0003',
  queryCode: 'QCODE-SECRET-0004',
  ratingToken: 'RTOKEN-SECRET-0005',
  ratingCode: 'eyJSECRET-STANDING-CODE-0006.abcdefghijklmnopqrstuv',
  surveyCode: 'SURVEY-SECRET-0007',
  surveyToken: 'STOKEN-SECRET-0008',
};

describe('request logs carry no secrets', () => {
  it('redacts keys, tokens and codes in URLs and headers, and keeps the rest of the request line', async () => {
    const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
    await get(`/open311/v2/requests.json?jurisdiction_id=demo-hospital&api_key=${secrets.apiKey}`);
    await get('/api/v1/me', { authorization: `Bearer ${secrets.bearer}`, 'x-api-key': secrets.apiKey });
    await get('/api/v1/me', { cookie: `yz_session=${secrets.session}; yz_csrf=x` });
    await get(`/api/v1/public/complaints/TS202612040001?code=${secrets.queryCode}`);
    await get(`/public/complaints/status?no=TS202612040001&code=${secrets.queryCode}&lang=zh`);
    await get(`/r/${secrets.ratingToken}`);
    await get(`/r/c/${secrets.ratingCode}?lang=en`);
    await app.inject({ method: 'POST', url: `/r/${secrets.ratingToken}`, payload: 'level=5', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await get(`/s/${secrets.surveyCode}`);
    await get(`/s/t/${secrets.surveyToken}`);
    // Whatever a handler logs of a request's headers or a response's cookies is redacted too.
    app.log.info({ req: { headers: { authorization: `Bearer ${secrets.bearer}`, cookie: `yz_session=${secrets.session}`, 'x-api-key': secrets.apiKey } }, res: { headers: { 'set-cookie': `yz_session=${secrets.session}` } } }, 'headers');

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const [name, secret] of Object.entries(secrets)) expect(log, name).not.toContain(secret);
    const urls = lines.map((l) => JSON.parse(l).req?.url).filter(Boolean);
    expect(urls).toContain('/open311/v2/requests.json?jurisdiction_id=demo-hospital&api_key=[redacted]');
    expect(urls).toContain('/public/complaints/status?no=TS202612040001&code=[redacted]&lang=zh');
    expect(urls).toContain('/r/[redacted]');
    expect(urls).toContain('/r/c/[redacted]?lang=en');
    expect(urls).toContain('/s/[redacted]');
    expect(urls).toContain('/s/t/[redacted]');
    expect(urls).toContain('/api/v1/me');
  });
});
