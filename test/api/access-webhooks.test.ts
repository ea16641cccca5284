import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

/**
 * The webhook routes belong to the organisation's administrators: the quality office, a unit head
 * and window staff are refused; another organisation's administrator finds nothing; a read-only
 * API token of the administrator may read but not change. See access.test.ts for the coverage rule.
 */
let t: TestApp;
let admin: Session;
let others: Session[];
let hallAdmin: Session;
let hook: { id: string; version: number };
let deliveryId = '';

async function expectRefused(res: { statusCode: number; body: string; json(): any }, codes = ['forbidden']) {
  expect([403, 404], res.body).toContain(res.statusCode);
  expect(codes).toContain(res.json().error.code);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('hosp-admin');
  others = [await t.login('hosp-quality-office'), await t.login('hosp-unit-head'), await t.login('hosp-staff')];
  hallAdmin = await t.login('hall-admin');
  const created = await admin.post('/api/v1/webhooks', { url: 'https://hooks.example.com/hospital', events: ['case.created'] });
  expect(created.statusCode, created.body).toBe(201);
  hook = created.json();
  // A delivery to resend (it stays pending: nobody runs the job here).
  await admin.post('/api/v1/complaints', { channel: 'phone', content: '推送权限测试' });
  deliveryId = (await t.ctx.db.kysely.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', hook.id).executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

describe("webhook routes: the organisation's administrators only", () => {
  it("'GET /api/v1/webhooks' and 'POST /api/v1/webhooks' are refused to every other role; another organisation lists its own", async () => {
    for (const s of others) {
      await expectRefused(await s.get('/api/v1/webhooks'));
      await expectRefused(await s.post('/api/v1/webhooks', { url: 'https://hooks.example.com/x', events: ['case.created'] }));
    }
    expect((await hallAdmin.get('/api/v1/webhooks')).json().items).toEqual([]);
  });

  it("'GET /api/v1/webhooks/:id', 'PATCH /api/v1/webhooks/:id' and 'DELETE /api/v1/webhooks/:id' refuse other roles and organisations", async () => {
    for (const s of [...others, hallAdmin]) {
      await expectRefused(await s.get(`/api/v1/webhooks/${hook.id}`), ['forbidden', 'not_found']);
      await expectRefused(await s.patch(`/api/v1/webhooks/${hook.id}`, { version: hook.version, url: 'https://evil.example.com/' }), ['forbidden', 'not_found']);
      await expectRefused(await s.delete(`/api/v1/webhooks/${hook.id}?version=${hook.version}`), ['forbidden', 'not_found']);
    }
  });

  it("'POST /api/v1/webhooks/:id/test', 'GET /api/v1/webhooks/:id/deliveries' and 'POST /api/v1/webhook-deliveries/:id/resend' likewise", async () => {
    for (const s of [...others, hallAdmin]) {
      await expectRefused(await s.post(`/api/v1/webhooks/${hook.id}/test`), ['forbidden', 'not_found']);
      await expectRefused(await s.get(`/api/v1/webhooks/${hook.id}/deliveries`), ['forbidden', 'not_found']);
      await expectRefused(await s.post(`/api/v1/webhook-deliveries/${deliveryId}/resend`), ['forbidden', 'not_found']);
    }
  });

  it("an administrator's read-only token reads the subscriptions but changes nothing", async () => {
    const token = (await admin.post('/api/v1/tokens', { name: 'read-only', scope: 'read' })).json().token as string;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: bearer })).statusCode).toBe(200);
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: bearer, payload: { url: 'https://hooks.example.com/y', events: ['case.created'] } });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'token_scope']);
  });

  it('nothing was changed by the refused requests', async () => {
    const after = (await admin.get(`/api/v1/webhooks/${hook.id}`)).json();
    expect(after).toMatchObject({ url: 'https://hooks.example.com/hospital', version: hook.version, active: true });
    expect((await admin.get('/api/v1/webhooks')).json().items).toHaveLength(1);
    const rows = await t.ctx.db.kysely.selectFrom('webhook_deliveries').select(['id', 'event_type']).where('subscription_id', '=', hook.id).execute();
    expect(rows.map((r) => r.event_type)).toEqual(['case.created']);
  });
});
