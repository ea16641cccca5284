/** The demo hall's own window-staff template version (issue 21): version 2 beside the pack's 1; seeding again adds nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { seedDemoAppraisalTemplates } from '../../src/demo/appraisal-templates.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('demo appraisal templates', () => {
  it("saves the hall's version 2 once, citing its decision; the hospital has no window-staff template", async () => {
    expect(await seedDemoAppraisalTemplates(t.ctx, 'demo-hall')).toBe(1);
    expect(await seedDemoAppraisalTemplates(t.ctx, 'demo-hall')).toBe(0);
    expect(await seedDemoAppraisalTemplates(t.ctx, 'demo-hospital')).toBe(0);
    const got = (await (await t.login('hall-quality-office')).get('/api/v1/appraisal-templates/window_staff')).json();
    expect(got).toMatchObject({ version: 2, origin: 'organisation', basedOnVersion: 1, createdBy: null });
    expect(got.items.find((i: { code: string }) => i.code === 'satisfaction')).toMatchObject({ max: '35', citation: { decision: { zh: expect.stringContaining('35 分') } } });
  });
});
