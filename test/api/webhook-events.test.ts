import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { sweepDueClocks } from '../../src/modules/cases/sweep.js';
import { createOrganisation } from '../../src/modules/organisations/service.js';
import { createUnit } from '../../src/modules/units/service.js';
import { createStaff } from '../../src/modules/staff/service.js';
import { createUser } from '../../src/modules/users/service.js';
import { systemActor } from '../../src/shared/access.js';

/**
 * Where the webhook events come from (issue 19 item 7): each is queued in the outbox by the change
 * that causes it — a rating, the 差评 rectification it opens, that rectification running late in
 * the deadline sweep, an inspection's score, a sanction becoming final — once.
 */
const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-11-02T12:00:00'));
let t: TestApp;
let admin: Session;
let quality: Session;
const ids: Record<string, string> = {};
let code = '';
let hookId = '';

const outbox = async (subscriptionId: string, type?: string) => {
  let q = t.ctx.db.kysely.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId);
  if (type) q = q.where('event_type', '=', type);
  return (await q.orderBy('created_at').orderBy('id').execute()).map((d) => ({ ...d, body: JSON.parse(d.payload) }));
};

const rate = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: body, remoteAddress: `127.0.2.${Math.floor(Math.random() * 200)}` });

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365, demoOrgs: ['demo-hospital'] });
  admin = await t.login('hosp-admin');
  quality = await t.login('hosp-quality-office');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  code = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json().code;
  const hook = await admin.post('/api/v1/webhooks', { url: 'https://hooks.example.com/youzhi', events: ['rating.received', 'rating.negative', 'rectification.overdue', 'inspection.scored'] });
  expect(hook.statusCode, hook.body).toBe(201);
  hookId = hook.json().id;
}, 120_000);
afterAll(async () => t?.close());

describe('webhook events from their sources', () => {
  it('rating.received for every rating; a 差评 also rating.negative naming the rectification it opened', async () => {
    expect((await rate({ code, level: 5 })).statusCode).toBe(201);
    const negative = await rate({ code, level: 1, reasons: ['attitude'], comment: '收费员不耐烦', contactName: '李女士', contactPhone: '13600000001' });
    expect(negative.statusCode, negative.body).toBe(201);
    const received = await outbox(hookId, 'rating.received');
    expect(received.map((d) => d.body.data.level).sort()).toEqual([1, 5]);
    expect(received.find((d) => d.body.data.level === 1)!.body.data).toMatchObject({ unitId: ids['H-OPD-REG'], negative: true, reasons: ['attitude'] });
    const [opened] = await outbox(hookId, 'rating.negative');
    const stored = await t.ctx.db.kysely.selectFrom('ratings').select(['id', 'case_id']).where('id', '=', opened.body.data.ratingId).executeTakeFirstOrThrow();
    expect(stored.case_id).toBeTruthy();
    expect(opened.body.data).toMatchObject({ caseId: stored.case_id, level: 1 });
    expect(opened.body.data.trackingNo).toMatch(/^ZG/);
    // Not the rater's phone, name or words.
    expect(opened.payload).not.toContain('13600000001');
    expect(opened.payload).not.toContain('不耐烦');
    // Nothing the subscription did not ask for (case.created of the rectification).
    expect(await outbox(hookId, 'case.created')).toEqual([]);
  });

  it('rectification.overdue once, when the sweep finds the rectification late', async () => {
    expect(await outbox(hookId, 'rectification.overdue')).toEqual([]);
    clock.set(at('2026-12-20T10:00:00'));
    await sweepDueClocks(t.ctx, { node: 'test' });
    clock.advance(3 * 24 * 3_600_000);
    await sweepDueClocks(t.ctx, { node: 'test' });
    const overdue = await outbox(hookId, 'rectification.overdue');
    const caseIds = overdue.map((d) => d.body.data.caseId);
    expect(caseIds.length).toBeGreaterThanOrEqual(1);
    expect(caseIds[0]).toBe((await outbox(hookId, 'rating.negative'))[0].body.data.caseId);
    // Once per clock that runs late (call-back and feedback), never again on later sweeps.
    expect(new Set(overdue.map((d) => `${d.body.data.caseId}:${d.body.data.clockId}`)).size).toBe(overdue.length);
    expect(overdue[0].body.data).toMatchObject({ caseType: 'rectification', lateness: expect.stringMatching(/overdue/) });
  });

  it('inspection.scored with the score', async () => {
    clock.set(at('2026-12-24T12:00:00'));
    const created = await quality.post('/api/v1/inspections', { templateCode: 'hospital-scorecard', unitId: ids['H-IM'], kind: 'scheduled', performedAt: '2026-12-24T10:00:00+08:00', results: [{ item: 'fees', cases: 1 }] });
    expect(created.statusCode, created.body).toBe(201);
    const [scored] = await outbox(hookId, 'inspection.scored');
    expect(scored.body.data).toMatchObject({ inspectionId: created.json().id, unitId: ids['H-IM'], score: created.json().score, maxScore: created.json().maxScore });
  });

  it('sanction.final when the appeal window closes, once however often the sweep runs', async () => {
    clock.set(at('2026-03-20T10:00:00'));
    const org = await createOrganisation(t.ctx, { code: 'hook-bank', name: '推送测试银行', sector: 'bank' });
    const sys = systemActor(org.id, 'test');
    const root = await createUnit(t.ctx, sys, { code: 'BANK', name: '市分行', kind: 'organisation' });
    const d1 = (await createUnit(t.ctx, sys, { code: 'D1', name: '营业部', kind: 'department', parentId: root.id })).id;
    const s1 = (await createStaff(t.ctx, sys, { badgeNo: 'S1', name: '员工一', unitIds: [d1] })).id;
    await createUser(t.ctx, sys, { username: 'hook-bank-admin', password: testPassword, role: 'admin' });
    await createUser(t.ctx, sys, { username: 'hook-bank-office', password: testPassword, role: 'quality_office' });
    const bankAdmin = await t.login('hook-bank-admin');
    const office = await t.login('hook-bank-office');
    const hook = (await bankAdmin.post('/api/v1/webhooks', { url: 'https://hooks.example.com/bank', events: ['sanction.final'] })).json();
    const p = await office.post('/api/v1/sanctions', { rule: 'feixian.valid_complaint', facts: { amountFen: 30_000, serious: false }, unitId: d1, staffId: s1 });
    expect(p.statusCode, p.body).toBe(201);
    let row = p.json().created[0];
    for (const [who, step, body] of [[office, 'review', { accept: true }], [office, 'approve', {}], [bankAdmin, 'decide', {}]] as const) {
      const r = await who.post(`/api/v1/sanctions/${row.id}/${step}`, { version: row.version, ...body });
      expect(r.statusCode, r.body).toBe(200);
      row = r.json();
    }
    expect(await outbox(hook.id, 'sanction.final')).toEqual([]);
    clock.set(at('2026-04-01T08:00:00'));
    await Promise.all([bankAdmin.post('/api/v1/sanctions/sweep'), bankAdmin.post('/api/v1/sanctions/sweep')]);
    await bankAdmin.post('/api/v1/sanctions/sweep');
    const finals = await outbox(hook.id, 'sanction.final');
    expect(finals).toHaveLength(1);
    expect(finals[0].body.data).toMatchObject({ sanctionId: row.id, amountFen: 30_000, direction: 'fine', payrollMonth: '2026-04' });
    // The hospital's subscription hears nothing of the bank.
    expect(await outbox(hookId, 'sanction.final')).toEqual([]);
  });
});
