import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

/**
 * Appraisal template routes as the hall's unit head and staff, and as the hospital's quality
 * office: unit heads read the templates they score with; only the quality office and admins save a
 * version; staff read nothing; another organisation's pack has no such template (404). See access.test.ts.
 */
let t: TestApp;
let head: Session;
let staff: Session;
let office: Session;
let foreign: Session;

beforeAll(async () => {
  t = await createTestApp();
  head = await t.login('hall-unit-head');
  staff = await t.login('hall-staff');
  office = await t.login('hall-quality-office');
  foreign = await t.login('hosp-quality-office');
});
afterAll(async () => t?.close());

const code = (r: { statusCode: number; json: () => { error?: { code: string } } }) => [r.statusCode, r.json().error?.code];

describe('access on appraisal template routes', () => {
  it("'GET /api/v1/appraisal-templates' and 'GET /api/v1/appraisal-templates/:code': managers of the organisation; staff refused; another pack's template not found", async () => {
    expect((await head.get('/api/v1/appraisal-templates')).json().items.map((i: { code: string }) => i.code)).toEqual(['window_staff']);
    expect((await head.get('/api/v1/appraisal-templates/window_staff')).statusCode).toBe(200);
    expect(code(await staff.get('/api/v1/appraisal-templates'))).toEqual([403, 'forbidden']);
    expect(code(await staff.get('/api/v1/appraisal-templates/window_staff'))).toEqual([403, 'forbidden']);
    expect(code(await foreign.get('/api/v1/appraisal-templates/window_staff'))).toEqual([404, 'not_found']);
  });

  it("'POST /api/v1/appraisal-templates/:code/versions': office and admin only; nothing saved by a refused request", async () => {
    const tpl = (await office.get('/api/v1/appraisal-templates/window_staff')).json();
    const definition = { label: tpl.label, post: tpl.post, period: tpl.period, items: tpl.items.map(({ citation: _c, ...i }: { citation: unknown }) => i), stars: tpl.stars.map(({ citation: _c, ...s }: { citation: unknown }) => s), bottom: (({ citation: _c, ...b }) => b)(tpl.bottom), source: tpl.source, decision: tpl.decision };
    expect(code(await head.post('/api/v1/appraisal-templates/window_staff/versions', { basedOnVersion: 1, definition }))).toEqual([403, 'forbidden']);
    expect(code(await staff.post('/api/v1/appraisal-templates/window_staff/versions', { basedOnVersion: 1, definition }))).toEqual([403, 'forbidden']);
    expect(code(await foreign.post('/api/v1/appraisal-templates/window_staff/versions', { basedOnVersion: 1, definition }))).toEqual([404, 'not_found']);
    expect((await office.get('/api/v1/appraisal-templates/window_staff')).json().latestVersion).toBe(1);
    expect((await office.post('/api/v1/appraisal-templates/window_staff/versions', { basedOnVersion: 1, definition })).statusCode).toBe(201);
  });
});
