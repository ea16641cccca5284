import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

/**
 * Sanction-rule routes as the hospital unit head. The rules are the organisation's own pack: a
 * unit head reads them and may compute one (003:L448 gives 支行长 the power to fine on the spot),
 * only ever on their own organisation's rules; staff read but do not compute. See access.test.ts.
 */
let t: TestApp;
let head: Session;
let staff: Session;

beforeAll(async () => {
  t = await createTestApp();
  head = await t.login('hosp-unit-head');
  staff = await t.login('hosp-staff');
});
afterAll(async () => t?.close());

describe('unit-head access on sanction-rule routes', () => {
  it("'GET /api/v1/sanction-rules' lists the caller's organisation's rules only", async () => {
    const codes = (await head.get('/api/v1/sanction-rules')).json().items.map((r: { code: string }) => r.code);
    expect(codes).toEqual(['taixing.window_award', 'taixing.model_award', 'huizhou.model_award']); // 001:L195, L441
    expect((await (await t.login('hall-staff')).get('/api/v1/sanction-rules')).json().items.map((r: { code: string }) => r.code)).toEqual(['hall.first_responsibility']);
  });

  it("'POST /api/v1/sanctions/preview' computes on the head's own pack; another sector's rule does not exist there; staff are refused", async () => {
    const own = await head.post('/api/v1/sanctions/preview', { rule: 'taixing.window_award', facts: {} });
    expect(own.json()).toMatchObject({ direction: 'reward', amountFen: 100_000, shares: [{ target: 'unit', count: 1, amountFenEach: 100_000 }] });
    const other = await head.post('/api/v1/sanctions/preview', { rule: 'hall.first_responsibility', facts: {} });
    expect([other.statusCode, other.json().error.code]).toEqual([400, 'rule_unknown']);
    const refused = await staff.post('/api/v1/sanctions/preview', { rule: 'taixing.window_award', facts: {} });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'forbidden']);
  });
});
