import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('smoke', () => {
  it('serves health and lists units for the admin', async () => {
    expect((await t.anonymous.get('/healthz')).statusCode).toBe(200);
    const admin = await t.login('hosp-admin');
    const res = await admin.get('/api/v1/units?pageSize=100');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { code: string }) => u.code)).toContain('H-OPD-REG');
  });
});
